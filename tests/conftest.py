"""Shared fixtures. Django is imported inside the fixtures, so that the pure-module tests
also run without it (`pytest -p no:django tests/evaluation`)."""

import pytest


@pytest.fixture
def nordsachsen(db):
    """The shipped default content: regions, KEK Nordsachsen 2030 and its site."""
    from kek.core.defaults import load_defaults
    from kek.regions.models import Region

    load_defaults()
    return Region.objects.get(ags="14730")


@pytest.fixture
def concept(nordsachsen):
    from kek.goals.models import Concept

    return Concept.objects.get(region=nordsachsen, is_current=True)


@pytest.fixture
def planner(db):
    from .factories import UserFactory

    return UserFactory(username="planerin", groups=["planner"])


@pytest.fixture
def participant(db):
    from .factories import UserFactory

    return UserFactory(username="buerger")


@pytest.fixture
def admin_user(db):
    from .factories import UserFactory

    return UserFactory(username="it-admin", groups=["admin"])


@pytest.fixture
def site_for(db):
    """Create a public site for a region: site_for(region, "host.example")."""

    from kek.cms.sites import ensure_site

    def make(region, hostname: str):
        return ensure_site(region, hostname, {"title": f"KEK {region.name}"}, [])

    return make


@pytest.fixture
def kek():
    """Run a `kek` subcommand as `call_command` would: kek("import-concept", "--district", …)."""

    from django.core.management import call_command

    def run(*args: str) -> None:
        call_command("kek", *args)

    return run
