"""The surveys in the Wagtail back office, menu "Umfragen" (F23): a survey with its questions
and their choices inline (nested InlinePanels of modelcluster); per survey "Ergebnisse
veröffentlichen" and the export of the responses as CSV and XLSX."""

from django.db.models import Count
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from kek.core.admin_history import HistoryPanel, RecordedHistory

from . import admin_views
from .admin_forms import QuestionsPanel
from .models import Survey

QUESTION_PANELS = [
    FieldPanel("text"),
    FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
    InlinePanel(
        "choices",
        heading="Antwortmöglichkeiten (nur bei Einfach- und Mehrfachauswahl)",
        label="Antwortmöglichkeit",
        panels=[FieldPanel("text")],
    ),
]


class SurveyViewSet(RecordedHistory, SnippetViewSet):
    model = Survey
    icon = "form"
    menu_label = "Umfragen"
    menu_order = 176
    add_to_admin_menu = True
    list_display = ["title", "opens_at", "closes_at",
                    Column("answered", label="Teilnahmen", sort_key="answered"),
                    "results_published_at", "district"]  # fmt: skip
    list_filter = ["district", "anonymous_allowed"]
    search_fields = ["title", "intro"]
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("district"),
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("anonymous_allowed"),
        FieldPanel("is_example"),
        QuestionsPanel("questions", heading="Fragen", label="Frage", panels=QUESTION_PANELS),
        HistoryPanel(heading="Änderungsverlauf"),
    ])  # fmt: skip

    def get_queryset(self, request):
        return Survey.objects.select_related("district").annotate(answered=Count("responses"))


register_snippet(SurveyViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "kek/umfragen/<int:pk>/ergebnisse-veroeffentlichen/",
            admin_views.publish_results,
            name="kek_survey_publish_results",
        ),
        path(
            "kek/umfragen/<int:pk>/antworten/csv/",
            admin_views.export_csv,
            name="kek_survey_export_csv",
        ),  # fmt: skip
        path(
            "kek/umfragen/<int:pk>/antworten/xlsx/",
            admin_views.export_xlsx,
            name="kek_survey_export_xlsx",
        ),  # fmt: skip
    ]


@hooks.register("register_snippet_listing_buttons")
def survey_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, Survey):
        return
    if user.has_perm("surveys.publish_results", snippet):
        url = reverse("kek_survey_publish_results", args=[snippet.pk])
        label = (
            "Veröffentlichung zurücknehmen …"
            if snippet.results_published_at
            else ("Ergebnisse veröffentlichen …")
        )
        yield ListingButton(label, url, icon_name="view", priority=30)
    if user.has_perm("surveys.export_response"):
        for kind, label in (("csv", "CSV"), ("xlsx", "XLSX")):
            url = reverse(f"kek_survey_export_{kind}", args=[snippet.pk])
            yield ListingButton(f"Antworten als {label}", url, icon_name="download", priority=31)
