"""Rule-based SWOT suggestions (kek.swot.rulebook) on hand-made tables; no database."""

from pathlib import Path

import polars as pl
import pytest

from kek.swot.rulebook import (
    RuleError,
    RuleSet,
    german_number,
    load_rules,
    measures,
    suggest,
)

RULES_FILE = Path(__file__).resolve().parents[2] / "data" / "swot" / "rules.yaml"
HOME, LAND, COUNTRY = "14730", "14", "DG"
YEARS = [str(y) for y in range(2018, 2024)]


def series(start: float, rate: float, years: list[str] = YEARS) -> dict[str, float]:
    """Values growing by `rate` per year (compound)."""
    return {p: start * (1 + rate) ** i for i, p in enumerate(years)}


def flat(value: float, years: list[str] = YEARS) -> dict[str, float]:
    return dict.fromkeys(years, value)


def table(indicator="ind", direction=1, *, home, land, country) -> pl.DataFrame:
    rows = [
        (indicator, direction, region, period, value)
        for region, values in ((HOME, home), (LAND, land), (COUNTRY, country))
        for period, value in values.items()
    ]
    return pl.DataFrame(
        rows,
        schema={
            "indicator": pl.String,
            "direction": pl.Int64,
            "region_key": pl.String,
            "period": pl.String,
            "value": pl.Float64,
        },
        orient="row",
    )


def with_latest(values: dict[str, float], latest: float) -> dict[str, float]:
    """Series whose latest value is replaced, keeping the history (and thus its start)."""
    return {**values, YEARS[-1]: latest}


TREND_RULES = (
    "strength-better-and-improving",
    "weakness-worse-and-worsening",
    "opportunity-catching-up",
    "threat-losing-lead",
)


@pytest.fixture(scope="module")
def shipped() -> RuleSet:
    return load_rules(RULES_FILE)


@pytest.fixture(scope="module")
def rules(shipped) -> RuleSet:
    """The shipped trend rules alone, so each test sees exactly one rule per kind."""
    kept = tuple(r for r in shipped.rules if r.id in TREND_RULES)
    return RuleSet(rules=kept, trend_years=shipped.trend_years)


def kinds(found) -> list[tuple[str, str]]:
    return [(s.indicator, s.kind) for s in found]


def run(frame: pl.DataFrame, rules: RuleSet, **kwargs):
    return suggest(frame, rules, home=HOME, land=LAND, country=COUNTRY, **kwargs)


# --- the shipped rules ---------------------------------------------------------------------


def test_shipped_rules_cover_every_kind(rules, shipped):
    assert rules.trend_years == 5
    assert sorted(r.kind for r in rules.rules) == ["opportunity", "strength", "threat", "weakness"]
    assert [r.id for r in shipped.rules][:4] == list(TREND_RULES)


@pytest.mark.parametrize(
    ("land", "country", "expected"),
    [
        (100.0, 100.0, "strength-clearly-better"),  # 10 % ahead of both, no trend
        (100.0, 100.01, "strength-ahead-of-land"),  # Germany just under the 10 %
        (100.01, 90.0, None),  # the Land just under the 10 %
    ],
)
def test_level_only_rules_need_no_trend(shipped, land, country, expected):
    frame = table(home={"2023": 110.0}, land={"2023": land}, country={"2023": country})
    found = run(frame, shipped)
    assert [s.rule for s in found] == ([expected] if expected else [])


def test_ahead_of_land_works_without_germany(shipped):
    frame = table(home={"2023": 80.0}, land={"2023": 100.0}, country={})
    found = run(frame, shipped)
    assert [(s.kind, s.rule) for s in found] == [("weakness", "weakness-behind-land")]
    assert found[0].numbers == {
        "period": "2023", "home_value": 80.0, "land_value": 100.0, "gap_land": -0.2,
    }  # fmt: skip


def test_only_the_first_matching_rule_of_a_kind_counts(shipped):
    home = with_latest(series(100, 0.01), 115.0)  # 15 % ahead of both and improving
    frame = table(home=home, land=flat(100), country=flat(100))
    found = run(frame, shipped)
    assert [s.rule for s in found] == ["strength-better-and-improving"]
    again = run(frame, shipped, rejected={found[0].fingerprint})
    assert again == []


