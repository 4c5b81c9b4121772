"""Fixtures of the participation tests: a test-only participable (the district's Region
itself: district = the region, phase and pre-moderation switchable, address = the start
page), registered for the test's duration; background jobs run at once; the author of a
comment as a role of the permission walk."""

from __future__ import annotations

from dataclasses import dataclass

import pytest


@dataclass
class Switches:
    """What the test participable answers: its phase ("before", "open", "closed") and whether
    it is pre-moderated."""

    state: str = "open"
    premoderated: bool = False

    def is_open(self) -> bool:
        return self.state == "open"

    def phase(self) -> str:
        return self.state


@pytest.fixture(autouse=True)
def immediate_tasks(request):
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    }
    settings.DEFAULT_FROM_EMAIL = "Kreisentwicklung <kek@nordsachsen.example>"
    yield


@pytest.fixture
def switches() -> Switches:
    return Switches()


@pytest.fixture
def participable(nordsachsen, switches):
    """`regions.region` as a participable while the test runs (kind "regions-region")."""
    from kek.core.routes import base_url
    from kek.participation.registry import Participable, participables

    entry = Participable(
        label="regions.region",
        district=lambda region: region,
        phase=lambda region: switches,
        premoderated=lambda region: switches.premoderated,
        url=lambda region, home: base_url(home),
        title=lambda region: region.name,
    )
    participables.register(entry)
    yield entry
    participables.unregister("regions.region")


@pytest.fixture
def home(nordsachsen):
    from kek.cms.models import DistrictHomePage

    return DistrictHomePage.objects.get(region=nordsachsen)


@pytest.fixture
def author(db):
    from tests.accounts.factories import UserFactory

    return UserFactory(username="verfasserin", email="verfasserin@example.org")


@pytest.fixture
def url(home):
    """url("comment_add", "regions-region", 14730): a route's address on the district's site."""
    from kek.core.routes import route_url

    def make(name: str, *args):
        return route_url(name, home, *args)

    return make


@pytest.fixture
def write(participable, nordsachsen, url):
    """write(user, text): a comment on the district (the test participable) as `user`."""
    from kek.participation import comments

    def make(user, text="Ein Beitrag.", parent=None):
        return comments.create(nordsachsen, user, text, parent)

    return make
