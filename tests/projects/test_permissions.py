"""Every write of the project catalogue, tried as anonymous, participant, another project's
lead, the project's lead and planner (F17, F30).

Writes are the update form of a project on the public site (status, milestones, measurement)
and the back office's snippet views of projects (with the choice of their resolution, an
agenda item), target indicators and evaluation reports. A project's leads may use the update
form of their own project only; the back office is for planners (Wagtail sends everyone else
to its login before a view runs). A refused request changes nothing in the database; a
permitted one changes what it should. The catalogue commands check the `--user` they act for
in the same way. The walk is tests/permission_walk.py.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse
from wagtail.models import Revision, TaskState

from kek.committees.models import AgendaItem
from kek.committees.resolutions import record_resolution
from kek.core import four_eyes
from kek.projects.forms import MeasurementForm
from kek.projects.models import (
    EvaluationSnapshot,
    Measurement,
    Milestone,
    Project,
    TargetIndicator,
)

from .. import permission_walk as pw
from ..accounts.factories import UserFactory
from ..http import formset
from ..permission_walk import (
    ADMIN_LOGIN,
    ALLOWED,
    EDITED_TITLE,
    FORBIDDEN,
    NEW_TITLE,
    PUBLIC_LOGIN,
    Entry,
)
from .lead_world import LeadWorld, build_world, milestone_data, milestone_row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

NEW_DATE = dt.date(2024, 12, 31)
CORRECTED = dt.date(2022, 12, 31)  # the lead world's measured value
SNIPPET_MODELS = (Project, TargetIndicator, EvaluationSnapshot)
SUBMITTED_TITLE = "Zur Freigabe eingereicht"


# ----------------------------------------------------------------------------- the world


@dataclass
class World(LeadWorld):
    resolution: AgendaItem  # the catalogue's, which the project form may choose
    report: EvaluationSnapshot
    pending: Measurement  # a lead's flagged value, waiting for a planner
    revision: Revision  # an earlier revision of the other project, to revert to
    task_state: TaskState  # the other project's draft, submitted by another planner

    def instance(self, model):
        return {
            Project: self.project,
            TargetIndicator: self.indicator,
            EvaluationSnapshot: self.report,
        }[model]


@pytest.fixture
def world(db) -> World:
    lead_world = build_world()
    resolution = record_resolution(
        lead_world.concept.region, "Kreistag", dt.date(2021, 6, 30),
        "Projektkatalog KEK Prüfhausen 2030", reference="KT/042/2021",
    )  # fmt: skip
    # Frozen results given, so that creating the report does not evaluate the catalogue.
    report = EvaluationSnapshot.objects.create(
        concept=lead_world.concept, title="Bericht 2024", results={"stand": "Test"}
    )
    pending = Measurement.objects.create(
        indicator=lead_world.indicator, date=dt.date(2023, 12, 31), value=95,
        review=Measurement.Review.PENDING, review_reason="Der Wert 95 liegt weit außerhalb …",
    )  # fmt: skip
    other = lead_world.other_project
    revision = other.save_revision()
    other.title = SUBMITTED_TITLE
    other.save_revision()
    submitter = UserFactory(username="einreichende-planerin", groups=["planner"])
    task_state = four_eyes.workflow().start(other, submitter).current_task_state
    return World(
        **vars(lead_world),
        resolution=resolution,
        report=report,
        pending=pending,
        revision=revision,
        task_state=task_state,
    )


ROLES = ["anonymous", "participant", "other_lead", "lead", "planner"]


@pytest.fixture
def user_for(request, world):
    def user(role: str):
        if role in ("lead", "other_lead"):
            return getattr(world, role)
        return request.getfixturevalue(role)

    return user


def snapshot(ignore=frozenset()) -> dict:
    """Every row of every table, to show that a refused request or command changed nothing."""
    return pw.snapshot(ignore=ignore)


# ----------------------------------------------------------------------------- form data


def project_form(w: World, obj: Project | None = None, title: str = NEW_TITLE) -> dict:
    milestones = obj.milestones.all() if obj else []
    return {
        # A new project joins no adopted catalogue (that takes a Fortschreibung); an edit keeps
        # the project's versions and sub-goals and is published at once.
        "action-publish": "action-publish",
        "region": w.concept.region_id,
        "concepts": [c.pk for c in obj.concepts.all()] if obj else [],
        "subgoals": [s.pk for s in obj.subgoals.all()] if obj else [],
        "number": obj.number if obj else "9.9",
        "slug": obj.slug if obj else "",
        "title": title,
        "description": "",
        "lead_body": "",
        "leads": [user.pk for user in obj.leads.all()] if obj else [],
        "partners": "",
        "status": obj.status if obj else Project.Status.IDEA,
        "progress": "",
        "priority": Project.Priority.MEDIUM,
        "start_date": "",
        "end_date": "",
        "cost_estimate": "",
        "funding_programme": "",
        "funding_share": "",
        "resolution": w.resolution.pk,
        "weight": "1",
        **formset(
            "milestones",
            [{"id": m.pk, "date": m.date.isoformat(), "title": m.title} for m in milestones],
        ),
        **formset("attachments", []),
    }


def indicator_form(w: World, obj: TargetIndicator | None = None, title: str = NEW_TITLE) -> dict:
    measurements = obj.measurements.all() if obj else []
    return {
        "project": w.project.pk,
        "goal": "",
        "subgoal": "",
        "title": title,
        "definition": "",
        "unit": "km",
        "direction": TargetIndicator.Direction.INCREASE,
        "weight": "1",
        "method": TargetIndicator.Method.OPEN_SDG,
        "threshold_profile": TargetIndicator.Profile.DEFAULT,
        "estimator": TargetIndicator.Estimator.SLOPE,
        "baseline_value": "10",
        "baseline_year": "2020",
        "target_value": "30",
        "target_year": "2030",
        "series_indicator": "",
        "series_region": "",
        "series_disaggregation": "",
        **formset(
            "measurements",
            [
                {"id": m.pk, "date": m.date.isoformat(), "value": m.value, "source": "", "note": ""}
                for m in measurements
            ],
        ),
    }


def report_form(w: World, obj: EvaluationSnapshot | None = None, title: str = NEW_TITLE) -> dict:
    return {"concept": w.concept.pk, "title": title, "note": ""}


SNIPPET_FORMS = {
    Project: project_form,
    TargetIndicator: indicator_form,
    EvaluationSnapshot: report_form,
}


# ----------------------------------------------------------------------------- entries

# What each role meets: ALLOWED, FORBIDDEN (403), or the login page it is sent to.
LEAD = {
    "anonymous": PUBLIC_LOGIN,
    "participant": FORBIDDEN,
    "other_lead": FORBIDDEN,
    "lead": ALLOWED,
    "planner": ALLOWED,
}
ADMIN = {role: ADMIN_LOGIN for role in ROLES} | {"planner": ALLOWED}


def snippet_url(model, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_projects_{model._meta.model_name}:{action}", args=args)


def snippet_entries(model) -> list[Entry]:
    name, form = model._meta.model_name, SNIPPET_FORMS[model]
    snippets = f"url:wagtailsnippets_projects_{name}"
    return [
        Entry(
            id=f"{name}-add",
            covers=f"{snippets}:add",
            url=lambda w: snippet_url(model, "add"),
            data=lambda w: form(w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
            outcomes=ADMIN,
        ),
        Entry(
            id=f"{name}-chooser-create",
            covers=f"url:wagtailsnippetchoosers_projects_{name}:create",
            url=lambda w: reverse(f"wagtailsnippetchoosers_projects_{name}:create"),
            data=lambda w: form(w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
            outcomes=ADMIN,
            writable=False,
        ),
        Entry(
            id=f"{name}-edit",
            covers=f"{snippets}:edit",
            url=lambda w: snippet_url(model, "edit", w.instance(model).pk),
            data=lambda w: form(w, w.instance(model), EDITED_TITLE),
            happened=lambda w: model.objects.get(pk=w.instance(model).pk).title == EDITED_TITLE,
            outcomes=ADMIN,
        ),
        Entry(
            id=f"{name}-delete",
            covers=f"{snippets}:delete",
            url=lambda w: snippet_url(model, "delete", w.instance(model).pk),
            happened=lambda w: not model.objects.filter(pk=w.instance(model).pk).exists(),
            outcomes=ADMIN,
        ),
    ]


def lead_entry(id: str, data: Callable[[World], dict], happened, methods=("post",)) -> Entry:
    return Entry(
        id=id,
        covers="route:update_project",
        url=lambda w: w.update_url(),
        data=data,
        happened=happened,
        outcomes=LEAD,
        methods=methods,
    )


LEAD_ENTRIES = [
    # The update page itself is also walked with GET, since it shows the project's data only
    # to whom may change it.
    lead_entry(
        "update-status",
        lambda w: {"aktion": "status", "status-status": "completed", "status-progress": "90"},
        lambda w: Project.objects.get(pk=w.project.pk).status == Project.Status.COMPLETED,
        methods=("get", "post"),
    ),
    lead_entry(
        "update-milestone-edit",
        lambda w: milestone_data(w, [milestone_row(w.milestone, title=EDITED_TITLE)]),
        lambda w: Milestone.objects.get(pk=w.milestone.pk).title == EDITED_TITLE,
    ),
    lead_entry(
        "update-milestone-add",
        lambda w: milestone_data(
            w, [milestone_row(w.milestone), {"date": "2026-01-31", "title": NEW_TITLE}]
        ),
        lambda w: Milestone.objects.filter(project=w.project, title=NEW_TITLE).exists(),
    ),
    lead_entry(
        "update-milestone-delete",
        lambda w: milestone_data(w, [milestone_row(w.milestone, DELETE=True)]),
        lambda w: not Milestone.objects.filter(pk=w.milestone.pk).exists(),
    ),
    lead_entry(
        "update-measurement-add",
        lambda w: {
            "aktion": "messwert",
            "messwert-indicator": w.indicator.pk,
            "messwert-date": NEW_DATE.isoformat(),
            "messwert-value": "14,5",
        },
        lambda w: Measurement.objects.filter(indicator=w.indicator, date=NEW_DATE).exists(),
    ),
    lead_entry(
        "update-measurement-confirm-flagged",
        lambda w: {
            "aktion": "messwert",
            "messwert-indicator": w.indicator.pk,
            "messwert-date": NEW_DATE.isoformat(),
            "messwert-value": "-5",  # negative kilometres
            "messwert-confirm": "on",
            "messwert-warned": MeasurementForm.flagged_key(w.indicator, NEW_DATE, "-5"),
        },
        lambda w: Measurement.objects.filter(
            indicator=w.indicator, date=NEW_DATE, review=Measurement.Review.PENDING
        ).exists(),
    ),
    lead_entry(
        "update-measurement-correct",
        lambda w: {
            "aktion": "messwert",
            "messwert-korrigiert": w.indicator.measurements.get(date=CORRECTED).pk,
            "messwert-date": CORRECTED.isoformat(),
            "messwert-value": "13,5",
        },
        lambda w: w.indicator.measurements.get(date=CORRECTED).value == 13.5,
    ),
]
# The planners' review of flagged values in the back office.
REVIEW_ENTRIES = [
    Entry(
        id=f"measurement-{action}",
        covers=f"url:kek_measurement_{action}",
        url=lambda w, action=action: reverse(f"kek_measurement_{action}", args=[w.pending.pk]),
        happened=lambda w, state=state: Measurement.objects.get(pk=w.pending.pk).review == state,
        outcomes=ADMIN,
    )
    for action, state in (
        ("accept", Measurement.Review.OK),
        ("reject", Measurement.Review.REJECTED),
    )
]
# A project's revisions and its Vier-Augen-Prinzip workflow (tests/projects/test_project_*).
PROJECT = "url:wagtailsnippets_projects_project"


def live_title(w: World) -> str:
    return Project.objects.get(pk=w.other_project.pk).title


DRAFT_ENTRIES = [
    Entry(
        id="project-revert",
        covers=f"{PROJECT}:revisions_revert",
        url=lambda w: snippet_url(Project, "revisions_revert", w.other_project.pk, w.revision.pk),
        data=lambda w: project_form(w, w.other_project, EDITED_TITLE),
        happened=lambda w: live_title(w) == EDITED_TITLE,
        outcomes=ADMIN,
    ),
    Entry(
        id="project-approve",
        covers=f"{PROJECT}:workflow_action",
        url=lambda w: snippet_url(
            Project, "workflow_action", w.other_project.pk, "approve", w.task_state.pk
        ),
        happened=lambda w: live_title(w) == SUBMITTED_TITLE,
        outcomes=ADMIN,
    ),
    # Nothing can be scheduled (the form has no go-live date), and a project is not withdrawn
    # (KeepsThePublicProject): walked for the refused roles only.
    Entry(
        id="project-unschedule",
        covers=f"{PROJECT}:revisions_unschedule",
        url=lambda w: snippet_url(
            Project, "revisions_unschedule", w.other_project.pk, w.revision.pk
        ),
        happened=lambda w: False,
        outcomes=ADMIN,
        writable=False,
    ),
    Entry(
        id="project-unpublish",
        covers=f"{PROJECT}:unpublish",
        url=lambda w: snippet_url(Project, "unpublish", w.other_project.pk),
        happened=lambda w: not Project.objects.get(pk=w.other_project.pk).live,
        outcomes=ADMIN,
        writable=False,
    ),
]
ENTRIES = (
    LEAD_ENTRIES
    + REVIEW_ENTRIES
    + DRAFT_ENTRIES
    + [e for model in SNIPPET_MODELS for e in snippet_entries(model)]
)


# ----------------------------------------------------------------------------- HTTP walk


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)


def test_a_lead_cannot_post_to_another_projects_form(client, world):
    """The other lead's own form exists and works; only the project in the URL counts."""
    client.force_login(world.lead)
    before = snapshot()
    data = {"aktion": "status", "status-status": "stopped"}
    assert client.post(world.update_url(world.other_project), data).status_code == 403
    assert snapshot() == before
    client.force_login(world.other_lead)
    assert client.post(world.update_url(world.other_project), data).status_code == 302
    assert Project.objects.get(pk=world.other_project.pk).status == Project.Status.STOPPED


