"""Editorial pages. The district's start page is the root of its site and routes the public
pages every app registers (`kek.core.registry.public_routes`)."""

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from django.urls import path as django_path
from django.urls import re_path as django_re_path
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page

from kek.core.registry import PublicRoute, privacy_notes, public_routes
from kek.goals.queries import current_concept
from kek.regions.models import Region

from . import sections

PRIVACY_SLUG = "datenschutz"
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
    # Below it: StandardPage and the page types of other apps that name it as their parent
    # (documents.ReportPage); each page type limits where it may go.
    max_count_per_parent = 1

    class Meta:
        verbose_name = "Startseite eines Landkreises"

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        concept = current_concept(self)
        context["concept"] = concept
        context["sections"] = sections.build(self, concept, context)
        return context

    @classmethod
    def get_subpage_urls(cls) -> tuple:
        """Wagtail's own index route, then every app's public routes (core.registry)."""
        return (*super().get_subpage_urls(), *(as_url(route) for route in public_routes))


def as_url(route: PublicRoute) -> URLPattern:
    """A registered route as a routable-page pattern; the view gets the start page."""

    def serve(page: "DistrictHomePage", request: HttpRequest, *args, **kwargs) -> HttpResponse:
        return route.view(request, page, *args, **kwargs)

    serve.__name__ = route.name
    make = django_re_path if route.regex else django_path
    return make(route.pattern, serve, name=route.name)


class StandardPage(Page):
    """Plain editorial page: imprint, privacy, accessibility statement, …"""

    body = RichTextField("Inhalt", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    parent_page_types = ["cms.DistrictHomePage", "cms.StandardPage"]

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        """The privacy page gets the apps' notes on the personal data they keep below the
        district's text (`kek.core.registry.privacy_notes`)."""
        context = super().get_context(request, *args, **kwargs)
        context["privacy_notes"] = []
        if self.slug == PRIVACY_SLUG:
            home = DistrictHomePage.objects.ancestor_of(self).first()
            for note in privacy_notes:
                context.update(note.context(home))
                context["privacy_notes"].append(note.template)
        return context

    class Meta:
        verbose_name = "Inhaltsseite"
