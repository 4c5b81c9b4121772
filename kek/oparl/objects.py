"""The committee objects of a district (kek.committees) as OParl 1.1 objects.

Only what is public appears: non-public meetings, agenda items and files are never served (not
even to planners: the API has no sign-in), and neither are references to them. Deleted objects
answer at their own URL as OParl's deleted stub and are listed only for `modified_since`;
embedded lists never hold them. Each kind of object has its URL segment, the queryset of a
body's objects and a serialiser; `KINDS` maps the segment to it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from kek.committees.models import (
    AgendaItem,
    Body,
    Consultation,
    File,
    LegislativeTerm,
    Location,
    Meeting,
    Membership,
    Organization,
    Paper,
    Person,
)

from . import format as oparl

VERSION = "https://schema.oparl.org/1.1/"


@dataclass(frozen=True)
class Urls:
    """Addresses of the API below `base` (scheme, host and /oparl/v1, no slash at the end)."""

    base: str

    @property
    def system(self) -> str:
        return f"{self.base}/system"

    @property
    def bodies(self) -> str:
        return f"{self.base}/body"

    def of(self, kind: str, pk: int) -> str:
        return f"{self.base}/{kind}/{pk}"

    def body_list(self, body: Body, name: str) -> str:
        return f"{self.base}/body/{body.pk}/{name}"

    def meetings_of(self, organization_pk: int) -> str:
        return f"{self.of('organization', organization_pk)}/meeting"

    def file(self, pk: int, how: str) -> str:
        return f"{self.base}/file/{pk}/{how}"


def common(urls: Urls, kind: str, obj: Any) -> dict[str, Any]:
    return {
        "id": urls.of(kind, obj.pk),
        "type": oparl.type_url(KINDS[kind].type_name),
        "created": _time(obj.created),
        "modified": _time(obj.modified),
    }


def serialise(urls: Urls, kind: str, obj: Any) -> dict[str, Any]:
    """The object at its own URL or in a list: the deleted stub for a deleted one."""
    if obj.deleted:
        return oparl.deleted(common(urls, kind, obj))
    spec = KINDS[kind]
    return oparl.compact(common(urls, kind, obj) | spec.properties(urls, obj), spec.required)


def _date(value: Any) -> str | None:
    return oparl.date(value) if value else None


def _time(value: Any) -> str | None:
    """In the district's time zone (settings.TIME_ZONE), as its council publishes them."""
    return oparl.date_time(timezone.localtime(value)) if value else None


def _live(objects: Iterable[Any]) -> list[Any]:
    return [obj for obj in objects if not obj.deleted]


def _refs(urls: Urls, kind: str, objects: Iterable[Any]) -> list[str]:
    return [urls.of(kind, obj.pk) for obj in _live(objects)]


def _embedded(urls: Urls, kind: str, objects: Iterable[Any]) -> list[dict[str, Any]]:
    return [serialise(urls, kind, obj) for obj in _live(objects)]


def _one(urls: Urls, kind: str, obj: Any) -> dict[str, Any] | None:
    return serialise(urls, kind, obj) if obj is not None and not obj.deleted else None


def _public_file(obj: File | None) -> File | None:
    return obj if obj is not None and obj.public and not obj.deleted else None


def _public_files(objects: Iterable[File]) -> list[File]:
    return [f for f in objects if f.public]


# --- the object types --------------------------------------------------------------------------


def system(urls: Urls) -> dict[str, Any]:
    return oparl.compact(
        {
            "id": urls.system,
            "type": oparl.type_url("System"),
            "oparlVersion": VERSION,
            "name": "KEK – Plattform für Kreisentwicklungskonzepte",
            "body": urls.bodies,
        },
        frozenset({"body"}),
    )


def body(urls: Urls, obj: Body) -> dict[str, Any]:
    lists = {
        name: urls.body_list(obj, name)
        for name in ("organization", "person", "meeting", "paper", "agendaItem", "consultation",
                     "file", "membership")
    }  # fmt: skip
    return {
        "system": urls.system,
        "name": obj.name,
        "shortName": obj.short_name,
        "website": obj.website,
        "license": obj.license,
        "ags": obj.region.ags,
        "classification": obj.classification,
        "contactEmail": obj.contact_email,
        "contactName": obj.contact_name,
        **lists,
        "locationList": urls.body_list(obj, "location"),
        "legislativeTermList": urls.body_list(obj, "legislativeTerm"),
        "legislativeTerm": _embedded(urls, "legislativeTerm", obj.legislative_terms.all()),
    }


def legislative_term(urls: Urls, obj: LegislativeTerm) -> dict[str, Any]:
    return {
        "body": urls.of("body", obj.body_id),
        "name": obj.name,
        "startDate": _date(obj.start_date),
        "endDate": _date(obj.end_date),
    }


