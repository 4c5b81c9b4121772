"""Read and write a district's goal system as YAML or XLSX (F4). Pure: imports no Django.

Both formats carry the same content: the concept versions with their adoption and the tree
Handlungsfeld → strategisches Ziel → Teilziel. Keys identify goals across versions and files,
so export → import → export gives the same file. See docs/exchange-format.md.
"""

import datetime as dt
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kek.core import cells, fileio
from kek.core.fileio import FileError, Row, ValueReader, at, place

FORMAT = "kek-concept/1"
STATUSES = ("draft", "consultation", "adopted", "superseded")
LEVELS = ("field", "goal", "subgoal")
WhereOf = dict[int, str]  # id() of a version or goal → its place, for checks across rows
CHILDREN = {"field": "goals", "goal": "subgoals", "subgoal": None}
# Longest text the database takes, per kind and field: the models' max_length, which
# `concept_db.limits()` reads and `kek import-concept` passes in (a test keeps both equal).
LIMITS: dict[str, dict[str, int]] = {
    "version": {"title": 200, "adopted_by": 200, "resolution_number": 100, "resolution_title": 500},
    "goal": {"title": 300, "slug": 80},
}
Limits = Mapping[str, Mapping[str, int]]
# The fields a YAML mapping may have, per kind (a typo is an error, not silently ignored).
TOP_FIELDS = ("format", "district", "versions")
DISTRICT_FIELDS = ("ags", "name")
# A version's own fields: the YAML mapping (with its fields_of_action) and the XLSX columns.
VERSION_COLUMNS = [
    "version",
    "title",
    "horizon_year",
    "status",
    "current",
    "adopted_on",
    "adopted_by",
    "resolution_number",
    "resolution_title",
    "version_note",
    "predecessor",
]
VERSION_FIELDS = (*VERSION_COLUMNS, "fields_of_action")
GOAL_FIELDS = {
    "field": ("key", "title", "slug", "vision", "description", "sdgs", "example", "goals"),
    "goal": ("key", "title", "slug", "description", "sdgs", "example", "subgoals"),
    "subgoal": ("key", "title", "slug", "description", "sdgs", "example"),
}


class ExchangeError(FileError):
    """A user error in a goal-system file; the message is German and names where it is."""


@dataclass
class Goal:
    level: str
    title: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    slug: str = ""
    description: str = ""
    vision: str = ""
    sdgs: list[int] = field(default_factory=list)
    example: bool = False
    children: list["Goal"] = field(default_factory=list)


@dataclass
class Version:
    version: int
    title: str
    horizon_year: int = 2030
    status: str = "draft"
    current: bool = False
    adopted_on: dt.date | None = None
    adopted_by: str = ""
    resolution_number: str = ""
    resolution_title: str = ""  # the adopting agenda item's name (Thema)
    version_note: str = ""
    predecessor: int | None = None
    fields: list[Goal] = field(default_factory=list)

    def goals(self) -> Iterable[Goal]:
        """Every goal object of the version, depth first."""
        stack = list(reversed(self.fields))
        while stack:
            goal = stack.pop()
            yield goal
            stack.extend(reversed(goal.children))


@dataclass
class District:
    ags: str
    name: str
    versions: list[Version]


# ---------------------------------------------------------------------------------------------
# Validation shared by both readers (YAML and XLSX)


class Reader(ValueReader):
    """Turns loosely typed values into the dataclasses, raising ExchangeError with a location."""

    error = ExchangeError

    def __init__(self, file: str, limits: Limits | None = None) -> None:
        super().__init__(file)
        self.limits = LIMITS if limits is None else limits

    def limited(self, kind: str, value: Any, where: str, name: str, required: bool = False) -> str:
        """Text no longer than the database takes for this kind (version, goal) and field."""
        limit = self.limits.get(kind, {}).get(name, 0)
        return self.text(value, where, name, required, limit=limit)

    def slug(self, value: Any, where: str) -> str:
        self.limited("goal", value, where, "slug")
        return super().slug(value, where)

    def sdgs(self, value: Any, where: str) -> list[int]:
        if value is None or value == "":
            return []
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            items: list[Any] = [value]
        elif isinstance(value, str):
            items = [part for part in re.split(r"[,;\s]+", value) if part]
        elif isinstance(value, list):
            items = value
        else:
            raise self.fail(where, "sdgs", "erwartet wird eine Liste von SDG-Nummern (1–17).")
        numbers = sorted({self.integer(item, where, "sdgs", 1, 17) for item in items})
        return numbers

    def status(self, value: Any, where: str) -> str:
        status = self.text(value, where, "status") or "draft"
        if status not in STATUSES:
            raise self.fail(where, "status", f"„{status}“ ist keiner von: {', '.join(STATUSES)}.")
        return status


