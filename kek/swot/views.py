"""Public SWOT pages (F11); routes in swot/public.py."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify

from kek.core.views import render
from kek.goals.models import Concept
from kek.goals.queries import require_current

from . import download
from .evidence import Figure, figures
from .models import KIND_PLURALS, Kind, SwotItem
from .queries import NO_TOPIC, Quadrant, blocks, items_of

ALL_TOPICS = ""


def quadrants(items: list[SwotItem]) -> list[Quadrant]:
    """All items in the four quadrants, whatever their topic."""
    result = [Quadrant(k, KIND_PLURALS[k]) for k in Kind.values]
    for item in items:
        result[Kind.values.index(item.kind)].items.append(item)
    return result


def matrix(concept: Concept | None, limit: int = 3) -> list[dict]:
    """Start page summary: per kind the number of items and the first titles."""
    if concept is None:
        return []
    items = list(
        SwotItem.objects.filter(concept=concept)
        .order_by("position", "id")
        .values_list("kind", "title")
    )
    return [
        {
            "kind": kind,
            "label": KIND_PLURALS[kind],
            "count": sum(1 for k, _ in items if k == kind),
            "titles": [title for k, title in items if k == kind][:limit],
        }
        for kind in Kind.values
    ]


def swot_page(request: HttpRequest, home) -> HttpResponse:
    concept = require_current(home)
    items = list(items_of(concept))
    # Items come ordered by topic, so their topics are too.
    topics = list({i.topic_id: i.topic for i in items if i.topic}.values())
    chosen = request.GET.get("thema", ALL_TOPICS)
    if chosen and chosen not in {t.slug for t in topics}:
        raise Http404("Dieses Themenfeld hat keine SWOT-Einträge.")
    shown = [i for i in items if not chosen or (i.topic and i.topic.slug == chosen)]
    _attach_figures(home, shown)
    context = {
        "concept": concept,
        "topics": topics,
        "chosen": chosen,
        "blocks": blocks(shown),
        "overview": quadrants(shown),
        "count": len(shown),
    }
    return render(request, home, "swot/swot_page.html", context)


def _attach_figures(home, items: list[SwotItem]) -> None:
    evidence = [ev for item in items for ev in item.indicator_evidence.all()]
    found = figures(home.region, evidence)
    for item in items:
        item.figures = [found[ev.pk] for ev in item.indicator_evidence.all()]


def swot_download(request: HttpRequest, home, file_format: str) -> HttpResponse:
    if file_format not in download.FORMATS:
        raise Http404("Dieses Dateiformat wird nicht angeboten.")
    concept = require_current(home)
    items = list(items_of(concept))
    _attach_figures(home, items)
    rows = download_rows(items)
    data = download.to_csv(rows) if file_format == "csv" else download.to_xlsx(rows)
    response = HttpResponse(data, content_type=download.FORMATS[file_format])
    name = f"swot-{slugify(home.region.name)}-version-{concept.version}.{file_format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def download_rows(items: list[SwotItem]) -> list[dict]:
    rows = []
    for item in items:
        base = {
            "topic": item.topic.name if item.topic else NO_TOPIC,
            "kind": item.get_kind_display(),
            "position": item.position,
            "title": item.title,
            "explanation": item.explanation,
            "example": item.is_example,
            "goals": "; ".join(f"{g.number} {g.title}" for g in item.goals.all()),
        }
        evidence = [*_figure_rows(item.figures), *_document_rows(item), *_talk_rows(item)]
        rows += [{**base, **row} for row in evidence] or [base]
    return rows


def _figure_rows(found: list[Figure]) -> list[dict]:
    return [
        {
            "evidence_type": "Indikatorvergleich",
            "evidence": figure.as_text(),
            "period": figure.period,
            "source": figure.source,
            "data_date": figure.data_date,
        }
        for figure in found
    ]


def _document_rows(item: SwotItem) -> list[dict]:
    return [
        {
            "evidence_type": "Dokument/Studie",
            "evidence": ", ".join(p for p in (doc.title, doc.author, doc.url) if p),
            "period": doc.year or "",
        }
        for doc in item.document_evidence.all()
    ]


def _talk_rows(item: SwotItem) -> list[dict]:
    return [
        {
            "evidence_type": "Fachgespräch",
            "evidence": ": ".join(p for p in (talk.bodies, talk.note) if p),
            "period": talk.date.strftime("%d.%m.%Y") if talk.date else talk.when_text,
        }
        for talk in item.expert_talks.all()
    ]
