"""GeoPackage writer behind :func:`geo.export.write_geopackage`.

Dates are written as Arrow ``date32`` columns through pyogrio with ``use_arrow=True``:
that is the one path on which OGR types them Date (``datetime.date`` objects become
String, ``datetime64`` becomes DateTime). ``VERSION=1.2``: pyogrio's bundled GDAL
would write GeoPackage 1.4, which GDAL 3.6 and QGIS 3.22 warn about.

Each Date that QGIS's Temporal Controller may filter on has a DateTime twin at
midnight, without a time zone (``start_time``, ``end_time``, ``event_time``): QGIS
3.22 compares a Date field with the controller's date-times as text, so
``'2017-10-14' < '2017-10-14T00:00:00'`` holds and a feature starting on the day a
frame ends is drawn one frame early. DateTime fields compare correctly (checked by
tests/test_qgis.py).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from geo._export_records import (
    CONTROL_DATE_FIELDS,
    CONTROL_FIELDS,
    claim_record,
    control_records,
    period_start,
)
from geo.atomic import atomic_path
from geo.model import CLAIM_FIELDS, Claim, Interval

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas

CRS = "EPSG:4326"
GPKG_OPTIONS = {"driver": "GPKG", "engine": "pyogrio", "use_arrow": True, "VERSION": "1.2"}

_FLOAT = ("lat", "lon", "fraction", "confidence")
_INT = ("n_claims",)
_BOOL = ("open_end",)
# DateTime twins of Date fields (see the module docstring), and the Date they copy.
CONTROL_TIMES = {"start_time": "start", "end_time": "end"}


def _column(values: list, name: str, dates: tuple[str, ...],
            times: tuple[str, ...] = ()) -> pandas.Series:
    import pandas as pd
    import pyarrow as pa

    if name in dates:
        return pd.Series(values, dtype=pd.ArrowDtype(pa.date32()))
    if name in times:  # naive: GDAL writes no time zone flag, QGIS reads local midnight
        midnights = [None if v is None else dt.datetime.combine(v, dt.time()) for v in values]
        return pd.Series(midnights, dtype="datetime64[ms]")
    if name in _FLOAT:
        return pd.Series(values, dtype="float64")
    if name in _INT:
        return pd.Series(values, dtype="int64")
    if name in _BOOL:
        return pd.Series(values, dtype="bool")
    # Arrow strings keep the field a String even when every value is null.
    return pd.Series(values, dtype=pd.ArrowDtype(pa.string()))


def _points(records: list[dict], fields: tuple[str, ...], dates: tuple[str, ...],
            times: dict[str, str] | None = None) -> geopandas.GeoDataFrame:
    """A point layer with a fixed schema (also when ``records`` is empty); ``times``
    maps DateTime twin columns to the Date field they copy."""
    import geopandas as gpd

    columns = {name: _column([r[name] for r in records], name, dates) for name in fields}
    for name, source in (times or {}).items():
        columns[name] = _column([r[source] for r in records], name, (), (name,))
    geometry = gpd.points_from_xy(
        [r["lon"] if r["lon"] is not None else float("nan") for r in records],
        [r["lat"] if r["lat"] is not None else float("nan") for r in records],
        crs=CRS,
    )
    return gpd.GeoDataFrame(columns, geometry=geometry, crs=CRS)


def control_frame(intervals: list[Interval], date_to: dt.date) -> geopandas.GeoDataFrame:
    """The ``control`` layer: one point per interval, dates typed Date, plus
    ``start_time``/``end_time`` (DateTime) for QGIS's Temporal Controller."""
    return _points(control_records(intervals, date_to), CONTROL_FIELDS, CONTROL_DATE_FIELDS,
                   CONTROL_TIMES)


def claims_frame(claims: list[Claim]) -> geopandas.GeoDataFrame:
    """The ``claims`` layer: every claim field plus ``event_date`` (Date) and
    ``event_time`` (its DateTime twin)."""
    records = []
    for claim in claims:
        record = claim_record(claim)
        record["event_date"] = period_start(claim.date)
        records.append(record)
    return _points(records, (*CLAIM_FIELDS, "event_date"), ("event_date",),
                   {"event_time": "event_date"})


