from django.apps import AppConfig


class CmsConfig(AppConfig):
    name = "kek.cms"
    label = "cms"
    verbose_name = "Seiten"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kek.core import sites as core_sites
        from kek.core.registry import DefaultLoader, default_loaders

        from . import four_eyes, public, sites  # noqa: F401

        public.register()
        default_loaders.register(
            DefaultLoader("site", sites.load, 20, keys=("hostname", "home", "pages"))
        )
        core_sites.provide(sites.homes_for_regions)
