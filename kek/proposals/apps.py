from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    """Vorschläge: Citizens' proposals with supports, states and official answers (F22)."""

    name = "kek.proposals"
    label = "proposals"
    verbose_name = "Vorschläge"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, participables, personal, public, rules  # noqa: F401

        public.register()
        personal.register_all()
        participables.register()
        # After the goals and the project catalogue (the topics and projects), any order after.
        default_loaders.register(DefaultLoader("proposals", defaults.load, 72, keys=("proposals",)))
