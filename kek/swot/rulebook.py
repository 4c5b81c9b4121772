"""Rule-based SWOT suggestions from indicator data (F11). Pure: no Django.

`load_rules` reads the rules and thresholds (data/swot/rules.yaml); `suggest` computes three
direction-adjusted measures per indicator over a long table and proposes a candidate
strength, weakness, opportunity or threat for every rule whose conditions all hold.
Measures, rules and fingerprint are documented in docs/swot-rules.md.
"""

from __future__ import annotations

import hashlib
import json
import operator
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
import yaml

KINDS = ("strength", "weakness", "opportunity", "threat")
KIND_LABELS = {
    "strength": "Stärke",
    "weakness": "Schwäche",
    "opportunity": "Chance",
    "threat": "Risiko",
}
MEASURES = ("gap_land", "gap_country", "trend")
OPERATORS: dict[str, Callable[[pl.Expr, float], pl.Expr]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}
TABLE_COLUMNS = ("indicator", "direction", "region_key", "period", "value")
DEFAULT_TREND_YEARS = 5
MIN_TREND_POINTS = 2
# The raw numbers each measure rests on; a suggestion states (and hashes) only these.
MEASURE_BASIS = {
    "gap_land": ("period", "home_value", "land_value"),
    "gap_country": ("period", "home_value", "country_value"),
    "trend": ("trend_start", "trend_end", "trend_start_value", "trend_end_value"),
}
_CONDITION = re.compile(r"^\s*(>=|<=|>|<)\s*([+-]?\d+(?:[.,]\d+)?)\s*$")
_RULE_KEYS = {"id", "kind", "label", "when"}
_FILE_KEYS = {"trend_years", "rules"}


class RuleError(ValueError):
    """A rules file or input table that cannot be used; the message is German."""


@dataclass(frozen=True)
class Condition:
    measure: str
    op: str
    threshold: float

    def expr(self) -> pl.Expr:
        return OPERATORS[self.op](pl.col(self.measure), self.threshold)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    label: str
    conditions: tuple[Condition, ...]

    @property
    def measures(self) -> tuple[str, ...]:
        return tuple(m for m in MEASURES if any(c.measure == m for c in self.conditions))


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    trend_years: int = DEFAULT_TREND_YEARS


@dataclass(frozen=True)
class Suggestion:
    indicator: str
    kind: str
    rule: str
    numbers: dict[str, Any] = field(compare=True, hash=False)
    fingerprint: str
    explanation: str


# --- loading -------------------------------------------------------------------------------


