"""Each comment of a thread shows its agree/disagree counts and, to other signed-in accounts
while the phase is open, the buttons to rate it; the counts come in a fixed number of queries."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from kek.participation.models import Rating

pytestmark = pytest.mark.django_db


def render(request, home, subject) -> str:
    return Template("{% load participation %}{% comments s %}").render(
        Context({"request": request, "page": home, "s": subject, "csrf_token": "t"})
    )


def test_it_rates_a_comment_and_shows_the_counts(
    rf, client, participant, author, participable, nordsachsen, home, url, write
):
    comment = write(author, "Ein Vorschlag zur Güte.")
    client.force_login(participant)
    response = client.post(url("rate", "participation-comment", comment.pk), {"value": "agree"})
    assert response.status_code == 302 and response["Location"].endswith(f"#kommentar-{comment.pk}")
    assert Rating.objects.get().object_id == comment.pk
    request = rf.get("/")
    request.user = participant
    html = render(request, home, nordsachsen)
    assert "Zustimmung: 1 · Ablehnung: 0 · Ihre Bewertung: Zustimmung" in html
    assert 'value="agree" aria-pressed="true"' in html
    request.user = author  # no buttons on one's own comment
    assert 'name="value" value="agree"' not in render(request, home, nordsachsen)


def test_the_thread_takes_the_same_number_of_queries_for_more_comments(
    rf, participant, author, participable, nordsachsen, home, write
):
    request = rf.get("/")
    request.user = participant

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            render(request, home, nordsachsen)
        return len(captured)

    first = write(author, "Eins")
    Rating.objects.create(
        content_type=ContentType.objects.get_for_model(first),
        object_id=first.pk,
        user=participant,
        value="disagree",
        district=nordsachsen,
    )
    queries()  # content types are cached from the first rendering on
    few = queries()
    for n in range(5):
        write(author, f"Noch einer {n}", parent=first)
    assert queries() == few
