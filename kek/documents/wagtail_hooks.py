"""The documents in the Wagtail back office: menu "Dokumente" (builds per district and
version) and the list of background jobs."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


class DocumentsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.VIEW)


@hooks.register("register_admin_menu_item")
def documents_menu_item():
    return DocumentsMenuItem("Dokumente", reverse("kek_documents"), icon_name="doc-full", order=162)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("kek/dokumente/", admin_views.overview, name="kek_documents"),
        path(
            "kek/dokumente/<int:concept_id>/<slug:kind>/neu/",
            admin_views.rebuild,
            name="kek_documents_rebuild",
        ),
        path(
            "kek/dokumente/landkreis/<int:region_id>/pruefen/",
            admin_views.check_all,
            name="kek_documents_check",
        ),
        path("kek/hintergrundauftraege/", admin_views.background_jobs, name="kek_documents_jobs"),
    ]
