"""Dispatcher for the platform's commands: `kek load-defaults` runs `kek_load_defaults`.

Any app adds a subcommand by shipping a management command named `kek_<name>`.
Every subcommand runs in one audit scope (kek.core.audit): the change records it writes name
the command, the operating-system user and the `--user` account, if one is given.
"""

import argparse
import sys
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError, get_commands, load_command_class

from kek.core import audit

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
        audited(
            command,
            name,
            args[1:],
            lambda: command.run_from_argv([argv[0], f"kek {name}", *args[1:]]),
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("subcommand")
        parser.add_argument("args", nargs=argparse.REMAINDER)

    def handle(self, *args, subcommand: str, **options) -> None:
        from django.core.management import call_command

        command = self.load(subcommand)
        audited(command, subcommand, list(args), lambda: call_command(command, *args))

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


def audited(command: BaseCommand, name: str, args: list[str], run: Callable[[], object]) -> None:
    """Run the subcommand in its audit scope, acting for its `--user` (which the command itself
    checks before it writes anything, kek.core.commands.acting_user)."""
    with audit.acting_as(audit.command_label(name)) as scope:
        scope.user = named_user(command, name, args)
        run()


def named_user(command: BaseCommand, name: str, args: list[str]):
    """The active account named by the subcommand's `--user`, if it has that option."""
    parser = command.create_parser("kek", name)
    has_user = any("--user" in action.option_strings for action in parser._actions)
    if not has_user or {"-h", "--help"} & set(args):
        return None
    try:
        options, _ = parser.parse_known_args(args)
    except (CommandError, SystemExit):
        return None
    username = getattr(options, "user", None)
    if not username:
        return None
    return get_user_model().objects.filter(username=username, is_active=True).first()
