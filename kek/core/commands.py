"""Helpers shared by the `kek` subcommands."""

from django.contrib.auth import get_user_model
from django.core.management import CommandError

from kek.regions.models import Region


def acting_user(username: str | None, permission: str):
    """The user a command acts for (checked like a web request); None is the server operator."""
    if not username:
        return None
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"Benutzer {username} gibt es nicht.")
    if not user.has_perm(permission):
        raise CommandError(f"Benutzer {username} hat keine Berechtigung dafür ({permission}).")
    return user


def find_district(ags: str) -> Region:
    region = Region.objects.filter(ags=ags, level=Region.Level.DISTRICT).first()
    if region is None:
        raise CommandError(
            f"Einen Landkreis mit dem Schlüssel {ags} gibt es nicht (erst `kek load-defaults`?)."
        )
    return region
