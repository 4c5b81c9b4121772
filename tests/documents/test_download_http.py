"""A download is the newest done build's stored file: Content-Disposition with its name, ETag
(the SHA-256), Last-Modified, 304 for If-None-Match and If-Modified-Since, few queries."""

import pytest
from django.utils.http import http_date

from .buildkit import build_all

pytestmark = pytest.mark.usefixtures("probe_kinds")


def test_the_download_is_the_stored_file_with_its_headers(
    nordsachsen, in_consultation, client, django_assert_max_num_queries
):
    (done,) = build_all(nordsachsen)
    stored = done.files.get(format="pdf")
    url = f"/dokumente/fassung-{in_consultation.version}/probe.pdf"
    client.get(url)  # the site root is cached by Wagtail after the first request
    with django_assert_max_num_queries(6):
        response = client.get(url)
    body = b"".join(response.streaming_content)
    assert response.status_code == 200 and body == stored.file.open("rb").read()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{stored.name}"'
    assert response["ETag"] == f'"{stored.sha256}"'
    assert response["Last-Modified"] == http_date(int(done.finished_at.timestamp()))
    assert "max-age" in response["Cache-Control"]
    assert int(response["Content-Length"]) == stored.size

    again = client.get(url, HTTP_IF_NONE_MATCH=f'"{stored.sha256}"')
    assert again.status_code == 304 and again["ETag"] == f'"{stored.sha256}"'
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    other = client.get(url, HTTP_IF_NONE_MATCH='"0000"')
    assert other.status_code == 200

    xlsx = client.get(f"/dokumente/fassung-{in_consultation.version}/probe.xlsx")
    assert xlsx["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize(
    "path",
    [
        "/dokumente/fassung-1/probe.docx",
        "/dokumente/fassung-9/probe.pdf",
        "/dokumente/fassung-1/unbekannt.pdf",
    ],
)
def test_what_is_not_built_is_404_in_german(nordsachsen, in_consultation, client, path):
    build_all(nordsachsen)
    response = client.get(path)
    assert response.status_code == 404


def test_nothing_built_yet_is_404(nordsachsen, in_consultation, client):
    response = client.get(f"/dokumente/fassung-{in_consultation.version}/probe.pdf")
    assert response.status_code == 404
