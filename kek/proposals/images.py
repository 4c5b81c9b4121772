"""The image of a proposal: at most 5 MB, JPEG, PNG or WebP, checked by its content with
Pillow (not by its name or the browser's content type)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 5 * 1024 * 1024
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
SUFFIXES = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Pillow refuses images of more pixels as a decompression bomb; 40 megapixels is plenty.
MAX_PIXELS = 40_000_000


def image_format(file: Any) -> str:
    """ "JPEG", "PNG" or "WEBP", or a ValidationError with a German message."""
    size = getattr(file, "size", None)
    if size is not None and size > MAX_BYTES:
        raise ValidationError("Das Bild ist zu groß: höchstens 5 MB sind erlaubt.", code="size")
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            found = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValidationError(
            "Die Datei ist kein lesbares Bild. Erlaubt sind JPEG, PNG und WebP.", code="type"
        ) from None
    finally:
        file.seek(position)
    if found not in FORMATS:
        raise ValidationError(
            "Dieses Bildformat ist nicht erlaubt. Erlaubt sind JPEG, PNG und WebP.", code="type"
        )
    if width * height > MAX_PIXELS:
        raise ValidationError("Das Bild hat zu viele Bildpunkte.", code="pixels")
    return found


def validate_image(file: Any) -> None:
    if file:
        image_format(file)
