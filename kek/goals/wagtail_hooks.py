"""The goal system in the Wagtail back office: snippets with change history and version actions."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kek.core.admin_columns import YesNoColumn
from kek.core.admin_history import HistoryPanel, RecordedHistory

from . import admin_views
from .admin_versioned import ConceptRecordForm, VersionedViewSet, version_column
from .models import Concept, FieldOfAction, PublicationSettings, StrategicGoal, SubGoal

EXAMPLE = YesNoColumn("is_example", "Beispielinhalt")
GOAL_PANELS = [
    FieldPanel("title"),
    FieldPanel("description"),
    FieldRowPanel([FieldPanel("position"), FieldPanel("slug")]),
    FieldPanel("sdgs"),
    FieldPanel("is_example"),
]


class ConceptViewSet(VersionedViewSet, RecordedHistory, SnippetViewSet):
    model = Concept
    concept_path = ""  # an adopted version records its adoption; it is not deleted
    locked_actions = frozenset({"delete"})
    icon = "doc-full"
    menu_label = "Konzeptversionen"
    list_display = [
        "title",
        "region",
        "version",
        "status",
        YesNoColumn("is_current", "Aktuelle Version"),
    ]
    list_filter = ["region", "status"]
    copy_view_enabled = False
    form_class_base = ConceptRecordForm
    panels = [
        FieldPanel("region"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("horizon_year"), FieldPanel("version"), FieldPanel("status")]),
        FieldPanel("is_current", read_only=True),
        # Recorded by "Veröffentlichen …", changed by "Beschluss verknüpfen …" (its own
        # permission, also for a version that is no longer a draft).
        FieldPanel("adoption", read_only=True, heading="Beschluss"),
        FieldPanel("version_note"),
        HistoryPanel(heading="Änderungsverlauf"),
    ]


class FieldOfActionViewSet(VersionedViewSet, RecordedHistory, SnippetViewSet):
    model = FieldOfAction
    version_choices = {"concept": ""}
    icon = "folder-open-inverse"
    menu_label = "Handlungsfelder"
    list_display = ["number", "title", version_column("concept"), EXAMPLE]
    list_filter = ["concept"]
    search_fields = ["title", "vision"]
    copy_view_enabled = False
    panels = [
        FieldPanel("concept"),
        FieldPanel("vision"),
        *GOAL_PANELS,
        HistoryPanel(heading="Änderungsverlauf"),
    ]


class StrategicGoalViewSet(VersionedViewSet, RecordedHistory, SnippetViewSet):
    model = StrategicGoal
    concept_path = "field__concept"
    version_choices = {"field": "concept"}
    icon = "pick"
    menu_label = "Strategische Ziele"
    list_display = ["number", "title", "field", version_column("concept"), EXAMPLE]
    list_filter = ["concept", "field"]
    search_fields = ["title", "description"]
    copy_view_enabled = False
    panels = [FieldPanel("field"), *GOAL_PANELS, HistoryPanel(heading="Änderungsverlauf")]


class SubGoalViewSet(VersionedViewSet, RecordedHistory, SnippetViewSet):
    model = SubGoal
    concept_path = "goal__concept"
    version_choices = {"goal": "concept"}
    icon = "list-ul"
    menu_label = "Teilziele"
    list_display = ["number", "title", "goal", version_column("concept"), EXAMPLE]
    list_filter = ["concept", "goal"]
    search_fields = ["title", "description"]
    copy_view_enabled = False
    panels = [FieldPanel("goal"), *GOAL_PANELS, HistoryPanel(heading="Änderungsverlauf")]


class PublicationSettingsViewSet(RecordedHistory, SnippetViewSet):
    """Per district: whether a second planner must release versions and pages."""

    model = PublicationSettings
    icon = "user"
    menu_label = "Freigaberegeln"
    list_display = ["region", YesNoColumn("four_eyes", "Vier-Augen-Prinzip")]
    copy_view_enabled = False
    panels = [
        FieldPanel("region"),
        FieldPanel("four_eyes"),
        HistoryPanel(heading="Änderungsverlauf"),
    ]


class GoalSystemGroup(SnippetViewSetGroup):
    menu_label = "Zielsystem"
    menu_icon = "site"
    menu_order = 150
    items = (
        ConceptViewSet,
        FieldOfActionViewSet,
        StrategicGoalViewSet,
        SubGoalViewSet,
        PublicationSettingsViewSet,
    )


register_snippet(GoalSystemGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("kek/konzept/<int:pk>/neue-version/", admin_views.new_version, name="kek_new_version"),
        path(
            "kek/konzept/<int:pk>/vorschau/",
            admin_views.preview_version,
            name="kek_preview_version",
        ),
        path(
            "kek/konzept/<int:pk>/beschluss/",
            admin_views.link_adoption,
            name="kek_link_adoption",
        ),
        path(
            "kek/konzept/<int:pk>/veroeffentlichen/",
            admin_views.publish,
            name="kek_publish_version",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def concept_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Concept):
        return
    if user.has_perm("goals.copy_concept"):
        url = reverse("kek_new_version", args=[snippet.pk])
        yield ListingButton("Neue Version daraus anlegen", url, icon_name="copy", priority=30)
    if user.has_perm("goals.publish_concept") and snippet.is_editable:
        url = reverse("kek_publish_version", args=[snippet.pk])
        yield ListingButton("Veröffentlichen …", url, icon_name="upload", priority=31)
    if user.has_perm("goals.link_adoption", snippet) and not snippet.is_editable:
        url = reverse("kek_link_adoption", args=[snippet.pk])
        yield ListingButton("Beschluss verknüpfen …", url, icon_name="link", priority=33)
    if user.has_perm("goals.view_draft_concept") and snippet.is_editable:
        url = reverse("kek_preview_version", args=[snippet.pk])
        yield ListingButton("Vorschau der Fortschreibung", url, icon_name="view", priority=32)
