"""From raw bytes (plain, zipped or XLSX) to a *grid* and the detected file format.

A grid is a polars DataFrame with one row per non-blank line of the file:
``source_line`` (UInt32, 1-based line or spreadsheet row), ``text`` (the raw line) and
``cells`` (list of strings, the line split at ``;`` with surrounding quotes removed).
"""

from __future__ import annotations

import codecs
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

import polars as pl

from .errors import ParseError
from .model import FileFormat

MB = 1024 * 1024
CHUNK_BYTES = 64 * 1024


@dataclass(frozen=True)
class ArchiveLimits:
    """Limits for unpacking a ZIP archive (also an XLSX workbook), checked while streaming.

    The sizes in the archive's headers are never trusted: every member is decompressed in
    chunks and reading stops as soon as a limit is passed. ``max_ratio`` (unpacked bytes per
    compressed byte) applies once a member has unpacked more than ``ratio_from_bytes``, so
    small, very repetitive files stay readable.
    """

    max_member_bytes: int = 150 * MB
    max_total_bytes: int = 200 * MB
    max_ratio: int = 100
    ratio_from_bytes: int = 1 * MB


DEFAULT_LIMITS = ArchiveLimits()
FOOTER_RULE = r"^_{3,}$"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def read_grid(
    data: bytes, name: str, limits: ArchiveLimits = DEFAULT_LIMITS
) -> tuple[pl.DataFrame, str]:
    """Return the grid and the file label used in error messages."""
    if data.startswith(_ZIP_MAGIC):
        return _read_zip(data, name, limits)
    return text_grid(decode(data, name)), name


