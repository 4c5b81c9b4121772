"""The public catalogue, project pages, dashboard and evaluation reports, through HTTP."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document

from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.goals.versions import new_version
from kek.projects.evaluation import models_q
from kek.projects.models import Attachment, Project, TargetIndicator
from kek.projects.snapshots import take_report
from kek.regions.models import Region

from ..regions.factories import RegionFactory
from .factories import (
    MeasurementFactory,
    MilestoneFactory,
    ProjectFactory,
    ResolutionFactory,
    TargetIndicatorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept(concept):
    """The current concept without the shipped example catalogue: each test builds its own.
    A clean-up, not a change: no change records (writing them took seconds per test)."""
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Project.objects.filter(concepts=concept).delete()
        TargetIndicator.objects.filter(models_q(concept)).delete()
    return concept


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def measure(indicator, values: dict[int, float]) -> None:
    for year, value in values.items():
        MeasurementFactory(indicator=indicator, date=dt.date(year, 12, 31), value=value)


def subgoal(concept, number: str) -> SubGoal:
    return SubGoal.objects.get(concept=concept, number=number)


def rising(project, **options):
    """An indicator measured from 100 (2015) to 120 (2020): on track."""
    indicator = TargetIndicatorFactory(
        project=project, baseline_year=2015, baseline_value=100, **options
    )
    measure(indicator, {2020: 120})
    return indicator


def falling(project, **options):
    """An indicator measured from 100 (2015) to 80 (2020): deterioration."""
    indicator = TargetIndicatorFactory(
        project=project, baseline_year=2015, baseline_value=100, **options
    )
    measure(indicator, {2020: 80})
    return indicator


def municipality(ags: str, name: str) -> Region:
    """A municipality of Nordsachsen (the shipped data may already hold it)."""
    return RegionFactory(
        ags=ags, name=name, level=Region.Level.MUNICIPALITY, parent=Region.objects.get(ags="14730")
    )


def rows_of(html: str) -> list[str]:
    """The catalogue's table rows (one per project)."""
    body = html.split('<tbody class="kern-table__body">', 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr .*?</tr>", body, flags=re.S)


@pytest.fixture
def catalogue(concept):
    """Three projects in different fields, statuses, leads and municipalities."""
    torgau = municipality("14730310", "Torgau, Stadt")
    eilenburg = municipality("14730110", "Eilenburg, Stadt")
    school = ProjectFactory(
        concept=concept,
        number="P1",
        title="Digitale Schule",
        description="Breitband für alle Oberschulen",
        status="in_progress",
        lead_body="Amt für Bildung",
        subgoals=[subgoal(concept, "2.1.1")],
    )
    torgau.projects.add(school)
    bus = ProjectFactory(
        concept=concept,
        number="P2",
        title="Rufbus im ländlichen Raum",
        description="Flexible Bedienung nach Bedarf",
        status="planned",
        lead_body="Verkehrsamt",
        subgoals=[subgoal(concept, "4.1.1")],
    )
    eilenburg.projects.add(bus)
    park = ProjectFactory(
        concept=concept,
        number="P3",
        title="Gewerbepark Nord",
        status="completed",
        lead_body="Wirtschaftsförderung",
        subgoals=[subgoal(concept, "1.1.1"), subgoal(concept, "1.2.1")],
    )
    rising(school)
    falling(bus)
    return {"school": school, "bus": bus, "park": park}


# --------------------------------------------------------------------------- catalogue


def test_the_catalogue_lists_projects_with_status_progress_lead_and_goals(client, catalogue):
    html = text(client.get("/projekte/"))
    school = catalogue["school"]
    assert "<h1" in html and "Projektkatalog" in html
    assert "3 Projekte im Katalog" in html
    assert len(rows_of(html)) == 3
    row = next(r for r in rows_of(html) if "Digitale Schule" in r)
    assert f'href="/projekte/p1-{school.slug}/"' in row
    assert "In Umsetzung" in row and '<progress max="100" value="50"' in row and "50 %" in row
    assert "Amt für Bildung" in row
    sub = subgoal(school.concepts.get(), "2.1.1")
    assert f'href="/ziele/2.1.1-{sub.slug}/"' in row and sub.title in row
    park_row = next(r for r in rows_of(html) if "Gewerbepark Nord" in r)
    assert "Abgeschlossen" in park_row and "100 %" in park_row
    assert park_row.count('href="/ziele/') == 2


def test_the_filter_form_has_labelled_selects_with_the_concepts_choices(client, catalogue):
    html = text(client.get("/projekte/"))
    for name, label in (
        ("handlungsfeld", "Handlungsfeld"),
        ("ziel", "Strategisches Ziel"),
        ("status", "Status"),
        ("federfuehrung", "Federführung"),
        ("gemeinde", "Gemeinde"),
    ):
        assert f'<label class="kern-label" for="id_{name}">{label}</label>' in html
        assert f'<select name="{name}"' in html
    assert '<option value="Verkehrsamt">Verkehrsamt</option>' in html
    torgau = Region.objects.get(ags="14730310")
    assert f'<option value="14730310">{torgau.name}</option>' in html
    assert '<optgroup label="Handlungsfeld 4 Infrastruktur &amp; Mobilität">' in html
    assert 'type="search" name="q"' in html and 'method="get"' in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("handlungsfeld={field4}", {"P2"}),
        ("ziel=1.2", {"P3"}),
        ("ziel=1.1", {"P3"}),
        ("status=planned", {"P2"}),
        ("status=in_progress", {"P1"}),
        ("federfuehrung=Amt+f%C3%BCr+Bildung", {"P1"}),
        ("gemeinde=14730110", {"P2"}),
        ("status=completed&handlungsfeld={field4}", set()),
        ("q=rufbus", {"P2"}),
        ("q=BREITBAND", {"P1"}),  # description, any case
        ("q=p3", {"P3"}),  # number
        ("q=Schule&status=in_progress", {"P1"}),
    ],
)
def test_filters_and_search_really_filter(client, catalogue, query, expected):
    field4 = FieldOfAction.objects.get(concept=catalogue["bus"].concepts.get(), number="4")
    html = text(client.get("/projekte/?" + query.format(field4=field4.slug)))
    shown = {number for number in ("P1", "P2", "P3") if f">{number}</td>" in html}
    assert shown == expected
    assert len(rows_of(html)) == len(expected) if expected else "Kein Projekt passt" in html
    assert "Alle Filter zurücksetzen" in html
    assert f"{len(expected)} Projekt" in html and "gefunden" in html


