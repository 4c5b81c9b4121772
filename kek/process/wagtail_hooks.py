"""The process timeline in the Wagtail back office: phases with their milestones inline, in
order, and each milestone with its meetings, events, press articles, links and documents (Wagtail
nests no inline panels, so these are edited on the milestone's own form)."""

from django import forms
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kek.core.admin_history import HistoryPanel, RecordedHistory

from .admin_forms import TimelineEntryAdminForm
from .models import Phase, TimelineEntry

ENTRY_FIELDS = [
    FieldPanel("title"),
    MultiFieldPanel(
        [
            FieldRowPanel([FieldPanel("date_from"), FieldPanel("from_precision")]),
            FieldRowPanel([FieldPanel("date_until"), FieldPanel("until_precision")]),
            FieldPanel("ongoing"),
        ],
        heading="Zeitpunkt oder Zeitraum",
    ),
    FieldRowPanel([FieldPanel("state"), FieldPanel("is_key")]),
    FieldPanel("reason"),
    FieldPanel("text"),
    FieldPanel("concept"),
]
# Meetings, events and press articles only on the milestone's own form, where its district is known.
ENTRY_LINKS = [
    FieldPanel("meetings", widget=forms.CheckboxSelectMultiple),
    FieldPanel("events", widget=forms.CheckboxSelectMultiple),
    FieldPanel("press_articles", widget=forms.CheckboxSelectMultiple),
]


class PhaseViewSet(RecordedHistory, SnippetViewSet):
    model = Phase
    icon = "list-ol"
    menu_label = "Phasen und Meilensteine"
    list_display = ["title", "region", "position"]
    list_filter = ["region"]
    search_fields = ["title", "text"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("title"), FieldPanel("slug"), FieldPanel("position")]),
        FieldPanel("text"),
        InlinePanel("entries", heading="Meilensteine", label="Meilenstein", panels=ENTRY_FIELDS),
        HistoryPanel(heading="Änderungsverlauf"),
    ]


class TimelineEntryViewSet(RecordedHistory, SnippetViewSet):
    model = TimelineEntry
    icon = "calendar"
    menu_label = "Meilensteine mit Links"
    list_display = ["title", "phase", "when_text", "state"]
    list_filter = ["phase", "state"]
    search_fields = ["title", "text"]
    copy_view_enabled = False
    # Milestones are ordered within their phase, on the phase's form (not across phases).
    sort_order_field = None
    edit_handler = ObjectList(
        [
            FieldPanel("phase"),
            *ENTRY_FIELDS,
            *ENTRY_LINKS,
            InlinePanel("links", heading="Links und Dokumente", label="Link oder Dokument"),
            HistoryPanel(heading="Änderungsverlauf"),
        ],
        base_form_class=TimelineEntryAdminForm,
    )


class ProcessGroup(SnippetViewSetGroup):
    menu_label = "Projektverlauf"
    menu_icon = "list-ol"
    menu_order = 165
    items = (PhaseViewSet, TimelineEntryViewSet)


register_snippet(ProcessGroup)
