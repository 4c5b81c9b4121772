"""The import of a district's committees from an OParl 1.1 server: the inverse of
kek.oparl.objects.

`import_oparl(fetch, source, region, …)` reads the System (or a Body) at `source`, picks the
district's Body by its `ags`, walks its lists of organizations, persons (with their embedded
memberships), meetings (with location, agenda items and files) and papers (with consultations
and files), page by page (`fetch_pages`, OParl 2-05), and writes them into kek.committees by
`oparl_id`: what is there and equal stays untouched, what the server marks `deleted: true`
(OParl 2-08, listed for `modified_since`) becomes deleted here. File contents are not fetched;
a file keeps its address (`access_url`).

`fetch(url) -> dict` is the HTTP client: `fetch_url` (urllib) for a server, `Recording` for a
recorded server in a JSON file {"start": url, "responses": {url: body}}. Every problem is an
`OParlImportError` with a German message naming the URL and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.db import models

from kek.committees.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    MeetingState,
    Membership,
    Organization,
    OrganizationType,
    Paper,
    Person,
)
from kek.core.imports import Counts, Removal
from kek.regions.models import Region

from . import format as oparl

Fetch = Callable[[str], dict[str, Any]]
Progress = Callable[[str], None]
TIMEOUT = 30  # seconds per request
MAX_PAGES = 10_000


class OParlImportError(Exception):
    """The server's answer cannot be imported; str() is the German message."""


# ----------------------------------------------------------------------------- fetching