def location(urls: Urls, obj: Location) -> dict[str, Any]:
    return {
        "description": obj.description,
        "streetAddress": obj.street_address,
        "room": obj.room,
        "postalCode": obj.postal_code,
        "subLocality": obj.sub_locality,
        "locality": obj.locality,
        "geojson": obj.geojson,
    }


def organization(urls: Urls, obj: Organization) -> dict[str, Any]:
    return {
        "body": urls.of("body", obj.body_id),
        "name": obj.name,
        "shortName": obj.short_name,
        "organizationType": obj.get_organization_type_display(),
        "classification": obj.classification,
        "startDate": _date(obj.start_date),
        "endDate": _date(obj.end_date),
        "website": obj.website,
        "subOrganizationOf": (
            urls.of("organization", obj.sub_organization_of_id)
            if obj.sub_organization_of_id
            else None
        ),
        "membership": _refs(urls, "membership", obj.memberships.all()),
        "meeting": urls.meetings_of(obj.pk),
    }


def person(urls: Urls, obj: Person) -> dict[str, Any]:
    return {
        "body": urls.of("body", obj.body_id),
        "name": obj.full_name,
        "familyName": obj.family_name,
        "givenName": obj.given_name,
        "formOfAddress": obj.form_of_address,
        "affix": obj.affix,
        "title": [obj.title] if obj.title else [],
        "membership": _embedded(urls, "membership", obj.memberships.all()),
    }


def membership(urls: Urls, obj: Membership) -> dict[str, Any]:
    return {
        "person": urls.of("person", obj.person_id),
        "organization": urls.of("organization", obj.organization_id),
        "role": obj.role,
        "votingRight": obj.voting_right,
        "startDate": _date(obj.start_date),
        "endDate": _date(obj.end_date),
    }


def meeting(urls: Urls, obj: Meeting) -> dict[str, Any]:
    return {
        "name": obj.name,
        "meetingState": obj.meeting_state,
        "cancelled": obj.cancelled or None,
        # OParl has no date without a time: a meeting whose hour is unknown has no start
        # rather than an invented midnight (the meeting's page on the site shows its day).
        "start": _time(obj.start) if obj.start_time_known else None,
        "end": _time(obj.end) if obj.start_time_known else None,
        "location": _one(urls, "location", obj.location),
        "organization": _refs(urls, "organization", obj.organizations.all()),
        "invitation": _one(urls, "file", _public_file(obj.invitation)),
        "resultsProtocol": _one(urls, "file", _public_file(obj.results_protocol)),
        "verbatimProtocol": _one(urls, "file", _public_file(obj.verbatim_protocol)),
        "auxiliaryFile": _embedded(urls, "file", _public_files(obj.auxiliary_files.all())),
        "agendaItem": _embedded(
            urls, "agendaItem", [a for a in obj.agenda_items.all() if a.public]
        ),
    }


def agenda_item(urls: Urls, obj: AgendaItem) -> dict[str, Any]:
    consultations = [c for c in obj.consultations.all() if not c.deleted]
    return {
        "meeting": urls.of("meeting", obj.meeting_id),
        "number": obj.number,
        "order": obj.order,
        "name": obj.name,
        "public": obj.public,
        "consultation": urls.of("consultation", consultations[0].pk) if consultations else None,
        "result": obj.result,
        "resolutionText": obj.resolution_text,
        "resolutionFile": _one(urls, "file", _public_file(obj.resolution_file)),
        "auxiliaryFile": _embedded(urls, "file", _public_files(obj.auxiliary_files.all())),
    }


def paper(urls: Urls, obj: Paper) -> dict[str, Any]:
    return {
        "body": urls.of("body", obj.body_id),
        "name": obj.name,
        "reference": obj.reference,
        "date": _date(obj.date),
        "paperType": obj.paper_type,
        "relatedPaper": _refs(urls, "paper", obj.related_papers.all()),
        "mainFile": _one(urls, "file", _public_file(obj.main_file)),
        "auxiliaryFile": _embedded(urls, "file", _public_files(obj.auxiliary_files.all())),
        "underDirectionOf": _refs(urls, "organization", obj.under_direction_of.all()),
        "consultation": _embedded(urls, "consultation", obj.consultations.all()),
    }


