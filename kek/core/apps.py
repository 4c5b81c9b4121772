from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kek.core"
    label = "core"
    verbose_name = "KEK"
