from django.core.management import BaseCommand, CommandError

from kek.core.commands import acting_user, find_district
from kek.swot import suggestions
from kek.swot.models import SwotSuggestion
from kek.swot.rulebook import RuleError


class Command(BaseCommand):
    help = (
        "Berechnet die SWOT-Vorschläge eines Landkreises aus den Daten neu (Regeln in "
        "data/swot/rules.yaml). Entschiedene Vorschläge bleiben, abgelehnte kommen für dieselben "
        "Daten nicht wieder."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
        parser.add_argument("--user", help="Benutzer, für den berechnet wird")

    def handle(self, *args, district: str, user: str | None, **options) -> None:
        acting_user(user, "swot.refresh_swotsuggestion")
        region = find_district(district)
        try:
            done = suggestions.refresh(region)
        except RuleError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{region.name}: {done.summary()}")
        for s in SwotSuggestion.objects.filter(region=region).select_related("indicator"):
            status, kind = s.get_status_display(), s.get_kind_display()
            self.stdout.write(f"- [{status}] {kind}: {s.indicator.name} ({s.rule})")
