"""The project catalogue in the Wagtail back office."""

from django import forms
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from kek.core.admin_history import HistoryPanel, RecordedHistory
from kek.core.region_choosers import district_municipalities

from .models import EvaluationSnapshot, Project, Resolution, TargetIndicator
from .snapshots import take_report


class ProjectViewSet(RecordedHistory, SnippetViewSet):
    model = Project
    icon = "clipboard-list"
    menu_label = "Projekte"
    list_display = ["number", "title", "status", "lead_body", "region"]
    list_filter = ["region", "concepts", "status", "priority"]
    search_fields = ["number", "title", "description", "lead_body"]
    copy_view_enabled = False
    panels = [
        FieldPanel("region"),
        FieldPanel("concepts", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("number"), FieldPanel("slug")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("subgoals"),
        MultiFieldPanel(
            [FieldPanel("lead_body"), FieldPanel("leads"), FieldPanel("partners")],
            heading="Beteiligte",
        ),
        FieldPanel("municipalities", widget=district_municipalities()),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress"), FieldPanel("priority")]),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        MultiFieldPanel(
            [
                FieldPanel("cost_estimate"),
                FieldRowPanel([FieldPanel("funding_programme"), FieldPanel("funding_share")]),
            ],
            heading="Finanzierung",
        ),
        FieldRowPanel([FieldPanel("resolution"), FieldPanel("weight")]),
        InlinePanel("milestones", heading="Meilensteine", label="Meilenstein"),
        InlinePanel("attachments", heading="Anlagen", label="Anlage"),
        FieldPanel("is_example"),
        HistoryPanel(heading="Änderungsverlauf"),
    ]


class TargetIndicatorViewSet(RecordedHistory, SnippetViewSet):
    model = TargetIndicator
    icon = "pick"
    menu_label = "Zielindikatoren"
    list_display = ["title", "owner", "method", "unit"]
    list_filter = ["method", "direction"]
    search_fields = ["title", "definition"]
    copy_view_enabled = False
    panels = [
        MultiFieldPanel(
            [FieldPanel("project"), FieldPanel("goal"), FieldPanel("subgoal")],
            heading="Gehört zu (genau eines)",
        ),
        FieldPanel("title"),
        FieldPanel("definition"),
        FieldRowPanel([FieldPanel("unit"), FieldPanel("direction"), FieldPanel("weight")]),
        FieldRowPanel(
            [FieldPanel("method"), FieldPanel("threshold_profile"), FieldPanel("estimator")]
        ),
        FieldRowPanel([FieldPanel("baseline_value"), FieldPanel("baseline_year")]),
        FieldRowPanel([FieldPanel("target_value"), FieldPanel("target_year")]),
        MultiFieldPanel(
            [
                FieldPanel("series_indicator"),
                FieldPanel("series_region"),
                FieldPanel("series_disaggregation"),
            ],
            heading="Oder: Werte einer amtlichen statistischen Reihe",
        ),
        InlinePanel("measurements", heading="Messwerte", label="Messwert"),
        HistoryPanel(heading="Änderungsverlauf"),
    ]


class ResolutionViewSet(RecordedHistory, SnippetViewSet):
    model = Resolution
    icon = "doc-full-inverse"
    menu_label = "Beschlüsse"
    list_display = ["date", "body", "number", "title", "outcome"]
    copy_view_enabled = False


class SnapshotCreateView(CreateView):
    """Freezing a report records who took it."""

    def save_instance(self):
        data = self.form.cleaned_data
        return take_report(
            data["concept"], data["title"], by=self.request.user, note=data.get("note", "")
        )


class SnapshotViewSet(RecordedHistory, SnippetViewSet):
    model = EvaluationSnapshot
    add_view_class = SnapshotCreateView
    icon = "history"
    menu_label = "Evaluierungsberichte"
    list_display = ["title", "concept", "taken_at"]
    copy_view_enabled = False
    panels = [FieldPanel("concept"), FieldPanel("title"), FieldPanel("note")]


class CatalogueGroup(SnippetViewSetGroup):
    menu_label = "Projektkatalog"
    menu_icon = "clipboard-list"
    menu_order = 160
    items = (ProjectViewSet, TargetIndicatorViewSet, ResolutionViewSet, SnapshotViewSet)


register_snippet(CatalogueGroup)
