from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "kek.cms"
    label = "cms"
    verbose_name = "Seiten"
    default_auto_field = "django.db.models.BigAutoField"
