"""The status symbols of official statistics in words (SPEC §5), and a shown value that
explains its symbol (pure module, no Django).

A :class:`Shown` is what a table cell shows: a formatted number, or a symbol with its meaning
(``- (nichts vorhanden)``), or ``k. A.`` when there is neither. ``str()`` gives the plain text
(text alternatives, downloads); in a Django template it renders itself (``__html__``) with the
symbol in an ``<abbr>`` whose title gives the full official explanation, so a table cell never
shows a bare ``x`` or ``-``.
"""

from __future__ import annotations

from html import escape

NO_VALUE = "k. A."
NO_VALUE_WORDS = "keine Angabe"

# symbol → (short words for the cell, the official explanation of the statistical offices)
SYMBOLS: dict[str, tuple[str, str]] = {
    "-": ("nichts vorhanden", "nichts vorhanden (genau null)"),
    "0": (
        "weniger als die Hälfte der kleinsten Einheit",
        "weniger als die Hälfte von 1 in der letzten besetzten Stelle, jedoch mehr als nichts",
    ),
    ".": ("unbekannt oder geheim", "Zahlenwert unbekannt oder geheim zu halten"),
    "...": ("noch nicht verfügbar", "Angabe fällt später an"),
    "/": ("nicht sicher genug", "keine Angabe, da der Zahlenwert nicht sicher genug ist"),
    "x": ("nicht sinnvoll", "Tabellenfach gesperrt, weil die Aussage nicht sinnvoll ist"),
    "()": (
        "eingeschränkt aussagefähig",
        "Aussagewert eingeschränkt, da der Zahlenwert statistisch relativ unsicher ist",
    ),
    "|": (
        "Bruch in der Reihe",
        "grundsätzliche Änderung innerhalb einer Reihe, die den zeitlichen Vergleich "
        "beeinträchtigt",
    ),
}


def meaning(symbol: str) -> str:
    """Short words for a symbol (``-`` → ``nichts vorhanden``); "" for an unknown one."""
    return SYMBOLS.get(symbol, ("", ""))[0]


def explanation(symbol: str) -> str:
    """The official explanation of a symbol; "" for an unknown one."""
    return SYMBOLS.get(symbol, ("", ""))[1]


class Shown(str):
    """A value as a cell shows it: the plain text (a ``str``: the formatted number, ``k. A.``
    or ``- (nichts vorhanden)``) that renders itself in templates with the symbol explained.

    ``text`` is the formatted number (or ``k. A.``); ``symbol`` the status symbol that stands
    in for a missing number, if any. A ``str`` so that Django's templates call ``__html__``
    (they turn other objects into text first) and plain-text uses need nothing."""

    text: str
    symbol: str

    def __new__(cls, text: str = NO_VALUE, symbol: str = "") -> Shown:
        plain = f"{symbol} ({meaning(symbol)})" if symbol in SYMBOLS else text
        shown = super().__new__(cls, plain)
        shown.text = text
        shown.symbol = symbol if symbol in SYMBOLS else ""
        return shown

    @property
    def is_number(self) -> bool:
        return not self.symbol and self.text != NO_VALUE

    @property
    def words(self) -> str:
        """The value as words: the number, the symbol's meaning or ``keine Angabe``."""
        if self.symbol:
            return meaning(self.symbol)
        return NO_VALUE_WORDS if self.text == NO_VALUE else self.text

    def __html__(self) -> str:
        if self.symbol:
            title = f"Zeichen „{self.symbol}“: {explanation(self.symbol)}"
            abbr = f'<abbr class="kek-symbol" title="{escape(title)}">{escape(self.symbol)}</abbr>'
            return f"{abbr} ({escape(meaning(self.symbol))})"
        if self.text == NO_VALUE:
            return f'<abbr class="kek-symbol" title="{NO_VALUE_WORDS}">{NO_VALUE}</abbr>'
        return escape(self.text)
