"""The proposals' public pages, navigation entry, start-page part, project-page part and
privacy page's note and part of a district's backup (registered in ProposalsConfig.ready)."""

from typing import Any

from kek.core.registry import (
    BackupPart,
    NavEntry,
    PagePart,
    PrivacyNote,
    PublicRoute,
    backup_parts,
    navigation,
    privacy_notes,
    project_panels,
    start_page,
)
from kek.core.registry import public_routes as routes

from . import views
from .models import Proposal, ProposalBox, Support

BASE = "beteiligung/vorschlaege"


def register() -> None:
    routes.register(PublicRoute("proposals", f"{BASE}/", views.proposals_page))
    routes.register(PublicRoute("proposal_new", f"{BASE}/neu/", views.proposal_new))
    routes.register(PublicRoute("proposal", f"{BASE}/<int:pk>/", views.proposal_page))
    routes.register(PublicRoute("proposal_image", f"{BASE}/<int:pk>/bild/", views.proposal_image))
    routes.register(
        PublicRoute("proposal_edit", f"{BASE}/<int:pk>/bearbeiten/", views.proposal_edit)
    )
    routes.register(
        PublicRoute("proposal_support", f"{BASE}/<int:pk>/unterstuetzen/", views.proposal_support)
    )
    navigation.register(NavEntry("proposals", "beteiligung", "Vorschläge", "proposals", 30))
    start_page.register(
        PagePart(
            "proposals", "beteiligung", "proposals/_start_section.html", views.start_proposals, 8
        )
    )
    project_panels.register(
        PagePart("proposals", "project", "proposals/_project_panel.html", views.project_context, 5)
    )
    privacy_notes.register(PrivacyNote("proposals", "proposals/_privacy_note.html", order=25))
    backup_parts.register(BackupPart("proposals", 75, backup_rows))


def backup_rows(region: Any) -> list[Any]:
    """The district's boxes, proposals and supports (the supports' accounts are shared rows)."""
    return [
        ProposalBox.objects.filter(district=region),
        Proposal.objects.filter(district=region),
        Support.objects.filter(proposal__district=region),
    ]
