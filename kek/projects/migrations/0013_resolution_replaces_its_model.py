# The agenda item link that 0012 filled takes the old field's name, and Resolution goes (a
# migration of its own: PostgreSQL does not alter a table with the data changes of the same
# transaction pending).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0012_resolutions_to_agenda_items"),
    ]

    operations = [
        migrations.RemoveField(model_name="project", name="resolution"),
        migrations.RemoveField(model_name="historicalproject", name="resolution"),
        migrations.RenameField(
            model_name="project", old_name="resolution_item", new_name="resolution"
        ),
        migrations.RenameField(
            model_name="historicalproject", old_name="resolution_item", new_name="resolution"
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="resolution",
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="Der Tagesordnungspunkt, in dem das Projekt (oder der Katalog) beschlossen wurde.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="committees.agendaitem", verbose_name="Beschluss"),  # noqa: E501
        ),
        migrations.AlterField(
            model_name="project",
            name="resolution",
            field=models.ForeignKey(blank=True, help_text="Der Tagesordnungspunkt, in dem das Projekt (oder der Katalog) beschlossen wurde.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="committees.agendaitem", verbose_name="Beschluss"),  # noqa: E501
        ),
        migrations.DeleteModel(name="HistoricalResolution"),
        migrations.DeleteModel(name="Resolution"),
    ]
