"""`record_resolution` for data migrations: the same find-or-create on the historical models
of `apps` (a migration cannot use the real models, whose fields may have changed since).

Used by the goals and projects migrations that turned their adoption and resolution fields
into links to agenda items; keep it in step with resolutions.record_resolution. Two
differences: the old fields had no agenda item's name, so a meeting with a single agenda item
that nothing else took (`taken`: the default content's Kreistag meetings) is taken to be the
one meant; and an item's result is only filled, never replaced (the committees' data wins)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.db.models import Max
from django.utils import timezone

from .resolutions import DEFAULT_RESULT, meeting_name


def record(
    apps: Any,
    region_id: int,
    organization: str,
    date: dt.date,
    name: str,
    result: str = "",
    reference: str = "",
    taken: set[int] | None = None,
) -> Any:
    """The agenda item (historical model) for this resolution, created where missing."""
    Body = apps.get_model("committees", "Body")
    Organization = apps.get_model("committees", "Organization")
    Meeting = apps.get_model("committees", "Meeting")
    AgendaItem = apps.get_model("committees", "AgendaItem")
    Region = apps.get_model("regions", "Region")
    body = Body.objects.filter(region_id=region_id).first()
    if body is None:
        region = Region.objects.get(pk=region_id)
        body = Body.objects.create(region=region, name=region.name, classification="Landkreis")
    committee = Organization.objects.filter(body=body, name=organization, deleted=False).first()
    if committee is None:
        last = Organization.objects.filter(body=body).aggregate(Max("position"))["position__max"]
        committee = Organization.objects.create(
            body=body, name=organization, position=(last or 0) + 1
        )
    meeting = _meeting(Meeting, body, committee, date)
    live = AgendaItem.objects.filter(meeting=meeting, deleted=False)
    item = live.filter(name=name).first()
    taken = taken if taken is not None else set()
    if item is None and live.count() == 1 and live.get().pk not in taken:
        item = live.get()
    if item is None:
        last = AgendaItem.objects.filter(meeting=meeting).aggregate(Max("order"))["order__max"]
        item = AgendaItem.objects.create(
            meeting=meeting, body=body, name=name, order=(last or 0) + 1, key=uuid.uuid4(),
            result=result or DEFAULT_RESULT,
        )  # fmt: skip
    elif not item.result:
        item.result = result or DEFAULT_RESULT
        item.save(update_fields=["result"])
    taken.add(item.pk)
    if reference:
        _paper(apps, body, committee, meeting, item, reference, date)
    return item


def _meeting(Meeting: Any, body: Any, committee: Any, date: dt.date) -> Any:
    start = timezone.make_aware(dt.datetime.combine(date, dt.time(0)))
    day = (start, start + dt.timedelta(days=1))
    found = (
        Meeting.objects.filter(
            body=body, organizations=committee, deleted=False, start__gte=day[0], start__lt=day[1]
        )
        .order_by("id")
        .first()
    )
    if found is not None:
        return found
    meeting = Meeting.objects.create(
        body=body, name=meeting_name(committee.name), start=start, start_time_known=False,
        meeting_state="durchgeführt", public=True,
    )  # fmt: skip
    # The through table itself: a historical model's ParentalManyToManyField would keep the
    # link in memory only.
    Meeting.organizations.through.objects.create(meeting=meeting, organization=committee)
    return meeting


def _paper(
    apps: Any, body: Any, committee: Any, meeting: Any, item: Any, reference: str, date: dt.date
) -> None:
    Paper = apps.get_model("committees", "Paper")
    Consultation = apps.get_model("committees", "Consultation")
    paper = Paper.objects.filter(body=body, reference=reference, deleted=False).first()
    if paper is None:
        paper = Paper.objects.create(
            body=body, name=item.name, reference=reference, date=date,
            paper_type="Beschlussvorlage",
        )  # fmt: skip
    if Consultation.objects.filter(paper=paper, agenda_item=item, deleted=False).exists():
        return
    consultation = Consultation.objects.create(
        paper=paper, body=body, agenda_item=item, meeting=meeting, authoritative=True,
        role="Entscheidung",
    )  # fmt: skip
    consultation.organizations.add(committee)
