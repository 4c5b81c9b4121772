"""Load a district's default content from a data folder (data/nordsachsen by default).

The regions of Germany come first; then every app's loader from the `default_loaders`
registry runs in order (goals: the concept, cms: the site and pages, statistics, projects,
SWOT), all in one transaction.

The folder is user input: `district.yaml` is read with line numbers, its entries are the ones
the loaders declare (`DefaultLoader.keys`), the files it names must lie in the folder, and the
values a loader stores are checked against the model fields first (`check_values`), so a bad
folder gives one German message (file, line, field) and changes nothing."""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from kek.regions.loading import load_regions
from kek.regions.models import Region

from .fileio import FileError, at, load_yaml, unknown_fields
from .registry import default_loaders

DEFAULT_DIR = Path(settings.BASE_DIR) / "data" / "nordsachsen"
SPEC_FILE = "district.yaml"


@dataclass
class Loaded:
    regions: int
    district: Region
    summaries: list[str]


@transaction.atomic
def load_defaults(folder: Path = DEFAULT_DIR) -> Loaded:
    """Idempotent: regions are refreshed; each loader adds only what is missing."""
    spec = read_spec(folder)
    regions = load_regions()
    region = district_of(spec)
    summaries = [loader.load(region, folder, spec) for loader in default_loaders]
    return Loaded(regions, region, [summary for summary in summaries if summary])


def read_spec(folder: Path) -> dict[str, Any]:
    """`district.yaml` of `folder`: a mapping with a district key and only known entries."""
    spec = load_yaml(folder / SPEC_FILE)
    if not isinstance(spec, dict):
        raise FileError(SPEC_FILE, "", "", "Erwartet wird eine Zuordnung (region: …, home: …).")
    keys = {"region", *(key for loader in default_loaders for key in loader.keys)}
    unknown_fields(spec, keys, file=SPEC_FILE)
    if not text(spec.get("region")):
        raise FileError(SPEC_FILE, at(spec), "region", "Die Angabe fehlt (z. B. „14730“).")
    return spec


def district_of(spec: dict[str, Any]) -> Region:
    key = text(spec["region"])
    region = Region.objects.filter(ags=key, level=Region.Level.DISTRICT).first()
    if region is None:
        problem = f"Einen Landkreis mit dem Schlüssel {key} gibt es nicht."
        raise FileError(SPEC_FILE, at(spec, "region"), "region", problem)
    return region


def text(value: Any) -> str:
    """A scalar of a YAML file as text ("" for nothing); lists and mappings are not text."""
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value).strip()


def folder_file(folder: Path, spec: dict[str, Any], key: str, default: str = "") -> Path | None:
    """The file that entry `key` of district.yaml names: a plain file name in the folder.

    Without the entry, `default` if the folder has it; None when there is nothing to load."""
    name = text(spec.get(key))
    if key not in spec:
        name = default if default and (folder / default).is_file() else ""
    if not name:
        return None
    path = folder / name
    if Path(name).name != name or not path.is_file():
        problem = f"„{name}“ ist keine Datei im Datenordner {folder.name}."
        raise FileError(SPEC_FILE, at(spec, key), key, problem)
    return path


def mapping(value: Any, file: str, where: str, field: str = "") -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FileError(file, where, field, "Erwartet wird eine Zuordnung (name: Wert).")
    return value


def entries(value: Any, file: str, where: str, field: str) -> list[Any]:
    """A list entry of a YAML file (nothing is an empty list)."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise FileError(file, where, field, "Erwartet wird eine Liste (- …).")
    return value


def check_values(
    instance: models.Model, names: list[str], file: str, where: str, entry: Any = None
) -> None:
    """The model's own field checks (length, choices, dates, URLs) on the values a file gave;
    the message names the field's line when `entry` is the mapping read from the file."""
    given = set(names)
    exclude = [f.name for f in instance._meta.concrete_fields if f.name not in given]
    try:
        instance.clean_fields(exclude=exclude)
    except ValidationError as exc:
        field, problems = next(iter(exc.message_dict.items()))
        place = at(entry, field) if isinstance(entry, dict) and field in entry else where
        raise FileError(file, place, field, " ".join(problems)) from None


# fail(field, German message) -> the loader's error (with its file and the entry's line).
Fail = Callable[[str, str], Exception]


def flag(entry: dict[str, Any], key: str, default: bool, fail: Fail) -> bool:
    """A yes/no entry of a default-content file: true or false, nothing else."""
    value = entry.get(key, default)
    if not isinstance(value, bool):
        raise fail(key, "Erwartet wird true oder false.")
    return value


def moment(entry: dict[str, Any], key: str, fail: Fail) -> dt.datetime | None:
    """A point in time of a default-content file ("2020-11-02 18:00" or a YAML timestamp), in
    the platform's time zone; empty is None."""
    value = entry.get(key)
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
        except ValueError:
            value = None
    if not isinstance(value, dt.datetime):
        raise fail(
            key, f"„{entry.get(key)}“ ist kein Zeitpunkt; erwartet wird z. B. 2020-11-02 18:00."
        )
    return timezone.make_aware(value) if timezone.is_naive(value) else value
