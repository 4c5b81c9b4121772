from django.apps import AppConfig


class ProcessConfig(AppConfig):
    """Projektverlauf: "Der Weg zum KEK", phases and milestones of a concept (F18)."""

    name = "kek.process"
    label = "process"
    verbose_name = "Projektverlauf"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, public, rules  # noqa: F401

        public.register()
        default_loaders.register(DefaultLoader("process", defaults.load, 60, keys=("process",)))
