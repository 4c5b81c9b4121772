"""Fixtures for the statistics tests that touch the database."""

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "regionalstatistik"


@pytest.fixture(autouse=True)
def immediate_tasks(request):
    """Background imports run at once (ImmediateBackend); uploads land in a temp folder."""
    if "django_db_setup" not in request.fixturenames and "db" not in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"
    yield


@pytest.fixture
def fixture_file():
    """Path of a real statistics file in tests/fixtures/regionalstatistik/."""

    def path(name: str) -> Path:
        return FIXTURES / name

    return path


@pytest.fixture
def regions(db):
    """Only the region register (Germany, Länder, districts), no statistics: the preloaded
    default tables, their batches, indicators, topics, groups and the regions they created
    are removed inside the test's transaction. Returns the number of register rows."""
    from django.test import override_settings

    from kek.regions.loading import REGIONS_FILE, load_regions, read_regions
    from kek.regions.models import Region
    from kek.statistics.models import ComparisonGroup, ImportBatch, Indicator, Observation, Topic

    with override_settings(SIMPLE_HISTORY_ENABLED=False):  # a clean-up, not a change
        Observation.objects.all().delete()
        for model in (ImportBatch, Indicator, Topic, ComparisonGroup):
            model.objects.all().delete()
        register = [row["ags"] for row in read_regions(REGIONS_FILE)]
        created = Region.objects.exclude(ags__in=register)
        for level in ("municipality", "government_district"):
            created.filter(level=level).delete()
    if Region.objects.filter(ags__in=register).count() < len(register):  # else loaded already
        load_regions()
    return len(register)
