from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "kek.statistics"
    label = "statistics"
    verbose_name = "Statistik und Analyse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules  # noqa: F401
