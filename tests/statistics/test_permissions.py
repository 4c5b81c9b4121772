"""Every write of the statistics data, tried as anonymous, participant, planner and admin (F30).

Writes are the back office's snippet views of topics, indicators and comparison groups, the
upload of a statistics file, and `kek import-stats --user`. Planners and the IT admin group may
change the statistics (kek/statistics/rules.py); Wagtail sends everyone else to its login.
Import batches are a record: nobody may add, edit or delete one, so the walk expects Wagtail's
refusal (back to the dashboard) even for planners. The walk is tests/permission_walk.py.
"""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kek.regions.models import Region
from kek.statistics.admin_views import PREVIEW_MESSAGE
from kek.statistics.importer import import_bytes
from kek.statistics.models import ComparisonGroup, ImportBatch, Indicator, Observation, Topic

from .. import permission_walk as pw
from ..permission_walk import ADMIN_LOGIN, ALLOWED, DASHBOARD, EDITED_TITLE, NEW_TITLE, Entry
from .conftest import FIXTURES

STATISTICS_FILE = FIXTURES / "12411-01-01-4.ffcsv.csv"
UNDONE_FILE = FIXTURES / "template-example.csv"
PREVIEWED = "vorschau-12411.csv"
ROLE_FIXTURES = {"participant": "participant", "planner": "planner", "admin": "admin_user"}
REFUSED = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN}
OUTCOMES = {**REFUSED, "planner": ALLOWED, "admin": ALLOWED}
RECORD = {**REFUSED, "planner": DASHBOARD, "admin": DASHBOARD}


@dataclass
class World:
    district: Region
    topic: Topic
    indicator: Indicator
    group: ComparisonGroup
    batch: ImportBatch
    preview: ImportBatch  # an upload previewed with "Nur Vorschau", waiting for the decision
    imported: ImportBatch  # a finished import that can be undone

    def instance(self, model):
        return {
            Topic: self.topic,
            Indicator: self.indicator,
            ComparisonGroup: self.group,
            ImportBatch: self.batch,
        }[model]


@pytest.fixture
def world(regions) -> World:
    district = Region.objects.get(ags="14730")
    topic = Topic.objects.create(name="Rechteprüfung", slug="rechtepruefung")
    indicator = Indicator.objects.create(code="RECHTE1", name="Prüfwert", topic=topic)
    group = ComparisonGroup.objects.create(district=district, name="Nachbarn", slug="nachbarn")
    batch = ImportBatch.objects.create(file_name="alt.csv", content_hash="0" * 64)
    preview = ImportBatch(file_name=PREVIEWED, content_hash="1" * 64, message=PREVIEW_MESSAGE)
    preview.file.save(PREVIEWED, ContentFile(STATISTICS_FILE.read_bytes()), save=True)
    imported = import_bytes(UNDONE_FILE.read_bytes(), UNDONE_FILE.name)
    return World(district, topic, indicator, group, batch, preview, imported)


def undone(w: World) -> bool:
    return ImportBatch.objects.get(pk=w.imported.pk).status == ImportBatch.Status.UNDONE


@pytest.fixture
def user_for(request):
    return lambda role: request.getfixturevalue(ROLE_FIXTURES[role])


def snapshot(ignore=frozenset()) -> dict:
    """The statistics tables row by row, and how many observations and regions there are."""
    rows = pw.snapshot(
        [Topic, Indicator, ComparisonGroup, ComparisonGroup.members.through, ImportBatch], ignore
    )
    values = list(Observation.objects.order_by("pk").values_list("pk", "value", "batch_id"))
    return rows | {
        "counts": (Observation.objects.count(), Region.objects.count()),
        "values": values,
    }


# ----------------------------------------------------------------------------- form data


def topic_form(w: World, obj: Topic | None = None, title: str = NEW_TITLE) -> dict:
    return {
        "name": title,
        "slug": obj.slug if obj else "neues-thema",
        "description": "",
        "position": obj.position if obj else 9,
    }


def indicator_form(w: World, obj: Indicator | None = None, title: str = NEW_TITLE) -> dict:
    return {
        "unit": obj.unit if obj else "Anzahl",
        "name": title,
        "definition": "",
        "topic": w.topic.pk,
        "direction": obj.direction if obj else Indicator.Direction.choices[0][0],
        "additive": "on",
        "statistic_code": "",
        "table_code": "",
        "statistic_name": "",
    }


def group_form(w: World, obj: ComparisonGroup | None = None, title: str = NEW_TITLE) -> dict:
    return {
        "district": w.district.pk,
        "name": title,
        "slug": obj.slug if obj else "neue-gruppe",
        "position": "0",
        "rule": ComparisonGroup.Rule.LIST,
        "state": "",
        "members": [],
    }


def batch_form(w: World, obj: ImportBatch | None = None, title: str = NEW_TITLE) -> dict:
    return {"file_name": title}


