"""`kek import-boundaries FILE`: municipal outlines from a GeoJSON file, matched by key (AGS,
or the regional key ARS), stored per municipality; a bad file is refused whole with a German
message naming file, feature and field, and nothing changes. The shipped outlines of
Nordsachsen are default content and match the municipal keys of the Regionaldatenbank."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import CommandError

from kek.core.boundaries import read_file
from kek.core.defaults import load_defaults
from kek.regions.models import Region, RegionBoundary

SHIPPED = Path(__file__).parents[2] / "data" / "nordsachsen" / "gemeinden.geojson"
SQUARE = [[13.0, 51.0], [13.1, 51.0], [13.1, 51.1], [13.0, 51.1], [13.0, 51.0]]


def feature(properties: dict, coordinates=None, kind="Polygon") -> dict:
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": kind, "coordinates": [SQUARE] if coordinates is None else coordinates},
    }


def write(tmp_path: Path, features: list, name="grenzen.geojson", **members) -> Path:
    path = tmp_path / name
    path.write_text(
        json.dumps({"type": "FeatureCollection", **members, "features": features}),
        encoding="utf-8",
    )
    return path


def rows() -> list[tuple]:
    return list(RegionBoundary.objects.values_list("ags", "name", "geometry", "source"))


@pytest.mark.django_db
def test_a_good_file_is_stored_by_key_and_a_second_run_changes_nothing(
    kek, tmp_path, capsys, nordsachsen
):
    shifted = [[[x + 0.5, y] for x, y in SQUARE]]
    path = write(
        tmp_path,
        [
            feature({"AGS": "14521010", "GEN": "Adorf/Vogtl."}),
            feature({"ARS": "145215230020", "GEN": "Annaberg-Buchholz"}, [shifted], "MultiPolygon"),
            feature({"ags": 1001000, "name": "Flensburg"}),  # a number lost its leading zero
        ],
        attribution="© GeoBasis-DE / BKG (2024)",
    )
    kek("import-boundaries", str(path))
    assert "grenzen.geojson: 3 Gemeindegrenzen neu, 0 geändert, 0 unverändert." in (
        capsys.readouterr().out
    )
    stored = {row.ags: row for row in RegionBoundary.objects.filter(file_name=path.name)}
    assert sorted(stored) == ["01001000", "14521010", "14521020"]  # ARS 14521 5230 020 → AGS
    assert stored["14521010"].name == "Adorf/Vogtl."
    assert stored["14521010"].geometry == {"type": "Polygon", "coordinates": [SQUARE]}
    assert stored["14521020"].geometry["type"] == "MultiPolygon"
    assert {row.source for row in stored.values()} == {"© GeoBasis-DE / BKG (2024)"}
    assert RegionBoundary.objects.filter(ags__startswith="14730").count() == 30  # untouched

    kek("import-boundaries", str(path))
    assert "0 Gemeindegrenzen neu, 0 geändert, 3 unverändert." in capsys.readouterr().out


@pytest.mark.django_db
def test_a_district_option_loads_only_its_municipalities_and_dry_run_writes_nothing(
    kek, tmp_path, capsys, nordsachsen
):
    eilenburg = [[[round(x - 0.5, 4), y] for x, y in SQUARE]]
    path = write(
        tmp_path,
        [feature({"AGS": "14730110", "GEN": "Eilenburg"}, eilenburg), feature({"AGS": "14521010"})],
    )
    before = rows()
    note = ["--attribution", "© GeoBasis-DE / BKG (2025)"]
    kek("import-boundaries", "--district", "14730", "--dry-run", *note, str(path))
    out = capsys.readouterr().out
    assert out.startswith("Probelauf, nichts wurde gespeichert – grenzen.geojson: ")
    assert "0 Gemeindegrenzen neu, 1 geändert, 0 unverändert, 1 außerhalb des Kreises" in out
    assert rows() == before

    kek("import-boundaries", "--district", "14730", *note, str(path))
    changed = RegionBoundary.objects.get(ags="14730110")
    assert changed.geometry["coordinates"] == eilenburg
    assert changed.source == "© GeoBasis-DE / BKG (2025)"
    assert not RegionBoundary.objects.filter(ags="14521010").exists()
    with pytest.raises(CommandError, match="Einen Landkreis mit dem Schlüssel 99999 gibt es nicht"):
        kek("import-boundaries", "--district", "99999", *note, str(path))


GOOD = feature({"AGS": "14730110", "GEN": "Eilenburg"})  # would change the shipped outline


def collection(*features, **members) -> str:
    body = {"type": "FeatureCollection", "attribution": "© Quelle", **members}
    return json.dumps({**body, "features": list(features)})


BAD_FILES = {
    "not-json": ('{"type": "FeatureCollection",\n  "features": [', "Zeile 2, Spalte", ""),
    "no-collection": (json.dumps(GOOD), "", "type"),
    "empty": (collection(), "", "features"),
    "no-attribution": (json.dumps({"type": "FeatureCollection", "features": [GOOD]}), "", ""),
    "no-key": (collection(GOOD, feature({"GEN": "Ohne"})), "Fläche 2", "AGS"),
    "short-key": (collection(GOOD, feature({"AGS": "1473011"})), "Fläche 2", "AGS"),
    "district-key": (collection(GOOD, feature({"AGS": "14730"})), "Fläche 2", "AGS"),
    "bad-ars": (collection(GOOD, feature({"ARS": "14730110"})), "Fläche 2", "ARS"),
    "duplicate": (collection(GOOD, GOOD), "Fläche 2 (Schlüssel 14730110)", "AGS"),
    "point": (
        collection(GOOD, {**feature({"AGS": "14730120"}), "geometry": {"type": "Point"}}),
        "Fläche 2 (Schlüssel 14730120)",
        "geometry",
    ),
    "no-geometry": (
        collection(GOOD, {**feature({"AGS": "14730120"}), "geometry": None}),
        "Fläche 2 (Schlüssel 14730120)",
        "geometry",
    ),
    "projected": (
        collection(GOOD, feature({"AGS": "14730120"}, [[[330000.0, 5700000.0]] * 4])),
        "Fläche 2 (Schlüssel 14730120)",
        "geometry",
    ),
    "open-ring": (
        collection(GOOD, feature({"AGS": "14730120"}, [SQUARE[:-1] + [[13.05, 51.05]]])),
        "Fläche 2 (Schlüssel 14730120)",
        "geometry",
    ),
    "short-ring": (
        collection(GOOD, feature({"AGS": "14730120"}, [SQUARE[:3]])),
        "Fläche 2 (Schlüssel 14730120)",
        "geometry",
    ),
    "text-coordinates": (
        collection(GOOD, feature({"AGS": "14730120"}, [[["13", "51"]] * 4])),
        "Fläche 2 (Schlüssel 14730120)",
        "geometry",
    ),
}
MESSAGES = {
    "not-json": "Kein gültiges GeoJSON",
    "no-collection": "Erwartet wird eine GeoJSON-FeatureCollection",
    "empty": "Die Datei enthält keine Flächen.",
    "no-attribution": "Der Quellenvermerk fehlt",
    "no-key": "Der Gemeindeschlüssel fehlt (Eigenschaft AGS, ags oder ARS).",
    "short-key": "„1473011“ ist kein achtstelliger Gemeindeschlüssel",
    "district-key": "„14730“ ist kein achtstelliger Gemeindeschlüssel",
    "bad-ars": "„14730110“ ist kein zwölfstelliger Regionalschlüssel",
    "duplicate": "Der Schlüssel 14730110 steht schon in Fläche 1.",
    "point": "Erwartet wird ein Polygon oder MultiPolygon, nicht „Point“.",
    "no-geometry": "Die Fläche (geometry) fehlt.",
    "projected": "liegt nicht in WGS84",
    "open-ring": "Umring 1 ist nicht geschlossen",
    "short-ring": "Umring 1 hat weniger als vier Punkte",
    "text-coordinates": "ist kein Punkt [Längengrad, Breitengrad]",
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_in_german_and_changes_nothing(kek, tmp_path, nordsachsen, case):
    text, where, field = BAD_FILES[case]
    path = tmp_path / f"{case}.geojson"
    path.write_text(text, encoding="utf-8")
    before = rows()
    with pytest.raises(CommandError) as refused:
        kek("import-boundaries", str(path))
    message = str(refused.value)
    assert message.startswith(f"{case}.geojson")
    assert MESSAGES[case] in message
    assert where in message
    if field:
        assert f"Feld {field}: " in message
    assert message.endswith("Nichts wurde geändert.")
    assert rows() == before


@pytest.mark.django_db
def test_a_shapefile_or_a_missing_file_is_refused_with_what_to_do(kek, tmp_path, nordsachsen):
    shapefile = tmp_path / "VG250_GEM.shp"
    shapefile.write_bytes(b"\x00\x00\x27\x0a")
    with pytest.raises(CommandError, match=r"Shapefiles werden nicht gelesen\. .*ogr2ogr"):
        kek("import-boundaries", str(shapefile))
    with pytest.raises(CommandError, match="Die Datei kann nicht gelesen werden"):
        kek("import-boundaries", str(tmp_path / "fehlt.geojson"))


@pytest.mark.django_db
def test_the_shipped_outlines_are_default_content_keyed_like_the_regionaldatenbank(nordsachsen):
    shipped = read_file(SHIPPED)
    assert shipped.attribution == "© GeoBasis-DE / BKG (2016)"
    keys = {b.ags for b in shipped.boundaries}
    assert len(keys) == 30 and all(key.startswith("14730") for key in keys)
    stored = RegionBoundary.objects.filter(ags__in=keys)
    assert stored.count() == 30
    assert set(stored.values_list("source", flat=True)) == {"© GeoBasis-DE / BKG (2016)"}
    # The municipalities of the imported Regionalatlas table: every one that has a value in
    # 2023 has an outline; those without one are the former municipalities (merged by 2013).
    from kek.statistics.models import Observation

    valued = set(
        Observation.objects.filter(indicator__code="AI0111", period="2023", value__isnull=False)
        .filter(region__ags__startswith="14730", region__level=Region.Level.MUNICIPALITY)
        .values_list("region__ags", flat=True)
    )
    assert valued == keys
    names = dict(Region.objects.filter(ags__in=keys).values_list("ags", "name"))
    assert names["14730020"] == "Bad Düben, Stadt" and shipped.boundaries[1].name == "Bad Düben"


@pytest.mark.django_db
def test_loading_the_defaults_again_keeps_outlines_loaded_later(kek, tmp_path, nordsachsen):
    path = write(
        tmp_path,
        [feature({"AGS": "14730110", "GEN": "Eilenburg"})],
        attribution="© Landkreis Nordsachsen",
    )
    kek("import-boundaries", str(path))
    RegionBoundary.objects.filter(ags="14730020").delete()
    loaded = load_defaults()
    assert "Gemeindegrenzen: 1 angelegt, 29 vorhanden (gemeinden.geojson)." in loaded.summaries
    assert RegionBoundary.objects.get(ags="14730110").source == "© Landkreis Nordsachsen"
    assert RegionBoundary.objects.filter(ags__startswith="14730").count() == 30
