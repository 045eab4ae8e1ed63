"""The time-dependent data of the map, shaped so its size follows intervals, not slices.

* ``places``: each place once, with *runs* ``[first, last, k]``: slice indices
  ``first..last`` show interval ``k``. A place held by one interval over 1,000 slices
  is one run, not 1,000 features.
* ``intervals``: each interval once: actor, status, symbol and popup fields. What
  follows from actor and status (layer, territory fill) is worked out in the browser.
* ``claims``/``strings``: each claim, outlet and document name once (see
  :mod:`geo.render.popups`).
* ``pieces``: each distinct territory piece (a Voronoi cell or a painted governorate)
  once, with the spans of slices it is valid for; its colour follows its place's
  interval at the current slice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd
import shapely

from geo.model import Interval
from geo.render._encode import SCALE, encode_shape
from geo.render.markers import HOLDERS, colour, hatch_id, icon_key, symbol
from geo.render.popups import ClaimTable, actor_key, esc, interval_popup, labels

CAPTURE_DAYS = 14  # a place is drawn as "captured" for this long after it changed hands


def iso_dates(dates: Sequence[dt.date]) -> list[str]:
    """Return the slice dates as ISO strings."""
    return [d.isoformat() for d in dates]


def _slice_index(values: pd.Series, dates: list[str]) -> np.ndarray:
    """Slice index of each value (-1 for a date that is not a slice)."""
    codes, uniques = pd.factorize(values)  # few distinct dates: convert those only
    index = {d: i for i, d in enumerate(dates)}
    lookup = np.array(
        [index.get(pd.Timestamp(u).strftime("%Y-%m-%d"), -1) for u in uniques] + [-1],
        dtype=np.int64,
    )
    return lookup[codes]  # code -1 (a missing date) picks the trailing -1


def build_payload(
    intervals: Sequence[Interval],
    dates: Sequence[dt.date],
    state: pd.DataFrame,
    pieces: pd.DataFrame,
    *,
    until: dt.date | None = None,
) -> dict:
    """Assemble the JSON the slider control runs on.

    Parameters
    ----------
    intervals : sequence of Interval
        The intervals ``state.interval_id`` indexes into.
    dates : sequence of datetime.date
        Slice dates, sorted.
    state : pandas.DataFrame
        Output of :func:`geo.slices.state_at`.
    pieces : pandas.DataFrame
        Output of :func:`geo.territory.territory_pieces`.
    until : datetime.date, optional
        End shown for open intervals.
    """
    iso = iso_dates(dates)
    payload = {
        "scale": SCALE, "dates": iso, "intervals": [], "icons": [], "places": [],
        "pieces": [], "labels": labels(until), "fills": _fills(), "claims": [],
        "strings": [],
    }
    if state.empty:
        return payload
    frame = pd.DataFrame({
        "place_id": state["place_id"].astype(str).to_numpy(dtype=object),
        "i": _slice_index(state["slice_date"], iso),
        "k": state["interval_id"].to_numpy(dtype=np.int64),
    })
    frame = frame[frame["i"] >= 0].sort_values(["place_id", "i"], kind="stable")
    used = np.unique(frame["k"].to_numpy())
    remap = {int(k): n for n, k in enumerate(used)}
    table = ClaimTable()
    icons: dict[str, int] = {}
    icon_svgs: list[str] = []

    def icon(actor: str, status: str, fraction: float | None) -> int:
        key = icon_key(actor, status, fraction)
        if key not in icons:
            icons[key] = len(icon_svgs)
            icon_svgs.append(symbol(actor, status, fraction))
        return icons[key]

    dates_array = np.asarray(iso)
    for k in used:
        interval = intervals[int(k)]
        item = {
            "a": actor_key(interval.actor),
            "s": esc(interval.status),
            "i": icon(interval.actor, interval.status, interval.fraction),
            **interval_popup(interval, table),
        }
        if _opened_by_capture(interval):
            # Up to slice "ce" the place shows the "captured" symbol "ci".
            last = (interval.start + dt.timedelta(days=CAPTURE_DAYS - 1)).isoformat()
            item["ce"] = int(np.searchsorted(dates_array, last, side="right")) - 1
            item["ci"] = icon(interval.actor, "captured", None)
        payload["intervals"].append({k: v for k, v in item.items() if v is not None})
    runs = _runs(frame, remap)
    first = state.drop_duplicates("place_id").assign(
        place_id=lambda f: f["place_id"].astype(str)
    ).set_index("place_id")
    place_index = {}
    for place_id, place_runs in runs.items():
        row = first.loc[place_id]
        place_index[place_id] = len(payload["places"])
        payload["places"].append({
            "id": place_id,
            "n": esc(row["place"]),  # HTML-escaped: shown in popups and tooltips
            "lat": round(float(row["lat"]), 5),
            "lon": round(float(row["lon"]), 5),
            "lv": esc(row["level"]),
            "r": place_runs,
        })
    payload["pieces"] = _pieces(pieces, iso, place_index)
    payload["icons"] = icon_svgs
    payload.update(table.payload())
    return payload


def _fills() -> dict[str, str]:
    """Territory fill per holder: its colour, or a hatch for contested ground."""
    return {
        key: f"url(#{hatch_id(key)})" if key == "contested" else colour(key)
        for key in HOLDERS
    }


def _opened_by_capture(interval: Interval) -> bool:
    """True when a capture claim placed on the interval's first day opened it."""
    from geo.errors import DateError
    from geo.timeline import placed_date

    if interval.status in ("contested", "withdrew"):
        return False
    for claim in interval.claims:
        if claim.status != "captured" or claim.actor != interval.actor:
            continue
        try:
            if placed_date(claim) == interval.start:
                return True
        except DateError:
            continue
    return False