def test_the_chosen_filters_stay_selected(client, catalogue):
    html = text(client.get("/projekte/?status=planned&q=Rufbus"))
    assert '<option value="planned" selected>Geplant</option>' in html
    assert 'value="Rufbus"' in html


def test_an_unknown_filter_value_is_reported_and_ignored(client, catalogue):
    html = text(client.get("/projekte/?status=erfunden&federfuehrung=Verkehrsamt"))
    assert "Dieser Filter wird nicht angewendet" in html
    assert len(rows_of(html)) == 1  # the valid filter still applies


def test_htmx_gets_only_the_results_and_the_count(client, catalogue):
    response = client.get("/projekte/?status=planned", headers={"HX-Request": "true"})
    html = text(response)
    assert "<html" not in html and "<form" not in html
    assert len(rows_of(html)) == 1 and "Rufbus" in html
    assert '<p id="treffer" hx-swap-oob="innerHTML">' in html and "1 Projekt gefunden" in html
    assert "HX-Request" in response["Vary"]
    # Going back in the browser history needs the whole page again.
    restore = client.get(
        "/projekte/?status=planned",
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<html" in text(restore)


def test_the_full_page_is_wired_for_htmx_and_works_without_it(client, catalogue):
    html = text(client.get("/projekte/"))
    assert 'hx-get="/projekte/"' in html and 'hx-target="#ergebnisse"' in html
    assert 'hx-push-url="true"' in html
    assert 'action="/projekte/"' in html and 'type="submit"' in html
    assert '<div id="ergebnisse">' in html and 'role="status"' in html


def test_an_empty_catalogue_says_so(client, concept):
    assert "noch keine Projekte eingetragen" in text(client.get("/projekte/"))


def query_count(client, url: str) -> int:
    client.get(url)  # warm the per-process caches (site root paths) first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def add_projects(concept, count: int) -> list[Project]:
    torgau = municipality("14730310", "Torgau, Stadt")
    projects = []
    for n in range(count):
        project = ProjectFactory(
            concept=concept,
            lead_body=f"Amt {n}",
            subgoals=[subgoal(concept, "1.1.1"), subgoal(concept, "2.1.1")],
        )
        torgau.projects.add(project)
        rising(project, target_value=150, target_year=2030)
        MilestoneFactory(project=project)
        projects.append(project)
    return projects


@pytest.mark.parametrize(
    "url",
    [
        "/projekte/",
        "/projekte/?handlungsfeld=wirtschaft-innovation&status=in_progress&q=Projekt",
        "/dashboard/",
        "/dashboard/wirtschaft-innovation/",
        "/",
        "/handlungsfelder/wirtschaft-innovation/",
    ],
)
def test_queries_do_not_grow_with_the_number_of_projects(client, concept, url):
    add_projects(concept, 3)
    few = query_count(client, url)
    add_projects(concept, 12)
    assert query_count(client, url) == few


def test_a_project_page_needs_a_fixed_number_of_queries(client, concept):
    project = add_projects(concept, 3)[0]
    url = f"/projekte/{project.public_ref}/"
    few = query_count(client, url)
    add_projects(concept, 12)
    for _ in range(4):
        MilestoneFactory(project=project)
        rising(project)
    assert query_count(client, url) == few


def test_a_goal_page_needs_a_fixed_number_of_queries_with_projects(client, concept):
    goal = StrategicGoal.objects.get(concept=concept, number="1.1")
    url = f"/ziele/1.1-{goal.slug}/"
    add_projects(concept, 3)
    few = query_count(client, url)
    add_projects(concept, 12)
    TargetIndicatorFactory(project=None, goal=goal)
    assert query_count(client, url) == few


# --------------------------------------------------------------------------- project page


@pytest.fixture
def full_project(concept, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    project = ProjectFactory(
        concept=concept,
        number="2.1-A",
        title="Digitale Schule",
        description="Alle Oberschulen erhalten Glasfaser.\n\nZweiter Absatz.",
        status="in_progress",
        progress=35,
        priority="high",
        lead_body="Amt für Bildung",
        partners="Schulträger\nZweckverband",
        start_date=dt.date(2022, 3, 1),
        end_date=dt.date(2026, 12, 31),
        cost_estimate=1250000,
        funding_programme="DigitalPakt Schule",
        funding_share=90,
        resolution=ResolutionFactory(region=concept.region, number="KT/123/2021"),
        subgoals=[subgoal(concept, "2.1.1")],
    )
    project.municipalities.set(
        [municipality("14730310", "Torgau, Stadt"), municipality("14730110", "Eilenburg, Stadt")]
    )
    project.save()
    MilestoneFactory(project=project, date=dt.date(2023, 5, 2), title="Ausschreibung", done=True)
    MilestoneFactory(project=project, date=dt.date(2025, 9, 1), title="Anschluss aller Schulen")
    document = Document.objects.create(
        title="Konzept", file=ContentFile(b"%PDF-1.4 test", name="konzept.pdf")
    )
    Attachment.objects.create(project=project, title="Medienentwicklungsplan", document=document)
    return project


def test_a_project_page_shows_the_whole_project(client, full_project):
    project = full_project
    html = text(client.get(f"/projekte/{project.public_ref}/"))
    assert f"/projekte/2.1-a-{project.slug}/" == f"/projekte/{project.public_ref}/"
    assert "<h1" in html and "Digitale Schule" in html
    assert "<p>Alle Oberschulen erhalten Glasfaser.</p>" in html
    sub = subgoal(project.concepts.get(), "2.1.1")
    assert f'href="/ziele/2.1.1-{sub.slug}/"' in html
    assert f'href="/ziele/2.1-{sub.goal.slug}/"' in html
    assert "Amt für Bildung" in html and "Schulträger<br>Zweckverband" in html
    places = Region.objects.filter(ags__in=["14730310", "14730110"]).order_by("name")
    assert ", ".join(place.name for place in places) in html
    assert '<progress id="umsetzungsstand" max="100" value="35"' in html and "35 %" in html
    assert "Hoch" in html
    assert "1. März 2022" in html and "31. Dezember 2026" in html
    assert "1.250.000 €" in html
    assert "DigitalPakt Schule, Förderquote 90 %" in html
    assert "Beschluss Nr. KT/123/2021" in html and "30.06.2021" in html
    timeline = html.split('<ol class="kek-timeline">')[1].split("</ol>")[0]
    assert timeline.index("Ausschreibung") < timeline.index("Anschluss aller Schulen")
    assert (
        '<time class="kern-body kern-body--bold" datetime="2023-05-02">2. Mai 2023</time>'
        in timeline
    )
    assert '<span aria-hidden="true">✔</span> erreicht' in timeline
    assert '<span aria-hidden="true">○</span> offen' in timeline
    assert "Medienentwicklungsplan (PDF" in html
    assert "Für dieses Projekt sind noch keine Zielindikatoren festgelegt." in html


def test_a_project_page_shows_each_indicator_with_status_explanation_and_chart(client, concept):
    project = ProjectFactory(concept=concept, number="P7")
    good = rising(project, title="Angeschlossene Schulen", unit="Schulen")
    bad = falling(project, title="Wartezeit", unit="Tage", target_value=150, target_year=2030)
    TargetIndicatorFactory(project=project, title="Noch ungemessen")
    html = text(client.get(f"/projekte/{project.public_ref}/"))

    good_part = html.split(f'id="indikator-{good.pk}"')[1].split("</article>")[0]
    assert "kern-badge--success" in good_part
    assert '<svg class="kek-status__icon"' in good_part and 'aria-hidden="true"' in good_part
    assert "Auf Kurs" in good_part
    assert "Ausgangswert 100 (2015), aktuell 120 (2020)" in good_part
    assert "100 Schulen (2015)" in good_part and "Kein Zielwert" in good_part
    assert '<figure class="kek-chart"' in good_part
    assert f'href="/projekte/p7-{project.slug}/indikatoren/{good.pk}.csv"' in good_part

    bad_part = html.split(f'id="indikator-{bad.pk}"')[1].split("</article>")[0]
    assert '<svg class="kek-status__icon"' in bad_part and "Verschlechterung" in bad_part
    assert "Ziel 150 bis 2030" in bad_part  # the explanation
    assert "150 Tage bis 2030" in bad_part
    # The chart's data table has the target as its own row.
    assert '<th class="kern-table__cell" scope="row">2030</th>' in bad_part

    assert "Für diesen Zielindikator liegen noch keine Messwerte vor." in html
    assert "Keine Bewertung möglich" in html and "Es liegen keine Werte vor." in html
    assert "vendor/vega-embed/vega-embed.min.js" in html


@pytest.mark.parametrize("ref", ["P7-{slug}", "p7", "P7", "p7-alter-kurzname", "x-{slug}"])
def test_other_references_redirect_to_the_canonical_address(client, concept, ref):
    project = ProjectFactory(concept=concept, number="P7", title="Rufbus")
    response = client.get(f"/projekte/{ref.format(slug=project.slug)}/")
    assert response.status_code == 301
    assert response["Location"] == f"/projekte/p7-{project.slug}/"


def test_unknown_projects_and_other_versions_are_not_found(client, concept):
    assert client.get("/projekte/p99-gibt-es-nicht/").status_code == 404
    draft = new_version(concept)
    other = ProjectFactory(concept=draft, number="D1", title="Entwurf")
    assert client.get(f"/projekte/{other.public_ref}/").status_code == 404


def test_the_csv_download_is_exactly_the_charts_data(client, concept):
    project = ProjectFactory(concept=concept, number="P7")
    indicator = TargetIndicatorFactory(project=project, target_value=150, target_year=2030)
    measure(indicator, {2019: 100, 2020: 112.345})
    MeasurementFactory(indicator=indicator, date=dt.date(2021, 6, 30), value=118)
    url = f"/projekte/{project.public_ref}/indikatoren/{indicator.pk}.csv"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        f"{project.public_ref}-zielindikator-{indicator.pk}.csv" in response["Content-Disposition"]
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["period"], r["value"], r["kind"]) for r in rows] == [
        ("2019-12-31", "100.0", "Messwert"),
        ("2020-12-31", "112.35", "Messwert"),
        ("2021-06-30", "118.0", "Messwert"),
        ("2030", "150.0", "Zielwert"),
    ]
    # The page's data table shows the same rows.
    page = text(client.get(f"/projekte/{project.public_ref}/"))
    table = page.split("<details")[1].split("</details>")[0]
    for cell in ("31.12.2019", "31.12.2020", "112,35", "30.06.2021", "150,00"):
        assert cell in table