def test_strength_better_than_land_and_country_and_improving(rules):
    home = with_latest(series(100, 0.01), 105.0)
    frame = table(home=home, land=flat(100), country=flat(100))
    found = run(frame, rules)
    assert kinds(found) == [("ind", "strength")]
    numbers = found[0].numbers
    assert numbers["gap_land"] == pytest.approx(0.05)
    assert numbers["gap_country"] == pytest.approx(0.05)
    assert numbers["trend"] == pytest.approx((105 / 100) ** (1 / 5) - 1, rel=1e-5)
    assert numbers["period"] == "2023"


@pytest.mark.parametrize(
    ("land", "country", "expected"),
    [
        (100.0, 100.0, [("ind", "strength")]),  # both gaps exactly at 0.05
        (100.01, 100.0, []),  # gap to the Land just below 0.05
        (100.0, 100.01, []),  # gap to Germany just below 0.05
    ],
)
def test_strength_gap_boundaries(rules, land, country, expected):
    home = with_latest(series(100, 0.01), 105.0)
    frame = table(home=home, land=flat(land), country=flat(country))
    assert kinds(run(frame, rules)) == expected


def test_strength_needs_an_improving_trend(rules):
    frame = table(home=flat(110), land=flat(100), country=flat(100))  # trend exactly 0
    assert run(frame, rules) == []


def test_weakness_worse_and_worsening(rules):
    home = with_latest(series(100, -0.01), 95.0)
    frame = table(home=home, land=flat(100), country=flat(100))
    assert kinds(run(frame, rules)) == [("ind", "weakness")]
    stable = table(home=flat(95), land=flat(100), country=flat(100))
    assert run(stable, rules) == []
    just_above = table(home=home, land=flat(99.99), country=flat(100))
    assert run(just_above, rules) == []


def test_lower_is_better_mirrors_the_rules(rules):
    # Falling values with direction −1: better than Land/Germany and improving.
    home = with_latest(series(100, -0.01), 95.0)
    frame = table(direction=-1, home=home, land=flat(100), country=flat(100))
    found = run(frame, rules)
    assert kinds(found) == [("ind", "strength")]
    assert found[0].numbers["gap_land"] == pytest.approx(0.05)
    assert found[0].numbers["trend"] > 0


def test_opportunity_strong_trend_below_land_level(rules):
    home = series(80, 0.03)
    frame = table(home=home, land=flat(200), country=flat(50))
    assert kinds(run(frame, rules)) == [("ind", "opportunity")]
    weak_trend = table(home=series(80, 0.0199), land=flat(200), country=flat(50))
    assert run(weak_trend, rules) == []
    at_land_level = table(home=home, land=flat(home["2023"]), country=flat(50))
    assert run(at_land_level, rules) == []  # gap_land == 0 is not "below"


def test_threat_strong_trend_against_while_still_better(rules):
    home = series(150, -0.03)
    frame = table(home=home, land=flat(100), country=flat(200))
    assert kinds(run(frame, rules)) == [("ind", "threat")]
    mild = table(home=series(150, -0.0199), land=flat(100), country=flat(200))
    assert run(mild, rules) == []
    at_land_level = table(home=home, land=flat(home["2023"]), country=flat(200))
    assert run(at_land_level, rules) == []