def _to_multi(geometry):
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry])
    return geometry


def _polygons(frame: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    frame = frame.set_crs(CRS) if frame.crs is None else frame.to_crs(CRS)
    return frame.set_geometry(frame.geometry.apply(_to_multi), crs=CRS)


def _slice_columns(slice_dates: list[dt.date], date_to: dt.date, index) -> dict:
    """``slice_date``, ``start``, ``end`` (Date) and their DateTime twins for a list of
    slice dates: a slice stands until the next one (``end`` exclusive); the last one
    until the day after ``date_to`` (or after itself when it lies beyond ``date_to``)."""
    import pandas as pd

    ordered = sorted(set(slice_dates))
    following = dict(zip(ordered, ordered[1:], strict=False))
    if ordered:
        following[ordered[-1]] = max(date_to, ordered[-1]) + dt.timedelta(days=1)
    ends = [following[d] for d in slice_dates]
    columns = {
        "slice_date": _column(slice_dates, "slice_date", ("slice_date",)),
        "start": _column(slice_dates, "start", ("start",)),
        "end": _column(ends, "end", ("end",)),
        "start_time": _column(slice_dates, "start_time", (), ("start_time",)),
        "end_time": _column(ends, "end_time", (), ("end_time",)),
    }
    return {name: pd.Series(column.array, index=index) for name, column in columns.items()}


def territory_frame(territory: geopandas.GeoDataFrame | None,
                    date_to: dt.date) -> geopandas.GeoDataFrame:
    """The ``territory`` layer: per-slice polygons with ``slice_date``, ``start`` and
    ``end`` typed Date (``end`` exclusive: the next slice's date) and their DateTime
    twins ``start_time``/``end_time``; the caller's other columns are kept."""
    import geopandas as gpd
    import pandas as pd
    import pyarrow as pa

    if territory is None:
        territory = gpd.GeoDataFrame({"slice_date": [], "actor": []},
                                     geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    frame = _polygons(territory.copy())
    for name in frame.columns:
        if name != frame.geometry.name and frame[name].dtype == object and frame.empty:
            # an empty object column has no type; Arrow strings make it a String field
            frame[name] = pd.Series([], dtype=pd.ArrowDtype(pa.string()))
    slice_dates = [pd.Timestamp(v).date() for v in frame["slice_date"]]
    for name, column in _slice_columns(slice_dates, date_to, frame.index).items():
        frame[name] = column
    return frame


def governorates_frame(governorates: geopandas.GeoDataFrame | None) -> geopandas.GeoDataFrame:
    """The ``governorates`` layer (empty, with the boundary file's schema, when None)."""
    import geopandas as gpd
    import pandas as pd
    import pyarrow as pa

    if governorates is None or len(governorates) == 0:
        names = ("admin1_code", "name", "name_ar")
        columns = {n: pd.Series([], dtype=pd.ArrowDtype(pa.string())) for n in names}
        return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries([], crs=CRS), crs=CRS)
    return _polygons(governorates.copy())


def write_layers(
    claims: list[Claim],
    intervals: list[Interval],
    territory: geopandas.GeoDataFrame | None,
    governorates: geopandas.GeoDataFrame | None,
    path: str | Path,
    date_to: dt.date,
) -> Path:
    """Write the four layers into a temporary GeoPackage, then move it onto ``path``."""
    layers = {
        "control": (control_frame(intervals, date_to), "Point"),
        "claims": (claims_frame(claims), "Point"),
        "territory": (territory_frame(territory, date_to), "MultiPolygon"),
        "governorates": (governorates_frame(governorates), "MultiPolygon"),
    }
    with atomic_path(path) as temporary:
        for name, (frame, geometry_type) in layers.items():
            frame.to_file(temporary, layer=name, geometry_type=geometry_type, **GPKG_OPTIONS)
    return Path(path)
