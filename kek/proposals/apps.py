from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    """Vorschläge: Citizens' proposals with supports, states and official answers (F22)."""

    name = "kek.proposals"
    label = "proposals"
    verbose_name = "Vorschläge"
    default_auto_field = "django.db.models.BigAutoField"