def check_district(reader: Reader, versions: list[Version], where_of: WhereOf) -> None:
    """Rules that span rows: unique versions, one current, unique keys and slugs per level."""
    seen: set[int] = set()
    current = [v for v in versions if v.current]
    for version in versions:
        where = where_of[id(version)]
        if version.version in seen:
            raise reader.fail(where, "version", f"Version {version.version} kommt doppelt vor.")
        seen.add(version.version)
    for version in versions:
        if version.predecessor is not None and version.predecessor not in seen:
            raise reader.fail(
                where_of[id(version)], "predecessor", f"Version {version.predecessor} fehlt."
            )
    if len(current) > 1:
        raise reader.fail(
            where_of[id(current[1])], "current", "nur eine Version darf aktuell sein."
        )
    for version in versions:
        keys: set[str] = set()
        slugs: dict[str, set[str]] = {level: set() for level in LEVELS}
        for goal in version.goals():
            where = where_of[id(goal)]
            if goal.key in keys:
                raise reader.fail(where, "key", f"Schlüssel {goal.key} kommt doppelt vor.")
            keys.add(goal.key)
            if goal.slug and goal.slug in slugs[goal.level]:
                raise reader.fail(
                    where, "slug", f"„{goal.slug}“ kommt auf dieser Ebene doppelt vor."
                )
            slugs[goal.level].add(goal.slug)


# ---------------------------------------------------------------------------------------------
# YAML


def read_yaml(path: Path, limits: Limits | None = None) -> District:
    reader = Reader(path.name, limits)
    data = fileio.load_yaml(path, ExchangeError)
    if not isinstance(data, dict):
        raise reader.fail(place(1), "", "erwartet wird ein Eintrag mit format, district, versions.")
    if data.get("format") != FORMAT:
        raise reader.fail(at(data, "format"), "format", f"erwartet wird „{FORMAT}“.")
    district = data.get("district") or {}
    if not isinstance(district, dict):
        raise reader.fail(at(data, "district"), "district", "erwartet wird ags und name.")
    raw_versions = data.get("versions")
    if not isinstance(raw_versions, list) or not raw_versions:
        raise reader.fail(
            at(data, "versions"), "versions", "erwartet wird eine Liste von Versionen."
        )
    where_of: WhereOf = {}
    versions = [_yaml_version(reader, item, where_of) for item in raw_versions]
    check_district(reader, versions, where_of)
    _known(reader, data, TOP_FIELDS)
    _known(reader, district, DISTRICT_FIELDS)
    return District(
        ags=reader.text(district.get("ags"), at(data, "district"), "ags"),
        name=reader.text(district.get("name"), at(data, "district"), "name"),
        versions=versions,
    )


def _known(reader: Reader, mapping: Mapping[str, Any], allowed: Iterable[str]) -> None:
    fileio.unknown_fields(mapping, allowed, file=reader.file, error=ExchangeError)


def _mapping(reader: Reader, item: Any, parent_where: str, name: str) -> Mapping[str, Any]:
    if not isinstance(item, dict):
        raise reader.fail(parent_where, name, "erwartet wird ein Eintrag mit Feldern (title: …).")
    return item


