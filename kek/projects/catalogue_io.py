"""Read and write a concept version's project catalogue as XLSX or YAML (F17). Pure: no Django.

Both formats carry the same content: projects with their milestones, target indicators (of a
project, a strategic goal or a sub-goal) with their measured values. Projects are identified by
their number, indicators by their key, measured values by indicator and date, so that
export → import → export gives the same content. See docs/catalogue-format.md.

Numbers keep up to 15 significant digits (what a spreadsheet cell holds).
"""

import datetime as dt
import re
import uuid
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from kek.core import cells, fileio
from kek.core.fileio import FileError, ValueReader, at, place
from kek.evaluation.methods import ESTIMATORS, METHODS, NO_TARGET_PROFILES

FORMAT = "kek-catalogue/1"
STATUSES = ("idea", "planned", "in_progress", "completed", "stopped")
PRIORITIES = ("high", "medium", "low")
DIRECTIONS = ("increase", "decrease")
PROFILES = tuple(NO_TARGET_PROFILES)
OWNER_LEVELS = ("project", "goal", "subgoal")
GOAL_NUMBER = re.compile(r"^\d+\.\d+$")
SUBGOAL_NUMBER = re.compile(r"^\d+\.\d+\.\d+$")
CENT = Decimal("0.01")
# Longest text the database takes, per field (checked against the models in the tests).
LIMITS = {
    "number": 20,
    "title": 300,
    "slug": 80,
    "lead_body": 200,
    "funding_programme": 200,
    "resolution_body": 200,  # the committee's name (committees.Organization)
    "resolution_number": 100,  # the paper's reference (committees.Paper)
    "resolution_title": 500,  # the agenda item's subject (committees.AgendaItem)
    "unit": 60,
    "series_indicator": 60,
    "series_disaggregation": 200,
    "source": 300,
    "note": 500,
}


# A project's own fields, the same in YAML and XLSX; the resolution is a mapping in YAML and
# four columns in XLSX.
PROJECT_FIELDS = (
    "number",
    "title",
    "slug",
    "description",
    "subgoals",
    "lead_body",
    "leads",
    "partners",
    "municipalities",
    "status",
    "progress",
    "priority",
    "start",
    "end",
    "cost_estimate",
    "funding_programme",
    "funding_share",
)
# The fields a YAML mapping may have, per kind (a typo is an error, not silently ignored).
YAML_FIELDS = {
    "top": ("format", "district", "concept_version", "projects", "indicators"),
    "district": ("ags", "name"),
    "project": (
        *PROJECT_FIELDS,
        "resolution",
        "weight",
        "example",
        "milestones",
        "indicators",
    ),
    "resolution": ("body", "number", "date", "title"),
    "milestone": ("date", "title", "done"),
    "measurement": ("date", "value", "source", "note"),
}

Getter = Callable[[str], Any]  # field name → raw value
Locator = Callable[[str], str]  # field name → "Blatt …, Zeile …" or "Zeile …"


class CatalogueError(FileError):
    """A user error in a catalogue file; German message naming file, sheet/line, row and field."""


def _where() -> Any:
    return field(default="", compare=False, repr=False)


@dataclass
class Resolution:
    date: dt.date
    title: str
    body: str = "Kreistag"
    number: str = ""


@dataclass
class Milestone:
    date: dt.date
    title: str
    done: bool = False
    where: str = _where()


@dataclass
class Measurement:
    date: dt.date
    value: float
    source: str = ""
    note: str = ""
    where: str = _where()


@dataclass
class Indicator:
    owner: str  # project number, goal number (1.2) or sub-goal number (1.2.3)
    owner_level: str  # project, goal or subgoal
    title: str
    key: str = field(default_factory=lambda: str(uuid.uuid4()))
    definition: str = ""
    unit: str = ""
    direction: str = "increase"
    method: str = "open-sdg"
    threshold_profile: str = "default"
    estimator: str = "slope"
    baseline_value: float | None = None
    baseline_year: int | None = None
    target_value: float | None = None
    target_year: int | None = None
    weight: float = 1.0
    series_indicator: str = ""
    series_region: str = ""
    series_disaggregation: str = ""
    measurements: list[Measurement] = field(default_factory=list)
    where: str = _where()


