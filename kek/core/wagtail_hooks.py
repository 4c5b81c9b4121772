"""The audit log ("Protokoll") in the Wagtail admin menu, for admins only; links that a
deletion in the back office removes are recorded on the objects that had them; the region
chooser of every region field."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, history
from .region_choosers import region_chooser_viewset


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("kek/protokoll/", admin_views.audit_log, name="kek_audit_log")]


@hooks.register("register_admin_viewset")
def register_region_chooser():
    """The chooser every region field of the back office uses (kek.core.region_choosers)."""
    return region_chooser_viewset


class AuditLogMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def audit_log_menu_item():
    return AuditLogMenuItem("Protokoll", reverse("kek_audit_log"), icon_name="list-ul", order=9000)


@hooks.register("before_delete_snippet")
def remember_removed_links(request, instances):
    """Deleting a sub-goal removes its links to projects (by cascade, without a signal)."""
    request.kek_removed_links = history.links_removed_by(instances)


@hooks.register("after_delete_snippet")
def record_removed_links(request, instances):
    history.record_removed_links(getattr(request, "kek_removed_links", {}), user=request.user)
