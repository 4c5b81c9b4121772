"""Reports and moderation work for any registered participable (a proposal, a topic), not
only for comments: `{% moderation_note subject %}` says what readers see instead (F25)."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from kek.participation.moderation import hidden_note
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_it_hides_a_reported_participable_and_the_moderator_decides(
    client, moderator, participable, url, nordsachsen
):
    target = url("report", "regions-region", nordsachsen.pk)
    for number in range(3):
        client.force_login(UserFactory(username=f"melder{number}"))
        client.post(target, {"reason": "spam"})
    assert hidden_note(nordsachsen).startswith("Dieser Beitrag ist bis zur Prüfung")

    client.force_login(moderator)
    assert "Nordsachsen" in client.get(reverse("kek_moderation")).content.decode()
    hide = reverse("kek_moderation_hide", args=["regions-region", nordsachsen.pk])
    client.post(hide, {"reason": "Werbung"})
    note = Template("{% load participation %}{% moderation_note s %}").render(
        Context({"s": nordsachsen})
    )
    assert note == "Von der Moderation ausgeblendet: Werbung"
    client.post(reverse("kek_moderation_restore", args=["regions-region", nordsachsen.pk]))
    assert hidden_note(nordsachsen) == ""
