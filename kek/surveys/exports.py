"""The planners' export of a survey's responses (F23): one row per response, one column per
question, free text included; CSV (UTF-8 with BOM, ";") and XLSX (openpyxl). Every text cell
is formula-safe (kek.core.cells.defuse). No names or addresses: a response is numbered and
says only whether it came from an account or without one."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils import timezone

from kek.core.cells import defuse_all
from kek.core.fileio import new_workbook

from .models import Answer, Question, QuestionKind, Survey


def table(survey: Survey) -> list[list[Any]]:
    """Header and rows; a fixed number of queries whatever the number of responses."""
    questions = list(survey.questions.all())
    header: list[Any] = ["Nr.", "Eingegangen am", "Teilnahme", *[q.text for q in questions]]
    answers: dict[tuple[int, int], Answer] = {
        (a.response_id, a.question_id): a
        for a in Answer.objects.filter(response__survey=survey).prefetch_related("choices")
    }
    rows = [header]
    for number, response in enumerate(survey.responses.order_by("created_at", "pk"), start=1):
        when = timezone.localtime(response.created_at).strftime("%d.%m.%Y %H:%M")
        how = "mit Konto" if response.session_token is None else "ohne Konto"
        cells = [_cell(q, answers.get((response.pk, q.pk))) for q in questions]
        rows.append([number, when, how, *cells])
    return rows


def _cell(question: Question, answer: Answer | None) -> Any:
    if answer is None:
        return ""
    if question.kind == QuestionKind.SCALE:
        return answer.scale
    if question.kind == QuestionKind.FREE_TEXT:
        return answer.text
    chosen = sorted(answer.choices.all(), key=lambda c: (c.position, c.pk))
    return "; ".join(c.text for c in chosen)


def to_csv(survey: Survey) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, delimiter=";")
    for row in table(survey):
        writer.writerow(defuse_all(row))
    return out.getvalue()


def to_xlsx(survey: Survey) -> bytes:
    book, sheet = new_workbook("Antworten")
    for row in table(survey):
        sheet.append(defuse_all(row))
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def file_name(survey: Survey, extension: str) -> str:
    return f"umfrage-{survey.pk}-antworten.{extension}"
