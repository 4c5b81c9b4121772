"""Storing a questionnaire's answers (F23): one response per account, or one per browser
session where anonymous answers are allowed. The unique constraints decide under concurrency:
a second response of the same account or session is refused, never stored twice."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import IntegrityError, transaction

from .forms import SurveyForm, field_name
from .models import Answer, Question, QuestionKind, Response, Survey

SESSION_KEY = "kek_survey_token"


class AlreadyAnswered(Exception):
    """This account or browser session has answered the survey before."""


def session_token(request: Any, create: bool = False) -> str | None:
    """The visitor's random token for anonymous answers, kept in the session."""
    token = request.session.get(SESSION_KEY)
    if token is None and create:
        token = secrets.token_urlsafe(32)
        request.session[SESSION_KEY] = token
    return token


def who(request: Any, survey: Survey) -> dict[str, Any] | None:
    """The identity a response is stored under: the account, or (anonymous answers allowed)
    the session token; None when the visitor may not answer without signing in."""
    if request.user.is_authenticated:
        return {"user": request.user}
    if survey.anonymous_allowed:
        return {"session_token": session_token(request, create=True)}
    return None


def has_answered(request: Any, survey: Survey) -> bool:
    if request.user.is_authenticated:
        return Response.objects.filter(survey=survey, user=request.user).exists()
    token = session_token(request)
    if token is None or not survey.anonymous_allowed:
        return False
    return Response.objects.filter(survey=survey, session_token=token).exists()


def store(survey: Survey, questions: list[Question], form: SurveyForm, identity: dict) -> Response:
    """Save the valid form's answers as one response; AlreadyAnswered if one exists."""
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, **identity)
            for question in questions:
                _answer(response, question, form.cleaned_data.get(field_name(question)))
    except IntegrityError:
        raise AlreadyAnswered from None
    return response


def _answer(response: Response, question: Question, value: Any) -> None:
    if value in (None, "", []):
        return
    answer = Answer(response=response, question=question)
    if question.kind == QuestionKind.SCALE:
        answer.scale = int(value)
    elif question.kind == QuestionKind.FREE_TEXT:
        answer.text = value
    answer.save()
    if question.kind == QuestionKind.SINGLE:
        answer.choices.set([int(value)])
    elif question.kind == QuestionKind.MULTIPLE:
        answer.choices.set([int(pk) for pk in value])
