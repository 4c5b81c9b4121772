"""Every write of the project catalogue, tried as anonymous, participant, another project's
lead, the project's lead and planner (F17, F30).

Writes are the update form of a project on the public site (status, milestones, measurement)
and the back office's snippet views of projects, target indicators, resolutions and evaluation
reports. A project's leads may use the update form of their own project only; the back office
is for planners (Wagtail sends everyone else to its login before a view runs). A refused
request changes nothing in the database; a permitted one changes what it should. The catalogue
commands check the `--user` they act for in the same way.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest
from django.apps import apps
from django.core.management import CommandError
from django.urls import reverse

from kek.projects.models import (
    EvaluationSnapshot,
    Measurement,
    Milestone,
    Project,
    Resolution,
    TargetIndicator,
)

from ..http import formset, write_url_names
from .lead_world import LeadWorld, build_world, milestone_data, milestone_row

pytestmark = pytest.mark.usefixtures("without_defaults")

NEW_TITLE = "Von der Rechteprüfung angelegt"
EDITED_TITLE = "Von der Rechteprüfung geändert"
PUBLIC_LOGIN = "/anmelden/"
ADMIN_LOGIN = "/admin/login/"
DASHBOARD = "/admin/"
NEW_DATE = dt.date(2024, 12, 31)

# Signing in writes the session and last_login; that is not a change the role was refused.
NOT_CONTENT = {"sessions.session", "auth.user"}
SNIPPET_MODELS = (Project, TargetIndicator, Resolution, EvaluationSnapshot)


# ----------------------------------------------------------------------------- the world


@dataclass
class World(LeadWorld):
    resolution: Resolution
    report: EvaluationSnapshot

    def instance(self, model):
        return {
            Project: self.project,
            TargetIndicator: self.indicator,
            Resolution: self.resolution,
            EvaluationSnapshot: self.report,
        }[model]


@pytest.fixture
def world(db) -> World:
    lead_world = build_world()
    resolution = Resolution.objects.create(
        region=lead_world.concept.region, number="KT/042/2021", date=dt.date(2021, 6, 30),
        title="Projektkatalog KEK Prüfhausen 2030",
    )  # fmt: skip
    # Frozen results given, so that creating the report does not evaluate the catalogue.
    report = EvaluationSnapshot.objects.create(
        concept=lead_world.concept, title="Bericht 2024", results={"stand": "Test"}
    )
    return World(**vars(lead_world), resolution=resolution, report=report)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The users' passwords are never checked here; hashing them properly takes most of a test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ROLES = ["anonymous", "participant", "other_lead", "lead", "planner"]


@pytest.fixture
def user_for(request, world):
    def user(role: str):
        if role in ("lead", "other_lead"):
            return getattr(world, role)
        return request.getfixturevalue(role)

    return user


def snapshot() -> dict:
    """Every row of every table, to show that a refused request or command changed nothing."""
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in NOT_CONTENT
    }


# ----------------------------------------------------------------------------- form data


def project_form(w: World, obj: Project | None = None, title: str = NEW_TITLE) -> dict:
    milestones = obj.milestones.all() if obj else []
    return {
        "concept": w.concept.pk,
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
        "resolution": "",
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


def resolution_form(w: World, obj: Resolution | None = None, title: str = NEW_TITLE) -> dict:
    return {
        "region": w.concept.region_id,
        "body": "Kreistag",
        "number": obj.number if obj else "KT/001/2025",
        "date": "2021-06-30",
        "title": title,
        "outcome": Resolution.Outcome.ADOPTED,
    }


def report_form(w: World, obj: EvaluationSnapshot | None = None, title: str = NEW_TITLE) -> dict:
    return {"concept": w.concept.pk, "title": title, "note": ""}


SNIPPET_FORMS = {
    Project: project_form,
    TargetIndicator: indicator_form,
    Resolution: resolution_form,
    EvaluationSnapshot: report_form,
}


# ----------------------------------------------------------------------------- endpoints


@dataclass(frozen=True)
class Endpoint:
    """One write URL: where it is, what a valid POST sends, and how to see that it worked."""

    id: str
    area: str  # "lead": the public update form; "admin": the back office (Wagtail snippets)
    url: Callable[[World], str]
    data: Callable[[World], dict]
    happened: Callable[[World], bool]
    # Wagtail registers a chooser "create" URL for every snippet but gives snippet choosers no
    # creation form: nobody can create through it. It is walked for the refused roles only.
    writable: bool = True


def snippet_url(model, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_projects_{model._meta.model_name}:{action}", args=args)


def snippet_endpoints(model) -> list[Endpoint]:
    name, form = model._meta.model_name, SNIPPET_FORMS[model]
    return [
        Endpoint(
            id=f"{name}-add",
            area="admin",
            url=lambda w: snippet_url(model, "add"),
            data=lambda w: form(w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
        ),
        Endpoint(
            id=f"{name}-chooser-create",
            area="admin",
            url=lambda w: reverse(f"wagtailsnippetchoosers_projects_{name}:create"),
            data=lambda w: form(w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
            writable=False,
        ),
        Endpoint(
            id=f"{name}-edit",
            area="admin",
            url=lambda w: snippet_url(model, "edit", w.instance(model).pk),
            data=lambda w: form(w, w.instance(model), EDITED_TITLE),
            happened=lambda w: model.objects.get(pk=w.instance(model).pk).title == EDITED_TITLE,
        ),
        Endpoint(
            id=f"{name}-delete",
            area="admin",
            url=lambda w: snippet_url(model, "delete", w.instance(model).pk),
            data=lambda w: {},
            happened=lambda w: not model.objects.filter(pk=w.instance(model).pk).exists(),
        ),
    ]


def lead_endpoint(id: str, data: Callable[[World], dict], happened) -> Endpoint:
    return Endpoint(id, "lead", lambda w: w.update_url(), data, happened)


LEAD_ENDPOINTS = [
    lead_endpoint(
        "update-status",
        lambda w: {"aktion": "status", "status-status": "completed", "status-progress": "90"},
        lambda w: Project.objects.get(pk=w.project.pk).status == Project.Status.COMPLETED,
    ),
    lead_endpoint(
        "update-milestone-edit",
        lambda w: milestone_data(w, [milestone_row(w.milestone, title=EDITED_TITLE)]),
        lambda w: Milestone.objects.get(pk=w.milestone.pk).title == EDITED_TITLE,
    ),
    lead_endpoint(
        "update-milestone-add",
        lambda w: milestone_data(
            w, [milestone_row(w.milestone), {"date": "2026-01-31", "title": NEW_TITLE}]
        ),
        lambda w: Milestone.objects.filter(project=w.project, title=NEW_TITLE).exists(),
    ),
    lead_endpoint(
        "update-milestone-delete",
        lambda w: milestone_data(w, [milestone_row(w.milestone, DELETE=True)]),
        lambda w: not Milestone.objects.filter(pk=w.milestone.pk).exists(),
    ),
    lead_endpoint(
        "update-measurement-add",
        lambda w: {
            "aktion": "messwert",
            "messwert-indicator": w.indicator.pk,
            "messwert-date": NEW_DATE.isoformat(),
            "messwert-value": "14,5",
        },
        lambda w: Measurement.objects.filter(indicator=w.indicator, date=NEW_DATE).exists(),
    ),
]
ADMIN_ENDPOINTS = [e for model in SNIPPET_MODELS for e in snippet_endpoints(model)]
ENDPOINTS = LEAD_ENDPOINTS + ADMIN_ENDPOINTS

# What each role meets: "allowed", "forbidden" (403), or the login page it is sent to.
OUTCOMES = {
    "lead": {
        "anonymous": PUBLIC_LOGIN,
        "participant": "forbidden",
        "other_lead": "forbidden",
        "lead": "allowed",
        "planner": "allowed",
    },
    "admin": {
        "anonymous": ADMIN_LOGIN,
        "participant": ADMIN_LOGIN,
        "other_lead": ADMIN_LOGIN,
        "lead": ADMIN_LOGIN,
        "planner": "allowed",
    },
}


def walk():
    """(endpoint, method, role) for every write, one test id each: `post-update-status-lead`."""
    return pytest.mark.parametrize(
        ("endpoint", "method", "role"),
        [
            pytest.param(endpoint, method, role, id=f"{method}-{endpoint.id}-{role}")
            for endpoint in ENDPOINTS
            for method in ("get", "post")
            for role in ROLES
            # Writes are POSTs. The update page itself is also walked once with GET, since it
            # shows the project's data only to whom may change it.
            if method == "post" or endpoint is ENDPOINTS[0]
            if endpoint.writable or OUTCOMES[endpoint.area][role] != "allowed"
        ],
    )


# ----------------------------------------------------------------------------- HTTP walk


def test_the_walk_covers_every_write_url_of_the_catalogue_back_office():
    """Read from the URL configuration, so that a new write view cannot slip past this file."""
    found = write_url_names("_projects_")
    walked = {
        f"wagtailsnippets_projects_{model._meta.model_name}:{action}"
        for model in SNIPPET_MODELS
        for action in ("add", "edit", "delete")
    } | {f"wagtailsnippetchoosers_projects_{m._meta.model_name}:create" for m in SNIPPET_MODELS}
    assert found == walked


@walk()
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, endpoint, method, role
):
    if role != "anonymous":
        client.force_login(user_for(role))
    outcome = OUTCOMES[endpoint.area][role]
    before = snapshot()
    url = endpoint.url(world)
    response = client.get(url) if method == "get" else client.post(url, endpoint.data(world))

    if outcome == "allowed":
        assert_done(response, world, endpoint, method, before)
        return
    if outcome == "forbidden":
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        location = urlparse(response["Location"])
        assert location.path == outcome
        assert parse_qs(location.query)["next"] == [url]
    assert not endpoint.happened(world)
    assert snapshot() == before


def assert_done(response, world: World, endpoint: Endpoint, method: str, before: dict) -> None:
    if method == "get":
        assert response.status_code == 200
        return
    # A form that does not validate comes back with 200 too, so the database decides.
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert urlparse(response["Location"]).path not in (PUBLIC_LOGIN, ADMIN_LOGIN, DASHBOARD)
    assert endpoint.happened(world), "the permitted change did not happen"
    assert snapshot() != before


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
def command(world, tmp_path):
    """command(name) gives the arguments of a `kek` subcommand and a check that it did its work."""
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


COMMANDS = ["import-catalogue", "export-catalogue"]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("role", ["participant", "other_lead", "lead"])
def test_it_refuses_the_command_to(kek, command, user_for, role, name):
    args, done = command(name)
    before = snapshot()
    with pytest.raises(CommandError, match="keine Berechtigung"):
        kek(name, *args, "--user", user_for(role).username)
    assert not done()
    assert snapshot() == before


@pytest.mark.parametrize("name", COMMANDS)
def test_it_refuses_an_unknown_user_on_the_command(kek, command, name):
    args, done = command(name)
    before = snapshot()
    with pytest.raises(CommandError, match="gibt es nicht"):
        kek(name, *args, "--user", "niemand")
    assert not done()
    assert snapshot() == before


@pytest.mark.parametrize("name", COMMANDS)
def test_it_runs_the_command_for_the_planner(kek, command, planner, name):
    args, done = command(name)
    kek(name, *args, "--user", planner.username)
    assert done()
