"""Shared fixtures. Django is imported inside the fixtures, so that the pure-module tests
also run without it (`pytest -p no:django tests/evaluation`)."""

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL the test databases do not wait for the disk at each commit: a crash may
    lose the last commits of a throwaway database, and many tests commit (transactional ones,
    the default content written back after them)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(scope="session")
def django_db_use_migrations():
    """Test databases are built from the models plus what the migrations add (see
    tests/test_database.py); KEK_TEST_MIGRATIONS=1 runs the migrations instead."""
    from tests import test_database

    return test_database.use_migrations()


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory, django_db_setup):
    """The URL of a database of the suite's kind migrated for real, made once per run and
    shared by the xdist workers (tests/test_database.py)."""
    from tests import test_database

    return test_database.migrated_database(run_directory(tmp_path_factory.getbasetemp()))


def run_directory(basetemp):
    """The directory of this run: an xdist worker's base directory is one below it."""
    import os

    return basetemp.parent if os.environ.get("PYTEST_XDIST_WORKER") else basetemp


def pytest_sessionfinish(session):
    """In the controller (or the only process): drop what `migrated_database` made."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if hasattr(session.config, "workerinput") or factory is None or factory._basetemp is None:
        return
    from tests import test_database

    test_database.drop_migrated(factory.getbasetemp())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the shipped default content once per test database (once per pytest-xdist worker,
    each on its own database: pytest-django adds the worker's `gw…` suffix to the name); every
    test rolls back to this state.

    A transactional test cannot roll back: Django empties (flushes) every table after it. The
    state after loading is therefore kept as a table-by-table copy and written back right
    after each flush, which takes a second or two instead of loading the defaults again, and
    every following test, in whatever order, finds the default content."""
    import os

    from kek.core.defaults import load_defaults
    from tests import test_database

    if not test_database.use_migrations():
        with django_db_blocker.unblock():
            test_database.add_migration_data()
    if os.environ.get("KEK_TEST_PRELOAD", "1") == "1":
        with django_db_blocker.unblock():
            load_defaults()
            copy = _TableCopy()
        _restore_after_flush(copy)


class _TableCopy:
    """Every row of every model table of the default database, to be written back."""

    def __init__(self) -> None:
        from django.db import connection

        # Wagtail's full-text table on SQLite is filled by triggers on its index table.
        self.tables = [
            table
            for table in connection.introspection.django_table_names(
                only_existing=True, include_views=False
            )
            if not table.endswith("_fts")
        ]
        self.data: dict[str, object] = {}
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for table in self.tables:
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {quote(table)} TO STDOUT") as copy:
                        self.data[table] = b"".join(bytes(block) for block in copy)
                else:
                    cursor.execute(f"SELECT * FROM {quote(table)}")
                    columns = [column[0] for column in cursor.description]
                    self.data[table] = (columns, cursor.fetchall())

    def restore(self) -> None:
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import connection, transaction

        quote = connection.ops.quote_name
        # Foreign keys are deferred (Django creates them DEFERRABLE INITIALLY DEFERRED), so
        # the order of the tables does not matter within one transaction.
        with transaction.atomic(), connection.cursor() as cursor:
            for table in self.tables:  # post_migrate refilled some tables after the flush
                cursor.execute(f"DELETE FROM {quote(table)}")
            for table in self.tables:
                if connection.vendor == "postgresql":
                    with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                        copy.write(self.data[table])
                    continue
                columns, rows = self.data[table]
                if rows:
                    names = ", ".join(quote(c) for c in columns)
                    marks = ", ".join(["%s"] * len(columns))
                    cursor.executemany(
                        f"INSERT INTO {quote(table)} ({names}) VALUES ({marks})", rows
                    )
            models = [
                model
                for model in apps.get_models(include_auto_created=True)
                if model._meta.db_table in self.tables
            ]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


def _restore_after_flush(copy: _TableCopy) -> None:
    """Write the default content back after the flush that ends every transactional test."""
    from django.test import TransactionTestCase

    flush = TransactionTestCase._fixture_teardown

    def teardown(self):
        flush(self)
        copy.restore()

    TransactionTestCase._fixture_teardown = teardown


@pytest.fixture(scope="session", autouse=True)
def _fast_passwords():
    """The test users' passwords are hashed with MD5: proper hashing (PBKDF2, a third of a
    second per user) was a large part of the suite's time, and no test checks its strength."""
    from django.conf import settings

    if not settings.configured:  # pure-module runs with `-p no:django`
        yield
        return
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture
def nordsachsen(db):
    """The shipped default content: regions, KEK Nordsachsen 2030, its site and data.

    Loaded again only where a transactional test emptied the database before."""
    from kek.core.defaults import load_defaults
    from kek.goals.models import Concept
    from kek.regions.models import Region

    if not Concept.objects.filter(region__ags="14730").exists():
        load_defaults()
    return Region.objects.get(ags="14730")


@pytest.fixture
def concept(nordsachsen):
    from kek.goals.models import Concept

    return Concept.objects.get(region=nordsachsen, is_current=True)