def _yaml_version(reader: Reader, item: Any, where_of: WhereOf) -> Version:
    item = _mapping(reader, item, "", "versions")
    where = at(item)
    version = Version(
        version=reader.integer(item.get("version"), at(item, "version"), "version", 1, 9999),
        title=reader.limited(
            "version", item.get("title"), at(item, "title"), "title", required=True
        ),
        horizon_year=reader.integer(
            item.get("horizon_year", 2030), at(item, "horizon_year"), "horizon_year", 2000, 2100
        ),
        status=reader.status(item.get("status"), at(item, "status")),
        current=reader.flag(item.get("current"), at(item, "current"), "current"),
        adopted_on=reader.date(item.get("adopted_on"), at(item, "adopted_on"), "adopted_on"),
        adopted_by=reader.limited(
            "version", item.get("adopted_by"), at(item, "adopted_by"), "adopted_by"
        ),
        resolution_number=reader.limited(
            "version",
            item.get("resolution_number"),
            at(item, "resolution_number"),
            "resolution_number",
        ),
        resolution_title=reader.limited(
            "version",
            item.get("resolution_title"),
            at(item, "resolution_title"),
            "resolution_title",
        ),
        version_note=reader.text(
            item.get("version_note"), at(item, "version_note"), "version_note"
        ),
        predecessor=(
            reader.integer(item["predecessor"], at(item, "predecessor"), "predecessor", 1, 9999)
            if item.get("predecessor") not in (None, "")
            else None
        ),
    )
    where_of[id(version)] = where
    version.fields = _yaml_goals(reader, item, "fields_of_action", "field", where_of)
    _known(reader, item, VERSION_FIELDS)
    return version


def _yaml_goals(
    reader: Reader, parent: Mapping[str, Any], name: str, level: str, where_of: WhereOf
) -> list[Goal]:
    items = parent.get(name) or []
    if not isinstance(items, list):
        raise reader.fail(at(parent, name), name, "erwartet wird eine Liste.")
    goals = []
    for item in items:
        item = _mapping(reader, item, at(parent, name), name)
        goal = Goal(
            level=level,
            title=reader.limited(
                "goal", item.get("title"), at(item, "title"), "title", required=True
            ),
            key=reader.key(item.get("key"), at(item, "key")),
            slug=reader.slug(item.get("slug"), at(item, "slug")),
            description=reader.text(
                item.get("description"), at(item, "description"), "description"
            ),
            vision=reader.text(item.get("vision"), at(item, "vision"), "vision")
            if level == "field"
            else "",
            sdgs=reader.sdgs(item.get("sdgs"), at(item, "sdgs")),
            example=reader.flag(item.get("example"), at(item, "example"), "example"),
        )
        where_of[id(goal)] = at(item)
        child_name = CHILDREN[level]
        if child_name:
            goal.children = _yaml_goals(
                reader, item, child_name, LEVELS[LEVELS.index(level) + 1], where_of
            )
        elif item.get("goals") or item.get("subgoals"):
            raise reader.fail(at(item), "subgoals", "Teilziele haben keine Unterziele.")
        _known(reader, item, GOAL_FIELDS[level])
        goals.append(goal)
    return goals


def write_yaml(district: District, path: Path) -> None:
    data = {
        "format": FORMAT,
        "district": {"ags": district.ags, "name": district.name},
        "versions": [_version_dict(v) for v in district.versions],
    }
    header = (
        "# Zielsystem eines Kreisentwicklungskonzepts (KEK-Austauschformat kek-concept/1).\n"
        "# Import: kek import-concept --district AGS DATEI\n"
    )
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + text, encoding="utf-8")


def _version_dict(version: Version) -> dict[str, Any]:
    data: dict[str, Any] = {
        "version": version.version,
        "title": version.title,
        "horizon_year": version.horizon_year,
        "status": version.status,
        "current": version.current,
    }
    optional = {
        "adopted_on": version.adopted_on,
        "adopted_by": version.adopted_by,
        "resolution_number": version.resolution_number,
        "resolution_title": version.resolution_title,
        "version_note": version.version_note,
        "predecessor": version.predecessor,
    }
    data.update({k: v for k, v in optional.items() if v not in (None, "")})
    data["fields_of_action"] = [_goal_dict(goal) for goal in version.fields]
    return data


