from django.apps import AppConfig


class SwotConfig(AppConfig):
    name = "kek.swot"
    label = "swot"
    verbose_name = "SWOT-Analyse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules, versions  # noqa: F401
