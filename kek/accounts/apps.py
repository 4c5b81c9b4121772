from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kek.accounts"
    label = "accounts"
    verbose_name = "Konten und Rollen"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules  # noqa: F401
