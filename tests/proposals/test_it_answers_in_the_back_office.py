"""Moderators of the district and planners set the state, write the answer and publish it as a
separate step (F22); the public sees the answer only after "Antwort veröffentlichen". A state
change sends `state_changed`, publishing sends `answer_published`. "Nicht aufgegriffen" needs
a reason, "aufgegriffen" the projects, which both pages then link."""

import pytest
from django.urls import reverse

from kek.projects.models import Project
from kek.proposals.models import Proposal, State
from kek.proposals.signals import answer_published, state_changed

from .world import BASE, proposal

pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    got = []

    def on_state(sender, proposal, old, new, **kwargs):
        got.append(("state", proposal.pk, old, new))

    def on_answer(sender, proposal, **kwargs):
        got.append(("answer", proposal.pk, proposal.published_answer))

    state_changed.connect(on_state)
    answer_published.connect(on_answer)
    yield got
    state_changed.disconnect(on_state)
    answer_published.disconnect(on_answer)


def answer_url(found):
    return reverse("kek_proposal_answer", args=[found.pk])


def data(state, answer="", reason="", projects=(), released=True):
    values = {"state": state, "answer": answer, "reason": reason, "projects": list(projects)}
    if released:
        values["released"] = "on"
    return values


@pytest.mark.parametrize("role", ["moderator", "planner"])
def test_answer_then_publish(
    client, box, author, heard, role, request, django_capture_on_commit_callbacks
):
    found = proposal(box, author)
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(reverse("kek_proposals")).status_code == 200
    assert "Mehr Radwege" in client.get(reverse("kek_proposals")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(answer_url(found), data(State.REVIEW, answer="Wir prüfen das."))
    assert response.status_code == 302
    found.refresh_from_db()
    assert found.state == State.REVIEW and found.answer == "Wir prüfen das."
    assert found.answered_by == user and found.answered_at is not None
    assert found.answer_published_at is None
    assert heard == [("state", found.pk, State.RECEIVED, State.REVIEW)]
    public = client.get(f"{BASE}{found.pk}/").content.decode()
    assert "Wir prüfen das." not in public and "noch nicht beantwortet" in public

    publish = reverse("kek_proposal_publish", args=[found.pk])
    assert "Antwort veröffentlichen" in client.get(publish).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(publish).status_code == 302
    found.refresh_from_db()
    assert found.answer_published_at is not None
    assert heard[-1] == ("answer", found.pk, "Wir prüfen das.")
    client.logout()
    assert "Wir prüfen das." in client.get(f"{BASE}{found.pk}/").content.decode()


def test_a_changed_answer_stays_unpublished_until_published_again(client, box, author, moderator):
    found = proposal(box, author)
    client.force_login(moderator)
    client.post(answer_url(found), data(State.REVIEW, answer="Erste Antwort."))
    client.post(reverse("kek_proposal_publish", args=[found.pk]))
    client.post(answer_url(found), data(State.REVIEW, answer="Zweite Antwort."))
    public = client.get(f"{BASE}{found.pk}/").content.decode()
    assert "Erste Antwort." in public and "Zweite Antwort." not in public


def test_not_taken_up_needs_a_reason(client, box, author, moderator):
    found = proposal(box, author)
    client.force_login(moderator)
    response = client.post(answer_url(found), data(State.NOT_TAKEN_UP, answer="Leider nein."))
    assert response.status_code == 200
    assert "Bitte begründen Sie, warum der Vorschlag nicht aufgegriffen wird." in (
        response.content.decode()
    )
    assert Proposal.objects.get(pk=found.pk).state == State.RECEIVED
    client.post(
        answer_url(found),
        data(State.NOT_TAKEN_UP, answer="Leider nein.", reason="Zuständig ist das Land."),
    )
    client.post(reverse("kek_proposal_publish", args=[found.pk]))
    public = client.get(f"{BASE}{found.pk}/").content.decode()
    assert "Nicht aufgegriffen" in public and "Zuständig ist das Land." in public


def test_taken_up_links_the_projects_both_ways(client, box, author, planner, nordsachsen):
    found = proposal(box, author)
    project = Project.objects.filter(region=nordsachsen, live=True).order_by("number").first()
    client.force_login(planner)
    refused = client.post(answer_url(found), data(State.TAKEN_UP, answer="Machen wir."))
    assert "Bitte wählen Sie die Projekte" in refused.content.decode()
    client.post(
        answer_url(found), data(State.TAKEN_UP, answer="Machen wir.", projects=[project.pk])
    )
    assert list(Proposal.objects.get(pk=found.pk).projects.all()) == [project]
    client.logout()
    page = client.get(f"{BASE}{found.pk}/").content.decode()
    assert f"{project.number} {project.title}" in page
    project_page = client.get(f"/projekte/{project.public_ref}/").content.decode()
    assert "Dieses Projekt geht auf den Bürgervorschlag" in project_page
    assert f'href="{BASE}{found.pk}/"' in project_page and "„Mehr Radwege“" in project_page


def test_a_moderator_of_another_district_is_refused(client, box, author, other_moderator):
    found = proposal(box, author)
    client.force_login(other_moderator)
    assert "Mehr Radwege" not in client.get(reverse("kek_proposals")).content.decode()
    # Wagtail answers a refusal in the back office with a redirect to the dashboard.
    response = client.post(answer_url(found), data(State.REVIEW, answer="Fremd."))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    response = client.post(reverse("kek_proposal_publish", args=[found.pk]))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    found.refresh_from_db()
    assert found.state == State.RECEIVED and not found.answer


def test_releasing_a_premoderated_proposal(client, box, author, moderator):
    found = proposal(box, author, released=False)
    assert client.get(f"{BASE}{found.pk}/").status_code == 404
    client.force_login(moderator)
    client.post(answer_url(found), data(State.RECEIVED))
    client.logout()
    assert client.get(f"{BASE}{found.pk}/").status_code == 200
