"""German names, symbols and explanations of evaluation results (never colour alone)."""

from dataclasses import dataclass
from typing import Any

from . import methods as m


@dataclass(frozen=True)
class StatusLabel:
    code: str
    text: str
    symbol: str
    tone: str  # KERN badge variant: success, info, warning, danger


LABELS = {
    m.TARGET_ACHIEVED: StatusLabel(m.TARGET_ACHIEVED, "Ziel erreicht", "★", "success"),
    m.ON_TRACK: StatusLabel(m.ON_TRACK, "Auf Kurs", "▲", "success"),
    m.NEEDS_ACCELERATION: StatusLabel(m.NEEDS_ACCELERATION, "Beschleunigung nötig", "►", "info"),
    m.LIMITED_PROGRESS: StatusLabel(m.LIMITED_PROGRESS, "Geringer Fortschritt", "▼", "warning"),
    m.DETERIORATION: StatusLabel(m.DETERIORATION, "Verschlechterung", "✖", "danger"),
    m.NOT_AVAILABLE: StatusLabel(m.NOT_AVAILABLE, "Keine Bewertung möglich", "–", "info"),
    m.SUN: StatusLabel(m.SUN, "Sonne", "☀", "success"),
    m.SUN_CLOUD: StatusLabel(m.SUN_CLOUD, "Sonne mit Wolke", "⛅", "info"),
    m.CLOUD: StatusLabel(m.CLOUD, "Wolke", "☁", "warning"),
    m.THUNDERSTORM: StatusLabel(m.THUNDERSTORM, "Gewitter", "⛈", "danger"),
    m.NOT_RATED: StatusLabel(m.NOT_RATED, "Nicht bewertet", "–", "info"),
    m.CLEAR_IMPROVEMENT: StatusLabel(m.CLEAR_IMPROVEMENT, "Deutliche Verbesserung", "⇈", "success"),
    m.SLIGHT_IMPROVEMENT: StatusLabel(m.SLIGHT_IMPROVEMENT, "Leichte Verbesserung", "↑", "success"),
    m.STABLE: StatusLabel(m.STABLE, "Stabil", "→", "info"),
    m.SLIGHT_WORSENING: StatusLabel(m.SLIGHT_WORSENING, "Leichte Verschlechterung", "↓", "warning"),
    m.CLEAR_WORSENING: StatusLabel(m.CLEAR_WORSENING, "Deutliche Verschlechterung", "⇊", "danger"),
}

ROLLUP_STATUSES = [
    m.TARGET_ACHIEVED,
    m.ON_TRACK,
    m.NEEDS_ACCELERATION,
    m.LIMITED_PROGRESS,
    m.DETERIORATION,
    m.NOT_AVAILABLE,
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
    return LABELS.get(status, StatusLabel(status, status, "?", "info"))


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
    if method == m.DNS:
        return _explain_dns(result)
    return _explain_trend(result)


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
