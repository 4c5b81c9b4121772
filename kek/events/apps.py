from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Veranstaltungen: events of the concept's process with registration (F24)."""

    name = "kek.events"
    label = "events"
    verbose_name = "Veranstaltungen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, public, rules  # noqa: F401

        public.register()
        # After the committees (45: the district's Body, whose places the events use), before
        # the process timeline (60), which links its milestones to the events.
        default_loaders.register(DefaultLoader("events", defaults.load, 57, keys=("events",)))
