"""Public pages "Daten & Analyse" (F9, F10): overview, one topic, one indicator and the CSV
of each chart (routes in statistics/public.py)."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from kek.charts.render import to_csv
from kek.charts.texts import format_period
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
    context = {
        "data": data,
        "indicator": data.indicator,
        "disaggregation_label": data.indicator.disaggregation_label(data.disaggregation),
        "options": options,
        "charts": charts,
        "home_value": figures.home_value(data),
        "latest_period": format_period(data.latest_period) if data.latest_period else "",
        "rank": figures.home_rank(data),
        "comparison": figures.comparison_rows(data),
        "licence_name": figures.LICENCE_NAME,
        "licence_url": figures.LICENCE_URL,
        "source_line": figures.SOURCE_LINE,
    }
    return render(request, home, "statistics/indicator.html", context)


def chart_csv(request: HttpRequest, home, code: str, name: str) -> HttpResponse:
    """Exactly the data of one chart of an indicator page, as CSV."""
    data = _indicator_data(request, home, code)
    chart = figures.charts(data).get(name)
    if chart is None:
        raise Http404("Dieses Diagramm gibt es für den Indikator nicht.")
    response = HttpResponse(to_csv(chart), content_type="text/csv; charset=utf-8")
    filename = f"{data.indicator.code}-{name}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
