"""Undoing a statistics import from its record (issue 16, "Import rückgängig machen")."""

import pytest

from kek.regions.models import Region
from kek.statistics.importer import import_bytes, import_file
from kek.statistics.models import ImportBatch, Indicator, Observation, ReplacedValue
from kek.statistics.undo import UndoRefused, blockers, plan, undo
from tests.projects.factories import TargetIndicatorFactory

from .test_importer import snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

POPULATION = "12411-01-01-4.ffcsv.csv"
CELL = ";14730;Nordsachsen, Landkreis;GES;Geschlecht;GESM;männlich;{};"


def changed_population(fixture_file) -> bytes:
    text = fixture_file(POPULATION).read_text(encoding="utf-8-sig")
    changed = text.replace(CELL.format(98780), CELL.format(98781))
    assert changed != text
    return changed.encode()


def test_undoing_a_first_import_removes_its_values_regions_and_indicators(regions, fixture_file):
    before = (Observation.objects.count(), Region.objects.count(), Indicator.objects.count())
    batch = import_file(fixture_file("AI-N-01-2-5.ffcsv.csv"))
    assert batch.created_regions and batch.created_indicators
    expected = plan(batch)
    assert expected.removed == batch.rows_added and expected.restored == 0

    done = undo(batch)

    assert done == expected
    assert (Observation.objects.count(), Region.objects.count(), Indicator.objects.count()) == (
        before
    )
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.UNDONE and batch.undone_at is not None
    assert "Rückgängig gemacht" in batch.message


def test_undoing_a_correction_gives_the_old_values_back(regions, fixture_file):
    first = import_file(fixture_file(POPULATION))
    original = snapshot()
    correction = import_bytes(changed_population(fixture_file), POPULATION)
    assert correction.rows_changed == 2
    assert ReplacedValue.objects.filter(batch=correction).count() == 2
    assert snapshot() != original

    done = undo(correction)

    assert (done.removed, done.restored) == (0, 2)
    assert snapshot() == original  # values, symbols and the batch they came from
    assert Observation.objects.filter(batch=first).count() == first.rows_added


def test_an_import_whose_values_a_later_import_changed_is_not_undone(regions, fixture_file):
    first = import_file(fixture_file(POPULATION))
    correction = import_bytes(changed_population(fixture_file), POPULATION)
    before = snapshot()

    reasons = blockers(first)
    assert any("spätere Import" in r and str(correction) in r for r in reasons)
    assert "2 Werte späterer Importe gehören zu Indikatoren" in " ".join(reasons)
    with pytest.raises(UndoRefused):
        undo(first)
    assert snapshot() == before

    undo(correction)
    undo(first)  # in reverse order both can be undone
    assert Observation.objects.count() == 0


def test_an_indicator_a_target_indicator_uses_keeps_its_import(regions, fixture_file):
    batch = import_file(fixture_file(POPULATION))
    indicator = Indicator.objects.get(pk=batch.created_indicators[0])
    TargetIndicatorFactory(series_indicator=indicator.code)
    before = snapshot()

    problems = blockers(batch)
    assert any("1 Zielindikatoren nutzen Indikatoren" in p for p in problems)
    with pytest.raises(UndoRefused):
        undo(batch)
    assert snapshot() == before
    assert ImportBatch.objects.get(pk=batch.pk).status == ImportBatch.Status.DONE


def test_an_undone_import_cannot_be_undone_twice(regions, fixture_file):
    batch = import_file(fixture_file(POPULATION))
    undo(batch)
    assert "Nur abgeschlossene Importe" in blockers(ImportBatch.objects.get(pk=batch.pk))[0]


def test_the_same_file_imports_again_after_it_was_undone(regions, fixture_file):
    path = fixture_file(POPULATION)
    first = import_file(path)
    undo(first)
    again = import_file(path)
    assert again.rows_added == first.rows_added


def test_an_indicator_swot_evidence_uses_keeps_its_import(regions, fixture_file):
    from kek.swot.models import IndicatorEvidence, SwotItem
    from tests.goals.factories import ConceptFactory

    batch = import_file(fixture_file(POPULATION))
    item = SwotItem.objects.create(concept=ConceptFactory(), kind="strength", title="Wachstum")
    IndicatorEvidence.objects.create(item=item, indicator_id=batch.created_indicators[0])
    assert any("Indikatoren, die dieser Import angelegt hat" in p for p in blockers(batch))
