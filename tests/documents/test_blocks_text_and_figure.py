"""The rich-text and figure blocks as document blocks: rich text is sanitised to the block's
features, a figure becomes a picture with a local print rendition and its text alternative;
a chart block refuses an indicator the catalogue lacks."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from kek.documents.blocks import ChartBlock, FigureBlock, TextBlock
from kek.documents.document import Picture, RichText

pytestmark = pytest.mark.django_db


def test_rich_text_keeps_headings_and_links_and_drops_scripts():
    block = TextBlock(features=["h3", "bold", "link"])
    value = block.to_python(
        '<h3>Titel</h3><p onclick="x()">Ein <b>Wort</b> <a href="https://example.org">Link</a>'
        '<script>alert(1)</script><a href="javascript:alert(1)">böse</a></p>'
    )
    [text] = block.to_document(value, {})
    assert isinstance(text, RichText)
    assert "<h3>Titel</h3>" in text.html and "<b>Wort</b>" in text.html
    assert 'href="https://example.org"' in text.html
    assert "script" not in text.html and "onclick" not in text.html
    assert "javascript" not in text.html


def test_an_empty_text_gives_nothing():
    block = TextBlock()
    assert block.to_document(block.to_python("<p></p>"), {}) == []


@pytest.fixture
def image(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = io.BytesIO()
    PillowImage.new("RGB", (2400, 1200), "#0072B2").save(data, "WEBP")
    return get_image_model().objects.create(
        title="Torgau, Schloss Hartenfels",
        file=ImageFile(data, name="schloss.webp"),
        description="Schloss Hartenfels an der Elbe",
    )


def test_a_figure_is_a_picture_with_a_print_rendition(image, tmp_path):
    block = FigureBlock()
    value = block.to_python(
        {"image": image.pk, "alt": "", "caption": "Torgau", "source": "Foto: X"}
    )
    [picture] = block.to_document(value, {})
    assert isinstance(picture, Picture)
    assert picture.alt == "Schloss Hartenfels an der Elbe"  # the library's description
    assert (picture.caption, picture.source) == ("Torgau", "Foto: X")
    assert picture.path.startswith(str(tmp_path)) and picture.path.endswith(".png")
    with PillowImage.open(picture.path) as printed:
        assert printed.size == (1600, 800)
    own = block.to_python({"image": image.pk, "alt": "Das Schloss", "caption": "", "source": ""})
    assert block.to_document(own, {})[0].alt == "Das Schloss"


def test_a_chart_of_an_unknown_indicator_is_refused():
    block = ChartBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"indicator": "GIBTSNICHT", "chart": "vergleich"}))
    block.clean(block.to_python({"indicator": "BEVSTD", "chart": "vergleich"}))
