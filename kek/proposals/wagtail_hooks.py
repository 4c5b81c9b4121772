"""The proposals in the Wagtail back office: "Vorschläge" (the list of the districts one
acts on, each proposal's state, answer and publication) and the proposal boxes (snippets,
for planners)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import ProposalBox


class ProposalBoxViewSet(SnippetViewSet):
    model = ProposalBox
    icon = "mail"
    menu_label = "Vorschlagsboxen"
    menu_order = 178
    add_to_admin_menu = True
    list_display = ["title", "district", "opens_at", "closes_at", "premoderated"]
    list_filter = ["district"]
    copy_view_enabled = False
    edit_handler = ObjectList([
        FieldPanel("district"),
        FieldPanel("title"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
        FieldPanel("premoderated"),
    ])  # fmt: skip


register_snippet(ProposalBoxViewSet)


class ProposalsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("proposals.view_proposal")


@hooks.register("register_admin_menu_item")
def proposals_menu_item():
    return ProposalsMenuItem("Vorschläge", reverse("kek_proposals"), icon_name="comment", order=177)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("kek/vorschlaege/", admin_views.proposal_list, name="kek_proposals"),
        path("kek/vorschlaege/<int:pk>/", admin_views.proposal_answer, name="kek_proposal_answer"),
        path(
            "kek/vorschlaege/<int:pk>/veroeffentlichen/",
            admin_views.publish_answer,
            name="kek_proposal_publish",
        ),
    ]
