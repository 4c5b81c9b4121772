

import django.db.models.deletion
import simple_history.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0003_history_actor"),
        ("projects", "0003_history_of_all_content"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalproject",
            name="region",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="regions.region",
                verbose_name="Landkreis",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="concepts",
            field=models.ManyToManyField(
                help_text="Eine Fortschreibung übernimmt die Projekte ihrer Vorgängerversion.",
                related_name="projects",
                to="goals.concept",
                verbose_name="In den Katalogen der Versionen",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="district_projects",
                to="regions.region",
                verbose_name="Landkreis",
            ),
        ),
        migrations.AlterField(
            model_name="project",
            name="concept",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="goals.concept",
                verbose_name="Konzeptversion",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalProject_concepts",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
                (
                    "concept",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="goals.concept",
                    ),
                ),
                (
                    "history",
                    models.ForeignKey(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        to="projects.historicalproject",
                    ),
                ),
                (
                    "project",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        db_tablespace="",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="projects.project",
                    ),
                ),
            ],
            options={
                "verbose_name": "HistoricalProject_concepts",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
    ]
