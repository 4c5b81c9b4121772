"""Roll-up of scores to goals (SPEC "Roll-up", F15)."""

from __future__ import annotations

from typing import Any

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kek.evaluation import methods as m
from kek.evaluation.reference import rollup_reference


def by_parent(frame: pl.DataFrame) -> dict[Any, dict[str, Any]]:
    return {row["parent_id"]: row for row in frame.iter_rows(named=True)}


def test_it_takes_the_weighted_mean_of_the_children() -> None:
    result = by_parent(m.rollup([5.0, -5.0, 2.5], [3.0, 1.0, 1.0], ["g", "g", "h"]))

    assert result["g"]["score"] == pytest.approx(2.5)
    assert result["g"]["status"] == m.ON_TRACK
    assert result["h"]["score"] == 2.5


def test_it_weights_children_equally_by_default() -> None:
    result = by_parent(m.rollup([5.0, 0.0], None, ["g", "g"]))

    assert result["g"]["score"] == 2.5


def test_it_lowers_completeness_but_not_the_score_for_missing_children() -> None:
    result = by_parent(m.rollup([4.0, None, float("nan"), 2.0], None, ["g"] * 4))

    assert result["g"]["score"] == 3.0
    assert result["g"]["completeness"] == 0.5
    assert (result["g"]["n_children"], result["g"]["n_scored"]) == (4, 2)


def test_it_reports_not_available_for_a_parent_without_scored_children() -> None:
    result = by_parent(m.rollup([None, None], None, ["g", "g"]))

    assert (result["g"]["score"], result["g"]["status"]) == (None, m.NOT_AVAILABLE)
    assert result["g"]["completeness"] == 0.0


def test_it_marks_target_achieved_when_every_scored_child_achieved_it() -> None:
    scores = [5.0, 5.0, None, 5.0, 1.0]
    achieved = [True, True, False, True, False]

    result = by_parent(m.rollup(scores, None, ["g", "g", "g", "h", "h"], target_achieved=achieved))

    assert result["g"]["status"] == m.TARGET_ACHIEVED
    assert result["h"]["status"] == m.ON_TRACK


def test_it_keeps_parents_in_order_of_first_appearance() -> None:
    result = m.rollup([1.0, 2.0, 3.0], None, ["b", "a", "b"])

    assert result["parent_id"].to_list() == ["b", "a"]


@pytest.mark.parametrize(
    ("score", "status"),
    [
        (5.0, m.ON_TRACK),
        (2.5, m.ON_TRACK),
        (2.4999, m.NEEDS_ACCELERATION),
        (0.0, m.NEEDS_ACCELERATION),
        (-0.0001, m.LIMITED_PROGRESS),
        (-2.5, m.LIMITED_PROGRESS),
        (-2.5001, m.DETERIORATION),
        (-5.0, m.DETERIORATION),
        (float("nan"), m.NOT_AVAILABLE),
    ],
)
def test_it_derives_the_status_from_the_score_bands(score: float, status: str) -> None:
    assert m.status_from_score([score])[0] == status


def test_it_rolls_up_over_several_levels() -> None:
    projects = m.rollup([5.0, 0.0, None, -5.0], None, ["sub1", "sub1", "sub2", "sub2"])
    goals = m.rollup(projects["score"].to_list(), [2.0, 1.0], ["goal", "goal"])

    assert goals.row(0, named=True)["score"] == pytest.approx((2 * 2.5 - 5.0) / 3)


@pytest.mark.parametrize("weights", [[-1.0, 1.0], [float("nan"), 1.0], [1.0]])
def test_it_rejects_invalid_weights(weights: list[float]) -> None:
    with pytest.raises(ValueError):
        m.rollup([1.0, 2.0], weights, ["g", "g"])


children = st.lists(
    st.tuples(
        st.one_of(st.none(), st.floats(-5, 5)),
        st.floats(0, 10),
        st.sampled_from(["a", "b", "c", "d"]),
    ),
    min_size=1,
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(children=children)
def test_it_agrees_with_the_reference_rollup(
    children: list[tuple[float | None, float, str]],
) -> None:
    scores, weights, parents = (list(column) for column in zip(*children, strict=True))

    result = by_parent(m.rollup(scores, weights, parents))

    reference = rollup_reference(scores, weights, parents)
    assert reference.keys() == result.keys() == set(parents)
    for parent, expected in reference.items():
        assert result[parent]["completeness"] == pytest.approx(expected["completeness"])
        if expected["score"] is None:
            assert result[parent]["score"] is None
        else:
            assert result[parent]["score"] == pytest.approx(expected["score"], abs=1e-9)
            assert abs(result[parent]["score"]) <= 5 + 1e-9
            assert result[parent]["status"] == m.status_from_score([result[parent]["score"]])[0]


def test_it_scores_every_method_within_minus_five_and_five() -> None:
    values = np.linspace(-3, 3, 601)

    assert np.all(np.abs(m.score_open_sdg_without_target(values)) <= 5)
    assert np.all(np.abs(m.score_open_sdg_with_target(values)) <= 5)
    assert set(m.DNS_SCORES.values()) | set(m.TREND_SCORES.values()) <= {-5, -2.5, 0, 2.5, 5}
