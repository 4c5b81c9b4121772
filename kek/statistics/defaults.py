"""Default statistics content: topics, comparison groups and the shipped tables (F5–F7).

Registered as a default-content loader in StatisticsConfig.ready.
Idempotent: topics and groups are created only
when missing (by slug), and a shipped file is imported only if no finished batch with the
same content (SHA-256) exists, so planner changes and later imports are never overwritten.
"""

from pathlib import Path

from kek.core.defaults import SPEC_FILE, entries, text
from kek.core.fileio import FileError, at
from kek.regions.models import Region

from .importer import DATA_DIR, content_hash, ensure_topics, import_bytes
from .models import ComparisonGroup, ImportBatch

TABLES_DIR = DATA_DIR / "tables"


def load(region: Region, folder: Path, spec: dict) -> str:
    ensure_topics()
    groups = ensure_comparison_groups(region, neighbours(spec))
    imported, values = import_tables(TABLES_DIR)
    return (
        f"Statistik: {imported} Tabelle(n) importiert ({values} Werte), "
        f"{groups} Vergleichsgruppe(n) angelegt."
    )


def import_tables(folder: Path) -> tuple[int, int]:
    """Import the files of `folder` not imported yet; returns (files, values added)."""
    done = set(
        ImportBatch.objects.filter(status=ImportBatch.Status.DONE).values_list(
            "content_hash", flat=True
        )
    )
    files = values = 0
    for path in sorted(folder.glob("*.csv")):
        data = path.read_bytes()
        if content_hash(data) in done:
            continue
        batch = import_bytes(data, path.name)
        files += 1
        values += batch.rows_added
    return files, values


def neighbours(spec: dict) -> list[str]:
    """The district keys of `neighbours:` in district.yaml; each must be a known district."""
    where = at(spec, "neighbours")
    keys = [text(key) for key in entries(spec.get("neighbours"), SPEC_FILE, where, "neighbours")]
    known = set(
        Region.objects.filter(ags__in=keys, level=Region.Level.DISTRICT).values_list(
            "ags", flat=True
        )
    )
    for key in keys:
        if key not in known:
            problem = f"Einen Landkreis mit dem Schlüssel „{key}“ gibt es nicht."
            raise FileError(SPEC_FILE, where, "neighbours", problem)
    return keys


def ensure_comparison_groups(district: Region, neighbours: list[str]) -> int:
    """The district's Land, all districts and (if given) its neighbours; returns new groups."""
    state = _state_of(district)
    wanted = [
        ("alle-kreise", "Alle Kreise in Deutschland", ComparisonGroup.Rule.ALL_DISTRICTS, None),
    ]
    if state:
        name = f"Kreise in {state.name}"
        wanted.insert(0, ("kreise-im-land", name, ComparisonGroup.Rule.STATE_DISTRICTS, state))
    if neighbours:
        wanted.append(("nachbarkreise", "Nachbarkreise", ComparisonGroup.Rule.LIST, None))
    created = 0
    for position, (slug, name, rule, group_state) in enumerate(wanted, start=1):
        group, new = ComparisonGroup.objects.get_or_create(
            district=district,
            slug=slug,
            defaults={"name": name, "rule": rule, "state": group_state, "position": position},
        )
        if new and rule == ComparisonGroup.Rule.LIST:
            group.members.set(Region.objects.filter(ags__in=[str(key) for key in neighbours]))
        created += new
    return created


def _state_of(region: Region) -> Region | None:
    current = region.parent
    while current is not None and current.level != Region.Level.STATE:
        current = current.parent
    return current
