"""The audit log for admins ("Protokoll", issue 16): all recorded changes and sign-ins, newest
first, filtered by who, kind of object and time; refused to everyone else."""

import datetime as dt
import html

import pytest
from django.urls import reverse
from django.utils import timezone

from kek.accounts.models import SignInEvent
from kek.core import audit
from kek.projects.models import Milestone

from ..projects.factories import MilestoneFactory, ProjectFactory

pytestmark = pytest.mark.django_db
URL = "/admin/kek/protokoll/"


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return html.unescape(response.content.decode())


@pytest.fixture
def changes(concept, planner):
    """A planner's milestone edit, a command's new project, a failed sign-in."""
    project = ProjectFactory(concept=concept, number="9.1", title="Radweg")
    milestone = MilestoneFactory(project=project, title="Planung")
    milestone = Milestone.objects.get(pk=milestone.pk)
    milestone.title, milestone._history_user = "Planung abgeschlossen", planner
    milestone.save()
    with audit.acting_as("Befehl kek prüfen (Betriebssystem-Benutzer kek)"):
        ProjectFactory(concept=concept, number="9.2", title="Busnetz")
    SignInEvent.objects.create(kind="failed", username="eindringling", ip_address="192.0.2.7")
    return project


def test_the_url_is_the_registered_one():
    assert reverse("kek_audit_log") == URL


def test_an_admin_sees_every_change_newest_first(admin_client, changes):
    page = text(admin_client.get(URL))
    assert "Protokoll" in page
    newest = page.index("eindringling")
    command = page.index("Befehl kek prüfen (Betriebssystem-Benutzer kek)")
    edit = page.index("<strong>Meilenstein:</strong> „Planung“ → „Planung abgeschlossen“")
    assert newest < command < edit
    assert "Anmeldung fehlgeschlagen" in page and "von 192.0.2.7" in page
    history = reverse("wagtailsnippets_projects_project:history", args=[changes.pk])
    assert f'<a href="{history}">Planung abgeschlossen</a>' in page


def test_filter_by_who(admin_client, changes):
    page = text(admin_client.get(URL, {"wer": "planerin"}))
    assert "Planung abgeschlossen" in page
    assert "Busnetz" not in page and "eindringling" not in page


def test_filter_by_kind_of_object(admin_client, changes):
    page = text(admin_client.get(URL, {"art": "signins"}))
    assert "eindringling" in page and "Radweg" not in page
    page = text(admin_client.get(URL, {"art": "projects.milestone"}))
    assert "Planung abgeschlossen" in page and "Busnetz" not in page and "eindringling" not in page


def test_filter_by_time(admin_client, changes):
    SignInEvent.objects.filter(username="eindringling").update(
        when=timezone.now() - dt.timedelta(days=30)
    )
    today = timezone.localdate()
    page = text(admin_client.get(URL, {"von": today.isoformat(), "bis": today.isoformat()}))
    assert "Busnetz" in page and "eindringling" not in page
    earlier = (today - dt.timedelta(days=30)).isoformat()
    page = text(admin_client.get(URL, {"von": earlier, "bis": earlier, "art": "signins"}))
    assert "eindringling" in page and "Busnetz" not in page


def test_a_page_of_the_log_takes_the_same_queries_however_long_the_log(admin_client, concept):
    project = ProjectFactory(concept=concept, number="9.1", title="Radweg")

    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            text(admin_client.get(URL, {"art": "projects.milestone"}))
        return len(captured)

    MilestoneFactory.create_batch(3, project=project)
    queries()  # the first request fills caches (content types, site, workflows)
    few = queries()
    MilestoneFactory.create_batch(80, project=project)
    assert queries() == few
    page = text(admin_client.get(URL, {"art": "projects.milestone", "p": "2"}))
    pages = -(-Milestone.history.count() // 50)  # the default catalogue's milestones too
    assert pages >= 2 and f"Seite 2 von {pages}" in page


@pytest.mark.parametrize(
    ("role", "status"), [("planner", 403), ("participant", 302), ("anonymous", 302)]
)
def test_only_admins_may_read_the_log(client, request, role, status):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(URL)
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/admin/login/")


def test_the_menu_shows_the_log_to_admins_only(client, admin_user, planner):
    client.force_login(admin_user)
    assert URL in text(client.get("/admin/"))
    client.force_login(planner)
    assert URL not in text(client.get("/admin/"))