# ----------------------------------------------------------------------------- commands


@pytest.fixture
def command_args(world, tmp_path):
    """command_args(name): the arguments of a `kek` subcommand and a check that it did its work."""
    from kek.projects import catalogue_io
    from kek.projects.catalogue_db import export_catalogue

    catalogue = export_catalogue(world.concept)
    next(p for p in catalogue.projects if p.number == world.project.number).title = EDITED_TITLE
    source, target = tmp_path / "katalog.xlsx", tmp_path / "export.xlsx"
    catalogue_io.write(catalogue, source)
    district = world.concept.region.ags
    commands = {
        "import-catalogue": (
            ["--district", district, str(source)],
            lambda: Project.objects.get(pk=world.project.pk).title == EDITED_TITLE,
        ),
        "export-catalogue": (["--district", district, str(target)], target.exists),
    }
    return commands.__getitem__


COMMANDS = [
    pw.Command(name, allowed=("planner",), refused=("participant", "other_lead", "lead"))
    for name in ("import-catalogue", "export-catalogue")
]


@pw.command_walk(COMMANDS)
def test_each_role_may_run_only_the_commands_it_is_allowed_to(
    kek, command, command_args, user_for, role, outcome
):
    args, done = command_args(command.name)
    username = pw.UNKNOWN_USER if role == pw.UNKNOWN_USER else user_for(role).username
    pw.check_command(kek, command, args, done, username, outcome, snapshot)