def decode(data: bytes, name: str) -> str:
    """Decode by BOM, else UTF-8, else Windows-1252 (a superset of ISO-8859-1's letters)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_strict(data, "utf-16", name)
    elif data.startswith(codecs.BOM_UTF8):
        text = _decode_strict(data[len(codecs.BOM_UTF8) :], "utf-8", name)
    else:
        text = _decode_guess(data, name)
    if "\x00" in text:
        raise ParseError(name, None, None, "Die Datei ist keine Textdatei (enthält Nullbytes).")
    return text


def _decode_strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise _encoding_error(data, exc, name) from exc


def _decode_guess(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Valid multi-byte sequences before the error mean UTF-8 that got damaged.
        if not data[: exc.start].isascii():
            raise _encoding_error(data, exc, name) from exc
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _encoding_error(data: bytes, exc: UnicodeDecodeError, name: str) -> ParseError:
    line = data.count(b"\n", 0, exc.start) + 1
    return ParseError(
        name, line, None, f"Ungültige Zeichenkodierung ({exc.encoding}) an Byte {exc.start + 1}."
    )


def text_grid(text: str) -> pl.DataFrame:
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    frame = pl.DataFrame({"text": lines}, schema={"text": pl.String})
    frame = frame.with_row_index("source_line", offset=1)
    frame = frame.filter(pl.col("text").str.strip_chars() != "")
    cells = pl.col("text").str.split(";")
    if '"' in text:
        cells = cells.list.eval(_unquote(pl.element()))
    return frame.with_columns(cells=cells)


def _unquote(cell: pl.Expr) -> pl.Expr:
    quoted = cell.str.starts_with('"') & cell.str.ends_with('"') & (cell.str.len_chars() >= 2)
    inner = cell.str.slice(1, cell.str.len_chars() - 2).str.replace_all('""', '"', literal=True)
    return pl.when(quoted).then(inner).otherwise(cell)


def _read_zip(data: bytes, name: str, limits: ArchiveLimits) -> tuple[pl.DataFrame, str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
    except Exception as exc:  # zipfile raises many types on damaged archives
        raise ParseError(name, None, None, "Das ZIP-Archiv ist beschädigt.") from exc
    if "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names):
        # openpyxl unpacks the workbook itself: check every part within the limits first.
        total = 0
        for info in archive.infolist():
            if not info.is_dir():
                total += _measure_member(archive, info, name, limits, total)
        return xlsx_grid(data, name), name
    members = [
        info
        for info in archive.infolist()
        if not info.is_dir() and not info.filename.startswith("__MACOSX/")
    ]
    if len(members) != 1:
        message = f"Das ZIP-Archiv muss genau eine Datei enthalten, nicht {len(members)}."
        raise ParseError(name, None, None, message)
    return _read_member(archive, members[0], name, limits)


def _read_member(
    archive: zipfile.ZipFile, member: zipfile.ZipInfo, name: str, limits: ArchiveLimits
) -> tuple[pl.DataFrame, str]:
    label = f"{name}/{member.filename}"
    buffer = io.BytesIO()
    for chunk in _member_chunks(archive, member, name, limits, 0):
        buffer.write(chunk)
    inner = buffer.getvalue()
    if inner.startswith(_ZIP_MAGIC):
        raise ParseError(label, None, None, "Verschachtelte ZIP-Archive werden nicht gelesen.")
    return text_grid(decode(inner, label)), label


def _measure_member(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    name: str,
    limits: ArchiveLimits,
    before: int,
) -> int:
    """Unpack a member chunk by chunk without keeping it; its size in bytes."""
    return sum(len(chunk) for chunk in _member_chunks(archive, member, name, limits, before))


def _member_chunks(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    name: str,
    limits: ArchiveLimits,
    before: int,
) -> Iterator[bytes]:
    """Yield the unpacked chunks of ``member``; ``before`` bytes were unpacked already.

    Raises ParseError as soon as the member or the archive (``before`` plus this member)
    passes a limit, whatever the headers claim.
    """
    label = f"{name}/{member.filename}"
    size = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                _check_limits(label, member, size, before + size, limits)
                yield chunk
    except ParseError:
        raise
    except Exception as exc:  # CRC, encryption, unsupported compression, truncation …
        raise ParseError(label, None, None, "Die Datei im ZIP-Archiv ist beschädigt.") from exc


def _check_limits(
    label: str, member: zipfile.ZipInfo, size: int, total: int, limits: ArchiveLimits
) -> None:
    if size > limits.max_member_bytes:
        raise ParseError(label, None, None, f"entpackt größer als {_mb(limits.max_member_bytes)}.")
    if total > limits.max_total_bytes:
        message = f"Das Archiv ist entpackt größer als {_mb(limits.max_total_bytes)}."
        raise ParseError(label, None, None, message)
    if size > limits.ratio_from_bytes and size > limits.max_ratio * max(member.compress_size, 1):
        message = (
            f"entpackt mehr als {limits.max_ratio}-mal so groß wie gepackt; "
            "das Archiv wird nicht weiter entpackt."
        )
        raise ParseError(label, None, None, message)


def _mb(size: int) -> str:
    return f"{size / MB:g} MB"


def xlsx_grid(data: bytes, name: str) -> pl.DataFrame:
    """Read the first worksheet; every cell becomes text (dates as ``YYYY-MM-DD 00:00:00``)."""
    try:
        sheet = pl.read_excel(
            data,
            engine="openpyxl",
            has_header=False,
            infer_schema_length=0,
            drop_empty_rows=False,
            drop_empty_cols=False,
            raise_if_empty=False,
        )
    except Exception as exc:  # openpyxl raises many types on damaged workbooks
        raise ParseError(name, None, None, "Die Excel-Datei ist beschädigt.") from exc
    if sheet.width == 0:
        return text_grid("")
    cells = pl.concat_list([pl.col(c).cast(pl.String).fill_null("") for c in sheet.columns])
    frame = sheet.select(cells=cells).with_row_index("source_line", offset=1)
    frame = frame.with_columns(text=pl.col("cells").list.join(";"))
    filled = pl.col("cells").list.eval(pl.element().str.strip_chars() != "").list.any()
    return frame.filter(filled).select("source_line", "text", "cells")


def detect_format(grid: pl.DataFrame, name: str) -> FileFormat:
    """Tell the format from the first line (and, for classic tables, the footer rule)."""
    if grid.height == 0:
        raise ParseError(name, None, None, "Die Datei ist leer.")
    header = {cell.strip().lower() for cell in grid["cells"][0]}
    # One distinctive column name is enough; the parser then names any missing column.
    if header & {"statistics_code", "time_code", "value_variable_code"}:
        return FileFormat.FLAT
    if header & {"statistik_code", "zeit_code"}:
        return FileFormat.FLAT_OLD
    if header & {"region_key", "indicator_code"}:
        return FileFormat.TEMPLATE
    if _looks_like_table(grid):
        return FileFormat.TABLE
    raise ParseError(
        name,
        int(grid["source_line"][0]),
        None,
        "Unbekanntes Dateiformat: erwartet wird eine Flat-File-CSV (statistics_code; … bzw. "
        "Statistik_Code; …), eine GENESIS-Tabelle (Kopf, Daten, Fußzeile mit ____) oder die "
        "KEK-Vorlage (region_key; period; indicator_code; …).",
    )


def _looks_like_table(grid: pl.DataFrame) -> bool:
    first = grid["cells"][0][0].strip()
    if first.startswith("GENESIS-Tabelle"):
        return True
    rule = pl.col("cells").list.first().str.strip_chars().str.contains(FOOTER_RULE)
    return grid.select(rule.any()).item() is True
