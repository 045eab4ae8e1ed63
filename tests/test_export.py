"""Exports: every file reads back with the same rows and values, dates are never null,
CSV cells cannot run as formulas, and writes are atomic."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from export_samples import (
    DATE_TO,
    FORMULA,
    active_inclusive,
    library_asof,
    sample_claims,
    sample_governorates,
    sample_intervals,
    sample_territory,
)
from hypothesis import given
from hypothesis import strategies as st

from geo import export as ex
from geo._export_records import (
    ACLED_ACTORS,
    CLAIM_CSV_FIELDS,
    FORMULA_PREFIXES,
    claim_csv_record,
    neutralise,
    sub_event_type,
)
from geo.errors import ExportError
from geo.model import CLAIM_FIELDS, Claim

CONTROL_PROPERTIES = [
    "place", "place_id", "lat", "lon", "admin1", "level", "actor", "status", "fraction",
    "start", "end", "last_day", "open_end", "sources", "n_claims", "confidence", "precision",
]


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    """Every export of the sample data, written once."""
    directory = tmp_path_factory.mktemp("export")
    ex.write_all(directory, sample_claims(), sample_intervals(), sample_territory(),
                 sample_governorates(), DATE_TO)
    return directory


def _none_if_nan(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _day(value) -> dt.date:
    return pd.Timestamp(value).date()


def _expected_claim(claim: Claim) -> dict:
    record = claim.to_dict()
    record["lat"], record["lon"] = round(claim.lat, 6), round(claim.lon, 6)
    return record


# -- control.geojson --------------------------------------------------------------------------
def test_control_geojson_is_rfc7946(out):
    raw = json.loads((out / "control.geojson").read_text(encoding="utf-8"))
    assert raw["type"] == "FeatureCollection"
    assert "crs" not in raw
    intervals = sample_intervals()
    assert len(raw["features"]) == len(intervals)
    for feature, interval in zip(raw["features"], intervals, strict=True):
        assert list(feature["properties"]) == CONTROL_PROPERTIES
        lon, lat = feature["geometry"]["coordinates"]
        assert (lon, lat) == (round(interval.lon, 6), round(interval.lat, 6))
        assert feature["properties"]["place_id"] == interval.place_id


def test_control_geojson_round_trip(out):
    frame = gpd.read_file(out / "control.geojson")
    assert frame.crs.to_epsg() == 4326
    intervals = sample_intervals()
    assert len(frame) == len(intervals)
    for row, interval in zip(frame.itertuples(), intervals, strict=True):
        assert (row.place, row.place_id, row.actor, row.status, row.level) == (
            interval.place, interval.place_id, interval.actor, interval.status,
            interval.level)
        assert _none_if_nan(row.admin1) == interval.admin1
        assert _none_if_nan(row.fraction) == interval.fraction
        assert _day(row.start) == interval.start
        assert row.n_claims == interval.n_claims
        assert row.confidence == pytest.approx(interval.confidence)
        assert row.sources == "; ".join(interval.sources)
        assert row.precision == interval.precision
        assert (row.geometry.x, row.geometry.y) == (round(interval.lon, 6),
                                                    round(interval.lat, 6))
    assert frame.loc[0, "sources"] == "Test Wire; Other Daily"


def test_control_dates_never_null_and_open_intervals_end_at_date_to(out):
    frame = gpd.read_file(out / "control.geojson")
    for column in ("start", "end", "last_day"):
        assert frame[column].notna().all(), column
    for row, interval in zip(frame.itertuples(), sample_intervals(), strict=True):
        if interval.end is None:
            assert row.open_end is True or row.open_end == 1
            assert _day(row.last_day) == DATE_TO
        else:
            assert not row.open_end
            assert _day(row.last_day) == interval.end
        # end is exclusive: the first day no longer held
        assert _day(row.end) == _day(row.last_day) + dt.timedelta(days=1)
        assert _day(row.start) <= _day(row.last_day)


def test_open_interval_starting_after_date_to_still_has_valid_dates(tmp_path):
    late = sample_intervals()[0]
    late = type(late)(**{**late.__dict__, "start": DATE_TO + dt.timedelta(days=5)})
    ex.write_control_geojson([late], tmp_path / "c.geojson", DATE_TO)
    props = json.loads((tmp_path / "c.geojson").read_text())["features"][0]["properties"]
    assert props["start"] <= props["last_day"] < props["end"]


def test_interval_closing_after_date_to_is_cut_at_date_to(tmp_path):
    tabqa = sample_intervals()[3]  # closed on 2017-09-30
    ex.write_control_geojson([tabqa], tmp_path / "c.geojson", dt.date(2017, 9, 15))
    props = json.loads((tmp_path / "c.geojson").read_text())["features"][0]["properties"]
    assert (props["last_day"], props["end"], props["open_end"]) == (
        "2017-09-15", "2017-09-16", True)
    ex.write_control_geojson([tabqa], tmp_path / "c.geojson", dt.date(2017, 9, 30))
    props = json.loads((tmp_path / "c.geojson").read_text())["features"][0]["properties"]
    assert (props["last_day"], props["end"], props["open_end"]) == (
        "2017-09-30", "2017-10-01", False)


def test_exclusive_end_agrees_with_library_asof_every_day(out):
    """QGIS's rule on the exported fields (start <= t < end) gives the library's answer
    (start <= t <= Interval.end, open through --to) on every day of the range."""
    frame = gpd.read_file(out / "control.geojson")
    intervals = sample_intervals()
    day = dt.date(2017, 5, 1)
    while day <= DATE_TO + dt.timedelta(days=2):
        exported = {
            (row.place_id, row.actor)
            for row in frame.itertuples()
            if _day(row.start) <= day < _day(row.end)
        }
        assert exported == active_inclusive(intervals, day), day
        day += dt.timedelta(days=1)
    for day in (dt.date(2017, 9, 30), dt.date(2017, 10, 1), dt.date(2017, 10, 14), DATE_TO):
        exported = {(r.place_id, r.actor) for r in frame.itertuples()
                    if _day(r.start) <= day < _day(r.end)}
        assert exported == library_asof(intervals, day), day


# -- claims.geojson ---------------------------------------------------------------------------
def test_claims_geojson_round_trip(out):
    raw = json.loads((out / "claims.geojson").read_text(encoding="utf-8"))
    assert "crs" not in raw
    frame = gpd.read_file(out / "claims.geojson")
    claims = sample_claims()
    assert len(frame) == len(claims)
    assert list(frame.columns[:-1]) == list(CLAIM_FIELDS)
    for row, claim in zip(frame.to_dict("records"), claims, strict=True):
        got = {k: _none_if_nan(row[k]) for k in CLAIM_FIELDS}
        assert got == _expected_claim(claim)
        assert (row["geometry"].x, row["geometry"].y) == (round(claim.lon, 6),
                                                          round(claim.lat, 6))
    # GeoJSON is not a spreadsheet: the evidence is kept as written
    assert frame.loc[0, "evidence"] == FORMULA


# -- GeoPackage -------------------------------------------------------------------------------
def test_geopackage_layers_and_types(out):
    path = out / "control.gpkg"
    layers = dict(pyogrio.list_layers(path))
    assert layers == {"control": "Point", "claims": "Point", "territory": "MultiPolygon",
                      "governorates": "MultiPolygon"}
    control = pyogrio.read_info(path, layer="control")
    types = dict(zip(control["fields"], control["ogr_types"], strict=True))
    assert types["start"] == types["end"] == types["last_day"] == "OFTDate"
    assert types["start_time"] == types["end_time"] == "OFTDateTime"
    assert types["open_end"] == "OFTInteger"
    claims = pyogrio.read_info(path, layer="claims")
    assert list(claims["ogr_types"][-2:]) == ["OFTDate", "OFTDateTime"]
    territory = pyogrio.read_info(path, layer="territory")
    assert dict(zip(territory["fields"], territory["ogr_types"], strict=True))[
        "slice_date"] == "OFTDate"
    for layer in layers:
        assert pyogrio.read_info(path, layer=layer)["crs"] == "EPSG:4326"


def test_geopackage_control_round_trip(out):
    frame = gpd.read_file(out / "control.gpkg", layer="control")
    geojson = gpd.read_file(out / "control.geojson")
    assert list(frame.columns) == [*CONTROL_PROPERTIES, "start_time", "end_time", "geometry"]
    # the DateTime twins for QGIS's Temporal Controller: midnight of start and end
    assert (frame["start_time"] == frame["start"]).all()
    assert (frame["end_time"] == frame["end"]).all()
    pd.testing.assert_frame_equal(
        pd.DataFrame(frame.drop(columns=["geometry", "start_time", "end_time"])).astype(object),
        pd.DataFrame(geojson.drop(columns="geometry")).astype(object),
        check_dtype=False,
    )
    assert frame.geometry.equals(geojson.geometry)


def test_geopackage_claims_round_trip(out):
    frame = gpd.read_file(out / "control.gpkg", layer="claims")
    claims = sample_claims()
    assert len(frame) == len(claims)
    for row, claim in zip(frame.to_dict("records"), claims, strict=True):
        assert {k: _none_if_nan(row[k]) for k in CLAIM_FIELDS} == _expected_claim(claim)
    assert [_day(d) for d in frame["event_date"]] == [
        dt.date(2017, 10, 17), dt.date(2017, 10, 20), dt.date(2017, 10, 14),
        dt.date(2017, 10, 14), dt.date(2017, 5, 1), dt.date(2017, 1, 1),
        dt.date(2017, 9, 20), dt.date(2017, 10, 21), dt.date(2017, 10, 2)]


def test_geopackage_territory_and_governorates(out):
    territory = gpd.read_file(out / "control.gpkg", layer="territory")
    source = sample_territory()
    assert len(territory) == len(source)
    assert list(territory["actor"]) == list(source["actor"])
    assert [_day(d) for d in territory["slice_date"]] == list(source["slice_date"])
    assert [_day(d) for d in territory["start"]] == list(source["slice_date"])
    # a slice stands until the next one; the last until the day after --to
    assert [_day(d) for d in territory["end"]] == [
        dt.date(2017, 10, 15), dt.date(2017, 10, 15), dt.date(2017, 11, 1)]
    assert (territory["end_time"] == territory["end"]).all()
    assert set(territory.geom_type) == {"MultiPolygon"}
    for got, expected in zip(territory.geometry, source.geometry, strict=True):
        assert got.equals(expected)
    governorates = gpd.read_file(out / "control.gpkg", layer="governorates")
    assert list(governorates["admin1_code"]) == ["SY.04", "SY.07"]
    assert list(governorates["name_ar"]) == ["الرقة", "دير الزور"]


def test_geopackage_empty_inputs_give_empty_layers_with_schema(tmp_path):
    empty_territory = sample_territory().iloc[0:0]
    path = ex.write_geopackage([], [], empty_territory, None, tmp_path / "e.gpkg", DATE_TO)
    for layer in ("control", "claims", "territory", "governorates"):
        assert pyogrio.read_info(path, layer=layer)["features"] == 0
    info = pyogrio.read_info(path, layer="territory")
    assert dict(zip(info["fields"], info["ogr_types"], strict=True)) == {
        "slice_date": "OFTDate", "actor": "OFTString", "start": "OFTDate", "end": "OFTDate",
        "start_time": "OFTDateTime", "end_time": "OFTDateTime"}
    info = pyogrio.read_info(path, layer="control")
    assert list(info["fields"]) == [*CONTROL_PROPERTIES, "start_time", "end_time"]
    assert pyogrio.read_info(path, layer="control")["ogr_types"][9] == "OFTDate"
    ex.write_geopackage([], [], None, None, tmp_path / "n.gpkg", "2017-10-31")
    assert pyogrio.read_info(tmp_path / "n.gpkg", layer="territory")["features"] == 0


# -- CSV --------------------------------------------------------------------------------------
def _read_csv(path) -> pd.DataFrame:
    return pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False, dtype=str)


def test_claims_csv_has_bom_and_acled_columns(out):
    raw = (out / "claims.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = _read_csv(out / "claims.csv")
    assert list(frame.columns) == list(CLAIM_CSV_FIELDS)
    assert frame.columns[0] == "event_date"  # the BOM is not part of the name
    assert set(CLAIM_FIELDS) <= set(frame.columns)
    first = frame.iloc[0]
    assert first["event_date"] == "2017-10-17"
    assert first["time_precision"] == "1"
    assert first["actor1"] == "Syrian Democratic Forces"
    assert first["sub_event_type"] == "Non-state actor overtakes territory"
    assert first["location"] == "Raqqa" and first["admin1"] == "Ar-Raqqah"
    assert first["geo_precision"] == "1"
    assert list(frame["time_precision"][4:6]) == ["3", "3"]  # month, year
    assert frame["event_date"][5] == "2017-01-01"
    assert frame["geo_precision"][5] == "3"  # a governorate


def test_claims_csv_round_trip(out):
    frame = pd.read_csv(out / "claims.csv", encoding="utf-8-sig", keep_default_na=False)
    claims = sample_claims()
    assert len(frame) == len(claims)
    for row, claim in zip(frame.to_dict("records"), claims, strict=True):
        expected = _expected_claim(claim)
        for key in CLAIM_FIELDS:
            got = row[key]
            want = expected[key]
            if key == "evidence":
                want = neutralise(want)
                assert row["notes"] == want
            if want is None:
                assert got == "", key
            elif isinstance(want, float):
                assert float(got) == pytest.approx(want), key
            else:
                assert str(got) == str(want), key
        assert float(row["latitude"]) == pytest.approx(expected["lat"])
        assert float(row["longitude"]) == pytest.approx(expected["lon"])
    # Arabic, quotes and line breaks survive
    assert frame.loc[5, "actor_raw"] == "هيئة تحرير الشام"
    assert "\nline two" in frame.loc[5, "evidence"]


def test_claims_csv_reads_as_points_with_gdal(out):
    frame = gpd.read_file(out / "claims.csv", X_POSSIBLE_NAMES="longitude",
                          Y_POSSIBLE_NAMES="latitude", AUTODETECT_TYPE="YES")
    assert len(frame) == len(sample_claims())
    assert frame.columns[0] == "event_date"
    assert frame.geometry.x.round(6).tolist() == [round(c.lon, 6) for c in sample_claims()]


def test_csv_formula_injection_is_neutralised_in_text_columns_only(out):
    frame = _read_csv(out / "claims.csv")
    assert frame.loc[0, "evidence"] == "'" + FORMULA
    assert frame.loc[0, "notes"] == "'" + FORMULA
    assert frame.loc[2, "evidence"].startswith("'+ ")
    assert frame.loc[3, "evidence"].startswith("'@ ")
    assert frame.loc[5, "evidence"].startswith("'- ")
    assert frame.loc[6, "evidence"].startswith("'\t")
    assert frame.loc[8, "evidence"].startswith("'-1 ")
    # a negative longitude is a number, not a formula
    assert frame.loc[8, "longitude"] == "-0.0015"
    assert frame.loc[8, "lon"] == "-0.0015"
    for column in frame.columns:
        for value in frame[column]:
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)


def test_claim_with_an_unreadable_date_keeps_its_row(tmp_path):
    odd = Claim(**{**sample_claims()[0].to_dict(), "date": "2017-13"})
    ex.write_claims_csv([odd], tmp_path / "c.csv")
    row = _read_csv(tmp_path / "c.csv").iloc[0]
    assert (row["event_date"], row["year"], row["date"]) == ("", "", "2017-13")
    ex.write_geopackage([odd], [], None, None, tmp_path / "c.gpkg", DATE_TO)
    frame = gpd.read_file(tmp_path / "c.gpkg", layer="claims")
    assert frame["date"].tolist() == ["2017-13"] and frame["event_date"].isna().all()
    with pytest.raises(ExportError, match="not a YYYY-MM-DD"):
        ex.write_control_geojson([], tmp_path / "x.geojson", "end of October")


def test_control_csv_round_trip(tmp_path):
    path = ex.export("csv", tmp_path / "control.csv", sample_claims(), sample_intervals(),
                     None, None, DATE_TO)
    frame = pd.read_csv(path, encoding="utf-8-sig", keep_default_na=False)
    assert list(frame.columns) == CONTROL_PROPERTIES
    assert len(frame) == len(sample_intervals())
    assert list(frame["end"]) == ["2017-11-01", "2017-10-14", "2017-11-01", "2017-10-01",
                                  "2017-11-01", "2017-10-03"]
    assert list(frame["open_end"]) == [True, False, True, False, True, False]
    assert (frame["start"] != "").all() and (frame["end"] != "").all()


@pytest.mark.parametrize("value", [FORMULA, "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_neutralise_prefixes_formula_cells(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Raqqa", "", " =x", "'=x", 3.5, -1.0, None])
def test_neutralise_leaves_other_cells(value):
    assert neutralise(value) == value


@given(st.text())
def test_neutralised_text_never_starts_a_formula(text):
    result = neutralise(text)
    assert result in (text, "'" + text)
    assert not str(result).startswith(FORMULA_PREFIXES)


# -- ACLED mapping ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("actor", "status", "evidence", "expected"),
    [
        ("government", "captured", "The army took the town.", "Government regains territory"),
        ("sdf", "captured", "The SDF took the town.", "Non-state actor overtakes territory"),
        ("turkey", "captured", "Turkish-backed forces took it.",
         "Non-state actor overtakes territory"),
        ("isis", "withdrew", "IS left the town.", "Non-violent transfer of territory"),
        ("government", "captured", "Rebels handed over the town under a deal.",
         "Non-violent transfer of territory"),
        ("unknown", "captured", "Someone took the town.", ""),
        ("government", "controls", "The army holds the town.", ""),
        ("sdf", "besieged", "The SDF besieged the town.", ""),
        ("hts", "contested", "Fighting for the town.", ""),
    ],
)
def test_sub_event_type(actor, status, evidence, expected):
    claim = sample_claims()[0]
    claim = Claim(**{**claim.to_dict(), "actor": actor, "status": status,
                     "evidence": evidence})
    assert sub_event_type(claim)[1] == expected


def test_every_actor_has_an_acled_name():
    from geo.model import ACTORS

    assert set(ACLED_ACTORS) == set(ACTORS)


# -- dispatch, atomicity, errors --------------------------------------------------------------
@pytest.mark.parametrize(
    ("fmt", "layer", "first_field"),
    [("geojson", "control", "place"), ("geojson", "claims", "doc"),
     ("csv", "control", "place"), ("csv", "claims", "event_date")],
)
def test_export_dispatches_on_format_and_layer(tmp_path, fmt, layer, first_field):
    path = ex.export(fmt, tmp_path / f"x.{fmt}", sample_claims(), sample_intervals(), None,
                     None, DATE_TO, layer=layer)
    frame = pd.read_csv(path, encoding="utf-8-sig") if fmt == "csv" else gpd.read_file(path)
    assert frame.columns[0] == first_field
    assert len(frame) == len(sample_claims() if layer == "claims" else sample_intervals())


def test_export_gpkg_and_bad_arguments(tmp_path):
    path = ex.export("gpkg", tmp_path / "x.gpkg", sample_claims(), sample_intervals(),
                     sample_territory(), sample_governorates(), DATE_TO, layer="claims")
    assert len(pyogrio.list_layers(path)) == 4
    with pytest.raises(ExportError, match="shapefile"):
        ex.export("shapefile", tmp_path / "x.shp", [], [], None, None, DATE_TO)
    with pytest.raises(ExportError, match="x.csv.*layer"):
        ex.export("csv", tmp_path / "x.csv", [], [], None, None, DATE_TO, layer="places")


def test_write_all_writes_the_four_files(out):
    assert sorted(p.name for p in out.iterdir()) == [
        "claims.csv", "claims.geojson", "control.geojson", "control.gpkg"]


def test_failed_geojson_write_leaves_existing_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "control.geojson"
    target.write_text("previous", encoding="utf-8")

    def broken_dump(obj, handle, **kwargs):
        handle.write('{"type": "FeatureCollection", "features": [')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ex.json, "dump", broken_dump)
    with pytest.raises(ExportError, match="control.geojson"):
        ex.write_control_geojson(sample_intervals(), target, DATE_TO)
    assert target.read_text(encoding="utf-8") == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["control.geojson"]


def test_failed_geopackage_write_leaves_existing_file_and_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "control.gpkg"
    ex.write_geopackage(sample_claims(), sample_intervals(), None, None, target, DATE_TO)
    before = target.read_bytes()
    real_to_file = gpd.GeoDataFrame.to_file

    def to_file(self, filename, layer=None, **kwargs):
        if layer == "territory":  # fail half-way, after two layers were written
            raise RuntimeError("disk full")
        return real_to_file(self, filename, layer=layer, **kwargs)

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", to_file)
    with pytest.raises(ExportError, match=r"control\.gpkg.*disk full"):
        ex.write_geopackage([], [], sample_territory(), None, target, DATE_TO)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["control.gpkg"]


def test_unwritable_target_raises_export_error_naming_it(tmp_path):
    blocker = tmp_path / "not_a_dir"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="not_a_dir/claims.csv"):
        ex.write_claims_csv(sample_claims(), blocker / "claims.csv")
    with pytest.raises(ExportError, match="not_a_dir/control.gpkg"):
        ex.write_geopackage([], [], None, None, blocker / "control.gpkg", DATE_TO)


def test_an_approximate_place_has_acled_geo_precision_two():
    exact = sample_claims()[0]
    near = replace(exact, place="Kharbat Zuwayli", place_id="approx:kharbat-zuwayli")
    assert claim_csv_record(exact)["geo_precision"] == 1
    assert claim_csv_record(near)["geo_precision"] == 2
