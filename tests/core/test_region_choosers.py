"""Region fields in the back office are chosen by search, not from a select with every region
(issue 11: after a municipal import, 13,500 <option>s in each form with a region field made
the back office slow). "Betroffene Gemeinden" of a project offers and accepts only the
municipalities of the project's district."""

import json
import re
import time
from urllib.parse import parse_qsl

import pytest
from django.urls import reverse

from kek.goals.models import Concept
from kek.regions.models import Region

from ..projects.admin_forms import project_form

pytestmark = pytest.mark.django_db

MUNICIPALITIES = 13_500
MAX_OPTIONS = 1_000  # the selects that stay (sub-goals, indicators, topics …), not regions


@pytest.fixture
def many_regions(nordsachsen):
    """13,500 more municipalities, spread over all districts, as a municipal import brings."""
    districts = list(Region.objects.filter(level=Region.Level.DISTRICT).order_by("ags"))
    regions = [
        Region(
            ags=f"{district.ags}9{number:02d}",
            name=f"Prüfgemeinde {district.ags}-{number}",
            level=Region.Level.MUNICIPALITY,
            parent=district,
        )
        for number in range(MUNICIPALITIES // len(districts) + 1)
        for district in districts
    ][:MUNICIPALITIES]
    Region.objects.bulk_create(regions)
    assert Region.objects.count() > MUNICIPALITIES
    # An adopted version is read-only in the back office; its forms are a draft's.
    Concept.objects.filter(region=nordsachsen).update(status=Concept.Status.DRAFT)
    return nordsachsen


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("su", "su@example.org", "x"))
    return client


def some_project(district):
    """A project of the district (its `region`; before projects had one, its concept's)."""
    from kek.projects.models import Project

    own = "region" if any(f.name == "region" for f in Project._meta.fields) else "concept__region"
    return Project.objects.filter(**{own: district}).order_by("number").first()


def edit_pages(district) -> dict[str, str]:
    from kek.cms.models import DistrictHomePage
    from kek.projects.models import TargetIndicator
    from kek.statistics.models import ComparisonGroup
    from kek.swot.models import SwotItem

    def snippet(model, obj=None) -> str:
        name = f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}"
        return reverse(f"{name}:edit", args=[obj.pk]) if obj else reverse(f"{name}:add")

    item = SwotItem.objects.filter(indicator_evidence__isnull=False).first()
    return {
        "Projekt": snippet(type(some_project(district)), some_project(district)),
        "neues Projekt": snippet(type(some_project(district))),
        "Zielindikator": snippet(TargetIndicator, TargetIndicator.objects.first()),
        "Vergleichsgruppe": snippet(ComparisonGroup, ComparisonGroup.objects.first()),
        "SWOT-Eintrag mit Indikatorvergleich": snippet(SwotItem, item),
        "Konzeptversion": snippet(Concept, Concept.objects.filter(region=district).first()),
        "Startseite": reverse(
            "wagtailadmin_pages:edit", args=[DistrictHomePage.objects.get(region=district).pk]
        ),
    }


def test_it_keeps_every_form_with_a_region_field_free_of_region_lists(
    superuser_client, many_regions
):
    for label, url in edit_pages(many_regions).items():
        superuser_client.get(url)  # warm up: form classes, templates
        start = time.perf_counter()
        response = superuser_client.get(url)
        seconds = time.perf_counter() - start
        assert response.status_code == 200, label
        html = response.content.decode()
        options = html.count("<option")
        print(f"{label}: {len(html) // 1024} KiB, {options} <option>s, {seconds:.2f} s")
        assert options < MAX_OPTIONS, f"{label}: {options} <option>s"
        assert "Prüfgemeinde" not in html, label
        assert "kek/gebiete/" in html, f"{label}: no region chooser"


