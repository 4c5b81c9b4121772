from django.apps import AppConfig


class ProcessConfig(AppConfig):
    """Projektverlauf: "Der Weg zum KEK", phases and milestones of a concept (F18)."""

    name = "kek.process"
    label = "process"
    verbose_name = "Projektverlauf"
    default_auto_field = "django.db.models.BigAutoField"
