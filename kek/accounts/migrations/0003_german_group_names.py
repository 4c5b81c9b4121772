"""The role groups get German names in the back office (issue 11): planner → Planung,
admin → Administration; the moderator role of SPEC §1 gets its group, Moderation. Users,
permissions and page rights stay with the renamed group (same row)."""

from django.db import migrations

RENAMES = {"planner": "Planung", "admin": "Administration"}
NEW = ["Moderation"]


def _free(Group, name: str) -> None:
    """A group someone created under the German name keeps its members and rights under
    "<name> (vorher)", so the role's group can take the name."""
    taken = Group.objects.filter(name=name).first()
    if taken is not None:
        taken.name = f"{name} (vorher)"
        taken.save(update_fields=["name"])


def rename(apps, schema_editor, renames=RENAMES) -> None:
    Group = apps.get_model("auth", "Group")
    for old, new in renames.items():
        group = Group.objects.filter(name=old).first()
        if group is None:
            Group.objects.get_or_create(name=new)
            continue
        _free(Group, new)
        group.name = new
        group.save(update_fields=["name"])


def create_groups(apps, schema_editor) -> None:
    """Forward: rename the two roles' groups and create Moderation (also after a flush in
    tests: tests/conftest.py restore_migration_data)."""
    rename(apps, schema_editor)
    Group = apps.get_model("auth", "Group")
    for name in NEW:
        Group.objects.get_or_create(name=name)


def back(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=NEW, user__isnull=True).delete()
    rename(apps, schema_editor, {new: old for old, new in RENAMES.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_signinevent"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, back)]
