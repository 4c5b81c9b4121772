"""A synthetic document with every block type and a real chart, for the DOCX and XLSX tests."""

from __future__ import annotations

import atexit
import io
import shutil
import tempfile
from functools import cache
from pathlib import Path

import docx
import openpyxl

from kek.charts.render import to_png
from kek.charts.specs import time_series
from kek.documents import document as doc
from kek.documents.docx import render_docx
from kek.documents.xlsx import render_xlsx

LINK = "https://www.landkreis-nordsachsen.de/kek"


def population_chart():
    rows = [
        {"region": region, "period": str(year), "value": value + (year - 2020) * step}
        for region, value, step in (
            ("Nordsachsen", 197_000.0, 480.5),
            ("Sachsen", 4_050_000.0, -9_000.0),
        )
        for year in range(2020, 2025)
    ]
    return time_series(
        rows, title="Einwohner 2020–2024", unit="Personen", decimals=0, home="Nordsachsen"
    )


def catalogue_table() -> doc.Table:
    return doc.Table(
        caption="Projektkatalog",
        columns=("Nr.", "Projekt", "Kosten (€)", "Anteil", "Beginn"),
        rows=(
            ("1.1.1", "Radweg Eilenburg–Torgau", "1.234.567,5", "12 %", "2025"),
            ("1.2.1", "=Breitband für alle", "k. A.", "3,5 %", "2026"),
            ("2.1.1", "Dorfgemeinschaftshaus", "−2.000", "0 %", "2027"),
        ),
        source="Landkreis Nordsachsen, Projektdatenbank, Stand 01.12.2026",
        numeric=(2, 3),
        widths=(1, 4, 2, 1, 1),
    )


@cache
def picture_file() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kek-office-"))
    atexit.register(shutil.rmtree, folder, True)
    picture = folder / "karte.png"
    picture.write_bytes(to_png(population_chart(), scale=1))
    return picture


def municipal_table() -> doc.Table:
    return doc.Table(
        caption="Einwohner nach Gemeinden des Landkreises Nordsachsen am 31.12.2024",
        columns=("Gemeinde", "Einwohner", "Veränderung"),
        rows=(("Torgau", "19.873", "+0,4 %"), ("Delitzsch", "24.850", "−1,2 %")),
        source="Statistisches Landesamt Sachsen",
        numeric=(1, 2),
    )


def sample(draft: bool = True) -> doc.Document:
    picture = picture_file()
    inner = doc.Section(
        "Bevölkerung",
        "3.1",
        blocks=[
            doc.Paragraph("Am 31.12.2024 lebten 199.422 Menschen im Landkreis."),
            doc.Figure(
                population_chart(),
                "Einwohnerentwicklung",
                "Statistisches Landesamt Sachsen, 12411-01",
            ),
            municipal_table(),
            municipal_table(),
            doc.KeyFigures(
                (("Einwohner am 31.12.2024", "199.422"), ("Fläche", "2.020 km²")), "Destatis"
            ),
        ],
        children=[
            doc.Section("Altersstruktur", "3.1.1", children=[doc.Section("Hochbetagte", "3.1.1.1")])
        ],
    )
    return doc.Document(
        kind="endbericht-langfassung",
        cover=doc.Cover(
            district="Landkreis Nordsachsen",
            concept="KEK Nordsachsen 2030",
            title="Endbericht – Langfassung",
            version="Fassung 2",
            status="Entwurf" if draft else "Beschlossene Fassung",
            adoption="" if draft else "beschlossen am 24.03.2021 vom Kreistag (TOP 5)",
            data_date="Datenstand: Statistik 31.12.2024, Projekte 01.12.2026",
        ),
        sections=[
            doc.Section(
                "Aufgabe und Vorgehen",
                "1",
                key="aufgabe",
                blocks=[
                    doc.RichText(
                        "<p>Der <b>Kreistag</b> hat das <i>KEK</i> beauftragt. Mehr unter "
                        f'<a href="{LINK}">der Seite des Kreises</a>.</p>'
                        "<h3>Beteiligung</h3><ul><li>Regionalforen</li><li>Online-Umfrage</li></ul>"
                        "<ol><li>Analyse</li><li>Ziele</li></ol><p>Zeile eins<br>Zeile zwei</p>"
                    ),
                    doc.Note("Beispielinhalt: dieser Text wird von der Redaktion ersetzt."),
                    doc.BulletList(("Lebensqualität", "Wirtschaft")),
                    doc.Picture(
                        str(picture),
                        alt="Karte des Landkreises mit seinen 30 Gemeinden",
                        caption="Lage",
                    ),
                ],
            ),
            doc.Section("Sozioökonomische Rahmenbedingungen", "3", children=[inner]),
            doc.Section("Anlage", blocks=[catalogue_table()]),
        ],
        draft=draft,
        file_stem="KEK-Nordsachsen-2030-Endbericht-Langfassung-Fassung-2",
    )


@cache
def docx_bytes(draft: bool = True) -> bytes:
    return render_docx(sample(draft))


def word(draft: bool = True):
    """The sample's DOCX, opened again with python-docx."""
    return docx.Document(io.BytesIO(docx_bytes(draft)))


@cache
def xlsx_bytes(kind: str = "endbericht-langfassung") -> bytes:
    document = sample()
    document.kind = kind
    return render_xlsx(document)


def workbook(kind: str = "endbericht-langfassung"):
    return openpyxl.load_workbook(io.BytesIO(xlsx_bytes(kind)))
