"""German names, icons and explanations of evaluation results (never colour alone).

One vocabulary per view: the public pages speak in the statuses of the headline method, the
Open SDG progress measure (`HEADLINE_METHOD`). An indicator that the planners rate with
another method (the weather symbols of the German Sustainability Strategy, the trend without
target) is placed in the same statuses by its score, exactly as the roll-up does (SPEC §4,
"Roll-up": the same bands); its own result is shown apart, as one of the "weitere
Bewertungen" (`headline`, `method_of`). `LEGEND` says what each status means.
"""

from dataclasses import dataclass
from typing import Any

from . import methods as m


@dataclass(frozen=True)
class StatusLabel:
    code: str
    text: str
    icon: str  # name of the status icon (an inline SVG, kek/projects/templatetags/catalogue.py)
    tone: str  # KERN badge variant: success, info, warning, danger


LABELS = {
    m.TARGET_ACHIEVED: StatusLabel(m.TARGET_ACHIEVED, "Ziel erreicht", "star", "success"),
    m.ON_TRACK: StatusLabel(m.ON_TRACK, "Auf Kurs", "arrow-up", "success"),
    m.NEEDS_ACCELERATION: StatusLabel(
        m.NEEDS_ACCELERATION, "Beschleunigung nötig", "arrow-up-right", "info"
    ),
    m.LIMITED_PROGRESS: StatusLabel(
        m.LIMITED_PROGRESS, "Geringer Fortschritt", "arrow-right", "warning"
    ),
    m.DETERIORATION: StatusLabel(m.DETERIORATION, "Verschlechterung", "arrow-down", "danger"),
    m.NOT_AVAILABLE: StatusLabel(m.NOT_AVAILABLE, "Keine Bewertung möglich", "dash", "info"),
    m.SUN: StatusLabel(m.SUN, "Sonne", "sun", "success"),
    m.SUN_CLOUD: StatusLabel(m.SUN_CLOUD, "Sonne mit Wolke", "sun-cloud", "info"),
    m.CLOUD: StatusLabel(m.CLOUD, "Wolke", "cloud", "warning"),
    m.THUNDERSTORM: StatusLabel(m.THUNDERSTORM, "Gewitter", "thunderstorm", "danger"),
    m.NOT_RATED: StatusLabel(m.NOT_RATED, "Nicht bewertet", "dash", "info"),
    m.CLEAR_IMPROVEMENT: StatusLabel(
        m.CLEAR_IMPROVEMENT, "Deutliche Verbesserung", "double-up", "success"
    ),
    m.SLIGHT_IMPROVEMENT: StatusLabel(
        m.SLIGHT_IMPROVEMENT, "Leichte Verbesserung", "arrow-up-right", "success"
    ),
    m.STABLE: StatusLabel(m.STABLE, "Stabil", "arrow-right", "info"),
    m.SLIGHT_WORSENING: StatusLabel(
        m.SLIGHT_WORSENING, "Leichte Verschlechterung", "arrow-down-right", "warning"
    ),
    m.CLEAR_WORSENING: StatusLabel(
        m.CLEAR_WORSENING, "Deutliche Verschlechterung", "double-down", "danger"
    ),
}

ROLLUP_STATUSES = [
    m.TARGET_ACHIEVED,
    m.ON_TRACK,
    m.NEEDS_ACCELERATION,
    m.LIMITED_PROGRESS,
    m.DETERIORATION,
    m.NOT_AVAILABLE,
]

# --------------------------------------------------------------------------- headline

HEADLINE_METHOD = m.OPEN_SDG
METHOD_NAMES = {
    m.OPEN_SDG: "Open-SDG-Fortschrittsmaß",
    m.DNS: "Wettersymbole der Deutschen Nachhaltigkeitsstrategie",
    m.TREND: "Trend ohne Zielwert",
}
# The statuses only the other methods give, in their order (not_available is shared).
OTHER_STATUSES = {
    m.DNS: (m.SUN, m.SUN_CLOUD, m.CLOUD, m.THUNDERSTORM, m.NOT_RATED),
    m.TREND: (
        m.CLEAR_IMPROVEMENT,
        m.SLIGHT_IMPROVEMENT,
        m.STABLE,
        m.SLIGHT_WORSENING,
        m.CLEAR_WORSENING,
    ),
}
_OTHER_SCORES = m.DNS_SCORES | m.TREND_SCORES


def headline(status: str) -> str:
    """The status in the headline vocabulary (`ROLLUP_STATUSES`): the headline method's own,
    or, for another method's status, the band of its score (sun 5 → on track, cloud 0 → needs
    acceleration, …), as in the roll-up; not rated → not available."""
    if status in ROLLUP_STATUSES:
        return status
    score = _OTHER_SCORES.get(status)
    if score is None:
        return m.NOT_AVAILABLE
    return str(m.status_from_score([score])[0])


