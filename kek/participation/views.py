"""Public writes of the participation base (F25), below the district's start page: comment,
reply, edit, delete, rate, report, and the netiquette page. Routes in public.py.

Every write: POST (the GET shows the form), an account (anonymous visitors are sent to the
sign-in), CSRF, the subject's district is the site's, the participation phase is open, the
account is not blocked, the permission of kek/participation/rules.py, and for comments the
rate limit (5 a minute, 30 an hour)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_http_methods

from kek.accounts.names import display_name
from kek.core.views import render

from . import blocks, comments, moderation, ratelimits, tasks
from .comments import DELETED_TEXT
from .forms import CommentForm, ReportForm
from .models import MAX_DEPTH, Comment, Rating, RatingValue
from .models import CommentState as S
from .registry import Participable, for_kind, for_object

NETIQUETTE_SLUG = "netiquette"
PHASE_MESSAGES = {
    "before": "Die Beteiligung ist noch nicht eröffnet. Sie können schon alles lesen; "
    "schreiben können Sie ab Beginn der Beteiligung.",
    "closed": "Die Beteiligung ist geschlossen. Alle Beiträge bleiben lesbar; neue Beiträge, "
    "Änderungen und Bewertungen sind nicht mehr möglich.",
}


def resolve(home: Any, kind: str, pk: int) -> tuple[Participable, Any]:
    """The subject of the address, 404 for an unknown kind or another district's object."""
    participable = for_kind(kind)
    if participable is None:
        raise Http404("Unbekannte Art von Beitrag")
    obj = get_object_or_404(participable.model, pk=pk)
    district = participable.district(obj)
    if district is None or district.pk != home.region_id:
        raise Http404("Nicht in diesem Landkreis")
    return participable, obj


def _comment(home: Any, pk: int) -> tuple[Participable, Comment]:
    participable, comment = resolve(home, "participation-comment", pk)
    return participable, comment


def subject_url(obj: Any, home: Any) -> str:
    participable = for_object(obj)
    return participable.url(obj, home) if participable else "/"


def refuse(request: HttpRequest, home: Any, message: str, status: int = 403) -> HttpResponse:
    context = {"message": message, "status": status}
    return render(request, home, "participation/refused.html", context, status=status)


