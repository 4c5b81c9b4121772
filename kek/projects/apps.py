from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "kek.projects"
    label = "projects"
    verbose_name = "Projektkatalog und Evaluierung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules  # noqa: F401