def method_of(status: str) -> str:
    """The method a status belongs to."""
    for method, codes in OTHER_STATUSES.items():
        if status in codes:
            return method
    return HEADLINE_METHOD


def counted_as(status: str) -> list[StatusLabel]:
    """The other methods' statuses that count as headline `status`."""
    return [
        LABELS[code]
        for codes in OTHER_STATUSES.values()
        for code in codes
        if headline(code) == status
    ]


@dataclass(frozen=True)
class LegendEntry:
    label: StatusLabel
    meaning: str
    also: list[StatusLabel]  # the other methods' statuses that count as this one


def _legend() -> list[LegendEntry]:
    high, med, low = m.NO_TARGET_PROFILES[m.DEFAULT_PROFILE]
    t_high, t_med, _ = m.TARGET_THRESHOLDS
    meanings = {
        m.TARGET_ACHIEVED: "Der aktuelle Wert hat den Zielwert erreicht oder übertroffen.",
        m.ON_TRACK: (
            f"Mit Zielwert: Die bisherige jährliche Veränderung beträgt mindestens "
            f"{percent(t_high)} der bis zum Zieljahr nötigen. Ohne Zielwert "
            f"(Standardschwellen): mindestens {percent(high)} im Jahr in die gewünschte "
            "Richtung. Punktwert 2,5 bis 5."
        ),
        m.NEEDS_ACCELERATION: (
            f"Fortschritt, aber langsamer als nötig. Mit Zielwert: "
            f"{percent(t_med)} bis unter {percent(t_high)} der nötigen jährlichen Veränderung. "
            f"Ohne Zielwert (Standardschwellen): {percent(med)} bis unter {percent(high)} im Jahr. "
            "Punktwert 0 bis unter 2,5."
        ),
        m.LIMITED_PROGRESS: (
            f"Kaum Fortschritt in die gewünschte Richtung. Mit Zielwert: weniger als "
            f"{percent(t_med)} der nötigen jährlichen Veränderung. Ohne Zielwert "
            f"(Standardschwellen): {percent(low)} bis unter {percent(med)} im Jahr. "
            "Punktwert −2,5 bis unter 0."
        ),
        m.DETERIORATION: (
            "Der Wert entwickelt sich entgegen der gewünschten Richtung. Punktwert unter −2,5."
        ),
        m.NOT_AVAILABLE: (
            "Es fehlen Werte (etwa Ausgangs- oder aktueller Wert), oder sie lassen keine "
            "Berechnung zu. Zählt nicht in den Punktwert, senkt aber die Datenvollständigkeit."
        ),
    }
    return [LegendEntry(LABELS[code], meanings[code], counted_as(code)) for code in meanings]


def _other_legend() -> list[tuple[str, str, list[tuple[StatusLabel, str]]]]:
    """The other methods: name, how they work, and each status with its meaning."""
    sun, sun_cloud = number(m.DNS_SUN_MISS, 0), number(m.DNS_SUN_CLOUD_MISS, 0)
    clear, slight = percent(m.TREND_CLEAR), percent(m.TREND_SLIGHT)
    dns = {
        m.SUN: f"Ziel erreicht oder um weniger als {sun} % der verbleibenden Lücke verfehlt.",
        m.SUN_CLOUD: f"Ziel um {sun} bis {sun_cloud} % der verbleibenden Lücke verfehlt.",
        m.CLOUD: f"Ziel um mehr als {sun_cloud} % verfehlt, aber in die gewünschte Richtung.",
        m.THUNDERSTORM: "Der Wert entfernt sich vom Ziel.",
        m.NOT_RATED: "Kein Zielwert oder weniger als drei Werte.",
    }
    trend = {
        m.CLEAR_IMPROVEMENT: f"Mehr als {clear} im Jahr in die gewünschte Richtung.",
        m.SLIGHT_IMPROVEMENT: f"{slight} bis {clear} im Jahr in die gewünschte Richtung.",
        m.STABLE: f"Weniger als {slight} Veränderung im Jahr.",
        m.SLIGHT_WORSENING: f"{slight} bis unter {clear} im Jahr gegen die gewünschte Richtung.",
        m.CLEAR_WORSENING: f"{clear} und mehr im Jahr gegen die gewünschte Richtung.",
    }
    return [
        (
            METHOD_NAMES[m.DNS],
            "Der Trend der letzten fünf Jahre wird bis zum Zieljahr fortgeschrieben und mit "
            "dem Zielwert verglichen.",
            [(LABELS[code], text) for code, text in dns.items()],
        ),
        (
            METHOD_NAMES[m.TREND],
            "Die durchschnittliche jährliche Veränderung über den ganzen Zeitraum, ohne Zielwert.",
            [(LABELS[code], text) for code, text in trend.items()],
        ),
    ]


