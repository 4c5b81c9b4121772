"""Convert the BKG VG2500 shapefiles into KEK's region table and web maps.

One-off developer tool. The shapefiles (administrative areas 1:2,500,000, status 2021-09-01,
EPSG:25832, UTF-8 attributes) are only available on developer machines; the outputs are
committed to the repository and are all the application needs at run time::

    .venv/bin/python scripts/convert_vg2500.py /work/shared/data/geo

Inputs (in the given directory):

* ``VG2500_KRS.*`` -- the 400 districts (Kreise, kreisfreie Städte) with ``AGS``, ``GEN``,
  ``BEZ`` and ``NUTS``.
* ``VG2500_LAN.*`` -- the 16 Länder. A Land can have several rows: the ``GF`` attribute
  separates land areas from water areas (coastal waters, Lake Constance). Only the land rows are
  used (``GF`` 4 in the VG250 coding, 9 in this VG2500 release); the water rows are skipped.

Outputs (relative to the repository root, or ``--out-root``):

* ``data/regions/regions.csv`` -- one row for Germany (``DG``), the 16 Länder and the 400
  districts: ``ags,name,level,parent_ags,nuts,kind,area_km2``. Areas are planar areas of the
  ungeneralised VG2500 polygons in EPSG:25832, in km², rounded to two decimals; they cover land
  only (districts contain no water rows, Länder use their land rows). Germany's area is the sum
  of the 16 listed Länder areas.
* ``kek/core/static/geo/kreise.geojson`` -- the 400 districts in WGS84 (EPSG:4326), properties
  ``AGS`` and ``GEN``.
* ``kek/core/static/geo/laender.geojson`` -- the 16 Länder, properties ``AGS`` (two digits) and
  ``GEN``.

Simplification is topology-preserving across features: the district boundaries are split into
shared arcs, all arcs are simplified together (GEOS' topology-preserving simplifier, which keeps
arc end points and prevents arcs from crossing each other), and the districts are rebuilt from
the resulting faces. Neighbouring districts therefore still share their borders exactly (no gaps
or overlaps), and the Länder are dissolved from the simplified districts so that both layers line
up. The tolerance (metres, applied in EPSG:25832) defaults to a value that gives a district file
of roughly 300-700 KB. Coordinates are written with four decimals (about 10 m).

Dev-only dependencies: ``pyshp`` (import ``shapefile``), ``shapely>=2.0``, ``pyproj``; ``numpy``
comes with shapely.

Source and licence of the data: © GeoBasis-DE / BKG (2021), Datenlizenz Deutschland --
Namensnennung -- Version 2.0 (dl-de/by-2-0). Every map drawn from the outputs must show the
attribution "© GeoBasis-DE / BKG (2021)".
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import pyproj
import shapefile  # pyshp
import shapely
from shapely.geometry import mapping, shape

SOURCE_CRS = "EPSG:25832"
TARGET_CRS = "EPSG:4326"

#: ``GF`` values that mark land areas (VG250 coding uses 4, this VG2500 release uses 9).
LAND_GF = {4, 9}

COUNTRY_KEY = "DG"
COUNTRY_NAME = "Deutschland"
COUNTRY_NUTS = "DE"

EXPECTED_DISTRICTS = 400
EXPECTED_STATES = 16

#: Default simplification tolerance in metres (EPSG:25832).
DEFAULT_TOLERANCE_M = 250.0
#: Decimal places of the GeoJSON coordinates (1e-4 degrees is about 7-11 m in Germany).
COORD_DECIMALS = 4

CSV_HEADER = ["ags", "name", "level", "parent_ags", "nuts", "kind", "area_km2"]

REPO_ROOT = Path(__file__).resolve().parent.parent


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read_layer(path: Path) -> list[tuple[dict, shapely.Geometry]]:
    """Return ``(attributes, geometry)`` pairs of a shapefile (without extension)."""
    with shapefile.Reader(str(path), encoding="utf-8") as reader:
        rows = []
        for shape_record in reader.iterShapeRecords():
            geometry = shape(shape_record.shape.__geo_interface__)
            if not geometry.is_valid:
                geometry = polygonal(shapely.make_valid(geometry))
            rows.append((shape_record.record.as_dict(), geometry))
    return rows


def polygonal(geometry: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygonal parts of ``geometry`` (drops stray points and lines)."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [
        part
        for part in shapely.get_parts(geometry)
        if part.geom_type in ("Polygon", "MultiPolygon")
    ]
    return shapely.union_all(parts)


def text(value: object) -> str:
    return str(value).strip() if value is not None else ""


def read_districts(source: Path) -> dict[str, dict]:
    """Districts keyed by their five-digit AGS."""
    districts: dict[str, dict] = {}
    for attrs, geometry in read_layer(source / "VG2500_KRS"):
        ags = text(attrs["AGS"]).zfill(5)
        if ags in districts:
            raise SystemExit(f"duplicate district AGS {ags}")
        districts[ags] = {
            "ags": ags,
            "name": text(attrs["GEN"]),
            "kind": text(attrs["BEZ"]),
            "nuts": text(attrs["NUTS"]),
            "gf": attrs.get("GF"),
            "geometry": geometry,
        }
    if len(districts) != EXPECTED_DISTRICTS:
        raise SystemExit(f"expected {EXPECTED_DISTRICTS} districts, found {len(districts)}")
    if any(len(ags) != 5 or not ags.isdigit() for ags in districts):
        raise SystemExit("district AGS must be five digits")
    water = [ags for ags, d in districts.items() if d["gf"] not in LAND_GF]
    if water:
        raise SystemExit(f"unexpected non-land district rows (GF): {water}")
    return districts


def read_states(source: Path) -> dict[str, dict]:
    """Länder keyed by their two-digit key, from the land rows of VG2500_LAN."""
    states: dict[str, dict] = {}
    skipped = 0
    for attrs, geometry in read_layer(source / "VG2500_LAN"):
        if attrs.get("GF") not in LAND_GF:
            skipped += 1  # water area (coastal waters, Lake Constance)
            continue
        key = text(attrs["AGS"]).zfill(2)
        if key in states:
            raise SystemExit(f"more than one land row for Land {key}")
        states[key] = {
            "ags": key,
            "name": text(attrs["GEN"]),
            "kind": text(attrs["BEZ"]),
            "nuts": text(attrs["NUTS"]),
            "geometry": geometry,
        }
    if sorted(states) != [f"{i:02d}" for i in range(1, EXPECTED_STATES + 1)]:
        raise SystemExit(f"expected Länder 01..16 once each, found {sorted(states)}")
    print(f"VG2500_LAN: {len(states)} land rows used, {skipped} water rows skipped")
    return states


# --------------------------------------------------------------------------------------------
# regions.csv
# --------------------------------------------------------------------------------------------


def area_km2(geometry: shapely.Geometry) -> float:
    """Planar area in km² (geometry in EPSG:25832 metres), rounded to two decimals."""
    return round(geometry.area / 1_000_000, 2)


def build_region_rows(districts: dict[str, dict], states: dict[str, dict]) -> list[dict]:
    rows = []
    by_state: dict[str, float] = defaultdict(float)
    for ags, district in districts.items():
        parent = ags[:2]
        if parent not in states:
            raise SystemExit(f"district {ags} has no Land {parent}")
        by_state[parent] += district["geometry"].area
        rows.append(
            {
                "ags": ags,
                "name": district["name"],
                "level": "district",
                "parent_ags": parent,
                "nuts": district["nuts"],
                "kind": district["kind"],
                "area_km2": area_km2(district["geometry"]),
            }
        )
    state_total = 0.0
    for key, state in states.items():
        area = area_km2(state["geometry"])
        # Cross-check: the districts of a Land tile its land area.
        if abs(by_state[key] / 1_000_000 - area) > 1.0:
            raise SystemExit(
                f"Land {key}: districts cover {by_state[key] / 1e6:.2f} km², "
                f"land row {area:.2f} km²"
            )
        state_total += area
        rows.append(
            {
                "ags": key,
                "name": state["name"],
                "level": "state",
                "parent_ags": COUNTRY_KEY,
                "nuts": state["nuts"],
                "kind": state["kind"],
                "area_km2": area,
            }
        )
    rows.sort(key=lambda row: row["ags"])
    country = {
        "ags": COUNTRY_KEY,
        "name": COUNTRY_NAME,
        "level": "country",
        "parent_ags": "",
        "nuts": COUNTRY_NUTS,
        "kind": "",
        "area_km2": round(state_total, 2),
    }
    return [country, *rows]


def write_regions_csv(rows: list[dict], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_HEADER, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "area_km2": f"{row['area_km2']:.2f}"})


# --------------------------------------------------------------------------------------------
# Simplification with shared borders
# --------------------------------------------------------------------------------------------


def simplify_shared(
    geometries: dict[str, shapely.Geometry], tolerance: float
) -> dict[str, shapely.Geometry]:
    """Simplify a polygon coverage so that neighbours keep identical borders.

    The boundaries are noded and merged into arcs between junctions, all arcs are simplified
    in one topology-preserving pass, the faces are polygonised again and each face goes to the
    original polygon it overlaps most. A feature whose result looks wrong (missing, invalid or
    with a clearly different area) falls back to an individual topology-preserving simplify.
    """
    keys = list(geometries)
    originals = [geometries[key] for key in keys]
    linework = shapely.union_all([geometry.boundary for geometry in originals])
    arcs = shapely.line_merge(linework)
    simplified_arcs = shapely.simplify(arcs, tolerance, preserve_topology=True)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(simplified_arcs)))

    tree = shapely.STRtree(originals)
    assigned: dict[str, list] = defaultdict(list)
    for face in faces:
        candidates = tree.query(face)
        if len(candidates) == 0:
            continue
        overlaps = [face.intersection(originals[i]).area for i in candidates]
        best = int(np.argmax(overlaps))
        # Faces outside the coverage (e.g. a foreign enclave) overlap nothing substantially.
        if overlaps[best] >= 0.5 * face.area:
            assigned[keys[candidates[best]]].append(face)

    result: dict[str, shapely.Geometry] = {}
    fallbacks = []
    for key, original in zip(keys, originals, strict=True):
        parts = assigned.get(key)
        merged = shapely.union_all(parts) if parts else None
        if (
            merged is None
            or merged.is_empty
            or not merged.is_valid
            or abs(merged.area - original.area) > 0.05 * original.area
            or len(shapely.get_parts(merged)) < len(shapely.get_parts(original))
        ):
            fallbacks.append(key)
            merged = original.simplify(tolerance, preserve_topology=True)
        result[key] = polygonal(merged)
    if fallbacks:
        print(f"warning: individual simplification for {len(fallbacks)} features: {fallbacks}")
    return result


# --------------------------------------------------------------------------------------------
# GeoJSON
# --------------------------------------------------------------------------------------------


def to_wgs84(geometry: shapely.Geometry, transformer: pyproj.Transformer) -> shapely.Geometry:
    def project(coords: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometry, project)


def round_geometry(geometry: shapely.Geometry) -> shapely.Geometry:
    """Snap to the output grid, keeping the geometry valid and counter-clockwise (RFC 7946)."""
    grid = 10.0**-COORD_DECIMALS
    snapped = shapely.set_precision(geometry, grid)
    if not snapped.is_valid:
        snapped = shapely.set_precision(shapely.make_valid(snapped), grid)
    snapped = polygonal(snapped)
    return shapely.orient_polygons(snapped, exterior_cw=False)


def rounded_coordinates(value):
    if isinstance(value, (list, tuple)):
        if value and isinstance(value[0], float | int):
            return [round(float(v), COORD_DECIMALS) for v in value[:2]]
        return [rounded_coordinates(v) for v in value]
    return value


def feature_collection(features: list[tuple[dict, shapely.Geometry]]) -> dict:
    out = []
    for properties, geometry in features:
        geo = mapping(geometry)
        out.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {
                    "type": geo["type"],
                    "coordinates": rounded_coordinates(geo["coordinates"]),
                },
            }
        )
    return {"type": "FeatureCollection", "features": out}


def write_geojson(collection: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        json.dump(collection, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n")


def validate_geojson(path: Path, expected: int, key_length: int) -> None:
    """Re-read a written file and check feature count, keys and geometry validity."""
    data = json.loads(path.read_text(encoding="utf-8"))
    features = data["features"]
    if data.get("type") != "FeatureCollection" or len(features) != expected:
        raise SystemExit(f"{path}: expected {expected} features, found {len(features)}")
    keys = [feature["properties"]["AGS"] for feature in features]
    if len(set(keys)) != expected or any(len(key) != key_length for key in keys):
        raise SystemExit(f"{path}: AGS keys are not unique {key_length}-character strings")
    for feature in features:
        if set(feature["properties"]) != {"AGS", "GEN"}:
            raise SystemExit(f"{path}: unexpected properties {feature['properties']}")
        geometry = shape(feature["geometry"])
        if geometry.is_empty or not geometry.is_valid:
            reason = shapely.is_valid_reason(geometry)
            raise SystemExit(f"{path}: invalid geometry for {feature['properties']}: {reason}")
    size_kb = path.stat().st_size / 1024
    print(f"{path}: {len(features)} valid features, {size_kb:.0f} KB")


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="directory with VG2500_KRS.* and VG2500_LAN.*")
    parser.add_argument(
        "--out-root",
        type=Path,
        default=REPO_ROOT,
        help="repository root to write into (default: this repository)",
    )
    parser.add_argument(
        "--tolerance",
        type=float,
        default=DEFAULT_TOLERANCE_M,
        help=f"simplification tolerance in metres (default: {DEFAULT_TOLERANCE_M:g})",
    )
    args = parser.parse_args(argv)

    districts = read_districts(args.source)
    states = read_states(args.source)

    rows = build_region_rows(districts, states)
    csv_path = args.out_root / "data" / "regions" / "regions.csv"
    write_regions_csv(rows, csv_path)
    print(f"{csv_path}: {len(rows)} rows")

    simplified = simplify_shared({k: d["geometry"] for k, d in districts.items()}, args.tolerance)
    state_geometries = {
        key: shapely.union_all([g for ags, g in simplified.items() if ags[:2] == key])
        for key in states
    }

    transformer = pyproj.Transformer.from_crs(SOURCE_CRS, TARGET_CRS, always_xy=True)
    geo_dir = args.out_root / "kek" / "core" / "static" / "geo"

    kreise = [
        (
            {"AGS": ags, "GEN": districts[ags]["name"]},
            round_geometry(to_wgs84(simplified[ags], transformer)),
        )
        for ags in sorted(simplified)
    ]
    laender = [
        (
            {"AGS": key, "GEN": states[key]["name"]},
            round_geometry(to_wgs84(state_geometries[key], transformer)),
        )
        for key in sorted(state_geometries)
    ]
    write_geojson(feature_collection(kreise), geo_dir / "kreise.geojson")
    write_geojson(feature_collection(laender), geo_dir / "laender.geojson")
    validate_geojson(geo_dir / "kreise.geojson", EXPECTED_DISTRICTS, 5)
    validate_geojson(geo_dir / "laender.geojson", EXPECTED_STATES, 2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
