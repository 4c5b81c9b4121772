"""The output rules of OParl 1.1 as plain functions, without Django: dates and times, empty
properties, deleted objects, the list filters, list pages with their links, and the error
object. The normative text is OParl 1.1, chapters 2-04 (JSON output), 2-05 (object lists and
pagination), 2-08 (deleted objects) and 2-09 (errors); the schemas are in tests/fixtures/oparl.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

SCHEMA = "https://schema.oparl.org/1.1/"
MAX_PER_PAGE = 100  # the spec recommends pages for lists of more than 100 entries
FILTERS = ("created_since", "created_until", "modified_since", "modified_until")
EXAMPLE_TIME = "2014-01-01T02:00:00+01:00"


class OParlError(Exception):
    """A request the API cannot answer: a German `message` for the user, `debug` for the
    developer, and the HTTP status."""

    def __init__(self, message: str, debug: str = "", status: int = 400) -> None:
        super().__init__(message)
        self.message, self.debug, self.status = message, debug, status


def type_url(name: str) -> str:
    """`type` of an object: "Meeting" → https://schema.oparl.org/1.1/Meeting."""
    return f"{SCHEMA}{name}"


def error(message: str, debug: str = "") -> dict[str, str]:
    """The Error object of chapter 2-09."""
    body = {"type": type_url("Error"), "message": message}
    return body | ({"debug": debug} if debug else {})


# --- values ------------------------------------------------------------------------------------


def date(value: dt.date) -> str:
    """`yyyy-mm-dd`, for a date (a date-time is refused: it would lose its time)."""
    if isinstance(value, dt.datetime):
        raise TypeError("an OParl date has no time; use date_time()")
    return value.isoformat()


def date_time(value: dt.datetime) -> str:
    """`yyyy-mm-ddThh:mm:ss±hh:mm`: whole seconds, the offset written out (never `Z`)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("an OParl date-time needs a time zone")
    return value.replace(microsecond=0).isoformat()


def compact(obj: Mapping[str, Any], required: frozenset[str] = frozenset()) -> dict[str, Any]:
    """`obj` without the properties that have no data (None, "", [] and {}), in embedded
    objects too; the names in `required` (the required lists of the type) stay, if empty."""
    kept: dict[str, Any] = {}
    for name, value in obj.items():
        value = _compact_value(value)
        if _is_empty(value) and name not in required:
            continue
        kept[name] = value
    return kept


def _compact_value(value: Any) -> Any:
    if isinstance(value, Mapping):
        return compact(value)
    if isinstance(value, list):
        return [_compact_value(item) for item in value if not _is_empty(item)]
    return value


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0)


def deleted(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A deleted object keeps `id`, `type`, `created` and `modified` (the time of deletion)
    and says `deleted: true`; everything else goes (chapter 2-08)."""
    kept = {name: obj[name] for name in ("id", "type", "created", "modified") if name in obj}
    return kept | {"deleted": True}


# --- list filters ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    """The query of an external object list: the four time filters, `omit_internal`, the
    client's `limit` (at most MAX_PER_PAGE are served) and the page."""

    created_since: dt.datetime | None = None
    created_until: dt.datetime | None = None
    modified_since: dt.datetime | None = None
    modified_until: dt.datetime | None = None
    omit_internal: bool = False
    limit: int | None = None
    page: int = 1

    @property
    def per_page(self) -> int:
        return min(self.limit or MAX_PER_PAGE, MAX_PER_PAGE)

    @property
    def with_deleted(self) -> bool:
        """Deleted objects are listed only for `modified_since` (the update mechanism)."""
        return self.modified_since is not None

    def query(self, page: int) -> dict[str, str]:
        """The parameters of page `page` of the same list: every filter kept."""
        params = {
            name: date_time(value) for name in FILTERS if (value := getattr(self, name)) is not None
        }
        if self.omit_internal:
            params["omit_internal"] = "true"
        if self.limit is not None:
            params["limit"] = str(self.limit)
        if page > 1:
            params["page"] = str(page)
        return params


def parse_filters(query: Mapping[str, str]) -> Filters:
    """The filters of a list request; a bad value raises OParlError with a German message."""
    times = {name: _parse_time(name, query[name]) for name in FILTERS if query.get(name)}
    omit = query.get("omit_internal", "false").strip().lower()
    if omit not in ("true", "false"):
        raise OParlError(
            "Der Parameter omit_internal erwartet true oder false.", f"omit_internal={omit!r}"
        )
    return Filters(
        **times,
        omit_internal=omit == "true",
        limit=_parse_count("limit", query["limit"]) if query.get("limit") else None,
        page=_parse_count("page", query["page"]) if query.get("page") else 1,
    )


def _parse_time(name: str, text: str) -> dt.datetime:
    # An unencoded "+" of the offset arrives as a space.
    candidate = text.strip().replace(" ", "+")
    try:
        value = dt.datetime.fromisoformat(candidate)
    except ValueError:
        value = None
    if value is None or value.tzinfo is None or "T" not in candidate:
        raise OParlError(
            f"Der Parameter {name} erwartet einen Zeitpunkt der Form "
            f"yyyy-mm-ddThh:mm:ss±hh:mm, z. B. {EXAMPLE_TIME}.",
            f"{name}={text!r}",
        )
    return value


def _parse_count(name: str, text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise OParlError(f"Der Parameter {name} erwartet eine ganze Zahl ab 1.", f"{name}={text!r}")
    return int(text)


# --- list pages --------------------------------------------------------------------------------


def total_pages(total: int, per_page: int) -> int:
    return max(1, math.ceil(total / per_page))


def list_page(
    data: list[dict[str, Any]], *, url: str, filters: Filters, total: int, web: str = ""
) -> dict[str, Any]:
    """One page of an external object list (chapter 2-05): `data`, `pagination` and `links`,
    `next` on every page but the last, the filters carried into every link. `url` is the
    list's address without a query; `total` counts the whole filtered list."""
    pages = total_pages(total, filters.per_page)
    if filters.page > pages:
        raise OParlError(
            f"Diese Liste hat nur {pages} Seite{'n' if pages > 1 else ''}.",
            f"page={filters.page}",
            status=404,
        )
    links = {
        "first": page_url(url, filters, 1),
        "self": page_url(url, filters, filters.page),
        "last": page_url(url, filters, pages),
    }
    if filters.page > 1:
        links["prev"] = page_url(url, filters, filters.page - 1)
    if filters.page < pages:
        links["next"] = page_url(url, filters, filters.page + 1)
    if web:
        links["web"] = web
    pagination = {
        "totalElements": total,
        "elementsPerPage": filters.per_page,
        "currentPage": filters.page,
        "totalPages": pages,
    }
    return {"data": data, "pagination": pagination, "links": links}


def page_url(url: str, filters: Filters, page: int) -> str:
    query = urlencode(filters.query(page))
    return f"{url}?{query}" if query else url


def page_slice(filters: Filters) -> slice:
    """The rows of the requested page in a list ordered by a stable key."""
    start = (filters.page - 1) * filters.per_page
    return slice(start, start + filters.per_page)
