"""Issue 11: a new version (`kek.goals.versions.new_version`) loses nothing of the SWOT: every
item with every field, its goal links (to the same goals of the new version), and all three
kinds of evidence with every field, in their order, each copy on record. Compared field by
field over the models' own fields, so that a field added later cannot be forgotten."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from kek.goals.models import StrategicGoal
from kek.goals.versions import new_version
from kek.regions.models import Region
from kek.statistics.models import ComparisonGroup, Indicator, Topic
from kek.swot.models import DocumentEvidence, ExpertTalk, IndicatorEvidence, SwotItem

pytestmark = pytest.mark.django_db

EVIDENCE = (IndicatorEvidence, DocumentEvidence, ExpertTalk)
SKIPPED = {"id", "item", "concept"}  # what a copy must have of its own


def own_fields(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if f.name not in SKIPPED]


def snapshot(concept) -> dict:
    """Per item key: its fields, its goals' keys, and its evidence rows of each kind."""
    found = {}
    for item in SwotItem.objects.filter(concept=concept):
        found[item.key] = {
            "fields": {name: getattr(item, name) for name in own_fields(SwotItem)},
            "goals": sorted(str(goal.key) for goal in item.goals.all()),
            **{
                model.__name__: [
                    {name: getattr(row, name) for name in own_fields(model)}
                    for row in model.objects.filter(item=item).order_by("sort_order", "id")
                ]
                for model in EVIDENCE
            },
        }
    return found


@pytest.fixture
def rich_item(concept, nordsachsen):
    """An item with every kind of evidence, each field filled, linked to two goals."""
    goals = list(StrategicGoal.objects.filter(concept=concept).order_by("number")[:2])
    item = SwotItem.objects.create(
        concept=concept, kind="threat", topic=Topic.objects.first(), title="Alles belegt",
        explanation="Mit jeder Art von Beleg.", position=7, is_example=False,
    )  # fmt: skip
    item.goals.set(goals)
    item.save()
    IndicatorEvidence.objects.create(
        item=item, sort_order=0, indicator=Indicator.objects.get(code="BEVDICHTE"),
        comparison_region=Region.objects.get(ags="14"),
        comparison_group=ComparisonGroup.objects.filter(district=nordsachsen).first(),
        period="2024-12-31", disaggregation="", note="Dichte im Vergleich",
    )  # fmt: skip
    IndicatorEvidence.objects.create(
        item=item, sort_order=1, indicator=Indicator.objects.get(code="BEVSTD"),
        disaggregation="GES:GESW", note="Frauen",
    )  # fmt: skip
    document = Document.objects.create(title="Studie", file=ContentFile(b"%PDF-1.4", "s.pdf"))
    DocumentEvidence.objects.create(
        item=item, sort_order=0, title="Demografiestudie", year=2017,
        author="Leibniz-Institut für Länderkunde", url="https://example.org/studie",
        document=document,
    )  # fmt: skip
    ExpertTalk.objects.create(
        item=item, sort_order=0, date=dt.date(2019, 2, 14), when_text="ab Februar 2019",
        bodies="Wirtschaftsförderung, IHK", note="Fachkräfte fehlen",
    )  # fmt: skip
    ExpertTalk.objects.create(item=item, sort_order=1, bodies="Agentur für Arbeit")
    return item


def test_a_new_version_copies_every_item_field_goal_link_and_evidence(concept, rich_item, planner):
    before = snapshot(concept)
    assert len(before) > 1 and all(before[rich_item.key][m.__name__] for m in EVIDENCE)

    copy = new_version(concept, planner)

    assert snapshot(copy) == before
    assert snapshot(concept) == before  # the adopted version keeps its own
    for item in SwotItem.objects.filter(concept=copy).prefetch_related("goals"):
        assert {goal.concept_id for goal in item.goals.all()} <= {copy.pk}


def test_the_copies_are_on_record_with_their_goal_links(concept, rich_item, planner):
    copy = new_version(concept, planner)
    item = SwotItem.objects.get(concept=copy, key=rich_item.key)
    record = item.history.get()
    assert (record.history_type, record.history_user) == ("+", planner)
    assert record.history_change_reason == "Kopie aus Version 1"
    assert {link.strategicgoal_id for link in record.goals.all()} == set(
        item.goals.values_list("pk", flat=True)
    )
    for model in EVIDENCE:
        for row in model.objects.filter(item=item):
            assert row.history.get().history_change_reason == "Kopie aus Version 1"


def test_a_version_made_from_the_copy_keeps_everything_too(concept, rich_item):
    before = snapshot(concept)
    second = new_version(concept)
    third = new_version(second)
    assert snapshot(third) == before
