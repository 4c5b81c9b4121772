"""Resolutions (Beschlüsse) as OParl sees them: an agenda item with a result.

`record_resolution` is the one place that records one, for the adoption of a concept version,
the catalogue's or a project's resolution: it finds or creates the committee by name, its
meeting on that day and the agenda item by name, so that recording the same resolution twice
changes nothing. OParl's AgendaItem has no resolution number (Beschlussnummer); its home is
the Paper (Drucksache, a Beschlussvorlage) decided in the agenda item: a `reference` becomes
a Paper with that reference and an authoritative Consultation in the item. The item's
`number` is the TOP (its place on the agenda) and nothing else.

`Shown` is what a page says about a resolution: "beschlossen am 24.03.2021 in der Sitzung des
Kreistags (TOP 5)", linked to the meeting page unless the viewer may not see the item.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from kek.regions.models import Region

from .models import (
    AgendaItem,
    Body,
    Consultation,
    Meeting,
    MeetingState,
    Organization,
    Paper,
)

DEFAULT_RESULT = "beschlossen"
# The genitive of common committee names for a new meeting's name ("Sitzung des Kreistags").
_FEMININE = ("gruppe", "runde", "versammlung", "konferenz", "kommission", "vertretung")
_STRONG = {"ausschuss": "es", "tag": "s", "rat": "s", "beirat": "s", "gremium": "s"}


class ResolutionError(ValueError):
    """A resolution cannot be recorded (German message for the planner)."""


def meeting_name(committee: str) -> str:
    """A new meeting's name: "Sitzung des Kreistags", "Sitzung der Steuerungsgruppe",
    else "Sitzung „Name“"."""
    last = committee.split()[-1].lower() if committee.split() else ""
    if " " not in committee.strip():
        if last.endswith(_FEMININE):
            return f"Sitzung der {committee}"
        for ending, suffix in _STRONG.items():
            if last.endswith(ending):
                return f"Sitzung des {committee}{suffix}"
    return f"Sitzung „{committee}“"


@transaction.atomic
def record_resolution(
    region: Region,
    organization: str,
    date: dt.date,
    name: str,
    result: str = "",
    number: str = "",
    reference: str = "",
) -> AgendaItem:
    """The agenda item `name` in the meeting of committee `organization` on `date` in the
    district's body, created where missing (body, committee, meeting: held, public, hour
    unknown). `result` replaces the item's when given; a new item without one is
    "beschlossen". `number` is the TOP, `reference` the Beschlussnummer (see the module)."""
    organization, name = organization.strip(), name.strip()
    if not organization or not name or date is None:
        raise ResolutionError("Für einen Beschluss sind Datum, Gremium und Thema nötig.")
    body = _body(region)
    committee = _committee(body, organization)
    meeting = _meeting(body, committee, date)
    item = AgendaItem.objects.filter(meeting=meeting, name=name, deleted=False).first()
    if item is None:
        last = meeting.agenda_items.aggregate(Max("order"))["order__max"] or 0
        item = AgendaItem(meeting=meeting, name=name, order=last + 1)
    changes = {"result": result.strip() or item.result or DEFAULT_RESULT}
    if number.strip():
        changes["number"] = number.strip()
    if item.pk is None or any(getattr(item, k) != v for k, v in changes.items()):
        for key, value in changes.items():
            setattr(item, key, value)
        item.save()
    if reference.strip():
        _paper(body, committee, item, reference.strip(), date)
    return item


def _body(region: Region) -> Body:
    body = Body.objects.filter(region=region).first()
    if body is None:
        body = Body.objects.create(region=region, name=region.name, classification="Landkreis")
    return body


def _committee(body: Body, name: str) -> Organization:
    found = Organization.objects.filter(body=body, name=name, deleted=False).first()
    if found is not None:
        return found
    last = Organization.objects.filter(body=body).aggregate(Max("position"))["position__max"]
    return Organization.objects.create(body=body, name=name, position=(last or 0) + 1)


def _meeting(body: Body, committee: Organization, date: dt.date) -> Meeting:
    found = (
        Meeting.objects.filter(body=body, organizations=committee, deleted=False, start__date=date)
        .order_by("id")
        .first()
    )
    if found is not None:
        return found
    start = timezone.make_aware(dt.datetime.combine(date, dt.time(0)))
    meeting = Meeting(
        body=body,
        name=meeting_name(committee.name),
        start=start,
        start_time_known=False,
        meeting_state=MeetingState.HELD,
        public=True,
    )
    meeting.save()
    meeting.organizations.set([committee])
    meeting.save()  # a ParentalManyToManyField is written on save
    return meeting


def _paper(
    body: Body, committee: Organization, item: AgendaItem, reference: str, date: dt.date
) -> None:
    paper = Paper.objects.filter(body=body, reference=reference, deleted=False).first()
    if paper is None:
        paper = Paper.objects.create(
            body=body, name=item.name, reference=reference, date=date,
            paper_type="Beschlussvorlage",
        )  # fmt: skip
    if Consultation.objects.filter(paper=paper, agenda_item=item, deleted=False).exists():
        return
    consultation = Consultation.objects.create(
        paper=paper, agenda_item=item, authoritative=True, role="Entscheidung"
    )
    consultation.organizations.add(committee)


def reference_of(item: AgendaItem | None) -> str:
    """The Beschlussnummer: the reference of the paper decided in the agenda item."""
    if item is None:
        return ""
    consultations = [c for c in item.consultations.all() if not c.deleted and c.paper.reference]
    consultations.sort(key=lambda c: (not c.authoritative, c.pk))
    return consultations[0].paper.reference if consultations else ""


def day_of(item: AgendaItem | None) -> dt.date | None:
    """The day of the item's meeting (local time)."""
    if item is None or item.meeting.start is None:
        return None
    return timezone.localtime(item.meeting.start).date()


