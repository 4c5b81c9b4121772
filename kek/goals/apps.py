from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "kek.goals"
    label = "goals"
    verbose_name = "Zielsystem"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.imports import UndoGuard, undo_guards
        from kek.core.registry import DefaultLoader, default_loaders

        from . import concept_db, defaults, public, rules, signals  # noqa: F401

        public.register()
        default_loaders.register(DefaultLoader("goals", defaults.load, 10, keys=("concept",)))
        undo_guards.register(UndoGuard("goals-adopted-versions", concept_db.undo_blockers))
