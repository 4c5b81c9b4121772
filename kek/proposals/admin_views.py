"""Back-office views of the proposals (F22): the list of the districts one acts on, a
proposal's state, answer and projects, and "Antwort veröffentlichen" as a separate step.
Each checks its permission on the server, on the proposal (kek/proposals/rules.py): a
moderator of another district is refused."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kek.accounts.rules import is_planner
from kek.core.views import require

from .forms import AnswerForm
from .models import Proposal, State
from .signals import answer_published, state_changed


def acted_on(user: Any) -> QuerySet[Proposal]:
    """Planners see every district's proposals, moderators those of their districts."""
    found = Proposal.objects.select_related("district", "author", "box")
    if is_planner(user):
        return found
    return found.filter(district__moderators__user=user)


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "proposals.view_proposal")
    found = acted_on(request.user)
    state = request.GET.get("stand", "")
    if state in State.values:
        found = found.filter(state=state)
    if request.GET.get("offen"):
        found = found.filter(Q(released=False) | Q(answer_published_at__isnull=True))
    context = {
        "proposals": list(found.order_by("-created_at", "-id")[:500]),
        "states": State.choices,
        "state": state,
        "page_title": "Vorschläge",
    }
    return TemplateResponse(request, "proposals/admin/list.html", context)


@require_http_methods(["GET", "POST"])
def proposal_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """State, reason, the answer (a draft until published) and the projects taking it up."""
    proposal = get_object_or_404(Proposal.objects.select_related("district", "box"), pk=pk)
    require(request.user, "proposals.change_proposal", proposal)
    require(request.user, "proposals.answer_proposal", proposal)
    old_state, old_answer = proposal.state, proposal.answer
    form = AnswerForm(request.POST or None, instance=proposal)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            changed = form.save(commit=False)
            if changed.answer.strip() and changed.answer != old_answer:
                changed.answered_at = changed.answered_at or timezone.now()
                changed.answered_by = request.user
            changed.save()
            form.save_m2m()
            if changed.state != old_state:
                transaction.on_commit(
                    lambda: state_changed.send(
                        sender=Proposal, proposal=changed, old=old_state, new=changed.state
                    )
                )
        messages.success(request, f"„{proposal.title}“ ist gespeichert.")
        return redirect("kek_proposal_answer", pk=proposal.pk)
    context = {
        "proposal": proposal,
        "form": form,
        "page_title": f"Vorschlag: {proposal.title}",
        "can_publish": request.user.has_perm("proposals.publish_answer", proposal),
        "unpublished": bool(proposal.answer.strip())
        and proposal.answer != proposal.published_answer,
    }
    return TemplateResponse(request, "proposals/admin/answer.html", context)


@require_http_methods(["GET", "POST"])
def publish_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the answer as it will be published, and the button; POST: publish it."""
    proposal = get_object_or_404(Proposal, pk=pk)
    require(request.user, "proposals.publish_answer", proposal)
    if not proposal.answer.strip():
        messages.error(request, "Es gibt noch keine Antwort, die veröffentlicht werden kann.")
        return redirect("kek_proposal_answer", pk=proposal.pk)
    if request.method == "POST":
        with transaction.atomic():
            proposal.published_answer = proposal.answer
            proposal.answer_published_at = timezone.now()
            proposal.save(update_fields=["published_answer", "answer_published_at"])
            transaction.on_commit(lambda: answer_published.send(sender=Proposal, proposal=proposal))
        messages.success(request, f"Die Antwort auf „{proposal.title}“ ist veröffentlicht.")
        return redirect("kek_proposal_answer", pk=proposal.pk)
    context = {"proposal": proposal, "page_title": f"Antwort veröffentlichen: {proposal.title}"}
    return TemplateResponse(request, "proposals/admin/publish.html", context)
