"""District boundaries for the choropleth map (shipped VG2500 GeoJSON, see
``kek/core/static/geo/README.md``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

GEOJSON_PATH = Path(__file__).resolve().parents[1] / "core" / "static" / "geo" / "kreise.geojson"
ATTRIBUTION = "© GeoBasis-DE / BKG (2021)"


@cache
def district_features(path: Path = GEOJSON_PATH) -> tuple[dict[str, Any], ...]:
    """The district boundaries (GeoJSON features with properties AGS and GEN), read once and
    wound for d3-geo (see :func:`d3_winding`)."""
    with path.open(encoding="utf-8") as file:
        features = json.load(file)["features"]
    return tuple({**f, "geometry": d3_winding(f["geometry"])} for f in features)


def d3_winding(geometry: dict[str, Any]) -> dict[str, Any]:
    """Polygon rings in the order d3-geo (Vega's geoshape) expects: exterior rings clockwise,
    holes counter-clockwise. RFC 7946 files such as ``kreise.geojson`` use the opposite order,
    which d3 draws as "the whole globe except the district". ``kek/charts.js`` does the same
    for boundaries loaded by URL. Idempotent."""
    if geometry["type"] == "Polygon":
        return {**geometry, "coordinates": _wind_polygon(geometry["coordinates"])}
    if geometry["type"] == "MultiPolygon":
        return {**geometry, "coordinates": [_wind_polygon(p) for p in geometry["coordinates"]]}
    return geometry


def _wind_polygon(rings: list[list[list[float]]]) -> list[list[list[float]]]:
    return [_wind_ring(ring, clockwise=(i == 0)) for i, ring in enumerate(rings)]


def _wind_ring(ring: list[list[float]], *, clockwise: bool) -> list[list[float]]:
    xy = np.asarray(ring, dtype=float)
    twice_area = float(np.sum(xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1]))
    return ring if (twice_area < 0) == clockwise else ring[::-1]
