from django.core.management import BaseCommand

from kek.cms.sites import ensure_site
from kek.core.commands import acting_user, find_district


class Command(BaseCommand):
    help = "Legt die öffentliche Website eines weiteren Landkreises unter eigenem Hostnamen an."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14729")
        parser.add_argument("--hostname", required=True, help="z. B. kek.landkreis-leipzig.de")
        parser.add_argument("--title", help="Titel der Startseite")
        parser.add_argument("--user", help="Benutzer, für den die Seite angelegt wird")

    def handle(self, *args, district: str, hostname: str, title: str | None, user, **options):
        acting_user(user, "wagtailcore.add_site")
        region = find_district(district)
        home = {"title": title or f"Kreisentwicklung {region.name}", "slug": f"kek-{region.ags}"}
        page = ensure_site(region, hostname, home, [])
        self.stdout.write(f"Website für {region.name}: http://{hostname}/ (Seite {page.pk})")
