"""The planners' export of the responses (F23): CSV and XLSX with every answer, free text
included, formula-safe; only planners (surveys.export_response)."""

import csv
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ..permission_walk import ADMIN_LOGIN, DASHBOARD
from .world import FREE_TEXT, respond, survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def found(nordsachsen, participant):
    found = survey(nordsachsen, phase="closed")
    respond(found, user=participant, single="Bus", multiple=("Radwege", "Ladesäulen"), scale=4)
    respond(found, token="anonym", single="Auto", multiple=(), scale=None, text="=HYPERLINK(1)")
    return found


def test_the_csv_has_one_row_per_response_with_free_text(client, planner, found):
    client.force_login(planner)
    response = client.get(reverse("kek_survey_export_csv", args=[found.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="umfrage-{found.pk}-antworten.csv"' in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeffNr.;Eingegangen am;Teilnahme;Wie kommen Sie zur Arbeit?;")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 3
    assert rows[1][0] == "1" and re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", rows[1][1])
    assert rows[1][2:] == ["mit Konto", "Bus", "Radwege; Ladesäulen", "4", FREE_TEXT]
    assert rows[2][2:] == ["ohne Konto", "Auto", "", "", "'=HYPERLINK(1)"]
    # No names, no e-mail addresses.
    assert "buerger" not in text


def test_the_xlsx_has_the_same_table(client, planner, found):
    client.force_login(planner)
    response = client.get(reverse("kek_survey_export_xlsx", args=[found.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content))["Antworten"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Nr.", "Eingegangen am", "Teilnahme", "Wie kommen Sie zur Arbeit?")
    assert rows[1][0] == 1 and rows[1][2:] == (
        "mit Konto", "Bus", "Radwege; Ladesäulen", 4, FREE_TEXT
    )  # fmt: skip
    assert rows[2][2:] == ("ohne Konto", "Auto", None, None, "'=HYPERLINK(1)")


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(
    ("role", "where"),
    [("anonymous", ADMIN_LOGIN), ("participant", ADMIN_LOGIN), ("admin_user", DASHBOARD)],
)
def test_no_one_but_planners_gets_the_export(client, request, found, kind, role, where):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    response = client.get(reverse(f"kek_survey_export_{kind}", args=[found.pk]))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"].startswith(where)
    assert FREE_TEXT.encode() not in response.content


def test_the_export_refuses_a_signed_in_non_planner_with_403(rf, participant, found):
    """The view itself (behind Wagtail's admin check) answers 403 to a participant."""
    from django.core.exceptions import PermissionDenied

    from kek.surveys.admin_views import export_csv

    get = rf.get("/")
    get.user = participant
    with pytest.raises(PermissionDenied):
        export_csv(get, pk=found.pk)
