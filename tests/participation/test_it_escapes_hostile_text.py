"""User text is plain text (F25): escaped on output, line breaks kept, only http(s) addresses
become links (rel="nofollow ugc"), `javascript:` never; overlong texts are refused in German."""

import pytest

from kek.participation.models import Comment
from kek.participation.templatetags.participation import plain_text


def test_it_escapes_markup_and_script():
    html = plain_text('<script>alert("x")</script>\n<a href="javascript:alert(1)">klick</a>')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<a href" not in html and "&lt;a href=&quot;javascript:alert(1)&quot;&gt;" in html


def test_it_links_only_http_and_https():
    html = plain_text("Siehe https://example.org/plan?a=1&b=2. Oder javascript:alert(1) oder "
                      "ftp://example.org und data:text/html,x")  # fmt: skip
    assert html.count("<a ") == 1
    assert 'href="https://example.org/plan?a=1&amp;b=2"' in html
    assert 'rel="nofollow ugc"' in html
    assert 'href="javascript' not in html and 'href="ftp' not in html


def test_it_does_not_let_a_link_break_out_of_its_attribute():
    html = plain_text('http://example.org/"onmouseover="alert(1)')
    assert 'href="http://example.org/"' in html
    assert "onmouseover=&quot;" in html


def test_it_keeps_line_breaks_inline():
    html = plain_text("Erste Zeile\r\nzweite Zeile\n\n\nNeuer Absatz\n")
    assert html == "Erste Zeile<br>zweite Zeile<br><br>Neuer Absatz"


@pytest.mark.django_db
def test_it_shows_a_hostile_comment_escaped_on_the_reply_page(
    client, participant, participable, nordsachsen, url
):
    client.force_login(participant)
    text = '<script>alert("böse")</script> javascript:alert(1) https://example.org'
    client.post(url("comment_add", "regions-region", nordsachsen.pk), {"text": text})
    comment = Comment.objects.get()
    html = client.get(url("comment_reply", comment.pk)).content.decode()
    assert '<script>alert("böse")' not in html
    assert "&lt;script&gt;alert(&quot;böse&quot;)&lt;/script&gt;" in html
    assert 'href="javascript' not in html
    assert '<a class="kern-link" href="https://example.org" rel="nofollow ugc">' in html


@pytest.mark.django_db
def test_it_refuses_a_text_of_10000_characters_with_a_german_message(
    client, participant, participable, nordsachsen, url
):
    client.force_login(participant)
    target = url("comment_add", "regions-region", nordsachsen.pk)
    response = client.post(target, {"text": "x" * 10_000})
    assert response.status_code == 200
    assert "Ihr Beitrag ist zu lang: höchstens 5.000 Zeichen (jetzt 10000)" in (
        response.content.decode()
    )
    assert not Comment.objects.exists()
    assert client.post(target, {"text": "x" * 5_000}).status_code == 302
    assert len(Comment.objects.get().text) == 5_000
