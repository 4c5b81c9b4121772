"""What the pages app adds to the platform's registries besides its default-content loader:
its part of a district's backup (registered in CmsConfig.ready)."""

from kek.core.registry import backup_parts

from . import backup


def register() -> None:
    backup_parts.register(backup.part())