def test_trend_boundary_is_inclusive(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(
        "rules:\n  - id: fast\n    kind: opportunity\n    when:\n      trend: '>= 0.5'\n",
        encoding="utf-8",
    )
    rules = load_rules(path)
    exact = table(home={"2022": 100.0, "2023": 150.0}, land=flat(1), country=flat(1))
    below = table(home={"2022": 100.0, "2023": 149.99}, land=flat(1), country=flat(1))
    assert kinds(run(exact, rules)) == [("ind", "opportunity")]
    assert run(below, rules) == []


@pytest.mark.parametrize("direction", [0, None])
def test_no_desired_direction_never_suggests(rules, direction):
    home = with_latest(series(100, 0.05), 200.0)
    frame = table(direction=direction, home=home, land=flat(100), country=flat(100))
    assert run(frame, rules) == []
    assert measures(frame, home=HOME, land=LAND).height == 0


# --- missing years, symbols, trend window --------------------------------------------------


def test_missing_years_use_latest_common_period(rules):
    home = {"2019": 100.0, "2021": 104.0, "2023": 130.0}
    land = {"2019": 100.0, "2021": 98.0}  # no 2023 for the Land
    country = {"2020": 90.0, "2021": 95.0, "2023": 100.0}
    frame = table(home=home, land=land, country=country)
    row = measures(frame, home=HOME, land=LAND).row(0, named=True)
    assert row["period"] == "2021"
    assert row["gap_land"] == pytest.approx(6 / 98)
    assert row["gap_country"] == pytest.approx(9 / 95)
    # The trend uses the district's own latest value (2023), not the common period.
    assert (row["trend_start"], row["trend_end"]) == ("2019", "2023")
    assert row["trend"] == pytest.approx(1.3**0.25 - 1)
    assert kinds(run(frame, rules)) == [("ind", "strength")]


def test_symbols_instead_of_values_are_skipped(rules):
    home = with_latest(series(100, 0.01), 105.0)
    land = {**flat(100), "2023": None}  # "–" or "." in the source: no value
    frame = table(home={**home, "2018": None}, land=land, country=flat(100))
    row = measures(frame, home=HOME, land=LAND).row(0, named=True)
    assert row["period"] == "2022"
    assert row["trend_start"] == "2019"
    assert row["trend_points"] == 5


def test_no_common_period_gives_no_gap_rules(rules):
    frame = table(home=series(80, 0.05), land={"2010": 200.0}, country=flat(50))
    row = measures(frame, home=HOME, land=LAND).row(0, named=True)
    assert row["gap_land"] is None
    assert row["trend"] == pytest.approx(0.05)
    assert run(frame, rules) == []


def test_trend_needs_two_values_and_positive_ends(rules):
    one = table(home={"2023": 200.0}, land=flat(100), country=flat(100))
    assert measures(one, home=HOME, land=LAND)["trend"][0] is None
    assert run(one, rules) == []
    negative = table(home={"2022": -5.0, "2023": 200.0}, land=flat(100), country=flat(100))
    assert measures(negative, home=HOME, land=LAND)["trend"][0] is None


def test_trend_window_is_configurable():
    years = [str(y) for y in range(2010, 2024)]
    home = {**series(100, 0.10, years), "2010": 1.0}
    frame = table(home=home, land=flat(1), country=flat(1))
    five = measures(frame, home=HOME, land=LAND, trend_years=5).row(0, named=True)
    assert five["trend_start"] == "2018"
    assert five["trend"] == pytest.approx(0.10)
    all_years = measures(frame, home=HOME, land=LAND, trend_years=20).row(0, named=True)
    assert all_years["trend_start"] == "2010"


def test_iso_date_periods(rules):
    home = {"2021-12-31": 100.0, "2023-12-31": 121.0}
    land = {"2021-12-31": 100.0, "2023-12-31": 100.0}
    frame = table(home=home, land=land, country=land)
    row = measures(frame, home=HOME, land=LAND).row(0, named=True)
    assert row["period"] == "2023-12-31"
    assert row["trend"] == pytest.approx(0.1, rel=1e-3)
    assert kinds(run(frame, rules)) == [("ind", "strength")]


def test_other_regions_are_ignored(rules):
    frame = table(home=series(150, -0.03), land=flat(100), country=flat(200))
    other = pl.DataFrame(
        {
            "indicator": ["ind"],
            "direction": [1],
            "region_key": ["14729"],
            "period": ["2023"],
            "value": [1e9],
        }
    )
    assert run(pl.concat([frame, other]), rules) == run(frame, rules)


# --- reproducibility, fingerprints, explanation --------------------------------------------


def mixed_table() -> pl.DataFrame:
    return pl.concat(
        [
            table("b", 1, home=series(150, -0.03), land=flat(100), country=flat(200)),
            table("a", -1, home=series(100, -0.02), land=flat(110), country=flat(110)),
            table("c", 1, home=series(80, 0.03), land=flat(200), country=flat(50)),
            table("d", 0, home=series(80, 0.03), land=flat(200), country=flat(50)),
        ]
    )


def test_suggestions_are_reproducible_and_ordered(rules):
    frame = mixed_table()
    first = run(frame, rules)
    shuffled = run(frame.sample(fraction=1.0, shuffle=True, seed=7), rules)
    assert first == shuffled
    assert [s.fingerprint for s in first] == [s.fingerprint for s in shuffled]
    assert kinds(first) == [("a", "strength"), ("b", "threat"), ("c", "opportunity")]


def test_fingerprint_changes_with_new_data_only(rules):
    base = table(home=series(80, 0.03), land=flat(200), country=flat(50))
    before = run(base, rules)[0]
    # Germany's value is no basis of the opportunity rule: same fingerprint.
    same = run(table(home=series(80, 0.03), land=flat(200), country=flat(60)), rules)[0]
    assert same.fingerprint == before.fingerprint
    assert "country_value" not in before.numbers
    newer = run(table(home=series(80, 0.031), land=flat(200), country=flat(50)), rules)[0]
    assert newer.fingerprint != before.fingerprint


def test_rejected_suggestions_do_not_come_back(rules):
    frame = mixed_table()
    found = run(frame, rules)
    rejected = {found[1].fingerprint}
    again = run(frame, rules, rejected=rejected)
    assert again == [found[0], found[2]]


def test_explanation_states_the_numbers_in_german_format(rules):
    home = with_latest(series(1000, 0.01), 1250.5)
    frame = table(home=home, land=flat(1000), country=flat(1000))
    text = run(frame, rules)[0].explanation
    assert text.startswith("Stärke (Vorschlag):")
    assert "Wert 2023: 1.250,50 (Land 1.000,00; Deutschland 1.000,00)" in text
    assert "zum Land +25,1 %" in text
    assert "Entwicklung 2018–2023: 1.000,00 → 1.250,50, +4,6 % pro Jahr" in text


def test_german_number():
    assert german_number(1234567.891, 2) == "1.234.567,89"
    assert german_number(-0.5, 1) == "-0,5"


# --- bad input -----------------------------------------------------------------------------


def write(tmp_path, text: str) -> Path:
    path = tmp_path / "regeln.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("rules: [a, b\n", "regeln.yaml, Zeile 2: Die Datei ist kein gültiges YAML."),
        ("", "regeln.yaml: Erwartet wird eine Zuordnung"),
        ("rules: []\n", "Zeile 1, Feld „rules“: Erwartet wird eine nicht leere Liste"),
        (
            "rules:\n  - id: x\n    kind: chance\n    when: {trend: '> 0'}\n",
            "Zeile 3, Feld „rules[0].kind“: „chance“ ist keine der Arten",
        ),
        (
            "rules:\n  - id: x\n    kind: threat\n    when:\n      trend: '> 0'\n"
            "      gap_land: 'mehr als 5'\n",
            "Zeile 6, Feld „rules[0].when.gap_land“: „mehr als 5“ ist keine Bedingung",
        ),
        (
            "rules:\n  - id: x\n    kind: threat\n    when:\n      rank: '> 0'\n",
            "Zeile 5, Feld „rules[0].when.rank“: Unbekannte Kennzahl",
        ),
        (
            "rules:\n  - {id: x, kind: threat, when: {trend: '> 0'}}\n"
            "  - {id: x, kind: strength, when: {trend: '< 0'}}\n",
            "Zeile 3, Feld „rules[1].id“: Die Regel „x“ ist doppelt.",
        ),
        (
            "trend_years: 0\nrules:\n  - {id: x, kind: threat, when: {trend: '> 0'}}\n",
            "Zeile 1, Feld „trend_years“",
        ),
        (
            "rules:\n  - {id: x, kind: threat, when: {trend: '> 0'}, extra: 1}\n",
            "Feld „rules[0].extra“: Unbekannte Angabe.",
        ),
    ],
)
def test_bad_rules_file_names_file_line_and_field(tmp_path, text, expected):
    with pytest.raises(RuleError) as error:
        load_rules(write(tmp_path, text))
    assert expected in str(error.value)


def test_comma_decimal_and_list_conditions(tmp_path):
    path = write(
        tmp_path,
        "rules:\n  - id: band\n    kind: threat\n    when:\n      trend: ['> -0,5', '< 0']\n",
    )
    rule = load_rules(path).rules[0]
    assert [(c.op, c.threshold) for c in rule.conditions] == [(">", -0.5), ("<", 0.0)]


def test_bad_table_is_refused(rules):
    frame = table(home=flat(1), land=flat(1), country=flat(1))
    with pytest.raises(RuleError, match="Wert ist doppelt vorhanden"):
        run(pl.concat([frame, frame.head(1)]), rules)
    odd = frame.with_columns(pl.lit("2023/24").alias("period"))
    with pytest.raises(RuleError, match="„2023/24“ ist weder ein Jahr noch ein Datum"):
        run(odd, rules)
    with pytest.raises(RuleError, match="fehlen die Spalten value"):
        run(frame.drop("value"), rules)
