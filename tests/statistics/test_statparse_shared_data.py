"""NEEDS THE REAL FILES: reads ../shared/data/regionalstatistik (developer machines only).

Every test here is skipped when that folder is absent, e.g. in CI.
"""

from pathlib import Path

import polars as pl
import pytest

from kek.statistics.parsers import ParseError, parse_file

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "regionalstatistik"
STATISTICS = sorted(SHARED.glob("*.ffcsv.csv")) if SHARED.is_dir() else []
OTHER = sorted(p for p in SHARED.glob("*") if p not in STATISTICS) if SHARED.is_dir() else []

pytestmark = pytest.mark.skipif(
    not STATISTICS, reason=f"real statistics files not present in {SHARED}"
)


@pytest.mark.parametrize("path", STATISTICS, ids=lambda p: p.name)
def test_every_real_statistics_file_parses(path: Path) -> None:
    result = parse_file(path)
    lines = [line for line in path.read_text(encoding="utf-8-sig").split("\n") if line]
    assert result.data.height == len(lines) - 1
    assert (result.data["value"].is_null() == result.data["symbol"].is_not_null()).all()


@pytest.mark.parametrize("path", OTHER, ids=lambda p: p.name)
def test_other_files_in_the_folder_are_rejected_cleanly(path: Path) -> None:
    """The README and the table catalogue are no statistics files."""
    with pytest.raises(ParseError):
        parse_file(path)


def test_nordsachsen_in_the_full_file() -> None:
    data = parse_file(SHARED / "12411-01-01-4.ffcsv.csv").data
    nordsachsen = data.filter(region_key="14730").sort("disaggregation")
    assert nordsachsen.select("disaggregation", "value").rows() == [
        ("", 199_422.0),
        ("GES:GESM", 98_780.0),
        ("GES:GESW", 100_642.0),
    ]
    districts = data.filter(pl.col("region_key").str.len_chars() == 5, disaggregation="")
    assert districts["value"].sum() == 83_577_140  # Germany on 2024-12-31
