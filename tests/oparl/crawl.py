"""A crawl of an OParl 1.1 API from its System object, checking the rules of the specification
on every object and list page it reaches (tests/fixtures/oparl, chapters 2-03 to 2-09).

`crawl(fetch, start)` follows every URL property of every object and every `links` entry of
every list page; `fetch(url) -> (status, headers, body)` is the HTTP client (Django's test
client in the API's tests, a dict of recorded answers in the crawler's own tests). It returns
the objects by id and a list of problems, each naming the URL and the rule.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .schemas import BASE, problems

Fetch = Callable[[str], tuple[int, dict[str, str], Any]]

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DATE_NAMES = {"date", "startDate", "endDate"}
TIME_NAMES = {"created", "modified", "start", "end", "sentDate"}
# Properties that are lists of objects or URLs and must be there, even empty (the schemas'
# required lists and the OParl 1.1 text): System.body, the Body's lists, Person.membership …
LIST_PAGE_KEYS = {"data", "pagination", "links"}
MAX_PER_PAGE = 100


@dataclass
class Crawl:
    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def fail(self, url: str, rule: str) -> None:
        self.problems.append(f"{url}: {rule}")


def crawl(fetch: Fetch, start: str, limit: int = 5000) -> Crawl:
    """Everything reachable from `start` (the System URL), at most `limit` requests."""
    result = Crawl()
    queue, seen = [start], {start}
    while queue and len(seen) <= limit:
        url = queue.pop(0)
        status, headers, body = fetch(url)
        if status != 200:
            result.fail(url, f"answered {status}")
            continue
        if headers.get("Access-Control-Allow-Origin") != "*":
            result.fail(url, "no Access-Control-Allow-Origin: *")
        if not isinstance(body, dict):
            continue  # a file download
        found = (
            _check_page(result, url, body)
            if body.keys() >= LIST_PAGE_KEYS
            else _check_object(result, url, body, top=True)
        )
        for link in found:
            if link not in seen:
                seen.add(link)
                queue.append(link)
    _check_embedded(result)
    return result


def _check_page(result: Crawl, url: str, page: dict[str, Any]) -> list[str]:
    links, pagination = page["links"], page["pagination"]
    found = [v for k, v in links.items() if k in {"first", "prev", "next", "last"}]
    data = page["data"]
    if len(data) > MAX_PER_PAGE:
        result.fail(url, f"{len(data)} objects on one page (at most {MAX_PER_PAGE})")
    current, total = pagination.get("currentPage"), pagination.get("totalPages")
    if current is not None and total is not None and (current < total) != ("next" in links):
        result.fail(url, "links.next must be on every page but the last, and only there")
    for obj in data:
        found += _check_object(result, url, obj, top=False)
        result.objects.setdefault(obj.get("id", ""), obj)
    result.pages[url] = page
    return found


def _check_object(result: Crawl, url: str, obj: dict[str, Any], *, top: bool) -> list[str]:
    where = obj.get("id", url)
    if top and obj.get("id") != url:
        result.fail(url, f"id {obj.get('id')!r} is not the object's URL")
    if not str(obj.get("type", "")).startswith(BASE):
        result.fail(where, f"type {obj.get('type')!r} is not an OParl 1.1 type")
        return []
    if obj.get("deleted") is True:
        extra = set(obj) - {"id", "type", "created", "modified", "deleted"}
        if extra:
            result.fail(where, f"a deleted object shows {sorted(extra)}")
    else:
        for problem in problems(obj):
            result.fail(where, f"schema: {problem}")
    for name, value in _properties(obj):
        _check_value(result, where, name, value)
    if top:
        result.objects[obj["id"]] = obj
    return [link for link in _urls(obj) if link.startswith(_origin(url))]


def _properties(obj: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    for name, value in obj.items():
        yield name, value
        if isinstance(value, dict):
            yield from _properties(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, dict):
                    yield from _properties(item)


def _check_value(result: Crawl, where: str, name: str, value: Any) -> None:
    if value is None or value == "" or value == {}:
        result.fail(where, f"{name} is empty (leave it out)")
    if name in DATE_NAMES and isinstance(value, str) and not DATE.match(value):
        result.fail(where, f"{name} {value!r} is no yyyy-mm-dd date")
    if name in TIME_NAMES and isinstance(value, str) and not DATE_TIME.match(value):
        result.fail(where, f"{name} {value!r} is no yyyy-mm-ddThh:mm:ss±hh:mm date-time")


def _urls(obj: Any) -> Iterator[str]:
    """Every URL in an object's properties (references, lists, embedded objects' ids)."""
    if isinstance(obj, dict):
        for name, value in obj.items():
            if name in {"type", "web", "license", "website", "oparlVersion"}:
                continue
            yield from _urls(value)
    elif isinstance(obj, list):
        for item in obj:
            yield from _urls(item)
    elif isinstance(obj, str) and obj.startswith(("http://", "https://")):
        yield obj


def _origin(url: str) -> str:
    match = re.match(r"^https?://[^/]+", url)
    return match.group(0) if match else url


def _check_embedded(result: Crawl) -> None:
    """An object embedded in another, or listed on a list page, says the same as at its own
    URL."""
    holders = [(o.get("id", ""), o) for o in result.objects.values()]
    holders += [(url, {"data": page["data"]}) for url, page in result.pages.items()]
    for where, outer in holders:
        for name, value in outer.items():
            inner = [value] if isinstance(value, dict) else value if isinstance(value, list) else []
            for obj in inner:
                if isinstance(obj, dict) and "id" in obj:
                    _compare(result, obj, f"embedded in {where} ({name})")


def _compare(result: Crawl, obj: dict[str, Any], place: str) -> None:
    own = result.objects.get(obj["id"])
    if own is None or own is obj:
        return  # a list page's object without a URL of its own was stored from the page
    if any(own.get(k) != v for k, v in obj.items()):
        result.fail(obj["id"], f"{place} differently than at its own URL")
