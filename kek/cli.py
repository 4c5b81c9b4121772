"""The `kek` console script: `kek SUBCOMMAND …` is `python manage.py kek SUBCOMMAND …`."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kek", "kek", *sys.argv[1:]])
