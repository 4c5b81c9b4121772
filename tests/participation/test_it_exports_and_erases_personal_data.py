"""GDPR (F25): the export holds exactly the user's comments, ratings and reports; deleting the
account keeps the comments, shown as "gelöschtes Konto", and the ratings' counts."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template

from kek.accounts import personal_data
from kek.participation.models import Comment, Rating, Report

pytestmark = pytest.mark.django_db


def entry(name):
    return next(e for e in personal_data.entries() if e.name == name)


def test_it_exports_only_the_users_own_rows(client, author, participant, participable, write,
                                            url, nordsachsen):  # fmt: skip
    mine = write(author, "Mein Beitrag")
    write(participant, "Fremder Beitrag")
    client.force_login(author)
    client.post(url("rate", "regions-region", nordsachsen.pk), {"value": "agree"})
    other = Comment.objects.get(text="Fremder Beitrag")
    client.post(url("report", "participation-comment", other.pk), {"reason": "spam"})
    comments = entry("kommentare").export(author)
    assert [row["text"] for row in comments] == ["Mein Beitrag"]
    assert comments[0]["nummer"] == mine.pk
    assert [row["bewertung"] for row in entry("bewertungen").export(author)] == ["Zustimmung"]
    assert [row["grund"] for row in entry("meldungen").export(author)] == ["Spam"]
    assert entry("kommentare").export(participant)[0]["text"] == "Fremder Beitrag"
    assert entry("bewertungen").export(participant) == []


def test_it_keeps_contributions_anonymised_on_erase(rf, author, participable, write, home,
                                                    nordsachsen, client, url):  # fmt: skip
    write(author, "Bleibt stehen")
    client.force_login(author)
    client.post(url("rate", "regions-region", nordsachsen.pk), {"value": "disagree"})
    for item in personal_data.entries():
        if item.name in ("kommentare", "bewertungen", "meldungen", "sperren"):
            item.erase(author)
    comment = Comment.objects.get()
    assert comment.author is None and comment.text == "Bleibt stehen"
    assert Rating.objects.get().user is None
    assert not Report.objects.filter(reporter=author).exists()
    request = rf.get("/")
    request.user = AnonymousUser()
    html = Template("{% load participation %}{% comments s %}{% rating s %}").render(
        Context({"request": request, "page": home, "s": nordsachsen})
    )
    assert "gelöschtes Konto" in html and "Bleibt stehen" in html
    assert "Ablehnung: <strong>1</strong>" in html
    assert entry("kommentare").export(author) == []
