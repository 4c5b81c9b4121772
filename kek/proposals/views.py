"""Public pages of the proposals (F22): the list with filters and sorting (a GET form, no
JavaScript needed), a proposal with its answer, projects, supports and comments, the forms to
submit and edit, and the support button. Routes in proposals/public.py.

Every write asks, in this order: signed in (else the sign-in page), the box's phase open (else
403 "Die Beteiligung ist …"), the permission (kek/proposals/rules.py, else 403), the rate limit.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import F, Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone

from kek.accounts.names import display_name
from kek.core.routes import route_url
from kek.core.views import render
from kek.goals.queries import current_concept
from kek.participation.blocks import active_block, blocked_message
from kek.participation.moderation import hidden_note, hidden_notes
from kek.participation.ratelimits import limit

from . import supports, topics
from .forms import FilterForm, ProposalForm, initial_of
from .models import Proposal, ProposalBox, State

PER_PAGE = 20
START_PAGE_PROPOSALS = 3


def box_of(home: Any) -> ProposalBox | None:
    """The district's box: the one open now, else the newest."""
    boxes = list(ProposalBox.objects.filter(district_id=home.region_id))
    open_boxes = [box for box in boxes if box.is_open()]
    found = open_boxes or boxes
    return found[0] if found else None


def visible(home: Any, user: Any) -> QuerySet[Proposal]:
    """The district's proposals the public sees, plus the signed-in author's unreleased ones."""
    shown = Q(released=True)
    if getattr(user, "is_authenticated", False):
        shown |= Q(author=user)
    return (
        Proposal.objects.filter(district_id=home.region_id)
        .filter(shown)
        .select_related("municipality", "author", "author__profile", "box")
    )


def _author_of(proposal: Proposal) -> str:
    return display_name(proposal.author)


def proposals_page(request: HttpRequest, home: Any) -> HttpResponse:
    concept = current_concept(home)
    form = FilterForm(concept, home.region, request.GET or None)
    filters = form.filters()
    found = visible(home, request.user)
    if "feld" in filters:
        key = uuid.UUID(filters["feld"])
        found = found.filter(
            Q(field_key=key) | Q(goal_key__in=topics.goal_keys_of_field(concept, key))
        )
    if "stand" in filters:
        found = found.filter(state=filters["stand"])
    if "gemeinde" in filters:
        found = found.filter(municipality__ags=filters["gemeinde"])
    sort = filters.get("sortierung", "neueste")
    if sort == "unterstuetzt":
        found = found.order_by("-supports_count", "-created_at", "-id")
    elif sort == "beantwortet":
        found = found.order_by(F("answer_published_at").desc(nulls_last=True), "-created_at", "-id")
    else:
        found = found.order_by("-created_at", "-id")
    page = Paginator(found, PER_PAGE).get_page(request.GET.get("seite"))
    shown = topics.resolve(list(page.object_list), concept)
    notes = hidden_notes(shown)
    for proposal in shown:
        proposal.author_name = _author_of(proposal)
        proposal.hidden_note = notes.get(proposal.pk, "")
    query = {k: v for k, v in request.GET.items() if k != "seite" and v}
    context = {
        "box": box_of(home),
        "form": form,
        "proposals": shown,
        "page_obj": page,
        "query": urlencode(query),
        "filtered": bool(set(filters) - {"sortierung"}),
    }
    return render(request, home, "proposals/proposal_list.html", context)


def _proposal(home: Any, user: Any, pk: int) -> Proposal:
    return get_object_or_404(visible(home, user), pk=pk)