def guard(
    request: HttpRequest, home: Any, participable: Participable, obj: Any
) -> HttpResponse | None:
    """None if the user may write here now; else the answer (sign-in, closed, blocked)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    phase = participable.phase(obj)
    if not phase.is_open():
        state = phase.phase() if hasattr(phase, "phase") else "closed"
        return refuse(request, home, PHASE_MESSAGES.get(state, PHASE_MESSAGES["closed"]))
    block = blocks.active_block(request.user)
    if block is not None:
        return refuse(request, home, blocks.blocked_message(block))
    return None


def _require(request: HttpRequest, permission: str, obj: Any = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def _form_page(
    request: HttpRequest,
    home: Any,
    form: CommentForm,
    subject: Any,
    action: str,
    heading: str,
    parent: Comment | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "errors": errors_of(form),
        "subject": subject,
        "subject_title": title_of(subject),
        "subject_url": subject_url(subject, home),
        "action": action,
        "heading": heading,
        "parent": parent,
        "parent_name": display_name(parent.author) if parent else "",
    }
    return render(request, home, "participation/comment_form.html", context, status=status)


def errors_of(form: Any) -> list[dict[str, str]]:
    if form is None or not form.errors:
        return []
    return [
        {"href": f"#{form[name].auto_id}", "text": f"{form.fields[name].label}: {error}"}
        for name, errors in form.errors.items()
        for error in errors
    ]


def title_of(obj: Any) -> str:
    participable = for_object(obj)
    return participable.title(obj) if participable else str(obj)


def _write_comment(
    request: HttpRequest, home: Any, subject: Any, parent: Comment | None, action: str
) -> HttpResponse:
    heading = "Antworten" if parent else "Kommentieren"
    if request.method != "POST":
        return _form_page(request, home, CommentForm(), subject, action, heading, parent)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _form_page(request, home, form, subject, action, heading, parent)
    too_many = ratelimits.limit(request, "comments", ratelimits.COMMENTS, home)
    if too_many is not None:
        return too_many
    comment = comments.create(subject, request.user, form.cleaned_data["text"], parent)
    return redirect(f"{subject_url(subject, home)}#kommentar-{comment.pk}")


@require_http_methods(["GET", "POST"])
def comment_add(request: HttpRequest, home: Any, kind: str, pk: int) -> HttpResponse:
    participable, subject = resolve(home, kind, pk)
    if isinstance(subject, Comment):
        raise Http404("Antworten über comment_reply")
    refused = guard(request, home, participable, subject)
    if refused is not None:
        return refused
    _require(request, "participation.add_comment", subject)
    return _write_comment(request, home, subject, None, request.path)


@require_http_methods(["GET", "POST"])
def comment_reply(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    participable, parent = _comment(home, pk)
    refused = guard(request, home, participable, parent)
    if refused is not None:
        return refused
    _require(request, "participation.add_comment", parent)
    if parent.depth >= MAX_DEPTH:
        return refuse(
            request,
            home,
            f"Auf diesen Beitrag kann nicht mehr geantwortet werden: Diskussionen sind höchstens "
            f"{MAX_DEPTH} Ebenen tief. Antworten Sie bitte auf einen Beitrag weiter oben.",
            status=400,
        )
    if parent.state != S.VISIBLE:
        return refuse(request, home, "Auf diesen Beitrag kann nicht geantwortet werden.", 400)
    return _write_comment(request, home, parent.subject, parent, request.path)


@require_http_methods(["GET", "POST"])
def comment_edit(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    participable, comment = _comment(home, pk)
    refused = guard(request, home, participable, comment)
    if refused is not None:
        return refused
    if not comments.is_author(request.user, comment):
        raise PermissionDenied
    if not request.user.has_perm("participation.change_comment", comment):
        minutes = comments.edit_minutes()
        return refuse(
            request,
            home,
            f"Ein Beitrag kann nur in den ersten {minutes} Minuten nach dem Schreiben geändert "
            "werden. Diese Zeit ist abgelaufen; der Beitrag bleibt, wie er ist.",
        )
    subject = comment.subject
    if request.method != "POST":
        form = CommentForm(initial={"text": comment.text})
        return _form_page(request, home, form, subject, request.path, "Beitrag ändern")
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _form_page(request, home, form, subject, request.path, "Beitrag ändern")
    comments.edit(comment, form.cleaned_data["text"])
    return redirect(f"{subject_url(subject, home)}#kommentar-{comment.pk}")


@require_http_methods(["GET", "POST"])
def comment_delete(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    participable, comment = _comment(home, pk)
    refused = guard(request, home, participable, comment)
    if refused is not None:
        return refused
    _require(request, "participation.delete_comment", comment)
    subject = comment.subject
    if request.method == "POST":
        comments.delete(comment)
        return redirect(f"{subject_url(subject, home)}#kommentar-{comment.pk}")
    context = {
        "comment": comment,
        "subject_title": title_of(subject),
        "subject_url": subject_url(subject, home),
        "deleted_text": DELETED_TEXT,
    }
    return render(request, home, "participation/comment_delete.html", context)


def rate(request: HttpRequest, home: Any, kind: str, pk: int) -> HttpResponse:
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    participable, subject = resolve(home, kind, pk)
    refused = guard(request, home, participable, subject)
    if refused is not None:
        return refused
    _require(request, "participation.add_rating", subject)
    value = request.POST.get("value", "")
    if value not in RatingValue.values:
        return refuse(request, home, "Bitte wählen Sie „Zustimmung“ oder „Ablehnung“.", 400)
    user: Any = request.user  # signed in (guard)
    Rating.objects.update_or_create(
        content_type=moderation._ct(subject),
        object_id=subject.pk,
        user=user,
        defaults={"value": value, "district": participable.district(subject)},
    )
    target = subject.subject if isinstance(subject, Comment) else subject
    anchor = f"#kommentar-{subject.pk}" if isinstance(subject, Comment) else "#bewertung"
    return redirect(subject_url(target, home) + anchor)


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, home: Any, kind: str, pk: int) -> HttpResponse:
    participable, item = resolve(home, kind, pk)
    refused = guard(request, home, participable, item)
    if refused is not None:
        return refused
    _require(request, "participation.add_report", item)
    context: dict[str, Any] = {
        "item": item,
        "is_comment": isinstance(item, Comment),
        "item_title": title_of(item),
        "back_url": _back_url(item, home),
    }
    if moderation.reported_by(item, request.user):
        return render(request, home, "participation/reported.html", {**context, "again": True})
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filed = moderation.file_report(
                item, request.user, form.cleaned_data["reason"], form.cleaned_data["text"]
            )
        except moderation.AlreadyReported:
            return render(request, home, "participation/reported.html", {**context, "again": True})
        tasks.send_report_mail.enqueue(filed.pk, request.build_absolute_uri("/"))
        return render(request, home, "participation/reported.html", {**context, "again": False})
    context.update({"form": form, "errors": errors_of(form), "action": request.path})
    return render(request, home, "participation/report_form.html", context)


def _back_url(item: Any, home: Any) -> str:
    if isinstance(item, Comment):
        return f"{subject_url(item.subject, home)}#kommentar-{item.pk}"
    return subject_url(item, home)


def netiquette(request: HttpRequest, home: Any) -> HttpResponse:
    """The district's own page with the slug "netiquette" if it has one, else the default."""
    page = home.get_children().live().filter(slug=NETIQUETTE_SLUG).first()
    if page is not None:
        return page.specific.serve(request)
    return render(request, home, "participation/netiquette.html", {})
