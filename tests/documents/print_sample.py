"""A synthetic document for the PDF tests: three chapters with sub-chapters, a real chart from
`kek.charts.specs.time_series`, a table long enough to run over pages, every block type."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.test import override_settings

from kek.charts.render import to_png
from kek.charts.specs import time_series
from kek.documents import document as doc
from kek.documents.pdf import render_html, write_pdf

from .pdfcheck import page_texts

REGIONS = (("Nordsachsen", 197_000.0, 480.5), ("Sachsen", 4_050_000.0, -9_000.0))
LONG_ROWS = 90  # runs over at least two pages


def population_chart():
    rows = [
        {"region": region, "period": str(year), "value": value + (year - 2015) * step}
        for region, value, step in REGIONS
        for year in range(2015, 2025)
    ]
    return time_series(
        rows, title="Einwohner 2015–2024", unit="Personen", decimals=0, home="Nordsachsen"
    )


def long_table() -> doc.Table:
    rows = tuple(
        (f"{n // 10 + 1}.{n % 10 + 1}", f"Projekt Nummer {n + 1} in der Gemeinde Beispielstadt",
         f"{(n + 1) * 12_345:,}".replace(",", "."), f"{2024 + n % 5}")
        for n in range(LONG_ROWS)
    )  # fmt: skip
    return doc.Table(
        caption="Projekte des Katalogs",
        columns=("Nr.", "Projekt", "Kosten (€)", "Beginn"),
        rows=rows,
        source="Landkreis Nordsachsen, Projektdatenbank",
        numeric=(2,),
        widths=(1, 6, 2, 1),
    )


def wide_table() -> doc.Table:
    columns = ("Gebiet", *(str(year) for year in range(2015, 2025)))
    rows = tuple(
        (region, *(f"{value + (year - 2015) * step:,.0f}".replace(",", ".")
                   for year in range(2015, 2025)))
        for region, value, step in REGIONS
    )  # fmt: skip
    return doc.Table("Einwohner je Jahr", columns, rows, "Statistisches Landesamt Sachsen",
                     numeric=tuple(range(1, 11)))  # fmt: skip


def sample(picture: Path | None = None, draft: bool = True) -> doc.Document:
    chart = population_chart()
    extra: list[doc.Block] = []
    if picture is not None:
        picture.write_bytes(to_png(chart, scale=1))
        extra.append(
            doc.Picture(str(picture), "Karte des Landkreises", "Lage im Raum", "GeoBasis-DE")
        )
    sections = [
        doc.Section("Aufgabe und Vorgehen", "1", blocks=[
            doc.RichText("<p>Der Kreistag hat das <b>KEK</b> beauftragt.</p><h3>Beteiligung</h3>"
                         "<p>Drei Regionalforen.</p><script>alert(1)</script>"),
            doc.BulletList(("Regionalforen", "Arbeitsgruppen", "Online-Beteiligung")),
            doc.Note("Beispielinhalt"),
            *extra,
        ], children=[doc.Section("Ablauf", "1.1", blocks=[doc.Paragraph("Von 2019 bis 2021.")])]),
        doc.Section("Sozioökonomische Rahmenbedingungen", "2", blocks=[
            doc.KeyFigures((("Einwohner am 31.12.2024", "199.422"), ("Fläche", "2.020 km²")),
                           "Statistisches Landesamt Sachsen"),
        ], children=[
            doc.Section("Bevölkerung", "2.1", blocks=[
                doc.Paragraph("Am 31.12.2024 lebten 199.422 Menschen im Landkreis."),
                doc.Figure(chart, "Einwohner 2015–2024", "Statistisches Landesamt Sachsen"),
                wide_table(),
            ], children=[doc.Section("Altersstruktur", "2.1.1", blocks=[doc.Paragraph("Älter.")])]),
            doc.Section("Wirtschaft", "2.2", blocks=[doc.Paragraph("Beschäftigte.")]),
        ]),
        doc.Section("Projektkatalog", "", blocks=[long_table()]),
        doc.Section("Quellenverzeichnis", "", blocks=[doc.Paragraph("Regionaldatenbank.")]),
    ]  # fmt: skip
    cover = doc.Cover(
        district="Landkreis Nordsachsen",
        concept="KEK Nordsachsen 2030",
        title="Endbericht – Langfassung",
        version="Fassung 2",
        status="Entwurf" if draft else "Beschlossene Fassung",
        adoption="" if draft else "beschlossen am 24.03.2021 vom Kreistag (TOP 5)",
        data_date="Datenstand: Statistik 31.12.2024, Projekte 01.12.2026",
    )
    stem = "KEK-Nordsachsen-2030-Endbericht-Langfassung-Fassung-2"
    return doc.Document("endbericht-langfassung", cover, sections, draft, stem)


@dataclass(frozen=True)
class Rendered:
    document: doc.Document
    html: str
    pdf: bytes
    texts: list[str]


def rendered(draft: bool = True) -> Rendered:
    return _rendered(draft)


@cache
def _rendered(draft: bool) -> Rendered:
    """The sample as HTML and PDF, rendered once per test session (its picture lies in a
    temporary MEDIA_ROOT, the only place besides the static files the renderer reads)."""
    with (
        tempfile.TemporaryDirectory(prefix="kek-print-") as folder,
        override_settings(MEDIA_ROOT=folder),
    ):
        document = sample(Path(folder) / "karte.png", draft=draft)
        html = render_html(document)
        pdf = write_pdf(html)
    return Rendered(document, html, pdf, page_texts(pdf))
