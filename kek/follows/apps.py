from django.apps import AppConfig


class FollowsConfig(AppConfig):
    """Folgen: follows of goals, projects, topics and proposals, and the e-mails (F25)."""

    name = "kek.follows"
    label = "follows"
    verbose_name = "Folgen und Benachrichtigungen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import personal, public, receivers, rules  # noqa: F401

        public.register()
        personal.register_all()
        receivers.connect()
