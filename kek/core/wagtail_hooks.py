"""The audit log ("Protokoll") in the Wagtail admin menu, for admins only."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("kek/protokoll/", admin_views.audit_log, name="kek_audit_log")]


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem("Protokoll", reverse("kek_audit_log"), icon_name="list-ul", order=9000)
