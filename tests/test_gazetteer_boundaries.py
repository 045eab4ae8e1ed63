"""Governorate polygons and the Syrian border (data/boundaries)."""

from __future__ import annotations

import pytest
from shapely.geometry import Point

from gazetteer import boundaries
from gazetteer.errors import GazetteerDataError

NAMES = {
    "SY.01": "Al-Hasakah",
    "SY.02": "Latakia",
    "SY.03": "Quneitra",
    "SY.04": "Ar-Raqqah",
    "SY.05": "As-Suwayda",
    "SY.06": "Daraa",
    "SY.07": "Dayr az-Zawr",
    "SY.08": "Rif Dimashq",
    "SY.09": "Aleppo",
    "SY.10": "Hama",
    "SY.11": "Homs",
    "SY.12": "Idlib",
    "SY.13": "Damascus",
    "SY.14": "Tartus",
}


def test_governorates_columns_and_names():
    gdf = boundaries.governorates()
    assert {"admin1_code", "name", "name_ar", "name_alt", "geometry"} <= set(gdf.columns)
    assert dict(zip(gdf["admin1_code"], gdf["name"], strict=True)) == NAMES
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.is_valid.all()
    assert gdf.loc[gdf["admin1_code"] == "SY.04", "name_ar"].item() == "الرقة"


@pytest.mark.parametrize(
    ("lat", "lon", "code"),
    [
        (35.95, 39.01, "SY.04"),  # Raqqa
        (35.34, 40.14, "SY.07"),  # Deir ez-Zor
        (36.20, 37.16, "SY.09"),  # Aleppo
        (33.51, 36.29, "SY.13"),  # Damascus
        (33.57, 36.40, "SY.08"),  # Douma, Rif Dimashq
        (33.092, 35.857, "SY.03"),  # in the UNDOF strip, merged into Quneitra
        (34.56, 38.28, "SY.11"),  # Palmyra
    ],
)
def test_points_fall_in_their_governorate(lat, lon, code):
    gdf = boundaries.governorates()
    hit = gdf[gdf.contains(Point(lon, lat))]["admin1_code"].tolist()
    assert hit == [code]


def test_governorates_do_not_overlap_and_fill_the_border():
    gdf = boundaries.governorates()
    union = gdf.union_all() if hasattr(gdf, "union_all") else gdf.unary_union
    border = boundaries.border()
    assert border.symmetric_difference(union).area < 0.001 * border.area
    overlap = sum(
        a.intersection(b).area for i, a in enumerate(gdf.geometry) for b in gdf.geometry[i + 1 :]
    )
    assert overlap < 1e-6


def test_border_contains_syria_not_neighbours():
    b = boundaries.border()
    assert b.geom_type in ("Polygon", "MultiPolygon")
    assert b.contains(Point(38.28, 34.56))  # Palmyra
    assert not b.contains(Point(43.12, 36.34))  # Mosul
    assert not b.contains(Point(35.50, 33.89))  # Beirut


def test_cached_and_copied():
    a, b = boundaries.governorates(), boundaries.governorates()
    assert a is not b
    a.loc[0, "name"] = "changed"
    assert boundaries.governorates().loc[0, "name"] != "changed"
    assert boundaries.border() is boundaries.border()


def test_missing_directory_raises(tmp_path):
    with pytest.raises(GazetteerDataError, match="missing"):
        boundaries.governorates(tmp_path)
    (tmp_path / "syria_border.geojson").write_text("not json", encoding="utf-8")
    with pytest.raises(GazetteerDataError):
        boundaries.border(tmp_path)