def _runs(frame: pd.DataFrame, remap: dict[int, int]) -> dict[str, list[list[int]]]:
    """Run-length encode each place's interval over consecutive slice indices."""
    pid = frame["place_id"].to_numpy()
    idx = frame["i"].to_numpy()
    k = frame["k"].to_numpy()
    start = np.ones(len(frame), dtype=bool)
    start[1:] = (pid[1:] != pid[:-1]) | (k[1:] != k[:-1]) | (idx[1:] != idx[:-1] + 1)
    starts = np.flatnonzero(start)
    ends = np.append(starts[1:], len(frame)) - 1
    runs: dict[str, list[list[int]]] = {}
    for s, e in zip(starts, ends, strict=True):
        runs.setdefault(str(pid[s]), []).append([int(idx[s]), int(idx[e]), remap[int(k[s])]])
    return runs


def _pieces(pieces: pd.DataFrame, iso: list[str], place_index: dict[str, int]) -> list[dict]:
    """Ship each distinct (place, geometry) once with the slice spans it is valid for."""
    if pieces is None or len(pieces) == 0:
        return []
    geoms = np.asarray(pieces.geometry.values, dtype=object)
    # territory_pieces reuses geometry objects across unchanged slices: key them by id.
    ids = np.fromiter(map(id, geoms), dtype=np.int64, count=len(geoms))
    _, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
    unique = geoms[first]
    # Cells recomputed for another slice may be equal without being the same object:
    # compare them at the precision they are shipped with.
    rounded = shapely.normalize(shapely.transform(unique, lambda c: np.round(c, 3)))
    shape_code = pd.factorize(pd.Series(shapely.to_wkb(rounded)))[0][inverse]
    place = pd.Series(pieces["place_id"].astype(str).to_numpy(dtype=object)).map(place_index)
    slice_idx = _slice_index(pieces["slice_date"], iso)
    keep = place.notna().to_numpy() & (slice_idx >= 0)
    place_code = place.fillna(-1).to_numpy(dtype=np.int64)
    key = pd.factorize(pd.Series(list(zip(place_code, shape_code, strict=True))))[0]
    key, slice_idx, place_code, geom_idx = (
        key[keep], slice_idx[keep], place_code[keep], inverse[keep]
    )
    order = np.lexsort((slice_idx, key))
    key, slice_idx, place_code, geom_idx = (
        key[order], slice_idx[order], place_code[order], geom_idx[order]
    )
    new_key = np.ones(len(key), dtype=bool)
    new_key[1:] = key[1:] != key[:-1]
    new_span = new_key.copy()
    new_span[1:] |= slice_idx[1:] != slice_idx[:-1] + 1
    result = []
    for start, stop in _segments(new_key):
        spans = [
            [int(slice_idx[a]), int(slice_idx[b - 1])]
            for a, b in _segments(new_span[start:stop], offset=start)
        ]
        shape = encode_shape(unique[geom_idx[start]])
        if shape:
            result.append({"p": int(place_code[start]), "g": shape, "s": spans})
    return result


def _segments(starts: np.ndarray, offset: int = 0):
    """(start, stop) index pairs of the segments that begin where ``starts`` is True."""
    begin = np.flatnonzero(starts)
    end = np.append(begin[1:], len(starts))
    return [(int(a) + offset, int(b) + offset) for a, b in zip(begin, end, strict=True)]
