"""`kek import-oparl` acts for its `--user` only if that user is a planner or an admin
(oparl.import_oparl); a refused run changes nothing. The walk is tests/permission_walk.py."""

import pytest
from django.apps import apps

from kek.committees.models import Meeting

from .. import permission_walk as pw
from . import recorded

pytestmark = pytest.mark.django_db


def snapshot(ignore=frozenset()) -> dict:
    """Every row of the committees' and the import records' tables."""
    models = [
        *apps.get_app_config("committees").get_models(include_auto_created=True),
        *apps.get_app_config("oparl").get_models(include_auto_created=True),
    ]
    return pw.snapshot(models, ignore)


@pytest.fixture
def user_for(request):
    return request.getfixturevalue


@pytest.fixture
def command_args(nordsachsen, tmp_path):
    """command_args(name): the arguments of a `kek` subcommand and a check that it did its work."""
    server = recorded.write(tmp_path, recorded.build())
    commands = {
        "import-oparl": (
            [str(server), "--district", nordsachsen.ags],
            lambda: Meeting.objects.filter(oparl_id__startswith="https://ris.example/").exists(),
        ),
    }
    return commands.__getitem__


COMMANDS = [pw.Command("import-oparl", allowed=("planner", "admin_user"), refused=("participant",))]


@pw.command_walk(COMMANDS)
def test_each_role_may_run_only_the_commands_it_is_allowed_to(
    kek, command, command_args, user_for, role, outcome
):
    args, done = command_args(command.name)
    username = pw.UNKNOWN_USER if role == pw.UNKNOWN_USER else user_for(role).username
    pw.check_command(kek, command, args, done, username, outcome, snapshot)
