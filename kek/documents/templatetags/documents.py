"""``{% load documents %}``: the blocks of a generated document in HTML, for the web page
"Endbericht" (mode "web") and the PDF (mode "print").

* ``{% document_blocks blocks "web" %}`` (optional ``depth=2``: the heading level of the
  section the blocks stand in),
* ``{% document_section section 2 "web" %}``: heading ``h2``, blocks and sub-sections.

Figures and tables are numbered through the whole template render ("Abbildung 3"), also
across several tags on one page."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString

from ..document import Block, Section
from ..html import WEB, Numbering, render_blocks, render_section

register = template.Library()
NUMBERING = "kek_document_numbering"


def numbering(context: Context) -> Numbering:
    """The render's numbering (given by the caller as ``numbering``, else one per render)."""
    given = context.get("numbering")
    if isinstance(given, Numbering):
        return given
    found = context.render_context.get(NUMBERING)
    if found is None:
        found = Numbering()
        context.render_context[NUMBERING] = found
    return found


@register.simple_tag(takes_context=True)
def document_blocks(
    context: Context, blocks: Iterable[Block], mode: str = WEB, depth: int | None = None
) -> SafeString:
    return render_blocks(blocks, mode, numbering(context), depth)


@register.simple_tag(takes_context=True)
def document_section(
    context: Context, section: Section, depth: int = 1, mode: str = WEB
) -> SafeString:
    return render_section(section, depth, mode, numbering(context))
