"""Charts and maps of the analysis (F10): Vega-Lite specs built in Python (``specs``), static
SVG/PNG and CSV output (``render``), the ``{% chart %}`` template tag (``templatetags.charts``).

Web pages include ``charts/scripts.html`` (vega, vega-lite, vega-embed served locally and
``kek/charts.js``); without JavaScript the figure still shows its title, text alternative, data
table and CSV link.
"""

from .geo import ATTRIBUTION
from .specs import (
    Chart,
    choropleth,
    comparison_bars,
    distribution,
    district_rows,
    measurement_series,
    municipal_map,
    time_series,
)

__all__ = [
    "ATTRIBUTION",
    "Chart",
    "choropleth",
    "comparison_bars",
    "distribution",
    "district_rows",
    "measurement_series",
    "municipal_map",
    "time_series",
]
