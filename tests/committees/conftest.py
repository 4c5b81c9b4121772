import pytest

from .world import build


@pytest.fixture
def world(nordsachsen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build(nordsachsen)


@pytest.fixture
def member(world):
    return world.member


@pytest.fixture
def other_member(world):
    return world.other_member
