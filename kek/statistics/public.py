"""The public pages "Daten & Analyse", their navigation entry and start-page part
(registered in StatisticsConfig.ready)."""

from kek.core.registry import NavEntry, PagePart, PublicRoute, navigation, start_page
from kek.core.registry import public_routes as routes

from . import views


def register() -> None:
    for route in (
        PublicRoute("data_overview", "daten/", views.overview),
        PublicRoute("data_topic", "daten/thema/<slug:slug>/", views.topic_detail),
        PublicRoute("data_indicator", "daten/indikator/<str:code>/", views.indicator_detail),
        PublicRoute(
            "data_chart_csv",
            r"^daten/indikator/(?P<code>[^/]+)/(?P<name>[a-z]+)\.csv/$",
            views.chart_csv,
            regex=True,
            file=True,
        ),
    ):
        routes.register(route)
    navigation.register(NavEntry("data", "daten", "Daten & Analyse", "data_overview", 10))
    start_page.register(PagePart("data_link", "swot", "statistics/_start_link.html", order=10))
