"""The HTTP client of `kek import-oparl` (kek.oparl.importing.fetch_url): JSON objects in,
German errors out for HTTP errors, no connection and answers that are not JSON; and the list
reader's paging along `links.next` (without the network: urlopen is replaced)."""

import io
import urllib.error

import pytest

from kek.oparl import importing
from kek.oparl.importing import OParlImportError, fetch_pages, fetch_url, with_query

URL = "https://ris.example/oparl/system"


class Answer(io.BytesIO):
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def answering(result):
    def urlopen(request, timeout):
        assert timeout == importing.TIMEOUT
        assert request.get_header("Accept") == "application/json"
        if isinstance(result, Exception):
            raise result
        return Answer(result)

    return urlopen


def test_a_json_object_is_read(monkeypatch):
    monkeypatch.setattr(importing.urllib.request, "urlopen", answering(b'{"id": "x"}'))
    assert fetch_url(URL) == {"id": "x"}


@pytest.mark.parametrize(
    ("result", "message"),
    [
        (urllib.error.HTTPError(URL, 503, "down", {}, None), "antwortet mit HTTP 503"),  # type: ignore[arg-type]
        (urllib.error.URLError("Name or service not known"), "keine Verbindung zum Server"),
        (TimeoutError("timed out"), "keine Verbindung zum Server"),
        (b"<html>Wartung</html>", "kein gültiges JSON"),
        (b"[1, 2]", "kein JSON-Objekt"),
    ],
)
def test_errors_are_german_and_name_the_url(monkeypatch, result, message):
    monkeypatch.setattr(importing.urllib.request, "urlopen", answering(result))
    with pytest.raises(OParlImportError, match=message) as raised:
        fetch_url(URL)
    assert str(raised.value).startswith(URL)


def test_pages_are_followed_with_the_filter_and_reported():
    base = "https://ris.example/oparl/body/1/meeting"
    asked, lines = [], []
    answers = {
        with_query(base, modified_since="2021-01-01T00:00:00+01:00"): {
            "data": [{"id": "a"}], "pagination": {"totalPages": 2},
            "links": {"next": f"{base}?page=2&modified_since=x"},
        },
        f"{base}?page=2&modified_since=x": {"data": [{"id": "b"}], "links": {}},
    }  # fmt: skip

    def fetch(url):
        asked.append(url)
        return answers[url]

    found = list(fetch_pages(fetch, base, "Sitzungen", lines.append, "2021-01-01T00:00:00+01:00"))
    assert [obj["id"] for _, obj in found] == ["a", "b"]
    assert found[1][0] == f"{base}?page=2&modified_since=x"
    assert "modified_since=2021-01-01T00%3A00%3A00%2B01%3A00" in asked[0]
    assert lines == ["Sitzungen: Seite 1 von 2 …", "Sitzungen: Seite 2 von 2 …"]