@dataclass
class Project:
    number: str
    title: str
    slug: str = ""
    description: str = ""
    subgoals: list[str] = field(default_factory=list)
    lead_body: str = ""
    leads: list[str] = field(default_factory=list)
    partners: str = ""
    municipalities: list[str] = field(default_factory=list)
    status: str = "idea"
    progress: int | None = None
    priority: str = "medium"
    start: dt.date | None = None
    end: dt.date | None = None
    cost_estimate: Decimal | None = None
    funding_programme: str = ""
    funding_share: Decimal | None = None
    resolution: Resolution | None = None
    weight: Decimal = Decimal("1.00")
    example: bool = False
    milestones: list[Milestone] = field(default_factory=list)
    where: str = _where()


@dataclass
class Catalogue:
    """The catalogue of one concept version; district and version are informative."""

    projects: list[Project] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    district_ags: str = ""
    district_name: str = ""
    concept_version: int | None = None

    def measurements(self) -> Iterator[tuple[Indicator, Measurement]]:
        for indicator in self.indicators:
            for measurement in indicator.measurements:
                yield indicator, measurement


def number_key(number: str) -> tuple[int | str, ...]:
    """Sort goal numbers as numbers: 1.2 before 1.10."""
    return tuple(int(part) if part.isdigit() else part for part in number.split("."))


# ---------------------------------------------------------------------------------------------
# Validation shared by both readers


class CatalogueReader(ValueReader):
    """The kit's value checks, plus the catalogue's own types."""

    error = CatalogueError

    def limited(self, value: Any, where: str, name: str, required: bool = False) -> str:
        text = self.text(value, where, name, required)
        limit = LIMITS.get(name)
        if limit and len(text) > limit:
            raise self.fail(where, name, f"höchstens {limit} Zeichen (hier {len(text)}).")
        return text

    def choice(
        self, value: Any, where: str, name: str, allowed: tuple[str, ...], default: str
    ) -> str:
        text = self.text(value, where, name) or default
        if text not in allowed:
            raise self.fail(where, name, f"„{text}“ ist keiner von: {', '.join(allowed)}.")
        return text

    def number(self, value: Any, where: str, name: str) -> float | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float, str, Decimal)):
            raise self.fail(where, name, "erwartet wird eine Zahl.")
        if isinstance(value, str):
            value = _german_number(value)
        try:
            result = float(value)
        except ValueError:
            raise self.fail(where, name, f"„{value}“ ist keine Zahl.") from None
        if result != result or result in (float("inf"), float("-inf")):
            raise self.fail(where, name, f"„{value}“ ist keine Zahl.")
        return result

    def required_number(self, value: Any, where: str, name: str) -> float:
        result = self.number(value, where, name)
        if result is None:
            raise self.fail(where, name, "darf nicht leer sein.")
        return result

    def decimal(self, value: Any, where: str, name: str, low: float, high: float) -> Decimal | None:
        result = self.number(value, where, name)
        if result is None:
            return None
        if not low <= result <= high:
            raise self.fail(where, name, f"erwartet wird eine Zahl von {low:g} bis {high:g}.")
        try:
            return Decimal(repr(result)).quantize(CENT)
        except InvalidOperation:
            raise self.fail(where, name, f"„{value}“ ist keine Zahl.") from None

    def optional_integer(
        self, value: Any, where: str, name: str, low: int, high: int
    ) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self.integer(value, where, name, low, high)

    def required_date(self, value: Any, where: str, name: str) -> dt.date:
        result = self.date(value, where, name)
        if result is None:
            raise self.fail(where, name, "darf nicht leer sein.")
        return result

    def items(self, value: Any, where: str, name: str) -> list[str]:
        """A list, or text separated by semicolons (or commas)."""
        if value is None or value == "":
            return []
        if isinstance(value, list):
            parts = [self.text(item, where, name) for item in value]
        else:
            parts = re.split(r"[;,]", self.text(value, where, name))
        return [part.strip() for part in parts if part.strip()]

    def slug(self, value: Any, where: str) -> str:
        self.limited(value, where, "slug")
        return super().slug(value, where)


