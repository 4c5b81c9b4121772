"""The documents of a concept version (F27) and how each is assembled.

`assemble` is the dotted path of a function `(concept, snapshot) -> document.Document`
(`snapshot`: the frozen evaluation report, only for the Evaluierungsbericht), imported when a
build runs. A kind `per_snapshot` is built once per frozen evaluation report of the version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string

from kek.core.registry import Registry

PDF, DOCX, XLSX = "pdf", "docx", "xlsx"
MEDIA_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMAT_LABELS = {PDF: "PDF", DOCX: "Word (DOCX)", XLSX: "Excel (XLSX)"}


@dataclass(frozen=True)
class Kind:
    name: str  # also the file name in the download address: endbericht-langfassung.pdf
    label: str  # "Endbericht – Langfassung"
    assemble: str  # dotted path, see module docstring
    formats: tuple[str, ...] = (PDF, DOCX)
    order: int = 0
    per_snapshot: bool = False

    def assembler(self) -> Callable[..., Any]:
        return import_string(self.assemble)


KINDS: Registry[Kind] = Registry("document kind")

for _kind in (
    Kind("endbericht-langfassung", "Endbericht – Langfassung",
         "kek.documents.assemble.final_report.long", order=10),
    Kind("endbericht-kurzfassung", "Endbericht – Kurzfassung",
         "kek.documents.assemble.final_report.short", order=20),
    Kind("zielsystem", "Zielsystem", "kek.documents.assemble.goal_system.assemble", order=30),
    Kind("swot-analyse", "SWOT-Analyse Sozioökonomische Rahmenbedingungen",
         "kek.documents.assemble.swot.assemble", order=40),
    Kind("projektkatalog", "Projektkatalog", "kek.documents.assemble.catalogue.assemble",
         formats=(PDF, DOCX, XLSX), order=50),
    Kind("evaluierungsbericht", "Evaluierungsbericht",
         "kek.documents.assemble.evaluation_report.assemble", order=60, per_snapshot=True),
):  # fmt: skip
    KINDS.register(_kind)
