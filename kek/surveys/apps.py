from django.apps import AppConfig


class SurveysConfig(AppConfig):
    """Umfragen: Questionnaires with results through the charts app (F23)."""

    name = "kek.surveys"
    label = "surveys"
    verbose_name = "Umfragen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import DefaultLoader, default_loaders

        from . import defaults, personal_data, public, rules  # noqa: F401

        public.register()
        personal_data.register_personal_data()
        # After the events (57); the surveys need only the district.
        default_loaders.register(DefaultLoader("surveys", defaults.load, 58, keys=("surveys",)))
