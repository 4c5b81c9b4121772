from django.apps import AppConfig


class PressConfig(AppConfig):
    """Presseserie: the press articles of the concept's process (F20)."""

    name = "kek.press"
    label = "press"
    verbose_name = "Presseserie"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, public, rules, versions  # noqa: F401

        public.register()
        default_loaders.register(DefaultLoader("press", defaults.load, 55, keys=("press",)))
