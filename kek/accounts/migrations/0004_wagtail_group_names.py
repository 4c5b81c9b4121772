"""Wagtail's installation adds two groups with English names, "Moderators" and "Editors"
(page rights on the whole tree); the back office lists them next to the roles' groups, so
they get German names too (issue 11). Their members and rights stay (same rows)."""

from django.db import migrations

RENAMES = {"Moderators": "Seitenfreigabe", "Editors": "Seitenredaktion"}


def rename(apps, schema_editor, renames=RENAMES) -> None:
    Group = apps.get_model("auth", "Group")
    for old, new in renames.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)


def back(apps, schema_editor) -> None:
    rename(apps, schema_editor, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_german_group_names"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(rename, back)]
