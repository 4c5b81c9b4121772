"""Every content model that had no history records its creation, changes and deletion, with
the user and who acted in words (issue 16, kek.core.history)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from kek.core import audit
from kek.projects.models import Attachment, EvaluationSnapshot
from kek.statistics.models import ComparisonGroup, ImportBatch, Indicator, Topic
from kek.swot.models import (
    DocumentEvidence,
    ExpertTalk,
    IndicatorEvidence,
    SwotItem,
    SwotSuggestion,
)

from ..goals.factories import ConceptFactory
from ..projects.factories import (
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
)
from ..regions.factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def document() -> Document:
    return Document.objects.create(title="Studie", file=ContentFile(b"%PDF-1.4", name="s.pdf"))


def swot_item() -> SwotItem:
    return SwotItem.objects.create(concept=ConceptFactory(), kind="strength", title="Lage")


def indicator() -> Indicator:
    return Indicator.objects.create(code="PRUEF1", name="Prüfindikator")


# model → (a new object, the field a change sets, its new value)
CASES = {
    "milestone": (lambda: MilestoneFactory(), "title", "Baubeginn"),
    "attachment": (
        lambda: Attachment.objects.create(project=ProjectFactory(), title="A", document=document()),
        "title",
        "Anlage 2",
    ),
    "measurement": (lambda: MeasurementFactory(), "value", 42.5),
    "evaluationsnapshot": (
        lambda: EvaluationSnapshot.objects.create(
            concept=ConceptFactory(), title="Bericht", results={"stand": 1}
        ),
        "note",
        "Mit Anmerkung",
    ),
    "indicatorevidence": (
        lambda: IndicatorEvidence.objects.create(item=swot_item(), indicator=indicator()),
        "note",
        "Hinweis",
    ),
    "documentevidence": (
        lambda: DocumentEvidence.objects.create(item=swot_item(), title="Demografiestudie"),
        "year",
        2017,
    ),
    "experttalk": (
        lambda: ExpertTalk.objects.create(item=swot_item(), bodies="IHK"),
        "bodies",
        "IHK, Handwerkskammer",
    ),
    "swotsuggestion": (
        lambda: SwotSuggestion.objects.create(
            region=RegionFactory(),
            indicator=indicator(),
            kind="strength",
            rule="r",
            explanation="e",
            fingerprint="f" * 40,
        ),
        "status",
        SwotSuggestion.Status.REJECTED,
    ),
    "topic": (lambda: Topic.objects.create(name="Prüfthema", slug="pruefthema"), "name", "Neu"),
    "importbatch": (
        lambda: ImportBatch.objects.create(file_name="a.csv", content_hash="0" * 64),
        "status",
        ImportBatch.Status.DONE,
    ),
    "comparisongroup": (
        lambda: ComparisonGroup.objects.create(district=RegionFactory(), name="G", slug="g"),
        "name",
        "Nachbarn",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_creating_changing_and_deleting_is_recorded_with_the_user(name, planner):
    make, field, value = CASES[name]
    with audit.acting_as("Prüfung") as scope:
        scope.user = planner
        obj = make()
        setattr(obj, field, value)
        obj.save()
        pk = obj.pk
        obj.delete()
    records = type(obj).history.filter(id=pk).order_by("history_date", "history_id")
    assert [r.history_type for r in records] == ["+", "~", "-"]
    assert {r.history_user for r in records} == {planner}
    assert {r.history_actor for r in records} == {"planerin über Prüfung"}
    assert getattr(records[1], field) == value


@pytest.mark.parametrize("name", sorted(CASES))
def test_saving_without_a_change_writes_no_record(name):
    make, _, _ = CASES[name]
    obj = make()
    type(obj).objects.get(pk=obj.pk).save()
    assert type(obj).history.filter(id=obj.pk).count() == 1


def test_the_frozen_results_of_a_report_are_not_copied_into_its_record():
    fields = {f.name for f in EvaluationSnapshot.history.model._meta.fields}
    assert "title" in fields and "results" not in fields


def test_import_batches_do_not_record_their_progress():
    batch = ImportBatch.objects.create(file_name="a.csv", content_hash="0" * 64)
    batch.progress = 40
    batch.save()
    assert batch.history.count() == 1