def committee_of(item: AgendaItem | None) -> str:
    """The names of the committees whose meeting it was ("Kreistag")."""
    if item is None:
        return ""
    return ", ".join(o.name for o in item.meeting.organizations.all()) or item.meeting.name


def with_result(region: Region) -> Any:
    """The district's agenda items with a result (resolutions), newest first."""
    return (
        AgendaItem.objects.filter(body__region=region, deleted=False, meeting__deleted=False)
        .exclude(result="")
        .select_related("meeting")
        .prefetch_related("meeting__organizations")
        .order_by("-meeting__start", "-order", "-id")
    )


def choice_label(item: AgendaItem) -> str:
    """An agenda item in a select: "24.03.2021, Kreistag, TOP 5: Thema (Ergebnis)"."""
    day = day_of(item)
    parts = [f"{day:%d.%m.%Y}" if day else "ohne Datum", committee_of(item)]
    if item.number:
        parts.append(f"TOP {item.number}")
    return f"{', '.join(parts)}: {item.name} ({item.result})"


@dataclass(frozen=True)
class Shown:
    """What a page says about a resolution."""

    verb: str
    day: dt.date | None
    meeting: str
    number: str
    reference: str
    url: str  # "" where the viewer may not see the agenda item
    name: str = ""  # the item's subject, "" where the viewer may not see it

    @property
    def sentence(self) -> str:
        day = f" am {self.day:%d.%m.%Y}" if self.day else ""
        return f"{self.verb}{day} in der {self.meeting}"


def shown(item: AgendaItem, visible: bool, url: str) -> Shown:
    """The sentence's parts; an item the viewer may not see names only day and committee."""
    verb = item.result if visible and item.result and len(item.result) <= 40 else DEFAULT_RESULT
    meeting = item.meeting.name.strip()
    if not meeting.lower().startswith("sitzung") and "sitzung" not in meeting.lower():
        meeting = f"Sitzung „{meeting}“"
    if not visible:
        meeting = meeting_name(committee_of(item)) if committee_of(item) else "Sitzung"
    return Shown(
        verb=verb,
        day=day_of(item),
        meeting=meeting,
        number=item.number if visible else "",
        reference=reference_of(item) if visible else "",
        url=url if visible else "",
        name=item.name if visible else "",
    )


def by_committee(name: str) -> str:
    """The adopting committee after "beschlossen …": "vom Kreistag", "vom
    Jugendhilfeausschuss", "von der Steuerungsgruppe", else "vom Gremium „Name“"."""
    words = name.split()
    first = words[0].lower() if words else ""
    if len(words) == 1 and first.endswith(_FEMININE):
        return f"von der {name}"
    if len(words) == 1 and first.endswith(tuple(_STRONG)):
        return f"vom {name}"
    return f"vom Gremium „{name}“"


def sentence(item: AgendaItem | None) -> str:
    """What a public document says about a resolution, as plain text: "unverändert
    beschlossen am 24.03.2021 vom Kreistag (TOP 5), Beschluss Nr. KT/2021/17". A non-public
    or deleted item names only day and committee ("beschlossen am 24.03.2021 vom Kreistag")."""
    if item is None:
        return ""
    meeting = item.meeting
    visible = item.public and not item.deleted and meeting.public and not meeting.deleted
    verb = item.result if visible and item.result and len(item.result) <= 40 else DEFAULT_RESULT
    day = day_of(item)
    parts = [verb, f"am {day:%d.%m.%Y}" if day else ""]
    committees = [o.name for o in meeting.organizations.all()]
    if committees:
        parts.append(" und ".join(by_committee(name) for name in committees))
    else:
        parts.append(f"in der {meeting.name.strip() or 'Sitzung'}")
    text = " ".join(part for part in parts if part)
    if visible and item.number:
        text += f" (TOP {item.number})"
    if visible and (reference := reference_of(item)):
        text += f", Beschluss Nr. {reference}"
    return text