def _goal_dict(goal: Goal) -> dict[str, Any]:
    data: dict[str, Any] = {"key": goal.key, "title": goal.title, "slug": goal.slug}
    if goal.level == "field":
        data["vision"] = goal.vision
    if goal.description:
        data["description"] = goal.description
    if goal.sdgs:
        data["sdgs"] = list(goal.sdgs)
    if goal.example:
        data["example"] = True
    child_name = CHILDREN[goal.level]
    if child_name and goal.children:
        data[child_name] = [_goal_dict(child) for child in goal.children]
    return data


# ---------------------------------------------------------------------------------------------
# XLSX: sheet "versions" (one row per version) and sheet "goals" (one row per goal object,
# in order; parent_key links a goal to its field of action or strategic goal).

GOAL_COLUMNS = [
    "version",
    "level",
    "key",
    "parent_key",
    "title",
    "slug",
    "vision",
    "description",
    "sdgs",
    "example",
]
NOTES = [
    ("Austauschformat", FORMAT),
    ("versions", "Eine Zeile je Version des Konzepts; status: " + ", ".join(STATUSES)),
    ("goals", "Eine Zeile je Ziel in der Reihenfolge der Nummerierung"),
    ("level", "field = Handlungsfeld, goal = strategisches Ziel, subgoal = Teilziel"),
    ("parent_key", "Schlüssel des übergeordneten Handlungsfeldes bzw. strategischen Ziels"),
    ("sdgs", "Nummern der UN-Nachhaltigkeitsziele, durch Komma getrennt"),
    ("example", "ja = Beispielinhalt, noch nicht aus dem beschlossenen Konzept"),
]


def write_xlsx(district: District, path: Path) -> None:
    """Text cells defused (`cells.defuse`): a title starting with = stays text; `read_xlsx`
    restores them."""
    book, info = fileio.new_workbook("info")
    info.append(cells.defuse_all(["district_ags", district.ags]))
    info.append(cells.defuse_all(["district_name", district.name]))
    for row in NOTES:
        info.append(list(row))
    versions = book.create_sheet("versions")
    versions.append(VERSION_COLUMNS)
    goals = book.create_sheet("goals")
    goals.append(GOAL_COLUMNS)
    for version in district.versions:
        data = _version_dict(version)
        versions.append(
            cells.defuse_all(
                [
                    version.adopted_on.isoformat()
                    if name == "adopted_on" and version.adopted_on
                    else ("ja" if data.get(name) else "nein")
                    if name == "current"
                    else data.get(name, "")
                    for name in VERSION_COLUMNS
                ]
            )
        )
        for goal, parent_key in _with_parents(version.fields, ""):
            goals.append(
                cells.defuse_all(
                    [
                        version.version,
                        goal.level,
                        goal.key,
                        parent_key,
                        goal.title,
                        goal.slug,
                        goal.vision,
                        goal.description,
                        ", ".join(str(n) for n in goal.sdgs),
                        "ja" if goal.example else "nein",
                    ]
                )
            )
    book.save(path)


def _with_parents(goals: list[Goal], parent_key: str) -> Iterable[tuple[Goal, str]]:
    for goal in goals:
        yield goal, parent_key
        yield from _with_parents(goal.children, goal.key)


def read_xlsx(path: Path, limits: Limits | None = None) -> District:
    reader = Reader(path.name, limits)
    book = fileio.open_workbook(path, ("versions", "goals"), ExchangeError)
    info = {}
    if "info" in book.sheetnames:
        info = {
            row[0]: row[1]
            for row in fileio.sheet_values(book, "info", file=path.name, error=ExchangeError)
            if len(row) > 1 and row[0] and isinstance(row[0], str)
        }
    where_of: WhereOf = {}
    versions = [
        _xlsx_version(reader, row, where_of)
        for row in _rows(book, "versions", VERSION_COLUMNS, path)
    ]
    by_number = {v.version: v for v in versions}
    parents: dict[tuple[int, str], Goal] = {}
    for row in _rows(book, "goals", GOAL_COLUMNS, path):
        _xlsx_goal(reader, row, by_number, parents, where_of)
    check_district(reader, versions, where_of)
    info_place = place(sheet="info")
    return District(
        ags=reader.text(info.get("district_ags"), info_place, "district_ags"),
        name=reader.text(info.get("district_name"), info_place, "district_name"),
        versions=versions,
    )


