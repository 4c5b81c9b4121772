"""Statistics in the Wagtail back office: catalogue snippets, import record, file upload."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kek.core.admin_history import RecordedHistory

from . import admin_views, undo_views
from .models import ComparisonGroup, ImportBatch, Indicator, Topic


class RecordPolicy(ModelPermissionPolicy):
    """Import batches are a record: they can be viewed, never added, edited or deleted."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(
            user, action
        )


register_permission_policy(ImportBatch, RecordPolicy(ImportBatch), exact_class=True)


class TopicViewSet(RecordedHistory, SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Themenfelder"
    list_display = ["name", "slug", "position"]
    copy_view_enabled = False
    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"),
              FieldPanel("position")]  # fmt: skip


class IndicatorViewSet(RecordedHistory, SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = "Indikatoren"
    list_display = ["name", "code", "unit", "topic", "table_code"]
    list_filter = ["topic", "direction"]
    search_fields = ["name", "code", "definition"]
    copy_view_enabled = False
    inspect_view_enabled = True
    panels = [
        FieldRowPanel([FieldPanel("code", read_only=True), FieldPanel("unit")]),
        FieldPanel("name"),
        FieldPanel("definition"),
        FieldRowPanel([FieldPanel("topic"), FieldPanel("direction"), FieldPanel("additive")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("statistic_code"), FieldPanel("table_code")]),
                FieldPanel("statistic_name"),
                FieldPanel("formula", read_only=True),
                FieldPanel("disaggregations", read_only=True),
            ],
            heading="Quelle",
        ),
    ]


class ComparisonGroupViewSet(RecordedHistory, SnippetViewSet):
    model = ComparisonGroup
    icon = "group"
    menu_label = "Vergleichsgruppen"
    list_display = ["name", "district", "rule", "position"]
    list_filter = ["district"]
    copy_view_enabled = False
    panels = [
        FieldPanel("district"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug"), FieldPanel("position")]),
        FieldPanel("rule"),
        FieldPanel("state"),
        FieldPanel("members"),
    ]


class ImportBatchViewSet(RecordedHistory, SnippetViewSet):
    model = ImportBatch
    icon = "history"
    menu_label = "Importvorgänge"
    list_display = ["file_name", "table", "status", "rows_added", "rows_changed",
                    "rows_unchanged", "user", "created_at"]  # fmt: skip
    list_filter = ["status", "table"]
    search_fields = ["file_name", "table"]
    copy_view_enabled = False
    inspect_view_enabled = True
    inspect_view_fields = [
        "file_name", "table", "file_format", "status", "message", "created_at", "finished_at",
        "seconds", "user", "rows_total", "rows_added", "rows_changed", "rows_unchanged",
        "regions_added", "indicators_added", "source", "licence", "downloaded_on",
        "content_hash", "changes", "undone_at", "undone_by",
    ]  # fmt: skip


class StatisticsGroup(SnippetViewSetGroup):
    menu_label = "Statistik"
    menu_icon = "table"
    menu_order = 160
    items = (IndicatorViewSet, TopicViewSet, ComparisonGroupViewSet, ImportBatchViewSet)


register_snippet(StatisticsGroup)


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def import_menu_item():
    return ImportMenuItem(
        "Statistik importieren",
        reverse("kek_statistics_import"),
        icon_name="upload",
        order=161,
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("kek/statistik/import/", admin_views.upload, name="kek_statistics_import"),
        path(
            "kek/statistik/import/<int:pk>/",
            admin_views.status,
            name="kek_statistics_import_status",
        ),
        path(
            "kek/statistik/import/<int:pk>/fortschritt/",
            admin_views.progress,
            name="kek_statistics_import_progress",
        ),
        path(
            "kek/statistik/import/<int:pk>/rueckgaengig/",
            undo_views.undo_import,
            name="kek_statistics_import_undo",
        ),
    ]
