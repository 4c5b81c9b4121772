"""Committees, meetings and papers in the Wagtail back office (group "Gremien"), with their
change history; only planners and admins may use them (kek/committees/rules.py)."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kek.core.admin_columns import YesNoColumn
from kek.core.admin_history import HistoryPanel, RecordedHistory

from .models import Body, File, LegislativeTerm, Location, Meeting, Organization, Paper, Person

HISTORY = HistoryPanel(heading="Änderungsverlauf")
ORIGIN = MultiFieldPanel(
    [FieldPanel("oparl_id"), FieldPanel("deleted")], heading="Herkunft und Löschung"
)


class CommitteeViewSet(RecordedHistory, SnippetViewSet):
    copy_view_enabled = False
    list_filter = ["body", "deleted"]


class BodyViewSet(CommitteeViewSet):
    model = Body
    icon = "site"
    menu_label = "Körperschaften"
    list_display = ["name", "region"]
    list_filter = ["deleted"]
    search_fields = ["name"]
    panels = [
        FieldPanel("region"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldPanel("classification"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("license"), FieldPanel("license_valid_since")]),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
        ORIGIN,
        HISTORY,
    ]


class OrganizationViewSet(CommitteeViewSet):
    model = Organization
    icon = "group"
    menu_label = "Gremien"
    list_display = ["name", "classification", "start_date", "end_date",
                    YesNoColumn("deleted", "Gelöscht")]  # fmt: skip
    list_filter = ["body", "organization_type", "deleted"]
    search_fields = ["name", "short_name"]
    panels = [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("short_name")]),
        FieldRowPanel([FieldPanel("organization_type"), FieldPanel("classification")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("position")]),
        FieldPanel("sub_organization_of"),
        FieldPanel("website"),
        ORIGIN,
        HISTORY,
    ]


class PersonViewSet(CommitteeViewSet):
    model = Person
    icon = "user"
    menu_label = "Personen"
    list_display = ["full_name", "user"]
    search_fields = ["name", "family_name", "given_name"]
    panels = [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("form_of_address"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("given_name"), FieldPanel("affix"), FieldPanel("family_name")]),
        FieldPanel("name"),
        FieldPanel("user"),
        InlinePanel("memberships", label="Mitgliedschaft", heading="Mitgliedschaften"),
        ORIGIN,
        HISTORY,
    ]


class MeetingViewSet(CommitteeViewSet):
    model = Meeting
    icon = "date"
    menu_label = "Sitzungen"
    list_display = ["name", "start", YesNoColumn("public", "Öffentlich"),
                    YesNoColumn("cancelled", "Abgesagt")]  # fmt: skip
    list_filter = ["body", "organizations", "public", "cancelled", "deleted"]
    search_fields = ["name"]
    panels = [
        FieldPanel("body"),
        FieldPanel("name"),
        FieldPanel("organizations"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end"), FieldPanel("start_time_known")]),
        FieldPanel("location"),
        FieldRowPanel([FieldPanel("meeting_state"), FieldPanel("cancelled"), FieldPanel("public")]),
        MultiFieldPanel(
            [
                FieldPanel("invitation"),
                FieldPanel("results_protocol"),
                FieldPanel("verbatim_protocol"),
                FieldPanel("auxiliary_files"),
            ],
            heading="Dateien",
        ),
        InlinePanel("agenda_items", label="Tagesordnungspunkt", heading="Tagesordnung"),
        ORIGIN,
        HISTORY,
    ]


class PaperViewSet(CommitteeViewSet):
    model = Paper
    icon = "doc-full"
    menu_label = "Vorlagen"
    list_display = ["reference", "name", "date", "paper_type"]
    search_fields = ["name", "reference"]
    panels = [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("reference"), FieldPanel("date"), FieldPanel("paper_type")]),
        FieldPanel("name"),
        FieldPanel("under_direction_of"),
        FieldPanel("main_file"),
        FieldPanel("auxiliary_files"),
        FieldPanel("related_papers"),
        InlinePanel("consultations", label="Beratung", heading="Beratungen"),
        ORIGIN,
        HISTORY,
    ]


class LocationViewSet(CommitteeViewSet):
    model = Location
    icon = "site"
    menu_label = "Orte"
    list_display = ["description", "locality"]
    search_fields = ["description", "locality", "street_address"]
    panels = [
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("description"), FieldPanel("room")]),
        FieldPanel("street_address"),
        FieldRowPanel(
            [FieldPanel("postal_code"), FieldPanel("locality"), FieldPanel("sub_locality")]
        ),
        FieldPanel("geojson"),
        ORIGIN,
        HISTORY,
    ]


class LegislativeTermViewSet(CommitteeViewSet):
    model = LegislativeTerm
    icon = "time"
    menu_label = "Wahlperioden"
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]
    panels = [
        FieldPanel("body"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        ORIGIN,
        HISTORY,
    ]


class FileViewSet(CommitteeViewSet):
    model = File
    icon = "doc-empty"
    menu_label = "Dateien"
    list_display = ["name", "date", "mime_type", YesNoColumn("public", "Öffentlich")]
    list_filter = ["body", "public", "deleted"]
    search_fields = ["name", "file_name"]
    panels = [
        FieldPanel("body"),
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("public")]),
        FieldPanel("file"),
        FieldRowPanel([FieldPanel("file_name"), FieldPanel("mime_type")]),
        FieldPanel("access_url"),
        FieldPanel("text"),
        ORIGIN,
        HISTORY,
    ]


class CommitteesGroup(SnippetViewSetGroup):
    menu_label = "Gremien"
    menu_icon = "group"
    menu_order = 175
    items = (
        OrganizationViewSet,
        PersonViewSet,
        MeetingViewSet,
        PaperViewSet,
        LocationViewSet,
        LegislativeTermViewSet,
        FileViewSet,
        BodyViewSet,
    )


register_snippet(CommitteesGroup)
