from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kek.core"
    label = "core"
    verbose_name = "KEK"

    def ready(self) -> None:
        from django.db import models
        from wagtail.admin.ui.fields import register_display_class

        from . import region_choosers
        from .admin_columns import YesNoDisplay
        from .backup import base_part
        from .registry import backup_parts

        backup_parts.register(base_part())
        register_display_class(models.BooleanField, display_class=YesNoDisplay)
        region_choosers.register_form_fields()
