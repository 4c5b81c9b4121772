"""A file whose values all belong to regions outside the current register (found by
bench/fuzz_imports.py): the import skips them and says so, instead of a traceback
(EmptyResultSet from comparing against no stored values)."""

import pytest

from kek.statistics.importer import import_bytes
from kek.statistics.models import Observation

from .parsers.test_errors import flat

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


def test_a_file_of_dissolved_districts_only_imports_nothing_and_names_them(regions):
    batch = import_bytes(flat("1", key="14389"), "torgau-oschatz.csv")  # dissolved 2008

    assert (batch.rows_added, batch.rows_changed, batch.rows_skipped) == (0, 0, 1)
    assert "14389" in batch.summary()
    assert not Observation.objects.exists()
