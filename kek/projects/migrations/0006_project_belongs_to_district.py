

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('goals', '0004_publication_review'),
        ('projects', '0005_projects_across_versions'),
        ('regions', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='project',
            options={'ordering': ['region', 'number'], 'permissions': [('import_catalogue', 'Projektkatalog aus Datei importieren')], 'verbose_name': 'Projekt', 'verbose_name_plural': 'Projekte'},
        ),
        migrations.RemoveConstraint(
            model_name='project',
            name='unique_project_number',
        ),
        migrations.RemoveConstraint(
            model_name='project',
            name='unique_project_slug',
        ),
        migrations.RemoveConstraint(
            model_name='project',
            name='unique_project_key',
        ),
        migrations.RemoveField(
            model_name='historicalproject',
            name='concept',
        ),
        migrations.RemoveField(
            model_name='project',
            name='concept',
        ),
        migrations.AlterField(
            model_name='project',
            name='concepts',
            field=models.ManyToManyField(blank=True, help_text='Eine Fortschreibung übernimmt die Projekte ihrer Vorgängerversion.', related_name='projects', to='goals.concept', verbose_name='In den Katalogen der Versionen'),
        ),
        migrations.AlterField(
            model_name='project',
            name='region',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='district_projects', to='regions.region', verbose_name='Landkreis'),
        ),
        migrations.AddConstraint(
            model_name='project',
            constraint=models.UniqueConstraint(fields=('region', 'number'), name='unique_project_number'),
        ),
        migrations.AddConstraint(
            model_name='project',
            constraint=models.UniqueConstraint(fields=('region', 'slug'), name='unique_project_slug'),
        ),
        migrations.AddConstraint(
            model_name='project',
            constraint=models.UniqueConstraint(fields=('region', 'key'), name='unique_project_key'),
        ),
    ]
