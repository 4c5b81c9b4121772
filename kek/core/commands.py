"""Helpers shared by the `kek` subcommands."""

from pathlib import Path

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


def add_import_arguments(parser, copy_help: str) -> None:
    """The arguments every import of a district's file takes: --district, --user,
    --allow-other-district (a file of another district only as a copy), the file."""
    parser.add_argument("--district", required=True, help="Kreisschlüssel, z. B. 14730")
    parser.add_argument("--user", help="Benutzer, dem die Änderungen zugeschrieben werden")
    parser.add_argument("--allow-other-district", action="store_true", help=copy_help)
    parser.add_argument("file", type=Path)
