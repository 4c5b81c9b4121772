"""The moderation queue and its log in the Wagtail admin menu ("Moderation"), for moderators
(and superusers); the action URLs check the district on the server."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views

ITEM = "kek/moderation/<str:kind>/<int:pk>"


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("kek/moderation/", admin_views.queue, name="kek_moderation"),
        path("kek/moderation/protokoll/", admin_views.action_log, name="kek_moderation_log"),
        path(f"{ITEM}/ausblenden/", admin_views.hide, name="kek_moderation_hide"),
        path(f"{ITEM}/wiederherstellen/", admin_views.restore, name="kek_moderation_restore"),
        path(f"{ITEM}/geprueft/", admin_views.review, name="kek_moderation_review"),
        path(f"{ITEM}/sperren/", admin_views.block, name="kek_moderation_block"),
        path(
            "kek/moderation/kommentare/<int:pk>/freigeben/",
            admin_views.approve,
            name="kek_moderation_approve",
        ),
    ]


class ModerationMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return ModerationMenuItem(
        "Moderation", reverse("kek_moderation"), icon_name="warning", order=8000
    )
