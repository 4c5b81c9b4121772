"""StreamField blocks of the editorial chapters (F27, F26): rich text, a figure with caption,
a live chart, a goal tree, a project list and a SWOT matrix.

Each block gives the `document` blocks it stands for (`to_document(value, context)`, context
{"concept": Concept}); the web page renders exactly those through the shared block templates
(`{% document_blocks blocks "web" %}`), the PDF and the DOCX through their renderers, so the
web page "Endbericht" and the documents say the same. The live blocks read the concept version
the page shows (the current one, or the draft a planner previews)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.html import strip_tags
from wagtail import blocks as wagtail_blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.rich_text import expand_db_html

from kek.core.periods import format_period
from kek.core.sanitise import rich_text
from kek.goals.models import Concept, FieldOfAction
from kek.goals.queries import current_concept, tree
from kek.projects.models import Project
from kek.projects.summaries import projects_with_goals
from kek.statistics.figures import SOURCE_LINE, charts, load_indicator
from kek.statistics.models import Indicator, Topic
from kek.swot.models import KIND_PLURALS, Kind, SwotItem

from .document import Block, Figure, Note, Paragraph, Picture, RichText, Table

SECTION_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul"]
CHART_TYPES = [
    ("zeitreihe", "Zeitreihe"),
    ("vergleich", "Vergleich: Kreis, Land und Deutschland"),
    ("verteilung", "Verteilung: alle Kreise"),
    ("karte", "Karte der Kreise"),
]
CHART_MISSING = {
    "zeitreihe": "Für eine Zeitreihe liegen Werte aus nur einem Zeitraum vor.",
    "vergleich": "Für den Vergleich liegen keine Werte des Kreises, Landes oder Bundes vor.",
    "verteilung": "Für die Verteilung liegen keine Werte der Kreise vor.",
    "karte": "Für die Karte liegen keine Werte der Kreise vor.",
}
EXAMPLE = " (Beispielinhalt)"
TEMPLATE = "documents/editorial/blocks.html"


# ------------------------------------------------------------------------ choices (callables)


def indicator_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{name} ({code})") for code, name in Indicator.objects.values_list("code", "name")
    ]


def field_choices() -> list[tuple[str, str]]:
    """The fields of action of all versions by their key (the same across versions), named as
    in their newest version."""
    found: dict[str, str] = {}
    rows = FieldOfAction.objects.order_by("concept__region__name", "position", "concept__version")
    for key, number, title, concept in rows.values_list("key", "number", "title", "concept__title"):
        found[str(key)] = f"Handlungsfeld {number}: {title} ({concept})"
    return list(found.items())


def topic_choices() -> list[tuple[str, str]]:
    return list(Topic.objects.values_list("slug", "name"))


# ------------------------------------------------------------------------------- the concept


def concept_in(context: Any) -> Concept | None:
    """The concept version a template context shows: its `concept`, else that of the page's
    district (the nearest ancestor page with a region: the district's start page)."""
    values = context.flatten() if hasattr(context, "flatten") else dict(context or {})
    if isinstance(values.get("concept"), Concept):
        return values["concept"]
    page = values.get("page") or values.get("self")
    if page is None or not hasattr(page, "get_ancestors"):
        return None
    for ancestor in reversed(list(page.get_ancestors(inclusive=True).specific())):
        if getattr(ancestor, "region_id", None):
            return current_concept(ancestor)
    return None


class DocumentBlockMixin:
    """A block that stands for `document` blocks and shows them on the web through the shared
    block templates."""

    def to_document(self, value: Any, context: dict[str, Any]) -> list[Block]:
        raise NotImplementedError

    def render(self, value: Any, context: Any = None) -> str:
        concept = concept_in(context)
        if concept is None and self.needs_concept:
            return ""
        blocks = self.to_document(value, {"concept": concept})
        return render_to_string(TEMPLATE, {"blocks": blocks})

    needs_concept = True


# --------------------------------------------------------------------------------- rich text


class TextBlock(DocumentBlockMixin, wagtail_blocks.RichTextBlock):
    needs_concept = False

    def to_document(self, value: Any, context: dict[str, Any]) -> list[Block]:
        html = rich_text(expand_db_html(getattr(value, "source", str(value))), SECTION_FEATURES)
        return [RichText(html)] if strip_tags(html).strip() else []


# ------------------------------------------------------------------------------------ figure


class FigureBlock(DocumentBlockMixin, wagtail_blocks.StructBlock):
    """An image from the library with its caption, text alternative and source."""

    needs_concept = False
    image = ImageChooserBlock(label="Bild")
    alt = wagtail_blocks.CharBlock(
        label="Alternativtext",
        max_length=300,
        required=False,
        help_text="Was das Bild zeigt, für Menschen, die es nicht sehen. Leer: die "
        "Beschreibung des Bildes in der Bildbibliothek.",
    )
    caption = wagtail_blocks.CharBlock(label="Bildunterschrift", max_length=300, required=False)
    source = wagtail_blocks.CharBlock(
        label="Quelle", max_length=300, required=False, help_text="z. B. „Foto: Landratsamt“"
    )

    class Meta:
        label = "Bild mit Unterschrift"
        icon = "image"
        help_text = "Ein Bild aus der Bildbibliothek; im PDF und im Word-Dokument in Druckgröße."

    def to_document(self, value: Any, context: dict[str, Any]) -> list[Block]:
        image = value.get("image")
        if image is None:
            return []
        rendition = image.get_rendition(rendition_filter(image))
        alt = value.get("alt") or image.default_alt_text or image.title
        return [
            Picture(
                path=rendition.file.path,
                alt=alt,
                caption=value.get("caption") or "",
                source=value.get("source") or "",
            )
        ]


def rendition_filter(image: Any) -> str:
    """Print size (about 17 cm at 230 dpi); formats a DOCX cannot hold become PNG."""
    keep = (image.file.name or "").lower().endswith((".jpg", ".jpeg", ".png"))
    return "max-1600x1600" if keep else "max-1600x1600|format-png"


# ------------------------------------------------------------------------------- live chart


class ChartBlock(DocumentBlockMixin, wagtail_blocks.StructBlock):
    """A chart of an indicator, drawn from the current observations of the district."""

    indicator = wagtail_blocks.ChoiceBlock(
        choices=indicator_choices,
        label="Indikator",
        help_text="Ein Indikator des Statistikkatalogs; die Werte kommen live aus den "
        "importierten Daten.",
    )
    chart = wagtail_blocks.ChoiceBlock(
        choices=CHART_TYPES,
        default="vergleich",
        label="Diagrammart",
        help_text="Zeitreihe: Kreis, Land und Deutschland im Zeitverlauf; Vergleich: der "
        "neueste Wert von Kreis, Land und Deutschland; Verteilung und Karte: alle Kreise.",
    )
    caption = wagtail_blocks.CharBlock(
        label="Bildunterschrift",
        max_length=300,
        required=False,
        help_text="Leer: der Titel des Diagramms.",
    )

    class Meta:
        label = "Diagramm aus den Daten"
        icon = "sliders"
        help_text = "Immer aktuell: mit Textalternative, Datentabelle und Quellenangabe."

    def to_document(self, value: Any, context: dict[str, Any]) -> list[Block]:
        code, kind = value.get("indicator"), value.get("chart")
        # A document passes all indicators' data, loaded at once (kek.statistics.figures).
        data = context.get("indicator_data", {}).get(code)
        indicator = data.indicator if data else Indicator.objects.filter(code=code).first()
        if indicator is None:
            return [Note(f"Den Indikator „{code}“ gibt es im Statistikkatalog nicht mehr.")]
        data = data or load_indicator(indicator, context["concept"].region, None)
        chart = charts(data).get(kind)
        if chart is None:
            return [Note(f"{indicator.name}: {CHART_MISSING.get(kind, 'Keine Daten.')}")]
        return [Figure(chart, value.get("caption") or chart.title, source_line(indicator, data))]


def source_line(indicator: Indicator, data: Any) -> str:
    parts = [SOURCE_LINE]
    if indicator.table_code:
        parts.append(f"Tabelle {indicator.table_code}")
    line = ", ".join(parts)
    if data.data_period:
        line += f"; Datenstand {format_period(data.data_period)}"
    return f"{line}; Lizenz dl-de/by-2-0"


# -------------------------------------------------------------------------------- goal tree


def optional_field(help_text: str) -> wagtail_blocks.ChoiceBlock:
    return wagtail_blocks.ChoiceBlock(
        choices=field_choices, required=False, label="Handlungsfeld", help_text=help_text
    )


def fields_of(concept: Concept, key: str | None) -> list[FieldOfAction]:
    fields = tree(concept)
    return list(fields.filter(key=key) if key else fields)


GOAL_LEVELS = [
    ("fields", "Handlungsfelder mit Leitbild"),
    ("goals", "… und strategische Ziele"),
    ("subgoals", "… und Teilziele"),
]


class GoalTreeBlock(DocumentBlockMixin, wagtail_blocks.StructBlock):
    """Fields of action with Leitbild, strategic goals and sub-goals, numbered."""

    field = optional_field("Leer: alle Handlungsfelder.")
    levels = wagtail_blocks.ChoiceBlock(
        choices=GOAL_LEVELS,
        default="subgoals",
        label="Ebenen",
        help_text="Wie tief das Zielsystem gezeigt wird; für eine Übersicht genügen die "
        "Handlungsfelder mit ihren Leitbildern.",
    )

    class Meta:
        label = "Zielsystem"
        icon = "list-ol"
        help_text = (
            "Die Handlungsfelder mit Leitbild, strategischen Zielen und Teilzielen der "
            "angezeigten Fassung, nummeriert."
        )

    def to_document(self, value: Any, context: dict[str, Any]) -> list[Block]:
        concept: Concept = context["concept"]
        fields = fields_of(concept, value.get("field"))
        if not fields:
            return [Note("In dieser Fassung gibt es das gewählte Handlungsfeld nicht.")]
        levels = value.get("levels") or "subgoals"
        if levels == "fields":
            return [visions_table(fields, concept)]
        result: list[Block] = []
        for field in fields:
            if field.vision:
                result.append(Paragraph(vision_line(field, concept)))
            result.append(goals_table(field, with_subgoals=levels == "subgoals"))
        return result


def visions_table(fields: list[FieldOfAction], concept: Concept) -> Table:
    rows = tuple((f.number, labelled(f), f.vision) for f in fields)
    return Table(
        caption=f"Die Handlungsfelder und ihre Leitbilder {concept.horizon_year}",
        columns=("Nr.", "Handlungsfeld", f"Leitbild {concept.horizon_year}"),
        rows=rows,
        widths=(1, 3, 8),
    )


def goals_table(field: FieldOfAction, with_subgoals: bool) -> Table:
    rows = []
    for goal in field.goals.all():
        rows.append((goal.number, labelled(goal)))
        if with_subgoals:
            rows += [(sub.number, labelled(sub)) for sub in goal.subgoals.all()]
    return Table(
        caption=f"Handlungsfeld {field.number}: {field.title}",
        columns=("Nr.", "Strategisches Ziel / Teilziel" if with_subgoals else "Strategisches Ziel"),
        rows=tuple(rows) or (("", "Noch keine strategischen Ziele eingetragen."),),
        widths=(1, 8),
    )


def vision_line(field: FieldOfAction, concept: Concept) -> str:
    """The Leitbild named with its field, since it stands before the field's table."""
    heading = f"Handlungsfeld {field.number} „{field.title}“"
    return f"{heading} – Leitbild {concept.horizon_year}: {field.vision}"


def labelled(obj: Any) -> str:
    return f"{obj.title}{EXAMPLE if obj.is_example else ''}"


# ------------------------------------------------------------------------------ project list


class ProjectListBlock(DocumentBlockMixin, wagtail_blocks.StructBlock):
    field = optional_field("Leer: Projekte aller Handlungsfelder.")
    status = wagtail_blocks.ChoiceBlock(
        choices=Project.Status.choices,
        required=False,
        label="Status",
        help_text="Leer: Projekte in jedem Status.",
    )

    class Meta:
        label = "Projektliste"
        icon = "clipboard-list"
        help_text = "Die Projekte des Projektkatalogs der angezeigten Fassung, als Tabelle."

    def to_document(self, value: Any, context: dict[str, Any]) -> list[Block]:
        concept: Concept = context["concept"]
        projects = projects_with_goals(concept)
        field_name = ""
        if key := value.get("field"):
            field = FieldOfAction.objects.filter(concept=concept, key=key).first()
            if field is None:
                return [Note("In dieser Fassung gibt es das gewählte Handlungsfeld nicht.")]
            projects = projects.filter(subgoals__goal__field=field)
            field_name = f"Handlungsfeld {field.number}: {field.title}"
        if status := value.get("status"):
            projects = projects.filter(status=status)
        rows = tuple(project_row(p) for p in projects.distinct().order_by("number"))
        caption = " – ".join(
            part
            for part in ("Projekte", field_name, status and Project.Status(status).label)
            if part
        )
        if not rows:
            return [Note(f"{caption}: keine Projekte im Projektkatalog dieser Fassung.")]
        return [
            Table(
                caption=caption,
                columns=("Nr.", "Projekt", "Teilziele", "Federführung", "Status"),
                rows=rows,
                source=f"Projektkatalog {concept.title}, Fassung {concept.version}",
                widths=(1, 5, 2, 3, 2),
            )
        ]


def project_row(project: Project) -> tuple[str, ...]:
    subgoals = ", ".join(sub.number for sub in project.subgoals.all())
    return (
        project.number,
        labelled(project),
        subgoals,
        project.lead_body,
        project.get_status_display(),
    )


# ------------------------------------------------------------------------------- SWOT matrix


class SwotMatrixBlock(DocumentBlockMixin, wagtail_blocks.StructBlock):
    topic = wagtail_blocks.ChoiceBlock(
        choices=topic_choices,
        required=False,
        label="Themenfeld",
        help_text="Leer: alle Themenfelder.",
    )

    class Meta:
        label = "SWOT-Matrix"
        icon = "grid"
        help_text = "Stärken, Schwächen, Chancen und Risiken der angezeigten Fassung."

    def to_document(self, value: Any, context: dict[str, Any]) -> list[Block]:
        concept: Concept = context["concept"]
        items = SwotItem.objects.filter(concept=concept).select_related("topic")
        topic = (
            Topic.objects.filter(slug=value.get("topic")).first() if value.get("topic") else None
        )
        if topic is not None:
            items = items.filter(topic=topic)
        by_kind: dict[str, list[SwotItem]] = {kind: [] for kind in Kind.values}
        for item in items.order_by("position", "pk"):
            by_kind[item.kind].append(item)
        where = f" – {topic.name}" if topic else ""
        if not any(by_kind.values()):
            return [Note(f"SWOT-Analyse{where}: noch keine Einträge in dieser Fassung.")]
        return [quadrant(kind, entries, where, topic is None) for kind, entries in by_kind.items()]


def quadrant(kind: str, items: list[SwotItem], where: str, with_topic: bool) -> Table:
    """One quadrant of the matrix as a table (with the topic of each item when all are shown)."""
    columns = (Kind(kind).label, "Themenfeld") if with_topic else (Kind(kind).label,)
    rows = [
        (labelled(item), item.topic.name if item.topic else "")[: len(columns)] for item in items
    ]
    return Table(
        caption=f"{KIND_PLURALS[kind]}{where}",
        columns=columns,
        rows=tuple(rows) or (("keine", "")[: len(columns)],),
        widths=(3, 1) if with_topic else (),
    )


BODY_BLOCKS = [
    ("text", TextBlock(features=SECTION_FEATURES, label="Text")),
    ("figure", FigureBlock()),
    ("chart", ChartBlock()),
    ("goal_tree", GoalTreeBlock()),
    ("project_list", ProjectListBlock()),
    ("swot_matrix", SwotMatrixBlock()),
]
