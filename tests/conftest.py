import pytest
from django.core.management import call_command

from kek.cms.sites import ensure_site
from kek.core.defaults import load_defaults
from kek.goals.models import Concept
from kek.regions.models import Region

from .factories import UserFactory


@pytest.fixture
def nordsachsen(db) -> Region:
    """The shipped default content: regions, KEK Nordsachsen 2030 and its site."""
    load_defaults()
    return Region.objects.get(ags="14730")


@pytest.fixture
def concept(nordsachsen) -> Concept:
    return Concept.objects.get(region=nordsachsen, is_current=True)


@pytest.fixture
def planner(db):
    return UserFactory(username="planerin", groups=["planner"])


@pytest.fixture
def participant(db):
    return UserFactory(username="buerger")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="it-admin", groups=["admin"])


@pytest.fixture
def site_for(db):
    """Create a public site for a region: site_for(region, "host.example")."""

    def make(region: Region, hostname: str):
        return ensure_site(region, hostname, {"title": f"KEK {region.name}"}, [])

    return make


@pytest.fixture
def kek():
    """Run a `kek` subcommand as `call_command` would: kek("import-concept", "--district", …)."""

    def run(*args: str) -> None:
        call_command("kek", *args)

    return run
