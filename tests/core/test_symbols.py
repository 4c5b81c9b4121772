"""Status symbols of official statistics explained in words (kek.core.symbols, pure)."""

import re

import pytest

from kek.charts.texts import shown
from kek.core.symbols import NO_VALUE, SYMBOLS, Shown, explanation, meaning
from kek.statistics.parsers import SYMBOLS as PARSED_SYMBOLS


def test_it_explains_every_symbol_the_parsers_keep():
    for symbol in PARSED_SYMBOLS:
        assert meaning(symbol) and explanation(symbol), symbol
    assert meaning("-") == "nichts vorhanden"
    assert explanation("-") == "nichts vorhanden (genau null)"
    assert meaning("x") == "nicht sinnvoll"
    assert meaning("...") == "noch nicht verfügbar"
    assert meaning("|") == "Bruch in der Reihe"


@pytest.mark.parametrize("symbol", sorted(SYMBOLS))
def test_it_shows_a_symbol_in_an_abbr_with_its_words(symbol):
    cell = shown(None, symbol, 0)
    html = cell.__html__()
    found = re.fullmatch(
        r'<abbr class="kek-symbol" title="([^"]+)">([^<]+)</abbr> \(([^)<]+)\)', html
    )
    assert found, html
    assert found[1] == f"Zeichen „{symbol}“: {explanation(symbol)}"
    assert found[2] == symbol
    assert found[3] == meaning(symbol)
    assert str(cell) == f"{symbol} ({meaning(symbol)})"
    assert cell.words == meaning(symbol)
    assert not cell.is_number


def test_it_prefers_a_number_to_a_symbol_and_escapes_it():
    assert shown(1234.5, "x", 1) == Shown("1.234,5")
    assert Shown("1.234,5").__html__() == "1.234,5"
    assert Shown("<b>").__html__() == "&lt;b&gt;"
    assert Shown("1.234,5").is_number


def test_it_says_k_a_in_an_abbr_without_number_or_known_symbol():
    for cell in (shown(None, None, 1), shown(None, "?", 1), shown(float("nan"), "", 1)):
        assert cell == Shown()
        assert str(cell) == NO_VALUE == "k. A."
        assert cell.__html__() == '<abbr class="kek-symbol" title="keine Angabe">k. A.</abbr>'
        assert cell.words == "keine Angabe"
