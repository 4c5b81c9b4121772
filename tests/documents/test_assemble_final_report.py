"""The Endbericht Langfassung and Kurzfassung assembled from the default content (Nordsachsen),
each once for the module: chapters in the report's order, the Leitbilder, real figures with
their day, the Quellenverzeichnis, the cover of the adopted version."""

import re

import pytest

from kek.documents.document import Figure, KeyFigures, Paragraph, Section, Table

# The marker makes pytest-django set the test database up even when this module runs alone.
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def reports(django_db_setup, django_db_blocker):
    from kek.core.defaults import load_defaults
    from kek.documents.assemble import final_report
    from kek.goals.models import Concept
    from kek.statistics.models import Indicator

    with django_db_blocker.unblock():
        if not Concept.objects.filter(region__ags="14730").exists():
            load_defaults()  # on SQLite a transactional test before may have emptied it
        concept = Concept.objects.get(region__ags="14730", is_current=True)
        return {
            "long": final_report.long(concept),
            "short": final_report.short(concept),
            "visions": [f.vision for f in concept.fields_of_action.all() if f.vision],
            "tables": sorted(
                set(Indicator.objects.exclude(table_code="").values_list("table_code", flat=True))
            ),  # fmt: skip
        }


def text_of(document) -> str:
    parts = [section.heading for _, section in document.walk()]
    for _, section in document.walk():
        for block in section.blocks:
            parts.append(block_text(block))
    return " ".join(" ".join(parts).split())


def block_text(block) -> str:
    if isinstance(block, Table):
        return " ".join([block.caption, *block.columns, *(c for row in block.rows for c in row)])
    if isinstance(block, KeyFigures):
        return " ".join(f"{label}: {value}" for label, value in block.items)
    if isinstance(block, Figure):
        return f"{block.caption} {block.chart.description}"
    return " ".join(str(v) for v in vars(block).values() if isinstance(v, str))


def chapter(document, title: str) -> Section:
    return next(s for s in document.sections if s.title == title)


def test_the_langfassung_has_the_chapters_of_the_real_report_in_order(reports):
    headings = [s.heading for s in reports["long"].sections]
    assert headings == [
        "1 Aufgabe und Vorgehen",
        "2 Makrolage",
        "3 Sozioökonomische Rahmenbedingungen",
        "4 Zielsystem",
        "5 Ausblick: Umsetzung und Evaluierung",
        "Anlage: Projektkatalog",
        "Quellenverzeichnis",
    ]
    assert reports["long"].kind == "endbericht-langfassung"
    assert reports["long"].file_stem == "KEK-Nordsachsen-2030-Endbericht-Langfassung-Fassung-1"


def test_both_state_the_four_leitbilder(reports):
    assert len(reports["visions"]) == 4
    for document in (reports["long"], reports["short"]):
        text = text_of(document)
        for vision in reports["visions"]:
            assert " ".join(vision.split()) in text


def test_the_inhabitants_are_shown_with_their_day(reports):
    for document in (reports["long"], reports["short"]):
        figures = [b for _, s in document.walk() for b in s.blocks if isinstance(b, KeyFigures)]
        shown = dict(item for block in figures for item in block.items)
        assert shown.get("Bevölkerung am 31.12.2024") == "199.422"
    assert "199.422" in text_of(reports["long"])


def test_the_process_timeline_is_a_table_in_chapter_one(reports):
    task = chapter(reports["long"], "Aufgabe und Vorgehen")
    timeline = next(c for c in task.children if c.title == "Der Weg zum KEK")
    table = timeline.blocks[0]
    assert isinstance(table, Table) and table.columns == ("Phase", "Meilenstein", "Zeit", "Stand")
    assert len(table.rows) >= 10
    assert any("2021" in row[2] for row in table.rows)


def test_the_makrolage_has_the_map_of_the_municipalities(reports):
    location = chapter(reports["long"], "Makrolage")
    maps = [b for b in location.blocks if isinstance(b, Figure) and "Gemeinden" in b.caption]
    assert maps and len(maps[0].chart.rows) >= 30  # all 30 of today, and former ones


