from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    """Gremien, Sitzungen, Vorlagen und Beschlüsse as OParl 1.1 objects (F19)."""

    name = "kek.committees"
    label = "committees"
    verbose_name = "Gremien"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, public, rules  # noqa: F401

        public.register()
        default_loaders.register(
            DefaultLoader("committees", defaults.load, 5, keys=("committees",))
        )