def consultation(urls: Urls, obj: Consultation) -> dict[str, Any]:
    item, meeting_ = obj.agenda_item, obj.meeting
    shown_item = item is not None and item.public and not item.deleted and item.meeting.public
    shown_meeting = meeting_ is not None and meeting_.public and not meeting_.deleted
    return {
        "paper": urls.of("paper", obj.paper_id),
        "agendaItem": urls.of("agendaItem", item.pk) if shown_item and item else None,
        "meeting": urls.of("meeting", meeting_.pk) if shown_meeting and meeting_ else None,
        "organization": _refs(urls, "organization", obj.organizations.all()),
        "authoritative": obj.authoritative,
        "role": obj.role,
    }


def file(urls: Urls, obj: File) -> dict[str, Any]:
    stored = bool(obj.file)
    access = urls.file(obj.pk, "zugriff") if stored or not obj.access_url else obj.access_url
    return {
        "name": obj.name,
        "fileName": obj.file_name,
        "mimeType": obj.mime_type,
        "date": _date(obj.date),
        "size": obj.file.size if stored and obj.file.storage.exists(obj.file.name or "") else None,
        "text": obj.text,
        "accessUrl": access,
        "downloadUrl": urls.file(obj.pk, "download") if stored else None,
    }


# --- kinds: segment → type, queryset of a body, serialiser ---------------------------------------


@dataclass(frozen=True)
class Kind:
    type_name: str
    objects: Callable[[Body], QuerySet[Any]]
    properties: Callable[[Urls, Any], dict[str, Any]]
    required: frozenset[str] = frozenset()


def _files() -> QuerySet[File]:
    return File.objects.filter(public=True)


def _meetings(body_: Body) -> QuerySet[Meeting]:
    items = AgendaItem.objects.select_related("resolution_file").prefetch_related(
        "auxiliary_files", "consultations"
    )
    return (
        Meeting.objects.filter(body=body_, public=True)
        .select_related("location", "invitation", "results_protocol", "verbatim_protocol")
        .prefetch_related("organizations", "auxiliary_files", Prefetch("agenda_items", items))
    )


def _agenda_items(body_: Body) -> QuerySet[AgendaItem]:
    return (
        AgendaItem.objects.filter(body=body_, public=True, meeting__public=True)
        .select_related("resolution_file")
        .prefetch_related("auxiliary_files", "consultations")
    )


def _papers(body_: Body) -> QuerySet[Paper]:
    consultations = Consultation.objects.select_related(
        "agenda_item__meeting", "meeting"
    ).prefetch_related("organizations")
    return (
        Paper.objects.filter(body=body_)
        .select_related("main_file")
        .prefetch_related(
            "related_papers", "auxiliary_files", "under_direction_of",
            Prefetch("consultations", consultations),
        )
    )  # fmt: skip


KINDS: dict[str, Kind] = {
    "body": Kind(
        "Body",
        lambda b: (
            Body.objects.filter(pk=b.pk)
            .select_related("region")
            .prefetch_related("legislative_terms")
        ),
        body,
        frozenset({"organization", "person", "meeting", "paper", "legislativeTerm"}),
    ),
    "legislativeTerm": Kind(
        "LegislativeTerm", lambda b: LegislativeTerm.objects.filter(body=b), legislative_term
    ),
    "location": Kind("Location", lambda b: Location.objects.filter(body=b), location),
    "organization": Kind(
        "Organization",
        lambda b: Organization.objects.filter(body=b).prefetch_related("memberships"),
        organization,
    ),
    "person": Kind(
        "Person", lambda b: Person.objects.filter(body=b).prefetch_related("memberships"), person
    ),
    "membership": Kind("Membership", lambda b: Membership.objects.filter(body=b), membership),
    "meeting": Kind("Meeting", _meetings, meeting),
    "agendaItem": Kind("AgendaItem", _agenda_items, agenda_item, frozenset({"order"})),
    "paper": Kind("Paper", _papers, paper),
    "consultation": Kind(
        "Consultation",
        lambda b: (
            Consultation.objects.filter(body=b)
            .select_related("agenda_item__meeting", "meeting")
            .prefetch_related("organizations")
        ),
        consultation,
    ),
    "file": Kind("File", lambda b: _files().filter(body=b), file, frozenset({"accessUrl"})),
}


def in_period(objects: QuerySet[Any], filters: oparl.Filters) -> QuerySet[Any]:
    """The list's objects for the filters, in a stable order; deleted ones only for
    `modified_since` (the update mechanism)."""
    bounds = {
        "created__gte": filters.created_since,
        "created__lte": filters.created_until,
        "modified__gte": filters.modified_since,
        "modified__lte": filters.modified_until,
    }
    objects = objects.filter(**{k: v for k, v in bounds.items() if v is not None})
    if not filters.with_deleted:
        objects = objects.filter(deleted=False)
    return objects.order_by("pk")


def meetings_of(organization_: Organization) -> QuerySet[Meeting]:
    return _meetings(organization_.body).filter(organizations=organization_)
