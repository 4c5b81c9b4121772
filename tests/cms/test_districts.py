"""Several districts on one installation, each on its own host name (F4)."""

import pytest

from kek.goals import exchange
from kek.goals.concept_db import export_district, import_district
from kek.goals.models import FieldOfAction
from kek.regions.models import Region

pytestmark = pytest.mark.django_db

LEIPZIG_HOST = "kek.leipzig.example"


@pytest.fixture
def leipzig(nordsachsen, site_for, settings):
    settings.ALLOWED_HOSTS = ["*"]
    region = Region.objects.get(ags="14729")
    data = export_district(nordsachsen)
    version = data.versions[0]
    version.title = "Entwicklungskonzept Landkreis Leipzig 2035"
    version.fields = [
        exchange.Goal(
            level="field", title="Klima & Energie", vision="Leipziger Land ist klimaneutral."
        )
    ]
    import_district(region, data)
    site_for(region, LEIPZIG_HOST)
    return region


def test_each_host_shows_only_its_own_district(client, leipzig):
    nordsachsen = client.get("/zielsystem/", HTTP_HOST="localhost").content.decode()
    leipzig_html = client.get("/zielsystem/", HTTP_HOST=LEIPZIG_HOST).content.decode()
    assert "Wirtschaft &amp; Innovation" in nordsachsen
    assert "Klima &amp; Energie" not in nordsachsen
    assert "Klima &amp; Energie" in leipzig_html
    assert "Wirtschaft &amp; Innovation" not in leipzig_html
    assert "Entwicklungskonzept Landkreis Leipzig 2035" in leipzig_html


def test_a_district_cannot_reach_the_other_districts_goal_pages(client, leipzig):
    field = FieldOfAction.objects.get(concept__region=leipzig)
    own = client.get(f"/handlungsfelder/{field.slug}/", HTTP_HOST=LEIPZIG_HOST)
    assert own.status_code == 200
    assert "Leipziger Land ist klimaneutral." in own.content.decode()
    assert client.get(f"/handlungsfelder/{field.slug}/", HTTP_HOST="localhost").status_code == 404
    assert (
        client.get("/handlungsfelder/wirtschaft-innovation/", HTTP_HOST=LEIPZIG_HOST).status_code
        == 404
    )
    assert client.get("/ziele/1.1/", HTTP_HOST=LEIPZIG_HOST).status_code == 404


def test_editorial_pages_belong_to_their_district(client, leipzig):
    imprint = client.get("/impressum/", HTTP_HOST="localhost")
    assert imprint.status_code == 200
    assert "Herausgeber: Landkreis Nordsachsen" in imprint.content.decode()
    assert client.get("/impressum/", HTTP_HOST=LEIPZIG_HOST).status_code == 404
    start = client.get("/", HTTP_HOST=LEIPZIG_HOST).content.decode()
    assert "Kreisentwicklung – Leipzig" in start and "Nordsachsen" not in start


def test_the_create_site_command_makes_a_site_for_a_district(nordsachsen, kek, client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    kek("create-site", "--district", "14729", "--hostname", "leipzig.test")
    response = client.get("/", HTTP_HOST="leipzig.test")
    assert response.status_code == 200
    assert "Kreisentwicklung Leipzig" in response.content.decode()
    # Without a concept the start page says so instead of showing another district's goals.
    assert "Noch keine Handlungsfelder veröffentlicht" in response.content.decode()
