from django.apps import AppConfig


class CommitteesConfig(AppConfig):
    """Gremien, Sitzungen, Vorlagen und Beschlüsse as OParl 1.1 objects (F19)."""

    name = "kek.committees"
    label = "committees"
    verbose_name = "Gremien"
    default_auto_field = "django.db.models.BigAutoField"
