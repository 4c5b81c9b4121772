"""The `kek` console script: `kek SUBCOMMAND …` is `python manage.py kek SUBCOMMAND …`.

`kek evaluate` needs no database: a plain run is handled by kek.evaluation.cli without
loading Django; help, Django's options and argument errors go to the management command.
"""

import os
import sys


def main() -> None:
    args = sys.argv[1:]
    if args[:1] == ["evaluate"]:
        from kek.evaluation.cli import main as evaluate

        code = evaluate(args[1:])
        if code is not None:
            sys.exit(code)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kek.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kek", "kek", *args])
