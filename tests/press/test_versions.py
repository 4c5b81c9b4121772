"""A Fortschreibung (kek.goals.versions.new_version) loses no article link: an article that
spoke to a field of action of the old version speaks to its copy in the new one as well, the
old links stay, and the change is in the article's history."""

import pytest

from kek.goals.models import FieldOfAction
from kek.goals.versions import new_version
from kek.press.models import PressArticle

from .world import article

pytestmark = pytest.mark.django_db


def keys(found: PressArticle, concept) -> set:
    return set(found.fields_of_action.filter(concept=concept).values_list("key", flat=True))


def links(found: PressArticle) -> set:
    return set(found.fields_of_action.values_list("pk", flat=True))


def test_a_new_version_loses_no_article_link(concept, planner):
    fields = list(FieldOfAction.objects.filter(concept=concept).order_by("position"))
    first = PressArticle.objects.get(part=1)
    first.fields_of_action.set(fields[:2])
    second = article(concept.region, first.series, 9, fields=[fields[-1]])
    unlinked = PressArticle.objects.get(part=2)
    before = {a.pk: keys(a, concept) for a in (first, second, unlinked)}
    old_links = {
        a.pk: set(a.fields_of_action.values_list("pk", flat=True)) for a in (first, second)
    }

    draft = new_version(concept, user=planner)

    for found in (first, second, unlinked):
        assert keys(found, draft) == before[found.pk]
        assert keys(found, concept) == before[found.pk]  # the old version keeps its links
    for found in (first, second):
        assert old_links[found.pk] < links(found)
        record = found.history.first()
        assert record.history_user == planner
        assert (
            record.history_change_reason == f"Handlungsfelder der Version {draft.version} verknüpft"
        )
        assert set(record.fields_of_action.values_list("fieldofaction_id", flat=True)) == set(
            found.fields_of_action.values_list("pk", flat=True)
        )
    assert unlinked.history.count() == 1  # nothing to link, nothing on record


def test_a_field_the_new_version_lacks_is_not_linked(concept):
    field = FieldOfAction.objects.filter(concept=concept).first()
    found = PressArticle.objects.get(part=1)
    found.fields_of_action.set([field])
    draft = new_version(concept)
    FieldOfAction.objects.filter(concept=draft, key=field.key).delete()
    third = new_version(draft)
    assert keys(found, third) == set()
    assert keys(found, concept) == {field.key}
