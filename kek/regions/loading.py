"""Load the regions file (data/regions/regions.csv) into the database in bulk."""

import csv
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import Region

REGIONS_FILE = Path(settings.BASE_DIR) / "data" / "regions" / "regions.csv"
FIELDS = ["name", "level", "kind", "nuts", "area_km2"]


def read_regions(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def load_regions(path: Path = REGIONS_FILE) -> int:
    """Create or update every region of the file; returns the number of rows."""
    rows = read_regions(path)
    Region.objects.bulk_create(
        [
            Region(
                ags=row["ags"],
                name=row["name"],
                level=row["level"],
                kind=row.get("kind", ""),
                nuts=row.get("nuts", ""),
                area_km2=row.get("area_km2") or None,
            )
            for row in rows
        ],
        update_conflicts=True,
        unique_fields=["ags"],
        update_fields=FIELDS,
    )
    ids = dict(Region.objects.values_list("ags", "id"))
    regions = list(Region.objects.filter(ags__in=[row["ags"] for row in rows]))
    parent_of = {row["ags"]: row.get("parent_ags") or None for row in rows}
    for region in regions:
        parent = parent_of[region.ags]
        region.parent_id = ids.get(parent) if parent else None
    Region.objects.bulk_update(regions, ["parent"])
    return len(rows)