def test_each_topic_compares_the_district_with_land_and_germany(reports):
    conditions = chapter(reports["long"], "Sozioökonomische Rahmenbedingungen")
    topics = [c for c in conditions.children if c.title != "SWOT-Analyse"]
    assert [t.number for t in topics] == [f"3.{i}" for i in range(1, len(topics) + 1)]
    demography = next(t for t in topics if t.title == "Demografie")
    table = demography.blocks[1]
    assert table.columns[3:] == ("Nordsachsen", "Sachsen", "Deutschland")
    density = next(row for row in table.rows if row[0] == "Bevölkerungsdichte")
    assert density[2:] == ("31.12.2024", "97,7", "218,9", "233,7")
    assert "dl-de/by-2-0" in table.source
    for topic in topics:
        figures = [b for b in topic.blocks if isinstance(b, Figure)]
        assert len(figures) <= 3
        assert all("Datenstand" in f.source for f in figures)
    texts = " ".join(b.text for b in demography.blocks if hasattr(b, "text"))
    assert "Nordsachsen 97,7 Einwohner je km², Sachsen 218,9" in texts
    assert "−55,4 % unter Sachsen" in texts


def test_the_swot_analysis_is_the_last_part_of_chapter_three(reports):
    conditions = chapter(reports["long"], "Sozioökonomische Rahmenbedingungen")
    swot = conditions.children[-1]
    assert swot.title == "SWOT-Analyse" and swot.children
    order = ["Stärken", "Schwächen", "Chancen", "Risiken"]
    for topic in swot.children:
        shown = [b.caption.split(" – ")[0] for b in topic.blocks if isinstance(b, Table)]
        named = " ".join(b.text for b in topic.blocks if isinstance(b, Paragraph))
        assert shown == [kind for kind in order if kind in shown] and shown
        assert all(kind in shown or kind in named for kind in order)  # empty ones named
        charts = [
            repr((b.chart.title, b.chart.rows)) for b in topic.blocks if isinstance(b, Figure)
        ]
        assert len(set(charts)) == len(charts)  # an indicator compared twice: its chart once
    assert any("Beleg:" in row[2] for _, s in swot.walk() for b in s.blocks
               if isinstance(b, Table) for row in b.rows)  # fmt: skip


def test_the_zielsystem_has_a_section_per_field_and_goal(reports):
    goals = chapter(reports["long"], "Zielsystem")
    assert [c.number for c in goals.children] == ["4.1", "4.2", "4.3", "4.4"]
    first = goals.children[0].children[0]
    assert first.number == "4.1.1" and first.title.startswith("Strategisches Ziel 1.1")
    assert "(Beispielinhalt)" in first.title  # the default goals are marked so
    text = text_of(reports["long"])
    assert "Projekte, die dem Ziel dienen" in text and "P1.01 Nachfolgebörse Nordsachsen" in text


def test_the_outlook_has_the_catalogue_the_status_and_the_method(reports):
    outlook = chapter(reports["long"], "Ausblick: Umsetzung und Evaluierung")
    titles = [c.title for c in outlook.children]
    assert titles == ["Umsetzung", "Aktueller Stand der Zielerreichung", "Methode der Evaluierung"]
    text = text_of(reports["long"])
    assert "Open-SDG-Fortschrittsmaß" in text and "Handlungsfeld 1 Wirtschaft & Innovation" in text


def test_the_annex_lists_every_project(reports):
    annex = chapter(reports["long"], "Anlage: Projektkatalog")
    numbers = [row[0] for row in annex.blocks[0].rows]
    assert numbers == sorted(numbers) and "P1.01" in numbers and len(numbers) >= 15


def test_the_quellenverzeichnis_lists_the_tables_with_their_licence(reports):
    sources = chapter(reports["long"], "Quellenverzeichnis").blocks[0]
    codes = [row[0] for row in sources.rows]
    assert codes == reports["tables"]
    assert all(row[4] == "dl-de/by-2-0" for row in sources.rows)
    population = next(row for row in sources.rows if row[0] == "12411-01-01-4")
    assert population[1] == "Fortschreibung des Bevölkerungsstandes"
    assert population[2].startswith("31.12.2024")


def test_the_cover_of_the_adopted_version(reports):
    cover = reports["long"].cover
    assert cover.district == "Landkreis Nordsachsen" and cover.concept == "KEK Nordsachsen 2030"
    assert (cover.version, cover.status) == ("Fassung 1", "Beschlossene Fassung")
    assert "24.03.2021" in cover.adoption and "Kreistag" in cover.adoption
    assert re.fullmatch(r"Datenstand: Statistik \d\d\.\d\d\.\d{4}, Projekte \d\d\.\d\d\.\d{4}",
                        cover.data_date)  # fmt: skip
    assert not reports["long"].draft


def test_the_kurzfassung_has_one_page_per_field_of_action(reports):
    short = reports["short"]
    assert short.file_stem == "KEK-Nordsachsen-2030-Endbericht-Kurzfassung-Fassung-1"
    goals = chapter(short, "Zielsystem")
    assert len(goals.children) == 4 and all(c.new_page for c in goals.children)
    assert len(short.walk()) < len(reports["long"].walk()) / 2
