"""Forum topics and proposals get the follow button through participation's subject parts."""

import pytest

from kek.follows import subjects

pytestmark = pytest.mark.django_db


def test_a_topic_page_has_the_follow_button(client, anna, nordsachsen, goal):
    from kek.forums.models import Topic

    topic = Topic(district=nordsachsen, title="Wie stärken wir Gründungen?")
    topic.set_subject(goal)
    topic.save()
    url = f"/beteiligung/foren/{topic.pk}/"
    client.force_login(anna)
    html = client.get(url).content.decode()
    assert f'action="/beteiligung/folgen/forums.topic/{topic.pk}/"' in html
    client.post(f"/beteiligung/folgen/forums.topic/{topic.pk}/", {"next": url})
    assert subjects.is_following(anna, topic)
    html = client.get(url).content.decode()
    assert f'action="/beteiligung/nicht-mehr-folgen/forums.topic/{topic.pk}/"' in html


def test_a_proposal_page_has_the_follow_button_and_its_author_follows(
    client, anna, ben, nordsachsen, field
):
    from .test_participation_triggers import proposal_of

    proposal = proposal_of(anna, nordsachsen, field)
    url = f"/beteiligung/vorschlaege/{proposal.pk}/"
    client.force_login(anna)
    html = client.get(url).content.decode()
    assert f'action="/beteiligung/nicht-mehr-folgen/proposals.proposal/{proposal.pk}/"' in html
    client.force_login(ben)
    html = client.get(url).content.decode()
    assert f'action="/beteiligung/folgen/proposals.proposal/{proposal.pk}/"' in html
