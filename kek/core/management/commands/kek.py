"""Dispatcher for the platform's commands: `kek load-defaults` runs `kek_load_defaults`.

Any app adds a subcommand by shipping a management command named `kek_<name>`.
"""

import argparse
import sys

from django.core.management import BaseCommand, CommandError, get_commands, load_command_class

PREFIX = "kek_"


def subcommands() -> dict[str, str]:
    """Map subcommand name (with dashes) to the app that provides it."""
    return {
        name[len(PREFIX) :].replace("_", "-"): app
        for name, app in get_commands().items()
        if name.startswith(PREFIX)
    }


class Command(BaseCommand):
    help = "Befehle der KEK-Plattform. `kek SUBCOMMAND --help` zeigt die Optionen."

    def run_from_argv(self, argv: list[str]) -> None:
        args = argv[2:]
        if not args or args[0] in {"-h", "--help", "help"}:
            self.stdout.write(self.usage())
            return
        name = args[0]
        if name not in subcommands():
            self.stderr.write(f"Unbekannter Befehl: {name}\n\n{self.usage()}")
            sys.exit(2)
        command = self.load(name)
        command.run_from_argv([argv[0], f"kek {name}", *args[1:]])

    def add_arguments(self, parser) -> None:
        parser.add_argument("subcommand")
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args, subcommand: str, **options) -> None:
        from django.core.management import call_command

        self.load(subcommand)
        call_command(PREFIX + subcommand.replace("-", "_"), *args)

    def load(self, name: str) -> BaseCommand:
        available = subcommands()
        if name not in available:
            raise CommandError(f"Unbekannter Befehl: {name}")
        return load_command_class(available[name], PREFIX + name.replace("-", "_"))

    def usage(self) -> str:
        lines = ["Verwendung: kek SUBCOMMAND [OPTIONEN]", "", "Befehle:"]
        for name, app in sorted(subcommands().items()):
            command = load_command_class(app, PREFIX + name.replace("-", "_"))
            lines.append(f"  {name:<22} {command.help.splitlines()[0] if command.help else ''}")
        return "\n".join(lines) + "\n"
