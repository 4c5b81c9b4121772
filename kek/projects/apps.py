from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "kek.projects"
    label = "projects"
    verbose_name = "Projektkatalog und Evaluierung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.urls import reverse

        from kek.accounts import landing
        from kek.core.registry import DefaultLoader, default_loaders
        from kek.statistics import undo

        from . import defaults, public, removal, rules, undo_checks, versions  # noqa: F401

        public.register()
        undo.indicator_checks.append(undo_checks.series_in_use)
        removal.register()
        default_loaders.register(DefaultLoader("projects", defaults.load, 40, keys=("catalogue",)))
        # "Messwerte zur Prüfung" in the back office: its Wagtail hooks.
        from . import review_hooks  # noqa: F401

        # A project lead's sign-in lands on their projects (kek.accounts.landing).
        landing.register(
            lambda user: reverse("my_projects") if user.led_projects.exists() else None
        )
