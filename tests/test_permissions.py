"""The goal system, the district's pages and sites: every write URL and command, tried as
anonymous, participant, planner and admin (F30), on the shared walk of tests/permission_walk.py.
This file also checks that the walks of all apps together cover the installation.

Anonymous visitors are sent to the login; participants (signed in, no group) lack
`wagtailadmin.access_admin`, so Wagtail sends them to the login too, before any view runs. In
both cases nothing in the database changes. Planners may change the goal system and their
district's pages, and the change really happens. The IT admin group may change the goal system
and add sites (kek/goals/rules.py, kek/accounts/rules.py) but has no page permissions.
The commands check the `--user` they act for in the same way (kek/core/commands.py).
"""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from kek.cms.models import DistrictHomePage, StandardPage
from kek.cms.sites import ensure_site
from kek.committees.models import AgendaItem
from kek.committees.resolutions import record_resolution
from kek.goals import exchange
from kek.goals.concept_db import export_district
from kek.goals.models import Concept, FieldOfAction, PublicationSettings, StrategicGoal, SubGoal
from kek.regions.models import Region

from . import permission_walk as pw
from .goals.factories import (
    ConceptFactory,
    FieldOfActionFactory,
    StrategicGoalFactory,
    SubGoalFactory,
)
from .permission_walk import ADMIN_LOGIN, ALLOWED, DASHBOARD, EDITED_TITLE, NEW_TITLE, Entry
from .regions.factories import RegionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("module_without_defaults")]

GOAL_MODELS = (Concept, FieldOfAction, StrategicGoal, SubGoal)


# ----------------------------------------------------------------------------- the world


@dataclass
class World:
    """A small district: concept version 1 (current) and 2 (draft), one goal per level in the
    draft (only a draft changes, issue 11), site."""

    region: Region
    concept: Concept
    draft: Concept
    field: FieldOfAction
    goal: StrategicGoal
    subgoal: SubGoal
    home: DistrictHomePage
    child: StandardPage
    item: AgendaItem  # an agenda item of the district, for "Beschluss verknüpfen …"

    def instance(self, model):
        return {
            Concept: self.draft,
            FieldOfAction: self.field,
            StrategicGoal: self.goal,
            SubGoal: self.subgoal,
        }[model]


@pytest.fixture
def world(db) -> World:
    region = RegionFactory(name="Landkreis Prüfhausen")
    concept = ConceptFactory(region=region, title="KEK Prüfhausen 2030")
    draft = ConceptFactory(
        region=region,
        title="KEK Prüfhausen 2030",
        version=2,
        status=Concept.Status.DRAFT,
        is_current=False,
        predecessor=concept,
    )
    field = FieldOfActionFactory(concept=draft, title="Wirtschaft")
    goal = StrategicGoalFactory(field=field, title="Unternehmen stärken")
    subgoal = SubGoalFactory(goal=goal, title="Gründungen begleiten")
    home = ensure_site(
        region,
        "localhost",
        {"title": "KEK Prüfhausen", "slug": "kek-pruefhausen"},
        [{"slug": "impressum", "title": "Impressum", "body": "<p>Herausgeber</p>"}],
    )
    child = StandardPage.objects.child_of(home).get(slug="impressum")
    PublicationSettings.objects.create(region=region)  # edited and deleted by the walk
    RegionFactory(name="Landkreis Nachbarhausen")  # gets its rule added
    item = record_resolution(region, "Kreistag", dt.date(2021, 3, 24), "KEK Prüfhausen 2030")
    return World(region, concept, draft, field, goal, subgoal, home, child, item)


ROLE_FIXTURES = {"participant": "participant", "planner": "planner", "admin": "admin_user"}


@pytest.fixture
def user_for(request):
    """user_for(role): the conftest user of that role, created only when a test asks for it."""
    return lambda role: request.getfixturevalue(ROLE_FIXTURES[role])


def take(ignore=frozenset()) -> dict:
    return pw.snapshot(ignore=ignore)


# ----------------------------------------------------------------------------- entries


