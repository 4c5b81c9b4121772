"""ZIP archives (and XLSX workbooks) are unpacked in chunks within limits (issue 16)."""

import io
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from kek.statistics.parsers import ArchiveLimits, ParseError, parse_bytes

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "regionalstatistik"
POPULATION = FIXTURES / "12411-01-01-4.ffcsv.csv"
MB = 1024 * 1024
BOMB_BYTES = 50 * MB


def zipped(members: dict[str, bytes], lie_about_size: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    packed = buffer.getvalue()
    if lie_about_size:
        # Header sizes claim 1 KB: the reader must count what it unpacks, not trust them.
        packed = _patch_sizes(packed, 1024)
    return packed


def _patch_sizes(packed: bytes, claimed: int) -> bytes:
    data = bytearray(packed)
    local = data.find(b"PK\x03\x04")
    data[local + 22 : local + 26] = claimed.to_bytes(4, "little")
    central = data.find(b"PK\x01\x02")
    data[central + 24 : central + 28] = claimed.to_bytes(4, "little")
    return bytes(data)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """50 MB of zeros in one member; about 50 KB packed."""
    return zipped({"tabelle.csv": bytes(BOMB_BYTES)})


def parse_error(data: bytes, limits: ArchiveLimits) -> ParseError:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, "download.zip", limits)
    return caught.value


def test_bomb_is_small_packed(bomb: bytes) -> None:
    assert len(bomb) < 200 * 1024


@pytest.mark.parametrize("lie", [False, True])
def test_member_limit_stops_the_bomb_fast_with_little_memory(lie: bool) -> None:
    data = zipped({"tabelle.csv": bytes(BOMB_BYTES)}, lie_about_size=lie)
    limits = ArchiveLimits(max_member_bytes=1 * MB, max_ratio=10_000)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        caught = parse_error(data, limits)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - started
    # A header that claims less ends in a CRC error (zipfile stops at the claimed size).
    message = "Die Datei im ZIP-Archiv ist beschädigt." if lie else "entpackt größer als 1 MB."
    assert str(caught) == f"download.zip/tabelle.csv: {message}"
    assert peak < 5 * MB, peak  # unpacked it would be 50 MB
    assert seconds < 2


def test_total_limit_counts_all_parts_of_a_workbook() -> None:
    parts = {
        "[Content_Types].xml": b"<Types/>",
        "xl/workbook.xml": bytes(2 * MB),
        "xl/worksheets/sheet1.xml": bytes(2 * MB),
    }
    limits = ArchiveLimits(max_member_bytes=3 * MB, max_total_bytes=3 * MB, max_ratio=10_000)
    caught = parse_error(zipped(parts), limits)
    assert str(caught) == (
        "download.zip/xl/worksheets/sheet1.xml: Das Archiv ist entpackt größer als 3 MB."
    )


def test_ratio_limit(bomb: bytes) -> None:
    tracemalloc.start()
    try:
        caught = parse_error(bomb, ArchiveLimits(max_ratio=100))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught).startswith("download.zip/tabelle.csv: entpackt mehr als 100-mal so groß")
    # Stops after about 100 × the packed size (~5 MB) instead of 50 MB.
    assert peak < 10 * MB, peak


def test_default_limits_read_a_real_zipped_file() -> None:
    packed = zipped({POPULATION.name: POPULATION.read_bytes()})
    assert parse_bytes(packed, "download.zip").data.equals(parse_bytes(
        POPULATION.read_bytes(), POPULATION.name).data)  # fmt: skip
