from django.db import migrations

# German short titles of the 17 UN Sustainable Development Goals (Bundesregierung).
SDGS = [
    "Keine Armut",
    "Kein Hunger",
    "Gesundheit und Wohlergehen",
    "Hochwertige Bildung",
    "Geschlechtergleichheit",
    "Sauberes Wasser und Sanitäreinrichtungen",
    "Bezahlbare und saubere Energie",
    "Menschenwürdige Arbeit und Wirtschaftswachstum",
    "Industrie, Innovation und Infrastruktur",
    "Weniger Ungleichheiten",
    "Nachhaltige Städte und Gemeinden",
    "Nachhaltige/r Konsum und Produktion",
    "Maßnahmen zum Klimaschutz",
    "Leben unter Wasser",
    "Leben an Land",
    "Frieden, Gerechtigkeit und starke Institutionen",
    "Partnerschaften zur Erreichung der Ziele",
]


def create(apps, schema_editor):
    SDG = apps.get_model("goals", "SDG")
    for number, title in enumerate(SDGS, start=1):
        SDG.objects.update_or_create(number=number, defaults={"title": title})


def remove(apps, schema_editor):
    apps.get_model("goals", "SDG").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("goals", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
