"""Notifications from the participation formats: a reply to my comment (participation's
`comment_posted`), the published answer to a proposal (proposals' `answer_published`: author
and followers, once per publication), authors following their own proposals, and a new forum
topic on a followed field of action or goal (followers of any version's row of it)."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone

from kek.follows import subjects
from kek.follows.models import Notification

pytestmark = pytest.mark.django_db


def comment(subject, author, text, parent=None):
    from kek.participation import signals
    from kek.participation.models import Comment

    made = Comment.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        district_id=subjects.district_id(subject),
        author=author,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        text=text,
    )
    signals.comment_posted.send(sender=Comment, comment=made)
    return made


def test_a_reply_notifies_the_parents_author(anna, ben, project, run_on_commit):
    with run_on_commit():
        first = comment(project, anna, "Gute Idee.")
        reply = comment(project, ben, "Finde ich auch!", parent=first)
        comment(project, anna, "Danke.", parent=reply)  # to ben
        comment(project, anna, "Nachtrag.", parent=first)  # her own: nothing
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]
    to_anna = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    assert "Finde ich auch!" in to_anna.body
    assert "weil jemand auf Ihren Kommentar" in to_anna.body
    assert f"#kommentar-{reply.pk}" in to_anna.body
    assert "List-Unsubscribe" in to_anna.extra_headers


def test_the_same_reply_heard_twice_notifies_once(anna, ben, project):
    from kek.participation import signals
    from kek.participation.models import Comment

    first = comment(project, anna, "Gute Idee.")
    reply = comment(project, ben, "Ja.", parent=first)
    signals.comment_posted.send(sender=Comment, comment=reply)
    assert Notification.objects.filter(user=anna).count() == 1


def proposal_of(author, district, field):
    from kek.proposals.models import Proposal, ProposalBox

    now = timezone.now()
    box = ProposalBox.objects.create(
        district=district, title="Ideen", opens_at=now - dt.timedelta(days=1),
        closes_at=now + dt.timedelta(days=30),
    )  # fmt: skip
    return Proposal.objects.create(
        box=box, district=district, author=author, title="Mehr Radwege", text="Bitte.",
        field_key=field.key,
    )  # fmt: skip


def test_authors_follow_their_proposals(anna, nordsachsen, field):
    proposal = proposal_of(anna, nordsachsen, field)
    assert subjects.is_following(anna, proposal)


def test_a_published_answer_notifies_author_and_followers(
    anna, ben, person, nordsachsen, field, run_on_commit
):
    from kek.proposals.models import Proposal
    from kek.proposals.signals import answer_published

    proposal = proposal_of(anna, nordsachsen, field)
    subjects.follow(ben, proposal)
    proposal.published_answer = "Wir nehmen den Vorschlag auf."
    proposal.answer_published_at = timezone.now()
    proposal.save()
    with run_on_commit():
        answer_published.send(sender=Proposal, proposal=proposal)
        answer_published.send(sender=Proposal, proposal=proposal)  # the same publication
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.org", "ben@example.org"]
    to_anna = next(m for m in mail.outbox if m.to == ["anna@example.org"])
    to_ben = next(m for m in mail.outbox if m.to == ["ben@example.org"])
    assert "Wir nehmen den Vorschlag auf." in to_anna.body
    assert "weil Sie den Vorschlag „Mehr Radwege“ eingereicht haben" in to_anna.body
    assert "weil Sie dem Vorschlag „Mehr Radwege“ folgen" in to_ben.body


def test_a_new_topic_notifies_the_followers_of_its_goal(anna, ben, nordsachsen, goal, field,
                                                        run_on_commit):  # fmt: skip
    from kek.forums.models import Topic

    subjects.follow(anna, goal)
    subjects.follow(ben, field)  # the field, not the goal: nothing
    topic = Topic(district=nordsachsen, title="Wie stärken wir Gründungen?")
    topic.set_subject(goal)
    with run_on_commit():
        topic.save()
    assert [m.to for m in mail.outbox] == [["anna@example.org"]]
    message = mail.outbox[0]
    assert "Wie stärken wir Gründungen?" in message.subject
    assert f"weil Sie dem strategischen Ziel „{goal.number} {goal.title}“ folgen" in message.body
    topic.title = "Geändert"
    topic.save()
    assert Notification.objects.count() == 1
