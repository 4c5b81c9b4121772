from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """Beteiligung: Participation base: comments, ratings, reports, moderation, phases (F21–F23, F25)."""

    name = "kek.participation"
    label = "participation"
    verbose_name = "Beteiligung"
    default_auto_field = "django.db.models.BigAutoField"
