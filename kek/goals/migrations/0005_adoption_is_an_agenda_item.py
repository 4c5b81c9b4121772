# A concept version's adoption becomes a link to an agenda item (committees, F19): the field
# comes here, 0006 fills it from the old fields, 0007 removes them (each a migration of its own:
# PostgreSQL does not alter a table with the data changes of the same transaction pending).

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('committees', '0002_agenda_item_key_per_body'),
        ('goals', '0004_publication_review'),
    ]

    operations = [
        migrations.AddField(
            model_name='concept',
            name='adoption',
            field=models.ForeignKey(blank=True, help_text='Der Tagesordnungspunkt, in dem die Version beschlossen wurde.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='adopted_concepts', to='committees.agendaitem', verbose_name='Beschluss'),
        ),
        migrations.AddField(
            model_name='historicalconcept',
            name='adoption',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text='Der Tagesordnungspunkt, in dem die Version beschlossen wurde.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='committees.agendaitem', verbose_name='Beschluss'),
        ),
    ]
