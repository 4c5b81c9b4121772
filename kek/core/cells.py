"""Spreadsheet cells that never run as formulas, and the way back. Pure: no Django.

A text cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return would be taken
for a formula by a spreadsheet program (OWASP, "CSV injection"). Every export a user opens in a
spreadsheet writes its text cells through :func:`defuse`, the matching import reads them
through :func:`restore`, so the round trip is lossless.

The rule, reversible for every text:

* ``defuse`` puts one ``'`` before a text that starts with one of those characters, and also
  before a text that starts with ``'`` followed by one of them or by another ``'`` (so that a
  title which really begins with ``'=`` or ``''`` keeps its quote).
* ``restore`` removes one leading ``'`` when the next character is one of those characters or
  ``'``; any other text (also ``'Hallo``, typed by hand) stays as it is.

Only text is touched: numbers, dates and empty cells pass unchanged, so a negative number stays
a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

DANGEROUS = frozenset("=+-@\t\r")
QUOTE = "'"
_AFTER_QUOTE = DANGEROUS | {QUOTE}

T = TypeVar("T")


def defuse(value: T) -> T | str:
    """`value` safe for a spreadsheet cell; text gets a leading ``'`` where needed."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in DANGEROUS or restore(value) != value:
        return QUOTE + value
    return value


def restore(value: T) -> T | str:
    """The value before :func:`defuse`: one leading ``'`` added before a formula start goes."""
    if isinstance(value, str) and value[:1] == QUOTE and value[1:2] in _AFTER_QUOTE:
        return value[1:]
    return value


def defuse_all(values: Iterable[T]) -> list[T | str]:
    """A row of cells, each through :func:`defuse`."""
    return [defuse(value) for value in values]


def restore_all(values: Iterable[T]) -> tuple[T | str, ...]:
    """A row of cells, each through :func:`restore`."""
    return tuple(restore(value) for value in values)
