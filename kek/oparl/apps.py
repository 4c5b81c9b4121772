from django.apps import AppConfig


class OParlConfig(AppConfig):
    """The OParl 1.1 API of the committees (kek.oparl.api) and the import from another OParl
    server (`kek import-oparl`, kek.oparl.importing)."""

    name = "kek.oparl"
    label = "oparl"
    verbose_name = "OParl"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import rules  # noqa: F401
