"""The real tables shipped as default data (data/statistics/tables/) all parse."""

from pathlib import Path

import polars as pl
import pytest

from kek.statistics.parsers import ParseError, parse_file

DATA = Path(__file__).resolve().parents[3] / "data" / "statistics"
TABLES = sorted((DATA / "tables").glob("*.ffcsv.csv"))
OTHER = [DATA / "README.md", DATA / "topics.yaml"]


def test_the_shipped_tables_are_there() -> None:
    assert len(TABLES) == 10


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.name)
def test_every_shipped_statistics_file_parses(path: Path) -> None:
    result = parse_file(path)
    lines = [line for line in path.read_text(encoding="utf-8-sig").split("\n") if line]
    assert result.data.height == len(lines) - 1
    assert (result.data["value"].is_null() == result.data["symbol"].is_not_null()).all()


@pytest.mark.parametrize("path", OTHER, ids=lambda p: p.name)
def test_other_files_are_rejected_cleanly(path: Path) -> None:
    """A README or a YAML file is no statistics file."""
    with pytest.raises(ParseError):
        parse_file(path)


def test_nordsachsen_in_the_full_population_table() -> None:
    data = parse_file(DATA / "tables" / "12411-01-01-4.ffcsv.csv").data
    nordsachsen = data.filter(region_key="14730").sort("disaggregation")
    assert nordsachsen.select("disaggregation", "value").rows() == [
        ("", 199_422.0),
        ("GES:GESM", 98_780.0),
        ("GES:GESW", 100_642.0),
    ]
    districts = data.filter(pl.col("region_key").str.len_chars() == 5, disaggregation="")
    assert districts["value"].sum() == 83_577_140  # Germany on 2024-12-31
