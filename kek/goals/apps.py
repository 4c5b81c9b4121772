from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "kek.goals"
    label = "goals"
    verbose_name = "Zielsystem"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules, signals  # noqa: F401
