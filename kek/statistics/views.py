"""Public pages "Daten & Analyse" (F9, F10): overview, one topic, one indicator and the CSV
of each chart (routes in statistics/public.py)."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kek.charts.render import to_csv
from kek.core.periods import format_date, format_period
from kek.core.routes import route_url
from kek.core.views import render

from . import figures
from .models import Indicator, Topic


def overview(request: HttpRequest, home) -> HttpResponse:
    topics = figures.topic_summaries(home.region)
    return render(request, home, "statistics/overview.html", {"topics": topics})


def topic_detail(request: HttpRequest, home, slug: str) -> HttpResponse:
    topic = get_object_or_404(Topic, slug=slug)
    summary = figures.topic_summaries(home.region, topic)[0]
    return render(request, home, "statistics/topic.html", {"topic": topic, "summary": summary})


def _indicator_data(request: HttpRequest, home, code: str) -> figures.IndicatorData:
    indicator = get_object_or_404(Indicator.objects.select_related("topic"), code=code)
    try:
        return figures.load_indicator(indicator, home.region, request.GET.get("merkmal"))
    except LookupError:
        raise Http404("Diese Gliederung gibt es für den Indikator nicht.") from None


def indicator_detail(request: HttpRequest, home, code: str) -> HttpResponse:
    data = _indicator_data(request, home, code)
    code = data.indicator.code
    query = ""
    if data.disaggregation != figures.default_disaggregation(data.disaggregations):
        query = "?" + urlencode({"merkmal": data.disaggregation})
    charts = [
        {
            "name": name,
            "chart": chart,
            "csv_url": route_url("data_chart_csv", home, code=code, name=name) + query,
        }
        for name, chart in figures.charts(data).items()
    ]
    options = [
        {"key": key, "label": data.indicator.disaggregation_label(key)}
        for key in data.disaggregations
    ]
    municipal = figures.municipal_table(data, request.GET.get("sortierung"))
    municipal_map = figures.municipal_choropleth(data, municipal) if municipal else None
    map_csv = route_url("data_chart_csv", home, code=code, name=figures.MUNICIPAL_MAP) + query
    context = {
        "data": data,
        "indicator": data.indicator,
        "disaggregation_label": data.indicator.disaggregation_label(data.disaggregation),
        "options": options,
        "charts": charts,
        "home_value": figures.home_value(data),
        "latest_period": format_period(data.latest_period) if data.latest_period else "",
        "data_period": format_period(data.data_period) if data.data_period else "",
        "imported_on": _imported_on(data.batch),
        "downloaded_on": format_date(data.batch.downloaded_on)
        if data.batch and data.batch.downloaded_on
        else "",
        "municipal": municipal,
        "municipal_sorting": _sorting(data, municipal) if municipal else {},
        "municipal_map": municipal_map,
        "municipal_map_csv": map_csv if municipal_map else "",
        "rank": figures.home_rank(data),
        "comparison": figures.comparison_rows(data),
        "licence_name": figures.LICENCE_NAME,
        "licence_url": figures.LICENCE_URL,
        "source_line": figures.SOURCE_LINE,
    }
    return render(request, home, "statistics/indicator.html", context)


def _imported_on(batch) -> str:
    """The day the newest import of the values finished (local time), ``02.12.2026``."""
    if batch is None:
        return ""
    return format_date(timezone.localdate(batch.finished_at or batch.created_at))


def _sorting(data: figures.IndicatorData, table: figures.MunicipalTable) -> dict[str, str]:
    """Links of the municipal table's column headers (name; value, highest first, then
    lowest first) and how it is sorted, keeping the chosen disaggregation."""

    def link(order: str) -> str:
        query = {"sortierung": order}
        if data.disaggregation != figures.default_disaggregation(data.disaggregations):
            query = {"merkmal": data.disaggregation, **query}
        return "?" + urlencode(query) + "#gemeinden"

    by_value = "wert-aufsteigend" if table.order == "wert" else "wert"
    return {
        "name_url": link("name"),
        "value_url": link(by_value),
        "name_sort": "ascending" if table.order == "name" else "none",
        "value_sort": {"wert": "descending", "wert-aufsteigend": "ascending"}.get(
            table.order, "none"
        ),
        "label": figures.MUNICIPAL_ORDERS[table.order],
        "value_next": figures.MUNICIPAL_ORDERS[by_value],
    }


def chart_csv(request: HttpRequest, home, code: str, name: str) -> HttpResponse:
    """Exactly the data of one chart of an indicator page, as CSV."""
    data = _indicator_data(request, home, code)
    if name == figures.MUNICIPAL_MAP:
        table = figures.municipal_table(data)
        chart = figures.municipal_choropleth(data, table) if table else None
    else:
        chart = figures.charts(data).get(name)
    if chart is None:
        raise Http404("Dieses Diagramm gibt es für den Indikator nicht.")
    response = HttpResponse(to_csv(chart), content_type="text/csv; charset=utf-8")
    filename = f"{data.indicator.code}-{name}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
