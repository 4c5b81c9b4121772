"""Import and export of a district's goal system against the database (F4)."""

from pathlib import Path

import pytest

from kek.goals import exchange
from kek.goals.concept_db import export_district, import_district
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.regions.models import Region

from ..accounts.factories import UserFactory
from .drafts import make_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def editable(nordsachsen):
    """These tests change the shipped version by import: it must be a draft (issue 11)."""
    return make_draft(nordsachsen)


@pytest.fixture
def leipzig(nordsachsen):
    return Region.objects.get(ags="14729")


def test_export_import_as_another_district_export_is_lossless(nordsachsen, leipzig, tmp_path):
    for suffix in (".yaml", ".xlsx"):
        path = tmp_path / f"ns{suffix}"
        exchange.write(export_district(nordsachsen), path)
        import_district(leipzig, exchange.read(path))
        copied = export_district(leipzig)
        original = export_district(nordsachsen)
        assert copied.versions == original.versions
        assert (copied.ags, copied.name) == ("14729", "Leipzig")


def test_reimporting_the_same_file_changes_nothing(nordsachsen, concept, tmp_path):
    path = tmp_path / "ns.yaml"
    exchange.write(export_district(nordsachsen), path)
    history = StrategicGoal.history.count()
    result = import_district(nordsachsen, exchange.read(path))
    assert (result.created, result.changed, result.deleted) == (0, 0, 0)
    assert result.unchanged == 37
    assert StrategicGoal.history.count() == history


def test_it_updates_by_key_records_who_and_deletes_what_is_gone(nordsachsen, editable):
    user = UserFactory(username="planerin", groups=["planner"])
    data = export_district(nordsachsen)
    field = data.versions[0].fields[0]
    field.children[0].title = "Unternehmen stärken"
    removed = field.children.pop(1)
    result = import_district(nordsachsen, data, user, remove_missing=True)
    # the reworded goal, and the one that moved up into the removed goal's place
    assert (result.changed, result.deleted) == (2, 1 + len(removed.children))
    goal = StrategicGoal.objects.get(concept=editable, key=field.children[0].key)
    record = goal.history.latest()
    assert record.history_user == user and record.title == "Unternehmen stärken"
    assert not StrategicGoal.objects.filter(key=removed.key).exists()
    assert list(
        StrategicGoal.objects.filter(field__number="1")
        .order_by("number")
        .values_list("number", flat=True)
    ) == ["1.1", "1.2"]


def test_a_goal_can_move_to_another_field(nordsachsen, editable):
    data = export_district(nordsachsen)
    fields = data.versions[0].fields
    moved = fields[0].children.pop(0)
    fields[1].children.append(moved)
    import_district(nordsachsen, data)
    goal = StrategicGoal.objects.get(concept=editable, key=moved.key)
    assert goal.field.title == "Bildung & Qualifikation"
    assert goal.number == "2.4"
    assert goal.subgoals.count() == len(moved.children)


def test_it_sets_sdgs_and_adds_new_versions(nordsachsen, editable):
    data = export_district(nordsachsen)
    field = data.versions[0].fields[0]
    field.sdgs = [1, 17]

    def numbers() -> list[int]:
        return list(FieldOfAction.objects.get(key=field.key).sdgs.values_list("number", flat=True))

    import_district(nordsachsen, data)
    assert numbers() == [1, 8, 9, 17]  # 8 and 9 are no longer in the file: kept unless asked
    result = import_district(nordsachsen, data, remove_missing=True)
    assert numbers() == [1, 17] and result.changed == 1


def test_the_current_version_follows_the_file(nordsachsen, concept):
    data = export_district(nordsachsen)
    second = exchange.Version(version=2, title="KEK 2035", status="adopted", current=True)
    second.predecessor = 1
    data.versions[0].current = False
    data.versions.append(second)
    import_district(nordsachsen, data)
    current = Concept.objects.get(region=nordsachsen, is_current=True)
    assert current.version == 2 and current.predecessor == concept


def test_a_failing_import_changes_nothing(nordsachsen, editable, monkeypatch):
    data = export_district(nordsachsen)
    data.versions[0].fields[0].title = "Geändert"
    data.versions[0].fields[1].children[0].children[0].title = "Auch geändert"

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("kek.goals.sdg_links.record_in_history", explode)
    with pytest.raises(RuntimeError):
        import_district(nordsachsen, data)
    assert not FieldOfAction.objects.filter(title="Geändert").exists()
    assert not SubGoal.objects.filter(title="Auch geändert").exists()


def test_the_shipped_file_is_what_load_defaults_imported(nordsachsen):
    shipped = exchange.read(Path(__file__).resolve().parents[2] / "data/nordsachsen/concept.yaml")
    assert export_district(nordsachsen).versions == shipped.versions


def test_the_exchange_limits_are_the_models_max_length():
    """Issue 16: a 1,000,000-character title was accepted; the reader refuses what the database
    would not take, with the limits the import command reads from the models."""
    from kek.goals import concept_db, exchange

    assert concept_db.limits() == exchange.LIMITS
    assert exchange.LIMITS["goal"]["title"] == 300
