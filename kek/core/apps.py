from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kek.core"
    label = "core"
    verbose_name = "KEK"

    def ready(self) -> None:
        from .backup import base_part
        from .registry import backup_parts

        backup_parts.register(base_part())
