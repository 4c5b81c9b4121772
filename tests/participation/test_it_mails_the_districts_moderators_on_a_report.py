"""A new report is mailed to the moderators of the item's district only (not to every admin,
not to other districts' moderators), by a background job (F25)."""

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_it_mails_only_the_moderators_of_the_district(
    client, author, participant, moderator, other_moderator, admin_user, planner, participable,
    write, url,
):  # fmt: skip
    from tests.accounts.factories import UserFactory

    for user, address in [(moderator, "mod@nordsachsen.example"),
                          (other_moderator, "mod@leipzig.example"),
                          (admin_user, "it@nordsachsen.example"),
                          (planner, "plan@nordsachsen.example")]:  # fmt: skip
        user.email = address
        user.save()
    superuser = UserFactory(username="chefin", email="su@example.org", is_superuser=True)
    assert superuser.is_superuser
    comment = write(author, "Gemeldeter Beitrag")
    client.force_login(participant)
    response = client.post(
        url("report", "participation-comment", comment.pk),
        {"reason": "spam", "text": "Werbung für Kaffeefahrten"},
    )
    assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["mod@nordsachsen.example"]]
    message = mail.outbox[0]
    assert message.subject == "Neue Meldung in der Beteiligung: Spam"
    assert "Gemeldeter Beitrag" in message.body and "Werbung für Kaffeefahrten" in message.body
    assert "/admin/kek/moderation/" in message.body
    assert participant.username not in message.body
