"""A public version's document file is answered by kek.documents.middleware right after
WhiteNoise, before sessions and Wagtail's page routing: two queries, no session, the same
file and headers as the download route; a draft's files still go through the route, which
gives them to planners only."""

import pytest

from .buildkit import build_all

pytestmark = pytest.mark.usefixtures("probe_kinds")


def test_a_public_file_needs_two_queries_and_no_session(
    nordsachsen, in_consultation, client, django_assert_num_queries
):
    (done,) = build_all(nordsachsen)
    stored = done.files.get(format="pdf")
    url = f"/dokumente/fassung-{in_consultation.version}/probe.pdf"
    client.cookies["sessionid"] = "not-read"
    with django_assert_num_queries(2):  # the site, the newest done build's file
        response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()
    assert response["ETag"] == f'"{stored.sha256}"' and "Cookie" not in response.get("Vary", "")
    assert response["X-Content-Type-Options"] == "nosniff"  # SecurityMiddleware still runs
    with django_assert_num_queries(2):
        assert client.get(url, HTTP_IF_NONE_MATCH=f'"{stored.sha256}"').status_code == 304


def test_a_head_request_gets_the_headers(nordsachsen, in_consultation, client):
    (done,) = build_all(nordsachsen)
    response = client.head(f"/dokumente/fassung-{in_consultation.version}/probe.pdf")
    assert response.status_code == 200
    assert response["ETag"] == f'"{done.files.get(format="pdf").sha256}"'


def test_a_drafts_file_goes_to_the_route_which_gives_it_to_planners_only(
    nordsachsen, concept_in_draft, client, planner
):
    build_all(nordsachsen)
    url = f"/dokumente/fassung-{concept_in_draft.version}/probe.pdf"
    anonymous = client.get(url)
    assert anonymous.status_code == 404
    assert '<html lang="de"' in anonymous.content.decode()  # the site's own 404 page
    client.force_login(planner)
    response = client.get(url)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-cache"


def test_a_post_is_refused_by_the_route(nordsachsen, in_consultation, client):
    build_all(nordsachsen)
    response = client.post(f"/dokumente/fassung-{in_consultation.version}/probe.pdf")
    assert response.status_code in (403, 405)
