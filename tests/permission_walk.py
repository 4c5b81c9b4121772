"""One permission walk for the whole installation (F30): every write URL and every command that
acts for a `--user`, tried for every role, with the database compared before and after.

Each app's `test_permissions.py` contributes

- `ENTRIES`: `Entry` objects, one per write (a URL name of the URLconf, `url:<name>`, or a route
  of `DistrictHomePage`, `route:<name>`): how to build the request, what each role meets
  (`ALLOWED`, `FORBIDDEN` = 403, or the path of the login/dashboard it is sent to), and how to
  see that the change happened;
- `COMMANDS`: `Command` objects, one per `kek` subcommand with `--user`, with the roles that may
  run it (everyone else, and an unknown user name, is refused).

`tests/test_permissions.py` checks that the entries of all these files together cover the
installation: a write URL, a write route or a `--user` command without an entry fails the suite
with a message naming it, and so does an entry for something that no longer exists.

What counts as a write:

- URLconf: the views the apps add (snippet viewsets of a `kek` app, views from `kek.*` modules
  registered by wagtail_hooks, the patterns of kek/urls.py). A class-based view is a write if
  it has a POST (PUT, PATCH, DELETE) handler; a function view unless a POST by a superuser
  (placeholder arguments: 0 for numbers, "x" otherwise) answers 405. `NOT_WRITES` lists the
  URLs that accept a POST but change no content, with the reason.
- Routes of `DistrictHomePage` (read through Wagtail's `get_subpage_urls()`): public pages do
  not refuse a POST, they render the page again, so the read-only routes are listed by name in
  `READ_ONLY_ROUTES`; every other route is a write route.
- Commands: every management command of a `kek` app whose parser has a `--user` option.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

ALLOWED = "allowed"
FORBIDDEN = "forbidden"
REFUSED = "refused"  # a command: "keine Berechtigung"
ADMIN_LOGIN = "/admin/login/"
PUBLIC_LOGIN = "/anmelden/"
DASHBOARD = "/admin/"
LOGINS = (ADMIN_LOGIN, PUBLIC_LOGIN)
NEW_TITLE = "Von der Rechteprüfung angelegt"
EDITED_TITLE = "Von der Rechteprüfung geändert"
UNKNOWN_USER = "niemand"

# Signing in writes the session and last_login; that is not a change the role was refused.
NOT_CONTENT = frozenset({"sessions.session", "auth.user"})
# Wagtail creates a user's admin profile on their first admin request.
ADMIN_VISIT = frozenset({"wagtailusers.userprofile"})

# URLs that accept a POST but change no content, with the reason.
NOT_WRITES = {
    "login": "signing in changes only the session (tests/projects/test_lead_updates.py)",
    "logout": "signing out changes only the session",
    "account_login": "the same sign-in as `login` (allauth's name for it)",
    "account_logout": "the same sign-out as `logout` (allauth's name for it)",
    "account_reset_password": "sends the mail with the reset link; the password changes at "
    "account_reset_password_from_key (tests/accounts/test_it_resets_a_password_by_mail.py)",
    "my_projects": "lists the signed-in lead's projects; a POST shows the same list",
    "kek_serve": "serves pages and their downloads: walked as DistrictHomePage routes",
    "kek_preview_version": "turns a planner's preview on or off in the session only "
    "(tests/goals/test_preview.py checks who may)",
    "wagtailsnippets_projects_project:preview_on_add": "keeps the form in the session for "
    "Wagtail's preview panel",
    "wagtailsnippets_projects_project:preview_on_edit": "keeps the form in the session for "
    "Wagtail's preview panel",
    "wagtailsnippets_projects_project:revisions_compare": "compares two revisions (GET only)",
    "wagtailsnippets_projects_project:collect_workflow_action_data": "validates a workflow "
    "action's form and answers with its data; the action itself is workflow_action",
}
# Routes of DistrictHomePage that only read (they answer a POST like a GET).
READ_ONLY_ROUTES = frozenset(
    {
        "index_route", "goal_tree", "field_of_action", "goal", "versions", "compare_versions",
        "version_tree", "project_catalogue", "project", "project_indicator_csv", "dashboard",
        "field_dashboard", "evaluation_reports", "evaluation_report", "data_overview",
        "data_topic", "data_indicator", "data_chart_csv", "swot_analysis", "swot_download",
        "press_series",
        "committee_list", "committee", "committee_meetings", "committee_meeting",
        "committee_meeting_ics", "committee_calendar_ics", "committee_paper", "committee_file",
        "process_timeline",
        "events", "event", "event_registered", "event_ics",
        "documents", "document_download",
        "proposals", "proposal", "proposal_image",
        "forums", "topic",
        "surveys", "survey_results",
        "netiquette",
    }
)  # fmt: skip


# ----------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Entry:
    """One write: where it is, what a valid POST sends, who may, and how to see it worked."""

    id: str  # test id, e.g. "strategicgoal-edit"
    covers: str  # "url:<namespace:name>" or "route:<DistrictHomePage route name>"
    url: Callable[[Any], str]
    happened: Callable[[Any], bool]
    outcomes: Mapping[str, str]  # role → ALLOWED, FORBIDDEN or the path a refused role meets
    data: Callable[[Any], dict] = lambda world: {}
    # "get" too where the form page itself shows what only the permitted roles may see.
    methods: tuple[str, ...] = ("post",)
    # False: nobody can write through it (Wagtail registers a chooser "create" URL for every
    # snippet but gives snippet choosers no creation form); walked for the refused roles only.
    writable: bool = True


@dataclass(frozen=True)
class Command:
    """A `kek` subcommand that acts for `--user`; the roles in `allowed` may run it."""

    name: str  # "import-concept"
    allowed: tuple[str, ...]
    refused: tuple[str, ...]

    def cases(self) -> list[tuple[str, str]]:
        return [(role, ALLOWED) for role in self.allowed] + [
            (role, REFUSED) for role in (*self.refused, UNKNOWN_USER)
        ]


def walk(entries: Iterable[Entry]):
    """Parameters (entry, method, role), one test id each: `post-strategicgoal-edit-planner`."""
    return pytest.mark.parametrize(
        ("entry", "method", "role"),
        [
            pytest.param(entry, method, role, id=f"{method}-{entry.id}-{role}")
            for entry in entries
            for method in entry.methods
            for role, outcome in entry.outcomes.items()
            if entry.writable or outcome != ALLOWED
        ],
    )


def command_walk(commands: Iterable[Command]):
    """Parameters (command, role, outcome), e.g. `import-concept-planner`."""
    return pytest.mark.parametrize(
        ("command", "role", "outcome"),
        [
            pytest.param(command, role, outcome, id=f"{command.name}-{role}")
            for command in commands
            for role, outcome in command.cases()
        ],
    )


# ----------------------------------------------------------------------------- checks


def snapshot(models: Iterable | None = None, ignore: Iterable[str] = ()) -> dict:
    """Every row of every table (or of `models`), to show that a refusal changed nothing.

    Read with one plain query per table: the ORM's `values()` on some 120 tables, twice per
    test, was most of the walks' time."""
    from django.apps import apps
    from django.db import connection

    skip = NOT_CONTENT | set(ignore)
    chosen = apps.get_models(include_auto_created=True) if models is None else models
    quote = connection.ops.quote_name
    rows: dict[str, list] = {}
    with connection.cursor() as cursor:
        for model in chosen:
            meta = model._meta
            if meta.label_lower in skip or meta.proxy:
                continue
            cursor.execute(f"SELECT * FROM {quote(meta.db_table)} ORDER BY {quote(meta.pk.column)}")
            rows[meta.label_lower] = cursor.fetchall()
    return rows


