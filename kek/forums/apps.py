from django.apps import AppConfig


class ForumsConfig(AppConfig):
    """Foren: Discussion topics per field of action, goal or project (F21)."""

    name = "kek.forums"
    label = "forums"
    verbose_name = "Foren"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, public, rules  # noqa: F401

        public.register()
        # After the goals (10) and the projects (40), whose numbers the topics name.
        default_loaders.register(DefaultLoader("forums", defaults.load, 58, keys=("forums",)))
