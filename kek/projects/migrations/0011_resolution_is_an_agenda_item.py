# A project's resolution becomes a link to an agenda item (committees, F19): the new field
# comes here, 0012 fills it from the Resolution rows, 0013 gives it the old field's name and
# removes Resolution (each a migration of its own: PostgreSQL does not alter a table with the
# data changes of the same transaction pending).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0002_agenda_item_key_per_body"),
        ("projects", "0010_project_drafts"),
    ]

    operations = [
        migrations.AddField(
            model_name="project",
            name="resolution_item",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="committees.agendaitem",
            ),  # fmt: skip
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="resolution_item",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True,
                on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                to="committees.agendaitem",
            ),  # fmt: skip
        ),
    ]
