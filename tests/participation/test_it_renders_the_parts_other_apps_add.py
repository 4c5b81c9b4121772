"""`{% subject_parts subject %}` renders the parts apps registered for the subject's model
(kek.participation.registry.subject_parts), e.g. the follow button."""

import pytest
from django.template import Context, Template

from kek.core.registry import PagePart
from kek.participation.registry import subject_parts

pytestmark = pytest.mark.django_db


def test_it_renders_the_registered_part_with_its_context(rf, participant, home, nordsachsen):
    seen = []

    def context(request, home_page, subject):
        seen.append((request.user, home_page, subject))
        return {"test_name": f"<{subject.name}>"}

    part = PagePart("test-part", "regions.region", "participation/_netiquette_link.html", context)
    subject_parts.register(part)
    try:
        request = rf.get("/")
        request.user = participant
        html = Template("{% load participation %}{% subject_parts s %}").render(
            Context({"request": request, "page": home, "s": nordsachsen})
        )
    finally:
        subject_parts.unregister("test-part")
    assert "Netiquette" in html
    assert seen == [(participant, home, nordsachsen)]


def test_it_renders_nothing_without_parts(rf, participant, home, nordsachsen):
    request = rf.get("/")
    request.user = participant
    html = Template("{% load participation %}{% subject_parts s %}").render(
        Context({"request": request, "page": home, "s": nordsachsen})
    )
    assert html == ""
