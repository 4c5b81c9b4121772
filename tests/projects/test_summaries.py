"""What the public pages make of evaluation results (no database)."""

import pytest

from kek.evaluation import methods
from kek.projects.evaluation import NodeResult
from kek.projects.figures import decimals_of
from kek.projects.summaries import distribution, frozen_indicators, frozen_tables


def node(label: str, counts: dict[str, int], score: float | None = None) -> dict:
    total = sum(counts.values())
    return {
        "label": label,
        "score": score,
        "status": methods.ON_TRACK if score else methods.NOT_AVAILABLE,
        "indicators": total,
        "rated": total - counts.get(methods.NOT_AVAILABLE, 0),
        "progress": 50.0,
        "status_counts": counts,
    }


def test_the_distribution_lists_occurring_statuses_in_a_fixed_order_with_shares():
    result = NodeResult(
        indicators=5,
        status_counts={
            methods.DETERIORATION: 1,
            methods.ON_TRACK: 2,
            methods.SUN: 1,
            methods.STABLE: 1,
        },
    )
    rows = [(label.text, count, share) for label, count, share in distribution(result)]
    # One vocabulary: a sun (score 5) counts as on track, stable (score 0) as needing
    # acceleration, as in the roll-up.
    assert rows == [
        ("Auf Kurs", 3, 0.6),
        ("Beschleunigung nötig", 1, 0.2),
        ("Verschlechterung", 1, 0.2),
    ]
    assert distribution(NodeResult()) == []


def test_a_frozen_report_is_grouped_by_level_with_the_concept_first():
    results = {
        "nodes": {
            "Project:a": node("P1 Radweg", {methods.ON_TRACK: 1}, 3.0),
            "SubGoal:b": node("1.1.1 Teilziel", {methods.ON_TRACK: 1}, 3.0),
            "FieldOfAction:c": node("1 Wirtschaft", {methods.ON_TRACK: 1}, 3.0),
            "Concept:1": node("KEK 2030", {methods.ON_TRACK: 1, methods.NOT_AVAILABLE: 1}, 3.0),
        }
    }
    tables = frozen_tables(results)
    assert [heading for heading, _ in tables] == [
        "Konzept und Handlungsfelder",
        "Teilziele",
        "Projekte",
    ]
    first = tables[0][1].rows
    assert [(row.kind, row.name) for row in first] == [
        ("Konzept", "KEK 2030"),
        ("Handlungsfeld", "1 Wirtschaft"),
    ]
    assert first[0].result.completeness == pytest.approx(0.5)
    assert [(label.text, count) for label, count, _ in first[0].distribution] == [
        ("Auf Kurs", 1),
        ("Keine Bewertung möglich", 1),
    ]


def test_frozen_indicators_are_sorted_by_owner_and_title():
    rows = {
        "k1": {"title": "B", "owner": "P2"},
        "k2": {"title": "A", "owner": "P2"},
        "k3": {"title": "Z", "owner": "P1"},
    }
    assert [r["title"] for r in frozen_indicators({"indicators": rows})] == ["Z", "A", "B"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [([100, 120.0], 0), ([100, 12.5], 1), ([1.25, 3], 2), ([1.23456], 2), ([], 0)],
)
def test_charts_show_as_many_decimals_as_the_values_have(values, expected):
    assert decimals_of(values) == expected