def _german_number(text: str) -> str:
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        return text.replace(".", "").replace(",", ".")
    return text.replace(",", ".")


def _project(
    reader: CatalogueReader, get: Getter, where: Locator, resolution: Resolution | None
) -> Project:
    """A project from a mapping-like `get(name)`; `where(name)` locates a field."""
    subgoals = reader.items(get("subgoals"), where("subgoals"), "subgoals")
    for number in subgoals:
        if not SUBGOAL_NUMBER.match(number):
            raise reader.fail(
                where("subgoals"), "subgoals", f"„{number}“ ist keine Teilzielnummer (z. B. 1.2.3)."
            )
    status = reader.choice(get("status"), where("status"), "status", STATUSES, "idea")
    start = reader.date(get("start"), where("start"), "start")
    end = reader.date(get("end"), where("end"), "end")
    if start and end and end < start:
        raise reader.fail(where("end"), "end", "das Ende liegt vor dem Beginn.")
    return Project(
        number=reader.limited(get("number"), where("number"), "number", required=True),
        title=reader.limited(get("title"), where("title"), "title", required=True),
        slug=reader.slug(get("slug"), where("slug")),
        description=reader.text(get("description"), where("description"), "description"),
        subgoals=sorted(set(subgoals), key=number_key),
        lead_body=reader.limited(get("lead_body"), where("lead_body"), "lead_body"),
        leads=sorted(set(reader.items(get("leads"), where("leads"), "leads"))),
        partners=reader.text(get("partners"), where("partners"), "partners"),
        municipalities=sorted(
            set(reader.items(get("municipalities"), where("municipalities"), "municipalities"))
        ),
        status=status,
        progress=reader.optional_integer(get("progress"), where("progress"), "progress", 0, 100),
        priority=reader.choice(
            get("priority"), where("priority"), "priority", PRIORITIES, "medium"
        ),
        start=start,
        end=end,
        cost_estimate=reader.decimal(
            get("cost_estimate"), where("cost_estimate"), "cost_estimate", 0, 1e12 - 0.01
        ),
        funding_programme=reader.limited(
            get("funding_programme"), where("funding_programme"), "funding_programme"
        ),
        funding_share=reader.decimal(
            get("funding_share"), where("funding_share"), "funding_share", 0, 100
        ),
        resolution=resolution,
        weight=_or_one(reader.decimal(get("weight"), where("weight"), "weight", 0, 9999.99)),
        example=reader.flag(get("example"), where("example"), "example"),
    )


def _or_one(weight: Decimal | None) -> Decimal:
    return Decimal("1.00") if weight is None else weight


def _resolution(
    reader: CatalogueReader, values: Mapping[str, Any], where: str
) -> Resolution | None:
    """From the four resolution_* fields; all empty = no resolution."""
    if all(values.get(name) in (None, "") for name in ("body", "number", "date", "title")):
        return None
    return Resolution(
        body=reader.limited(values.get("body"), where, "resolution_body") or "Kreistag",
        number=reader.limited(values.get("number"), where, "resolution_number"),
        date=reader.required_date(values.get("date"), where, "resolution_date"),
        title=reader.limited(values.get("title"), where, "resolution_title", required=True),
    )


