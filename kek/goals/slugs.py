"""Readable, stable URL slugs for German titles."""

from collections.abc import Collection

from django.utils.text import slugify

UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)
MAX_LENGTH = 60


def german_slug(title: str, taken: Collection[str] = ()) -> str:
    """Slug of a German title, unique among `taken` by a numeric suffix."""
    base = slugify(title.translate(UMLAUTS))
    if len(base) > MAX_LENGTH:
        base = base[: MAX_LENGTH + 1].rsplit("-", 1)[0]
    base = base.strip("-") or "ziel"
    slug, counter = base, 2
    while slug in taken:
        slug = f"{base}-{counter}"
        counter += 1
    return slug
