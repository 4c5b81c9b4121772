"""Surveys for tests: one question of each kind, made in the database with the least the
models need; the answers a form would send; the survey's public addresses."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from kek.surveys.models import Answer, Choice, Question, Response, Survey

from ..http import formset

FREE_TEXT = "Mehr Busse am Wochenende, bitte – geheim!"


def survey(region, title="Umfrage Mobilität", phase="open", **values) -> Survey:
    now = timezone.now()
    opens, closes = {
        "open": (now - timedelta(days=1), now + timedelta(days=10)),
        "before": (now + timedelta(days=3), now + timedelta(days=10)),
        "closed": (now - timedelta(days=10), now - timedelta(days=1)),
    }[phase]
    values.setdefault("opens_at", opens)
    values.setdefault("closes_at", closes)
    found = Survey.objects.create(district=region, title=title, **values)
    single = Question.objects.create(survey=found, position=0, kind="single", required=True,
                                     text="Wie kommen Sie zur Arbeit?")  # fmt: skip
    for i, text in enumerate(("Bus", "Auto", "Fahrrad")):
        Choice.objects.create(question=single, position=i, text=text)
    multiple = Question.objects.create(survey=found, position=1, kind="multiple",
                                       text="Was fehlt Ihnen?")  # fmt: skip
    for i, text in enumerate(("Radwege", "Bahnhalte", "Ladesäulen")):
        Choice.objects.create(question=multiple, position=i, text=text)
    Question.objects.create(survey=found, position=2, kind="scale", required=True,
                            text="Wie zufrieden sind Sie mit dem Nahverkehr?")  # fmt: skip
    Question.objects.create(survey=found, position=3, kind="free_text",
                            text="Was möchten Sie uns noch sagen?")  # fmt: skip
    return found


def questions(found: Survey) -> list[Question]:
    return list(found.questions.order_by("position"))


def choice(found: Survey, text: str) -> Choice:
    return Choice.objects.get(question__survey=found, text=text)


def answers(found: Survey, single="Bus", multiple=("Radwege", "Ladesäulen"), scale=4,
            text=FREE_TEXT) -> dict:  # fmt: skip
    """The POST data of a filled questionnaire."""
    q = questions(found)
    data: dict = {}
    if single:
        data[f"frage_{q[0].pk}"] = str(choice(found, single).pk)
    if multiple:
        data[f"frage_{q[1].pk}"] = [str(choice(found, c).pk) for c in multiple]
    if scale:
        data[f"frage_{q[2].pk}"] = str(scale)
    if text:
        data[f"frage_{q[3].pk}"] = text
    return data


def respond(found: Survey, user=None, token=None, single="Bus", multiple=("Radwege",),
            scale=4, text=FREE_TEXT) -> Response:  # fmt: skip
    """A stored response, as the form would make it."""
    q = questions(found)
    response = Response.objects.create(survey=found, user=user, session_token=token)
    if single:
        Answer.objects.create(response=response, question=q[0]).choices.set([choice(found, single)])
    if multiple:
        Answer.objects.create(response=response, question=q[1]).choices.set(
            [choice(found, c) for c in multiple]
        )
    if scale:
        Answer.objects.create(response=response, question=q[2], scale=scale)
    if text:
        Answer.objects.create(response=response, question=q[3], text=text)
    return response


def url(found: Survey, suffix: str = "") -> str:
    return f"/beteiligung/umfragen/{found.pk}/{suffix}"


def admin_form(region, title: str, questions_rows: list[dict] | None = None) -> dict:
    """The snippet form of a survey with nested questions and choices."""
    rows = questions_rows if questions_rows is not None else [
        {"text": "Welche Farbe?", "kind": "single", "required": "on",
         "choices": ["Rot", "Grün"]},
        {"text": "Anmerkungen?", "kind": "free_text", "choices": []},
    ]  # fmt: skip
    data = {"district": region.pk, "title": title, "intro": "", "opens_at": "",
            "closes_at": "", "is_example": ""}  # fmt: skip
    flat = []
    for index, row in enumerate(rows):
        item = {k: v for k, v in row.items() if k != "choices"}
        item |= {"ORDER": str(index + 1), "DELETE": ""}
        flat.append(item)
        data |= formset(
            f"questions-{index}-choices",
            [{"text": c, "ORDER": str(i + 1), "DELETE": ""} for i, c in enumerate(row["choices"])],
        )
    data |= formset("questions", flat)
    return data
