"""Exports: GeoJSON, GeoPackage and CSV files of claims and control intervals.

Every file is written atomically (a temporary file beside the target, then
``os.replace``): a reader never sees half a file, and a failed write leaves the
previous file as it was. Failures raise :class:`geo.errors.ExportError` naming the file.

Conventions shared by every export (see ``docs/QGIS.md``):

- WGS 84 longitude/latitude, coordinates rounded to 6 decimals (~0.1 m).
- Control intervals: ``start`` is the first held day; ``end`` is **exclusive**, the
  first day the holder no longer held the place, so QGIS's temporal filter
  (``start <= t < end``) shows a feature on its last held day; ``last_day`` is that
  inclusive last held day (``Interval.end``, what ``geo asof`` uses). Neither is ever
  null: an interval still open at the build's ``--to`` date (no end yet, or an end
  after it) has ``last_day = --to``, ``end = --to + 1 day`` and ``open_end = true``.
- ``sources`` is one string, the distinct sources joined with ``"; "``.
- CSV files are UTF-8 with a byte-order mark (Excel needs it to read Arabic names;
  pandas reads them with ``encoding="utf-8-sig"``, GDAL strips it by itself), and text
  cells that a spreadsheet would run as a formula are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geo._export_records import (
    CLAIM_CSV_FIELDS,
    CLAIM_NUMERIC_FIELDS,
    CONTROL_DATE_FIELDS,
    CONTROL_FIELDS,
    CONTROL_NUMERIC_FIELDS,
    as_date,
    claim_csv_record,
    claim_record,
    clean_number,
    control_records,
    csv_rows,
)
from geo.atomic import atomic_text_writer
from geo.errors import ExportError
from geo.model import Claim, Interval

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

FORMATS = ("geojson", "gpkg", "csv")
LAYERS = ("control", "claims")
CSV_ENCODING = "utf-8-sig"


# -- GeoJSON --------------------------------------------------------------------------------
def _json_value(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return clean_number(value)
    return value


def _feature(record: dict) -> dict:
    lon, lat = record.get("lon"), record.get("lat")
    geometry = None  # RFC 7946 allows a null geometry; better than a made-up point
    if lon is not None and lat is not None:
        geometry = {"type": "Point", "coordinates": [lon, lat]}
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {key: _json_value(value) for key, value in record.items()},
    }


def _write_feature_collection(records: Iterable[dict], path: str | Path) -> Path:
    # RFC 7946: WGS 84 implied, so no "crs" member; [lon, lat] order.
    collection = {"type": "FeatureCollection", "features": [_feature(r) for r in records]}
    with atomic_text_writer(path) as handle:
        json.dump(collection, handle, ensure_ascii=False, allow_nan=False)
        handle.write("\n")
    return Path(path)


def write_claims_geojson(claims: Iterable[Claim], path: str | Path) -> Path:
    """Write one Point feature per claim, with every claim field as a property.

    Parameters
    ----------
    claims : iterable of Claim
    path : str or Path
        The ``.geojson`` file to write (replaced atomically).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        When the file cannot be written.
    """
    return _write_feature_collection((claim_record(c) for c in claims), path)


def write_control_geojson(
    intervals: Iterable[Interval], path: str | Path, date_to: dt.date | str
) -> Path:
    """Write one Point feature per control interval (RFC 7946, WGS 84).

    Properties: place, place_id, lat, lon, admin1, level, actor, status, fraction,
    start, end (exclusive), last_day (inclusive), open_end, sources, n_claims,
    confidence, precision. Dates are ISO ``YYYY-MM-DD`` strings and never null.

    Parameters
    ----------
    intervals : iterable of Interval
    path : str or Path
        The ``.geojson`` file to write (replaced atomically).
    date_to : datetime.date or str
        The build's ``--to`` date: open intervals are held through it.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        When the file cannot be written.
    """
    return _write_feature_collection(control_records(intervals, date_to), path)


# -- CSV ------------------------------------------------------------------------------------
def _write_csv(rows: list[dict], fields: Sequence[str], path: str | Path) -> Path:
    with atomic_text_writer(path, encoding=CSV_ENCODING) as handle:
        writer = csv.DictWriter(handle, fieldnames=list(fields), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return Path(path)


def write_claims_csv(claims: Iterable[Claim], path: str | Path) -> Path:
    """Write claims as an ACLED-style CSV, one row per claim.

    Columns: ``event_date`` (ISO; the first day of a month or year), ``year``,
    ``time_precision`` (1 day, 3 month or year), ``event_type``, ``sub_event_type``
    ("Government regains territory", "Non-state actor overtakes territory",
    "Non-violent transfer of territory", or empty for holdings), ``actor1`` (ACLED-style
    name), ``country``, ``admin1``, ``location``, ``latitude``, ``longitude``,
    ``geo_precision`` (1 town, 2 part of a region, 3 governorate), ``source``, ``notes``
    (the evidence sentence), then every other claim field under its own name.

    Parameters
    ----------
    claims : iterable of Claim
    path : str or Path
        The ``.csv`` file to write (UTF-8 with BOM, replaced atomically).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        When the file cannot be written.
    """
    rows = csv_rows((claim_csv_record(c) for c in claims), CLAIM_NUMERIC_FIELDS)
    return _write_csv(rows, CLAIM_CSV_FIELDS, path)


def write_control_csv(
    intervals: Iterable[Interval], path: str | Path, date_to: dt.date | str
) -> Path:
    """Write control intervals as CSV, with the columns of :func:`write_control_geojson`.

    Parameters
    ----------
    intervals : iterable of Interval
    path : str or Path
        The ``.csv`` file to write (UTF-8 with BOM, replaced atomically).
    date_to : datetime.date or str
        The build's ``--to`` date: open intervals are held through it.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        When the file cannot be written.
    """
    rows = csv_rows(control_records(intervals, date_to), CONTROL_NUMERIC_FIELDS)
    return _write_csv(rows, CONTROL_FIELDS, path)


# -- GeoPackage -----------------------------------------------------------------------------
def write_geopackage(
    claims: Iterable[Claim],
    intervals: Iterable[Interval],
    territory: geopandas.GeoDataFrame | None,
    governorates: geopandas.GeoDataFrame | None,
    path: str | Path,
    date_to: dt.date | str,
) -> Path:
    """Write a GeoPackage with layers ``control``, ``claims``, ``territory`` and
    ``governorates`` (all EPSG:4326; GeoPackage 1.2 so GDAL 3.6 and QGIS 3.22 open it
    without a warning).

    ``control`` has the fields of :func:`write_control_geojson` with ``start``,
    ``end`` and ``last_day`` typed Date; ``claims`` has every claim field plus
    ``event_date`` (Date, the first day of the claim's date); ``territory`` has the
    per-slice polygons of :func:`geo.territory.territory` with ``slice_date`` and
    ``start``/``end`` (Date; ``end`` exclusive: the next slice's date) so it animates
    like ``control``. An empty or missing frame gives an empty layer with that schema.

    Parameters
    ----------
    claims : iterable of Claim
    intervals : iterable of Interval
    territory : geopandas.GeoDataFrame or None
        Columns ``slice_date``, ``actor``, ``geometry`` (others are kept).
    governorates : geopandas.GeoDataFrame or None
        From :func:`gazetteer.boundaries.governorates`.
    path : str or Path
        The ``.gpkg`` file to write (replaced atomically).
    date_to : datetime.date or str
        The build's ``--to`` date: open intervals are held through it.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        When the file cannot be written.
    """
    from geo._export_gpkg import write_layers

    return write_layers(list(claims), list(intervals), territory, governorates, path,
                        as_date(date_to))


# -- dispatch -------------------------------------------------------------------------------
def export(
    fmt: str,
    path: str | Path,
    claims: Sequence[Claim],
    intervals: Sequence[Interval],
    territory: geopandas.GeoDataFrame | None,
    governorates: geopandas.GeoDataFrame | None,
    date_to: dt.date | str,
    *,
    layer: str = "control",
) -> Path:
    """Write one export file (the ``geo export`` command).

    Parameters
    ----------
    fmt : str
        ``geojson``, ``gpkg`` or ``csv``.
    path : str or Path
        The file to write.
    claims, intervals, territory, governorates, date_to
        As for :func:`write_geopackage`.
    layer : str
        For ``geojson`` and ``csv``: ``control`` (one row per interval) or ``claims``
        (one row per claim). A GeoPackage always holds every layer.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        For an unknown format or layer, or when the file cannot be written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"{path}: unknown export format {fmt!r} (use one of {FORMATS})")
    if layer not in LAYERS:
        raise ExportError(f"{path}: unknown layer {layer!r} (use one of {LAYERS})")
    if fmt == "gpkg":
        return write_geopackage(claims, intervals, territory, governorates, path, date_to)
    if fmt == "geojson":
        if layer == "claims":
            return write_claims_geojson(claims, path)
        return write_control_geojson(intervals, path, date_to)
    if layer == "claims":
        return write_claims_csv(claims, path)
    return write_control_csv(intervals, path, date_to)


def write_all(
    out_dir: str | Path,
    claims: Sequence[Claim],
    intervals: Sequence[Interval],
    territory: geopandas.GeoDataFrame | None,
    governorates: geopandas.GeoDataFrame | None,
    date_to: dt.date | str,
) -> list[Path]:
    """Write ``claims.geojson``, ``control.geojson``, ``control.gpkg`` and ``claims.csv``
    into ``out_dir`` (the exports of ``geo build``).

    Returns
    -------
    list of Path
        The files written, in that order.

    Raises
    ------
    ExportError
        When a file cannot be written.
    """
    out = Path(out_dir)
    claims = list(claims)
    intervals = list(intervals)
    return [
        write_claims_geojson(claims, out / "claims.geojson"),
        write_control_geojson(intervals, out / "control.geojson", date_to),
        write_geopackage(claims, intervals, territory, governorates, out / "control.gpkg",
                         date_to),
        write_claims_csv(claims, out / "claims.csv"),
    ]


__all__ = [
    "CONTROL_DATE_FIELDS",
    "CONTROL_FIELDS",
    "export",
    "write_all",
    "write_claims_csv",
    "write_claims_geojson",
    "write_control_csv",
    "write_control_geojson",
    "write_geopackage",
]
