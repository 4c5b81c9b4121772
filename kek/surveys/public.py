"""The surveys' public pages, navigation entry, start-page part, privacy note and part of a
district's backup (registered in SurveysConfig.ready)."""

from typing import Any

from kek.core.registry import (
    BackupPart,
    NavEntry,
    PagePart,
    PrivacyNote,
    PublicRoute,
    backup_parts,
    navigation,
    privacy_notes,
    start_page,
)
from kek.core.registry import public_routes as routes

from . import views
from .models import Answer, Choice, Question, Response, Survey

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
    privacy_notes.register(PrivacyNote("surveys", "surveys/_privacy_note.html", order=30))
    backup_parts.register(BackupPart("surveys", 66, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """The district's surveys with their questions, choices and the responses (the results are
    counted from them; the accounts are the installation's shared users)."""
    return [
        Survey.objects.filter(district=region),
        Question.objects.filter(survey__district=region),
        Choice.objects.filter(question__survey__district=region),
        Response.objects.filter(survey__district=region),
        Answer.objects.filter(response__survey__district=region),
    ]
