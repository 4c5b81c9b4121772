"""`kek build-documents [--district AGS] [--now]`: check every document of the districts and
queue a build of those whose inputs changed; `--now` builds them in this process."""

from django.core.management import BaseCommand

from kek.core.commands import find_district
from kek.documents import builds
from kek.documents.models import Build
from kek.goals.models import Concept
from kek.regions.models import Region


class Command(BaseCommand):
    help = (
        "Prüft die Dokumente (Endbericht, Zielsystem, SWOT-Analyse, Projektkatalog, "
        "Evaluierungsberichte) und reiht die ein, deren Daten sich geändert haben; mit --now "
        "werden sie sofort in diesem Prozess erzeugt."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", help="Kreisschlüssel, z. B. 14730 (sonst alle)")
        parser.add_argument("--now", action="store_true", help="sofort erzeugen, ohne Worker")

    def handle(self, *args, district: str | None = None, now: bool = False, **options) -> None:
        for region in self.districts(district):
            queued = builds.refresh(region, enqueue=not now)
            if not now:
                self.stdout.write(f"{region.name}: {len(queued)} Dokument(e) eingereiht.")
                continue
            for build in queued:
                done = builds.run_build(build.pk)
                line = f"{region.name}: {done.kind} (Version {done.concept.version}): "
                if done.state == Build.State.DONE:
                    files = ", ".join(f.name for f in done.files.all())
                    self.stdout.write(line + f"fertig – {files}")
                else:
                    self.stderr.write(line + f"fehlgeschlagen – {done.error}")
            if not queued:
                self.stdout.write(f"{region.name}: alle Dokumente sind aktuell.")

    def districts(self, ags: str | None) -> list[Region]:
        if ags:
            return [find_district(ags)]
        ids = Concept.objects.values_list("region_id", flat=True).distinct()
        return list(Region.objects.filter(pk__in=ids).order_by("name"))
