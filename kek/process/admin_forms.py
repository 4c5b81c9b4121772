"""The back office's milestone form: a milestone links only its own district's meetings,
events and press articles (an installation holds several districts, and an imported council has
hundreds of meetings)."""

from typing import Any

from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm

from kek.committees.models import Meeting
from kek.events.models import Event
from kek.press.models import PressArticle


class TimelineEntryAdminForm(WagtailAdminModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        phase = self.instance.phase if self.instance.phase_id else None
        meetings = Meeting.objects.filter(deleted=False).order_by("-start", "name")
        articles = PressArticle.objects.select_related("series")
        events = Event.objects.order_by("-start")
        if phase is not None:
            meetings = meetings.filter(body__region_id=phase.region_id)
            articles = articles.filter(region_id=phase.region_id)
            events = events.filter(region_id=phase.region_id)
        if "meetings" in self.fields:
            self.fields["meetings"].queryset = meetings
            self.fields["meetings"].label_from_instance = meeting_label
        if "press_articles" in self.fields:
            self.fields["press_articles"].queryset = articles
        if "events" in self.fields:
            self.fields["events"].queryset = events

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        phase = data.get("phase") or (self.instance.phase if self.instance.phase_id else None)
        if phase is None:
            return data
        others = [m for m in data.get("meetings") or () if m.body.region_id != phase.region_id]
        if others:
            self.add_error("meetings", "Diese Sitzungen gehören zu einem anderen Landkreis.")
        articles = [a for a in data.get("press_articles") or () if a.region_id != phase.region_id]
        if articles:
            self.add_error("press_articles", "Diese Artikel gehören zu einem anderen Landkreis.")
        events = [e for e in data.get("events") or () if e.region_id != phase.region_id]
        if events:
            self.add_error("events", "Diese Veranstaltungen gehören zu einem anderen Landkreis.")
        return data


def meeting_label(meeting: Meeting) -> str:
    day = f"{timezone.localdate(meeting.start):%d.%m.%Y}: " if meeting.start else ""
    return f"{day}{meeting.name}"
