"""Default content of the goal system: the district's concept file, imported once.

Registered in GoalsConfig.ready as a default-content loader; a concept that exists already
(perhaps changed by planners) is left as it is."""

from pathlib import Path

from kek.committees import defaults as committees
from kek.core.defaults import folder_file
from kek.regions.models import Region

from . import exchange
from .concept_db import import_district, limits
from .models import Concept


def load(region: Region, folder: Path, spec: dict) -> str:
    if Concept.objects.filter(region=region).exists():
        return f"Konzept für {region.name}: schon vorhanden, unverändert."
    path = folder_file(folder, spec, "concept")
    if path is None:
        return f"Konzept für {region.name}: keine Vorlage."
    committees.load_first(region, folder, spec)
    import_district(region, exchange.read(path, limits()))
    return f"Konzept für {region.name}: importiert."
