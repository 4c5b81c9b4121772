"""What the press article model accepts: a day, a weekend's two days, or an unknown date with
its stated period, never nothing; a series of the same district."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kek.press.models import PressArticle, PressSeries
from kek.regions.models import Region

pytestmark = pytest.mark.django_db


def checked(**values) -> dict:
    region = values.pop("region", None) or Region.objects.get(ags="14730")
    found = PressArticle(region=region, title="T", medium="M", **values)
    try:
        found.full_clean()
    except ValidationError as exc:
        return exc.message_dict
    return {}


def test_an_unknown_date_needs_the_known_period(nordsachsen):
    assert "period" in checked()
    assert checked(period="September/Oktober 2020") == {}
    assert checked(first_date=date(2020, 9, 12)) == {}


def test_the_last_day_follows_the_first(nordsachsen):
    assert checked(first_date=date(2020, 9, 12), last_date=date(2020, 9, 13)) == {}
    assert checked(first_date=date(2020, 9, 13), last_date=date(2020, 9, 12)) == {
        "last_date": ["Der letzte Tag liegt vor dem ersten."]
    }
    assert "last_date" in checked(period="2020", last_date=date(2020, 9, 12))


def test_a_series_of_another_district_is_refused(nordsachsen):
    other = Region.objects.filter(level=Region.Level.DISTRICT).exclude(pk=nordsachsen.pk).first()
    series = PressSeries.objects.create(region=other, title="Fremd")
    assert checked(series=series, period="2020") == {
        "series": ["Diese Presseserie gehört zu einem anderen Landkreis."]
    }


def test_only_web_addresses_are_links(nordsachsen):
    assert "url" in checked(period="2020", url="javascript:alert(1)")
    assert checked(period="2020", url="https://www.example.org/a") == {}


def test_names(nordsachsen):
    found = PressArticle.objects.get(part=2)
    assert str(found).startswith("Teil 2: Was macht")
    assert str(found.series) == "KEK-Presseserie (September–Oktober 2020)"
    assert found.published == "19./20. September 2020"
