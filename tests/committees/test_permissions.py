"""Every write of the committees' back office, tried as anonymous, participant, member of
another committee, member of the committee and planner (F19, F30).

The writes are the snippet views of the "Gremien" group. Committee members are no staff: like
every participant, Wagtail sends them to its login before a view runs and nothing changes;
planners may write and the change happens. The walk is tests/permission_walk.py.
"""

from collections.abc import Callable

import pytest
from django.apps import apps
from django.urls import reverse

from kek.committees.models import (
    Body,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Organization,
    Paper,
    Person,
)
from kek.regions.models import Region

from .. import permission_walk as pw
from ..http import formset
from ..permission_walk import ADMIN_LOGIN, ALLOWED, EDITED_TITLE, NEW_TITLE, Entry

ROLES = ["anonymous", "participant", "other_member", "member", "planner"]
OUTCOMES = {role: ADMIN_LOGIN for role in ROLES} | {"planner": ALLOWED}


def snapshot(ignore=frozenset()) -> dict:
    """Every row of the committees' tables, their history and link tables."""
    models = apps.get_app_config("committees").get_models(include_auto_created=True)
    return pw.snapshot(list(models), ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


def person_form(w, obj: Person | None, name: str) -> dict:
    rows: list[dict] = [{"organization": w.committee.pk, "role": "Mitglied"}]
    if obj is not None:
        rows = [{"id": m.pk, "organization": m.organization_id, "role": m.role}
                for m in obj.memberships.all()]  # fmt: skip
    return {"body": w.body.pk, "name": name, **formset("memberships", rows)}


def meeting_form(w, obj: Meeting | None, name: str) -> dict:
    rows: list[dict] = [{"name": "Punkt", "order": 1}]
    if obj is not None:
        rows = [{"id": i.pk, "name": i.name, "order": i.order, "number": i.number}
                for i in obj.agenda_items.all()]  # fmt: skip
    return {
        "body": w.body.pk,
        "name": name,
        "organizations": [w.committee.pk],
        "start": "2026-05-04 18:00",
        "start_time_known": "on",
        "public": "on",
        **formset("agenda_items", rows),
    }


def paper_form(w, obj: Paper | None, name: str) -> dict:
    rows = []
    if obj is not None:
        rows = [
            {"id": c.pk, "agenda_item": c.agenda_item_id or ""} for c in obj.consultations.all()
        ]
    return {"body": w.body.pk, "name": name, **formset("consultations", rows)}


FORMS: dict[type, Callable] = {
    Organization: lambda w, obj, name: {"body": w.body.pk, "name": name,
                                        "organization_type": "Gremium", "position": 0},
    Person: person_form,
    Meeting: meeting_form,
    Paper: paper_form,
    Location: lambda w, obj, name: {"body": w.body.pk, "description": name},
    LegislativeTerm: lambda w, obj, name: {"body": w.body.pk, "name": name},
    File: lambda w, obj, name: {"body": w.body.pk, "name": name, "public": "on"},
    Body: lambda w, obj, name: {"region": obj.region_id if obj else leipzig().pk, "name": name},
}  # fmt: skip
TITLE_FIELD = {Location: "description"}


def leipzig() -> Region:
    return Region.objects.get(ags="14729")


def instance(w, model):
    return {
        Organization: lambda: w.other,
        Person: lambda: Person.objects.filter(user=w.member).first(),
        Meeting: lambda: w.meeting,
        Paper: lambda: w.paper,
        Location: lambda: w.location,
        LegislativeTerm: lambda: LegislativeTerm.objects.get_or_create(
            body=w.body, name="2019–2024"
        )[0],
        File: lambda: w.public_file,
        Body: lambda: w.body,
    }[model]()


def named(model, value: str) -> bool:
    return model.objects.filter(**{TITLE_FIELD.get(model, "name"): value}).exists()


def snippet(model, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_committees_{model._meta.model_name}:{action}", args=args)


def entries_for(model) -> list[Entry]:
    label = model._meta.model_name
    base = f"url:wagtailsnippets_committees_{label}"
    chooser = f"wagtailsnippetchoosers_committees_{label}:create"
    form = FORMS[model]
    return [
        Entry(
            id=f"{label}-add",
            covers=f"{base}:add",
            url=lambda w: snippet(model, "add"),
            data=lambda w: form(w, None, NEW_TITLE),
            happened=lambda w: named(model, NEW_TITLE),
            outcomes=OUTCOMES,
        ),
        Entry(
            id=f"{label}-chooser-create",
            covers=f"url:{chooser}",
            url=lambda w: reverse(chooser),
            data=lambda w: form(w, None, NEW_TITLE),
            happened=lambda w: named(model, NEW_TITLE),
            outcomes=OUTCOMES,
            writable=False,
        ),
        Entry(
            id=f"{label}-edit",
            covers=f"{base}:edit",
            url=lambda w: snippet(model, "edit", instance(w, model).pk),
            data=lambda w: form(w, instance(w, model), EDITED_TITLE),
            happened=lambda w: named(model, EDITED_TITLE),
            outcomes=OUTCOMES,
        ),
        Entry(
            id=f"{label}-delete",
            covers=f"{base}:delete",
            url=lambda w: snippet(model, "delete", instance_pk(w, model)),
            happened=lambda w: not model.objects.filter(pk=instance_pk(w, model)).exists(),
            outcomes=OUTCOMES,
        ),
    ]


def instance_pk(w, model) -> int:
    """The pk the delete entry tried (remembered, since `instance` may create a row)."""
    if model not in w.tried:
        w.tried[model] = instance(w, model).pk
    return w.tried[model]


ENTRIES = [entry for model in FORMS for entry in entries_for(model)]


@pytest.fixture
def walk_world(world):
    from kek.goals.models import Concept
    from kek.projects.models import Project

    # The walk is about permissions: the body may go, no version or project protects it.
    Concept.objects.update(adoption=None)
    Project.objects.update(resolution=None)
    world.tried = {}
    for model in FORMS:
        instance_pk(world, model)
    return world


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, walk_world, user_for, entry, method, role
):
    pw.check_request(client, walk_world, entry, method, role, user_for, snapshot)


def test_planners_see_the_group_and_members_do_not(client, world, planner):
    client.force_login(planner)
    assert client.get(snippet(Meeting, "list")).status_code == 200
    html = client.get(snippet(Meeting, "edit", world.meeting.pk)).content.decode()
    assert "Tagesordnung" in html and "Grundstücksangelegenheit" in html
    client.force_login(world.member)
    response = client.get(snippet(Meeting, "list"))
    assert response.status_code == 302 and response["Location"].startswith(ADMIN_LOGIN)


@pytest.mark.parametrize("model", list(FORMS), ids=lambda m: m._meta.model_name)
def test_the_planners_add_and_edit_forms_open(client, world, planner, model):
    client.force_login(planner)
    for url in (snippet(model, "add"), snippet(model, "edit", instance(world, model).pk)):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Änderungsverlauf" in response.content.decode() or "add" in url
