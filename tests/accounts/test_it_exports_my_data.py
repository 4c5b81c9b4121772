"""'Meine Daten' (F25): one ZIP with daten.json, uebersicht.html and a CSV per part, holding
exactly the signed-in user's data; every export is logged."""

import io
import json
import zipfile

import pytest

from kek.accounts.models import AccountEvent
from kek.projects.models import EvaluationSnapshot

from .conftest import PASSWORD, self_registered

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_users(concept, reports_entry, client):
    anna = self_registered("konto-anna", "anna@example.org", "Anna", organisation="Heimatverein")
    berta = self_registered("konto-berta", "berta@example.org", "Berta B.")
    EvaluationSnapshot.objects.create(concept=concept, title="Annas Bericht", taken_by=anna)
    EvaluationSnapshot.objects.create(concept=concept, title="Bertas Bericht", taken_by=berta)
    for user in (berta, anna):  # sign-ins of both, anna's last (she stays signed in)
        client.post("/anmelden/", {"username": user.email, "password": PASSWORD})
        if user is berta:
            client.post("/abmelden/")
    return anna, berta


def download(client) -> zipfile.ZipFile:
    response = client.post("/konto/meine-daten/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="meine-daten-')
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_zip_holds_exactly_the_users_data(client, two_users):
    anna, berta = two_users
    archive = download(client)
    names = set(archive.namelist())
    assert {"daten.json", "uebersicht.html", "konto.csv", "profil.csv", "anmeldungen.csv",
            "e_mail_adressen.csv", "berichte.csv"} <= names  # fmt: skip
    data = json.loads(archive.read("daten.json"))
    parts = data["teile"]
    assert parts["konto"]["eintraege"][0]["e_mail"] == "anna@example.org"
    profile = parts["profil"]["eintraege"][0]
    assert (profile["anzeigename"], profile["organisation"]) == ("Anna", "Heimatverein")
    assert profile["datenschutz_fassung"] == "1" and profile["datenschutz_eingewilligt_am"]
    assert [row["titel"] for row in parts["berichte"]["eintraege"]] == ["Annas Bericht"]
    sign_ins = parts["anmeldungen"]["eintraege"]
    assert [row["ereignis"] for row in sign_ins] == ["Angemeldet"]
    everything = "".join(archive.read(name).decode("utf-8-sig") for name in names)
    for other in ("berta", "Berta", "Bertas Bericht"):
        assert other not in everything
    html = archive.read("uebersicht.html").decode()
    assert "<h2>Evaluierungsberichte</h2>" in html and "Annas Bericht" in html
    csv = archive.read("berichte.csv").decode("utf-8-sig")
    assert csv.splitlines()[0] == "titel;anmerkung;stand"


def test_each_export_is_logged(client, two_users):
    anna, _ = two_users
    download(client)
    event = AccountEvent.objects.get()
    assert (event.user, event.kind) == (anna, "export")


def test_the_page_explains_and_needs_a_sign_in(client, two_users):
    html = client.get("/konto/meine-daten/").content.decode()
    assert "Evaluierungsberichte" in html and 'method="post"' in html
    client.post("/abmelden/")
    response = client.post("/konto/meine-daten/")
    assert response["Location"] == "/anmelden/?next=/konto/meine-daten/"
    assert not AccountEvent.objects.exists()