def _indicator(
    reader: CatalogueReader, get: Getter, where: Locator, owner: str, owner_level: str
) -> Indicator:
    baseline_year = reader.optional_integer(
        get("baseline_year"), where("baseline_year"), "baseline_year", 1900, 2100
    )
    target_year = reader.optional_integer(
        get("target_year"), where("target_year"), "target_year", 1900, 2100
    )
    weight = reader.number(get("weight"), where("weight"), "weight")
    if weight is not None and weight < 0:
        raise reader.fail(where("weight"), "weight", "darf nicht negativ sein.")
    return Indicator(
        key=reader.key(get("key"), where("key")),
        owner=owner,
        owner_level=owner_level,
        title=reader.limited(get("title"), where("title"), "title", required=True),
        definition=reader.text(get("definition"), where("definition"), "definition"),
        unit=reader.limited(get("unit"), where("unit"), "unit"),
        direction=reader.choice(
            get("direction"), where("direction"), "direction", DIRECTIONS, "increase"
        ),
        method=reader.choice(get("method"), where("method"), "method", METHODS, "open-sdg"),
        threshold_profile=reader.choice(
            get("threshold_profile"),
            where("threshold_profile"),
            "threshold_profile",
            PROFILES,
            "default",
        ),
        estimator=reader.choice(
            get("estimator"), where("estimator"), "estimator", ESTIMATORS, "slope"
        ),
        baseline_value=reader.number(
            get("baseline_value"), where("baseline_value"), "baseline_value"
        ),
        baseline_year=baseline_year,
        target_value=reader.number(get("target_value"), where("target_value"), "target_value"),
        target_year=target_year,
        weight=1.0 if weight is None else weight,
        series_indicator=reader.limited(
            get("series_indicator"), where("series_indicator"), "series_indicator"
        ),
        series_region=reader.text(get("series_region"), where("series_region"), "series_region"),
        series_disaggregation=reader.limited(
            get("series_disaggregation"), where("series_disaggregation"), "series_disaggregation"
        ),
    )


def _owner_level(
    reader: CatalogueReader, owner: str, level: str, projects: Container[str], where: str
) -> str:
    """Check a stated owner level, or infer it: project number, else 1.2 / 1.2.3 pattern."""
    if level and level not in OWNER_LEVELS:
        raise reader.fail(
            where, "owner_level", f"„{level}“ ist keiner von: project, goal, subgoal."
        )
    pattern = (
        "subgoal" if SUBGOAL_NUMBER.match(owner) else "goal" if GOAL_NUMBER.match(owner) else ""
    )
    if not level:
        if owner in projects and pattern:
            raise reader.fail(
                where, "owner_level", f"„{owner}“ ist Projekt- und Zielnummer; bitte angeben."
            )
        level = "project" if owner in projects else pattern
    if level == "project" and owner not in projects:
        raise reader.fail(where, "owner", f"ein Projekt „{owner}“ gibt es in der Datei nicht.")
    if level in ("goal", "subgoal") and level != pattern:
        example = "1.2" if level == "goal" else "1.2.3"
        raise reader.fail(where, "owner", f"„{owner}“ ist keine Nummer wie {example}.")
    if not level:
        raise reader.fail(
            where, "owner", f"„{owner}“ ist weder eine Projektnummer noch eine Zielnummer."
        )
    return level


def _measurement(reader: CatalogueReader, get: Getter, where: Locator) -> Measurement:
    return Measurement(
        date=reader.required_date(get("date"), where("date"), "date"),
        value=reader.required_number(get("value"), where("value"), "value"),
        source=reader.limited(get("source"), where("source"), "source"),
        note=reader.limited(get("note"), where("note"), "note"),
        where=where(""),
    )


def _milestone(reader: CatalogueReader, get: Getter, where: Locator) -> Milestone:
    return Milestone(
        date=reader.required_date(get("date"), where("date"), "date"),
        title=reader.limited(get("title"), where("title"), "title", required=True),
        done=reader.flag(get("done"), where("done"), "done"),
        where=where(""),
    )


def check_catalogue(reader: CatalogueReader, catalogue: Catalogue) -> None:
    """Rules that span rows: unique numbers, slugs, keys, and one value per indicator and day."""
    numbers: set[str] = set()
    slugs: set[str] = set()
    for project in catalogue.projects:
        if project.number in numbers:
            raise reader.fail(
                project.where, "number", f"Projektnummer {project.number} kommt doppelt vor."
            )
        numbers.add(project.number)
        if project.slug and project.slug in slugs:
            raise reader.fail(project.where, "slug", f"„{project.slug}“ kommt doppelt vor.")
        slugs.add(project.slug)
    keys: set[str] = set()
    for indicator in catalogue.indicators:
        if indicator.key in keys:
            raise reader.fail(
                indicator.where, "key", f"Schlüssel {indicator.key} kommt doppelt vor."
            )
        keys.add(indicator.key)
        days: set[dt.date] = set()
        for measurement in indicator.measurements:
            if measurement.date in days:
                raise reader.fail(
                    measurement.where,
                    "date",
                    f"für {measurement.date:%d.%m.%Y} gibt es schon einen Messwert.",
                )
            days.add(measurement.date)


