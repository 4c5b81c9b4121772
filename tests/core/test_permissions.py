"""The back-office views of the record (issue 16), tried as every role on the shared walk's
roles (tests/permission_walk.py). They only read, so the walk of writes has no entries for them
(a POST to the log answers 405, which the coverage check of tests/test_permissions.py reads);
here each role meets what it may: the Protokoll is for admins, an object's history for whoever
may edit the object."""

import pytest
from django.urls import reverse

from kek.core.models import ImportRun
from kek.goals import exchange
from kek.goals.concept_db import export_district
from kek.goals.models import StrategicGoal

from .. import permission_walk as pw
from ..goals.factories import ConceptFactory, FieldOfActionFactory
from ..permission_walk import ADMIN_LOGIN, ALLOWED, FORBIDDEN

ENTRIES: list = []  # nothing here writes
LOG = "/admin/kek/protokoll/"
ROLE_FIXTURES = {"participant": "participant", "planner": "planner", "admin": "admin_user"}


def goal_history(concept) -> str:
    goal = StrategicGoal.objects.filter(concept=concept).first()
    return reverse("wagtailsnippets_goals_strategicgoal:history", args=[goal.pk])


READS = {
    "protokoll": (
        lambda concept: LOG,
        {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "planner": FORBIDDEN,
         "admin": ALLOWED},
    ),
    "goal-history": (
        goal_history,
        {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN, "planner": ALLOWED,
         "admin": ALLOWED},
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name, (_, outcomes) in READS.items() for role in outcomes],
)
def test_each_role_reads_only_what_it_may(client, request, concept, name, role):
    url_of, outcomes = READS[name]
    if role != "anonymous":
        client.force_login(request.getfixturevalue(ROLE_FIXTURES[role]))
    url = url_of(concept)
    response = client.get(url)
    outcome = outcomes[role]
    if outcome == ALLOWED:
        assert response.status_code == 200
    elif outcome == FORBIDDEN:
        assert response.status_code == 403
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(f"{outcome}?next=")


def test_the_log_takes_no_writes(client, admin_user):
    client.force_login(admin_user)
    assert client.post(LOG).status_code == 405


# ----------------------------------------------------------------------------- commands

COMMANDS = [pw.Command("undo-run", allowed=("planner", "admin"), refused=("participant",))]


@pytest.fixture
def imported_run(db, kek, tmp_path) -> ImportRun:
    """A concept import that renamed a field of action, ready to be undone."""
    draft = ConceptFactory(status="draft")  # only a draft takes changes (issue 11)
    field = FieldOfActionFactory(concept=draft, title="Wirtschaft")
    data = export_district(field.concept.region)
    data.versions[0].fields[0].title = "Umbenannt"
    path = tmp_path / "konzept.yaml"
    exchange.write(data, path)
    kek("import-concept", "--district", field.concept.region.ags, str(path))
    return ImportRun.objects.get()


@pw.command_walk(COMMANDS)
def test_each_role_may_run_only_the_commands_it_is_allowed_to(
    kek, request, imported_run, command, role, outcome
):
    username = (
        pw.UNKNOWN_USER
        if role == pw.UNKNOWN_USER
        else request.getfixturevalue(ROLE_FIXTURES[role]).username
    )

    def undone() -> bool:
        return ImportRun.objects.get(pk=imported_run.pk).undone_at is not None

    pw.check_command(kek, command, [str(imported_run.pk)], undone, username, outcome, pw.snapshot)