def test_csv_of_a_foreign_or_unmeasured_indicator_is_not_found(client, concept):
    project = ProjectFactory(concept=concept, number="P7")
    other = rising(ProjectFactory(concept=concept, number="P8"))
    empty = TargetIndicatorFactory(project=project)
    base = f"/projekte/{project.public_ref}/indikatoren/"
    assert client.get(f"{base}{other.pk}.csv").status_code == 404
    assert client.get(f"{base}{empty.pk}.csv").status_code == 404
    moved = client.get(f"/projekte/p7/indikatoren/{empty.pk}.csv")
    assert moved.status_code == 301 and moved["Location"] == f"{base}{empty.pk}.csv"


def test_user_text_is_escaped(client, concept):
    evil = "<script>alert(1)</script>"
    project = ProjectFactory(
        concept=concept,
        number="P1",
        title=evil,
        description=evil,
        lead_body=evil,
        partners=evil,
        subgoals=[subgoal(concept, "1.1.1")],
    )
    MilestoneFactory(project=project, title=evil)
    indicator = rising(project, title=evil, unit=evil, definition=evil)
    for url in (
        "/projekte/",
        f"/projekte/{project.public_ref}/",
        f"/projekte/?q={evil}",
        "/dashboard/wirtschaft-innovation/",
        f"/ziele/1.1.1-{subgoal(concept, '1.1.1').slug}/",
    ):
        html = text(client.get(url))
        assert evil not in html, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, url
    # The chart spec is JSON in a <script type="application/json">, escaped by json_script.
    page = text(client.get(f"/projekte/{project.public_ref}/"))
    assert "\\u003Cscript\\u003E" in page
    assert f'id="indikator-{indicator.pk}"' in page