@pytest.fixture
def concept_in_draft(concept):
    """The current version opened for changes (its status a draft), for tests of what an
    import or edit does to a version that may change; adopted versions are read-only."""
    from kek.goals.models import Concept

    Concept.objects.filter(pk=concept.pk).update(status=Concept.Status.DRAFT)
    concept.status = Concept.Status.DRAFT
    return concept


@pytest.fixture
def planner(db):
    from .accounts.factories import UserFactory

    return UserFactory(username="planerin", groups=["planner"])


@pytest.fixture
def participant(db):
    from .accounts.factories import UserFactory

    return UserFactory(username="buerger")


@pytest.fixture
def admin_user(db):
    from .accounts.factories import UserFactory

    return UserFactory(username="it-admin", groups=["admin"])


@pytest.fixture
def moderator(nordsachsen):
    """A moderator of Landkreis Nordsachsen (group "Moderation" plus the district)."""
    from kek.participation.models import DistrictModerator

    from .accounts.factories import UserFactory

    user = UserFactory(username="moderatorin", groups=["moderator"])
    DistrictModerator.objects.create(user=user, district=nordsachsen)
    return user


@pytest.fixture
def other_moderator(db):
    """A moderator of another district (Landkreis Leipzig, 14729): sees nothing of Nordsachsen."""
    from kek.participation.models import DistrictModerator
    from kek.regions.models import Region

    from .accounts.factories import UserFactory

    leipzig, _ = Region.objects.get_or_create(
        ags="14729", defaults={"name": "Leipzig", "level": Region.Level.DISTRICT}
    )
    user = UserFactory(username="moderator-leipzig", groups=["moderator"])
    DistrictModerator.objects.create(user=user, district=leipzig)
    return user


@pytest.fixture
def site_for(db):
    """Create a public site for a region: site_for(region, "host.example")."""

    from kek.cms.sites import ensure_site

    def make(region, hostname: str):
        return ensure_site(region, hostname, {"title": f"KEK {region.name}"}, [])

    return make


@pytest.fixture
def kek():
    """Run a `kek` subcommand as `call_command` would: kek("import-concept", "--district", …)."""

    from django.core.management import call_command

    def run(*args: str) -> None:
        call_command("kek", *args)

    return run


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Wagtail caches site root paths; a rolled-back test must not leave its sites behind."""
    from django.conf import settings

    if not settings.configured:  # pure-module runs with `-p no:django`
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def remove_defaults() -> None:
    """Remove the preloaded default content (sites, pages, concepts, statistics)."""
    from django.test import override_settings
    from wagtail.models import Site

    from kek.cms.models import DistrictHomePage
    from kek.events.models import Event
    from kek.forums.models import Topic as ForumTopic
    from kek.goals.models import Concept
    from kek.press.models import PressArticle, PressSeries
    from kek.process.models import Phase
    from kek.projects.models import Project
    from kek.proposals.models import ProposalBox
    from kek.statistics.models import ComparisonGroup, ImportBatch, Indicator, Observation, Topic
    from kek.surveys.models import Survey

    # A clean-up, not a change anybody made: writing change records for thousands of
    # cascaded rows made this fixture the slowest part of the suite.
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        Site.objects.all().delete()
        for page in DistrictHomePage.objects.all():
            page.delete()
        Project.objects.all().delete()  # a district's, not a version's: outlives its concepts
        # A district's too (PROTECTed), like its participation.
        for model in (PressArticle, PressSeries, Phase, Event, ForumTopic, ProposalBox, Survey):
            model.objects.all().delete()
        Concept.objects.all().delete()
        Observation.objects.all().delete()
        for model in (ImportBatch, Indicator, Topic, ComparisonGroup):
            model.objects.all().delete()


@pytest.fixture
def without_defaults(db):
    """For a test that builds its own world: the default content is removed inside the test's
    transaction, so the next test finds it again."""
    remove_defaults()


@pytest.fixture(scope="module")
def module_without_defaults(django_db_setup, django_db_blocker):
    """`without_defaults` once for a whole module whose every test builds its own world
    (`pytestmark`). The removal (half a second on PostgreSQL) stays in a transaction that is
    open for the module and rolled back after it; each test's own transaction is a savepoint
    inside it. Not for transactional tests, which must commit."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # type: ignore[attr-defined]  # as TestCase's own, for durable blocks
        outer.__enter__()
        remove_defaults()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def restore_migration_data() -> None:
    """Recreate what data migrations insert, after a transactional test flushed the database
    (flush empties every table; post_migrate brings back only content types and permissions)."""
    from django.core.management import call_command
    from wagtail.models import Page

    from tests.test_database import MIGRATION_DATA

    if not Page.objects.exists():
        call_command("loaddata", str(MIGRATION_DATA), verbosity=0)


@pytest.fixture(autouse=True)
def _migration_data(request):
    """Transactional tests start from a database a previous one may have flushed."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and marker.kwargs.get("transaction", False)
    if transactional or "transactional_db" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        restore_migration_data()


@pytest.fixture
def folder(tmp_path):
    """A copy of the default-content folder data/nordsachsen to damage (load-defaults tests)."""
    import shutil
    from pathlib import Path

    from django.conf import settings

    target = tmp_path / "daten"
    shutil.copytree(Path(settings.BASE_DIR) / "data" / "nordsachsen", target)
    return target
