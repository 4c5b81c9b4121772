from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Documents from live data (F27): built in the background, served as stored files."""

    name = "kek.documents"
    label = "documents"
    verbose_name = "Dokumente"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, PagePart, default_loaders, start_page

        from . import defaults, public, rules, signals  # noqa: F401
        from .pages import START_LINK, report_link

        public.register()
        signals.connect()

        # After the site (20, the start page), the concept (10) and the statistics (30) that
        # the report's blocks name.
        default_loaders.register(DefaultLoader("report", defaults.load, 65, keys=("report",)))
        # The start page's section "Endbericht" leads to the web page first, then the downloads.
        start_page.register(PagePart("report_page", "endbericht", START_LINK, report_link, 5))
        # Loading the default content is not a change of a district's documents: the changes
        # are not collected (README "Dokumente": `kek build-documents` afterwards).
        default_loaders.register(DefaultLoader("documents_pause", signals.pause_loader, -1000))
        default_loaders.register(DefaultLoader("documents_resume", signals.resume_loader, 10_000))
