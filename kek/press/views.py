"""The public page "Presseserie" and the start page's compact list (F20); routes in
press/public.py."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

from kek.core.views import render
from kek.goals.models import Concept, FieldOfAction
from kek.goals.queries import current_concept

from .models import PressArticle, PressSeries

FILTER = "handlungsfeld"
NO_SERIES = "Weitere Presseartikel"


@dataclass
class SeriesBlock:
    series: PressSeries | None
    articles: list[PressArticle] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.series.title if self.series else NO_SERIES

    @property
    def anchor(self) -> str:
        return f"serie-{self.series.pk}" if self.series else "weitere"


def articles_of(region: Any, concept: Concept | None) -> QuerySet[PressArticle]:
    """A district's articles, series by series and part by part, with their file and the fields
    of action of the shown version (`shown_fields`), in a fixed number of queries."""
    fields = FieldOfAction.objects.filter(concept=concept).order_by("position", "id")
    return (
        PressArticle.objects.filter(region=region)
        .select_related("series", "document")
        .prefetch_related(Prefetch("fields_of_action", queryset=fields, to_attr="shown_fields"))
        .order_by("series__position", "series_id", "part", "first_date", "id")
    )


def shown_fields(article: PressArticle) -> list[FieldOfAction]:
    """The article's fields of action of the shown version (prefetched by `articles_of`)."""
    return getattr(article, "shown_fields", [])


def grouped(articles: list[PressArticle], series: list[PressSeries]) -> list[SeriesBlock]:
    """Every series (also one without articles yet) with its parts, then the articles of no
    series."""
    blocks = {s.pk: SeriesBlock(s) for s in series}
    loose = SeriesBlock(None)
    for article in articles:
        block = blocks.get(article.series_id, loose) if article.series_id else loose
        block.articles.append(article)
    result = list(blocks.values())
    return result + [loose] if loose.articles else result


def press_page(request: HttpRequest, home) -> HttpResponse:
    concept = current_concept(home)
    articles = list(articles_of(home.region, concept))
    fields = {f.pk: f for a in articles for f in shown_fields(a)}
    choices = sorted(fields.values(), key=lambda f: (f.position, f.pk))
    chosen = request.GET.get(FILTER, "")
    if chosen and chosen not in {f.slug for f in choices}:
        raise Http404("Zu diesem Handlungsfeld gibt es keine Presseartikel.")
    chosen_field = next((f for f in choices if f.slug == chosen), None)
    shown = [a for a in articles if not chosen or chosen_field in shown_fields(a)]
    series = list(PressSeries.objects.filter(region=home.region).order_by("position", "id"))
    if chosen:
        series = [s for s in series if any(a.series_id == s.pk for a in shown)]
    context = {
        "blocks": grouped(shown, series),
        "field_choices": choices if len(choices) > 1 else [],
        "chosen": chosen_field,
        "count": len(shown),
    }
    return render(request, home, "press/press_page.html", context)


def start_press(home: Any, concept: Concept | None) -> dict[str, Any]:
    """Start page, section "Beteiligung": the series with their parts, compact."""
    articles = list(
        PressArticle.objects.filter(region=home.region)
        .select_related("series")
        .order_by("series__position", "series_id", "part", "first_date", "id")
    )
    series = list(PressSeries.objects.filter(region=home.region).order_by("position", "id"))
    return {"press_blocks": [b for b in grouped(articles, series) if b.articles]}


def field_articles(home: Any, concept: Concept, field: FieldOfAction) -> dict[str, Any]:
    """Page of a field of action: the press articles that speak to it."""
    found = (
        PressArticle.objects.filter(region=home.region, fields_of_action=field)
        .select_related("series")
        .order_by("series__position", "series_id", "part", "first_date", "id")
    )
    return {"press_articles": list(found)}
