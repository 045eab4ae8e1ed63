"""Compact, safe encodings for the data embedded in the page.

Shapes are shipped as rings of delta-encoded integers (degrees x :data:`SCALE`), which
is about half the size of GeoJSON coordinates; ``assets/geo.js`` decodes them.
JSON goes into a ``<script type="application/json">`` block with every ``<``, ``>`` and
``&`` escaped, so no string in it can close the block or open a comment.
"""

from __future__ import annotations

import json

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

SCALE = 1000  # 1e-3 degree (~100 m): enough for a country-scale schematic map


def encode_shape(geom: BaseGeometry, scale: int = SCALE) -> list:
    """Encode a (Multi)Polygon as ``[[ring, ...], ...]`` (one list of rings per polygon).

    Each ring is a flat list ``[lat0, lon0, dlat1, dlon1, ...]`` of integers (degrees
    times ``scale``, then differences), without the closing point. Rings that collapse
    to fewer than three points at this precision are dropped.
    """
    polygons = []
    for part in shapely.get_parts(geom):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        rings = [r for r in (_ring(part.exterior, scale),) if r]
        if not rings:
            continue
        rings += [r for r in (_ring(hole, scale) for hole in part.interiors) if r]
        polygons.append(rings)
    return polygons


def encode_line(coords, scale: int = SCALE) -> list[int]:
    """Encode a list of (lat, lon) pairs like a ring (kept open)."""
    points = np.round(np.asarray(coords, dtype=float) * scale).astype(np.int64)
    return _deltas(points)


def _ring(ring, scale: int) -> list[int]:
    xy = np.asarray(ring.coords, dtype=float)[:, :2]
    points = np.round(xy[:, ::-1] * scale).astype(np.int64)  # (lat, lon)
    if len(points) > 1 and (points[0] == points[-1]).all():
        points = points[:-1]
    # Consecutive points that round to the same spot add bytes, not shape.
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = (np.diff(points, axis=0) != 0).any(axis=1)
    points = points[keep]
    if len(points) < 3:
        return []
    return _deltas(points)


def _deltas(points: np.ndarray) -> list[int]:
    if len(points) == 0:
        return []
    deltas = np.vstack([points[:1], np.diff(points, axis=0)])
    return deltas.ravel().tolist()


def script_json(value: object) -> str:
    """Serialise ``value`` for a ``<script type="application/json">`` block."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