def chooser_rows(client, url: str, **params) -> list[str]:
    """The regions the chooser at `url` (with its scope) lists, as "Name (AGS)"."""
    path, _, query = url.partition("?")
    response = client.get(path, {**dict(parse_qsl(query)), **params})
    assert response.status_code == 200
    html = json.loads(response.content)["html"]
    cells = re.findall(r'<td class="title">(.*?)</td>', html, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in cells]


def widget_of(html: str, name: str) -> tuple[str, dict]:
    """The chooser address and scope of the many-to-many region field `name` on a form."""
    tag = re.search(rf'<div class="kek-regions"[^>]*data-name="{name}"[^>]*>', html)[0]
    url = re.search(r'data-modal-url="([^"]+)"', tag)[1].replace("&amp;", "&")
    scope = json.loads(re.search(r'data-scope="([^"]*)"', tag)[1].replace("&quot;", '"'))
    return url, scope


def test_it_offers_only_the_districts_municipalities_for_a_project(superuser_client, many_regions):
    project = some_project(many_regions)
    html = superuser_client.get(
        reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    ).content.decode()
    url, scope = widget_of(html, "municipalities")
    assert scope == {"level": "municipality", "within": str(many_regions.pk)}
    own = Region.objects.filter(level="municipality", parent=many_regions)
    rows = chooser_rows(superuser_client, url, multiple=1)
    assert rows == [str(r) for r in own.order_by("name", "ags")[:20]]
    everything = [
        row
        for page in range(1, own.count() // 20 + 2)
        for row in chooser_rows(superuser_client, url, p=page)
    ]
    assert sorted(everything) == sorted(str(r) for r in own)
    assert any("Prüfgemeinde 14730-" in row for row in everything)
    assert not any("14729" in row for row in everything)  # Landkreis Leipzig's
    # search by name and by official key
    found = chooser_rows(superuser_client, url, q="prüfgemeinde 14730-1")
    assert found and all("Prüfgemeinde 14730-1" in row for row in found)
    key = own.order_by("ags").first()
    assert chooser_rows(superuser_client, url, q=key.ags) == [str(key)]


def test_it_refuses_a_municipality_of_another_district(superuser_client, many_regions):
    project = some_project(many_regions)
    before = set(project.municipalities.values_list("pk", flat=True))
    foreign = Region.objects.get(ags="14729900")  # Landkreis Leipzig
    url = reverse("wagtailsnippets_projects_project:edit", args=[project.pk])
    response = superuser_client.post(
        url, project_form(project, municipalities=[*before, foreign.pk])
    )
    assert response.status_code == 200
    assert f"Nicht wählbar: „{foreign}“" in response.content.decode()
    assert set(project.municipalities.values_list("pk", flat=True)) == before

    own = Region.objects.get(ags="14730900")
    response = superuser_client.post(url, published(project_form(project, municipalities=[own.pk])))
    assert response.status_code == 302
    assert list(project.municipalities.values_list("pk", flat=True)) == [own.pk]
    # The ticked boxes are the whole value: none ticked, none affected.
    response = superuser_client.post(url, published(project_form(project, municipalities=[])))
    assert response.status_code == 302 and not project.municipalities.exists()


def published(data: dict) -> dict:
    """Form data that saves and publishes (for a model with drafts; others ignore the key)."""
    return {**data, "action-publish": "action-publish"}


def test_it_chooses_one_region_with_wagtails_chooser(superuser_client, many_regions):
    from kek.statistics.models import ComparisonGroup

    group = ComparisonGroup.objects.filter(district=many_regions).first()
    url = reverse("wagtailsnippets_statistics_comparisongroup:edit", args=[group.pk])
    html = superuser_client.get(url).content.decode()
    chooser = re.search(r'id="id_district-chooser"[^>]*data-chooser-url="([^"]+)"', html)
    assert chooser, "the district field has no chooser"
    rows = chooser_rows(superuser_client, chooser[1].replace("&amp;", "&"), q="nords")
    assert rows == [str(many_regions)]  # districts only (limit_choices_to): no municipality