def proposal_page(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    proposal = _proposal(home, request.user, pk)
    (proposal,) = topics.resolve([proposal], current_concept(home))
    user = request.user
    is_open = proposal.box.is_open()
    context = {
        "proposal": proposal,
        "subject": proposal,
        "box": proposal.box,
        "is_open": is_open,
        "author_name": _author_of(proposal),
        "projects": list(proposal.projects.filter(live=True).order_by("number")),
        "supported": supports.supports(proposal, user),
        "can_support": is_open and user.has_perm("proposals.support_proposal", proposal),
        "is_author": user.is_authenticated and proposal.author_id == user.pk,
        "can_edit": is_open and user.has_perm("proposals.edit_own_proposal", proposal),
    }
    return render(request, home, "proposals/proposal_detail.html", context)


def proposal_image(request: HttpRequest, home: Any, pk: int) -> FileResponse:
    proposal = _proposal(home, request.user, pk)
    if not proposal.image or hidden_note(proposal):
        raise Http404
    try:
        handle = proposal.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def closed(request: HttpRequest, home: Any, box: ProposalBox | None) -> HttpResponse:
    """403: outside the phase (or without a box) nothing is writable."""
    context = {"box": box, "phase": box.phase() if box else None}
    return render(request, home, "proposals/closed.html", context, status=403)


def refused(
    request: HttpRequest, home: Any, proposal: Proposal | None, reason: str
) -> HttpResponse:
    """403 with the reason; a blocked account is told until when it is blocked."""
    block = active_block(request.user)
    if block is not None:
        reason = blocked_message(block)
    context = {"reason": reason, "proposal": proposal}
    return render(request, home, "proposals/refused.html", context, status=403)


def _form_errors(form: ProposalForm) -> list[dict[str, str]]:
    if not form.errors:
        return []
    return [
        {"href": f"#{form[name].auto_id}", "text": f"{form.fields[name].label}: {error}"}
        for name, errors in form.errors.items()
        if name in form.fields
        for error in errors
    ]


def proposal_new(request: HttpRequest, home: Any) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    box = box_of(home)
    if box is None or not box.is_open():
        return closed(request, home, box)
    if not request.user.has_perm("proposals.add_proposal", box):
        return refused(request, home, None, "")
    concept = current_concept(home)
    form = ProposalForm(concept, home.region)
    if request.method == "POST":
        form = ProposalForm(concept, home.region, request.POST, request.FILES)
        if form.is_valid():
            # Counted only for a proposal that would be saved: a form with errors is no attempt.
            too_many = limit(request, "proposals", "3/d", home)
            if too_many is not None:
                return too_many
            proposal = form.apply(
                Proposal(
                    box=box,
                    district_id=home.region_id,
                    author=request.user,
                    released=not box.premoderated,
                )
            )
            proposal.save()
            if box.premoderated:
                messages.success(
                    request,
                    "Vielen Dank! Ihr Vorschlag ist eingegangen und erscheint nach der Freigabe "
                    "durch die Moderation.",
                )
            else:
                messages.success(request, "Vielen Dank! Ihr Vorschlag ist veröffentlicht.")
            return redirect(route_url("proposal", home, proposal.pk))
    context = {"form": form, "box": box, "errors": _form_errors(form), "proposal": None}
    return render(request, home, "proposals/proposal_form.html", context)


def proposal_edit(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    proposal = _proposal(home, request.user, pk)
    if not proposal.box.is_open():
        return closed(request, home, proposal.box)
    if not request.user.has_perm("proposals.edit_own_proposal", proposal):
        reason = (
            "Ihr Vorschlag wird bereits beantwortet; Sie können ihn nicht mehr ändern."
            if proposal.author_id == request.user.pk
            else "Nur die Verfasserin oder der Verfasser kann einen Vorschlag ändern."
        )
        return refused(request, home, proposal, reason)
    concept = current_concept(home)
    form = ProposalForm(concept, home.region, initial=initial_of(proposal))
    if request.method == "POST":
        form = ProposalForm(concept, home.region, request.POST, request.FILES)
        if form.is_valid():
            form.apply(proposal)
            proposal.edited_at = timezone.now()
            proposal.save()
            messages.success(request, "Ihre Änderungen sind gespeichert.")
            return redirect(route_url("proposal", home, proposal.pk))
    context = {
        "form": form,
        "box": proposal.box,
        "errors": _form_errors(form),
        "proposal": proposal,
    }
    return render(request, home, "proposals/proposal_form.html", context)


def proposal_support(request: HttpRequest, home: Any, pk: int) -> HttpResponse:
    """POST supports; a GET (e.g. back from signing in) changes nothing and shows the page."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    proposal = _proposal(home, request.user, pk)
    if request.method != "POST":
        return redirect(route_url("proposal", home, proposal.pk))
    if not proposal.box.is_open():
        return closed(request, home, proposal.box)
    if not request.user.has_perm("proposals.support_proposal", proposal):
        reason = "Ihren eigenen Vorschlag können Sie nicht unterstützen."
        return refused(request, home, proposal, reason)
    if supports.support(proposal, request.user):
        messages.success(request, "Danke! Sie unterstützen diesen Vorschlag.")
    else:
        messages.info(request, "Sie unterstützen diesen Vorschlag bereits.")
    return redirect(route_url("proposal", home, proposal.pk))


def start_proposals(home: Any, concept: Any) -> dict[str, Any]:
    """Start page, section "Beteiligung": the box's phase and the newest proposals."""
    box = box_of(home)
    newest = list(
        Proposal.objects.filter(district_id=home.region_id, released=True).order_by(
            "-created_at", "-id"
        )[:START_PAGE_PROPOSALS]
    )
    return {"proposal_box": box, "newest_proposals": newest}


def project_context(home: Any, concept: Any, project: Any) -> dict[str, Any]:
    """Project page: the taken-up proposals the project goes back to."""
    found = Proposal.objects.filter(
        projects=project, state=State.TAKEN_UP, released=True, district_id=home.region_id
    ).order_by("created_at", "id")
    return {"proposal_origins": list(found)}
