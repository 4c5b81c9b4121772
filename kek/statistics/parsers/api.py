"""Entry points: read a file or bytes, detect the format, dispatch to its parser."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from .errors import ParseError
from .flatfile import parse_flat, parse_flat_old
from .model import FileFormat, ParseResult
from .source import DEFAULT_LIMITS, ArchiveLimits, detect_format, read_grid
from .table import parse_table
from .template import parse_template

PARSERS: dict[FileFormat, Callable[[pl.DataFrame, str], ParseResult]] = {
    FileFormat.FLAT: parse_flat,
    FileFormat.FLAT_OLD: parse_flat_old,
    FileFormat.TABLE: parse_table,
    FileFormat.TEMPLATE: parse_template,
}


def parse_file(path: str | Path) -> ParseResult:
    """Parse a statistics file from disk; raises only ParseError."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ParseError(path.name, None, None, "Die Datei kann nicht gelesen werden.") from exc
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, name: str, limits: ArchiveLimits = DEFAULT_LIMITS) -> ParseResult:
    """Parse the content of an uploaded file; ``name`` is only used in messages.

    ``limits`` bound what a ZIP archive (or XLSX workbook) may unpack to.
    """
    try:
        grid, label = read_grid(data, name, limits)
        file_format = detect_format(grid, label)
        return PARSERS[file_format](grid, label)
    except pl.exceptions.PolarsError as exc:
        # Safety net for input nobody foresaw; the cause stays attached for the log.
        message = "Die Datei konnte wegen eines internen Fehlers nicht verarbeitet werden."
        raise ParseError(name, None, None, message) from exc
