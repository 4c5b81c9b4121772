"""Load a district's default content from a data folder (data/nordsachsen by default)."""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from kek.cms.sites import ensure_site
from kek.goals import exchange
from kek.goals.concept_db import import_district
from kek.goals.models import Concept
from kek.regions.loading import load_regions
from kek.regions.models import Region

DEFAULT_DIR = Path(settings.BASE_DIR) / "data" / "nordsachsen"
# Each app that ships default content adds `load(region, folder, spec) -> str` here; the string
# is a one-line German summary. They run in order, after regions, concept and site exist.
APP_LOADERS: list[str] = [
    "kek.statistics.defaults.load",
    "kek.projects.defaults.load",
    "kek.swot.defaults.load",
]


@dataclass
class Loaded:
    regions: int
    district: Region
    concept_imported: bool
    app_summaries: list[str]


@transaction.atomic
def load_defaults(folder: Path = DEFAULT_DIR) -> Loaded:
    """Idempotent: regions are refreshed; concept and pages are created only when missing."""
    spec = yaml.safe_load((folder / "district.yaml").read_text(encoding="utf-8"))
    regions = load_regions()
    region = Region.objects.get(ags=str(spec["region"]))
    imported = False
    if not Concept.objects.filter(region=region).exists():
        import_district(region, exchange.read(folder / spec["concept"]))
        imported = True
    ensure_site(region, spec.get("hostname", "localhost"), spec["home"], spec.get("pages", []))
    summaries = [import_string(loader)(region, folder, spec) for loader in APP_LOADERS]
    return Loaded(regions, region, imported, summaries)
