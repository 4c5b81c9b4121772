

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('projects', '0008_measurement_review'),
        ('regions', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalproject',
            name='region',
            field=models.ForeignKey(blank=True, db_constraint=False, limit_choices_to={'level': 'district'}, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='regions.region', verbose_name='Landkreis'),
        ),
        migrations.AlterField(
            model_name='project',
            name='region',
            field=models.ForeignKey(limit_choices_to={'level': 'district'}, on_delete=django.db.models.deletion.PROTECT, related_name='district_projects', to='regions.region', verbose_name='Landkreis'),
        ),
    ]
