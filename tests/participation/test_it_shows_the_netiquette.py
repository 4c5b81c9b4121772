"""The netiquette page: the default text, or the district's own page with the slug
"netiquette"; linked from every participation form (F25)."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_shows_the_default_netiquette(client, url, participable):
    response = client.get(url("netiquette"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Netiquette</h1>' in html
    assert "Bleiben Sie sachlich und respektvoll" in html


def test_it_shows_the_districts_own_page_instead(client, url, home):
    from kek.cms.models import StandardPage

    home.add_child(instance=StandardPage(title="Unsere Regeln", slug="netiquette",
                                         body="<p>Eigene Regeln des Landkreises</p>"))  # fmt: skip
    html = client.get(url("netiquette")).content.decode()
    assert "Eigene Regeln des Landkreises" in html
    assert "Bleiben Sie sachlich" not in html


def test_it_links_the_netiquette_from_the_forms(client, participant, author, participable, write,
                                                url, nordsachsen):  # fmt: skip
    comment = write(author)
    client.force_login(participant)
    for target in (url("comment_add", "regions-region", nordsachsen.pk),
                   url("comment_reply", comment.pk),
                   url("report", "participation-comment", comment.pk)):  # fmt: skip
        assert f'href="{url("netiquette")}">Netiquette</a>' in client.get(target).content.decode()
