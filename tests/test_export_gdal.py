"""The exports as GDAL's own ``ogrinfo`` sees them: layers, field types, counts, CRS,
and no null dates (GDAL 3.6 drops a GeoJSON row whose date is empty, silently)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from export_samples import (
    DATE_TO,
    active_inclusive,
    sample_claims,
    sample_governorates,
    sample_intervals,
    sample_territory,
)

from geo.export import write_all

pytestmark = pytest.mark.gdal


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    directory = tmp_path_factory.mktemp("export_gdal")
    write_all(directory, sample_claims(), sample_intervals(), sample_territory(),
              sample_governorates(), DATE_TO)
    return directory


def run(ogrinfo: str, *args) -> str:
    """ogrinfo's stdout; fails the test on a non-zero exit or any warning/error."""
    result = subprocess.run([ogrinfo, "-ro", *map(str, args)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Warning" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    return result.stdout


def layers(text: str) -> dict[str, str]:
    """Split ``ogrinfo -so -al`` output into {layer name: its block}."""
    blocks = re.split(r"^Layer name: ", text, flags=re.MULTILINE)[1:]
    return {block.split("\n", 1)[0].strip(): block for block in blocks}


def fields(block: str) -> dict[str, str]:
    return dict(re.findall(r"^(\w+): (\w+(?:\(\w+\))?) \(", block, flags=re.MULTILINE))


def count(block: str) -> int:
    return int(re.search(r"^Feature Count: (\d+)", block, flags=re.MULTILINE).group(1))


def sql_value(ogrinfo: str, path, sql: str) -> int:
    text = run(ogrinfo, "-q", "-sql", sql, path)
    return int(re.search(r"^\s*n \(\w+\) = (\d+)", text, flags=re.MULTILINE).group(1))


def is_wgs84(block: str) -> bool:
    return 'ID["EPSG",4326]' in block


def test_geopackage_layers_types_counts_crs(ogrinfo, out):
    found = layers(run(ogrinfo, "-so", "-al", out / "control.gpkg"))
    assert list(found) == ["control", "claims", "territory", "governorates"]
    control = found["control"]
    assert "Geometry: Point" in control
    assert count(control) == len(sample_intervals())
    types = fields(control)
    assert types["start"] == types["end"] == types["last_day"] == "Date"
    assert types["start_time"] == types["end_time"] == "DateTime"
    assert types["open_end"] == "Integer(Boolean)"
    assert types["n_claims"].startswith("Integer")
    assert types["fraction"] == types["confidence"] == "Real"
    assert types["sources"] == "String"
    assert count(found["claims"]) == len(sample_claims())
    assert fields(found["claims"])["event_date"] == "Date"
    assert fields(found["claims"])["date"] == "String"  # partial dates stay as written
    assert count(found["territory"]) == len(sample_territory())
    assert "Geometry: Multi Polygon" in found["territory"]
    assert fields(found["territory"])["slice_date"] == "Date"
    assert fields(found["territory"])["end_time"] == "DateTime"
    assert count(found["governorates"]) == len(sample_governorates())
    assert all(is_wgs84(block) for block in found.values())


def test_geopackage_has_no_null_dates(ogrinfo, out):
    path = out / "control.gpkg"
    assert sql_value(ogrinfo, path, "SELECT COUNT(*) AS n FROM control") == 6
    assert sql_value(ogrinfo, path, 'SELECT COUNT(*) AS n FROM control '
                                    'WHERE start IS NULL OR "end" IS NULL') == 0
    assert sql_value(ogrinfo, path, 'SELECT COUNT(*) AS n FROM control '
                                    'WHERE open_end = 1 AND last_day <> \'2017-10-31\'') == 0


@pytest.mark.parametrize("day", ["2017-09-30", "2017-10-01", "2017-10-13", "2017-10-14",
                                 "2017-10-31", "2017-11-01"])
def test_geopackage_sql_on_exclusive_end_matches_library(ogrinfo, out, day):
    sql = (f"SELECT COUNT(*) AS n FROM control "
           f"WHERE start <= '{day}' AND \"end\" > '{day}'")
    expected = len(active_inclusive(sample_intervals(), dt.date.fromisoformat(day)))
    assert sql_value(ogrinfo, out / "control.gpkg", sql) == expected


def test_control_geojson_as_gdal_reads_it(ogrinfo, out):
    path = out / "control.geojson"
    found = layers(run(ogrinfo, "-so", "-al", path))
    assert list(found) == ["control"]
    block = found["control"]
    assert count(block) == len(sample_intervals())  # no row lost to a bad date
    assert is_wgs84(block)
    types = fields(block)
    assert types["start"] == types["end"] == types["last_day"] == "Date"
    assert types["open_end"] == "Integer(Boolean)"
    assert types["sources"] == "String"
    assert sql_value(ogrinfo, path, 'SELECT COUNT(*) AS n FROM control '
                                    'WHERE start IS NULL OR "end" IS NULL') == 0
    full = run(ogrinfo, "-al", "-q", path)
    assert full.count("POINT (") == len(sample_intervals())
    assert "POINT (39.007934 35.952841)" in full  # lon lat order, 6 decimals


def test_claims_geojson_as_gdal_reads_it(ogrinfo, out):
    found = layers(run(ogrinfo, "-so", "-al", out / "claims.geojson"))
    block = found["claims"]
    assert count(block) == len(sample_claims())
    assert is_wgs84(block)
    assert list(fields(block))[:3] == ["doc", "place", "place_id"]


def test_claims_csv_as_gdal_reads_it(ogrinfo, out):
    text = run(ogrinfo, "-so", "-al", "-oo", "X_POSSIBLE_NAMES=longitude",
               "-oo", "Y_POSSIBLE_NAMES=latitude", "-oo", "AUTODETECT_TYPE=YES",
               out / "claims.csv")
    block = layers(text)["claims"]
    assert count(block) == len(sample_claims())
    assert "Geometry: Point" in block
    types = fields(block)
    assert list(types)[0] == "event_date"  # the BOM does not leak into the name
    assert types["event_date"] == "Date"
    assert types["latitude"] == types["longitude"] == "Real"
    assert types["notes"] == "String"