REASONS = {
    m.NO_DATA: "Es liegen keine Werte vor.",
    m.BASE_YEAR_AFTER_LATEST: "Das Ausgangsjahr liegt nach dem letzten Wert.",
    m.OPPOSITE_SIGNS: "Ausgangs- und aktueller Wert haben verschiedene Vorzeichen.",
    m.LESS_THAN_ONE_YEAR: "Zwischen Ausgangs- und aktuellem Wert liegt weniger als ein Jahr.",
    m.TARGET_YEAR_NOT_AFTER_BASE: "Das Zieljahr liegt nicht nach dem Ausgangsjahr.",
    m.TARGET_OPPOSITE_SIGN: "Ausgangs- und Zielwert haben verschiedene Vorzeichen.",
    m.NO_TARGET: "Für Wettersymbole ist ein Zielwert nötig.",
    m.NOT_COMPUTABLE: "Der Wert lässt sich nicht berechnen.",
}


def label_for(status: str) -> StatusLabel:
    return LABELS.get(status, StatusLabel(status, status, "question", "info"))


def number(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    text = f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return text.rstrip("0").rstrip(",") if "," in text else text


def percent(value: Any) -> str:
    return "–" if value is None else f"{number(value * 100, 2)} %"


def explain(result: dict[str, Any]) -> str:
    """How the status was computed, in German, from the stored intermediate numbers."""
    reason = result.get("reason")
    if reason and reason in REASONS and result["status"] in (m.NOT_AVAILABLE, m.NOT_RATED):
        return REASONS[reason]
    method = result["method"]
    if method == m.OPEN_SDG:
        return _explain_open_sdg(result)
    text = _explain_dns(result) if method == m.DNS else _explain_trend(result)
    return f"{text} {counts_as(result['status'])}"


def counts_as(status: str) -> str:
    """Where another method's status stands in the headline statuses, as a sentence."""
    shown = label_for(headline(status)).text
    return f"In der Gesamtbewertung ({METHOD_NAMES[HEADLINE_METHOD]}) zählt das als „{shown}“."


def _explain_open_sdg(r: dict[str, Any]) -> str:
    base = (
        f"Ausgangswert {number(r['base_value'])} ({r['base_year']}), "
        f"aktuell {number(r['current_value'])} ({r['current_year']})"
    )
    if r["status"] == m.TARGET_ACHIEVED:
        return f"{base}; der Zielwert {number(r['target'])} ist erreicht."
    if r.get("target") is not None:
        return (
            f"{base}, Ziel {number(r['target'])} bis {r['target_year']}. Jährliche Veränderung "
            f"bisher {percent(r['cagr_observed'])}, nötig {percent(r['cagr_required'])}; "
            f"Verhältnis {number(r['progress_value'])} (Schwellen 0,95 / 0,6 / 0) → "
            f"{label_for(r['status']).text}. Methode: Open-SDG-Fortschrittsmaß."
        )
    return (
        f"{base}. Jährliche Veränderung in gewünschter Richtung {percent(r['progress_value'])} "
        f"(Schwellen {percent(r['threshold_high'])} / {percent(r['threshold_med'])} / "
        f"{percent(r['threshold_low'])}) → {label_for(r['status']).text}. "
        "Methode: Open-SDG-Fortschrittsmaß ohne Zielwert."
    )


def _explain_dns(r: dict[str, Any]) -> str:
    estimators = {
        "slope": "Kleinste-Quadrate-Steigung",
        "endpoints": "Endpunkte",
        "compound": "jährliche Wachstumsrate",
    }
    return (
        f"Aktuell {number(r['current_value'])} ({r['current_year']}), Ziel {number(r['target'])} "
        f"bis {r['target_year']}. Trend der letzten {r['n_points']} Werte "
        f"({estimators.get(r['estimator'], r['estimator'])}) fortgeschrieben: "
        f"{number(r['projected_value'])} im Zieljahr; Abweichung {number(r['miss_pct'], 1)} % "
        f"der verbleibenden Lücke → {label_for(r['status']).text}. "
        "Methode: Wettersymbole der Deutschen Nachhaltigkeitsstrategie."
    )


def _explain_trend(r: dict[str, Any]) -> str:
    return (
        f"Von {number(r['base_value'])} ({r['base_year']}) auf {number(r['current_value'])} "
        f"({r['current_year']}): jährlich {percent(r['progress_value'])} in gewünschter Richtung "
        f"(Schwellen ±1 % und ±5 %) → {label_for(r['status']).text}. Methode: Trend ohne Zielwert."
    )


LEGEND = _legend()
OTHER_LEGEND = _other_legend()
