"""The district's start page and its footer pages, for every public template."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

FOOTER_SLUGS = ("impressum", "datenschutz", "barrierefreiheit")


def district(request: HttpRequest) -> dict:
    """Looked up only when a template uses it (the admin does not)."""

    def load() -> dict:
        site = Site.find_for_request(request)
        if site is None:
            return {}
        home = site.root_page.specific
        pages = {p.slug: p for p in home.get_children().live().filter(slug__in=FOOTER_SLUGS)}
        return {
            "home": home,
            "footer_pages": [pages[slug] for slug in FOOTER_SLUGS if slug in pages],
        }

    return {"district": SimpleLazyObject(load)}
