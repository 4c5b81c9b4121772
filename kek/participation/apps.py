from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    """Beteiligung: comments, ratings, reports, moderation and phases (F21–F23, F25)."""

    name = "kek.participation"
    label = "participation"
    verbose_name = "Beteiligung"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core.registry import backup_parts

        from . import backup, personal, public, rules  # noqa: F401

        public.register()
        personal.register_all()
        backup_parts.register(backup.part())
