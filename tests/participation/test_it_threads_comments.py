"""Comments are written through the public routes, threaded to depth 3 (F25)."""

import pytest

from kek.participation.models import Comment
from kek.participation.models import CommentState as S

pytestmark = pytest.mark.django_db


def test_it_writes_a_comment_and_shows_it_on_the_subject(
    client, participant, participable, nordsachsen, url
):
    client.force_login(participant)
    response = client.post(
        url("comment_add", "regions-region", nordsachsen.pk), {"text": "Hallo\nWelt"}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.author == participant and comment.state == S.VISIBLE and comment.depth == 1
    assert response["Location"].endswith(f"#kommentar-{comment.pk}")


def test_it_renders_the_thread_with_the_template_tag(
    rf, participant, participable, nordsachsen, home, write
):
    from django.template import Context, Template

    first = write(participant, "Erster <b>Beitrag</b>")
    write(participant, "Antwort", parent=first)
    request = rf.get("/")
    request.user = participant
    html = Template(
        "{% load participation %}{% comments subject %}{% rating subject %}"
        "{% report_link subject %}"
    ).render(Context({"request": request, "page": home, "subject": nordsachsen, "csrf_token": "t"}))
    assert "Erster &lt;b&gt;Beitrag&lt;/b&gt;" in html
    assert "Antwort" in html and "Kommentare (2)" in html
    assert "Netiquette" in html and "Zustimmung: <strong>0</strong>" in html


def test_it_refuses_a_reply_below_depth_three(client, participant, participable, write, url):
    one = write(participant, "1")
    two = write(participant, "2", parent=one)
    three = write(participant, "3", parent=two)
    assert three.depth == 3
    client.force_login(participant)
    response = client.post(url("comment_reply", three.pk), {"text": "4"})
    assert response.status_code == 400
    assert "höchstens 3 Ebenen" in response.content.decode()
    assert Comment.objects.count() == 3
    response = client.post(url("comment_reply", two.pk), {"text": "3b"})
    assert response.status_code == 302
    assert Comment.objects.get(text="3b").depth == 3


def test_it_sends_anonymous_visitors_to_the_sign_in(client, participable, nordsachsen, url):
    target = url("comment_add", "regions-region", nordsachsen.pk)
    response = client.post(target, {"text": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/anmelden/?next=")
    assert not Comment.objects.exists()


def test_it_answers_404_for_an_unknown_kind(client, participant, participable, nordsachsen, url):
    client.force_login(participant)
    response = client.post(url("comment_add", "goals-concept", 1), {"text": "x"})
    assert response.status_code == 404
