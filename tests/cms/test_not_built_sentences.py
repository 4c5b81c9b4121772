"""A start-page section that no app fills yet says in correct German what will come there:
verb and pronoun agree with the thing that comes (issue 11: "Eine Zeitleiste … erscheint
hier, sobald es verfügbar ist", "Presseserie, Diskussionsforen … wird")."""

import re

import pytest

from kek.cms.sections import SECTIONS

# Every section is filled today: "beteiligung" by the press series and events,
# "projektverlauf" by the timeline, "endbericht" by the documents (kek.documents).
EXPECTED: dict[str, str] = {}


def sections_of(html: str) -> dict[str, str]:
    starts = list(re.finditer(r'<section aria-labelledby="([a-z]+)" class="kek-section">', html))
    ends = [m.start() for m in starts[1:]] + [len(html)]
    return {m.group(1): html[m.start() : end] for m, end in zip(starts, ends, strict=True)}


def notice(section_html: str) -> str:
    body = section_html.split('kek-not-built"', 1)[1]
    return re.sub(r"\s+", " ", re.search(r'<p class="kern-body">(.*?)</p>', body, re.S)[1])


@pytest.mark.django_db
def test_it_says_in_correct_german_what_each_unbuilt_section_will_show(client, concept):
    sections = sections_of(client.get("/").content.decode())
    unbuilt = {key for key, html in sections.items() if "kek-not-built" in html}
    assert unbuilt == set(EXPECTED)
    for key, sentence in EXPECTED.items():
        assert notice(sections[key]) == sentence, key
    assert "sobald es verfügbar ist" not in "".join(sections.values())


def test_it_keeps_every_notice_a_whole_sentence():
    for section in SECTIONS:
        if section.coming:
            assert section.coming[0].isupper() and section.coming.endswith("."), section.key
            plural = " werden " in section.coming
            assert ("sobald sie verfügbar sind." if plural else "sobald sie verfügbar ist.") in (
                section.coming
            ), section.key
