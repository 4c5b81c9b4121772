"""Municipal boundaries for the maps: read a GeoJSON file, check it whole, store its outlines
(`kek.regions.models.RegionBoundary`, by municipal key).

Used by `kek import-boundaries FILE` and, for the district's data folder, by
`kek load-defaults` (file `gemeinden.geojson`, or the one `boundaries:` of district.yaml
names). A file is user input: it is read and checked completely first, and a problem gives one
German message naming the file, the feature ("Fläche 3") and the field; nothing is stored
then.

The file is a GeoJSON FeatureCollection in WGS84 (EPSG:4326, RFC 7946). Each feature has the
municipality's eight-digit key in the property ``AGS`` (or ``ags``), or its twelve-digit
regional key in ``ARS`` (or ``ars``), its name in ``GEN`` (or ``gen``, ``name``) and a Polygon
or MultiPolygon. The source note that every map must show (e.g. ``© GeoBasis-DE / BKG
(2024)``) is the collection's member ``attribution`` or is given with the command.
Coordinates are stored rounded to five decimals (about one metre); a file is not simplified
here (see kek/core/static/geo/README.md for how the shipped file was made)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from kek.regions.models import Region, RegionBoundary

from .defaults import folder_file
from .fileio import FileError

DEFAULT_FILE = "gemeinden.geojson"
KEY_FIELDS = ("AGS", "ags", "ARS", "ars")
NAME_FIELDS = ("GEN", "gen", "name", "NAME")
MUNICIPAL_KEY = 8  # digits of a municipality's key (AGS)
REGIONAL_KEY = 12  # digits of a regional key (ARS): Land, RB, Kreis, Verband (4), Gemeinde
DECIMALS = 5
SHAPEFILE_SUFFIXES = {".shp", ".shx", ".dbf", ".zip"}
CONVERT_HINT = (
    "Bitte zuerst in GeoJSON mit WGS84-Koordinaten umwandeln, z. B. "
    "„ogr2ogr -f GeoJSON -t_srs EPSG:4326 gemeinden.geojson VG250_GEM.shp“."
)


@dataclass(frozen=True)
class Boundary:
    ags: str
    name: str
    geometry: dict[str, Any]


@dataclass(frozen=True)
class BoundaryFile:
    """The checked content of a file: its outlines, its source note, what it skipped."""

    name: str
    boundaries: list[Boundary]
    attribution: str
    skipped: int = 0  # features outside the chosen district


@dataclass(frozen=True)
class Loaded:
    added: int
    changed: int
    unchanged: int
    skipped: int

    def summary(self) -> str:
        text = (
            f"{self.added} Gemeindegrenzen neu, {self.changed} geändert, "
            f"{self.unchanged} unverändert"
        )
        return text + (
            f", {self.skipped} außerhalb des Kreises übersprungen" if self.skipped else ""
        )


# ----------------------------------------------------------------------------- reading


def read_file(path: Path, *, district: str = "", attribution: str = "") -> BoundaryFile:
    """The outlines of ``path`` (only those of ``district``'s municipalities, if given), all
    checked; the source note is ``attribution`` or else the file's. Raises FileError."""
    name = path.name
    if path.suffix.lower() in SHAPEFILE_SUFFIXES:
        raise FileError(name, "", "", f"Shapefiles werden nicht gelesen. {CONVERT_HINT}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise FileError(name, "", "", f"Die Datei kann nicht gelesen werden ({exc}).") from None
    except UnicodeDecodeError:
        raise FileError(name, "", "", "Die Datei ist nicht in UTF-8 gespeichert.") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"Zeile {exc.lineno}, Spalte {exc.colno}"
        raise FileError(name, where, "", f"Kein gültiges GeoJSON ({exc.msg}).") from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        problem = 'Erwartet wird eine GeoJSON-FeatureCollection ("type": "FeatureCollection").'
        raise FileError(name, "", "type", problem)
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise FileError(name, "", "features", "Die Datei enthält keine Flächen.")
    note = (attribution or _text(data.get("attribution"))).strip()
    if not note:
        problem = (
            "Der Quellenvermerk fehlt, den jede Karte zeigen muss: mit --attribution angeben "
            '(z. B. „© GeoBasis-DE / BKG (2024)“) oder als "attribution" in der Datei.'
        )
        raise FileError(name, "", "attribution", problem)
    if len(note) > 255:
        raise FileError(name, "", "attribution", "Der Quellenvermerk ist länger als 255 Zeichen.")
    boundaries: list[Boundary] = []
    first_of: dict[str, int] = {}
    skipped = 0
    for number, feature in enumerate(features, start=1):
        boundary = _boundary(name, number, feature)
        if district and not boundary.ags.startswith(district):
            skipped += 1
            continue
        if boundary.ags in first_of:
            problem = (
                f"Der Schlüssel {boundary.ags} steht schon in Fläche {first_of[boundary.ags]}."
            )
            raise FileError(name, _place(number, boundary.ags), "AGS", problem)
        first_of[boundary.ags] = number
        boundaries.append(boundary)
    if not boundaries:
        problem = f"Keine Fläche gehört zum Kreis {district}." if district else "Keine Flächen."
        raise FileError(name, "", "AGS", problem)
    return BoundaryFile(name, boundaries, note, skipped)


def _place(number: int, ags: str = "") -> str:
    return f"Fläche {number}" + (f" (Schlüssel {ags})" if ags else "")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _boundary(file: str, number: int, feature: Any) -> Boundary:
    where = _place(number)
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise FileError(
            file, where, "type", 'Erwartet wird ein GeoJSON-Feature ("type": "Feature").'
        )
    properties = feature.get("properties")
    if not isinstance(properties, dict):
        raise FileError(file, where, "properties", "Die Eigenschaften (properties) fehlen.")
    ags = _key(file, where, properties)
    name = next((_text(properties.get(f)) for f in NAME_FIELDS if _text(properties.get(f))), "")
    if len(name) > 200:
        raise FileError(file, _place(number, ags), "GEN", "Der Name ist länger als 200 Zeichen.")
    geometry = _geometry(file, _place(number, ags), feature.get("geometry"))
    return Boundary(ags, name, geometry)


def _key(file: str, where: str, properties: dict[str, Any]) -> str:
    """The municipality's eight-digit key from AGS (or ags), else from the twelve-digit ARS."""
    field = next((f for f in KEY_FIELDS if properties.get(f) not in (None, "")), None)
    if field is None:
        problem = "Der Gemeindeschlüssel fehlt (Eigenschaft AGS, ags oder ARS)."
        raise FileError(file, where, "AGS", problem)
    value = properties[field]
    regional = field.upper() == "ARS"
    length = REGIONAL_KEY if regional else MUNICIPAL_KEY
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 10**length:
        value = str(value).zfill(length)  # a number lost its leading zero (01… to 09…)
    key = value.strip() if isinstance(value, str) else ""
    if len(key) != length or not key.isdigit():
        kind = "zwölfstelliger Regionalschlüssel" if regional else "achtstelliger Gemeindeschlüssel"
        problem = f"„{value}“ ist kein {kind} (z. B. {'147300000010' if regional else '14730010'})."
        raise FileError(file, where, field, problem)
    return key[:5] + key[9:] if regional else key


def _geometry(file: str, where: str, geometry: Any) -> dict[str, Any]:
    """A Polygon or MultiPolygon with closed rings of WGS84 positions, rounded."""
    if not isinstance(geometry, dict):
        raise FileError(file, where, "geometry", "Die Fläche (geometry) fehlt.")
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        problem = f"Erwartet wird ein Polygon oder MultiPolygon, nicht „{kind}“."
        raise FileError(file, where, "geometry", problem)
    if kind == "Polygon":
        return {"type": kind, "coordinates": _polygon(file, where, coordinates)}
    if not isinstance(coordinates, list) or not coordinates:
        raise FileError(file, where, "geometry", "Das MultiPolygon enthält keine Polygone.")
    return {"type": kind, "coordinates": [_polygon(file, where, p) for p in coordinates]}


def _polygon(file: str, where: str, rings: Any) -> list[list[list[float]]]:
    if not isinstance(rings, list) or not rings:
        raise FileError(file, where, "geometry", "Ein Polygon enthält keinen Umring.")
    return [_ring(file, where, ring, number) for number, ring in enumerate(rings, start=1)]


def _ring(file: str, where: str, ring: Any, number: int) -> list[list[float]]:
    label = f"Umring {number}"
    if not isinstance(ring, list) or len(ring) < 4:
        problem = f"{label} hat weniger als vier Punkte (ein Umring braucht mindestens vier)."
        raise FileError(file, where, "geometry", problem)
    points = [_position(file, where, point, label) for point in ring]
    if points[0] != points[-1]:
        problem = f"{label} ist nicht geschlossen (erster und letzter Punkt verschieden)."
        raise FileError(file, where, "geometry", problem)
    return points


def _position(file: str, where: str, point: Any, label: str) -> list[float]:
    numbers = point[:2] if isinstance(point, list) else []
    if len(numbers) != 2 or not all(
        isinstance(n, int | float) and not isinstance(n, bool) and math.isfinite(n) for n in numbers
    ):
        problem = f"{label}: „{point}“ ist kein Punkt [Längengrad, Breitengrad]."
        raise FileError(file, where, "geometry", problem)
    lon, lat = float(numbers[0]), float(numbers[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        problem = (
            f"{label}: Der Punkt [{numbers[0]}, {numbers[1]}] liegt nicht in WGS84 (Längengrad "
            f"−180 bis 180, Breitengrad −90 bis 90); die Datei ist wohl projiziert (z. B. UTM). "
            f"{CONVERT_HINT}"
        )
        raise FileError(file, where, "geometry", problem)
    return [round(lon, DECIMALS), round(lat, DECIMALS)]


# ----------------------------------------------------------------------------- storing


@transaction.atomic
def store(content: BoundaryFile, *, dry_run: bool = False) -> Loaded:
    """Create or replace the outlines of the file's municipalities (all in one transaction);
    others stay. With ``dry_run`` only the counts, nothing is written."""
    existing = {
        row.ags: row
        for row in RegionBoundary.objects.filter(ags__in=[b.ags for b in content.boundaries])
    }
    added, changed, unchanged = [], [], 0
    for boundary in content.boundaries:
        old = existing.get(boundary.ags)
        if old is None:
            added.append(_row(boundary, content))
        elif (old.name, old.geometry, old.source) != (
            boundary.name,
            boundary.geometry,
            content.attribution,
        ):
            old.name, old.geometry = boundary.name, boundary.geometry
            old.source, old.file_name = content.attribution, content.name[:255]
            changed.append(old)
        else:
            unchanged += 1
    if not dry_run:
        RegionBoundary.objects.bulk_create(added)
        for row in changed:
            row.save()
    return Loaded(len(added), len(changed), unchanged, content.skipped)


def _row(boundary: Boundary, content: BoundaryFile) -> RegionBoundary:
    return RegionBoundary(
        ags=boundary.ags,
        name=boundary.name,
        geometry=boundary.geometry,
        source=content.attribution,
        file_name=content.name[:255],
    )


# ----------------------------------------------------------------------------- default content


def load_default(region: Region, folder: Path, spec: dict[str, Any]) -> str | None:
    """The district's boundaries from its data folder (`boundaries:` of district.yaml, else
    `gemeinden.geojson` if the folder has it): only those missing are added, so outlines
    loaded later with `kek import-boundaries` are never overwritten."""
    path = folder_file(folder, spec, "boundaries", DEFAULT_FILE)
    if path is None:
        return None
    content = read_file(path, district=region.ags)
    present = set(
        RegionBoundary.objects.filter(ags__in=[b.ags for b in content.boundaries]).values_list(
            "ags", flat=True
        )
    )
    missing = [b for b in content.boundaries if b.ags not in present]
    RegionBoundary.objects.bulk_create([_row(b, content) for b in missing])
    return f"Gemeindegrenzen: {len(missing)} angelegt, {len(present)} vorhanden ({path.name})."
