"""`kek export-observations` writes a CSV that a spreadsheet opens without running formulas."""

import csv

import pytest

from kek.core.cells import restore
from kek.statistics.models import Observation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


def test_text_cells_are_defused_and_numbers_stay_numbers(regions, kek, fixture_file, tmp_path):
    """Issue 16: a text starting with = + - @ (here a disaggregation and the symbol "-") is
    written with a leading ' ; a negative value is still a plain number."""
    kek("import-stats", str(fixture_file("12411-01-01-4.ffcsv.csv")))
    observations = Observation.objects.filter(region__ags="14730").order_by("pk")
    first, second = observations[0], observations[1]
    Observation.objects.filter(pk=first.pk).update(disaggregation="=1+1", value=-3.5)
    Observation.objects.filter(pk=second.pk).update(
        disaggregation="@SUM(A1)", value=None, symbol="-"
    )
    target = tmp_path / "nordsachsen.csv"
    kek("export-observations", "--region", "14730", str(target))
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    formula = next(r for r in rows if r["disaggregation"] == "'=1+1")
    assert formula["value"] == "-3.5"
    symbol = next(r for r in rows if r["disaggregation"] == "'@SUM(A1)")
    assert (symbol["value"], symbol["symbol"]) == ("", "'-")
    dangerous = ("=", "+", "-", "@", "\t", "\r")
    for row in rows:
        for name, cell in row.items():
            assert name == "value" or not cell.startswith(dangerous)
    assert restore(symbol["disaggregation"]) == "@SUM(A1)"
