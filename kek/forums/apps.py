from django.apps import AppConfig


class ForumsConfig(AppConfig):
    """Foren: Discussion topics per field of action, goal or project (F21)."""

    name = "kek.forums"
    label = "forums"
    verbose_name = "Foren"
    default_auto_field = "django.db.models.BigAutoField"
