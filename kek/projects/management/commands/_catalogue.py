from django.core.management import CommandError

from kek.goals.models import Concept
from kek.regions.models import Region


def current_concept(region: Region) -> Concept:
    """The catalogue belongs to the district's current concept version."""
    concept = Concept.objects.current_for(region)
    if concept is None:
        raise CommandError(f"Für {region.name} gibt es noch kein aktuelles Konzept.")
    return concept
