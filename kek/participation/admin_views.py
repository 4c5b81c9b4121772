"""The moderation queue in the back office (F25): reported, automatically hidden and
pre-moderated items of the districts the moderator is assigned to (superusers: all), the
actions hide (with a public reason), restore, mark reviewed, approve and block the author,
and the log of every action. Each action checks its permission on the server with the item
(kek/participation/rules.py: moderates_district)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kek.accounts.names import display_name
from kek.core.views import require

from . import moderation
from .forms import BlockForm, HideForm
from .models import Comment, ModerationAction, Report
from .models import CommentState as S
from .registry import for_kind, kind_of

VIEW = "participation.view_moderation"


def districts_of(user: Any) -> Any:
    """None: every district (superuser); else the ids the user moderates."""
    if user.is_superuser:
        return None
    return list(user.moderated_districts.values_list("district_id", flat=True))


def _in(queryset: Any, districts: Any) -> Any:
    return queryset if districts is None else queryset.filter(district_id__in=districts)


@dataclass
class QueueItem:
    item: Any
    kind: str
    label: str
    author: str
    state: str
    reports: list[Report]
    is_comment: bool
    pending: bool


def queue_items(user: Any) -> list[QueueItem]:
    districts = districts_of(user)
    open_reports = _in(Report.objects.filter(reviewed_at__isnull=True), districts)
    reported = {(r.content_type_id, r.object_id) for r in open_reports}
    comment_ct = ContentType.objects.get_for_model(Comment)
    comment_ids = {pk for ct, pk in reported if ct == comment_ct.pk}
    comments = _in(
        Comment.objects.filter(
            Q(state__in=[S.PENDING, S.HIDDEN]) | Q(pk__in=comment_ids)
        ).select_related("author", "district"),
        districts,
    ).order_by("created_at")
    by_item: dict[tuple[int, int], list[Report]] = {}
    for report in open_reports.order_by("created_at"):
        by_item.setdefault((report.content_type_id, report.object_id), []).append(report)
    found = []
    for comment in comments:
        found.append(
            QueueItem(
                item=comment,
                kind="participation-comment",
                label=moderation.label_of(comment),
                author=display_name(comment.author),
                state=comment.get_state_display(),
                reports=by_item.get((comment_ct.pk, comment.pk), []),
                is_comment=True,
                pending=comment.state == S.PENDING,
            )
        )
    for (ct_id, pk), reports in by_item.items():
        if ct_id == comment_ct.pk:
            continue
        item = ContentType.objects.get_for_id(ct_id).get_object_for_this_type(pk=pk)
        found.append(
            QueueItem(
                item=item,
                kind=kind_of(item),
                label=moderation.label_of(item),
                author=display_name(moderation.author_of(item)),
                state=moderation.hidden_note(item) or "sichtbar",
                reports=reports,
                is_comment=False,
                pending=False,
            )
        )
    return found


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW)
    context = {"items": queue_items(request.user), "page_title": "Moderation"}
    return TemplateResponse(request, "participation/admin/queue.html", context)


@require_GET
def action_log(request: HttpRequest) -> HttpResponse:
    require(request.user, VIEW)
    actions = _in(
        ModerationAction.objects.select_related("moderator", "district"), districts_of(request.user)
    )
    context = {"actions": actions[:500], "page_title": "Moderationsprotokoll"}
    return TemplateResponse(request, "participation/admin/log.html", context)


def _item(kind: str, pk: int) -> Any:
    participable = for_kind(kind)
    if participable is None:
        raise Http404
    return get_object_or_404(participable.model, pk=pk)


class NotYours(Exception):
    pass


def _check(request: HttpRequest, permission: str, item: Any) -> None:
    """Refuse with 403 (not Wagtail's redirect to the dashboard): a moderator of another
    district, or a planner who does not moderate."""
    if not request.user.has_perm(permission, item):
        raise NotYours


def refused(request: HttpRequest) -> HttpResponse:
    context = {"page_title": "Keine Berechtigung"}
    return TemplateResponse(request, "participation/admin/refused.html", context, status=403)


def checked(view: Any) -> Any:
    @wraps(view)
    def run(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotYours:
            return refused(request)

    return run


@require_http_methods(["GET", "POST"])
@checked
def hide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(kind, pk)
    _check(request, "participation.hide_comment", item)
    form = HideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        moderation.hide(item, request.user, form.cleaned_data["reason"])
        messages.success(request, "Der Beitrag ist ausgeblendet; der Grund steht an seiner Stelle.")
        return redirect("kek_moderation")
    context = {"item": item, "label": moderation.label_of(item), "form": form,
               "page_title": "Beitrag ausblenden"}  # fmt: skip
    return TemplateResponse(request, "participation/admin/hide.html", context)


@require_POST
@checked
def restore(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(kind, pk)
    _check(request, "participation.restore_comment", item)
    moderation.restore(item, request.user, request.POST.get("reason", ""))
    messages.success(request, "Der Beitrag ist wieder sichtbar.")
    return redirect("kek_moderation")


@require_POST
@checked
def review(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(kind, pk)
    _check(request, "participation.review_report", item)
    moderation.review(item, request.user, request.POST.get("reason", ""))
    messages.success(request, "Die Meldungen sind als geprüft markiert.")
    return redirect("kek_moderation")


@require_POST
@checked
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(Comment, pk=pk)
    _check(request, "participation.approve_comment", comment)
    if comment.state != S.PENDING:
        messages.error(request, "Dieser Beitrag wartet nicht auf Freigabe.")
        return redirect("kek_moderation")
    moderation.approve(comment, request.user)
    messages.success(request, "Der Beitrag ist freigegeben.")
    return redirect("kek_moderation")


@require_http_methods(["GET", "POST"])
@checked
def block(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    item = _item(kind, pk)
    _check(request, "participation.block_user", item)
    author = moderation.author_of(item)
    form = BlockForm(request.POST or None)
    if author is None:
        messages.error(request, "Dieser Beitrag hat kein Konto mehr, das gesperrt werden kann.")
        return redirect("kek_moderation")
    if request.method == "POST" and form.is_valid():
        moderation.block(item, request.user, form.until_datetime(), form.cleaned_data["reason"])
        messages.success(
            request,
            f"{display_name(author)} ist bis einschließlich "
            f"{form.cleaned_data['until']:%d.%m.%Y} gesperrt.",
        )
        return redirect("kek_moderation")
    context = {"item": item, "label": moderation.label_of(item), "form": form,
               "author": display_name(author), "page_title": "Konto sperren"}  # fmt: skip
    return TemplateResponse(request, "participation/admin/block.html", context)


def open_count(user: Any) -> int:
    districts = districts_of(user)
    reports = _in(Report.objects.filter(reviewed_at__isnull=True), districts)
    pending = _in(Comment.objects.filter(state__in=[S.PENDING, S.HIDDEN]), districts)
    return reports.values("content_type", "object_id").annotate(n=Count("id")).count() + (
        pending.count()
    )
