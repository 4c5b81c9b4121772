"""The SWOT analysis in the Wagtail back office: items with evidence and change history, and
the suggestions from the data."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kek.core.admin_columns import YesNoColumn
from kek.core.admin_history import HistoryPanel, RecordedHistory
from kek.goals.admin_versioned import VersionedViewSet, version_column

from . import admin_views
from .forms import SwotItemForm
from .models import SwotItem


class SwotItemViewSet(VersionedViewSet, RecordedHistory, SnippetViewSet):
    model = SwotItem
    version_choices = {"concept": ""}
    inspect_view_fields = ["concept", "kind", "topic", "position", "title", "explanation",
                           "goals", "is_example", "indicator_evidence", "document_evidence",
                           "expert_talks"]  # fmt: skip
    icon = "table"
    menu_label = "SWOT-Analyse"
    menu_order = 160
    add_to_admin_menu = True
    list_display = ["title", "kind", "topic", "position", version_column("concept"),
                    YesNoColumn("is_example", "Beispielinhalt")]  # fmt: skip
    list_filter = ["concept", "kind", "topic"]
    search_fields = ["title", "explanation"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
            FieldPanel("concept"),
            FieldRowPanel([FieldPanel("kind"), FieldPanel("topic"), FieldPanel("position")]),
            FieldPanel("title"),
            FieldPanel("explanation"),
            FieldPanel("goals"),
            FieldPanel("is_example"),
            MultiFieldPanel(
                [
                    InlinePanel("indicator_evidence", label="Indikatorvergleich"),
                    InlinePanel("document_evidence", label="Dokument oder Studie"),
                    InlinePanel("expert_talks", label="Fachgespräch"),
                ],
                heading="Belege",
            ),
            HistoryPanel(heading="Änderungsverlauf"),
        ],
        base_form_class=SwotItemForm,
    )


register_snippet(SwotItemViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("kek/swot/vorschlaege/", admin_views.suggestion_list, name="kek_swot_suggestions"),
        path("kek/swot/vorschlaege/neu/", admin_views.refresh, name="kek_swot_refresh"),
        path(
            "kek/swot/vorschlaege/<int:pk>/uebernehmen/",
            admin_views.accept,
            name="kek_swot_accept",
        ),
        path(
            "kek/swot/vorschlaege/<int:pk>/ablehnen/",
            admin_views.reject,
            name="kek_swot_reject",
        ),
        path("kek/swot/vorschlaege/auswahl/", admin_views.bulk, name="kek_swot_bulk"),
    ]


class SuggestionMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("swot.view_swotsuggestion")


@hooks.register("register_admin_menu_item")
def suggestion_menu_item():
    return SuggestionMenuItem(
        "SWOT-Vorschläge", reverse("kek_swot_suggestions"), icon_name="help", order=161
    )
