"""The catalogue import writes measured values in bulk as reviewed: the plausibility checks
are for the values leads type in (issue 11), and an import keeps a value's review state."""

import datetime as dt

import pytest

from kek.projects import catalogue_io as io
from kek.projects.catalogue_db import export_catalogue, import_catalogue
from kek.projects.evaluation import evaluate_indicators
from kek.projects.models import Measurement

from .review_world import build_review_world, flagged, visitors

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]


def test_it_imports_a_value_the_checks_would_flag_as_reviewed():
    world = build_review_world()
    before = evaluate_indicators([visitors(world)])[visitors(world).pk]
    catalogue = export_catalogue(world.concept)
    row = next(i for i in catalogue.indicators if i.key == str(visitors(world).key))
    row.measurements.append(io.Measurement(dt.date(2024, 12, 31), 1234.5, "Import", ""))
    import_catalogue(world.concept, catalogue)
    imported = visitors(world).measurements.get(date=dt.date(2024, 12, 31))
    assert (imported.value, imported.review) == (1234.5, Measurement.Review.OK)
    assert evaluate_indicators([visitors(world)])[visitors(world).pk] != before


def test_an_import_leaves_a_value_under_review_waiting():
    world = build_review_world()
    waiting = flagged(world)
    catalogue = export_catalogue(world.concept)
    row = next(i for i in catalogue.indicators if i.key == str(visitors(world).key))
    (exported,) = [m for m in row.measurements if m.date == waiting.date]
    exported.note = "Aus der Tabelle"
    import_catalogue(world.concept, catalogue)
    waiting.refresh_from_db()
    assert (waiting.note, waiting.review) == ("Aus der Tabelle", Measurement.Review.PENDING)