FORMS = {Topic: topic_form, Indicator: indicator_form, ComparisonGroup: group_form}
TITLE_FIELD = {Topic: "name", Indicator: "name", ComparisonGroup: "name", ImportBatch: "file_name"}


# ----------------------------------------------------------------------------- entries


def snippet_entries(model, outcomes) -> list[Entry]:
    name = model._meta.model_name
    form = FORMS.get(model, batch_form)
    title = TITLE_FIELD[model]
    snippets = f"wagtailsnippets_statistics_{name}"
    chooser = f"wagtailsnippetchoosers_statistics_{name}:create"
    return [
        Entry(
            id=f"{name}-add",
            covers=f"url:{snippets}:add",
            url=lambda w: reverse(f"{snippets}:add"),
            data=lambda w: form(w),
            happened=lambda w: model.objects.filter(**{title: NEW_TITLE}).exists(),
            outcomes=outcomes,
        ),
        Entry(
            id=f"{name}-chooser-create",
            covers=f"url:{chooser}",
            url=lambda w: reverse(chooser),
            data=lambda w: form(w),
            happened=lambda w: model.objects.filter(**{title: NEW_TITLE}).exists(),
            outcomes=outcomes,
            writable=False,
        ),
        Entry(
            id=f"{name}-edit",
            covers=f"url:{snippets}:edit",
            url=lambda w: reverse(f"{snippets}:edit", args=[w.instance(model).pk]),
            data=lambda w: form(w, w.instance(model), EDITED_TITLE),
            happened=lambda w: (
                getattr(model.objects.get(pk=w.instance(model).pk), title) == EDITED_TITLE
            ),
            outcomes=outcomes,
        ),
        Entry(
            id=f"{name}-delete",
            covers=f"url:{snippets}:delete",
            url=lambda w: reverse(f"{snippets}:delete", args=[w.instance(model).pk]),
            happened=lambda w: not model.objects.filter(pk=w.instance(model).pk).exists(),
            outcomes=outcomes,
        ),
    ]


def upload(w: World) -> dict:
    file = SimpleUploadedFile(
        STATISTICS_FILE.name, STATISTICS_FILE.read_bytes(), content_type="text/csv"
    )
    return {"file": file, "downloaded_on": "2025-11-20"}


ENTRIES = [
    *snippet_entries(Topic, OUTCOMES),
    *snippet_entries(Indicator, OUTCOMES),
    *snippet_entries(ComparisonGroup, OUTCOMES),
    *snippet_entries(ImportBatch, RECORD),
    Entry(
        id="upload",
        covers="url:kek_statistics_import",
        url=lambda w: reverse("kek_statistics_import"),
        data=upload,
        happened=lambda w: ImportBatch.objects.filter(file_name=STATISTICS_FILE.name).exists(),
        outcomes=OUTCOMES,
        methods=("get", "post"),
    ),
    Entry(
        id="upload-preview-import",
        covers="url:kek_statistics_import",
        url=lambda w: reverse("kek_statistics_import"),
        data=lambda w: {"batch": w.preview.pk, "action": "import"},
        happened=lambda w: Observation.objects.filter(batch__file_name=PREVIEWED).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="upload-preview-discard",
        covers="url:kek_statistics_import",
        url=lambda w: reverse("kek_statistics_import"),
        data=lambda w: {"batch": w.preview.pk, "action": "discard"},
        happened=lambda w: not ImportBatch.objects.filter(pk=w.preview.pk).exists(),
        outcomes=OUTCOMES,
    ),
    Entry(
        id="import-undo",
        covers="url:kek_statistics_import_undo",
        url=lambda w: reverse("kek_statistics_import_undo", args=[w.imported.pk]),
        happened=undone,
        outcomes=OUTCOMES,
        methods=("get", "post"),
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


# ----------------------------------------------------------------------------- commands

COMMANDS = [
    pw.Command("import-stats", allowed=("planner", "admin"), refused=("participant",)),
    pw.Command("undo-import", allowed=("planner", "admin"), refused=("participant",)),
]


def imported(w: World) -> bool:
    return Observation.objects.filter(batch__file_name=STATISTICS_FILE.name).exists()


# command → (its arguments, how to see it did its work)
COMMAND_RUNS = {
    "import-stats": (lambda w: [str(STATISTICS_FILE)], imported),
    "undo-import": (lambda w: [str(w.imported.pk)], undone),
}


@pw.command_walk(COMMANDS)
def test_each_role_may_run_only_the_commands_it_is_allowed_to(
    kek, world, user_for, command, role, outcome
):
    arguments, done = COMMAND_RUNS[command.name]
    username = pw.UNKNOWN_USER if role == pw.UNKNOWN_USER else user_for(role).username
    pw.check_command(
        kek, command, arguments(world), lambda: done(world), username, outcome, snapshot
    )
