"""The published results of a survey (F23): per choice or scale question the count of each
answer, as a chart of the charts app (kek.charts.specs.comparison_bars: bars with their text
alternative and data table) plus a table of counts and shares. Free-text answers are never
part of the results."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from django.db.models import Count

from kek.charts.specs import Chart, comparison_bars
from kek.charts.texts import format_number

from .models import SCALE, Answer, Choice, Question, QuestionKind, Survey

COLUMNS = {"region": "Antwort", "value": "Anzahl"}


@dataclass
class Row:
    label: str
    count: int
    share: str  # "41,7 %" of the people who answered the question


@dataclass
class Result:
    question: Question
    number: int
    answered: int  # people who answered this question
    rows: list[Row]
    chart: Chart
    chart_id: str
    average: str = ""  # scale questions: the mean, German formatted

    @property
    def table_id(self) -> str:
        return f"frage-{self.number}-tabelle"


def results(survey: Survey) -> tuple[int, list[Result]]:
    """The number of responses and the results of the counted questions, in order; a fixed
    number of queries whatever the number of questions."""
    questions = list(survey.questions.prefetch_related("choices"))
    counted = [q for q in questions if q.is_counted]
    answered = Counter(
        dict(
            Answer.objects.filter(question__in=counted)
            .values_list("question")
            .annotate(n=Count("pk"))
            .values_list("question", "n")
        )
    )
    by_choice = Counter(
        dict(
            Choice.objects.filter(question__in=counted)
            .annotate(n=Count("answers"))
            .values_list("pk", "n")
        )
    )
    by_scale: Counter[tuple[int, int]] = Counter()
    for question_id, value, n in (
        Answer.objects.filter(question__in=counted, scale__isnull=False)
        .values_list("question", "scale")
        .annotate(n=Count("pk"))
        .values_list("question", "scale", "n")
    ):
        if value is not None:
            by_scale[(question_id, value)] = n
    found = []
    for number, question in enumerate(questions, start=1):
        if not question.is_counted:
            continue
        total = answered[question.pk]
        if question.kind == QuestionKind.SCALE:
            counts = [(str(v), by_scale[(question.pk, v)]) for v in SCALE]
        else:
            counts = [(c.text, by_choice[c.pk]) for c in question.choices.all()]
        rows = [Row(label, n, _share(n, total)) for label, n in counts]
        result = Result(question, number, total, rows, _chart(question, rows, total),
                        f"frage-{number}-diagramm")  # fmt: skip
        if question.kind == QuestionKind.SCALE and total:
            mean = sum(int(r.label) * r.count for r in rows) / total
            result.average = format_number(mean, 1)
        found.append(result)
    return survey.responses.count(), found


def _share(n: int, total: int) -> str:
    return f"{format_number(100 * n / total, 1)} %" if total else "–"


def _chart(question: Question, rows: list[Row], total: int) -> Chart:
    chart = comparison_bars(
        [{"region": r.label, "value": r.count} for r in rows], title=question.text, decimals=0
    )
    description = describe(question, rows, total)
    spec = {**chart.spec, "description": description}
    return replace(chart, spec=spec, description=description, columns=COLUMNS)


def describe(question: Question, rows: list[Row], total: int) -> str:
    """The chart's text alternative: every answer with its count and share."""
    kind = "Mehrfachauswahl möglich. " if question.kind == QuestionKind.MULTIPLE else ""
    scale = "Skala von 1 bis 5. " if question.kind == QuestionKind.SCALE else ""
    head = f"Balkendiagramm zur Frage „{question.text}“. {kind}{scale}"
    if not total:
        return f"{head}Niemand hat diese Frage beantwortet."
    people = "Person hat" if total == 1 else "Personen haben"
    counts = "; ".join(f"{r.label}: {r.count} ({r.share})" for r in rows)
    return f"{head}{total} {people} geantwortet. {counts}."
