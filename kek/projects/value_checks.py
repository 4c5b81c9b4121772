"""Plausibility of a measured value against its indicator's series, from the database: the
Django side of kek.evaluation.plausibility (issue 11, "Review before publication").

The series is what already counts, the reviewed values ("ok") and the baseline; a value being
corrected is left out of it. The thresholds are the setting KEK_PLAUSIBILITY over the defaults.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from kek.evaluation import plausibility

from .models import Measurement, TargetIndicator


def thresholds() -> plausibility.Thresholds:
    try:
        return plausibility.Thresholds.of(getattr(settings, "KEK_PLAUSIBILITY", None))
    except ValueError as error:
        raise ImproperlyConfigured(str(error)) from error


def findings(
    indicator: TargetIndicator,
    date: dt.date,
    value: float,
    typed: str | None = None,
    replacing: Measurement | None = None,
) -> list[plausibility.Finding]:
    """What is implausible about `value` on `date` (`typed` as the lead wrote it)."""
    measured = indicator.measurements.filter(review=Measurement.Review.OK)
    if replacing is not None and replacing.pk:
        measured = measured.exclude(pk=replacing.pk)
    points = [plausibility.Point(d, v) for d, v in measured.values_list("date", "value")]
    series = plausibility.series_of(points, indicator.baseline_value, indicator.baseline_year)
    facts = plausibility.Indicator(
        unit=indicator.unit,
        baseline=indicator.baseline_value,
        target=indicator.target_value,
        series=series,
    )
    return plausibility.check(value, date, facts, typed, thresholds())
