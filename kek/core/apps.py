from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kek.core"
    label = "core"
    verbose_name = "KEK"

    def ready(self) -> None:
        from django.db import models
        from wagtail.admin.ui.fields import register_display_class

        from . import boundaries, region_choosers
        from .admin_columns import YesNoDisplay
        from .backup import base_part
        from .registry import DefaultLoader, backup_parts, default_loaders

        backup_parts.register(base_part())
        default_loaders.register(
            DefaultLoader("boundaries", boundaries.load_default, 35, keys=("boundaries",))
        )
        register_display_class(models.BooleanField, display_class=YesNoDisplay)
        region_choosers.register_form_fields()
