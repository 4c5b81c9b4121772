"""Every write URL and command, tried as anonymous, participant, planner and admin (F30).

Anonymous visitors are sent to the login; participants (signed in, no group) lack
`wagtailadmin.access_admin`, so Wagtail sends them to the login too, before any view runs. In
both cases nothing in the database changes. Planners may change the goal system and their
district's pages, and the change really happens. The IT admin group may change the goal system
and add sites (kek/goals/rules.py, kek/accounts/rules.py) but has no page permissions.
The commands check the `--user` they act for in the same way (kek/core/commands.py).
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.core.management import CommandError
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page, Site

from kek.cms.models import DistrictHomePage, StandardPage
from kek.cms.sites import ensure_site
from kek.goals import exchange
from kek.goals.concept_db import export_district
from kek.goals.models import Concept, FieldOfAction, StrategicGoal, SubGoal
from kek.regions.models import Region

from .goals.factories import (
    ConceptFactory,
    FieldOfActionFactory,
    StrategicGoalFactory,
    SubGoalFactory,
)
from .regions.factories import RegionFactory

pytestmark = pytest.mark.usefixtures("without_defaults")

GOAL_MODELS = (Concept, FieldOfAction, StrategicGoal, SubGoal)
NEW_TITLE = "Von der Rechteprüfung angelegt"
EDITED_TITLE = "Von der Rechteprüfung geändert"
LOGIN_URL = "/admin/login/"
DASHBOARD_URL = "/admin/"

# Signing in writes the session and last_login; that is not a change the role was refused.
NOT_CONTENT = {"sessions.session", "auth.user"}
# Wagtail creates a user's admin profile on their first admin request.
ADMIN_VISIT = {"wagtailusers.userprofile"}


# ----------------------------------------------------------------------------- the world


@dataclass
class World:
    """A small district: concept version 1 (current) and 2 (draft), one goal per level, site."""

    region: Region
    concept: Concept
    draft: Concept
    field: FieldOfAction
    goal: StrategicGoal
    subgoal: SubGoal
    home: DistrictHomePage
    child: StandardPage

    def instance(self, model):
        return {
            Concept: self.concept,
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
    field = FieldOfActionFactory(concept=concept, title="Wirtschaft")
    goal = StrategicGoalFactory(field=field, title="Unternehmen stärken")
    subgoal = SubGoalFactory(goal=goal, title="Gründungen begleiten")
    home = ensure_site(
        region,
        "localhost",
        {"title": "KEK Prüfhausen", "slug": "kek-pruefhausen"},
        [{"slug": "impressum", "title": "Impressum", "body": "<p>Herausgeber</p>"}],
    )
    child = StandardPage.objects.child_of(home).get(slug="impressum")
    return World(region, concept, draft, field, goal, subgoal, home, child)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The users' passwords are never checked here; hashing them properly takes most of a test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


ROLE_FIXTURES = {"participant": "participant", "planner": "planner", "admin": "admin_user"}


@pytest.fixture
def user_for(request):
    """user_for(role): the conftest user of that role, created only when a test asks for it."""
    return lambda role: request.getfixturevalue(ROLE_FIXTURES[role])


@pytest.fixture
def sign_in(client, user_for):
    """sign_in(role) logs the test client in as that role."""

    def login(role: str):
        user = user_for(role)
        client.force_login(user)
        return user

    return login


def snapshot(ignore: set[str] = frozenset()) -> dict:
    """Every row of every table, to show that a refused request or command changed nothing."""
    return {
        model._meta.label_lower: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in NOT_CONTENT | ignore
    }


# ----------------------------------------------------------------------------- endpoints


def goal_form(model, w: World, obj=None, title: str = NEW_TITLE) -> dict:
    """Valid data for the snippet form of `model`; edits keep everything but the title."""
    if model is Concept:
        return {
            "region": w.region.pk,
            "title": title,
            "horizon_year": obj.horizon_year if obj else 2035,
            "version": obj.version if obj else 3,
            "status": obj.status if obj else Concept.Status.DRAFT,
            "adopted_on": "",
            "adopted_by": obj.adopted_by if obj else "",
            "resolution_number": "",
            "version_note": "",
        }
    parent = {
        FieldOfAction: ("concept", w.concept),
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


@dataclass(frozen=True)
class Endpoint:
    """One write URL: where it is, what a valid POST sends, and how to see that it worked."""

    id: str
    area: str  # "goals", "sites" (permissions from rules) or "pages" (Wagtail page permissions)
    url: Callable[[World], str]
    data: Callable[[World], dict]
    happened: Callable[[World], bool]
    # Wagtail registers a chooser "create" URL for every snippet, but gives snippet choosers no
    # creation form: nobody can create through it (a permitted POST fails inside Wagtail).
    # It is walked for the refused roles only.
    writable: bool = True


def snippet_url(model, action: str, *args) -> str:
    return reverse(f"wagtailsnippets_goals_{model._meta.model_name}:{action}", args=args)


def snippet_endpoints(model) -> list[Endpoint]:
    name = model._meta.model_name
    return [
        Endpoint(
            id=f"{name}-add",
            area="goals",
            url=lambda w: snippet_url(model, "add"),
            data=lambda w: goal_form(model, w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
        ),
        Endpoint(
            id=f"{name}-chooser-create",
            area="goals",
            url=lambda w: reverse(f"wagtailsnippetchoosers_goals_{name}:create"),
            data=lambda w: goal_form(model, w),
            happened=lambda w: model.objects.filter(title=NEW_TITLE).exists(),
            writable=False,
        ),
        Endpoint(
            id=f"{name}-edit",
            area="goals",
            url=lambda w: snippet_url(model, "edit", w.instance(model).pk),
            data=lambda w: goal_form(model, w, w.instance(model), EDITED_TITLE),
            happened=lambda w: model.objects.get(pk=w.instance(model).pk).title == EDITED_TITLE,
        ),
        Endpoint(
            id=f"{name}-delete",
            area="goals",
            url=lambda w: snippet_url(model, "delete", w.instance(model).pk),
            data=lambda w: {},
            happened=lambda w: not model.objects.filter(pk=w.instance(model).pk).exists(),
        ),
    ]


ENDPOINTS = [
    *(e for model in GOAL_MODELS for e in snippet_endpoints(model)),
    Endpoint(
        id="concept-new-version",
        area="goals",
        url=lambda w: reverse("kek_new_version", args=[w.concept.pk]),
        data=lambda w: {},
        happened=lambda w: Concept.objects.filter(region=w.region, version=3).exists(),
    ),
    Endpoint(
        id="concept-make-current",
        area="goals",
        url=lambda w: reverse("kek_make_current", args=[w.draft.pk]),
        data=lambda w: {},
        happened=lambda w: Concept.objects.get(pk=w.draft.pk).is_current,
    ),
    Endpoint(
        id="page-edit-start-page",
        area="pages",
        url=lambda w: reverse("wagtailadmin_pages:edit", args=[w.home.pk]),
        data=lambda w: page_form(w.home, EDITED_TITLE),
        happened=lambda w: Page.objects.get(pk=w.home.pk).draft_title == EDITED_TITLE,
    ),
    Endpoint(
        id="page-edit-standard-page",
        area="pages",
        url=lambda w: reverse("wagtailadmin_pages:edit", args=[w.child.pk]),
        data=lambda w: page_form(w.child, EDITED_TITLE),
        happened=lambda w: Page.objects.get(pk=w.child.pk).draft_title == EDITED_TITLE,
    ),
    Endpoint(
        id="page-add-standard-page",
        area="pages",
        url=lambda w: reverse("wagtailadmin_pages:add", args=["cms", "standardpage", w.home.pk]),
        data=lambda w: {"title": NEW_TITLE, "slug": "neue-seite"},
        happened=lambda w: StandardPage.objects.filter(slug="neue-seite").exists(),
    ),
    Endpoint(
        id="page-delete-standard-page",
        area="pages",
        url=lambda w: reverse("wagtailadmin_pages:delete", args=[w.child.pk]),
        data=lambda w: {},
        happened=lambda w: not Page.objects.filter(pk=w.child.pk).exists(),
    ),
    Endpoint(
        id="page-unpublish-standard-page",
        area="pages",
        url=lambda w: reverse("wagtailadmin_pages:unpublish", args=[w.child.pk]),
        data=lambda w: {},
        happened=lambda w: not Page.objects.get(pk=w.child.pk).live,
    ),
    Endpoint(
        id="site-add",
        area="sites",
        url=lambda w: reverse("wagtailsites:add"),
        data=lambda w: {
            "hostname": "kek.nebenan.example",
            "port": 80,
            "site_name": "KEK Nebenan",
            "root_page": w.child.pk,
        },
        happened=lambda w: Site.objects.filter(hostname="kek.nebenan.example").exists(),
    ),
]

GOAL_ENDPOINTS = [e for e in ENDPOINTS if e.area == "goals"]
PAGE_ENDPOINTS = [e for e in ENDPOINTS if e.area == "pages"]
SITE_ENDPOINTS = [e for e in ENDPOINTS if e.area == "sites"]
METHODS = ["get", "post"]


def each(endpoints: list[Endpoint], methods=METHODS, writable_only: bool = False):
    """Parameters (endpoint, method), one test id per pair, e.g. `post-strategicgoal-edit`."""
    return pytest.mark.parametrize(
        ("endpoint", "method"),
        [
            pytest.param(endpoint, method, id=f"{method}-{endpoint.id}")
            for endpoint in endpoints
            for method in methods
            if not (writable_only and method == "post" and not endpoint.writable)
        ],
    )


def request(client, world: World, endpoint: Endpoint, method: str):
    url = endpoint.url(world)
    if method == "get":
        return client.get(url)
    return client.post(url, endpoint.data(world))


def assert_sent_to(response, path: str) -> None:
    assert response.status_code == 302, response.status_code
    assert urlparse(response["Location"]).path == path


def assert_done(response, world: World, endpoint: Endpoint, method: str) -> None:
    if method == "get":
        assert response.status_code == 200
        return
    # A form that does not validate comes back with 200 too, so the database decides.
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert urlparse(response["Location"]).path not in (LOGIN_URL, DASHBOARD_URL)
    assert endpoint.happened(world), "the permitted change did not happen"


# ----------------------------------------------------------------------------- HTTP walk


def test_the_walk_covers_every_write_url_of_the_goal_system():
    """Read from the URL configuration, so that a new write view cannot slip past this file."""
    read_only = {
        "list",
        "list_results",
        "usage",
        "history",
        "history_results",
        "choose",
        "choose_results",
        "chosen",
        "chosen_multiple",
    }
    found = set()

    def walk(resolver: URLResolver, namespace: str = "") -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(
                    pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                )
            elif isinstance(pattern, URLPattern) and pattern.name:
                if "_goals_" in namespace and pattern.name not in read_only:
                    found.add(f"{namespace}{pattern.name}")
                elif getattr(pattern.callback, "__module__", "") == "kek.goals.admin_views":
                    # The goal system's own back-office views (register_admin_urls).
                    found.add(pattern.name)

    walk(get_resolver())
    walked = {"kek_new_version", "kek_make_current"}
    for model in GOAL_MODELS:
        name = model._meta.model_name
        walked |= {f"wagtailsnippets_goals_{name}:{a}" for a in ("add", "edit", "delete")}
        walked.add(f"wagtailsnippetchoosers_goals_{name}:create")
    assert found == walked
    assert {e.id for e in GOAL_ENDPOINTS} == {
        f"{model._meta.model_name}-{action}"
        for model in GOAL_MODELS
        for action in ("add", "chooser-create", "edit", "delete")
    } | {"concept-new-version", "concept-make-current"}


@each(ENDPOINTS)
def test_it_sends_anonymous_to_the_login(client, world, endpoint, method):
    before = snapshot()
    response = request(client, world, endpoint, method)
    assert_sent_to(response, LOGIN_URL)
    assert snapshot() == before


@each(ENDPOINTS)
def test_it_rejects_participant(client, world, sign_in, endpoint, method):
    """Signed in without a group: Wagtail refuses admin access and sends them to the login."""
    sign_in("participant")
    before = snapshot()
    response = request(client, world, endpoint, method)
    assert_sent_to(response, LOGIN_URL)
    assert not endpoint.happened(world)
    assert snapshot() == before


@each(ENDPOINTS, writable_only=True)
def test_it_lets_planner_write(client, world, sign_in, endpoint, method):
    sign_in("planner")
    response = request(client, world, endpoint, method)
    assert_done(response, world, endpoint, method)


@each(GOAL_ENDPOINTS + SITE_ENDPOINTS, writable_only=True)
def test_it_lets_admin_change_the_goal_system_and_add_sites(
    client, world, sign_in, endpoint, method
):
    sign_in("admin")
    response = request(client, world, endpoint, method)
    assert_done(response, world, endpoint, method)


@each(PAGE_ENDPOINTS)
def test_it_rejects_admin_on_pages(client, world, sign_in, endpoint, method):
    """The IT admin group reaches the admin but has no page permissions: back to the dashboard."""
    sign_in("admin")
    before = snapshot(ignore=ADMIN_VISIT)
    response = request(client, world, endpoint, method)
    assert_sent_to(response, DASHBOARD_URL)
    assert not endpoint.happened(world)
    assert snapshot(ignore=ADMIN_VISIT) == before


# ----------------------------------------------------------------------------- commands


@pytest.fixture
def command(world, tmp_path):
    """command(name) gives the arguments of a `kek` subcommand and a check that it did its work."""
    data = export_district(world.region)
    data.versions[0].fields[0].children[0].title = EDITED_TITLE
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


COMMANDS = ["import-concept", "export-concept", "create-site"]


@pytest.mark.parametrize("name", COMMANDS)
def test_it_refuses_participant_on_command(kek, command, user_for, name):
    args, done = command(name)
    user = user_for("participant")
    before = snapshot()
    with pytest.raises(CommandError, match="keine Berechtigung"):
        kek(name, *args, "--user", user.username)
    assert not done()
    assert snapshot() == before


@pytest.mark.parametrize("name", COMMANDS)
def test_it_refuses_an_unknown_user_on_command(kek, command, name):
    args, done = command(name)
    before = snapshot()
    with pytest.raises(CommandError, match="gibt es nicht"):
        kek(name, *args, "--user", "niemand")
    assert not done()
    assert snapshot() == before


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("role", ["planner", "admin"])
def test_it_runs_command_for(kek, command, user_for, role, name):
    args, done = command(name)
    kek(name, *args, "--user", user_for(role).username)
    assert done()


def test_an_import_is_recorded_as_the_planners_change(kek, command, world, planner):
    args, _ = command("import-concept")
    kek("import-concept", *args, "--user", planner.username)
    assert world.goal.history.latest("history_date").history_user == planner