# ---------------------------------------------------------------------------------------------
# XLSX: one sheet per kind of row; rows link by project number and indicator key.

PROJECT_COLUMNS = [
    *PROJECT_FIELDS,
    "resolution_body",
    "resolution_number",
    "resolution_date",
    "resolution_title",
    "weight",
    "example",
]
MILESTONE_COLUMNS = ["project", "date", "title", "done"]
INDICATOR_COLUMNS = [
    "key",
    "owner",
    "owner_level",
    "title",
    "definition",
    "unit",
    "direction",
    "method",
    "threshold_profile",
    "estimator",
    "baseline_value",
    "baseline_year",
    "target_value",
    "target_year",
    "weight",
    "series_indicator",
    "series_region",
    "series_disaggregation",
]
MEASUREMENT_COLUMNS = ["indicator", "date", "value", "source", "note"]
OPTIONAL_COLUMNS = {"owner_level"}
SHEETS = {
    "projects": PROJECT_COLUMNS,
    "milestones": MILESTONE_COLUMNS,
    "indicators": INDICATOR_COLUMNS,
    "measurements": MEASUREMENT_COLUMNS,
}
NOTES = [
    ("Austauschformat", FORMAT),
    ("projects", "Eine Zeile je Projekt; number ist die Projektnummer"),
    ("subgoals", "Nummern der Teilziele, durch Semikolon getrennt, z. B. 1.2.1; 2.1.3"),
    ("leads", "Benutzernamen der Projektverantwortlichen, durch Semikolon getrennt"),
    ("municipalities", "Amtliche Gemeindeschlüssel (8-stellig), durch Semikolon getrennt"),
    ("status", ", ".join(STATUSES)),
    ("priority", ", ".join(PRIORITIES)),
    ("progress", "Umsetzungsstand in Prozent; leer = Standardwert des Status"),
    ("milestones", "Eine Zeile je Meilenstein; project = Projektnummer; done: ja/nein"),
    ("indicators", "Eine Zeile je Zielindikator; key = Schlüssel (UUID), leer = neu"),
    ("owner", "Projektnummer, Nummer eines strategischen Ziels (1.2) oder Teilziels (1.2.3)"),
    ("owner_level", "project, goal oder subgoal (nur nötig, wenn die Nummer mehrdeutig ist)"),
    ("direction", ", ".join(DIRECTIONS)),
    ("method", ", ".join(METHODS)),
    ("threshold_profile", ", ".join(PROFILES)),
    ("estimator", ", ".join(ESTIMATORS)),
    ("measurements", "Eine Zeile je Messwert; indicator = Schlüssel des Zielindikators"),
    ("example", "ja = Beispielinhalt, noch nicht aus dem beschlossenen Katalog"),
]


def write_xlsx(catalogue: Catalogue, path: Path) -> None:
    from openpyxl.styles import Font

    book, info = fileio.new_workbook("info")
    info.append(cells.defuse_all(["district_ags", catalogue.district_ags]))
    info.append(cells.defuse_all(["district_name", catalogue.district_name]))
    info.append(cells.defuse_all(["concept_version", catalogue.concept_version]))
    for row in NOTES:
        info.append(cells.defuse_all(row))
    rows = {
        "projects": (_project_row(p) for p in catalogue.projects),
        "milestones": (
            [p.number, m.date, m.title, _yes(m.done)]
            for p in catalogue.projects
            for m in p.milestones
        ),
        "indicators": (_indicator_row(i) for i in catalogue.indicators),
        "measurements": (
            [i.key, m.date, m.value, m.source, m.note] for i, m in catalogue.measurements()
        ),
    }
    for name, columns in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for values in rows[name]:
            # Text that starts with = + - @ stays text, never a formula; read_xlsx restores it.
            sheet.append(cells.defuse_all(values))
    book.save(path)


