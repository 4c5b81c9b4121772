"""Fixtures for the proposals tests: uploads land in a temp folder; the default content's open
proposal box of Nordsachsen (data/nordsachsen/proposals.yaml)."""

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(request):
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        yield
        return
    settings = request.getfixturevalue("settings")
    settings.MEDIA_ROOT = request.getfixturevalue("tmp_path") / "media"
    yield


@pytest.fixture
def box(nordsachsen):
    from kek.proposals.models import ProposalBox

    return ProposalBox.objects.get(district=nordsachsen)


@pytest.fixture
def author(db):
    from ..accounts.factories import UserFactory

    return UserFactory(username="verfasserin")
