"""Before and after the participation phase everything is readable and nothing writable;
during it one may write (F25)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.template import Context, Template

from kek.participation.models import Comment, Rating, Report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("state", "message"),
    [("before", "noch nicht eröffnet"), ("closed", "Die Beteiligung ist geschlossen")],
)
def test_it_refuses_every_write_outside_the_phase_but_shows_the_thread(
    client, rf, participant, author, participable, switches, write, url, nordsachsen, home,
    state, message,
):  # fmt: skip
    comment = write(author, "Geschrieben, als offen war")
    switches.state = state
    client.force_login(participant)
    writes = [
        (url("comment_add", "regions-region", nordsachsen.pk), {"text": "Neu"}),
        (url("comment_reply", comment.pk), {"text": "Antwort"}),
        (url("rate", "regions-region", nordsachsen.pk), {"value": "agree"}),
        (url("report", "participation-comment", comment.pk), {"reason": "spam"}),
    ]
    for target, data in writes:
        response = client.post(target, data)
        assert response.status_code == 403, target
        assert message in response.content.decode()
    client.force_login(author)
    assert client.post(url("comment_edit", comment.pk), {"text": "Neu"}).status_code == 403
    assert client.post(url("comment_delete", comment.pk)).status_code == 403
    assert Comment.objects.count() == 1 and Comment.objects.get().text == comment.text
    assert not Rating.objects.exists() and not Report.objects.exists()

    request = rf.get("/")
    request.user = participant
    html = Template("{% load participation %}{% comments subject %}").render(
        Context({"request": request, "page": home, "subject": nordsachsen})
    )
    assert "Geschrieben, als offen war" in html and "<textarea" not in html


def test_it_accepts_writes_during_the_phase(client, participant, participable, url, nordsachsen):
    client.force_login(participant)
    response = client.post(url("comment_add", "regions-region", nordsachsen.pk), {"text": "Ja"})
    assert response.status_code == 302
    client.post(url("rate", "regions-region", nordsachsen.pk), {"value": "agree"})
    region_type = ContentType.objects.get_for_model(nordsachsen)
    assert Rating.objects.filter(content_type=region_type, object_id=nordsachsen.pk).exists()
