"""The Evaluierungsbericht of a frozen evaluation report (`EvaluationSnapshot`): the status
of every target indicator, project, goal and field as frozen on its day, what changed since
the previous report and how the statuses are computed. Also the method explanation and the
live status used by the Endbericht's chapter "Ausblick"."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from django.utils import timezone

from kek.evaluation.statuses import HEADLINE_METHOD, LEGEND, METHOD_NAMES, OTHER_LEGEND, number
from kek.evaluation.statuses import percent as share
from kek.goals.models import Concept, FieldOfAction
from kek.projects.evaluation import Evaluation, NodeResult
from kek.projects.models import EvaluationSnapshot
from kek.projects.snapshots import compare
from kek.projects.summaries import (
    RollupRow,
    distribution,
    frozen_indicators,
    frozen_tables,
    live_table,
)
from kek.projects.summaries import label_for as status_label

from ..document import Block, Document, Note, Paragraph, Section, Table
from . import common

KIND = "evaluierungsbericht"
TITLE = "Evaluierungsbericht"
ROLLUP_COLUMNS = ("Ebene", "Name", "Zielerreichung", "Punktwert (−5 bis +5)",
                  "Zielindikatoren je Status", "Umsetzung", "Datenvollständigkeit")  # fmt: skip
ROLLUP_WIDTHS = (1.6, 4, 2, 1.4, 3.2, 1.4, 2)


# ----------------------------------------------------------------------------- the method


def method_blocks() -> list[Block]:
    """How the statuses are computed (SPEC §4), in the words of the public pages."""
    headline = METHOD_NAMES[HEADLINE_METHOD]
    others = " und ".join(name for name, _, _ in OTHER_LEGEND)
    blocks: list[Block] = [
        Paragraph(
            f"Die Zielindikatoren werden nach dem {headline} bewertet: Wie weit hat sich ein "
            "Indikator seit dem Ausgangsjahr in die gewünschte Richtung bewegt, gemessen an "
            "der bis zum Zieljahr nötigen Veränderung (mit Zielwert) oder an festen Schwellen "
            f"(ohne Zielwert)? Einzelne Indikatoren können auch nach den {others} bewertet "
            "werden; sie zählen in der Gesamtbewertung mit ihrem Punktwert. Die Ergebnisse "
            "werden über Projekte, Teilziele und strategische Ziele zu den Handlungsfeldern "
            "gemittelt (gewichteter Mittelwert der Punktwerte von −5 bis +5)."
        ),
        Table(
            caption=f"Die Status des {headline}",
            columns=("Status", "Bedeutung", "Entspricht bei anderen Methoden"),
            rows=tuple(
                (e.label.text, e.meaning, ", ".join(a.text for a in e.also)) for e in LEGEND
            ),
            widths=(2, 7, 3),
        ),
    ]
    for name, how, statuses in OTHER_LEGEND:
        blocks.append(
            Table(
                caption=f"{name}: {how}",
                columns=("Status", "Bedeutung"),
                rows=tuple((label.text, text) for label, text in statuses),
                widths=(2, 7),
            )
        )
    return blocks


# ----------------------------------------------------------------------------- roll-up


def rollup_rows(rows: list[RollupRow]) -> tuple[tuple[str, ...], ...]:
    return tuple((row.kind, row.name, *result_cells(row.result)) for row in rows)


def result_cells(result: NodeResult) -> tuple[str, ...]:
    counts = "; ".join(f"{label.text}: {count}" for label, count, _ in distribution(result))
    progress = "–" if result.progress is None else f"{number(result.progress, 0)} %"
    complete = (
        f"{result.rated} von {result.indicators} ({share(result.completeness)})"
        if result.indicators
        else "keine Zielindikatoren"
    )
    return (
        status_label(result.status).text,
        number(result.score),
        counts or "keine",
        progress,
        complete,
    )


def rollup_table(caption: str, rows: list[RollupRow], source: str) -> Table:
    return Table(
        caption=caption,
        columns=ROLLUP_COLUMNS,
        rows=rollup_rows(rows) or (("", "keine Einträge", "", "", "", "", ""),),
        source=source,
        numeric=(3,),
        widths=ROLLUP_WIDTHS,
    )


def live_status(
    concept: Concept, evaluation: Evaluation, fields: list[FieldOfAction]
) -> list[Block]:
    """The concept and its fields of action as evaluated now."""
    table = live_table(evaluation, [concept, *fields], lambda obj: None)
    result = evaluation.of(concept)
    text = (
        f"Stand der Bewertung: {status_label(result.status).text}"
        + (f" (Punktwert {number(result.score)})" if result.score is not None else "")
        + f"; {result.rated} von {result.indicators} Zielindikatoren bewertbar"
        + (f"; Umsetzung der Projekte im Mittel {number(result.progress, 0)} %."
           if result.progress is not None else ".")
    )  # fmt: skip
    return [
        Paragraph(text),
        rollup_table(
            "Zielerreichung und Umsetzung je Handlungsfeld",
            table.rows,
            f"Evaluierung {concept.title}, Fassung {concept.version}, aus den aktuellen Messwerten",
        ),
    ]


# ----------------------------------------------------------------------------- the report


def latest_snapshot(concept: Concept) -> EvaluationSnapshot | None:
    return EvaluationSnapshot.objects.filter(concept=concept).order_by("-taken_at", "-id").first()


def indicator_table(results: dict[str, Any], source: str) -> Table:
    rows = []
    for row in frozen_indicators(results):
        value = row.get("current_value")
        unit = f" {row['unit']}" if row.get("unit") and value is not None else ""
        year = f" ({row['current_year']})" if row.get("current_year") else ""
        rows.append((row["title"], row["owner"], status_label(row["status"]).text,
                     f"{number(value)}{unit}{year}" if value is not None else "–",
                     row.get("explanation", "")))  # fmt: skip
    return Table(
        caption="Zielindikatoren",
        columns=("Indikator", "Gehört zu", "Status", "Aktueller Wert", "Erläuterung"),
        rows=tuple(rows) or (("keine Zielindikatoren", "", "", "", ""),),
        source=source,
        widths=(3, 3, 2, 2, 6),
    )


def changes_blocks(snapshot: EvaluationSnapshot) -> list[Block]:
    previous = snapshot.previous()
    if previous is None:
        return [Paragraph("Dies ist der erste Evaluierungsbericht dieser Fassung; es gibt keinen "
                          "früheren zum Vergleich.")]  # fmt: skip
    changes = compare(previous.results, snapshot.results)
    intro = Paragraph(
        f"Verglichen mit dem Bericht „{previous.title}“ vom "
        f"{timezone.localtime(previous.taken_at):%d.%m.%Y}: "
        f"{len(changes)} Zielindikator(en) mit geändertem Status."
    )
    if not changes:
        return [intro]

    def shown(entry: dict[str, Any] | None) -> str:
        return status_label(entry["status"]).text if entry else "nicht enthalten"

    return [
        intro,
        Table(
            caption=f"Änderungen seit „{previous.title}“",
            columns=("Indikator", "Gehört zu", "Vorher", "Jetzt"),
            rows=tuple((c.title, c.owner, shown(c.old), shown(c.new)) for c in changes),
            widths=(4, 4, 2, 2),
        ),
    ]


def assemble(concept: Concept, snapshot: EvaluationSnapshot | None = None) -> Document:
    concept = common.load_concept(concept)
    snapshot = snapshot or latest_snapshot(concept)
    if snapshot is None:
        sections = [Section("Evaluierungsbericht", "1", blocks=[
            Note("Für diese Fassung gibt es noch keinen Evaluierungsbericht.")])]  # fmt: skip
        return common.document(KIND, concept, TITLE, sections, common.Sources())
    day = timezone.localtime(snapshot.taken_at).date()
    source = f"Evaluierungsbericht „{snapshot.title}“, Stand {day:%d.%m.%Y}"
    intro: list[Block] = [Paragraph(
        f"Der Evaluierungsbericht „{snapshot.title}“ hält die Bewertung des {concept.title} "
        f"(Fassung {concept.version}) am {day:%d.%m.%Y} fest: den Status jedes Zielindikators, "
        "jedes Projekts, Teilziels, strategischen Ziels und Handlungsfelds."
    )]  # fmt: skip
    if snapshot.note:
        intro.append(Paragraph(snapshot.note))
    levels = [
        Section(heading, f"2.{index}", blocks=[rollup_table(heading, table.rows, source)])
        for index, (heading, table) in enumerate(frozen_tables(snapshot.results), 1)
    ]
    sections = [
        Section("Anlass und Stand", "1", blocks=intro, key="anlass"),
        Section("Zielerreichung und Umsetzung", "2", children=levels, key="zielerreichung"),
        Section(
            "Zielindikatoren",
            "3",
            blocks=[indicator_table(snapshot.results, source)],
            key="zielindikatoren",
        ),  # fmt: skip
        Section(
            "Veränderungen seit dem vorigen Bericht",
            "4",
            blocks=changes_blocks(snapshot),
            key="veraenderungen",
        ),  # fmt: skip
        Section("Methode der Bewertung", "5", blocks=method_blocks(), key="methode"),
    ]
    stem = f"{TITLE} {day.isoformat()}"
    document = common.document(KIND, concept, TITLE, sections, common.Sources(), stem=stem,
                               catalogue=False)  # fmt: skip
    document.cover = replace(document.cover, data_date=f"Datenstand: Evaluierung {day:%d.%m.%Y}")
    return document
