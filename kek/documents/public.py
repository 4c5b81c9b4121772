"""The documents' public page, downloads, navigation entry and start-page parts (registered
in DocumentsConfig.ready)."""

from kek.core.registry import NavEntry, PagePart, PublicRoute, navigation, start_page
from kek.core.registry import public_routes as routes

from . import views

# "fassung-1", not "1": dokumente/<int>/<name> are the files of Wagtail's document library.
DOWNLOAD = (
    r"^dokumente/fassung-(?P<version>[0-9]+)/(?P<stem>[a-z0-9-]+)\.(?P<extension>pdf|docx|xlsx)/$"
)
# The sections of the start page (kek.cms.sections) and their parts' order: after the
# section's own parts (the SWOT matrix, the goal tree …).
SECTION_ORDER = {"endbericht": 10, "swot": 20, "zielsystem": 20, "projektkatalog": 20}


def register() -> None:
    routes.register(PublicRoute("documents", "dokumente/", views.documents_page))
    routes.register(
        PublicRoute("document_download", DOWNLOAD, views.download, regex=True, file=True)
    )
    navigation.register(NavEntry("documents", "konzept", "Dokumente", "documents", 60))
    for section, order in SECTION_ORDER.items():
        template = f"documents/public/_start_{section}.html"
        context = views.start_part(section)
        start_page.register(PagePart(f"documents_{section}", section, template, context, order))