# --------------------------------------------------------------------------- dashboard


def test_the_dashboard_shows_status_counts_score_progress_and_completeness(client, catalogue):
    html = text(client.get("/dashboard/"))
    overview = html.split('id="ueberblick"')[1].split("</section>")[0]
    # Two indicators: one on track (+2.5 … 5), one deteriorating (−5).
    assert "Auf Kurs" in overview and "Verschlechterung" in overview
    assert "1 (50 %)" in overview
    assert "2 von 2 Zielindikatoren bewertbar (100 %)" in overview
    assert "Punktwert" in overview and "auf der Skala von −5 bis +5" in overview
    assert "<progress" in overview and "Umsetzungsstand" in overview
    fields = html.split('id="handlungsfelder"')[1].split("</section>")[0]
    assert "<caption" in fields and '<th class="kern-table__header" scope="col">' in fields
    dashboard_fields = FieldOfAction.objects.filter(concept=catalogue["bus"].concepts.get())
    assert dashboard_fields.exists()
    for field in dashboard_fields:
        assert f'href="/dashboard/{field.slug}/"' in fields
    goals = html.split('id="ziele"')[1].split("</section>")[0]
    assert (
        goals.count('scope="row"')
        == StrategicGoal.objects.filter(concept=catalogue["bus"].concepts.get()).count()
    )