def _yes(value: bool) -> str:
    return "ja" if value else "nein"


def _project_row(p: Project) -> list[Any]:
    resolution = p.resolution
    values = {
        "subgoals": "; ".join(p.subgoals),
        "leads": "; ".join(p.leads),
        "municipalities": "; ".join(p.municipalities),
        "cost_estimate": _decimal_cell(p.cost_estimate),
        "funding_share": _decimal_cell(p.funding_share),
        "weight": _decimal_cell(p.weight),
        "resolution_body": resolution.body if resolution else None,
        "resolution_number": resolution.number if resolution else None,
        "resolution_date": resolution.date if resolution else None,
        "resolution_title": resolution.title if resolution else None,
        "example": _yes(p.example),
    }
    return [values[name] if name in values else getattr(p, name) for name in PROJECT_COLUMNS]


def _decimal_cell(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _indicator_row(i: Indicator) -> list[Any]:
    return [getattr(i, name) for name in INDICATOR_COLUMNS]


def read_xlsx(path: Path) -> Catalogue:
    reader = CatalogueReader(path.name)
    book = fileio.open_workbook(path, SHEETS, CatalogueError)
    catalogue = Catalogue()
    _read_info(reader, book, catalogue)
    projects: dict[str, Project] = {}
    for get, where in _sheet_rows(reader, book, "projects"):
        resolution = _resolution(
            reader,
            {k: get(f"resolution_{k}") for k in ("body", "number", "date", "title")},
            where(""),
        )
        project = _project(reader, get, where, resolution)
        project.where = where("")
        catalogue.projects.append(project)
        projects.setdefault(project.number, project)
    for get, where in _sheet_rows(reader, book, "milestones"):
        number = reader.text(get("project"), where("project"), "project", required=True)
        if number not in projects:
            raise reader.fail(
                where("project"),
                "project",
                f"ein Projekt „{number}“ gibt es im Blatt projects nicht.",
            )
        projects[number].milestones.append(_milestone(reader, get, where))
    indicators: dict[str, Indicator] = {}
    for get, where in _sheet_rows(reader, book, "indicators"):
        owner = reader.text(get("owner"), where("owner"), "owner", required=True)
        level = _owner_level(
            reader,
            owner,
            reader.text(get("owner_level"), where(""), "owner_level"),
            projects,
            where(""),
        )
        indicator = _indicator(reader, get, where, owner, level)
        indicator.where = where("")
        catalogue.indicators.append(indicator)
        indicators.setdefault(indicator.key, indicator)
    for get, where in _sheet_rows(reader, book, "measurements"):
        key = _key_ref(get("indicator"))
        if key not in indicators:
            raise reader.fail(
                where("indicator"),
                "indicator",
                "einen Zielindikator mit diesem Schlüssel gibt es im Blatt indicators nicht.",
            )
        indicators[key].measurements.append(_measurement(reader, get, where))
    check_catalogue(reader, catalogue)
    return catalogue


def _key_ref(value: Any) -> str:
    try:
        return str(uuid.UUID(str(value).strip()))
    except ValueError:
        return ""


def _read_info(reader: CatalogueReader, book: Any, catalogue: Catalogue) -> None:
    if "info" not in book.sheetnames:
        return
    values = fileio.sheet_values(book, "info", file=reader.file, error=CatalogueError)
    info = {row[0]: row[1] for row in values if len(row) > 1 and isinstance(row[0], str)}
    where = place(sheet="info")
    catalogue.district_ags = reader.text(info.get("district_ags"), where, "district_ags")
    catalogue.district_name = reader.text(info.get("district_name"), where, "district_name")
    catalogue.concept_version = reader.optional_integer(
        info.get("concept_version"), where, "concept_version", 1, 9999
    )


def _sheet_rows(reader: CatalogueReader, book: Any, name: str) -> Iterator[tuple[Getter, Locator]]:
    """Yield (get, where) per non-empty row: get(column) → cell value, where(column) → place."""
    required = [c for c in SHEETS[name] if c not in OPTIONAL_COLUMNS]
    allowed = SHEETS[name]
    rows = fileio.sheet_rows(
        book, name, required, file=reader.file, error=CatalogueError, allowed=allowed
    )
    for row in rows:
        yield row.get, _fixed(row.where)


def _fixed(where: str) -> Locator:
    """A row's place for every field (a spreadsheet row names its fields itself)."""
    return lambda _name: where


# ---------------------------------------------------------------------------------------------
# YAML: projects with their milestones and indicators nested; indicators of goals at the end.


def read_yaml(path: Path) -> Catalogue:
    reader = CatalogueReader(path.name)
    data = fileio.load_yaml(path, CatalogueError)
    if not isinstance(data, dict):
        raise reader.fail(place(1), "", "erwartet wird ein Eintrag mit format und projects.")
    if data.get("format") != FORMAT:
        raise reader.fail(at(data, "format"), "format", f"erwartet wird „{FORMAT}“.")
    catalogue = Catalogue()
    district = data.get("district") or {}
    if isinstance(district, dict):
        catalogue.district_ags = reader.text(district.get("ags"), at(data, "district"), "ags")
        catalogue.district_name = reader.text(district.get("name"), at(data, "district"), "name")
    catalogue.concept_version = reader.optional_integer(
        data.get("concept_version"), at(data, "concept_version"), "concept_version", 1, 9999
    )
    numbers: set[str] = set()
    project_indicators: list[Indicator] = []
    for item in _list(reader, data, "projects"):
        project, indicators = _yaml_project(reader, item)
        catalogue.projects.append(project)
        numbers.add(project.number)
        project_indicators += indicators
    catalogue.indicators = project_indicators
    for item in _list(reader, data, "indicators"):
        owner = reader.text(item.get("owner"), at(item, "owner"), "owner", required=True)
        level = reader.text(item.get("owner_level"), at(item, "owner_level"), "owner_level")
        level = _owner_level(reader, owner, level, numbers, at(item, "owner"))
        catalogue.indicators.append(_yaml_indicator(reader, item, owner, level))
    check_catalogue(reader, catalogue)
    _known(reader, data, "top")
    if isinstance(district, dict):
        _known(reader, district, "district")
    return catalogue


def _known(reader: CatalogueReader, mapping: Mapping[str, Any], kind: str) -> None:
    if kind in YAML_FIELDS:
        allowed: tuple[str, ...] = YAML_FIELDS[kind]
    else:  # indicators: of a project (nested) or of a goal (with owner)
        own = ("owner", "owner_level")
        columns = [c for c in INDICATOR_COLUMNS if kind == "indicator" or c not in own]
        allowed = (*columns, "measurements")
    fileio.unknown_fields(mapping, allowed, file=reader.file, error=CatalogueError)


def _locator(mapping: Mapping[str, Any]) -> Locator:
    """The line of a field of a YAML mapping (or of the mapping for "")."""
    return lambda name: at(mapping, name)


def _list(reader: CatalogueReader, parent: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    items = parent.get(name) or []
    if not isinstance(items, list):
        raise reader.fail(at(parent, name), name, "erwartet wird eine Liste.")
    for item in items:
        if not isinstance(item, dict):
            raise reader.fail(at(parent, name), name, "erwartet wird ein Eintrag mit Feldern.")
    return items


def _yaml_project(
    reader: CatalogueReader, item: Mapping[str, Any]
) -> tuple[Project, list[Indicator]]:
    raw = item.get("resolution")
    resolution = None
    if raw not in (None, ""):
        if not isinstance(raw, dict):
            raise reader.fail(
                at(item, "resolution"), "resolution", "erwartet wird body, date, title."
            )
        resolution = _resolution(reader, raw, at(raw))
        _known(reader, raw, "resolution")
    project = _project(reader, item.get, _locator(item), resolution)
    project.where = at(item)
    project.milestones = []
    for m in _list(reader, item, "milestones"):
        project.milestones.append(_milestone(reader, m.get, _locator(m)))
        _known(reader, m, "milestone")
    indicators = [
        _yaml_indicator(reader, i, project.number, "project", nested=True)
        for i in _list(reader, item, "indicators")
    ]
    _known(reader, item, "project")
    return project, indicators


def _yaml_indicator(
    reader: CatalogueReader, item: Mapping[str, Any], owner: str, level: str, nested: bool = False
) -> Indicator:
    indicator = _indicator(reader, item.get, _locator(item), owner, level)
    indicator.where = at(item)
    indicator.measurements = []
    for m in _list(reader, item, "measurements"):
        indicator.measurements.append(_measurement(reader, m.get, _locator(m)))
        _known(reader, m, "measurement")
    _known(reader, item, "indicator" if nested is False else "project_indicator")
    return indicator


def write_yaml(catalogue: Catalogue, path: Path) -> None:
    by_owner: dict[str, list[Indicator]] = {}
    for indicator in catalogue.indicators:
        if indicator.owner_level == "project":
            by_owner.setdefault(indicator.owner, []).append(indicator)
    data: dict[str, Any] = {
        "format": FORMAT,
        "district": {"ags": catalogue.district_ags, "name": catalogue.district_name},
    }
    if catalogue.concept_version is not None:
        data["concept_version"] = catalogue.concept_version
    data["projects"] = [_project_dict(p, by_owner.get(p.number, [])) for p in catalogue.projects]
    data["indicators"] = [
        {"owner": i.owner, "owner_level": i.owner_level} | _indicator_dict(i)
        for i in catalogue.indicators
        if i.owner_level != "project"
    ]
    header = (
        "# Projektkatalog einer Konzeptversion (KEK-Austauschformat kek-catalogue/1).\n"
        "# Import: kek import-catalogue --district AGS DATEI\n"
    )
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(header + text, encoding="utf-8")


def _project_dict(p: Project, indicators: list[Indicator]) -> dict[str, Any]:
    data: dict[str, Any] = {"number": p.number, "title": p.title, "slug": p.slug}
    optional = {
        "description": p.description,
        "subgoals": p.subgoals,
        "lead_body": p.lead_body,
        "leads": p.leads,
        "partners": p.partners,
        "municipalities": p.municipalities,
    }
    data |= {k: v for k, v in optional.items() if v}
    data |= {"status": p.status, "progress": p.progress, "priority": p.priority}
    more = {
        "start": p.start,
        "end": p.end,
        "cost_estimate": _decimal_cell(p.cost_estimate),
        "funding_programme": p.funding_programme,
        "funding_share": _decimal_cell(p.funding_share),
    }
    data |= {k: v for k, v in more.items() if v not in (None, "")}
    if p.resolution:
        data["resolution"] = {
            "body": p.resolution.body,
            "number": p.resolution.number,
            "date": p.resolution.date,
            "title": p.resolution.title,
        }
    data |= {"weight": _decimal_cell(p.weight), "example": p.example}
    if p.milestones:
        data["milestones"] = [
            {"date": m.date, "title": m.title, "done": m.done} for m in p.milestones
        ]
    if indicators:
        data["indicators"] = [_indicator_dict(i) for i in indicators]
    return data


def _indicator_dict(i: Indicator) -> dict[str, Any]:
    names = [c for c in INDICATOR_COLUMNS if c not in ("owner", "owner_level")]
    data = {name: getattr(i, name) for name in names}
    data = {k: v for k, v in data.items() if v not in (None, "")}
    if i.measurements:
        data["measurements"] = [
            {"date": m.date, "value": m.value}
            | {k: v for k, v in (("source", m.source), ("note", m.note)) if v}
            for m in i.measurements
        ]
    return data


# ---------------------------------------------------------------------------------------------


def read(path: Path) -> Catalogue:
    """Read a YAML or XLSX catalogue file, chosen by its extension."""
    readers = {"yaml": read_yaml, "xlsx": read_xlsx}
    return readers[fileio.readable_format(path, error=CatalogueError)](path)


def write(catalogue: Catalogue, path: Path) -> None:
    writers = {"yaml": write_yaml, "xlsx": write_xlsx}
    writers[fileio.file_format(path, error=CatalogueError)](catalogue, path)
