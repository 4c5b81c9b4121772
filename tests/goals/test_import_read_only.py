"""Issue 11: `kek import-concept` leaves an adopted version's goal system alone. A file that
would change it is refused with the German reason and changes nothing; the same file again,
or one that brings the changes as a new draft version, is imported."""

import pytest
from django.core.management import CommandError

from kek.goals import exchange
from kek.goals.concept_db import export_district
from kek.goals.models import Concept, StrategicGoal

pytestmark = pytest.mark.django_db

REASON = "Version 1 ist beschlossen und kann nicht mehr geändert werden."


def written(data, tmp_path, name="konzept.yaml"):
    path = tmp_path / name
    exchange.write(data, path)
    return str(path)


def test_it_refuses_a_file_that_changes_the_adopted_version(nordsachsen, concept, kek, tmp_path):
    data = export_district(nordsachsen)
    goal = data.versions[0].fields[0].children[0]
    old_title, goal.title = goal.title, "Im Beschluss umgeschrieben"
    goal.children.append(exchange.Goal(level="subgoal", title="Nachträglich eingefügt"))

    with pytest.raises(CommandError) as refused:
        kek("import-concept", "--district", "14730", written(data, tmp_path))

    assert REASON in str(refused.value)
    assert "(1 neu, 1 geändert)" in str(refused.value)
    assert "version: 2, status: draft, predecessor: 1" in str(refused.value)
    assert StrategicGoal.objects.filter(concept=concept, title=old_title).exists()
    assert not StrategicGoal.objects.filter(title="Im Beschluss umgeschrieben").exists()


@pytest.mark.parametrize(
    "change, message",
    [({"status": "draft"}, "wieder als Entwurf"), ({"title": "Neuer Titel"}, "Titel")],
)
def test_it_refuses_making_the_record_a_draft_again_or_renaming_it(
    nordsachsen, concept, kek, tmp_path, change, message
):
    data = export_district(nordsachsen)
    for name, value in change.items():
        setattr(data.versions[0], name, value)
    with pytest.raises(CommandError, match=message):
        kek("import-concept", "--district", "14730", written(data, tmp_path))
    concept.refresh_from_db()
    assert (concept.status, concept.title) == ("adopted", "KEK Nordsachsen 2030")


def test_it_removes_nothing_of_the_adopted_version(nordsachsen, concept, kek, tmp_path):
    data = export_district(nordsachsen)
    data.versions[0].fields[0].children.pop()
    before = StrategicGoal.objects.filter(concept=concept).count()
    with pytest.raises(CommandError, match=REASON):
        kek("import-concept", "--district", "14730", "--remove-missing", "--yes",
            written(data, tmp_path))  # fmt: skip
    assert StrategicGoal.objects.filter(concept=concept).count() == before


def test_the_same_file_and_its_adoption_details_still_import(
    nordsachsen, concept, kek, tmp_path, capsys
):
    data = export_district(nordsachsen)
    data.versions[0].resolution_number = "KT 2021/017"
    kek("import-concept", "--district", "14730", written(data, tmp_path))
    concept.refresh_from_db()
    assert concept.resolution_number == "KT 2021/017"
    assert "0 angelegt, 0 geändert" in capsys.readouterr().out


def test_a_fortschreibung_in_the_file_is_imported_as_a_new_draft(
    nordsachsen, concept, kek, tmp_path
):
    data = export_district(nordsachsen)
    draft = exchange.Version(
        version=2, title=concept.title, status="draft", predecessor=1,
        fields=data.versions[0].fields,
    )  # fmt: skip
    draft.fields[0].children[0].title = "In der Fortschreibung umgeschrieben"
    data.versions[0] = export_district(nordsachsen).versions[0]
    data.versions.append(draft)
    kek("import-concept", "--district", "14730", written(data, tmp_path))

    second = Concept.objects.get(region=nordsachsen, version=2)
    assert (second.status, second.predecessor, second.is_current) == ("draft", concept, False)
    assert StrategicGoal.objects.filter(
        concept=second, title="In der Fortschreibung umgeschrieben"
    ).exists()
    assert not StrategicGoal.objects.filter(
        concept=concept, title="In der Fortschreibung umgeschrieben"
    ).exists()
    # The draft may change again with the next file.
    draft.fields[0].children[0].title = "Noch einmal umgeschrieben"
    kek("import-concept", "--district", "14730", written(data, tmp_path, "zwei.yaml"))
    assert StrategicGoal.objects.filter(concept=second, title="Noch einmal umgeschrieben").exists()


def test_an_import_into_the_draft_is_not_undone_after_its_adoption(
    nordsachsen, concept, kek, tmp_path
):
    from kek.core.models import ImportRun
    from kek.goals.versions import new_version

    draft = new_version(concept)
    data = export_district(nordsachsen)
    second = next(v for v in data.versions if v.version == 2)
    second.fields[0].children[0].title = "In der Fortschreibung umgeschrieben"
    kek("import-concept", "--district", "14730", written(data, tmp_path))
    run = ImportRun.objects.order_by("-pk").first()
    Concept.objects.filter(pk=draft.pk).update(status=Concept.Status.ADOPTED)

    with pytest.raises(CommandError, match="Version 2 ist beschlossen"):
        kek("undo-run", str(run.pk))
    assert StrategicGoal.objects.filter(
        concept=draft, title="In der Fortschreibung umgeschrieben"
    ).exists()
