"""kek.oparl.format: OParl 1.1's output rules (dates, empty properties, deleted objects, list
filters, pages and their links, the error object)."""

import datetime as dt
from urllib.parse import parse_qs, urlparse

import pytest

from kek.oparl import format as oparl

BERLIN = dt.timezone(dt.timedelta(hours=1))
URL = "https://kek.example/oparl/v1/body/1/meeting"


def test_a_date_time_has_whole_seconds_and_its_offset_never_z():
    moment = dt.datetime(2021, 3, 24, 17, 0, 5, 123456, tzinfo=dt.UTC)
    assert oparl.date_time(moment) == "2021-03-24T17:00:05+00:00"
    assert oparl.date_time(moment.astimezone(BERLIN)) == "2021-03-24T18:00:05+01:00"
    with pytest.raises(ValueError):
        oparl.date_time(dt.datetime(2021, 3, 24, 17, 0))


def test_a_date_is_yyyy_mm_dd_and_refuses_a_date_time():
    assert oparl.date(dt.date(2021, 6, 30)) == "2021-06-30"
    with pytest.raises(TypeError):
        oparl.date(dt.datetime(2021, 6, 30, tzinfo=dt.UTC))


def test_empty_properties_go_except_required_lists_and_false_and_zero_stay():
    obj = {
        "id": "x", "name": "", "keyword": [], "location": None, "cancelled": False,
        "order": 0, "organization": [], "agendaItem": [{"id": "a", "name": None}],
        "web": {},
    }  # fmt: skip
    assert oparl.compact(obj, required=frozenset({"organization"})) == {
        "id": "x", "cancelled": False, "order": 0, "organization": [],
        "agendaItem": [{"id": "a"}],
    }  # fmt: skip


def test_a_deleted_object_keeps_id_type_created_and_modified():
    obj = {"id": "i", "type": "t", "created": "c", "modified": "m", "name": "Kreistag"}
    assert oparl.deleted(obj) == {
        "id": "i", "type": "t", "created": "c", "modified": "m", "deleted": True
    }  # fmt: skip


def test_filters_are_parsed_and_a_plus_sent_unencoded_is_understood():
    filters = oparl.parse_filters(
        {"modified_since": "2014-01-01T02:00:00 01:00", "omit_internal": "true", "limit": "20"}
    )
    assert filters.modified_since == dt.datetime(2014, 1, 1, 2, tzinfo=BERLIN)
    assert filters.omit_internal and filters.with_deleted and filters.per_page == 20
    assert oparl.parse_filters({"limit": "5000"}).per_page == oparl.MAX_PER_PAGE
    assert not oparl.parse_filters({}).with_deleted


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"created_since": "2014-01-01"}, "Der Parameter created_since erwartet einen Zeitpunkt"),
        ({"modified_until": "2014-01-01T02:00:00"}, "modified_until erwartet einen Zeitpunkt"),
        ({"modified_since": "gestern"}, "modified_since erwartet einen Zeitpunkt"),
        ({"page": "0"}, "Der Parameter page erwartet eine ganze Zahl ab 1."),
        ({"limit": "-3"}, "Der Parameter limit erwartet eine ganze Zahl ab 1."),
        ({"omit_internal": "ja"}, "Der Parameter omit_internal erwartet true oder false."),
    ],
)
def test_a_bad_filter_is_an_error_with_a_german_message(query, message):
    with pytest.raises(oparl.OParlError) as raised:
        oparl.parse_filters(query)
    assert message in raised.value.message and raised.value.status == 400
    body = oparl.error(raised.value.message, raised.value.debug)
    assert body["type"] == "https://schema.oparl.org/1.1/Error" and body["debug"]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(url).query)


def test_every_page_but_the_last_links_the_next_and_keeps_the_filters():
    since = "2020-01-01T00:00:00+01:00"
    pages = []
    for number in (1, 2, 3):
        filters = oparl.parse_filters({"modified_since": since, "page": str(number)})
        pages.append(oparl.list_page([], url=URL, filters=filters, total=250))
    first, middle, last = pages
    assert "next" in first["links"] and "next" in middle["links"]
    assert "next" not in last["links"] and "prev" not in first["links"]
    assert query_of(last["links"]["prev"])["page"] == ["2"]
    assert first["pagination"] == {
        "totalElements": 250, "elementsPerPage": 100, "currentPage": 1, "totalPages": 3
    }  # fmt: skip
    for page in pages:
        for link in page["links"].values():
            assert query_of(link)["modified_since"] == [since]
    assert "page" not in query_of(first["links"]["first"])
    assert query_of(middle["links"]["next"])["page"] == ["3"]


def test_an_empty_list_is_one_page_and_a_page_beyond_the_last_is_not_found():
    page = oparl.list_page([], url=URL, filters=oparl.Filters(), total=0)
    assert page["links"]["self"] == URL and "next" not in page["links"]
    assert page["pagination"]["totalPages"] == 1
    with pytest.raises(oparl.OParlError) as raised:
        oparl.list_page([], url=URL, filters=oparl.Filters(page=2), total=0)
    assert raised.value.status == 404


def test_the_page_slice_follows_the_limit():
    assert oparl.page_slice(oparl.Filters(page=3, limit=10)) == slice(20, 30)