def load_rules(path: str | Path) -> RuleSet:
    """Read and validate a rules file; raise RuleError naming file, line and field."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except OSError as exc:
        raise RuleError(f"{path.name}: Die Datei kann nicht gelesen werden ({exc}).") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", Zeile {mark.line + 1}" if mark else ""
        raise RuleError(f"{path.name}{where}: Die Datei ist kein gültiges YAML.") from exc
    return _RuleParser(path.name, root).rule_set(data)


class _RuleParser:
    def __init__(self, file: str, root: yaml.Node | None) -> None:
        self.file = file
        self.root = root

    def fail(self, where: tuple[Any, ...], message: str) -> RuleError:
        name = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
        line = _line(self.root, where)
        position = f", Zeile {line}" if line else ""
        label = f", Feld „{name}“" if name else ""
        return RuleError(f"{self.file}{position}{label}: {message}")

    def rule_set(self, data: Any) -> RuleSet:
        if not isinstance(data, dict):
            raise self.fail((), "Erwartet wird eine Zuordnung mit „rules“.")
        for key in sorted(set(data) - _FILE_KEYS, key=str):
            raise self.fail((key,), "Unbekannte Angabe.")
        years = data.get("trend_years", DEFAULT_TREND_YEARS)
        if isinstance(years, bool) or not isinstance(years, int) or years < 1:
            raise self.fail(("trend_years",), "Erwartet wird eine ganze Zahl ab 1.")
        items = data.get("rules")
        if not isinstance(items, list) or not items:
            raise self.fail(("rules",), "Erwartet wird eine nicht leere Liste von Regeln.")
        rules = tuple(self.rule(item, i) for i, item in enumerate(items))
        seen: set[str] = set()
        for i, rule in enumerate(rules):
            if rule.id in seen:
                raise self.fail(("rules", i, "id"), f"Die Regel „{rule.id}“ ist doppelt.")
            seen.add(rule.id)
        return RuleSet(rules=rules, trend_years=years)

    def rule(self, item: Any, i: int) -> Rule:
        where: tuple[Any, ...] = ("rules", i)
        if not isinstance(item, dict):
            raise self.fail(where, "Erwartet wird eine Regel mit id, kind und when.")
        for key in sorted(set(item) - _RULE_KEYS, key=str):
            raise self.fail((*where, key), "Unbekannte Angabe.")
        rule_id = item.get("id")
        if not isinstance(rule_id, str) or not rule_id.strip():
            raise self.fail((*where, "id"), "Die Regel braucht eine Kennung (Text).")
        kind = item.get("kind")
        if kind not in KINDS:
            allowed = ", ".join(KINDS)
            raise self.fail((*where, "kind"), f"„{kind}“ ist keine der Arten {allowed}.")
        label = item.get("label", rule_id)
        if not isinstance(label, str):
            raise self.fail((*where, "label"), "Erwartet wird ein Text.")
        when = item.get("when")
        if not isinstance(when, dict) or not when:
            raise self.fail((*where, "when"), "Erwartet wird mindestens eine Bedingung.")
        conditions = tuple(
            cond
            for measure, spec in when.items()
            for cond in self.conditions(measure, spec, (*where, "when", measure))
        )
        return Rule(id=rule_id.strip(), kind=kind, label=label, conditions=conditions)

    def conditions(self, measure: Any, spec: Any, where: tuple[Any, ...]) -> list[Condition]:
        if measure not in MEASURES:
            allowed = ", ".join(MEASURES)
            raise self.fail(where, f"Unbekannte Kennzahl; erlaubt sind {allowed}.")
        specs = spec if isinstance(spec, list) else [spec]
        result = []
        for text in specs:
            match = _CONDITION.match(text) if isinstance(text, str) else None
            if not match:
                raise self.fail(
                    where, f"„{text}“ ist keine Bedingung wie „>= 0.05“ (>=, >, <=, < und Zahl)."
                )
            threshold = float(match.group(2).replace(",", "."))
            result.append(Condition(measure=measure, op=match.group(1), threshold=threshold))
        return result


def _line(node: yaml.Node | None, where: tuple[Any, ...]) -> int | None:
    """1-based line of the YAML node at `where`, or of the deepest node found on the way."""
    found = node
    for part in where:
        child = None
        if isinstance(found, yaml.MappingNode):
            child = next((v for k, v in found.value if k.value == part), None)
            if child is None:
                child = next((k for k, _ in found.value if k.value == str(part)), None)
        elif isinstance(found, yaml.SequenceNode) and isinstance(part, int):
            child = found.value[part] if part < len(found.value) else None
        if child is None:
            break
        found = child
    return found.start_mark.line + 1 if found is not None else None


# --- measures ------------------------------------------------------------------------------


def measures(
    table: pl.DataFrame,
    *,
    home: str,
    land: str,
    country: str = "DG",
    trend_years: int = DEFAULT_TREND_YEARS,
) -> pl.DataFrame:
    """One row per indicator with a desired direction: raw numbers and the three measures."""
    rows = _prepared(table, home=home, land=land, country=country)
    result = _direction(rows).join(_latest_common(rows), on="indicator", how="left")
    result = result.join(_trend(rows, trend_years), on="indicator", how="left")
    sign = pl.col("direction").cast(pl.Float64)
    return result.with_columns(
        gap_land=sign * _relative(pl.col("home_value"), pl.col("land_value")),
        gap_country=sign * _relative(pl.col("home_value"), pl.col("country_value")),
        trend=sign * _cagr(),
    ).sort("indicator")


def _prepared(table: pl.DataFrame, *, home: str, land: str, country: str) -> pl.DataFrame:
    missing = [c for c in TABLE_COLUMNS if c not in table.columns]
    if missing:
        raise RuleError(f"Der Tabelle fehlen die Spalten {', '.join(missing)}.")
    roles = pl.DataFrame(
        {"region_key": [home, land, country], "role": ["home", "land", "country"]},
        schema={"region_key": pl.String, "role": pl.String},
    )
    rows = (
        table.select(
            pl.col("indicator").cast(pl.String),
            pl.col("direction").cast(pl.Int64),
            pl.col("region_key").cast(pl.String),
            pl.col("period").cast(pl.String),
            pl.col("value").cast(pl.Float64),
        )
        .join(roles, on="region_key", how="inner")
        .with_columns(t=_decimal_year(pl.col("period")))
    )
    _check(rows)
    return rows


def _check(rows: pl.DataFrame) -> None:
    bad = rows.filter(pl.col("t").is_null())
    if bad.height:
        period = bad.sort("indicator", "period")["period"][0]
        raise RuleError(f"Zeitraum „{period}“ ist weder ein Jahr noch ein Datum (JJJJ-MM-TT).")
    wrong = rows.filter(pl.col("direction").is_not_null() & ~pl.col("direction").is_in([-1, 0, 1]))
    if wrong.height:
        raise RuleError(f"Indikator „{wrong['indicator'][0]}“: Richtung muss -1, 0 oder 1 sein.")
    twice = rows.filter(pl.struct("indicator", "region_key", "period").is_duplicated())
    if twice.height:
        first = twice.sort("indicator", "region_key", "period").row(0, named=True)
        raise RuleError(
            f"Indikator „{first['indicator']}“, Gebiet {first['region_key']}, "
            f"Zeitraum {first['period']}: Wert ist doppelt vorhanden."
        )


def _decimal_year(period: pl.Expr) -> pl.Expr:
    year = period.str.extract(r"^(\d{4})$").cast(pl.Int64, strict=False)
    date = period.str.to_date("%Y-%m-%d", strict=False)
    from_date = date.dt.year() + (date.dt.ordinal_day() - 1) / 365.25
    return pl.coalesce(year.cast(pl.Float64), from_date)


def _direction(rows: pl.DataFrame) -> pl.DataFrame:
    return (
        rows.group_by("indicator")
        .agg(pl.col("direction").drop_nulls().first())
        .filter(pl.col("direction").is_in([-1, 1]))
    )


def _latest_common(rows: pl.DataFrame) -> pl.DataFrame:
    """Latest period with district, Land and Germany; failing that, with district and Land."""
    known = rows.filter(pl.col("value").is_not_null())
    roles = known.group_by("indicator", "period", "t").agg(
        all_three=pl.col("role").n_unique() == 3,
        with_land=pl.col("role").is_in(["home", "land"]).sum() == 2,
    )
    periods = (
        roles.filter(pl.col("with_land"))
        .sort("all_three", "t", "period")
        .group_by("indicator")
        .agg(pl.col("period").last())
    )
    return (
        known.join(periods, on=["indicator", "period"], how="inner")
        .group_by("indicator", "period")
        .agg(
            pl.col("value").filter(pl.col("role") == role).first().alias(f"{role}_value")
            for role in ("home", "land", "country")
        )
    )


def _trend(rows: pl.DataFrame, years: int) -> pl.DataFrame:
    home = rows.filter((pl.col("role") == "home") & pl.col("value").is_not_null())
    window = home.filter(pl.col("t") >= pl.col("t").max().over("indicator") - years)
    return (
        window.sort("indicator", "t", "period")
        .group_by("indicator")
        .agg(
            trend_start=pl.col("period").first(),
            trend_end=pl.col("period").last(),
            trend_start_value=pl.col("value").first(),
            trend_end_value=pl.col("value").last(),
            trend_years=pl.col("t").last() - pl.col("t").first(),
            trend_points=pl.len(),
        )
    )


def _relative(value: pl.Expr, reference: pl.Expr) -> pl.Expr:
    return pl.when(reference != 0).then((value - reference) / reference.abs())


def _cagr() -> pl.Expr:
    start, end = pl.col("trend_start_value"), pl.col("trend_end_value")
    usable = (
        (pl.col("trend_points") >= MIN_TREND_POINTS)
        & (pl.col("trend_years") > 0)
        & (start > 0)
        & (end > 0)
    )
    return pl.when(usable).then((end / start) ** (1 / pl.col("trend_years")) - 1)


# --- suggestions ---------------------------------------------------------------------------


def suggest(
    table: pl.DataFrame,
    rules: RuleSet,
    *,
    home: str,
    land: str,
    country: str = "DG",
    rejected: Collection[str] = (),
) -> list[Suggestion]:
    """Candidate SWOT items for all indicators; fingerprints in `rejected` are left out.

    Per indicator and kind only the first matching rule (in file order) makes a candidate,
    so a more specific rule can precede a broader one without doubling suggestions."""
    frame = measures(table, home=home, land=land, country=country, trend_years=rules.trend_years)
    first: dict[tuple[str, str], Suggestion] = {}
    for rule in rules.rules:
        for s in _apply(frame, rule):
            first.setdefault((s.indicator, s.kind), s)
    found = [s for s in first.values() if s.fingerprint not in rejected]
    order = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(found, key=lambda s: (s.indicator, order[s.kind], s.rule))


def _apply(frame: pl.DataFrame, rule: Rule) -> list[Suggestion]:
    matching = frame.filter(pl.all_horizontal([c.expr() for c in rule.conditions]))
    columns = _basis(rule)
    return [_suggestion(rule, row, columns) for row in matching.iter_rows(named=True)]


def _basis(rule: Rule) -> list[str]:
    columns: list[str] = []
    for measure in rule.measures:
        columns += [c for c in MEASURE_BASIS[measure] if c not in columns]
    return columns + list(rule.measures)


def _suggestion(rule: Rule, row: dict[str, Any], columns: list[str]) -> Suggestion:
    numbers = {c: _rounded(row[c]) for c in columns}
    return Suggestion(
        indicator=row["indicator"],
        kind=rule.kind,
        rule=rule.id,
        numbers=numbers,
        fingerprint=fingerprint(row["indicator"], rule.id, numbers),
        explanation=explanation(rule, numbers),
    )


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.6g}")
    return value


def fingerprint(indicator: str, rule: str, numbers: dict[str, Any]) -> str:
    """Stable hash of indicator, rule and the rounded numbers a suggestion rests on."""
    payload = json.dumps(
        {"indicator": indicator, "rule": rule, "numbers": numbers},
        sort_keys=True,
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


# --- German text ---------------------------------------------------------------------------


def german_number(value: float, digits: int = 1) -> str:
    """1234.56 → "1.234,6" (German grouping and decimal comma)."""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def german_percent(share: float, digits: int = 1) -> str:
    """0.0512 → "+5,1 %"."""
    sign = "+" if share > 0 else ("−" if share < 0 else "±")
    return f"{sign}{german_number(abs(share) * 100, digits)} %"


def explanation(rule: Rule, numbers: dict[str, Any]) -> str:
    """German sentence(s) stating the numbers the suggestion rests on."""
    parts = [f"{KIND_LABELS[rule.kind]} (Vorschlag): {rule.label}."]
    if "period" in numbers:
        refs = []
        if "land_value" in numbers:
            refs.append(f"Land {german_number(numbers['land_value'], 2)}")
        if "country_value" in numbers:
            refs.append(f"Deutschland {german_number(numbers['country_value'], 2)}")
        parts.append(
            f"Wert {numbers['period']}: {german_number(numbers['home_value'], 2)}"
            f" ({'; '.join(refs)})."
        )
    gaps = [
        f"{name} {german_percent(numbers[key])}"
        for key, name in (("gap_land", "zum Land"), ("gap_country", "zu Deutschland"))
        if key in numbers
    ]
    if gaps:
        parts.append(f"Abstand {' und '.join(gaps)} (positiv = besser).")
    if "trend" in numbers:
        parts.append(
            f"Entwicklung {numbers['trend_start']}–{numbers['trend_end']}: "
            f"{german_number(numbers['trend_start_value'], 2)} → "
            f"{german_number(numbers['trend_end_value'], 2)}, "
            f"{german_percent(numbers['trend'])} pro Jahr (positiv = in gewünschter Richtung)."
        )
    return " ".join(parts)
