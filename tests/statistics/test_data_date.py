"""The indicator page says when the data is from (Datenstand: the newest period of the
indicator's values, the table's reference date) and, separately and labelled, when it was
imported (and fetched from the statistics office, if known)."""

import datetime as dt

import pytest
from django.utils import timezone

from kek.regions.models import Region
from kek.statistics.models import ImportBatch, Indicator, Observation

pytestmark = pytest.mark.django_db


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def described(html: str, key: str) -> str:
    item = html.split(f'<dt class="kern-description-list-item__key">{key}</dt>')[1]
    return item.split('<dd class="kern-description-list-item__value">')[1].split("</dd>")[0]


def imported_at(batch: ImportBatch, when: dt.datetime) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(finished_at=when, created_at=when)


def test_it_shows_the_data_date_and_the_import_date_apart(client, nordsachsen):
    batch = Observation.objects.filter(indicator__code="BEVSTD").first().batch
    imported_at(batch, dt.datetime(2026, 12, 2, 9, 30, tzinfo=dt.UTC))
    ImportBatch.objects.filter(pk=batch.pk).update(downloaded_on=dt.date(2026, 11, 28))
    html = page(client, "/daten/indikator/BEVSTD/")
    assert "Datenstand 31.12.2024 · importiert am 02.12.2026" in html
    assert described(html, "Datenstand") == "31.12.2024"
    imported = described(html, "Importiert am")
    assert imported.startswith("02.12.2026 (Datei 12411-01-01-4.ffcsv.csv)")
    assert "von der Statistik abgerufen am 28.11.2026" in imported


def test_it_takes_the_import_date_in_local_time(client, nordsachsen, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    batch = Observation.objects.filter(indicator__code="BEVSTD").first().batch
    imported_at(batch, dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC))  # 00:30 in Berlin
    html = page(client, "/daten/indikator/BEVSTD/")
    assert "importiert am 02.12.2026" in html


def test_the_data_date_is_the_newest_period_of_any_value(client, nordsachsen):
    # A newer period that so far holds only "..." (not yet available) for one district: the
    # table's reference date moves on, the newest value shown stays.
    indicator = Indicator.objects.get(code="BEVSTD")
    batch = indicator.observations.first().batch
    Observation.objects.create(
        indicator=indicator,
        region=Region.objects.get(ags="14729"),
        period="2025-12-31",
        symbol="...",
        batch=batch,
    )
    html = page(client, "/daten/indikator/BEVSTD/")
    assert described(html, "Datenstand") == "31.12.2025"
    assert "Datenstand 31.12.2025 · importiert am" in html


def test_it_shows_the_date_of_municipal_values_too(client, nordsachsen):
    # The Regionalatlas table holds only municipalities: before, the page said "keine Werte"
    # and no import.
    batch = Observation.objects.filter(indicator__code="AI0111").first().batch
    imported_at(batch, timezone.make_aware(dt.datetime(2026, 3, 5, 12, 0)))
    html = page(client, "/daten/indikator/AI0111/")
    assert "Datenstand 2023 · importiert am 05.03.2026" in html
    assert described(html, "Datenstand") == "2023"
    assert described(html, "Importiert am").startswith("05.03.2026 (Datei AI-N-01-2-5.ffcsv.csv)")
