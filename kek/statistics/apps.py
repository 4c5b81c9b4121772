from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "kek.statistics"
    label = "statistics"
    verbose_name = "Statistik und Analyse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, public, rules  # noqa: F401

        public.register()
        default_loaders.register(
            DefaultLoader("statistics", defaults.load, 30, keys=("neighbours",))
        )
