"""Back office: "Messwerte zur Prüfung" – the values project leads confirmed although the
plausibility checks flagged them (kek.projects.value_checks). Until a planner accepts one it
does not count in the evaluation nor show on the public pages; a rejected one stays rejected
(and on record) until the lead corrects it. Every write checks `projects.review_measurement`
on the server; each decision is a record of the value's history, with the planner.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST

from kek.core.views import require
from kek.evaluation.statuses import number
from kek.regions.models import Region

from .models import Measurement

LISTING = "kek_measurement_review"
PERMISSION = "projects.review_measurement"
PER_PAGE = 50
# The states the listing shows, the first by default.
SHOWN = (Measurement.Review.PENDING, Measurement.Review.REJECTED)
EARLIER_VALUES = 3


def _filters(data) -> tuple[str, Region | None]:
    state = data.get("status")
    state = state if state in SHOWN else SHOWN[0]
    key = data.get("gebiet") or ""
    region = _districts().filter(ags=key).first() if key else None
    return state, region


def _districts():
    return Region.objects.filter(district_projects__isnull=False).distinct().order_by("name")


def _in_district(region: Region) -> Q:
    return (
        Q(indicator__project__region=region)
        | Q(indicator__goal__concept__region=region)
        | Q(indicator__subgoal__concept__region=region)
    )


def _listing_url(state: str, region: Region | None) -> str:
    query = {"status": state, **({"gebiet": region.ags} if region else {})}
    return f"{reverse(LISTING)}?{urlencode(query)}"


@require_http_methods(["GET", "HEAD"])
def review_list(request: HttpRequest) -> HttpResponse:
    require(request.user, PERMISSION)
    state, region = _filters(request.GET)
    records = Measurement.history.model.objects.filter(id=OuterRef("pk")).order_by(
        "-history_date", "-history_id"
    )
    rows = (
        Measurement.objects.filter(review=state)
        .filter(_in_district(region) if region else Q())
        .select_related("indicator__project__region", "indicator__goal", "indicator__subgoal")
        .prefetch_related(
            Prefetch(
                "indicator__measurements",
                queryset=Measurement.objects.filter(review=Measurement.Review.OK).order_by("-date"),
                to_attr="reviewed",
            )
        )
        .annotate(
            # Who confirmed the flagged value, and who decided last.
            entered_by=Subquery(
                records.filter(review=Measurement.Review.PENDING).values("history_user__username")[
                    :1
                ]
            ),
            decided_by=Subquery(records.values("history_user__username")[:1]),
        )
        .order_by("-date", "pk")
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("seite"))
    # Each value with the latest reviewed ones before it, for comparison.
    shown = [(m, _earlier(m)) for m in page]
    context = {
        "page_title": "Messwerte zur Prüfung",
        "header_title": "Messwerte zur Prüfung",
        "states": [(s, Measurement.Review(s).label) for s in SHOWN],
        "state": state,
        "region": region,
        "districts": _districts(),
        "page": page,
        "shown": shown,
        "query": urlencode({"status": state, **({"gebiet": region.ags} if region else {})}),
    }
    return TemplateResponse(request, "projects/admin/measurement_review.html", context)


def _earlier(measurement) -> list[str]:
    return [
        f"{m.date:%d.%m.%Y}: {number(m.value, 6)}"
        for m in measurement.indicator.reviewed
        if m.date < measurement.date
    ][:EARLIER_VALUES]


def _decide(request: HttpRequest, pk: int, decision: str, reason: str, done: str):
    require(request.user, PERMISSION)
    measurement = get_object_or_404(Measurement.objects.select_related("indicator"), pk=pk)
    value = f"{measurement.date:%d.%m.%Y}: {number(measurement.value, 6)}"
    what = f"Der Messwert {value} für „{measurement.indicator.title}“"
    if measurement.review == decision:
        messages.info(request, f"{what} ist bereits {done}.")
    else:
        measurement.review = decision
        measurement._change_reason = reason
        measurement.save(update_fields=["review"])
        messages.success(request, f"{what} ist {done}.")
    return redirect(_listing_url(*_filters(request.POST)))


@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The value counts from now on."""
    return _decide(
        request, pk, Measurement.Review.OK, "Messwert geprüft und angenommen", "angenommen"
    )


@require_POST
def reject(request: HttpRequest, pk: int) -> HttpResponse:
    """The value stays on record but does not count; the lead can correct it."""
    return _decide(
        request, pk, Measurement.Review.REJECTED, "Messwert geprüft und abgelehnt", "abgelehnt"
    )
