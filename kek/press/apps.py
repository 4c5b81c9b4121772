from django.apps import AppConfig


class PressConfig(AppConfig):
    """Presseserie: the press articles of the concept's process (F20)."""

    name = "kek.press"
    label = "press"
    verbose_name = "Presseserie"
    default_auto_field = "django.db.models.BigAutoField"
