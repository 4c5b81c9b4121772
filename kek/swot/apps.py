from django.apps import AppConfig


class SwotConfig(AppConfig):
    name = "kek.swot"
    label = "swot"
    verbose_name = "SWOT-Analyse"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, public, rules, versions  # noqa: F401

        public.register()
        default_loaders.register(DefaultLoader("swot", defaults.load, 50, keys=("swot",)))
