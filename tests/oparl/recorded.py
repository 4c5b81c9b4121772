"""A recorded OParl server built from a small fixture (tests/fixtures/oparl/recorded/): the
System, its body list, the Body with its four lists (and, in nordsachsen-lists.json, its
separate lists of OParl 1.1), each list in two pages, every listed object at its own URL and
the fixture's "objects" only there; `write(tmp_path, recording)` stores it as
`kek import-oparl` reads it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).resolve().parent.parent / "fixtures/oparl/recorded"
FIXTURE = FOLDER / "nordsachsen.json"
WITH_LISTS = FOLDER / "nordsachsen-lists.json"
T = "https://schema.oparl.org/1.1/"
LISTS = ("organization", "person", "meeting", "paper")
# The body's property of a list where it is not the list's name (OParl 1.1, 4-01).
PROPERTY = {"location": "locationList", "legislativeTerm": "legislativeTermList"}


def fixture(path: Path = FIXTURE) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def page(data: list, url: str, number: int, pages: int) -> dict[str, Any]:
    links = {"first": url, "self": url if number == 1 else f"{url}?page={number}"}
    if number < pages:
        links["next"] = f"{url}?page={number + 1}"
    return {
        "data": data,
        "pagination": {"currentPage": number, "totalPages": pages, "elementsPerPage": 1},
        "links": links,
    }


def pages(url: str, objects: list) -> dict[str, dict]:
    """The list at `url` in two pages (one, if it has at most one object)."""
    half = (len(objects) + 1) // 2
    parts = [objects[:half], objects[half:]] if len(objects) > 1 else [objects]
    return {
        (url if n == 1 else f"{url}?page={n}"): page(part, url, n, len(parts))
        for n, part in enumerate(parts, start=1)
    }


def build(data: dict[str, Any] | None = None) -> dict[str, Any]:
    """The recording {"start": System URL, "responses": {url: body}} of the fixture."""
    data = copy.deepcopy(data or fixture())
    base, body = data["base"], data["body"]
    names = [*LISTS, *(n for n in data["lists"] if n not in LISTS)]
    body = body | {PROPERTY.get(n, n): f"{body['id']}/{n}" for n in names}
    body |= {"system": f"{base}/system"}
    body.setdefault("legislativeTerm", [])
    responses: dict[str, Any] = {
        f"{base}/system": {
            "id": f"{base}/system", "type": f"{T}System", "oparlVersion": T,
            "body": f"{base}/body",
        },
        **pages(f"{base}/body", [body]),
        body["id"]: body,
    }  # fmt: skip
    for name in names:
        objects = data["lists"].get(name, [])
        responses |= pages(f"{body['id']}/{name}", objects)
        responses |= {obj["id"]: obj for obj in objects}
    responses |= {obj["id"]: obj for obj in data.get("objects", [])}
    return {"start": f"{base}/system", "responses": responses}


def write(folder: Path, recording: dict[str, Any], name: str = "server.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(recording, ensure_ascii=False), encoding="utf-8")
    return path
