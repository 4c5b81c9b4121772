"""Ten submissions of the same account at the same moment store exactly one response (F23):
threads, each with its own database connection, against a committed database (on SQLite a
file copy of it, as in tests/events/test_concurrent_registrations.py); the unique constraint
decides, the others end in AlreadyAnswered (the German "Sie haben bereits teilgenommen.")."""

import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from kek.surveys import answering
from kek.surveys.forms import SurveyForm
from kek.surveys.models import Response

from ..accounts.factories import UserFactory
from ..regions.factories import RegionFactory
from .world import answers, questions, survey

PEOPLE = 10


def _use(path: str | None) -> None:
    if path is not None:
        own = connections["default"]
        own.close()
        own.settings_dict = {**own.settings_dict, "NAME": path}


def _submit(path: str | None, survey_pk: int, user_pk: int, data: dict) -> str:
    from django.contrib.auth import get_user_model

    from kek.surveys.models import Survey

    _use(path)
    try:
        found = Survey.objects.get(pk=survey_pk)
        asked = list(found.questions.prefetch_related("choices"))
        form = SurveyForm(found, asked, data)
        assert form.is_valid(), form.errors
        user = get_user_model().objects.get(pk=user_pk)
        try:
            answering.store(found, asked, form, {"user": user})
        except answering.AlreadyAnswered:
            return "refused"
        return "stored"
    finally:
        connections["default"].close()


@pytest.mark.django_db(transaction=True)
def test_parallel_submissions_of_one_account_store_one_response(tmp_path):
    from django.http import QueryDict

    region = RegionFactory(level="district", name="Landkreis Andrang")
    found = survey(region)
    user = UserFactory(username="schnell")
    query = QueryDict(mutable=True)
    for key, value in answers(found).items():
        query.setlist(key, value if isinstance(value, list) else [value])
    assert len(questions(found)) == 4
    path = None
    if connection.vendor == "sqlite":
        path = str(tmp_path / "race.sqlite3")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [path])
    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        results = list(pool.map(lambda _: _submit(path, found.pk, user.pk, query), range(PEOPLE)))
    assert sorted(results) == ["refused"] * (PEOPLE - 1) + ["stored"]
    if path is None:
        assert Response.objects.filter(survey=found, user=user).count() == 1
        assert Response.objects.get(survey=found).answers.count() == 4
    else:
        with sqlite3.connect(path) as db:
            (count,) = db.execute(
                "SELECT COUNT(*) FROM surveys_response WHERE survey_id = ?", [found.pk]
            ).fetchone()
            (answered,) = db.execute("SELECT COUNT(*) FROM surveys_answer").fetchone()
        assert (count, answered) == (1, 4)
