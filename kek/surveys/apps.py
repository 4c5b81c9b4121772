from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """Umfragen: Questionnaires with results through the charts app (F23)."""

    name = "kek.surveys"
    label = "surveys"
    verbose_name = "Umfragen"
    default_auto_field = "django.db.models.BigAutoField"