def test_the_dashboard_roll_up_numbers_match_the_evaluation(client, catalogue):
    from kek.evaluation.statuses import number
    from kek.projects.evaluation import evaluate_concept

    concept = catalogue["bus"].concepts.get()
    evaluation = evaluate_concept(concept)
    result = evaluation.of(concept)
    html = text(client.get("/dashboard/"))
    assert f"Punktwert {number(result.score)} auf" in html
    assert f'value="{round(result.progress)}"' in html
    field4 = FieldOfAction.objects.get(concept=concept, number="4")
    field_row = next(r for r in html.split("<tr ") if f"/dashboard/{field4.slug}/" in r)
    assert "Verschlechterung" in field_row and "1 (100 %)" in field_row


def test_a_field_dashboard_shows_its_goals_subgoals_and_projects(client, catalogue):
    concept = catalogue["bus"].concepts.get()
    field = FieldOfAction.objects.get(concept=concept, number="4")
    html = text(client.get(f"/dashboard/{field.slug}/"))
    assert "Dashboard: Infrastruktur &amp; Mobilität" in html
    assert "Verschlechterung" in html and "1 von 1 Zielindikatoren bewertbar" in html
    projects = html.split('id="projekte"')[1].split("</section>")[0]
    assert "Rufbus im ländlichen Raum" in projects and "Digitale Schule" not in projects
    assert f'href="/projekte/{catalogue["bus"].public_ref}/"' in projects
    subgoals = html.split('id="teilziele"')[1].split("</section>")[0]
    assert subgoals.count('scope="row"') == SubGoal.objects.filter(goal__field=field).count()
    assert client.get("/dashboard/gibt-es-nicht/").status_code == 404


