from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Veranstaltungen: events of the concept's process with registration (F24)."""

    name = "kek.events"
    label = "events"
    verbose_name = "Veranstaltungen"
    default_auto_field = "django.db.models.BigAutoField"
