"""A moderator moderates only the districts assigned to them (SPEC §1)."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_lets_a_moderator_moderate_their_own_district(moderator, nordsachsen):
    from kek.participation.rules import moderates_district

    assert moderates_district(moderator, nordsachsen)


def test_it_refuses_a_moderator_of_another_district(other_moderator, nordsachsen):
    from kek.participation.rules import moderates_district

    assert not moderates_district(other_moderator, nordsachsen)


def test_it_refuses_a_participant(participant, nordsachsen):
    from kek.participation.rules import moderates_district

    assert not moderates_district(participant, nordsachsen)
