"""Charts of target indicators: measured values with the target line (kek.charts)."""

from dataclasses import dataclass

from kek.charts import Chart, measurement_series
from kek.charts.render import to_csv

from .models import Measurement, TargetIndicator
from .summaries import IndicatorResult


@dataclass
class IndicatorCard(IndicatorResult):
    """An indicator on the project page: result, chart (None without measurements), CSV URL."""

    chart: Chart | None
    csv_url: str

    @property
    def chart_id(self) -> str:
        return f"indikator-{self.indicator.pk}-diagramm"


def measurement_chart(indicator: TargetIndicator) -> Chart | None:
    """The indicator's reviewed measurements (prefetched; one waiting "zur Prüfung" is not
    public yet) and, if it has one, its target line."""
    rows = [
        {"period": m.date.isoformat(), "value": m.value}
        for m in indicator.measurements.all()
        if m.review == Measurement.Review.OK
    ]
    if not rows:
        return None
    values = [row["value"] for row in rows]
    if indicator.target_value is not None:
        values.append(indicator.target_value)
    return measurement_series(
        rows,
        title=indicator.title,
        unit=indicator.unit,
        decimals=decimals_of(values),
        target=indicator.target_value,
        target_period=indicator.target_year,
    )


def decimals_of(values: list[float], most: int = 2) -> int:
    """As many decimal places as the values have, at most `most` (0 for whole numbers)."""
    return next(
        (digits for digits in range(most) if all(round(v, digits) == v for v in values)), most
    )


def csv_of(chart: Chart) -> str:
    return to_csv(chart)
