"""An author's deletion keeps the comment's place in the thread and its replies: it shows
"vom Verfasser gelöscht" (F25)."""

import pytest
from django.template import Context, Template

from kek.participation.models import Comment
from kek.participation.models import CommentState as S

pytestmark = pytest.mark.django_db


def render_thread(rf, user, home, subject):
    request = rf.get("/")
    request.user = user
    template = Template("{% load participation %}{% comments subject %}")
    return template.render(Context({"request": request, "page": home, "subject": subject}))


def test_it_shows_a_deleted_comment_as_deleted_by_its_author_with_its_replies(
    client, rf, author, participant, participable, write, url, home, nordsachsen
):
    comment = write(author, "Ein Satz, den ich bereue")
    write(participant, "Eine Antwort bleibt", parent=comment)
    client.force_login(author)
    assert client.get(url("comment_delete", comment.pk)).status_code == 200
    assert client.post(url("comment_delete", comment.pk)).status_code == 302
    deleted = Comment.objects.get(pk=comment.pk)
    assert deleted.state == S.DELETED and deleted.text == ""
    html = render_thread(rf, participant, home, nordsachsen)
    assert "vom Verfasser gelöscht" in html
    assert "Ein Satz, den ich bereue" not in html
    assert "Eine Antwort bleibt" in html
