"""Editorial pages. The district's start page also routes the goal system's public pages."""

from django.db import models
from django.http import HttpRequest, HttpResponse
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from kek.goals import views as goal_views
from kek.projects import lead_views
from kek.projects import summaries as project_summaries
from kek.projects import views as project_views
from kek.regions.models import Region
from kek.statistics import views as statistics_views
from kek.swot import views as swot_views

SECTION_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]


def section(label: str) -> RichTextField:
    return RichTextField(label, blank=True, features=SECTION_FEATURES)


class DistrictHomePage(RoutablePageMixin, Page):
    """Start page of one district's site; the root page of its Wagtail Site."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="home_pages", verbose_name="Landkreis"
    )
    intro = section("Einleitung")
    background = section("Hintergrund und Zielsetzung")
    process = section("Projektverlauf")
    participation = section("Beteiligung")
    swot = section("SWOT-Analyse")
    fields_intro = section("Handlungsfelder")
    goals_intro = section("Zielsystem")
    final_report = section("Endbericht")
    catalogue = section("Projektkatalog")

    content_panels = [
        *Page.content_panels,
        FieldPanel("region"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("background"),
                FieldPanel("process"),
                FieldPanel("participation"),
                FieldPanel("swot"),
                FieldPanel("fields_intro"),
                FieldPanel("goals_intro"),
                FieldPanel("final_report"),
                FieldPanel("catalogue"),
            ],
            heading="Abschnitte der Startseite",
        ),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Startseite eines Landkreises"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        context.update(goal_views.start_page_context(self))
        context.update(project_summaries.catalogue_summary(context["concept"]))
        context["swot_matrix"] = swot_views.matrix(context["concept"])
        return context

    @path("zielsystem/")
    def goal_tree(self, request: HttpRequest) -> HttpResponse:
        return goal_views.goal_tree(request, self)

    @path("handlungsfelder/<slug:slug>/")
    def field_of_action(self, request: HttpRequest, slug: str) -> HttpResponse:
        return goal_views.field_detail(request, self, slug)

    @re_path(r"^ziele/(?P<ref>[0-9.]+-[-a-z0-9]+|[0-9.]+)/$")
    def goal(self, request: HttpRequest, ref: str) -> HttpResponse:
        return goal_views.goal_detail(request, self, ref)

    @path("versionen/")
    def versions(self, request: HttpRequest) -> HttpResponse:
        return goal_views.version_list(request, self)

    @path("versionen/vergleich/")
    def compare_versions(self, request: HttpRequest) -> HttpResponse:
        return goal_views.version_compare(request, self)

    @path("versionen/<int:version>/")
    def version_tree(self, request: HttpRequest, version: int) -> HttpResponse:
        return goal_views.goal_tree(request, self, version=version)

    # Project catalogue, dashboard and evaluation reports (kek.projects.views).
    @path("projekte/")
    def project_catalogue(self, request: HttpRequest) -> HttpResponse:
        return project_views.catalogue(request, self)

    @re_path(r"^projekte/(?P<ref>[^/]+)/$")
    def project(self, request: HttpRequest, ref: str) -> HttpResponse:
        return project_views.project_detail(request, self, ref)

    # Wagtail hands routes a trailing slash; the address itself ends in ".csv" (kek/urls.py).
    @re_path(r"^projekte/(?P<ref>[^/]+)/indikatoren/(?P<pk>[0-9]+)\.csv/$")
    def project_indicator_csv(self, request: HttpRequest, ref: str, pk: str) -> HttpResponse:
        return project_views.indicator_csv(request, self, ref, int(pk))

    @path("dashboard/")
    def dashboard(self, request: HttpRequest) -> HttpResponse:
        return project_views.dashboard(request, self)

    @path("dashboard/<slug:slug>/")
    def field_dashboard(self, request: HttpRequest, slug: str) -> HttpResponse:
        return project_views.dashboard(request, self, slug)

    @path("evaluierung/")
    def evaluation_reports(self, request: HttpRequest) -> HttpResponse:
        return project_views.evaluation_list(request, self)

    @path("evaluierung/<int:pk>/")
    def evaluation_report(self, request: HttpRequest, pk: int) -> HttpResponse:
        return project_views.evaluation_detail(request, self, pk)

    @re_path(r"^projekte/(?P<ref>[^/]+)/aktualisieren/$")
    def update_project(self, request: HttpRequest, ref: str) -> HttpResponse:
        return lead_views.update_project(request, self, ref)

    # Data & analysis (kek.statistics.views).
    @path("daten/")
    def data_overview(self, request: HttpRequest) -> HttpResponse:
        return statistics_views.overview(request, self)

    @path("daten/thema/<slug:slug>/")
    def data_topic(self, request: HttpRequest, slug: str) -> HttpResponse:
        return statistics_views.topic_detail(request, self, slug)

    @re_path(r"^daten/indikator/(?P<code>[^/]+)/$")
    def data_indicator(self, request: HttpRequest, code: str) -> HttpResponse:
        return statistics_views.indicator_detail(request, self, code)

    @re_path(r"^daten/indikator/(?P<code>[^/]+)/(?P<name>[a-z]+)\.csv/$")
    def data_chart_csv(self, request: HttpRequest, code: str, name: str) -> HttpResponse:
        return statistics_views.chart_csv(request, self, code, name)

    # SWOT analysis (kek.swot.views).
    @path("swot/")
    def swot_analysis(self, request: HttpRequest) -> HttpResponse:
        return swot_views.swot_page(request, self)

    @re_path(r"^swot/tabelle\.(?P<file_format>csv|xlsx)/$")
    def swot_download(self, request: HttpRequest, file_format: str) -> HttpResponse:
        return swot_views.swot_download(request, self, file_format)


class StandardPage(Page):
    """Plain editorial page: imprint, privacy, accessibility statement, …"""

    body = RichTextField("Inhalt", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["cms.DistrictHomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = "Inhaltsseite"