def _rows(book: Any, sheet: str, columns: list[str], path: Path) -> Iterable[Row]:
    return fileio.sheet_rows(
        book, sheet, columns, file=path.name, error=ExchangeError, allowed=columns
    )


def _xlsx_version(reader: Reader, row: Row, where_of: WhereOf) -> Version:
    where = row.where
    predecessor = row.get("predecessor")
    version = Version(
        version=reader.integer(row.get("version"), where, "version", 1, 9999),
        title=reader.limited("version", row.get("title"), where, "title", required=True),
        horizon_year=reader.integer(
            row.get("horizon_year") or 2030, where, "horizon_year", 2000, 2100
        ),
        status=reader.status(row.get("status"), where),
        current=reader.flag(row.get("current"), where, "current"),
        adopted_on=reader.date(row.get("adopted_on"), where, "adopted_on"),
        adopted_by=reader.limited("version", row.get("adopted_by"), where, "adopted_by"),
        resolution_number=reader.limited(
            "version", row.get("resolution_number"), where, "resolution_number"
        ),
        resolution_title=reader.limited(
            "version", row.get("resolution_title"), where, "resolution_title"
        ),
        version_note=reader.text(row.get("version_note"), where, "version_note"),
        predecessor=reader.integer(predecessor, where, "predecessor", 1, 9999)
        if predecessor not in (None, "")
        else None,
    )
    where_of[id(version)] = where
    return version


def _xlsx_goal(
    reader: Reader,
    row: Row,
    by_number: dict[int, Version],
    parents: dict[tuple[int, str], Goal],
    where_of: WhereOf,
) -> None:
    where = row.where
    number = reader.integer(row.get("version"), where, "version", 1, 9999)
    version = by_number.get(number)
    if version is None:
        raise reader.fail(where, "version", f"Version {number} fehlt im Blatt versions.")
    level = reader.text(row.get("level"), where, "level", required=True)
    if level not in LEVELS:
        raise reader.fail(where, "level", f"„{level}“ ist keiner von: {', '.join(LEVELS)}.")
    goal = Goal(
        level=level,
        title=reader.limited("goal", row.get("title"), where, "title", required=True),
        key=reader.key(row.get("key"), where),
        slug=reader.slug(row.get("slug"), where),
        description=reader.text(row.get("description"), where, "description"),
        vision=reader.text(row.get("vision"), where, "vision") if level == "field" else "",
        sdgs=reader.sdgs(row.get("sdgs"), where),
        example=reader.flag(row.get("example"), where, "example"),
    )
    where_of[id(goal)] = where
    if level == "field":
        version.fields.append(goal)
    else:
        parent_key = reader.text(row.get("parent_key"), where, "parent_key", required=True)
        parent = parents.get((number, parent_key))
        expected = LEVELS[LEVELS.index(level) - 1]
        if parent is None or parent.level != expected:
            raise reader.fail(
                where,
                "parent_key",
                f"kein vorangehendes Element der Ebene {expected} mit diesem Schlüssel.",
            )
        parent.children.append(goal)
    parents[(number, goal.key)] = goal


# ---------------------------------------------------------------------------------------------


def read(path: Path, limits: Limits | None = None) -> District:
    """Read a YAML or XLSX exchange file, chosen by its extension.

    `limits`: the longest texts the database takes (default `LIMITS`).
    """
    readers = {"yaml": read_yaml, "xlsx": read_xlsx}
    return readers[fileio.readable_format(path, error=ExchangeError)](path, limits)


def write(district: District, path: Path) -> None:
    writers = {"yaml": write_yaml, "xlsx": write_xlsx}
    writers[fileio.file_format(path, error=ExchangeError)](district, path)
