"""A `document.Document` as PDF/UA-1 (WeasyPrint).

`render_html` gives the print HTML (cover, table of contents, chapters through the shared block
templates in mode "print", print CSS and fonts inlined), `write_pdf` lays it out. WeasyPrint's
`pdf/ua-1` variant writes the structure tree, /MarkInfo, /Lang from `<html lang="de">`, the
title shown as window title, the XMP PDF/UA identification and an outline from h1–h6; an
inline `<svg>` with a `<title>` becomes a /Figure with that text as /Alt.

Nothing is fetched from the network while rendering: the URL fetcher serves `data:` URIs and
files below the static files' directories (the KERN fonts) and MEDIA_ROOT, and refuses any
other address.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .document import Document
from .html import Numbering

PDF_VARIANT = "pdf/ua-1"
TOC_LEVELS = 2
STYLESHEET = "documents/print.css"
FONT_DIR = "vendor/kern/fonts"
# (file, weight, italic): the Fira Sans cuts the print CSS uses, KERN's typeface.
FONTS = [
    ("fira-sans/FiraSans-Regular.woff2", 400, False),
    ("fira-sans/FiraSans-Italic.woff2", 400, True),
    ("fira-sans/FiraSans-Medium.woff2", 500, False),
    ("fira-sans/FiraSans-SemiBold.woff2", 600, False),
    ("fira-sans/FiraSans-Bold.woff2", 700, False),
    ("fira-sans/FiraSans-BoldItalic.woff2", 700, True),
]
# WeasyPrint unpacks WOFF2 with fontTools in pure Python (about 0.8 s per font and render);
# unpacked once, the TrueType files are kept here (named by the content hash of the WOFF2).
FONT_CACHE = Path(tempfile.gettempdir()) / "kek-fonts"


def render_pdf(document: Document) -> bytes:
    return write_pdf(render_html(document))


def render_html(document: Document, mode: str = "print") -> str:
    """The document as one HTML page for print (CSS and fonts inlined)."""
    numbering = Numbering()
    toc = [
        (level, section.heading, numbering.anchor(section))
        for level, section in document.walk()
        if level <= TOC_LEVELS
    ]
    context = {
        "document": document,
        "mode": mode,
        "numbering": numbering,
        "toc": toc,
        "css": mark_safe(stylesheet()),  # noqa: S308 - our own static file
        "fonts": mark_safe(font_faces()),  # noqa: S308 - built from file URLs
    }
    return render_to_string("documents/print/document.html", context)


def write_pdf(html: str) -> bytes:
    """Lay `html` out as a tagged PDF/UA-1 (no network access)."""
    page = weasyprint.HTML(string=html, base_url=_static_dir().as_uri() + "/",
                           url_fetcher=LocalFetcher())  # fmt: skip
    pdf = page.write_pdf(pdf_variant=PDF_VARIANT)
    assert pdf is not None
    return pdf


class LocalFetcher(URLFetcher):
    """Serves `data:` URIs and local files below the allowed directories, nothing else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("file:") and not _allowed(_file_path(url)):
            raise ValueError(f"Datei außerhalb der erlaubten Verzeichnisse: {url}")
        return super().fetch(url, headers)


def _file_path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path)).resolve()


def _allowed(path: Path) -> bool:
    return any(path.is_relative_to(root) for root in allowed_roots())


def allowed_roots() -> tuple[Path, ...]:
    """The directories of the static files (app and npm packages) and MEDIA_ROOT."""
    roots = [Path(settings.MEDIA_ROOT), FONT_CACHE]
    for finder in finders.get_finders():
        for storage in getattr(finder, "storages", {}).values():
            location = getattr(storage, "location", None)
            if location:
                roots.append(Path(location))
    return tuple(root.resolve() for root in roots)


@cache
def _static_dir() -> Path:
    found = finders.find(STYLESHEET)
    if not found:
        raise FileNotFoundError(STYLESHEET)
    return Path(str(found)).parent


@cache
def stylesheet() -> str:
    return (_static_dir() / Path(STYLESHEET).name).read_text(encoding="utf-8")


@cache
def font_faces() -> str:
    """@font-face rules for the KERN fonts, found through the static finders (`scripts/install`
    brings them with npm), as file URLs of their unpacked TrueType files."""
    rules = []
    for name, weight, italic in FONTS:
        found = finders.find(f"{FONT_DIR}/{name}")
        if not found:
            raise FileNotFoundError(f"{FONT_DIR}/{name} (scripts/install installs it)")
        style = "italic" if italic else "normal"
        url = unpacked(Path(str(found))).as_uri()
        rules.append(
            f'@font-face {{ font-family: "Fira Sans"; src: url("{url}") format("truetype"); '
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules)


def unpacked(woff2: Path) -> Path:
    """The TrueType file of a WOFF2 font in FONT_CACHE (written once, atomically)."""
    data = woff2.read_bytes()
    target = FONT_CACHE / f"{woff2.stem}-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not target.exists():
        FONT_CACHE.mkdir(parents=True, exist_ok=True)
        font = TTFont(woff2)
        font.flavor = None
        partial = target.with_suffix(f".{os.getpid()}.part")
        font.save(partial)
        partial.replace(target)
    return target.resolve()