# --------------------------------------------------------------------------- goal pages


def test_a_goal_page_shows_its_projects_indicators_and_roll_up(client, catalogue):
    concept = catalogue["bus"].concepts.get()
    goal = StrategicGoal.objects.get(concept=concept, number="4.1")
    own = TargetIndicatorFactory(
        project=None, goal=goal, title="ÖPNV-Anteil", baseline_year=2015, baseline_value=10
    )
    measure(own, {2020: 13})
    html = text(client.get(f"/ziele/4.1-{goal.slug}/"))
    section = html.split('id="umsetzung"')[1].split("</section>")[0]
    assert "Noch nicht" not in section and "derzeit auf dieser Plattform aufgebaut" not in section
    assert f'href="/projekte/{catalogue["bus"].public_ref}/"' in section
    assert "Geplant, 10 % umgesetzt" in section
    assert "Digitale Schule" not in section
    assert "ÖPNV-Anteil" in section and "Auf Kurs" in section
    assert "Ausgangswert 10 (2015), aktuell 13 (2020)" in section
    assert "2 von 2 Zielindikatoren bewertbar (100 %)" in section
    assert 'href="/projekte/?ziel=4.1"' in section


def test_a_subgoal_page_lists_only_its_own_projects(client, catalogue):
    sub = subgoal(catalogue["park"].concepts.get(), "1.2.1")
    html = text(client.get(f"/ziele/1.2.1-{sub.slug}/"))
    section = html.split('id="umsetzung"')[1].split("</section>")[0]
    assert "Gewerbepark Nord" in section and "Abgeschlossen, 100 % umgesetzt" in section
    assert "Keine Zielindikatoren" in section


def test_a_field_page_shows_its_roll_up_and_links(client, catalogue):
    field = FieldOfAction.objects.get(concept=catalogue["bus"].concepts.get(), number="2")
    html = text(client.get(f"/handlungsfelder/{field.slug}/"))
    section = html.split('id="umsetzung"')[1].split("</section>")[0]
    assert "Auf Kurs" in section and "1 von 1 Zielindikatoren bewertbar" in section
    assert f'href="/dashboard/{field.slug}/"' in section
    assert f'href="/projekte/?handlungsfeld={field.slug}"' in section
    assert section.count('scope="row"') == field.goals.count()


