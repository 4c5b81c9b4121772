"""The dashboard reads at a glance (issue 11, "What the public sees, made right"): one status
vocabulary (the Open SDG progress measure's), the other methods' own results under "weitere
Bewertungen", a legend, icons instead of emoji, indicator progress and implementation progress
named apart, and per field of action a card with status, stacked bar, progress and data
completeness. Through HTTP."""

import datetime as dt
import re

import pytest
from django.test import override_settings

from kek.evaluation import statuses
from kek.goals.models import FieldOfAction, SubGoal
from kek.projects.evaluation import models_q
from kek.projects.models import Project, TargetIndicator

from .factories import MeasurementFactory, ProjectFactory, TargetIndicatorFactory

pytestmark = pytest.mark.django_db

OLD_GLYPHS = "★▲►▼✖☀⛅☁⛈⇈⇊"


@pytest.fixture
def concept(concept):
    """The current concept with a catalogue of its own (no change records for the clean-up)."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Project.objects.filter(concepts=concept).delete()
        TargetIndicator.objects.filter(models_q(concept)).delete()
    return concept


def measure(indicator, values: dict[int, float]) -> None:
    for year, value in values.items():
        MeasurementFactory(indicator=indicator, date=dt.date(year, 12, 31), value=value)


@pytest.fixture
def world(concept):
    """Field 1: an idea (0 % implemented) whose Open SDG indicator is on track. Field 4: a
    project whose indicators are rated by weather symbols (sun) and by the trend (stable)."""
    sub = SubGoal.objects.get(concept=concept, number="1.1.1")
    idea = ProjectFactory(concept=concept, number="P1", status="idea", subgoals=[sub])
    rising = TargetIndicatorFactory(project=idea, baseline_year=2015, baseline_value=100)
    measure(rising, {2020: 120})
    bus = ProjectFactory(
        concept=concept,
        number="P2",
        subgoals=[SubGoal.objects.get(concept=concept, number="4.1.1")],
    )
    sunny = TargetIndicatorFactory(
        project=bus, method="dns", target_value=130, target_year=2030, title="Fahrgäste"
    )
    measure(sunny, {2018: 100, 2019: 110, 2020: 120, 2021: 130})
    flat = TargetIndicatorFactory(project=bus, method="trend", title="Haltestellen")
    measure(flat, {2018: 100, 2021: 100.5})
    return {"idea": idea, "bus": bus}


def page(client, url: str = "/dashboard/") -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def card(html: str, number: str) -> str:
    """The card of field of action `number` in the dashboard's "Handlungsfelder"."""
    cards = html.split('id="handlungsfelder"')[1].split('<li class="kern-card">')[1:]
    return next(c for c in cards if f"Handlungsfeld {number}</p>" in c).split("</section>")[0]


def without_disclosures(html: str) -> str:
    """The page without its "weitere Bewertungen" disclosures and the legend."""
    html = html.split('id="legende"')[0]
    return re.sub(r'<details class="kek-more">.*?</details>', "", html, flags=re.S)


def test_it_speaks_one_status_vocabulary_with_the_other_methods_apart(client, world):
    html = page(client)
    main = without_disclosures(html)
    for other in ("Sonne", "Stabil", "Wolke", "Gewitter", "Verbesserung"):
        assert other not in main, other
    # The sun counts as on track, stable as needing acceleration (their score bands).
    field4 = card(main, "4")
    assert "Auf Kurs</span>: 1 (50 %)" in field4
    assert "Beschleunigung nötig</span>: 1 (50 %)" in field4
    # Their own results are under "weitere Bewertungen".
    more = re.findall(r'<details class="kek-more">.*?</details>', html, flags=re.S)
    assert any("weitere Bewertungen" in d and "Sonne" in d for d in more)
    assert any(
        "Wettersymbole der Deutschen Nachhaltigkeitsstrategie (1 Zielindikator)" in d for d in more
    )
    assert any("Trend ohne Zielwert" in d and "Stabil" in d for d in more)


def test_it_explains_each_status_and_the_method_in_a_legend(client, world):
    html = page(client)
    legend = html.split('id="legende"')[1].split("</section>")[0]
    assert "Open-SDG-Fortschrittsmaß" in legend
    for entry in statuses.LEGEND:
        assert entry.label.text in legend
        assert entry.meaning in legend
    assert "mindestens 95 % der bis zum Zieljahr nötigen" in legend
    assert "„Sonne“" in legend and "„Stabil“" in legend  # what counts as what
    assert "Wettersymbole der Deutschen Nachhaltigkeitsstrategie" in legend


@pytest.mark.parametrize("url", ["/dashboard/", "/dashboard/infrastruktur-mobilitaet/", "/"])
def test_it_shows_status_icons_as_inline_svg_never_as_emoji(client, world, url):
    html = page(client, url)
    assert '<svg class="kek-status__icon"' in html
    assert not set(OLD_GLYPHS) & set(html), url


def test_it_names_indicator_progress_and_implementation_apart(client, world):
    html = page(client)
    intro = html.split('id="zwei-blickwinkel"')[1].split("</section>")[0]
    assert "Zielerreichung laut Zielindikatoren" in intro
    assert "Umsetzungsstand der Projekte" in intro
    field1 = card(html, "1")
    assert "Auf Kurs" in field1 and "0 % umgesetzt" in field1
    assert "die Projekte sind aber noch nicht umgesetzt" in field1
    table = html.split('id="ziele"')[1].split("</section>")[0]
    assert "Zielerreichung laut Zielindikatoren</th>" in table
    assert "Umsetzungsstand der Projekte</th>" in table


def test_it_gives_each_field_of_action_a_card(client, world, concept):
    html = page(client)
    section = html.split('id="handlungsfelder"')[1].split("</section>")[0]
    cards = section.split("<details")[0].split('<li class="kern-card">')[1:]
    fields = FieldOfAction.objects.filter(concept=concept).order_by("position")
    assert len(cards) == fields.count()
    for field, card in zip(fields, cards, strict=True):
        assert f"Handlungsfeld {field.number}</p>" in card
        assert f'href="/dashboard/{field.slug}/"' in card
        assert "Zielerreichung laut Zielindikatoren" in card and "kern-badge" in card
        assert "Datenvollständigkeit" in card
    field4 = cards[3]
    # The stacked bar is hidden from assistive technology; its list says the same.
    assert '<div class="kek-stack" aria-hidden="true">' in field4
    assert field4.count("kek-stack__part ") == 2
    assert "<progress" in field4 and "50 % umgesetzt (Mittel aus 1 Projekt)" in field4
    assert "2 von 2 Zielindikatoren bewertbar (100 %)" in field4
    # The same numbers as a table.
    assert "<summary" in section and "<caption" in section


def test_it_has_no_emoji_or_symbol_glyphs_left_in_templates_or_code():
    from django.conf import settings

    base = settings.BASE_DIR
    found = [
        str(path.relative_to(base))
        for folder in ("kek", "templates")
        for path in (base / folder).rglob("*")
        if path.suffix in {".py", ".html", ".css", ".js"}
        and set(OLD_GLYPHS) & set(path.read_text(encoding="utf-8"))
    ]
    assert found == []