def goal_form(model, w: World, obj=None, title: str = NEW_TITLE) -> dict:
    """Valid data for the snippet form of `model`; edits keep everything but the title."""
    if model is Concept:
        return {
            "region": w.region.pk,
            "title": title,
            "horizon_year": obj.horizon_year if obj else 2035,
            "version": obj.version if obj else 3,
            "status": obj.status if obj else Concept.Status.DRAFT,
            "version_note": "",
        }
    parent = {
        FieldOfAction: ("concept", w.draft),
        StrategicGoal: ("field", w.field),
        SubGoal: ("goal", w.goal),
    }[model]
    data = {
        parent[0]: parent[1].pk,
        "title": title,
        "description": "",
        "position": obj.position if obj else 0,
        "slug": obj.slug if obj else "",
    }
    if model is FieldOfAction:
        data["vision"] = ""
    return data


def page_form(page: Page, title: str) -> dict:
    data = {"title": title, "slug": page.slug}
    if isinstance(page, DistrictHomePage):
        data["region"] = page.region_id
    return data


# What each role meets. Anonymous visitors are sent to the login; participants lack
# `wagtailadmin.access_admin`, so Wagtail sends them to the login too. The IT admin group may
# change the goal system and add sites but has no page permissions: back to the dashboard.
REFUSED_BY_ADMIN = {"anonymous": ADMIN_LOGIN, "participant": ADMIN_LOGIN}
GOALS = {**REFUSED_BY_ADMIN, "planner": ALLOWED, "admin": ALLOWED}
PAGES = {**REFUSED_BY_ADMIN, "planner": ALLOWED, "admin": DASHBOARD}
SITES = GOALS
BOTH = ("get", "post")


