"""Default content: the example project catalogue of the district's current concept version."""

from pathlib import Path

from kek.committees import defaults as committees
from kek.core.defaults import folder_file
from kek.goals.models import Concept
from kek.regions.models import Region

from . import catalogue_io
from .catalogue_db import import_catalogue
from .evaluation import models_q
from .models import Project, TargetIndicator

DEFAULT_FILE = "catalogue.yaml"


def load(region: Region, folder: Path, spec: dict) -> str:
    """Import the folder's catalogue, but only into a concept without projects or indicators."""
    concept = Concept.objects.current_for(region)
    path = folder_file(folder, spec, "catalogue", DEFAULT_FILE)
    if concept is None or path is None:
        return "Projektkatalog: keine Vorlage."
    if (
        Project.objects.filter(concepts=concept).exists()
        or TargetIndicator.objects.filter(models_q(concept)).exists()
    ):
        return "Projektkatalog: vorhanden, nicht verändert."
    committees.load_first(region, folder, spec)
    catalogue = catalogue_io.read(path)
    import_catalogue(concept, catalogue, file=path.name)
    measurements = sum(1 for _ in catalogue.measurements())
    return (
        f"Projektkatalog: {len(catalogue.projects)} Projekte, {len(catalogue.indicators)} "
        f"Zielindikatoren, {measurements} Messwerte geladen."
    )
