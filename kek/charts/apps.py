from django.apps import AppConfig


class ChartsConfig(AppConfig):
    name = "kek.charts"
    label = "charts"
    verbose_name = "Diagramme"
