"""`kek.core.cells`: spreadsheet cells that never run as formulas, and the way back."""

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from kek.core.cells import DANGEROUS, defuse, defuse_all, restore, restore_all

starts = st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "''", "'=", "a", ""])


@given(st.text() | st.builds(str.__add__, starts, st.text()))
@example("'=x")
@example("''")
@example("'")
@example("'Hallo")
def test_restore_undoes_defuse_and_defused_text_never_starts_a_formula(text):
    assert restore(defuse(text)) == text
    assert defuse(text)[:1] not in DANGEROUS


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("-", "'-"),
        ("+49 341", "'+49 341"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("''", "'''"),
        ("'Hallo", "'Hallo"),
        ("Hallo", "Hallo"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_the_rule(text, cell):
    assert defuse(text) == cell
    assert restore(cell) == text


def test_only_text_is_touched():
    values = [-5, -0.5, None, True, dt.date(2024, 1, 1), "-5"]
    assert defuse_all(values) == [-5, -0.5, None, True, dt.date(2024, 1, 1), "'-5"]
    assert restore_all(defuse_all(values)) == tuple(values)


def test_a_quote_typed_by_hand_before_ordinary_text_stays():
    assert restore("'Hallo") == "'Hallo"
