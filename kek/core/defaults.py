"""Load a district's default content from a data folder (data/nordsachsen by default).

The regions of Germany come first; then every app's loader from the `default_loaders`
registry runs in order (goals: the concept, cms: the site and pages, statistics, projects,
SWOT), all in one transaction."""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from kek.regions.loading import load_regions
from kek.regions.models import Region

from .registry import default_loaders

DEFAULT_DIR = Path(settings.BASE_DIR) / "data" / "nordsachsen"


@dataclass
class Loaded:
    regions: int
    district: Region
    summaries: list[str]


@transaction.atomic
def load_defaults(folder: Path = DEFAULT_DIR) -> Loaded:
    """Idempotent: regions are refreshed; each loader adds only what is missing."""
    spec = yaml.safe_load((folder / "district.yaml").read_text(encoding="utf-8"))
    regions = load_regions()
    region = Region.objects.get(ags=str(spec["region"]))
    summaries = [loader.load(region, folder, spec) for loader in default_loaders]
    return Loaded(regions, region, [summary for summary in summaries if summary])
