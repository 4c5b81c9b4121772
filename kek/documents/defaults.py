"""Default web page "Endbericht" of a district with its editorial chapters (F27), from
`report:` in its district.yaml (default: the folder's report.yaml, see
data/nordsachsen/report.yaml).

Registered as a default-content loader in DocumentsConfig.ready, after the site (which makes
the start page), the concept and the statistics (which the blocks name). The page and each
chapter are created only when missing (by slug), so a planner's edits are never overwritten
and a second run changes nothing. Every entry is checked first, each block as the back office
checks it (its StreamField block's `clean`); rich text keeps only what the text block allows.
A bad entry gives one German message with file, line and field and writes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.blocks import StreamValue

from kek.core.defaults import check_values, entries, folder_file, mapping, text
from kek.core.fileio import FileError, at, load_yaml, unknown_fields
from kek.core.sanitise import rich_text
from kek.core.sites import homes_for_regions
from kek.regions.models import Region

from .blocks import SECTION_FEATURES
from .pages import ChapterPage, ReportPage

REPORT_KEYS = {"title", "slug", "intro"}
CHAPTER_KEYS = {"title", "slug", "slot", "body"}
DEFAULT_FILE = "report.yaml"


class DefaultsError(FileError, ValueError):
    """The report defaults file cannot be used; German, names file, line and field."""


def load(region: Region, folder: Path, spec: dict) -> str:
    path = folder_file(folder, spec, "report", default=DEFAULT_FILE)
    if path is None:
        return "Endbericht: keine Vorgaben."
    home = homes_for_regions([region.pk]).get(region.pk)
    if home is None:
        return "Endbericht: keine Startseite, nichts angelegt."
    data = mapping(load_yaml(path, DefaultsError) or {}, path.name, "")
    return load_file(home, data, path.name)


@transaction.atomic
def load_file(home: Any, data: dict, file: str) -> str:
    unknown_fields(data, {"report", "chapters"}, file=file, error=DefaultsError)
    reader = _Reader(file)
    report_values = reader.page(ReportPage, data.get("report"), at(data, "report"), "report")
    chapters = [
        reader.chapter(entry, number)
        for number, entry in enumerate(entries(data.get("chapters"), file, at(data), "chapters"), 1)
    ]
    report = ReportPage.objects.child_of(home).first()
    made = 0
    if report is None:
        if home.get_children().filter(slug=report_values["slug"]).exists():
            return f"Endbericht: die Adresse „{report_values['slug']}“ ist schon vergeben."
        report = publish(home, ReportPage(**report_values))
        made += 1
    existing = set(report.get_children().values_list("slug", flat=True))
    for values in chapters:
        if values["slug"] not in existing:
            publish(report, ChapterPage(**values))
            made += 1
    if not made:
        return "Endbericht: schon vorhanden, unverändert."
    return f"Endbericht: {made} Seite(n) angelegt."


def publish(parent: Any, page: Any) -> Any:
    child = parent.add_child(instance=page)
    child.save_revision().publish()
    return child


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file
        self.stream = ChapterPage._meta.get_field("body").stream_block

    def fail(self, where: str, field: str, problem: str) -> DefaultsError:
        return DefaultsError(self.file, where, field, problem)

    def page(self, model: type, value: Any, where: str, field: str) -> dict[str, Any]:
        values = mapping(value, self.file, where, field)
        keys = REPORT_KEYS if model is ReportPage else CHAPTER_KEYS - {"body"}
        unknown_fields(values, keys, file=self.file, error=DefaultsError)
        clean = {name: text(values.get(name)) for name in keys if name in values}
        for name in ("title", "slug"):
            if not clean.get(name):
                raise self.fail(at(values), f"{field}.{name}", "Die Angabe fehlt.")
        check_values(model(**clean), list(clean), self.file, at(values), values)
        return clean

    def chapter(self, entry: Any, number: int) -> dict[str, Any]:
        where = at(entry) if isinstance(entry, dict) else ""
        values = mapping(entry, self.file, where, f"chapters[{number}]")
        unknown_fields(values, CHAPTER_KEYS, file=self.file, error=DefaultsError)
        page = {k: v for k, v in values.items() if k != "body"}
        clean = self.page(ChapterPage, page, where, f"chapters[{number}]")
        if not clean.get("slot"):
            raise self.fail(where, f"chapters[{number}].slot", "Die Angabe fehlt.")
        body = entries(values.get("body"), self.file, at(values, "body"), "body")
        raw = [self.block(item, f"chapters[{number}].body[{n}]") for n, item in enumerate(body, 1)]
        clean["body"] = StreamValue(self.stream, raw, is_lazy=True)
        return clean

    def block(self, item: Any, field: str) -> dict[str, Any]:
        """One `- type: value` entry as the StreamField's raw data, checked by its block."""
        where = at(item) if isinstance(item, dict) else ""
        if not isinstance(item, dict) or len(item) != 1:
            raise self.fail(where, field, "Erwartet wird ein Baustein: „- text: …“.")
        kind, value = next(iter(item.items()))
        if kind not in self.stream.child_blocks:
            names = ", ".join(self.stream.child_blocks)
            raise self.fail(where, field, f"Unbekannter Baustein „{kind}“ (erlaubt: {names}).")
        block = self.stream.child_blocks[kind]
        if kind == "text":
            value = rich_text(text(value), SECTION_FEATURES)
        else:
            given = mapping(value or {}, self.file, where, f"{field}.{kind}")
            unknown_fields(given, block.child_blocks, file=self.file, error=DefaultsError)
            value = {name: text(given.get(name)) for name in block.child_blocks}
        try:
            block.clean(block.to_python(value))
        except ValidationError as error:
            raise self.fail(where, f"{field}.{kind}", "; ".join(messages(error))) from None
        return {"type": kind, "value": value}


def messages(error: ValidationError) -> list[str]:
    """The German messages of a (nested) block validation error, with the field they name."""
    data = error.as_json_data() if hasattr(error, "as_json_data") else {"messages": error.messages}
    return _messages(data, "")


def _messages(data: Any, name: str) -> list[str]:
    found = [f"{name}: {m}" if name else m for m in data.get("messages", [])]
    for child, nested in (data.get("blockErrors") or {}).items():
        found += _messages(nested, str(child))
    return found
