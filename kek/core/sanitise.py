"""Content from files is user input (default-content folders, issue 16): rich text is cleaned
to what the receiving Wagtail field allows, addresses keep to http, https and mailto.

* `rich_text(html, features)` keeps only the elements and attributes of the field's Wagtail
  rich-text features (plus paragraphs and line breaks), drops ``<script>``/``<style>`` with their
  content, every event-handler attribute and every link whose address is not http, https or
  mailto (nh3, the maintained Rust-backed successor of bleach). Embedded images and media are
  never taken from a file: they refer to database rows.
* `web_url` is the validator of the URL fields a file can fill (a document's address: http and
  https; ``javascript:``, ``data:``, ``ftp:`` … are refused, in the back office as in a file).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

import nh3
from django.core.validators import URLValidator

SCHEMES = ("http", "https", "mailto")
WEB_SCHEMES = ["http", "https"]

web_url = URLValidator(
    schemes=WEB_SCHEMES, message="Erlaubt sind nur Adressen mit http:// oder https://."
)
_SELECTOR = re.compile(r"^([a-z0-9]+)")
# Attributes an element of a feature needs in Wagtail's database format.
_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
_ALWAYS = {"p", "br"}


def rich_text(html: str, features: Iterable[str] | None = None) -> str:
    """`html` with only what the rich-text `features` allow (None: Wagtail's default set)."""
    tags, attributes = _allowed(tuple(features) if features is not None else None)
    return nh3.clean(
        html,
        tags=set(tags),
        attributes={tag: set(names) for tag, names in attributes.items()},
        url_schemes=set(SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


@cache
def _allowed(
    features: tuple[str, ...] | None,
) -> tuple[frozenset[str], dict[str, frozenset[str]]]:
    from wagtail.rich_text import features as registry

    names = features if features is not None else tuple(registry.get_default_features())
    tags = set(_ALWAYS)
    for name in names:
        rule = registry.get_converter_rule("contentstate", name)
        for selector in (rule or {}).get("from_database_format", {}):
            match = _SELECTOR.match(selector)
            if match and match.group(1) != "embed":
                tags.add(match.group(1))
    attributes = {tag: frozenset(_ATTRIBUTES[tag]) for tag in tags if tag in _ATTRIBUTES}
    return frozenset(tags), attributes
