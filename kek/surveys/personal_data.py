"""What the surveys keep about a person (GDPR, F25): their responses with the answers.
"Meine Daten" exports them; deleting the account keeps the answers, anonymous (user NULL)."""

from __future__ import annotations

from typing import Any

from kek.accounts.personal_data import PersonalData, Row, register

from .models import Answer, QuestionKind, Response


def export(user: Any) -> list[Row]:
    """One row per answer of the user's responses."""
    answers = (
        Answer.objects.filter(response__user=user)
        .select_related("response__survey", "question")
        .prefetch_related("choices")
        .order_by("response__created_at", "response_id", "question__position", "question_id")
    )
    rows = []
    for answer in answers:
        question = answer.question
        if question.kind == QuestionKind.SCALE:
            value: Any = answer.scale
        elif question.kind == QuestionKind.FREE_TEXT:
            value = answer.text
        else:
            value = "; ".join(c.text for c in sorted(answer.choices.all(), key=_order))
        rows.append({
            "umfrage": answer.response.survey.title,
            "teilgenommen_am": answer.response.created_at.isoformat(),
            "frage": question.text,
            "antwort": value,
        })  # fmt: skip
    return rows


def _order(choice: Any) -> tuple[int, int]:
    return (choice.position, choice.pk)


def erase(user: Any) -> None:
    """The responses stay (counted in the results), no longer tied to the account."""
    Response.objects.filter(user=user).update(user=None)


def register_personal_data() -> None:
    register(PersonalData("umfragen", "Umfragen", export, erase, order=50))
