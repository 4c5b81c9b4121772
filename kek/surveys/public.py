"""The surveys' public pages, navigation entry and start-page part (registered in
SurveysConfig.ready)."""

from kek.core.registry import NavEntry, PagePart, PublicRoute, navigation, start_page
from kek.core.registry import public_routes as routes

from . import views

BASE = "beteiligung/umfragen"


def register() -> None:
    routes.register(PublicRoute("surveys", f"{BASE}/", views.surveys_page))
    routes.register(PublicRoute("survey", f"{BASE}/<int:pk>/", views.survey_page))
    routes.register(PublicRoute("survey_results", f"{BASE}/<int:pk>/ergebnisse/",
                                views.results_page))  # fmt: skip
    navigation.register(NavEntry("surveys", "beteiligung", "Umfragen", "surveys", 30))
    start_page.register(
        PagePart("surveys", "beteiligung", "surveys/_start_section.html", views.start_surveys, 7)
    )