def check_request(client, world, entry: Entry, method: str, role: str, user_for, take) -> None:
    """Send the entry's request as `role` and check the outcome; `take(ignore)` snapshots."""
    if role != "anonymous":
        client.force_login(user_for(role))
    outcome = entry.outcomes[role]
    ignore = ADMIN_VISIT if outcome in (ALLOWED, DASHBOARD) else frozenset()
    before = take(ignore)
    url = entry.url(world)
    response = client.get(url) if method == "get" else client.post(url, entry.data(world))

    if outcome == ALLOWED:
        if method == "get":
            assert response.status_code == 200, response.status_code
            html = response.content.decode()
            assert "<form" in html and 'name="password"' not in html, "not the form page"
            return
        # A form that does not validate comes back with 200 too, so the database decides.
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 302:
            assert urlparse(response["Location"]).path not in (*LOGINS, DASHBOARD)
        assert entry.happened(world), "the permitted change did not happen"
        assert take(ignore) != before
        return
    if outcome == FORBIDDEN:
        assert response.status_code == 403, response.status_code
    else:
        assert response.status_code == 302, response.status_code
        location = urlparse(response["Location"])
        assert location.path == outcome
        if outcome in LOGINS:
            assert parse_qs(location.query)["next"] == [url]
    assert not entry.happened(world), "a refused role changed the data"
    assert take(ignore) == before


