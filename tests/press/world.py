"""Press articles for tests: made in the database with the least the model needs."""

from datetime import date

from kek.press.models import PressArticle, PressSeries


def series(region, title="Testserie", period="Mai 2024", position=9) -> PressSeries:
    return PressSeries.objects.create(region=region, title=title, period=period, position=position)


def article(region, series=None, part=None, title="Testartikel", fields=(), **values):
    values.setdefault("medium", "Testblatt")
    if "period" not in values:
        values.setdefault("first_date", date(2024, 5, 4))
    found = PressArticle.objects.create(
        region=region, series=series, part=part, title=title, **values
    )
    found.fields_of_action.set(fields)
    return found
