"""The suite's databases are built from the models plus what the migrations add
(tests/test_database.py). They must be what the migrations make: the same tables, columns,
constraints and indexes, and the same rows, as a database of the same kind migrated for real."""

import json
import os

import pytest
from django.db import connection

from tests import test_database

pytestmark = pytest.mark.django_db

# Many-to-many tables Django and Wagtail created before DEFAULT_AUTO_FIELD was BigAutoField:
# on PostgreSQL their migrated `id` is an integer, a table made from the models has a bigint
# (Django never migrates an automatic through table's key). Nothing else may differ.
OLDER_THROUGH_TABLES = {
    "auth_group_permissions", "auth_user_groups", "auth_user_user_permissions",
    "wagtailcore_pageviewrestriction_groups", "wagtailcore_collectionviewrestriction_groups",
    "wagtailcore_groupapprovaltask_groups",
}  # fmt: skip


def without_older_keys(found: dict) -> dict:
    for table in OLDER_THROUGH_TABLES & set(found):
        found[table][0].pop("id")
    return found


def test_it_has_the_tables_columns_and_indexes_of_a_migrated_database(migrated_database):
    migrated = test_database.connect(migrated_database)
    try:
        expected = without_older_keys(test_database.schema(migrated))
    finally:
        migrated.close()
    del expected["django_migrations"]  # the migrations' own record
    built = without_older_keys(test_database.schema(connection))
    assert sorted(built) == sorted(expected)
    differing = [table for table in expected if built[table] != expected[table]]
    assert not differing, {table: (built[table], expected[table]) for table in differing}


def test_it_holds_the_rows_the_migrations_write(migrated_database):
    rows = test_database.dump(migrated_database)
    if os.environ.get("KEK_WRITE_MIGRATION_DATA") == "1":
        test_database.write_migration_data(rows)
    recorded = json.loads(test_database.MIGRATION_DATA.read_text("utf-8"))
    assert rows == recorded, (
        "The migrations write other rows than tests/migration_data.json holds; rewrite it with "
        "KEK_WRITE_MIGRATION_DATA=1 .venv/bin/python -m pytest "
        "tests/core/test_the_test_database_is_migrated.py"
    )


def test_a_database_built_for_the_tests_holds_those_rows():
    from django.contrib.auth.models import Group
    from wagtail.models import Collection, Locale, Page

    from kek.goals.models import SDG

    assert Page.objects.filter(depth=1).count() == 1
    assert Locale.objects.filter(language_code="de").exists() and Collection.objects.exists()
    assert SDG.objects.count() == 17
    names = {row["fields"]["name"] for row in json.loads(test_database.MIGRATION_DATA.read_text())
             if row["model"] == "auth.group"}  # fmt: skip
    assert names <= set(Group.objects.values_list("name", flat=True))
