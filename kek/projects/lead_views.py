"""Project leads update status, milestones and measurements of their own projects (F17, F30).

`projekte/<ref>/aktualisieren/` is a public route (projects/public.py).
The page holds three forms that post separately (field `aktion`); each POST checks the object
permission on the server. simple_history's middleware records the signed-in user with every
change of the project, its milestones and measurements (each in its own history); the
project's history also notes milestone and measurement changes with a change reason.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.db import IntegrityError, transaction
from django.db.models import Prefetch
from django.forms import BaseForm, BaseFormSet
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import Truncator

from kek.core.sites import homes_for_regions
from kek.core.views import require
from kek.evaluation.statuses import number

from .forms import MeasurementForm, MilestoneFormSet, ProjectStatusForm, duplicate_message
from .models import Measurement, Project, TargetIndicator
from .views import project_url, resolve

# The three forms of the page; the names are also their prefixes and values of `aktion`.
STATUS, MILESTONES, MEASUREMENT = "status", "meilensteine", "messwert"
NO_CHANGES = "Es wurden keine Änderungen übermittelt."
RECENT_MEASUREMENTS = 5


# ----------------------------------------------------------------------------- update page


def update_project(request: HttpRequest, home, ref: str) -> HttpResponse:
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    project, redirect = resolve(home, ref)
    if redirect and request.method == "GET":
        return HttpResponsePermanentRedirect(project_url(home, project, "update_project"))
    require(request.user, "projects.update_project", project)
    forms = blank_forms(project, correcting(request, project, request.GET.get("korrigieren")))
    if request.method == "POST":
        action = request.POST.get("aktion")
        if action not in SAVERS:
            return HttpResponseBadRequest("Unbekannte Aktion.")
        bound, message = SAVERS[action](request, project)
        if message is not None:
            messages.success(request, message)
            return HttpResponseRedirect(project_url(home, project))
        forms[action] = bound
    return TemplateResponse(
        request,
        "projects/lead/update.html",
        {
            "page": home,
            "self": home,
            "project": project,
            "project_url": project_url(home, project),
            "forms": forms,
            "errors": error_summary(forms),
            "indicators": indicators_with_recent_values(project),
        },
    )


def blank_forms(project: Project, correction: Measurement | None = None) -> dict[str, Any]:
    return {
        STATUS: ProjectStatusForm(instance=project, prefix=STATUS),
        MILESTONES: MilestoneFormSet(instance=project, prefix=MILESTONES),
        MEASUREMENT: MeasurementForm(project=project, instance=correction, prefix=MEASUREMENT),
    }


def correcting(request: HttpRequest, project: Project, pk: str | None) -> Measurement | None:
    """The project's measured value to correct (404 for any other), after the permission."""
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404("Diesen Messwert gibt es in diesem Projekt nicht.")
    measurement = get_object_or_404(
        Measurement.objects.select_related("indicator"), pk=int(pk), indicator__project=project
    )
    require(request.user, "projects.change_measurement", measurement)
    return measurement


def save_status(request: HttpRequest, project: Project) -> tuple[Any, str | None]:
    # A copy, so that an invalid form does not alter the project shown on the page.
    form = ProjectStatusForm(
        request.POST, instance=Project.objects.get(pk=project.pk), prefix=STATUS
    )
    if not form.is_valid():
        return form, None
    if not form.has_changed():
        return form, NO_CHANGES
    updated = form.instance
    progress = "Standard" if updated.progress is None else f"{updated.progress} %"
    updated._change_reason = (
        f"Status „{updated.get_status_display()}“, Umsetzungsstand {progress} (Projektformular)"
    )
    updated.lead_updated_at = timezone.now()
    form.save()
    return form, f"Status und Umsetzungsstand von „{project}“ wurden gespeichert."


def save_milestones(request: HttpRequest, project: Project) -> tuple[Any, str | None]:
    formset = MilestoneFormSet(request.POST, instance=project, prefix=MILESTONES)
    if not formset.is_valid():
        return formset, None
    check_milestone_permissions(request.user, project, formset)
    with transaction.atomic():
        formset.save()
        counts = [
            (len(formset.new_objects), "neu"),
            (len(formset.changed_objects), "geändert"),
            (len(formset.deleted_objects), "gelöscht"),
        ]
        summary = ", ".join(f"{count} {word}" for count, word in counts if count)
        if not summary:
            return formset, NO_CHANGES
        project.lead_updated_at = timezone.now()
        record(project, f"Meilensteine: {summary} (Projektformular)", "lead_updated_at")
    return formset, f"Meilensteine von „{project}“ gespeichert: {summary}."


def check_milestone_permissions(user, project: Project, formset: BaseFormSet) -> None:
    deleted = formset.deleted_forms
    for form in formset.initial_forms:
        if form in deleted:
            require(user, "projects.delete_milestone", form.instance)
        elif form.has_changed():
            require(user, "projects.change_milestone", form.instance)
    for form in formset.extra_forms:
        if form.has_changed() and form not in deleted:
            require(user, "projects.add_milestone", project)


