"""Malformed and truncated files through the database importer: a clean German error and an
unchanged database, or a complete import — never a traceback, never a partial import."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kek.regions.models import Region
from kek.statistics.importer import ImportFailed, import_bytes
from kek.statistics.models import ImportBatch, Indicator, Observation

from .conftest import FIXTURES

SOURCES = [
    "12411-01-01-4.ffcsv.csv",
    "13111-01-03-4-alt.csv",
    "12411-01-01-4-tabelle.csv",
    "template-example.csv",
    "AI-N-01-2-5.ffcsv.csv",
]
CONTENT = {name: (FIXTURES / name).read_bytes() for name in SOURCES}
NOISE = st.sampled_from([b"", b";", b"\n", b'"', b"\xff", b"x", b"-", b"1,5,", b"\x00", b"\xc3"])


def state() -> tuple:
    counts = tuple(m.objects.count() for m in (Observation, Region, Indicator, ImportBatch))
    values = list(Observation.objects.order_by("id").values_list("id", "value", "symbol"))
    return counts, values


def damage(data: bytes, cut: float, edits: list[tuple[float, bytes]]) -> bytes:
    data = data[: max(1, int(len(data) * cut))]
    for where, noise in edits:
        at = int(len(data) * where)
        data = data[:at] + noise + data[at + 1 :]
    return data


@pytest.mark.django_db
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    name=st.sampled_from(SOURCES),
    cut=st.floats(0.0, 1.0),
    edits=st.lists(st.tuples(st.floats(0.0, 1.0), NOISE), max_size=3),
)
def test_damaged_file_fails_cleanly_or_imports_completely(regions, name, cut, edits):
    data = damage(CONTENT[name], cut, edits)
    with transaction.atomic():
        before = state()
        try:
            batch = import_bytes(data, name)
        except ImportFailed as exc:
            assert str(exc).startswith(name)
            assert state() == before
        else:
            assert batch.status == ImportBatch.Status.DONE
            written = Observation.objects.filter(batch=batch).count()
            assert written == batch.rows_added + batch.rows_changed
            assert batch.rows_added + batch.rows_changed + batch.rows_unchanged == (
                batch.rows_total - batch.rows_skipped
            )
        transaction.set_rollback(True)
