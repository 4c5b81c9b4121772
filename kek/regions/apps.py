from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "kek.regions"
    label = "regions"
    verbose_name = "Gebietseinheiten"
    default_auto_field = "django.db.models.BigAutoField"