def save_measurement(request: HttpRequest, project: Project) -> tuple[Any, str | None]:
    """A new value, or the correction of one (field `messwert-korrigiert`: its id). A value the
    plausibility checks flag is saved only when confirmed, and then "zur Prüfung"."""
    correction = correcting(request, project, request.POST.get(f"{MEASUREMENT}-korrigiert"))
    before = correction and f"{correction.date:%d.%m.%Y}: {number(correction.value, 6)}"
    form = MeasurementForm(request.POST, project=project, instance=correction, prefix=MEASUREMENT)
    if not form.is_valid():
        return form, None
    indicator, date = form.cleaned_data["indicator"], form.cleaned_data["date"]
    if correction is None:
        require(request.user, "projects.add_measurement", indicator)
    form.instance.review, form.instance.review_reason = form.review_state()
    pending = form.instance.review == Measurement.Review.PENDING
    try:
        with transaction.atomic():
            measurement = form.save()
            value = f"{measurement.date:%d.%m.%Y}: {number(measurement.value, 6)}"
            what = f"Messwert {value}" if correction is None else f"Messwert {before} → {value}"
            waits = " zur Prüfung" if pending else ""
            record(project, f"{what} für „{indicator.title}“{waits} (Projektformular)")
    except IntegrityError:
        # Someone else stored a value for that date since the form was checked.
        form.add_error("date", duplicate_message(indicator, date))
        return form, None
    done = "wurde gespeichert" if correction is None else "wurde korrigiert"
    message = f"Messwert {value} für „{indicator.title}“ {done}."
    if pending:
        message += (
            " Die Kreisentwicklung prüft ihn, weil er auffällig ist; bis dahin zählt er nicht "
            "in der Auswertung."
        )
    return form, message


SAVERS = {STATUS: save_status, MILESTONES: save_milestones, MEASUREMENT: save_measurement}


def record(project: Project, reason: str, *fields: str) -> None:
    """A history entry of the project, by the request's user, saying what changed (and saving
    `fields` with it). `lead_updated_at` marks the lead's report that a planner's older draft
    must not overwrite (Project.with_content_json)."""
    project._change_reason = Truncator(reason).chars(100)
    project.save(update_fields=["updated_at", *fields])


def indicators_with_recent_values(project: Project) -> list[TargetIndicator]:
    """Each indicator with its latest values and every value still waiting for review or
    rejected, newest first."""
    indicators = list(
        project.indicators.order_by("id").prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("-date"))
        )
    )
    for indicator in indicators:
        values = list(indicator.measurements.all())
        indicator.recent = values[:RECENT_MEASUREMENTS] + [
            m for m in values[RECENT_MEASUREMENTS:] if m.review != Measurement.Review.OK
        ]
    return indicators


# ----------------------------------------------------------------------------- error summary


@dataclass(frozen=True)
class ErrorLink:
    href: str
    text: str


def error_summary(forms: dict[str, Any]) -> list[ErrorLink]:
    links: list[ErrorLink] = []
    for name, form in forms.items():
        if isinstance(form, BaseFormSet):
            links += [ErrorLink(f"#{name}", str(e)) for e in form.non_form_errors()]
            for number, row in enumerate(form.forms, start=1):
                links += form_errors(row, f"Meilenstein {number}")
        else:
            links += form_errors(form, "")
    return links


def form_errors(form: BaseForm, context: str) -> list[ErrorLink]:
    if not form.is_bound:
        return []
    prefix = f"{context} – " if context else ""
    target = f"#{form.prefix}" if form.prefix else "#inhalt"
    links = [ErrorLink(target, f"{prefix}{error}") for error in form.non_field_errors()]
    for field in form:  # in the order of the page, not of validation
        links += [
            ErrorLink(f"#{field.auto_id}", f"{prefix}{field.label}: {error}")
            for error in field.errors
        ]
    return links


# ----------------------------------------------------------------------------- my projects


@login_required
def my_projects(request: HttpRequest) -> HttpResponse:
    """The signed-in user's projects in current catalogues, with links to their update forms."""
    projects = list(
        request.user.led_projects.filter(concepts__is_current=True)
        .distinct()
        .select_related("region")
        .order_by("region__name", "number")
    )
    homes = homes_for_regions({project.region_id for project in projects})
    rows = []
    for project in projects:
        home = homes.get(project.region_id)
        rows.append(
            {
                "project": project,
                "url": home and project_url(home, project),
                "update_url": home and project_url(home, project, "update_project"),
            }
        )
    return TemplateResponse(
        request,
        "projects/lead/my_projects.html",
        {"rows": rows, "is_staff_role": request.user.has_perm("wagtailadmin.access_admin")},
    )