# --------------------------------------------------------------------------- reports


def test_reports_list_and_show_what_changed_since_the_last_one(client, catalogue):
    concept = catalogue["bus"].concepts.get()
    first = take_report(concept, "Bericht 2022")
    school = catalogue["school"].indicators.get()
    school.measurements.all().delete()
    measure(school, {2020: 70})  # on track → deterioration
    second = take_report(concept, "Bericht 2023")

    listing = text(client.get("/evaluierung/"))
    assert listing.index("Bericht 2023") < listing.index("Bericht 2022")
    assert f'href="/evaluierung/{first.pk}/"' in listing

    html = text(client.get(f"/evaluierung/{second.pk}/"))
    changes = html.split('id="aenderungen"')[1].split("</section>")[0]
    assert "Was hat sich seit dem letzten Bericht geändert?" in changes
    assert "Bericht 2022" in changes
    assert changes.count('scope="row"') == 1  # only the school's indicator changed
    assert school.title in changes
    before, after = changes.split("Auf Kurs")[1], changes.split("Verschlechterung")[0]
    assert "Wert 120 (2020)" in after and "Wert 70 (2020)" in before
    assert "Ausgangswert 100 (2015), aktuell 70 (2020)" in changes
    overview = html.split('id="ueberblick"')[1].split("</section>")[0]
    assert "Konzept und Handlungsfelder" in overview and "Projekte" in overview
    indicators = html.split('id="indikatoren"')[1].split("</section>")[0]
    assert indicators.count('scope="row"') == 2

    first_page = text(client.get(f"/evaluierung/{first.pk}/"))
    assert "Dies ist der erste Bericht" in first_page
    assert "Auf Kurs" in first_page.split('id="indikatoren"')[1]


def test_a_report_is_frozen(client, catalogue):
    concept = catalogue["bus"].concepts.get()
    report = take_report(concept, "Bericht")
    catalogue["bus"].indicators.get().measurements.update(value=200)
    html = text(client.get(f"/evaluierung/{report.pk}/"))
    assert "Verschlechterung" in html.split('id="indikatoren"')[1]


def test_reports_of_other_versions_are_not_shown(client, concept):
    draft = new_version(concept)
    report = take_report(draft, "Entwurfsbericht")
    assert "Entwurfsbericht" not in text(client.get("/evaluierung/"))
    assert client.get(f"/evaluierung/{report.pk}/").status_code == 404
    assert "noch keinen Evaluierungsbericht" in text(client.get("/evaluierung/"))


# --------------------------------------------------------------------------- start page, nav


def test_the_start_page_links_the_catalogue_with_summary_numbers(client, catalogue):
    concept = catalogue["bus"].concepts.get()
    take_report(concept, "Bericht")
    html = text(client.get("/"))
    section = html.split('id="projektkatalog"')[1].split("</section>")[0]
    assert "Noch nicht verfügbar" not in section
    assert "<strong>3</strong> Projekte im Katalog: 1 Geplant, 1 In Umsetzung, 1 Abgeschlossen" in (
        section
    )
    assert "2 von 2 Zielindikatoren bewertbar" in section
    assert "<strong>1</strong> Evaluierungsbericht" in section
    for url in ("/projekte/", "/dashboard/", "/evaluierung/"):
        assert f'href="{url}"' in section


def test_the_main_navigation_links_projects_and_dashboard(client, concept):
    html = text(client.get("/zielsystem/"))
    nav = html.split('aria-label="Hauptnavigation"')[1].split("</nav>")[0]
    links = set(re.findall(r'<a [^>]*href="([^"]+)"[^>]*>([^<]+)</a>', nav))
    assert {("/projekte/", "Projekte"), ("/dashboard/", "Dashboard")} <= links


def test_pages_need_a_published_concept(client, nordsachsen):
    Concept.objects.filter(region=nordsachsen).update(is_current=False)
    for url in ("/projekte/", "/dashboard/", "/evaluierung/"):
        assert client.get(url).status_code == 404
