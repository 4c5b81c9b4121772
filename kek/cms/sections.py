"""The sections of a district's start page: the planners' text for each, then what the apps
registered for it (`kek.core.registry.start_page`). A section no app fills yet says what
will come there."""

from dataclasses import dataclass
from typing import Any

from kek.core.registry import start_page
from kek.core.views import add_parts


@dataclass(frozen=True)
class Section:
    key: str  # the anchor (#swot) and the place apps register parts for
    heading: str
    toc: str  # its entry in "Auf dieser Seite"
    field: str  # the DistrictHomePage field with the planners' text
    # Shown while no app contributes to the section: a whole German sentence, so that verb
    # and pronoun agree with what comes (eine Zeitleiste … sie ist; Fassungen … sie sind).
    coming: str = ""


SECTIONS = [
    Section("hintergrund", "Hintergrund und Zielsetzung", "Hintergrund und Zielsetzung",
            "background"),
    Section("projektverlauf", "Projektverlauf", "Projektverlauf", "process",
            "Eine Zeitleiste des Prozesses mit Phasen und Meilensteinen wird auf dieser "
            "Plattform derzeit aufgebaut und erscheint hier, sobald sie verfügbar ist."),
    Section("beteiligung", "Beteiligung", "Beteiligung", "participation",
            "Presseserie, Diskussionsforen, Vorschläge und Gremien werden auf dieser Plattform "
            "derzeit aufgebaut und erscheinen hier, sobald sie verfügbar sind."),
    Section("swot", "SWOT-Analyse zu sozioökonomischen Rahmenbedingungen", "SWOT-Analyse",
            "swot"),
    Section("handlungsfelder", "Die Handlungsfelder des Kreisentwicklungskonzeptes",
            "Handlungsfelder", "fields_intro"),
    Section("zielsystem", "Das Zielsystem", "Zielsystem", "goals_intro"),
    Section("endbericht", "Endbericht", "Endbericht", "final_report"),
    Section("projektkatalog", "Der Projektkatalog", "Projektkatalog", "catalogue"),
]  # fmt: skip


def build(home: Any, concept: Any, context: dict[str, Any]) -> list[dict[str, Any]]:
    """Each section with its text and the templates of its parts; the parts' context goes
    into `context`."""
    result = []
    for section in SECTIONS:
        templates = add_parts(context, start_page, section.key, home, concept)
        result.append(
            {
                "key": section.key,
                "heading": section.heading,
                "toc": section.toc,
                "text": getattr(home, section.field),
                "parts": templates,
                "coming": "" if templates else section.coming,
            }
        )
    return result
