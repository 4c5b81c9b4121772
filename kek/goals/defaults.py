"""Default content of the goal system: the district's concept file, imported once.

Registered in GoalsConfig.ready as a default-content loader; a concept that exists already
(perhaps changed by planners) is left as it is."""

from pathlib import Path

from kek.regions.models import Region

from . import exchange
from .concept_db import import_district
from .models import Concept


def load(region: Region, folder: Path, spec: dict) -> str:
    if Concept.objects.filter(region=region).exists():
        return f"Konzept für {region.name}: schon vorhanden, unverändert."
    import_district(region, exchange.read(folder / spec["concept"]))
    return f"Konzept für {region.name}: importiert."
