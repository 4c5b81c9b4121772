"""A small statistics file for the SWOT tests: one indicator for Nordsachsen, Saxony and
Germany, written in the flat-file CSV format of the Regionaldatenbank and imported through
the real importer."""

from kek.statistics.importer import import_bytes
from kek.statistics.models import ImportBatch, Indicator

HEADER = (
    "statistics_code;statistics_label;time_code;time_label;time;1_variable_code;"
    "1_variable_label;1_variable_attribute_code;1_variable_attribute_label;value;value_unit;"
    "value_variable_code;value_variable_label"
)
LEVELS = {
    "14730": ("KREISE", "Nordsachsen"),
    "14": ("DLAND", "Sachsen"),
    "DG": ("DINSG", "Deutschland"),
}
CODE = "SWOTQ"


def table(values: dict[str, dict[str, str]], code: str = CODE) -> bytes:
    """values: {year: {region key: value}} → file content."""
    lines = [HEADER]
    for year, by_region in values.items():
        for key, value in by_region.items():
            variable, name = LEVELS[key]
            lines.append(
                f"99999;Prüfstatistik;JAHR;Jahr;{year};{variable};Gebiet;{key};{name};"
                f"{value};Prozent;{code};Quote der Prüfstatistik"
            )
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


def import_table(values: dict[str, dict[str, str]], direction: int = 1) -> ImportBatch:
    batch = import_bytes(table(values), "99999-01-01-4.ffcsv.csv")
    Indicator.objects.filter(code=CODE).update(direction=direction)
    return batch


# Nordsachsen 20 % above Saxony and 25 % above Germany: "strength-clearly-better".
AHEAD = {"2023": {"14730": "60", "14": "50", "DG": "48"}}
