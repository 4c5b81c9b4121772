"""The audit log in the back office ("Protokoll", issue 16): for admins only
(`core.view_auditlog`, kek.core.rules), filtered by who, kind of object and time."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .auditlog import Filters, LogPage, Source, all_sources

PERMISSION = "core.view_auditlog"
PER_PAGE = 50


class LogFilterForm(forms.Form):
    wer = forms.CharField(
        label="Wer", required=False, max_length=150, help_text="Benutzername oder Befehl"
    )
    art = forms.ChoiceField(label="Art", required=False)
    von = forms.DateField(
        label="Von", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    bis = forms.DateField(
        label="Bis", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, sources: list[Source], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        kinds = sorted(((s.key, s.label) for s in sources), key=lambda pair: pair[1])
        art = self.fields["art"]
        assert isinstance(art, forms.ChoiceField)
        art.choices = [("", "Alle"), *kinds]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            who=data["wer"].strip(),
            kinds=(data["art"],) if data["art"] else (),
            since=_start_of(data["von"]),
            until=_start_of(data["bis"] + timedelta(days=1)) if data["bis"] else None,
        )


def _start_of(day) -> datetime | None:
    if day is None:
        return None
    return timezone.make_aware(datetime.combine(day, time.min))


@require_GET
def audit_log(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(PERMISSION):
        # A plain 403, not Wagtail's redirect to the dashboard: the log is not for everyone.
        return TemplateResponse(
            request,
            "core/admin/audit_log_refused.html",
            {"page_title": "Protokoll", "header_icon": "list-ul"},
            status=403,
        )
    sources = all_sources()
    form = LogFilterForm(request.GET or None, sources=sources)
    paginator = Paginator(LogPage(sources, form.filters()), PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "core/admin/audit_log.html",
        {
            "page_title": "Protokoll",
            "header_icon": "list-ul",
            "form": form,
            "page_obj": page,
            "entries": page.object_list,
            "query": query.urlencode(),
        },
    )