def snippet_url(model, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_goals_{model._meta.model_name}:{action}", args=args)


def snippet_entries(model) -> list[Entry]:
    name = model._meta.model_name
    snippets, choosers = (
        f"url:wagtailsnippets_goals_{name}",
        f"url:wagtailsnippetchoosers_goals_{name}",
    )
    return [
        Entry(
            id=f"{name}-add",
            covers=f"{snippets}:add",
            url=lambda w: snippet_url(model, "add"),
            data=lambda w: goal_form(model, w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
            outcomes=GOALS,
            methods=BOTH,
        ),
        Entry(
            id=f"{name}-chooser-create",
            covers=f"{choosers}:create",
            url=lambda w: reverse(f"wagtailsnippetchoosers_goals_{name}:create"),
            data=lambda w: goal_form(model, w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
            outcomes=GOALS,
            methods=BOTH,
            writable=False,
        ),
        Entry(
            id=f"{name}-edit",
            covers=f"{snippets}:edit",
            url=lambda w: snippet_url(model, "edit", w.instance(model).pk),
            data=lambda w: goal_form(model, w, w.instance(model), EDITED_TITLE),
            happened=lambda w: model.objects.get(pk=w.instance(model).pk).title == EDITED_TITLE,
            outcomes=GOALS,
            methods=BOTH,
        ),
        Entry(
            id=f"{name}-delete",
            covers=f"{snippets}:delete",
            url=lambda w: snippet_url(model, "delete", w.instance(model).pk),
            happened=lambda w: not model.objects.filter(pk=w.instance(model).pk).exists(),
            outcomes=GOALS,
            methods=BOTH,
        ),
    ]


def rule_of(w) -> PublicationSettings:
    return PublicationSettings.objects.get(region=w.region)


def neighbour() -> Region:
    return Region.objects.get(name="Landkreis Nachbarhausen")


RULE = "url:wagtailsnippets_goals_publicationsettings"
ADMIN_ONLY = {**REFUSED_BY_ADMIN, "planner": DASHBOARD, "admin": ALLOWED}
RULE_ENTRIES = [
    Entry(
        id="publicationsettings-add",
        covers=f"{RULE}:add",
        url=lambda w: reverse("wagtailsnippets_goals_publicationsettings:add"),
        data=lambda w: {"region": neighbour().pk, "four_eyes": "on"},
        happened=lambda w: PublicationSettings.objects.filter(region=neighbour()).exists(),
        outcomes=ADMIN_ONLY,
        methods=BOTH,
    ),
    Entry(
        id="publicationsettings-chooser-create",
        covers="url:wagtailsnippetchoosers_goals_publicationsettings:create",
        url=lambda w: reverse("wagtailsnippetchoosers_goals_publicationsettings:create"),
        data=lambda w: {"region": neighbour().pk, "four_eyes": "on"},
        happened=lambda w: PublicationSettings.objects.filter(region=neighbour()).exists(),
        outcomes=ADMIN_ONLY,
        methods=BOTH,
        writable=False,
    ),
    Entry(
        id="publicationsettings-edit",
        covers=f"{RULE}:edit",
        url=lambda w: reverse(
            "wagtailsnippets_goals_publicationsettings:edit", args=[rule_of(w).pk]
        ),
        data=lambda w: {"region": w.region.pk, "four_eyes": "on"},
        happened=lambda w: rule_of(w).four_eyes,
        outcomes=ADMIN_ONLY,
        methods=BOTH,
    ),
    Entry(
        id="publicationsettings-delete",
        covers=f"{RULE}:delete",
        url=lambda w: reverse(
            "wagtailsnippets_goals_publicationsettings:delete", args=[rule_of(w).pk]
        ),
        happened=lambda w: not PublicationSettings.objects.filter(region=w.region).exists(),
        outcomes=ADMIN_ONLY,
        methods=BOTH,
    ),
]

ENTRIES = [
    *(e for model in GOAL_MODELS for e in snippet_entries(model)),
    *RULE_ENTRIES,
    Entry(
        id="concept-new-version",
        covers="url:kek_new_version",
        url=lambda w: reverse("kek_new_version", args=[w.concept.pk]),
        happened=lambda w: Concept.objects.filter(region=w.region, version=3).exists(),
        outcomes=GOALS,
        methods=BOTH,
    ),
    Entry(
        id="concept-publish",
        covers="url:kek_publish_version",
        url=lambda w: reverse("kek_publish_version", args=[w.draft.pk]),
        data=lambda w: {"confirm": "on", "adopted_on": "2026-11-30", "adopted_by": "Kreistag"},
        happened=lambda w: Concept.objects.get(pk=w.draft.pk).is_current,
        outcomes=GOALS,
        methods=BOTH,
    ),
    Entry(
        id="concept-link-adoption",
        covers="url:kek_link_adoption",
        url=lambda w: reverse("kek_link_adoption", args=[w.concept.pk]),
        data=lambda w: {"adoption": w.item.pk},
        happened=lambda w: Concept.objects.get(pk=w.concept.pk).adoption_id == w.item.pk,
        outcomes=GOALS,
        methods=BOTH,
    ),
    Entry(
        id="page-edit-start-page",
        covers="url:wagtailadmin_pages:edit",
        url=lambda w: reverse("wagtailadmin_pages:edit", args=[w.home.pk]),
        data=lambda w: page_form(w.home, EDITED_TITLE),
        happened=lambda w: Page.objects.get(pk=w.home.pk).draft_title == EDITED_TITLE,
        outcomes=PAGES,
        methods=BOTH,
    ),
    Entry(
        id="page-edit-standard-page",
        covers="url:wagtailadmin_pages:edit",
        url=lambda w: reverse("wagtailadmin_pages:edit", args=[w.child.pk]),
        data=lambda w: page_form(w.child, EDITED_TITLE),
        happened=lambda w: Page.objects.get(pk=w.child.pk).draft_title == EDITED_TITLE,
        outcomes=PAGES,
        methods=BOTH,
    ),
    Entry(
        id="page-add-standard-page",
        covers="url:wagtailadmin_pages:add",
        url=lambda w: reverse("wagtailadmin_pages:add", args=["cms", "standardpage", w.home.pk]),
        data=lambda w: {"title": NEW_TITLE, "slug": "neue-seite"},
        happened=lambda w: StandardPage.objects.filter(slug="neue-seite").exists(),
        outcomes=PAGES,
        methods=BOTH,
    ),
    Entry(
        id="page-delete-standard-page",
        covers="url:wagtailadmin_pages:delete",
        url=lambda w: reverse("wagtailadmin_pages:delete", args=[w.child.pk]),
        happened=lambda w: not Page.objects.filter(pk=w.child.pk).exists(),
        outcomes=PAGES,
        methods=BOTH,
    ),
    Entry(
        id="page-unpublish-standard-page",
        covers="url:wagtailadmin_pages:unpublish",
        url=lambda w: reverse("wagtailadmin_pages:unpublish", args=[w.child.pk]),
        happened=lambda w: not Page.objects.get(pk=w.child.pk).live,
        outcomes=PAGES,
        methods=BOTH,
    ),
    Entry(
        id="site-add",
        covers="url:wagtailsites:add",
        url=lambda w: reverse("wagtailsites:add"),
        data=lambda w: {
            "hostname": "kek.nebenan.example",
            "port": 80,
            "site_name": "KEK Nebenan",
            "root_page": w.child.pk,
        },
        happened=lambda w: Site.objects.filter(hostname="kek.nebenan.example").exists(),
        outcomes=SITES,
        methods=BOTH,
    ),
]


# ----------------------------------------------------------------------------- HTTP walk


@pw.walk(ENTRIES)
def test_each_role_may_write_only_what_it_is_allowed_to(
    client, world, user_for, entry, method, role
):
    pw.check_request(client, world, entry, method, role, user_for, take)


# ----------------------------------------------------------------------------- commands


@pytest.fixture
def command_args(world, tmp_path):
    """command_args(name): the arguments of a `kek` subcommand and a check that it did its work."""
    data = export_district(world.region)
    draft = next(v for v in data.versions if v.version == world.draft.version)
    draft.fields[0].children[0].title = EDITED_TITLE
    source, target = tmp_path / "konzept.yaml", tmp_path / "export.yaml"
    exchange.write(data, source)
    other = RegionFactory(name="Landkreis Nebenan")
    commands = {
        "import-concept": (
            ["--district", world.region.ags, str(source)],
            lambda: StrategicGoal.objects.get(pk=world.goal.pk).title == EDITED_TITLE,
        ),
        "export-concept": (["--district", world.region.ags, str(target)], target.exists),
        "create-site": (
            ["--district", other.ags, "--hostname", "kek.nebenan.example"],
            lambda: Site.objects.filter(hostname="kek.nebenan.example").exists(),
        ),
    }
    return commands.__getitem__


COMMANDS = [
    pw.Command(name, allowed=("planner", "admin"), refused=("participant",))
    for name in ("import-concept", "export-concept", "create-site")
]


@pw.command_walk(COMMANDS)
def test_each_role_may_run_only_the_commands_it_is_allowed_to(
    kek, command, command_args, user_for, role, outcome
):
    args, done = command_args(command.name)
    username = pw.UNKNOWN_USER if role == pw.UNKNOWN_USER else user_for(role).username
    pw.check_command(kek, command, args, done, username, outcome, take)


def test_an_import_is_recorded_as_the_planners_change(kek, command_args, world, planner):
    args, _ = command_args("import-concept")
    kek("import-concept", *args, "--user", planner.username)
    assert world.goal.history.latest("history_date").history_user == planner


# ----------------------------------------------------------------------------- coverage


def _listing(names) -> str:
    return "\n  ".join(sorted(names))


def test_every_write_url_and_route_has_an_entry(django_user_model):
    """Read from the URL configuration and the start page's routes, so that a new write view
    cannot slip past the walk (tests/permission_walk.py says what counts as a write)."""
    from .http import url_names

    superuser = django_user_model.objects.create_superuser("walk-su", "su@example.org", "x")
    entries = pw.contributions().entries
    covered = {e.covers for e in entries}
    writes = pw.write_urls(superuser)
    routes = pw.write_routes()
    missing = {
        f"url:{name} ({why})" for name, why in writes.items() if f"url:{name}" not in covered
    }
    missing |= {f"route:{name}" for name in routes if f"route:{name}" not in covered}
    assert not missing, (
        "Write URLs/routes without a permission-walk entry (add one to the app's "
        f"test_permissions.py, or list it as read-only in tests/permission_walk.py):\n  "
        f"{_listing(missing)}"
    )
    known = {f"url:{n.removeprefix('wagtailadmin:')}" for n in url_names()}
    known |= {f"route:{p.name}" for p in DistrictHomePage.get_subpage_urls()}
    stale = covered - known
    assert not stale, f"Permission-walk entries for URLs that do not exist:\n  {_listing(stale)}"


def test_every_command_with_user_has_an_entry():
    commands = pw.user_commands()
    assert commands, "no command with --user found"
    covered = {c.name for c in pw.contributions().commands}
    missing = commands - covered
    assert not missing, (
        "Commands with --user without a permission-walk entry (add a Command to the app's "
        f"test_permissions.py):\n  {_listing(missing)}"
    )
    assert not covered - commands, f"Entries for unknown commands: {_listing(covered - commands)}"
