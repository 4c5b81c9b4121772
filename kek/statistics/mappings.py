"""Table mappings: how the value variables of a statistic become catalogue indicators.

Pure module (no Django). One YAML file per statistic in data/statistics/mappings/::

    statistic: "12411"                 # statistics code as in the file (required)
    tables: [12411-01-01-4]            # informative: the tables the mapping was written for
    indicators:                        # per value variable code of the file (all optional)
      BEVSTD:
        code: BEVSTD                   # indicator code; default: the variable code. Giving
                                       # two variables the same code merges them into one
        name: Bevölkerung
        topic: demografie              # slug of a topic in data/statistics/topics.yaml
        direction: none                # higher | lower | none
        definition: …
        unit: Personen                 # default: the file's unit
        aggregate: sum                 # the values are counts that add up (see below)
    disaggregations:                   # rename VAR:ATTR pairs, e.g. of classic tables, which
      "Merkmal 1:männlich": "GES:GESM" # name attributes by label instead of code
    derived:                           # ratios computed from two series of the same file
      - code: BEVSTD-W-ANTEIL
        name: Frauenanteil
        unit: Prozent
        numerator: {variable: BEVSTD, disaggregation: "GES:GESW"}
        denominator: {variable: BEVSTD}          # disaggregation default "" = total
        factor: 100                              # 100 = share in %, 1000 = per 1,000 …
        topic: demografie
        direction: none
        definition: …
      - code: BEVDICHTE
        name: Bevölkerungsdichte
        unit: Einwohner je km²
        numerator: {variable: BEVSTD}
        denominator: {area: true}                # the region's area in km²

``aggregate: sum`` marks counts whose Land value is the sum of its districts and whose value
for Germany (``DG``) is the sum of all districts. Where the file lacks such a row, the import
adds it (quality ``sum``) per indicator, period and disaggregation, but only if the file has a
row for every district of the Land (of Germany) in the current territorial status and none of
them carries a symbol other than ``-`` (nothing, counted as 0; all ``-`` gives ``-``). The
file's own rows always win. The sums are made before the derived ratios, so those get Land
and Germany values too.

A derived value is numerator / denominator × factor for the same region and period. A
symbol in either input is carried over (numerator first); ``-`` (nothing) in the numerator
counts as 0; a denominator of 0 or ``-`` gives the symbol ``x`` (not meaningful). The
denominator ``{area: true}`` is the region's area in km² (districts: the region register
data/regions/regions.csv; Länder and Germany: the sum of their districts), e.g. per km²;
regions without a known area get no value.
Variables without an entry become indicators named after their label in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

DIRECTIONS = {"higher": 1, "none": 0, "lower": -1}
INDICATOR_KEYS = {"code", "name", "topic", "direction", "definition", "unit", "aggregate"}
# A ratio does not add up, so derived indicators take no "aggregate".
DERIVED_KEYS = (INDICATOR_KEYS - {"aggregate"}) | {"numerator", "denominator", "factor"}
AREA = "Fläche (km²)"


class MappingError(Exception):
    """A mapping file is invalid; the text is German."""


@dataclass(frozen=True)
class IndicatorSpec:
    """What a mapping says about one indicator; empty fields are taken from the file."""

    code: str
    name: str = ""
    topic: str = ""
    direction: int = 0
    definition: str = ""
    unit: str = ""
    additive: bool = False  # counts that sum up to Land and Germany ("aggregate: sum")


@dataclass(frozen=True)
class Series:
    variable: str
    disaggregation: str = ""
    area: bool = False  # the region's area in km² instead of a variable

    def describe(self) -> str:
        if self.area:
            return AREA
        return f"{self.variable}[{self.disaggregation}]" if self.disaggregation else self.variable


@dataclass(frozen=True)
class Derived:
    spec: IndicatorSpec
    numerator: Series
    denominator: Series
    factor: float = 1.0

    def formula(self) -> str:
        text = f"{self.numerator.describe()} / {self.denominator.describe()}"
        return text if self.factor == 1 else f"{text} × {self.factor:g}"


@dataclass(frozen=True)
class Mapping:
    statistic: str
    indicators: dict[str, IndicatorSpec] = field(default_factory=dict)
    derived: tuple[Derived, ...] = ()
    source: str = ""
    disaggregations: dict[str, str] = field(default_factory=dict)

    def indicator_code(self, variable: str) -> str:
        spec = self.indicators.get(variable)
        return spec.code if spec else variable

    def additive_codes(self) -> set[str]:
        """Codes of the indicators marked ``aggregate: sum``."""
        return {spec.code for spec in self.indicators.values() if spec.additive}


def load_mappings(folder: Path) -> dict[str, Mapping]:
    """All mappings of a folder, keyed by statistics code."""
    mappings: dict[str, Mapping] = {}
    for path in sorted(folder.glob("*.yaml")):
        mapping = read_mapping(path)
        if mapping.statistic in mappings:
            raise MappingError(f"{path.name}: Statistik {mapping.statistic} ist doppelt belegt.")
        mappings[mapping.statistic] = mapping
    return mappings


def read_mapping(path: Path) -> Mapping:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MappingError(f"{path.name}: Die Datei ist kein lesbares YAML ({exc}).") from exc
    if not isinstance(data, dict) or not data.get("statistic"):
        raise MappingError(f"{path.name}: Der Eintrag „statistic“ fehlt.")
    indicators = {
        str(variable): _indicator(path.name, str(variable), entry or {})
        for variable, entry in (data.get("indicators") or {}).items()
    }
    derived = tuple(_derived(path.name, entry) for entry in data.get("derived") or [])
    renames = {str(old): str(new) for old, new in (data.get("disaggregations") or {}).items()}
    for old, new in renames.items():
        if ":" not in old or ":" not in new or "|" in old + new:
            raise MappingError(f"{path.name}: „{old}: {new}“ ist kein Paar MERKMAL:AUSPRÄGUNG.")
    return Mapping(
        str(data["statistic"]), indicators, derived, str(data.get("source", "")), renames
    )


def _indicator(file: str, variable: str, entry: dict, keys: set[str] = INDICATOR_KEYS):
    unknown = set(entry) - keys
    if unknown:
        raise MappingError(f"{file}: {variable}: unbekannte Angabe {', '.join(sorted(unknown))}.")
    direction = entry.get("direction", "none")
    if direction not in DIRECTIONS:
        raise MappingError(
            f"{file}: {variable}: Richtung „{direction}“ ist nicht higher, lower oder none."
        )
    return IndicatorSpec(
        code=str(entry.get("code") or variable),
        name=str(entry.get("name", "")),
        topic=str(entry.get("topic", "")),
        direction=DIRECTIONS[direction],
        definition=str(entry.get("definition", "")).strip(),
        unit=str(entry.get("unit", "")),
        additive=_additive(file, variable, entry),
    )


def _additive(file: str, variable: str, entry: dict) -> bool:
    if "aggregate" not in entry:
        return False
    if entry["aggregate"] != "sum":
        raise MappingError(
            f"{file}: {variable}: „aggregate: {entry['aggregate']}“ ist nicht erlaubt, "
            "nur „aggregate: sum“."
        )
    return True


def _derived(file: str, entry: dict) -> Derived:
    code = entry.get("code")
    if not code or not entry.get("name"):
        raise MappingError(f"{file}: Abgeleitete Indikatoren brauchen „code“ und „name“.")
    parts = [_series(file, code, "numerator", entry), _series(file, code, "denominator", entry)]
    try:
        factor = float(entry.get("factor", 1))
    except (TypeError, ValueError):
        raise MappingError(f"{file}: {code}: „factor“ ist keine Zahl.") from None
    spec = _indicator(file, str(code), entry, DERIVED_KEYS)
    return Derived(spec, parts[0], parts[1], factor)


def _series(file: str, code: str, role: str, entry: dict) -> Series:
    series = entry.get(role) or {}
    if not isinstance(series, dict):
        raise MappingError(f"{file}: {code}: „{role}“ ist keine Angabe wie {{variable: …}}.")
    if role == "denominator" and "area" in series:
        if series["area"] is not True or set(series) != {"area"}:
            raise MappingError(
                f"{file}: {code}: „denominator“ ist entweder „{{area: true}}“ (Fläche in km²) "
                "oder nennt eine „variable“."
            )
        return Series("", area=True)
    if not series.get("variable"):
        needs = "eine „variable“ oder „area: true“" if role == "denominator" else "eine „variable“"
        raise MappingError(f"{file}: {code}: „{role}“ braucht {needs}.")
    return Series(str(series["variable"]), str(series.get("disaggregation", "")))
