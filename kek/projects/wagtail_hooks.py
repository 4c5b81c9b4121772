"""The project catalogue in the Wagtail back office."""

from django import forms
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
)
from wagtail.admin.ui.tables import LiveStatusTagColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
    UnpublishView,
)

from kek.core import four_eyes
from kek.core.admin_history import HistoryPanel, RecordedHistory
from kek.core.region_choosers import district_municipalities
from kek.goals.models import PublicationSettings

from .admin_forms import ProjectAdminForm
from .models import EvaluationSnapshot, Project, TargetIndicator
from .snapshots import take_report


class KeepsThePublicProject(UnpublishView):
    """A project of an adopted catalogue is a record of the Kreistag's decision: it is not
    withdrawn from the public site, it is dropped from a Fortschreibung's catalogue."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied(UNPUBLISH_REFUSED)


UNPUBLISH_REFUSED = (
    "Ein Projekt wird nicht zurückgezogen: Es entfällt mit einer Fortschreibung, deren Katalog "
    "es nicht mehr führt."
)


class ProjectViewSet(RecordedHistory, SnippetViewSet):
    model = Project
    unpublish_view_class = KeepsThePublicProject
    icon = "clipboard-list"
    menu_label = "Projekte"
    list_display = [
        "number",
        "title",
        "status",
        "lead_body",
        "region",
        LiveStatusTagColumn(label="Veröffentlichung"),
    ]
    list_filter = ["region", "concepts", "status", "priority", "has_unpublished_changes"]
    search_fields = ["number", "title", "description", "lead_body"]
    copy_view_enabled = False
    edit_handler = ObjectList(
        [
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
        ],
        base_form_class=ProjectAdminForm,
    )


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
    items = (ProjectViewSet, TargetIndicatorViewSet, SnapshotViewSet)


register_snippet(CatalogueGroup)


# The Vier-Augen-Prinzip (Project.get_workflow): no direct publish, in the menu or by a POST.


def _under_four_eyes(project: Project | None, request) -> bool:
    if project is not None and project.region_id:
        return PublicationSettings.four_eyes_for(project.region)
    region = request.POST.get("region") if request.method == "POST" else None
    settings = PublicationSettings.objects.filter(four_eyes=True)
    return settings.filter(region=region).exists() if region else settings.exists()


@hooks.register("construct_snippet_action_menu")
def hide_publish(menu_items, request, context) -> None:
    if context.get("model") is not Project:
        return
    menu_items[:] = [item for item in menu_items if item.name != "action-unpublish"]
    if _under_four_eyes(context.get("instance"), request):
        four_eyes.without_publish(menu_items)


@hooks.register("before_edit_snippet")
def before_edit(request, instance):
    if isinstance(instance, Project):
        return four_eyes.refuse_direct_publish(request, _under_four_eyes(instance, request))
    return None


@hooks.register("before_create_snippet")
def before_create(request, model):
    if model is Project:
        return four_eyes.refuse_direct_publish(request, _under_four_eyes(None, request))
    return None
