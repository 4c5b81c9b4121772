"""Booleans in the back office read "ja" or "nein", never "True"/"False" (issue 11): the
listing column kek.core.admin_columns.YesNoColumn and every boolean in an inspect view."""

import re
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.ui.tables import Table

from kek.core.admin_columns import YesNoColumn

pytestmark = pytest.mark.django_db


def definitions(html: str) -> dict[str, str]:
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", html, re.S)
    return {label.strip(): " ".join(value.split()) for label, value in pairs}


def test_it_shows_a_boolean_in_an_inspect_view_as_ja_or_nein(client, planner, nordsachsen):
    from kek.statistics.models import Indicator

    client.force_login(planner)
    for additive, expected in ((True, "ja"), (False, "nein")):
        indicator = Indicator.objects.filter(additive=additive).first()
        assert indicator is not None
        url = reverse("wagtailsnippets_statistics_indicator:inspect", args=[indicator.pk])
        shown = definitions(client.get(url).content.decode())
        assert shown["Summierbar"] == expected
        assert not {"True", "False"} & set(shown.values())


def test_it_shows_a_boolean_column_as_ja_nein_or_unbekannt():
    rows = [SimpleNamespace(flag=True), SimpleNamespace(flag=False), SimpleNamespace(flag=None)]
    column = YesNoColumn("flag", "Beispielinhalt")
    assert column.sort_key == "flag" and column.label == "Beispielinhalt"
    context = {"request": RequestFactory().get("/admin/")}
    html = Table([column], rows).render_html(context)
    cells = [" ".join(c.split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    assert cells == ["ja", "nein", "unbekannt"]
    assert "Beispielinhalt" in html
