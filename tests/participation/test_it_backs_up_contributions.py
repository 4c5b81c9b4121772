"""A district's backup holds its comments (threaded), ratings, reports, moderation log and
blocks; a restore points them at the restored topic or proposal (kek.participation.backup,
the engine's GenericLink in kek.core.backup and kek.core.restore)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from kek.cms.models import DistrictHomePage
from kek.core.routes import route_url
from kek.forums.models import Topic
from kek.participation.models import Block, Comment, ModerationAction, Rating, Report
from kek.proposals.models import Proposal, ProposalBox
from kek.regions.models import Region
from tests.accounts.factories import UserFactory
from tests.core.backups import back_up
from tests.forums.world import topic as make_topic
from tests.proposals.world import proposal as make_proposal

LEIPZIG = "14729"
MODELS = (Comment, Rating, Report, ModerationAction, Block)


def on(subject, author, text, parent=None) -> Comment:
    return Comment.objects.create(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        district=subject.district,
        author=author,
        parent=parent,
        depth=parent.depth + 1 if parent else 1,
        text=text,
    )


def about(subject) -> dict:
    return {"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk}


@pytest.fixture
def world(nordsachsen, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    author = UserFactory(username="verfasserin")
    reader = UserFactory(username="leserin")
    moderator = UserFactory(username="moderatorin")
    topic = make_topic(nordsachsen, "Radwege im Kreis")
    first = on(topic, author, "Der erste Beitrag.")
    reply = on(topic, reader, "Eine Antwort.", parent=first)
    on(topic, author, "Die Antwort auf die Antwort.", parent=reply)
    Rating.objects.create(**about(topic), district=nordsachsen, user=reader, value="agree")
    Rating.objects.create(**about(first), district=nordsachsen, user=reader, value="disagree")
    Report.objects.create(**about(first), district=nordsachsen, reporter=reader, reason="spam")
    ModerationAction.objects.create(
        **about(first), moderator=moderator, action="review", district=nordsachsen,
        item_label="Kommentar",
    )  # fmt: skip
    Block.objects.create(
        user=author, until=timezone.now() + timedelta(days=7), district=nordsachsen,
        created_by=moderator, reason="Spam",
    )  # fmt: skip
    box = ProposalBox.objects.filter(district=nordsachsen).first()
    proposal = make_proposal(box, author=author, title="Bürgerbus")
    on(proposal, reader, "Ein Kommentar zum Vorschlag.")
    return {"topic": topic, "proposal": proposal, "path": back_up(tmp_path / "kreis.zip")}


def counts(region) -> dict[str, int]:
    return {m._meta.label: m.objects.filter(district=region).count() for m in MODELS}


def test_the_copy_points_at_its_own_topic_and_proposal(world, client):
    nordsachsen = Region.objects.get(ags="14730")
    before = counts(nordsachsen)
    assert before == {
        "participation.Comment": 4, "participation.Rating": 2, "participation.Report": 1,
        "participation.ModerationAction": 1, "participation.Block": 1,
    }  # fmt: skip

    call_command("kek", "restore", "--district", LEIPZIG, str(world["path"]))

    leipzig = Region.objects.get(ags=LEIPZIG)
    assert counts(leipzig) == before and counts(nordsachsen) == before
    topic = Topic.objects.get(district=leipzig, title="Radwege im Kreis")
    proposal = Proposal.objects.get(district=leipzig, title="Bürgerbus")
    assert topic.pk != world["topic"].pk and proposal.pk != world["proposal"].pk

    thread = Comment.objects.filter(**about(topic)).order_by("depth")
    assert [(c.text, c.depth) for c in thread] == [
        ("Der erste Beitrag.", 1), ("Eine Antwort.", 2), ("Die Antwort auf die Antwort.", 3),
    ]  # fmt: skip
    first, reply, last = thread
    assert (reply.parent, last.parent) == (first, reply)
    assert first.district == leipzig and first.author.username == "verfasserin"
    assert [c.subject for c in Comment.objects.filter(**about(proposal))] == [proposal]
    assert Comment.objects.get(district=leipzig, text="Ein Kommentar zum Vorschlag.").subject == (
        proposal
    )

    ratings = Rating.objects.filter(district=leipzig)
    assert {(r.subject, r.value) for r in ratings} == {(topic, "agree"), (first, "disagree")}
    assert Report.objects.get(district=leipzig).subject == first
    action = ModerationAction.objects.get(district=leipzig)
    assert action.item == first and action.moderator.username == "moderatorin"
    block = Block.objects.get(district=leipzig)
    assert block.user.username == "verfasserin" and block.created_by.username == "moderatorin"
    # The original still has its own.
    assert Comment.objects.filter(**about(world["topic"])).count() == 3


def test_replace_in_the_same_district_keeps_the_counts_and_the_thread(world, client):
    nordsachsen = Region.objects.get(ags="14730")
    before = counts(nordsachsen)

    call_command("kek", "restore", "--replace", str(world["path"]))

    assert counts(nordsachsen) == before
    assert Comment.objects.count() == before["participation.Comment"]
    topic = Topic.objects.get(district=nordsachsen, title="Radwege im Kreis")
    last = Comment.objects.get(**about(topic), depth=3)
    assert last.parent.parent.text == "Der erste Beitrag."
    home = DistrictHomePage.objects.get(region=nordsachsen)
    page = client.get(route_url("topic", home, pk=topic.pk))
    assert page.status_code == 200
    assert "Die Antwort auf die Antwort." in page.content.decode()


def test_a_contribution_whose_subject_is_gone_is_left_out_with_a_note(world, capsys):
    nordsachsen = Region.objects.get(ags="14730")
    gone = make_topic(nordsachsen, "Gelöscht")
    orphan = on(gone, None, "Ohne Thema.")
    ModerationAction.objects.create(
        **about(gone), action="hide", district=nordsachsen, item_label="Gelöscht"
    )
    Topic.objects.filter(pk=gone.pk).delete()
    path = back_up(world["path"].with_name("mit-waise.zip"))

    call_command("kek", "restore", "--district", LEIPZIG, str(path))

    assert "1 Kommentare ausgelassen: ihr Gegenstand war nicht in der Sicherung." in (
        capsys.readouterr().out
    )
    leipzig = Region.objects.get(ags=LEIPZIG)
    assert not Comment.objects.filter(district=leipzig, text=orphan.text).exists()
    kept = ModerationAction.objects.get(district=leipzig, item_label="Gelöscht")
    assert kept.content_type is None and kept.object_id is None
