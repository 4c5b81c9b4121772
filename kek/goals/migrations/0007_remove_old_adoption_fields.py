# The adoption fields that 0006 carried over into links to agenda items go (a migration of its
# own: PostgreSQL does not alter a table with the data changes of the same transaction pending).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0006_adoptions_to_agenda_items"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='concept',
            name='adopted_by',
        ),
        migrations.RemoveField(
            model_name='concept',
            name='adopted_on',
        ),
        migrations.RemoveField(
            model_name='concept',
            name='resolution_number',
        ),
        migrations.RemoveField(
            model_name='historicalconcept',
            name='adopted_by',
        ),
        migrations.RemoveField(
            model_name='historicalconcept',
            name='adopted_on',
        ),
        migrations.RemoveField(
            model_name='historicalconcept',
            name='resolution_number',
        ),
    ]
