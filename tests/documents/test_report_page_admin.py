"""A planner writes an editorial chapter of the Endbericht in Wagtail (F26, F27): the add view
takes a chapter with each block (text, figure, chart, goal tree, project list, SWOT matrix),
offers every block with its German label, and refuses an indicator the catalogue lacks."""

import io

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from kek.documents.pages import ChapterPage, ReportPage
from kek.goals.models import FieldOfAction
from kek.statistics.models import Topic

pytestmark = pytest.mark.django_db
LABELS = ("Text", "Bild mit Unterschrift", "Diagramm aus den Daten", "Zielsystem",
          "Projektliste", "SWOT-Matrix")  # fmt: skip


@pytest.fixture
def report(nordsachsen):
    return ReportPage.objects.get(slug="endbericht")


@pytest.fixture
def image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = io.BytesIO()
    PillowImage.new("RGB", (400, 300), "#009E73").save(data, "PNG")
    return get_image_model().objects.create(title="Karte", file=ImageFile(data, name="k.png"))


def chapter_form(indicator: str, image, field, topic) -> dict:
    return nested_form_data(
        {
            "title": "Ausblick",
            "slug": "ausblick",
            "slot": "ausblick",
            "body": streamfield(
                [
                    ("text", rich_text("<p>Wie es weitergeht.</p>", features=["bold"])),
                    (
                        "figure",
                        {
                            "image": image.pk,
                            "alt": "Eine Karte",
                            "caption": "Karte",
                            "source": "Landratsamt",
                        },
                    ),  # fmt: skip
                    ("chart", {"indicator": indicator, "chart": "verteilung", "caption": ""}),
                    ("goal_tree", {"field": str(field.key), "levels": "goals"}),
                    ("project_list", {"field": "", "status": "in_progress"}),
                    ("swot_matrix", {"topic": topic.slug}),
                ]
            ),
            "action-publish": "1",
        }
    )


def test_a_planner_adds_a_chapter_with_every_block(client, planner, report, concept, image):
    add = reverse("wagtailadmin_pages:add", args=["documents", "chapterpage", report.pk])
    client.force_login(planner)
    form = client.get(add).content.decode()
    for label in LABELS:
        assert label in form
    assert "Eine Karte der Kreise" not in form  # choices are labelled, not free text
    field = FieldOfAction.objects.filter(concept=concept).first()
    topic = Topic.objects.get(slug="umwelt-klima")
    response = client.post(add, chapter_form("BEVDICHTE", image, field, topic))
    assert response.status_code == 302, response.content.decode()[:3000]
    chapter = ChapterPage.objects.get(slug="ausblick")
    assert chapter.live and chapter.get_parent().pk == report.pk
    assert [child.block_type for child in chapter.body] == [
        "text", "figure", "chart", "goal_tree", "project_list", "swot_matrix"
    ]  # fmt: skip
    assert chapter.body[2].value["indicator"] == "BEVDICHTE"
    assert chapter.body[3].value["field"] == str(field.key)
    assert chapter.body[3].value["levels"] == "goals"

    page = client.get(chapter.url).content.decode()
    assert "Wie es weitergeht." in page and f"Handlungsfeld {field.number}" in page


def test_a_chart_of_an_unknown_indicator_is_refused(client, planner, report, concept, image):
    add = reverse("wagtailadmin_pages:add", args=["documents", "chapterpage", report.pk])
    client.force_login(planner)
    field = FieldOfAction.objects.filter(concept=concept).first()
    topic = Topic.objects.first()
    response = client.post(add, chapter_form("GIBTSNICHT", image, field, topic))
    assert response.status_code == 200
    assert not ChapterPage.objects.filter(slug="ausblick").exists()
