"""Territory polygons: Voronoi cells clipped to the border, dissolved per holder;
region-level claims paint governorates."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pytest
import shapely
from shapely.geometry import box

from geo.model import Interval
from geo.slices import state_at
from geo.territory import holder, territory, territory_pieces

# A square "country" of two governorates, west (SY.01) and east (SY.02), near the
# equator so degrees are roughly square.
BORDER = box(0.0, 0.0, 2.0, 1.0)
GOVS = gpd.GeoDataFrame(
    {"admin1_code": ["SY.01", "SY.02"], "name": ["West", "East"], "name_ar": ["", ""]},
    geometry=[box(0.0, 0.0, 1.0, 1.0), box(1.0, 0.0, 2.0, 1.0)],
    crs="EPSG:4326",
)
D1, D2 = dt.date(2017, 6, 1), dt.date(2017, 6, 8)


def interval(place_id, lon, lat, actor, status="controls", *, level="settlement",
             admin1="West", start=D1, end=None, confidence=0.8) -> Interval:
    return Interval(
        place=place_id, place_id=place_id, lat=lat, lon=lon, admin1=admin1, level=level,
        actor=actor, status=status, fraction=None, start=start, end=end,
        confidence=confidence,
    )


def pieces_of(intervals, dates=(D1,), **kwargs):
    return territory_pieces(state_at(intervals, list(dates)), BORDER, GOVS, **kwargs)


def test_cells_are_clipped_to_the_border_and_cover_it_without_reach():
    intervals = [
        interval("a", 0.2, 0.5, "government"),
        interval("b", 0.8, 0.3, "isis"),
        interval("c", 1.7, 0.8, "sdf", admin1="East"),
    ]
    pieces = pieces_of(intervals, reach_km=None)
    assert sorted(pieces["place_id"]) == ["a", "b", "c"]
    assert set(pieces["kind"]) == {"cell"}
    for geom in pieces.geometry:
        assert geom.geom_type in ("Polygon", "MultiPolygon")
        assert BORDER.buffer(1e-9).contains(geom)
    union = shapely.union_all(pieces.geometry.values)
    assert union.area == pytest.approx(BORDER.area, rel=1e-9)
    # Cells do not overlap: their areas add up to the border's.
    assert shapely.area(pieces.geometry.values).sum() == pytest.approx(BORDER.area, rel=1e-9)
    # Each place lies in its own cell.
    for row in pieces.itertuples():
        lon, lat = {"a": (0.2, 0.5), "b": (0.8, 0.3), "c": (1.7, 0.8)}[row.place_id]
        assert row.geometry.contains(shapely.Point(lon, lat))


def test_cells_reach_at_most_reach_km_from_their_place():
    pieces = pieces_of([interval("a", 1.0, 0.5, "government")], reach_km=20.0)
    (geom,) = pieces.geometry
    minx, miny, maxx, maxy = geom.bounds
    # 20 km is about 0.18 degrees at the equator; the lone cell is a disc, not the country.
    assert maxy - 0.5 == pytest.approx(20 / 111.32, rel=0.01)
    assert maxx - 1.0 == pytest.approx(20 / 111.32, rel=0.01)
    assert geom.area < 0.2 * BORDER.area
    unbounded = pieces_of([interval("a", 1.0, 0.5, "government")], reach_km=None)
    assert unbounded.geometry.iloc[0].area == pytest.approx(BORDER.area)


def test_territory_dissolves_cells_per_actor_per_slice():
    intervals = [
        interval("a", 0.2, 0.5, "government"),
        interval("b", 0.6, 0.5, "government"),
        interval("c", 1.5, 0.5, "isis", admin1="East", end=D1),
        interval("c", 1.5, 0.5, "sdf", admin1="East", start=D2),
    ]
    state = state_at(intervals, [D1, D2])
    areas = territory(state, BORDER, GOVS, reach_km=None)
    assert list(areas.columns) == ["slice_date", "actor", "geometry"]
    rows = {(r.slice_date, r.actor): r.geometry for r in areas.itertuples()}
    assert set(rows) == {(D1, "government"), (D1, "isis"), (D2, "government"), (D2, "sdf")}
    # One (multi)polygon per holder: the two government cells merged into one polygon.
    gov = rows[(D1, "government")]
    assert gov.geom_type == "Polygon"
    pieces = territory_pieces(state, BORDER, GOVS, reach_km=None)
    cells = pieces[(pieces["slice_date"] == D1) & (pieces["actor"] == "government")]
    assert len(cells) == 2
    assert gov.equals(shapely.union_all(cells.geometry.values))
    # Same seeds on both slices: the geometry is the same, only the holder changed.
    assert rows[(D1, "isis")].equals(rows[(D2, "sdf")])


def test_unchanged_slices_reuse_the_same_geometry_objects():
    intervals = [interval("a", 0.2, 0.5, "government"), interval("b", 1.5, 0.5, "isis")]
    pieces = pieces_of(intervals, dates=(D1, D2))
    first = pieces[pieces["slice_date"] == D1].set_index("place_id").geometry
    second = pieces[pieces["slice_date"] == D2].set_index("place_id").geometry
    assert all(first[p] is second[p] for p in ("a", "b"))


def test_region_claim_paints_a_governorate_without_known_places():
    intervals = [
        interval("west-town", 0.5, 0.5, "government"),
        interval("adm1:SY.02", 1.5, 0.5, "isis", level="admin1", admin1="East"),
    ]
    pieces = pieces_of(intervals, reach_km=None)
    region = pieces[pieces["kind"] == "region"]
    assert list(region["place_id"]) == ["adm1:SY.02"]
    assert list(region["actor"]) == ["isis"]
    assert region.geometry.iloc[0].equals(GOVS.geometry.iloc[1])
    # The painted governorate is cut out of the western town's cell.
    cell = pieces[pieces["kind"] == "cell"].geometry.iloc[0]
    assert cell.intersection(GOVS.geometry.iloc[1]).area == pytest.approx(0, abs=1e-12)
    assert cell.area == pytest.approx(1.0)


def test_region_claim_yields_to_a_known_place_inside_it():
    intervals = [
        interval("east-town", 1.5, 0.5, "sdf", admin1="East"),
        interval("adm1:SY.02", 1.5, 0.5, "isis", level="admin1", admin1="East"),
    ]
    pieces = pieces_of(intervals, reach_km=None)
    assert list(pieces["kind"]) == ["cell"]
    assert list(pieces["actor"]) == ["sdf"]


def test_region_level_place_paints_the_governorate_it_lies_in():
    intervals = [
        interval("east-countryside", 1.4, 0.4, "opposition", level="region", admin1="East"),
    ]
    pieces = pieces_of(intervals)
    assert list(pieces["kind"]) == ["region"]
    assert pieces.geometry.iloc[0].equals(GOVS.geometry.iloc[1])


def test_withdrew_seeds_nothing_and_contested_has_its_own_holder():
    assert holder("isis", "withdrew") is None
    assert holder("isis", "contested") == "contested"
    assert holder("sdf", "besieged") == "sdf"
    intervals = [
        interval("a", 0.5, 0.5, "isis", "withdrew"),
        interval("b", 1.5, 0.5, "sdf", "contested", admin1="East"),
    ]
    pieces = pieces_of(intervals, reach_km=None)
    assert list(pieces["place_id"]) == ["b"]
    assert list(pieces["actor"]) == ["contested"]
    assert pieces.geometry.iloc[0].area == pytest.approx(BORDER.area)


def test_places_at_the_same_point_share_one_cell():
    intervals = [
        interval("city", 0.5, 0.5, "government"),
        interval("city-centre", 0.50001, 0.5, "government", level="neighbourhood"),
        interval("other", 1.5, 0.5, "isis", admin1="East"),
    ]
    pieces = pieces_of(intervals, reach_km=None)
    assert sorted(pieces["place_id"]) == ["city", "other"]


def test_empty_state_gives_an_empty_frame():
    pieces = pieces_of([])
    assert pieces.empty
    assert list(pieces.columns) == ["slice_date", "place_id", "actor", "kind", "geometry"]
    assert territory(state_at([], [D1]), BORDER, GOVS).empty


def test_real_boundaries_clip_cells_to_syria():
    from gazetteer.boundaries import border, governorates

    syria, govs = border(), governorates()
    intervals = [
        interval("raqqa", 39.01, 35.95, "isis", admin1="Ar-Raqqah"),
        interval("damascus", 36.29, 33.51, "government", admin1="Damascus"),
        # Just outside Natural Earth's border, like some GeoNames points.
        interval("tall-abyad", 38.95, 36.70, "sdf", admin1="Ar-Raqqah"),
    ]
    pieces = territory_pieces(state_at(intervals, [D1]), syria, govs)
    assert len(pieces) == 3
    for geom in pieces.geometry:
        assert syria.buffer(1e-9).contains(geom)
    total = territory_pieces(state_at(intervals, [D1]), syria, govs, reach_km=None)
    assert shapely.union_all(total.geometry.values).area == pytest.approx(syria.area, rel=1e-6)