def check_command(kek, command: Command, args: list[str], done, username: str, outcome, take):
    """Run the command for `username` and check that it ran, or was refused and changed nothing."""
    from django.core.management import CommandError

    if outcome == ALLOWED:
        kek(command.name, *args, "--user", username)
        assert done(), "the permitted command did not do its work"
        return
    before = take(frozenset())
    message = "gibt es nicht" if username == UNKNOWN_USER else "keine Berechtigung"
    with pytest.raises(CommandError, match=message):
        kek(command.name, *args, "--user", username)
    assert not done()
    assert take(frozenset()) == before


# ----------------------------------------------------------------------------- coverage


TESTS = Path(__file__).resolve().parent


@dataclass
class Contributions:
    entries: list[Entry] = field(default_factory=list)
    commands: list[Command] = field(default_factory=list)


def contributions() -> Contributions:
    """ENTRIES and COMMANDS of every test_permissions.py under tests/."""
    found = Contributions()
    for path in sorted(TESTS.rglob("test_permissions.py")):
        parts = path.relative_to(TESTS.parent).with_suffix("").parts
        module = importlib.import_module(".".join(parts))
        found.entries += getattr(module, "ENTRIES", [])
        found.commands += getattr(module, "COMMANDS", [])
    return found


def _kek_labels() -> set[str]:
    from django.apps import apps

    return {c.label for c in apps.get_app_configs() if c.name.startswith("kek.")}


def our_url_patterns() -> dict[str, str]:
    """name → fully qualified URL name of the views the apps add to the URLconf (see the module
    docstring); names drop the "wagtailadmin:" of the views registered in the admin."""
    from django.urls import URLPattern, URLResolver, get_resolver

    import kek.urls

    prefixes = tuple(
        f"{kind}_{label}_"
        for kind in ("wagtailsnippets", "wagtailsnippetchoosers")
        for label in _kek_labels()
    )
    top = {id(p) for p in kek.urls.urlpatterns if isinstance(p, URLPattern)}
    found = {}

    def visit(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                visit(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                view_class = getattr(pattern.callback, "view_class", None)
                module = (view_class or pattern.callback).__module__ or ""
                qualified = f"{namespace}{pattern.name}"
                name = qualified.removeprefix("wagtailadmin:")
                if (
                    id(pattern) in top
                    or module.startswith("kek.")
                    or name.partition(":")[0].startswith(prefixes)
                ):
                    found[name] = qualified

    visit(get_resolver(), "")
    return found


PLACEHOLDERS = ([], [0], ["x"], [0, 0], ["x", 0], [0, "x"], ["x", "x"])


def _placeholder_url(qualified: str) -> str | None:
    """The URL with placeholder arguments, or None where reverse() refuses them all."""
    from django.urls import NoReverseMatch, reverse

    for args in PLACEHOLDERS:
        try:
            return reverse(qualified, args=args)
        except NoReverseMatch:
            continue
    return None


WRITE_METHODS = ("post", "put", "patch", "delete")


def write_urls(superuser) -> dict[str, str]:
    """name → why it counts as a write, for every write URL of the URLconf.

    A class-based view is a write if it has a handler for POST (or PUT, PATCH, DELETE). A
    function view is asked: a POST with placeholder arguments as a superuser (so that no
    permission check answers first) must answer 405 for it to count as read-only."""
    from django.test import Client
    from django.urls import resolve

    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    found = {}
    for name, qualified in sorted(our_url_patterns().items()):
        if name in NOT_WRITES:
            continue
        url = _placeholder_url(qualified)
        if url is None:
            found[name] = "its arguments cannot be guessed, so it counts as a write"
            continue
        view_class = getattr(resolve(url).func, "view_class", None)
        if view_class is not None:
            handlers = [m for m in WRITE_METHODS if hasattr(view_class, m)]
            if handlers:
                found[name] = f"{view_class.__name__} handles {', '.join(handlers).upper()}"
            continue
        status = client.post(url, {}).status_code
        if status != 405:
            found[name] = f"POST {url} answered {status}"
    return found


def write_routes() -> set[str]:
    """Route names of DistrictHomePage that are not known to be read-only."""
    from kek.cms.models import DistrictHomePage

    names = {pattern.name for pattern in DistrictHomePage.get_subpage_urls()}
    return {name for name in names if name not in READ_ONLY_ROUTES}


def user_commands() -> set[str]:
    """`kek` subcommand names (import-concept, …) of the commands that take `--user`."""
    from django.core.management import get_commands, load_command_class

    found = set()
    for command, app in get_commands().items():
        if not (app.startswith("kek.") and command.startswith("kek_")):
            continue
        parser = load_command_class(app, command).create_parser("manage.py", command)
        if any("--user" in action.option_strings for action in parser._actions):
            found.add(command.removeprefix("kek_").replace("_", "-"))
    return found
