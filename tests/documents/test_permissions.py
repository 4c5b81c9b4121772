"""Every write of the documents' back office, tried as anonymous, participant, planner and
admin (F27, F30): "Jetzt neu erzeugen" and "Alle prüfen" need `documents.build_document`
(planners and admins, kek/documents/rules.py); Wagtail sends everyone else to its login and
a refused request changes nothing. The walk is tests/permission_walk.py."""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kek.documents.models import Build

from .. import permission_walk as pw
from ..permission_walk import ADMIN_LOGIN, ALLOWED, Entry

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("probe_kinds")]

STAFF = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "planner": ALLOWED,
         "admin_user": ALLOWED}  # fmt: skip


@dataclass
class World:
    region: object
    concept: object


@pytest.fixture
def world(nordsachsen, in_consultation, settings) -> World:
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
    return World(nordsachsen, in_consultation)


def snapshot(ignore=frozenset()) -> dict:
    return pw.snapshot([Build, DBTaskResult], ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


ENTRIES = [
    Entry(
        id="document-rebuild",
        covers="url:kek_documents_rebuild",
        url=lambda w: reverse("kek_documents_rebuild", args=[w.concept.pk, "probe"]),
        happened=lambda w: Build.objects.filter(concept=w.concept, kind="probe").exists(),
        outcomes=STAFF,
    ),
    Entry(
        id="documents-check-all",
        covers="url:kek_documents_check",
        url=lambda w: reverse("kek_documents_check", args=[w.region.pk]),
        happened=lambda w: DBTaskResult.objects.filter(
            task_path="kek.documents.tasks.refresh_documents"
        ).exists(),
        outcomes=STAFF,
    ),
]


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, snapshot)
