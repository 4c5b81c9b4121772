"""A district's press series survive `kek backup` and `kek restore` into a fresh database:
series, articles with every field, their links to the fields of action and their history."""

import pytest
from django.core.management import call_command

from kek.goals.models import FieldOfAction
from kek.press.models import PressArticle, PressSeries
from kek.regions.models import Region
from tests.conftest import restore_migration_data

FIELDS = ["part", "title", "medium", "first_date", "last_date", "period", "author", "teaser",
          "url", "is_example"]  # fmt: skip


def content() -> list:
    return [
        (
            a.series.title if a.series else "",
            a.series.period if a.series else "",
            *(getattr(a, name) for name in FIELDS),
            sorted(str(f.key) for f in a.fields_of_action.all()),
            a.history.count(),
        )
        for a in PressArticle.objects.select_related("series").order_by("part", "title")
    ]


@pytest.mark.django_db(transaction=True)
def test_press_series_come_back_from_a_backup(nordsachsen, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    found = PressArticle.objects.get(part=1)
    found.fields_of_action.set(FieldOfAction.objects.filter(concept__region=nordsachsen)[:2])
    found.teaser = "Kurz gesagt"
    found.save()
    before = content()
    assert len(before) == 3 and before[0][-2]
    call_command("kek", "backup", "--district", "14730", str(tmp_path / "b.zip"))

    call_command("flush", interactive=False)
    restore_migration_data()
    assert not PressArticle.objects.exists() and not Region.objects.exists()
    call_command("kek", "restore", str(tmp_path / "b.zip"))

    assert content() == before
    assert PressSeries.objects.get().region.ags == "14730"
