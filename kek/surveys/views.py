"""Public pages of the surveys (F23): the list (open, upcoming, closed), a survey with its
questionnaire, and its results once the planner has published them. Routes in public.py.

Answering: only while the survey's phase is open (else 403 with the reason); signed in unless
the survey allows anonymous answers; once per account or browser session; not by an account
the moderation has blocked (kek.participation.blocks: blocked accounts write nowhere)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from kek.core.routes import route_url
from kek.core.views import render
from kek.participation import blocks
from kek.participation.phases import BEFORE, CLOSED, OPEN

from . import answering, results
from .forms import SurveyForm
from .models import Question, Survey

START_PAGE_SURVEYS = 3
DONE = "Vielen Dank für Ihre Teilnahme! Ihre Antworten sind gespeichert."
ALREADY = "Sie haben bereits teilgenommen."


def surveys_of(home: Any) -> QuerySet[Survey]:
    return Survey.objects.filter(district_id=home.region_id)


def _survey(home: Any, pk: int) -> Survey:
    return get_object_or_404(surveys_of(home), pk=pk)


def surveys_page(request: HttpRequest, home: Any) -> HttpResponse:
    found: dict[str, list[Survey]] = {OPEN: [], BEFORE: [], CLOSED: []}
    for survey in surveys_of(home).order_by("closes_at", "pk"):
        found[survey.phase()].append(survey)
    closed = sorted(found[CLOSED], key=lambda s: (s.closes_at, s.pk), reverse=True)
    upcoming = sorted(found[BEFORE], key=lambda s: (s.opens_at, s.pk))
    context = {"open": found[OPEN], "upcoming": upcoming, "closed": closed}
    return render(request, home, "surveys/survey_list.html", context)


def _questions(survey: Survey) -> list[Question]:
    return list(survey.questions.prefetch_related("choices"))


def survey_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    """GET: the survey and its form (or why it cannot be answered); POST: answer."""
    survey = _survey(home, pk)
    questions = _questions(survey)
    if request.method == "POST":
        return _answer(request, home, survey, questions)
    form = None
    answered = answering.has_answered(request, survey)
    may = request.user.is_authenticated or survey.anonymous_allowed
    block = blocks.active_block(request.user)
    if survey.is_open() and may and not answered and block is None:
        form = SurveyForm(survey, questions)
    blocked = block is not None and survey.is_open() and not answered
    message = blocks.blocked_message(block) if blocked and block is not None else ""
    return _page(request, home, survey, form, answered=answered, message=message, blocked=blocked)


def _page(
    request: HttpRequest, home: Any, survey: Survey, form: SurveyForm | None, status: int = 200,
    answered: bool = False, message: str = "", blocked: bool = False,
) -> HttpResponse:  # fmt: skip
    context = {
        "survey": survey,
        "form": form,
        "rows": form.rows() if form is not None else [],
        "errors": form.errors_for_summary() if form is not None and form.is_bound else [],
        "answered": answered,
        "blocked": blocked,
        "message": message or request.session.pop("kek_survey_done", ""),
        "login_url": _login_url(request, home, survey),
    }
    return render(request, home, "surveys/survey_detail.html", context, status=status)


def _login_url(request: HttpRequest, home: Any, survey: Survey) -> str:
    return redirect_to_login(route_url("survey", home, survey.pk))["Location"]


def _answer(
    request: HttpRequest, home: Any, survey: Survey, questions: list[Question]
) -> HttpResponse:
    if not survey.is_open():
        context = {"survey": survey, "before": survey.phase() == BEFORE}
        return render(request, home, "surveys/closed.html", context, status=403)
    identity = answering.who(request, survey)
    if identity is None:
        return redirect_to_login(route_url("survey", home, survey.pk))
    block = blocks.active_block(request.user)
    if block is not None:
        context = {"survey": survey, "message": blocks.blocked_message(block)}
        return render(request, home, "surveys/blocked.html", context, status=403)
    if answering.has_answered(request, survey):
        return _page(request, home, survey, None, 409, answered=True, message=ALREADY)
    form = SurveyForm(survey, questions, request.POST)
    if not form.is_valid():
        return _page(request, home, survey, form)
    try:
        answering.store(survey, questions, form, identity)
    except answering.AlreadyAnswered:
        return _page(request, home, survey, None, 409, answered=True, message=ALREADY)
    request.session["kek_survey_done"] = DONE
    return redirect(route_url("survey", home, survey.pk))


def results_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    survey = _survey(home, pk)
    if not survey.results_published:
        return render(request, home, "surveys/no_results.html", {"survey": survey}, status=404)
    responses, found = results.results(survey)
    context = {"survey": survey, "responses": responses, "results": found}
    return render(request, home, "surveys/survey_results.html", context)


def start_surveys(home: Any, concept: Any) -> dict[str, Any]:
    """Start page, section "Beteiligung": the open surveys and those with results."""
    surveys = list(surveys_of(home).order_by("closes_at", "pk"))
    open_now = [s for s in surveys if s.is_open()][:START_PAGE_SURVEYS]
    with_results = [s for s in surveys if s.results_published][:START_PAGE_SURVEYS]
    return {"surveys_open": open_now, "surveys_with_results": with_results,
            "has_surveys": bool(surveys)}  # fmt: skip
