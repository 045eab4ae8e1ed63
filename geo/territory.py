"""Territory polygons per time slice, like the usual control maps.

Each held place (settlement, neighbourhood, crossing or facility) is the seed of a
Voronoi cell; the cells are clipped to Syria's border and, per slice, dissolved by
holder. Each cell is also cut to a disc of ``reach_km`` (default 25 km) around its
place, so that a lone report does not paint half the country: ground farther than
that from every known place stays blank ("no evidence") instead of taking the colour
of a town 200 km away. Pass ``reach_km=None`` for unbounded cells.

Region-level intervals (level ``admin1`` or ``region``) colour a governorate, with one
simple rule:

* A governorate is painted by a region-level holder only when **no held place lies
  inside it** at that slice (settlement evidence is more specific and wins).
* A painted governorate is cut out of every Voronoi cell, so cells of places in
  neighbouring governorates do not spill over it.
* A ``region``-level place (a countryside, a valley) paints the governorate it lies
  in, like an ``admin1`` claim; when several region-level places point at one
  governorate, an ``admin1`` claim wins over a ``region`` one, then the most
  confident.

Status decides whether a place seeds a cell: ``withdrew`` (the actor left; nobody is
known to hold it) seeds nothing; ``contested`` seeds a cell whose holder is
``"contested"``; every other status seeds a cell of its actor (``unknown`` included).
Seeds closer than about 100 m are merged (the first in place_id order keeps the cell).

The result is schematic: a Voronoi cell says "nearest known place", not a front line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import numpy as np
    import pandas
    from shapely.geometry.base import BaseGeometry

SEED_LEVELS = ("settlement", "neighbourhood", "crossing", "facility")
REGION_LEVELS = ("admin1", "region")
CONTESTED = "contested"
GRID = 1e-3  # degrees (~100 m): seeds are snapped to it so nearly equal points merge
REACH_KM = 25.0  # how far a place's cell may extend from it
KM_PER_DEGREE = 111.32  # of latitude; of longitude times cos(latitude)

_COLUMNS = ["slice_date", "actor", "geometry"]
_PIECE_COLUMNS = ["slice_date", "place_id", "actor", "kind", "geometry"]


def holder(actor: str, status: str) -> str | None:
    """Return who a state row paints the map for: the actor, ``contested`` or None."""
    if status == "withdrew":
        return None
    if status == CONTESTED:
        return CONTESTED
    return actor


def territory(
    state: pandas.DataFrame,
    border: BaseGeometry,
    governorates: geopandas.GeoDataFrame,
    *,
    reach_km: float | None = REACH_KM,
) -> geopandas.GeoDataFrame:
    """Dissolved territory per slice and holder.

    Parameters
    ----------
    state : pandas.DataFrame
        Output of :func:`geo.slices.state_at` (columns slice_date, place_id, lat, lon,
        level, actor, status, confidence at least).
    border : shapely Polygon or MultiPolygon
        Syria's border (EPSG:4326).
    governorates : geopandas.GeoDataFrame
        Columns ``admin1_code``, ``name`` and ``geometry`` (EPSG:4326).
    reach_km : float or None
        Largest distance a cell extends from its place (None: no limit).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``slice_date``, ``actor`` (an actor or ``"contested"``) and ``geometry``
        (Polygon or MultiPolygon), one row per slice and holder, EPSG:4326. Slices
        whose state did not change reuse the previous slice's polygons.
    """
    import geopandas as gpd
    import shapely

    pieces = territory_pieces(state, border, governorates, reach_km=reach_km)
    rows: list[tuple] = []
    memo: dict[tuple, list[tuple[str, BaseGeometry]]] = {}
    for slice_date, group in pieces.groupby("slice_date", sort=True):
        # Same geometry objects and holders as an earlier slice: same dissolved result.
        key = tuple(zip(map(id, group.geometry.values), group["actor"], strict=True))
        if key not in memo:
            memo[key] = [
                (actor, shapely.union_all(part.geometry.values))
                for actor, part in group.groupby("actor", sort=True)
            ]
        rows.extend((slice_date, actor, geom) for actor, geom in memo[key])
    frame = gpd.GeoDataFrame(rows, columns=_COLUMNS, geometry="geometry", crs="EPSG:4326")
    return frame


def territory_pieces(
    state: pandas.DataFrame,
    border: BaseGeometry,
    governorates: geopandas.GeoDataFrame,
    *,
    reach_km: float | None = REACH_KM,
) -> geopandas.GeoDataFrame:
    """Undissolved territory: one piece per held place (or painted governorate) per slice.

    The map renderer uses this to ship each piece once with the slices it is valid
    for. Geometry is computed only when a slice's seeds or painted governorates differ
    from every earlier slice; such slices share the same geometry objects.

    Parameters
    ----------
    state, border, governorates, reach_km
        As for :func:`territory`.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``slice_date``, ``place_id`` (the seed, or the region-level place that
        paints a governorate), ``actor`` (holder), ``kind`` (``cell`` or ``region``)
        and ``geometry``.
    """
    import geopandas as gpd
    import numpy as np

    table = _Table.build(state, governorates)
    if table is None:
        return gpd.GeoDataFrame(
            {c: [] for c in _PIECE_COLUMNS[:-1]}, geometry=[], crs="EPSG:4326"
        )[_PIECE_COLUMNS]
    cache: dict[tuple, tuple] = {}
    parts: list[tuple] = []
    lookup = np.full(len(table.place_ids), -1, dtype=np.int64)
    for s in range(len(table.slice_values)):
        rows = slice(table.bounds[s], table.bounds[s + 1])
        places, holders = table.place[rows], table.holder[rows]
        seeds = table.seeds(places)
        patches = table.patches(places, table.confidence[rows], seeds)
        key = (seeds.tobytes(), patches)
        if key not in cache:
            cache[key] = _pieces(table, seeds, patches, border, governorates, reach_km)
        piece_places, kinds, geoms = cache[key]
        lookup[places] = holders
        parts.append((np.full(len(piece_places), s), piece_places, lookup[piece_places],
                      kinds, geoms))
        lookup[places] = -1
    slice_idx, piece_places, piece_holders, kinds, geoms = (
        np.concatenate([p[i] for p in parts]) for i in range(5)
    )
    frame = gpd.GeoDataFrame(
        {
            "slice_date": table.slice_values[slice_idx],
            "place_id": table.place_ids[piece_places],
            "actor": table.holder_names[piece_holders],
            "kind": kinds,
            "geometry": gpd.GeoSeries(geoms, crs="EPSG:4326"),
        },
        geometry="geometry",
    )
    return frame[_PIECE_COLUMNS]


@dataclass
class _Table:
    """State rows as arrays sorted by slice, and each place's fixed attributes.

    Per row: ``place`` (code into ``place_ids``, which are sorted, so code order is
    place_id order), ``holder`` (code into ``holder_names``), ``confidence``. Per place:
    ``is_seed``, ``is_admin1``, ``is_region``, ``coord`` (code of its snapped point),
    ``x``/``y`` (snapped), ``gov`` (admin1 code or None).
    """

    slice_values: np.ndarray
    bounds: np.ndarray
    place: np.ndarray
    holder: np.ndarray
    confidence: np.ndarray
    place_ids: np.ndarray
    holder_names: np.ndarray
    is_seed: np.ndarray
    is_region: np.ndarray
    is_admin1: np.ndarray
    coord: np.ndarray
    x: np.ndarray
    y: np.ndarray
    gov: np.ndarray

    @classmethod
    def build(cls, state: pandas.DataFrame, governorates) -> _Table | None:
        import numpy as np
        import pandas as pd

        if state.empty:
            return None
        actor = state["actor"].astype(str).to_numpy(dtype=object)
        status = state["status"].astype(str).to_numpy(dtype=object)
        hold = np.where(status == CONTESTED, CONTESTED, actor).astype(object)
        keep = status != "withdrew"  # see holder()
        if not keep.any():
            return None
        frame = state.loc[keep]
        slice_codes, slice_values = pd.factorize(frame["slice_date"], sort=True)
        place_codes, place_ids = pd.factorize(frame["place_id"].astype(str), sort=True)
        holder_codes, holder_names = pd.factorize(hold[keep], sort=True)
        order = np.argsort(slice_codes, kind="stable")
        bounds = np.searchsorted(slice_codes[order], np.arange(len(slice_values) + 1))
        first = np.unique(place_codes, return_index=True)[1]  # one row per place code
        places = frame.iloc[first]
        level = places["level"].astype(str).to_numpy(dtype=object)
        x = np.round(places["lon"].to_numpy(float) / GRID) * GRID
        y = np.round(places["lat"].to_numpy(float) / GRID) * GRID
        coord = pd.factorize(pd.Series(list(zip(x.round(6), y.round(6), strict=True))))[0]
        gov = _governorate_of(places, governorates)
        return cls(
            slice_values=np.asarray(list(slice_values), dtype=object),
            bounds=bounds,
            place=place_codes[order],
            holder=holder_codes[order],
            confidence=frame["confidence"].to_numpy(float)[order],
            place_ids=np.asarray(place_ids, dtype=object),
            holder_names=np.asarray(holder_names, dtype=object),
            is_seed=np.isin(level, SEED_LEVELS),
            is_region=np.isin(level, REGION_LEVELS),
            is_admin1=level == "admin1",
            coord=coord,
            x=x,
            y=y,
            gov=gov,
        )

    def seeds(self, places: np.ndarray) -> np.ndarray:
        """Sorted codes of the seeding places; one per snapped point (lowest code wins)."""
        import numpy as np

        seeds = np.sort(places[self.is_seed[places]])
        first = np.unique(self.coord[seeds], return_index=True)[1]
        return np.sort(seeds[first])

    def patches(
        self, places: np.ndarray, confidence: np.ndarray, seeds: np.ndarray
    ) -> tuple[tuple[str, int], ...]:
        """Painted governorates: sorted (admin1 code, region place code) pairs."""
        regional = self.is_region[places]
        if not regional.any():
            return ()
        seeded = set(self.gov[seeds])
        best: dict[str, tuple] = {}
        for code, conf in zip(places[regional], confidence[regional], strict=True):
            gov = self.gov[code]
            if gov is None or gov in seeded:
                continue
            # An admin1 claim beats a region one; then the most confident; then place_id.
            rank = (bool(self.is_admin1[code]), float(conf), -int(code))
            if gov not in best or rank > best[gov]:
                best[gov] = rank
        return tuple(sorted((gov, -rank[2]) for gov, rank in best.items()))


def _governorate_of(places: pandas.DataFrame, governorates) -> np.ndarray:
    """Admin1 code of the governorate holding each place (None when none does)."""
    import numpy as np
    import shapely

    codes = governorates["admin1_code"].to_numpy(dtype=object)
    known = set(codes)
    by_name = dict(zip(governorates["name"], codes, strict=True))
    result = np.full(len(places), None, dtype=object)
    points = shapely.points(places["lon"].to_numpy(float), places["lat"].to_numpy(float))
    tree = shapely.STRtree(governorates.geometry.values)
    point_idx, gov_idx = tree.query(points, predicate="intersects")
    for p, g in zip(point_idx[::-1], gov_idx[::-1], strict=True):
        result[p] = codes[g]  # reversed: on a shared edge the first governorate wins
    ids = places["place_id"].astype(str).to_numpy(dtype=object)
    admin1 = places["admin1"].to_numpy(dtype=object) if "admin1" in places else [None] * len(ids)
    for n, (place_id, name) in enumerate(zip(ids, admin1, strict=True)):
        if place_id.startswith("adm1:") and place_id[5:] in known:
            result[n] = place_id[5:]  # the governorate itself, whatever its point
        elif result[n] is None and name in by_name:
            result[n] = by_name[name]
    return result


def _pieces(
    table: _Table,
    seeds: np.ndarray,
    patches: tuple[tuple[str, int], ...],
    border: BaseGeometry,
    governorates: geopandas.GeoDataFrame,
    reach_km: float | None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Compute one slice's pieces: (place codes, kinds, geometries)."""
    import numpy as np
    import shapely

    codes: list[int] = []
    kinds: list[str] = []
    geoms: list[BaseGeometry] = []
    area = border
    if patches:
        gov = dict(zip(governorates["admin1_code"], governorates.geometry.values, strict=True))
        painted = []
        for admin1_code, place in patches:
            geom = _polygonal(shapely.intersection(gov[admin1_code], border))
            painted.append(geom)
            codes.append(place)
            kinds.append("region")
            geoms.append(geom)
        area = shapely.difference(border, shapely.union_all(painted))
    if len(seeds) and not area.is_empty:
        if len(seeds) == 1:
            cells = np.array([area], dtype=object)
        else:
            minx, miny, maxx, maxy = area.bounds
            frame = shapely.box(minx - 1, miny - 1, maxx + 1, maxy + 1)
            points = shapely.multipoints(np.column_stack([table.x[seeds], table.y[seeds]]))
            diagram = shapely.voronoi_polygons(points, extend_to=frame, ordered=True)
            cells = np.asarray(shapely.get_parts(diagram))
        if reach_km is not None:
            cells = shapely.intersection(cells, _discs(table.x[seeds], table.y[seeds], reach_km))
        if len(seeds) > 1 or reach_km is not None:
            shapely.prepare(area)
            # Most cells lie wholly inside: clip only those that cross the border.
            clip = ~shapely.contains_properly(area, cells)
            cells[clip] = shapely.intersection(cells[clip], area)
        for place, cell in zip(seeds, cells, strict=True):
            cell = _polygonal(cell)
            if not cell.is_empty:
                codes.append(int(place))
                kinds.append("cell")
                geoms.append(cell)
    geom_array = np.empty(len(geoms), dtype=object)
    geom_array[:] = geoms
    return np.asarray(codes, dtype=np.int64), np.asarray(kinds, dtype=object), geom_array


def _discs(x: np.ndarray, y: np.ndarray, km: float, vertices: int = 32) -> np.ndarray:
    """Polygons approximating circles of ``km`` around each (x, y) (lon, lat degrees)."""
    import numpy as np
    import shapely

    angle = np.linspace(0, 2 * np.pi, vertices + 1)
    dy = km / KM_PER_DEGREE
    dx = dy / np.maximum(np.cos(np.radians(y)), 0.1)
    ring = np.stack(
        [x[:, None] + dx[:, None] * np.cos(angle), y[:, None] + dy * np.sin(angle)], axis=-1
    )
    ring[:, -1] = ring[:, 0]  # closed exactly
    return shapely.polygons(ring)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Drop points and lines an intersection may leave beside the polygons."""
    import shapely

    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else shapely.Polygon()
