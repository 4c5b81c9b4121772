"""The audit log ("Protokoll") in the Wagtail admin menu, for admins only; links that a
deletion in the back office removes are recorded on the objects that had them; a deletion
that would take protected objects with it is refused; the region chooser of every region
field."""

from django.contrib import messages
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
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
def refuse_protected(request, instances):
    """A deletion that would take something protected with it (a meeting whose agenda item
    adopted a concept version) is refused with what protects it, before anything changes."""
    if request.method != "POST":
        return None
    try:
        Collector(using="default").collect(list(instances))
    except ProtectedError as refused:
        names = sorted({str(obj) for obj in refused.protected_objects})
        shown = ", ".join(f"„{name}“" for name in names[:3]) + (" …" if len(names) > 3 else "")
        messages.error(
            request,
            f"„{instances[0]}“ kann nicht gelöscht werden: Darauf verweist {shown}. Lösen Sie "
            "zuerst diese Verweise.",
        )
        return redirect(request.get_full_path())
    return None


@hooks.register("before_delete_snippet")
def remember_removed_links(request, instances):
    """Deleting a sub-goal removes its links to projects (by cascade, without a signal)."""
    request.kek_removed_links = history.links_removed_by(instances)


@hooks.register("after_delete_snippet")
def record_removed_links(request, instances):
    history.record_removed_links(getattr(request, "kek_removed_links", {}), user=request.user)