def fetch_url(url: str, timeout: float = TIMEOUT) -> dict[str, Any]:
    """GET `url` as JSON (the standard library's urllib)."""
    request = urllib.request.Request(
        url, headers={"Accept": "application/json", "User-Agent": "KEK-OParl-Import"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise OParlImportError(f"{url}: der Server antwortet mit HTTP {exc.code}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise OParlImportError(f"{url}: keine Verbindung zum Server ({reason}).") from None
    return parse_json(url, raw)


def parse_json(url: str, raw: bytes | str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise OParlImportError(f"{url}: die Antwort ist kein gültiges JSON.") from None
    if not isinstance(value, dict):
        raise OParlImportError(f"{url}: die Antwort ist kein JSON-Objekt.")
    return value


@dataclass
class Recording:
    """A recorded server: answers from a dict of URL → body (a string body is parsed as raw
    JSON text). A URL with `modified_since` is answered by the recording of that URL, else by
    the one without it. `asked` lists the URLs asked, in order."""

    start: str
    responses: dict[str, Any]
    asked: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, path: Path) -> Recording:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(start=data["start"], responses=data["responses"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise OParlImportError(
                f"{path.name}: keine Aufzeichnung eines OParl-Servers "
                f'({{"start": …, "responses": …}}): {exc}'
            ) from None

    def __call__(self, url: str) -> dict[str, Any]:
        self.asked.append(url)
        answer = self.responses.get(url, self.responses.get(without_filters(url)))
        if answer is None:
            raise OParlImportError(f"{url}: der Server antwortet mit HTTP 404.")
        if isinstance(answer, str):
            return parse_json(url, answer)
        if not isinstance(answer, dict):
            raise OParlImportError(f"{url}: die Antwort ist kein JSON-Objekt.")
        return json.loads(json.dumps(answer))  # a copy: the import never changes the recording


def with_query(url: str, **params: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in params] + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


def without_filters(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k not in oparl.FILTERS]
    return urlunsplit(parts._replace(query=urlencode(query)))


def fetch_pages(
    fetch: Fetch, url: str, label: str, progress: Progress, modified_since: str | None = None
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The objects of a list with the URL of their page, page after page along `links.next`;
    one progress line a page."""
    next_url: str | None = with_query(url, modified_since=modified_since) if modified_since else url
    seen: set[str] = set()
    number, total = 0, None
    while next_url and next_url not in seen and number < MAX_PAGES:
        seen.add(next_url)
        number += 1
        page = fetch(next_url)
        data = page.get("data")
        if not isinstance(data, list):
            raise OParlImportError(f"{next_url}: die Liste hat kein Feld „data“.")
        pagination = page.get("pagination") or {}
        if isinstance(pagination, dict) and isinstance(pagination.get("totalPages"), int):
            total = pagination["totalPages"]  # kept for pages that do not repeat it
        progress(f"{label}: Seite {number} von {total or '?'} …")
        for obj in data:
            if not isinstance(obj, dict):
                raise OParlImportError(f"{next_url}: ein Eintrag in „data“ ist kein Objekt.")
            yield next_url, obj
        links = page.get("links") or {}
        next_url = links.get("next") if isinstance(links, dict) else None


# ----------------------------------------------------------------------------- values


def check_object(obj: Any, url: str, type_name: str, where: str = "") -> str:
    """The object's `id`, after checking that it has one and is of OParl type `type_name`."""
    place = f" ({where})" if where else ""
    if not isinstance(obj, dict):
        raise OParlImportError(f"{url}{place}: ein {type_name}-Objekt erwartet.")
    if not isinstance(obj.get("id"), str) or not obj["id"]:
        raise OParlImportError(f"{url}{place}: Feld „id“ fehlt.")
    kind = obj.get("type")
    if not isinstance(kind, str):
        raise OParlImportError(f"{url}{place}: Feld „type“ fehlt ({obj['id']}).")
    if kind.rstrip("/").rsplit("/", 1)[-1] != type_name:
        raise OParlImportError(
            f"{url}{place}: Feld „type“ ist {kind}, erwartet {oparl.type_url(type_name)} "
            f"({obj['id']})."
        )
    return obj["id"]


@dataclass
class Reader:
    """Reads typed fields of one object; errors name the URL it came from and the field."""

    url: str
    obj: dict[str, Any]

    def fail(self, name: str, expected: str) -> OParlImportError:
        return OParlImportError(
            f"{self.url}: Feld „{name}“ von {self.obj.get('id')} ist kein {expected}."
        )

    def text(self, name: str, limit: int | None = None) -> str:
        value = self.obj.get(name)
        if value is None:
            return ""
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            value = " ".join(value)  # Person.title is a list
        if not isinstance(value, str):
            raise self.fail(name, "Text")
        return value[:limit] if limit else value

    def flag(self, name: str, default: bool) -> bool:
        value = self.obj.get(name)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.fail(name, "Wahrheitswert")
        return value

    def number(self, name: str) -> int:
        value = self.obj.get(name)
        if value is None:
            return 0
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise self.fail(name, "Zahl")
        return value

    def date(self, name: str) -> dt.date | None:
        value = self.obj.get(name)
        if value is None:
            return None
        try:
            return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else None
        except ValueError:
            pass
        raise self.fail(name, "Datum (JJJJ-MM-TT)")

    def time(self, name: str) -> dt.datetime | None:
        value = self.obj.get(name)
        if value is None:
            return None
        try:
            parsed = dt.datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.tzinfo is None:
            raise self.fail(name, "Zeitpunkt mit Zeitzone")
        return parsed

    def ref(self, name: str) -> str | None:
        value = self.obj.get(name)
        if isinstance(value, dict):
            value = value.get("id")
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail(name, "Verweis (URL)")
        return value

    def refs(self, name: str) -> list[str]:
        value = self.obj.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(name, "Liste von Verweisen")
        one = [Reader(self.url, {name: v, "id": self.obj.get("id")}) for v in value]
        return [r.ref(name) or "" for r in one]

    def objects(self, name: str) -> list[dict[str, Any]]:
        value = self.obj.get(name)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(name, "Liste von Objekten")
        return value


# ----------------------------------------------------------------------------- writing


@dataclass
class Import:
    """One import's state: the body, the objects known by oparl_id, the counts, and what the
    body's separate lists (OParl 1.1) hold."""

    fetch: Fetch
    body: Body
    progress: Progress
    modified_since: str | None = None
    organizations: set[str] | None = None  # only these organizations' ids (--organization)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    known: dict[str, models.Model] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)  # ids saved or deleted in this run
    listed: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)  # id → page, obj
    lists: dict[str, list[str]] = field(default_factory=dict)  # OParl type → ids listed
    children: dict[str, list[str]] = field(default_factory=dict)  # parent id → listed children
    # What kek.core.commands.run_import expects of an outcome: this import removes nothing.
    missing: Counts = field(default_factory=Counter)
    removal: Removal | None = None

    def existing(self, model: type[models.Model], oparl_id: str) -> Any:
        if oparl_id in self.known:
            return self.known[oparl_id]
        return model._default_manager.filter(body=self.body, oparl_id=oparl_id).first()

    def has_list(self, type_name: str) -> bool:
        """Whether the body has a separate list of this type (read in this run)."""
        return type_name in self.lists

    def complete(self, obj: dict[str, Any], name: str, type_name: str) -> bool:
        """Whether the children of `obj` named `name` are all known: embedded in it, or in a
        separate list read without `modified_since`."""
        return name in obj or (self.has_list(type_name) and self.modified_since is None)

    def chosen(self, organization: str) -> bool:
        """Whether the organization with this id is imported (--organization)."""
        return self.organizations is None or organization in self.organizations

    def count(self, model: type[models.Model], action: str) -> None:
        self.counts[(str(model._meta.verbose_name_plural), action)] += 1

    def save(
        self,
        model: type[models.Model],
        oparl_id: str,
        values: dict[str, Any],
        m2m: dict[str, list[Any]] | None = None,
        parent: dict[str, Any] | None = None,
    ) -> Any:
        """Create or update the object `oparl_id` with `values` (and many-to-many `m2m`);
        saved only if something differs."""
        obj = self.existing(model, oparl_id)
        m2m = m2m or {}
        created = obj is None
        if created:
            # Children (memberships, agenda items, consultations) take their parent's body.
            own = {} if parent else {"body": self.body}
            obj = model(oparl_id=oparl_id, **own, **(parent or {}), **values)
            changed = True
        else:
            values = {**(parent or {}), **values, "deleted": False}
            changed = any(_differs(getattr(obj, k), v) for k, v in values.items())
            for key, value in values.items():
                setattr(obj, key, value)
            changed |= any(
                {o.pk for o in getattr(obj, k).all()} != {o.pk for o in v} for k, v in m2m.items()
            )
        if changed:
            parental = _is_cluster(model)
            if parental:  # modelcluster keeps parental many-to-many relations until save()
                for key, value in m2m.items():
                    getattr(obj, key).set(value)
            obj.save()
            if not parental:
                for key, value in m2m.items():
                    getattr(obj, key).set(value)
            self.count(model, "angelegt" if created else "geändert")
        else:
            self.count(model, "unverändert")
        self.known[oparl_id] = obj
        self.seen.add(oparl_id)
        return obj

    def delete(self, model: type[models.Model], oparl_id: str) -> None:
        self.seen.add(oparl_id)
        obj = self.existing(model, oparl_id)
        if obj is None:
            return
        if obj.deleted:
            self.count(model, "unverändert")
            return
        obj.deleted = True
        obj.save()
        self.count(model, "gelöscht")

    def drop_missing(
        self,
        children: models.QuerySet,
        listed: set[str],
        concerned: Callable[[Any], bool] = lambda obj: True,
    ) -> None:
        """Imported children (agenda items of a meeting, …) that the parent's embedded list
        no longer holds are deleted; those entered here (no oparl_id) stay."""
        for child in children.exclude(oparl_id="").filter(deleted=False):
            if child.oparl_id not in listed and concerned(child):
                self.delete(type(child), child.oparl_id)

    def summary(self) -> str:
        changed = [c for (_, action), c in self.counts.items() if action != "unverändert" and c]
        lines = []
        names = dict.fromkeys(name for name, _ in self.counts)
        for name in names:
            parts = [
                f"{self.counts[(name, a)]} {a}"
                for a in ("angelegt", "geändert", "gelöscht", "unverändert")
            ]
            lines.append(f"{name}: {', '.join(parts)}")
        if not changed:
            lines.append("Keine Änderungen.")
        return "\n".join(lines)


def _differs(current: Any, new: Any) -> bool:
    if isinstance(current, models.Model) or isinstance(new, models.Model):
        return getattr(current, "pk", None) != getattr(new, "pk", None)
    return current != new


def _is_cluster(model: type[models.Model]) -> bool:
    from modelcluster.models import ClusterableModel

    return issubclass(model, ClusterableModel)


def is_deleted(obj: dict[str, Any]) -> bool:
    return obj.get("deleted") is True


# ----------------------------------------------------------------------------- the steps


def read_body(fetch: Fetch, source: str, ags: str, progress: Progress) -> dict[str, Any]:
    """The Body at `source`, or the System's body whose `ags` is the district's (or its only
    one)."""
    first = fetch(source)
    kind = str(first.get("type", "")).rstrip("/").rsplit("/", 1)[-1]
    if kind == "Body":
        check_object(first, source, "Body")
        return first
    check_object(first, source, "System")
    bodies_url = Reader(source, first).ref("body")
    if not bodies_url:
        raise OParlImportError(f"{source}: Feld „body“ fehlt.")
    bodies = []
    for page_url, body in fetch_pages(fetch, bodies_url, "Körperschaften", progress):
        check_object(body, page_url, "Body")
        bodies.append(body)
    matching = [b for b in bodies if b.get("ags") == ags]
    if matching:
        return matching[0]
    if len(bodies) == 1:
        return bodies[0]
    raise OParlImportError(
        f"{bodies_url}: keine Körperschaft mit dem Feld „ags“ = {ags} "
        f"(unter {len(bodies)} Körperschaften)."
    )


def list_url(body: dict[str, Any], name: str) -> str:
    url = Reader(body["id"], body).ref(name)
    if not url:
        raise OParlImportError(f"{body['id']}: Feld „{name}“ (die Liste) fehlt.")
    return url


def import_body(region: Region, remote: dict[str, Any]) -> Body:
    body = Body.objects.filter(region=region).first()
    read = Reader(remote["id"], remote)
    if body is None:
        return Body.objects.create(
            region=region,
            oparl_id=remote["id"],
            name=read.text("name", 200) or region.name,
            short_name=read.text("shortName", 100),
            website=read.text("website", 200),
            license=read.text("license", 200),
            classification=read.text("classification", 100),
            contact_email=read.text("contactEmail", 254),
            contact_name=read.text("contactName", 200),
        )
    if body.oparl_id != remote["id"]:
        body.oparl_id = remote["id"]
        body.save()
    return body


def import_organizations(run: Import, address: str) -> None:
    pending: list[tuple[Organization, str]] = []
    for url, obj in fetch_pages(run.fetch, address, "Gremien", run.progress, run.modified_since):
        oparl_id = check_object(obj, url, "Organization")
        if run.organizations is not None and oparl_id not in run.organizations:
            continue
        if is_deleted(obj):
            run.delete(Organization, oparl_id)
            continue
        read = Reader(url, obj)
        kind = read.text("organizationType")
        values = {
            "name": read.text("name", 200) or read.text("shortName", 200) or oparl_id[-200:],
            "short_name": read.text("shortName", 100),
            "organization_type": kind if kind in OrganizationType.values else (
                OrganizationType.OTHER if kind else OrganizationType.COMMITTEE
            ),
            "classification": read.text("classification", 100),
            "start_date": read.date("startDate"),
            "end_date": read.date("endDate"),
            "website": read.text("website", 200),
        }  # fmt: skip
        parent = read.ref("subOrganizationOf")
        if parent:
            pending.append((run.save(Organization, oparl_id, values), parent))
        else:
            run.save(Organization, oparl_id, values | {"sub_organization_of": None})
    for organization, parent in pending:  # the parent may come on a later page
        found = run.existing(Organization, parent)
        if organization.sub_organization_of_id != getattr(found, "pk", None):
            organization.sub_organization_of = found
            organization.save()


def organization_ids(names: list[str], fetch: Fetch, url: str, progress: Progress) -> set[str]:
    """The ids of the organizations named (name or short name) on the server."""
    wanted = {n.casefold() for n in names}
    found: dict[str, str] = {}
    for page_url, obj in fetch_pages(fetch, url, "Gremien (Auswahl)", progress):
        oparl_id = check_object(obj, page_url, "Organization")
        read = Reader(page_url, obj)
        for name in (read.text("name"), read.text("shortName")):
            if name and name.casefold() in wanted:
                found[name.casefold()] = oparl_id
    missing = sorted(wanted - set(found))
    if missing:
        raise OParlImportError(f"{url}: kein Gremium namens {', '.join(missing)}.")
    return set(found.values())


# The body's separate lists (OParl 1.1, chapter 4-01): its property → the OParl type, and the
# property of a listed child that names its parent.
SEPARATE_LISTS = {
    "legislativeTermList": "LegislativeTerm",
    "locationList": "Location",
    "file": "File",
    "membership": "Membership",
    "agendaItem": "AgendaItem",
    "consultation": "Consultation",
}
LABELS = {
    "LegislativeTerm": "Wahlperioden",
    "Location": "Orte",
    "File": "Dateien",
    "Membership": "Mitgliedschaften",
    "AgendaItem": "Tagesordnungspunkte",
    "Consultation": "Beratungen",
}
PARENTS = {"Membership": "person", "AgendaItem": "meeting", "Consultation": "paper"}


def read_separate_lists(run: Import, remote: dict[str, Any]) -> None:
    """Every object of the body's separate lists, by id, and the listed children by parent:
    the steps below take them from there (objects only listed there, references by URL,
    deletions)."""
    read = Reader(remote["id"], remote)
    for name, type_name in SEPARATE_LISTS.items():
        address = read.ref(name)
        if not address:
            continue
        ids = run.lists.setdefault(type_name, [])
        pages = fetch_pages(run.fetch, address, LABELS[type_name], run.progress, run.modified_since)
        for url, obj in pages:
            oparl_id = check_object(obj, url, type_name)
            run.listed[oparl_id] = (url, obj)
            ids.append(oparl_id)
            parent = PARENTS.get(type_name)
            if parent and not is_deleted(obj):
                ref = Reader(url, obj).ref(parent)
                if ref:
                    run.children.setdefault(ref, []).append(oparl_id)


def follow(run: Import, url: str, value: Any, where: str) -> tuple[str, Any]:
    """An embedded object with the URL of the answer it came in; for a reference (URL), the
    object from the body's separate list or else from its own URL."""
    if not isinstance(value, str):
        return url, value
    if value in run.listed:
        return run.listed[value]
    try:
        return value, run.fetch(value)
    except OParlImportError as exc:
        raise OParlImportError(
            f"{url} ({where}): der Verweis auf {value} lässt sich nicht auflösen – {exc}"
        ) from None


def reuse(run: Import, model: type[models.Model], value: Any) -> Any:
    """The object a reference names, if it needs no fetching: imported in this run, or here
    already while the body's separate list (read for changes) does not list it."""
    if not isinstance(value, str):
        return None
    if value in run.known:
        return run.known[value]
    type_name = model.__name__
    if value not in run.listed and run.has_list(type_name):
        return run.existing(model, value)
    return None


@dataclass
class Children:
    """A parent's children to import, each with the URL of its answer, and the ids of all it
    names (those here and unchanged included)."""

    items: list[tuple[str, dict[str, Any]]]
    ids: set[str]


def embedded(
    run: Import, url: str, read: Reader, name: str, type_name: str, where: str
) -> Children:
    """The children of an object: embedded in its list `name` (objects or references) and
    listed separately with it as their parent; checked. A reference to a child that is here
    and unchanged (see `reuse`) is not fetched."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    ids: set[str] = set()
    for value in read.objects(name):
        if isinstance(value, str) and reuse(run, MODELS[type_name], value) is not None:
            ids.add(value)
            continue
        page, obj = follow(run, url, value, where)
        found.setdefault(check_object(obj, page, type_name, where), (page, obj))
    for child in run.children.get(read.obj["id"], []):
        found.setdefault(child, run.listed[child])
    return Children(list(found.values()), ids | set(found))


def import_legislative_terms(run: Import, remote: dict[str, Any]) -> None:
    """The body's embedded legislative terms and those of its `legislativeTermList`."""
    read = Reader(remote["id"], remote)
    where = f"Feld „legislativeTerm“ von {remote['id']}"
    terms = {
        check_object(obj, page, "LegislativeTerm", where): (page, obj)
        for page, obj in (
            follow(run, remote["id"], v, where) for v in read.objects("legislativeTerm")
        )
    }
    for oparl_id in run.lists.get("LegislativeTerm", []):
        terms.setdefault(oparl_id, run.listed[oparl_id])
    for oparl_id, (page, obj) in terms.items():
        if is_deleted(obj):
            run.delete(LegislativeTerm, oparl_id)
            continue
        term = Reader(page, obj)
        run.save(
            LegislativeTerm,
            oparl_id,
            {
                "name": term.text("name", 200) or "Wahlperiode",
                "start_date": term.date("startDate"),
                "end_date": term.date("endDate"),
            },
        )
    # With a separate list read for changes, deletions come as its stubs (OParl 2-08).
    if not run.has_list("LegislativeTerm") or run.modified_since is None:
        live = {i for i, (_, obj) in terms.items() if not is_deleted(obj)}
        run.drop_missing(run.body.legislative_terms.all(), live)


def import_persons(run: Import, address: str) -> None:
    for url, obj in fetch_pages(run.fetch, address, "Personen", run.progress, run.modified_since):
        oparl_id = check_object(obj, url, "Person")
        if is_deleted(obj):
            run.delete(Person, oparl_id)
            continue
        read = Reader(url, obj)
        where = f"Feld „membership“ von {oparl_id}"
        memberships = []
        children = embedded(run, url, read, "membership", "Membership", where)
        for page, item in children.items:
            ref = Reader(page, item).ref("organization") or ""
            if not run.chosen(ref):
                continue
            organization = run.existing(Organization, ref)
            if organization is not None or is_deleted(item):
                memberships.append((page, item, organization))
        if run.organizations is not None and not memberships and not _kept(run, children):
            continue
        person = run.save(
            Person,
            oparl_id,
            {
                "name": read.text("name", 200),
                "family_name": read.text("familyName", 100),
                "given_name": read.text("givenName", 100),
                "form_of_address": read.text("formOfAddress", 50),
                "affix": read.text("affix", 100),
                "title": read.text("title", 100),
            },
        )
        for page, item, organization in memberships:
            import_membership(run, page, item, person, organization)
        if run.complete(obj, "membership", "Membership"):
            run.drop_missing(
                person.memberships.all(),
                children.ids,
                lambda m: run.chosen(m.organization.oparl_id),
            )


def _kept(run: Import, children: Children) -> bool:
    """Whether a person's unchanged memberships here include one in a chosen organization."""
    kept = Membership.objects.filter(body=run.body, oparl_id__in=children.ids, deleted=False)
    return any(run.chosen(m.organization.oparl_id) for m in kept.select_related("organization"))


def import_membership(
    run: Import, url: str, item: dict[str, Any], person: Person, organization: Organization | None
) -> None:
    if is_deleted(item) or organization is None:
        run.delete(Membership, item["id"])
        return
    member = Reader(url, item)
    run.save(
        Membership,
        item["id"],
        {
            "organization": organization,
            "role": member.text("role", 100),
            "voting_right": member.flag("votingRight", True),
            "start_date": member.date("startDate"),
            "end_date": member.date("endDate"),
        },
        parent={"person": person},
    )


def import_file(run: Import, url: str, value: Any, where: str) -> File | None:
    """The file embedded or referenced (by URL) as `value`."""
    if value is None:
        return None
    found = reuse(run, File, value)
    if found is not None:
        return found
    url, obj = follow(run, url, value, where)
    oparl_id = check_object(obj, url, "File", where)
    if is_deleted(obj):
        run.delete(File, oparl_id)
        return None
    read = Reader(url, obj)
    access = read.text("accessUrl") or read.text("downloadUrl")
    if not access:
        raise OParlImportError(f"{url} ({where}): Feld „accessUrl“ fehlt ({oparl_id}).")
    return run.save(
        File,
        oparl_id,
        {
            "name": read.text("name", 300) or read.text("fileName", 300) or "Datei",
            "file_name": read.text("fileName", 255),
            "mime_type": read.text("mimeType", 100),
            "date": read.date("date"),
            "access_url": access[:500],
            "text": read.text("text"),
        },
    )


def file_of(run: Import, url: str, obj: dict[str, Any], name: str) -> File | None:
    """The file in the field `name` of `obj`."""
    return import_file(run, url, obj.get(name), f"Feld „{name}“ von {obj['id']}")


def import_files(run: Import, url: str, read: Reader, name: str) -> list[File]:
    where = f"Feld „{name}“ von {read.obj['id']}"
    files = [import_file(run, url, obj, where) for obj in read.objects(name)]
    return [f for f in files if f is not None]


def import_location(run: Import, url: str, value: Any, where: str) -> Location | None:
    """The location embedded or referenced (by URL) as `value`."""
    if value is None:
        return None
    found = reuse(run, Location, value)
    if found is not None:
        return found
    url, obj = follow(run, url, value, where)
    oparl_id = check_object(obj, url, "Location", where)
    if is_deleted(obj):
        run.delete(Location, oparl_id)
        return None
    read = Reader(url, obj)
    return run.save(
        Location,
        oparl_id,
        {
            "description": read.text("description", 300),
            "street_address": read.text("streetAddress", 200),
            "room": read.text("room", 200),
            "postal_code": read.text("postalCode", 10),
            "sub_locality": read.text("subLocality", 200),
            "locality": read.text("locality", 200),
            "geojson": obj.get("geojson"),
        },
    )


def import_meetings(run: Import, address: str) -> None:
    for url, obj in fetch_pages(run.fetch, address, "Sitzungen", run.progress, run.modified_since):
        oparl_id = check_object(obj, url, "Meeting")
        if is_deleted(obj):
            run.delete(Meeting, oparl_id)
            continue
        read = Reader(url, obj)
        refs = read.refs("organization")
        if run.organizations is not None and not any(run.chosen(r) for r in refs):
            continue
        organizations = [o for o in (run.existing(Organization, r) for r in refs) if o]
        where = f"von {oparl_id}"
        state = read.text("meetingState")

        meeting = run.save(
            Meeting,
            oparl_id,
            {
                "name": read.text("name", 300) or "Sitzung",
                "start": read.time("start"),
                "end": read.time("end"),
                "meeting_state": state if state in MeetingState.values else "",
                "cancelled": read.flag("cancelled", False),
                "location": import_location(
                    run, url, obj.get("location"), f"Feld „location“ {where}"
                ),
                "invitation": file_of(run, url, obj, "invitation"),
                "results_protocol": file_of(run, url, obj, "resultsProtocol"),
                "verbatim_protocol": file_of(run, url, obj, "verbatimProtocol"),
            },
            m2m={
                "organizations": organizations,
                "auxiliary_files": import_files(run, url, read, "auxiliaryFile"),
            },
        )
        items = embedded(run, url, read, "agendaItem", "AgendaItem", f"Feld „agendaItem“ {where}")
        for position, (page, item) in enumerate(items.items):
            import_agenda_item(run, page, item, meeting, position)
        if run.complete(obj, "agendaItem", "AgendaItem"):
            run.drop_missing(meeting.agenda_items.all(), items.ids)


def import_agenda_item(
    run: Import, url: str, obj: dict[str, Any], meeting: Meeting, position: int
) -> None:
    oparl_id = obj["id"]
    if is_deleted(obj):
        run.delete(AgendaItem, oparl_id)
        return
    read = Reader(url, obj)
    run.save(
        AgendaItem,
        oparl_id,
        {
            "number": read.text("number", 20),
            "order": read.number("order") if "order" in obj else position,
            "name": read.text("name", 500) or read.text("number", 500) or "Tagesordnungspunkt",
            "public": read.flag("public", True),
            "result": read.text("result", 200),
            "resolution_text": read.text("resolutionText"),
            "resolution_file": file_of(run, url, obj, "resolutionFile"),
        },
        m2m={"auxiliary_files": import_files(run, url, read, "auxiliaryFile")},
        parent={"meeting": meeting},
    )


def import_papers(run: Import, address: str) -> None:
    related: list[tuple[Paper, list[str]]] = []
    for url, obj in fetch_pages(run.fetch, address, "Vorlagen", run.progress, run.modified_since):
        oparl_id = check_object(obj, url, "Paper")
        if is_deleted(obj):
            run.delete(Paper, oparl_id)
            continue
        read = Reader(url, obj)
        where = f"Feld „consultation“ von {oparl_id}"
        children = embedded(run, url, read, "consultation", "Consultation", where)
        consultations = children.items
        directing = read.refs("underDirectionOf")
        if (
            run.organizations is not None
            and not any(run.chosen(r) for r in directing)
            and not any(_involves(run, Reader(page, item)) for page, item in consultations)
        ):
            continue
        directed = [o for o in (run.existing(Organization, r) for r in directing) if o]
        paper = run.save(
            Paper,
            oparl_id,
            {
                "name": read.text("name", 500) or read.text("reference", 500) or "Vorlage",
                "reference": read.text("reference", 100),
                "date": read.date("date"),
                "paper_type": read.text("paperType", 100),
                "main_file": file_of(run, url, obj, "mainFile"),
            },
            m2m={
                "auxiliary_files": import_files(run, url, read, "auxiliaryFile"),
                "under_direction_of": directed,
            },
        )
        related.append((paper, read.refs("relatedPaper")))
        for page, item in consultations:
            import_consultation(run, page, item, paper)
        if run.complete(obj, "consultation", "Consultation"):
            run.drop_missing(paper.consultations.all(), children.ids)
    for paper, refs in related:  # a related paper may come on a later page
        papers = [p for p in (run.existing(Paper, r) for r in refs) if p is not None]
        if {p.pk for p in paper.related_papers.all()} != {p.pk for p in papers}:
            paper.related_papers.set(papers)
            paper.save()


def _involves(run: Import, read: Reader) -> bool:
    """Whether a consultation involves a chosen organization or a meeting of one."""
    if any(run.chosen(r) for r in read.refs("organization")):
        return True
    found = run.existing(Meeting, read.ref("meeting") or "")
    return found is not None and any(run.chosen(o.oparl_id) for o in found.organizations.all())


def import_consultation(run: Import, url: str, obj: dict[str, Any], paper: Paper) -> None:
    oparl_id = obj["id"]
    if is_deleted(obj):
        run.delete(Consultation, oparl_id)
        return
    read = Reader(url, obj)
    item_ref, meeting_ref = read.ref("agendaItem"), read.ref("meeting")
    organizations = [run.existing(Organization, r) for r in read.refs("organization")]
    run.save(
        Consultation,
        oparl_id,
        {
            "agenda_item": run.existing(AgendaItem, item_ref) if item_ref else None,
            "meeting": run.existing(Meeting, meeting_ref) if meeting_ref else None,
            "authoritative": read.flag("authoritative", False),
            "role": read.text("role", 100),
        },
        m2m={"organizations": [o for o in organizations if o is not None]},
        parent={"paper": paper},
    )


def import_listed_rest(run: Import) -> None:
    """What only the body's separate lists hold (not embedded in, nor referenced by, anything
    imported above): deletions, and objects whose parent is here. With --organization, only
    children of chosen parents; lone files and locations are left out."""
    for oparl_id, (url, obj) in run.listed.items():
        if oparl_id in run.seen:
            continue
        kind = str(obj["type"]).rstrip("/").rsplit("/", 1)[-1]
        if is_deleted(obj):
            run.delete(MODELS[kind], oparl_id)
        elif kind in PARENTS:
            import_listed_child(run, url, obj, kind)
        elif kind == "File" and run.organizations is None:
            import_file(run, url, obj, LABELS[kind])
        elif kind == "Location" and run.organizations is None:
            import_location(run, url, obj, LABELS[kind])


MODELS: dict[str, type[models.Model]] = {
    m.__name__: m for m in (LegislativeTerm, Location, File, Membership, AgendaItem, Consultation)
}


def import_listed_child(run: Import, url: str, obj: dict[str, Any], kind: str) -> None:
    """A membership, agenda item or consultation listed separately, under its parent here."""
    read = Reader(url, obj)
    parent_model = {"Membership": Person, "AgendaItem": Meeting, "Consultation": Paper}[kind]
    parent = run.existing(parent_model, read.ref(PARENTS[kind]) or "")
    if parent is None or parent.deleted:
        return
    if kind == "Membership":
        ref = read.ref("organization") or ""
        organization = run.existing(Organization, ref) if run.chosen(ref) else None
        if organization is not None:
            import_membership(run, url, obj, parent, organization)
    elif kind == "AgendaItem":
        import_agenda_item(run, url, obj, parent, read.number("order"))
    else:
        import_consultation(run, url, obj, parent)


def import_oparl(
    fetch: Fetch,
    source: str,
    region: Region,
    progress: Progress,
    *,
    organizations: list[str] | None = None,
    modified_since: str | None = None,
) -> Import:
    """Everything of the district's body on the server at `source` (call inside a
    transaction: an error leaves the import half done)."""
    remote = read_body(fetch, source, region.ags, progress)
    body = import_body(region, remote)
    lists = {name: list_url(remote, name) for name in ("organization", "person", "meeting",
                                                      "paper")}  # fmt: skip
    chosen = (
        organization_ids(organizations, fetch, lists["organization"], progress)
        if organizations
        else None
    )
    run = Import(fetch, body, progress, modified_since, chosen)
    read_separate_lists(run, remote)
    import_legislative_terms(run, remote)
    import_organizations(run, lists["organization"])
    import_persons(run, lists["person"])
    import_meetings(run, lists["meeting"])
    import_papers(run, lists["paper"])
    import_listed_rest(run)
    return run
