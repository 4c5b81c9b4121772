"""The change history of one object in the back office (issue 16): who, when, what, old → new.

- `RecordedHistory`: mixed into a snippet viewset, its "Verlauf" view (Wagtail's history URL of
  the snippet) shows the object's change records and those of its child rows (a project's
  milestones and attachments, a SWOT item's evidence …) instead of Wagtail's own log, which
  names the action but not the values. Paginated; one page is one query over the object's
  historical tables plus a few to describe its rows (kek.core.auditlog).
- `HistoryPanel`: the newest changes below the edit form, with a link to the whole history.
"""

from __future__ import annotations

from functools import cached_property

from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.snippets.views.snippets import HistoryView

from .auditlog import Filters, LogPage, record_source
from .changes import entries, object_sources

PANEL_ENTRIES = 10


class ChangesColumn(Column):
    """Action, fields old → new; child rows named (`own_kind`: the object's own kind)."""

    cell_template_name = "core/admin/changes_cell.html"

    def __init__(self, *args, own_kind: str = "", **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.own_kind = own_kind

    def get_cell_context_data(self, instance, parent_context):
        return {**super().get_cell_context_data(instance, parent_context), "own": self.own_kind}


def object_log(instance) -> LogPage:
    """The object's records and its child rows', for the paginator."""
    sources, extra = [], {}
    for history_model, lookup in object_sources(instance):
        source = record_source(history_model.instance_type)
        sources.append(source)
        extra[source.key] = Q(**lookup)
    return LogPage(sources, Filters(), extra=extra)


class RecordedHistoryView(HistoryView):
    """Wagtail's history view of a snippet, listing the change records (old → new)."""

    filterset_class = None
    paginate_by = 50
    # Who may see an object may see its history, also of records nobody edits (import batches).
    any_permission_required = ["add", "change", "delete", "view"]
    page_title = gettext_lazy("Änderungsverlauf")

    @cached_property
    def columns(self):
        return [
            DateColumn("when", label="Wann", width="15%"),
            Column("who", label="Wer", width="25%"),
            ChangesColumn("changes", label="Was", own_kind=own_kind(self.object)),
        ]

    def get_base_queryset(self):
        return object_log(self.object)

    def order_queryset(self, queryset):
        return queryset  # newest first, as the log is

    def get_breadcrumbs_items(self):
        items = super().get_breadcrumbs_items()
        if items:
            items[-1] = {**items[-1], "label": "Änderungsverlauf"}
        return items


class RecordedHistory:
    """Mixin for a SnippetViewSet of a model with a history (kek.core.history)."""

    history_view_class = RecordedHistoryView


def own_kind(instance) -> str:
    return str(type(instance)._meta.verbose_name)


def history_url(instance) -> str:
    """The history view of a snippet, if its viewset has one."""
    viewset = getattr(type(instance), "snippet_viewset", None)
    if viewset is None or instance.pk is None:
        return ""
    try:
        return reverse(viewset.get_url_name("history"), args=[instance.pk])
    except NoReverseMatch:
        return ""


class HistoryPanel(Panel):
    """Lists the newest changes (who, when, what, old → new) below the edit form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/admin/history_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["entries"] = entries(self.instance, limit=PANEL_ENTRIES)
            context["history_url"] = history_url(self.instance)
            context["own_kind"] = own_kind(self.instance)
            return context
