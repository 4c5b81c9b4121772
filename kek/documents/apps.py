from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    """Documents from live data (F27): built in the background, served as stored files."""

    name = "kek.documents"
    label = "documents"
    verbose_name = "Dokumente"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules  # noqa: F401
