"""Vectorised core of :func:`geo.slices.state_at`.

One Python pass turns the intervals into arrays: per interval (dates, coordinates,
category codes) and per *evidence step* (a stretch of an interval during which its
newest evidence and undecayed confidence stay the same, from
:func:`geo.timeline.evidence_steps`). Each step covers a contiguous run of slice dates,
found with two ``searchsorted`` calls; ``numpy.repeat`` then lays out the rows, step
after step, so the rows come out grouped by interval and sorted by date inside it.
No claim is replayed, and no array is larger than the number of rows returned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from geo.model import ACTORS, LEVELS, STATUSES, Interval
from geo.timeline import aging, evidence_steps, placed_date

COLUMNS = (
    "slice_date", "interval_id", "place", "place_id", "lat", "lon", "admin1", "level",
    "actor", "status", "fraction", "since", "confidence",
)
TEXT = ("place", "place_id", "admin1", "level", "actor", "status")
KNOWN = {"actor": ACTORS, "status": STATUSES, "level": LEVELS}
EPOCH = dt.date(1970, 1, 1).toordinal()
_OPEN = dt.date.max.toordinal()


@dataclass
class Table:
    """The intervals as arrays (ordinal dates)."""

    start: np.ndarray
    end: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    fraction: np.ndarray
    text: dict[str, tuple[np.ndarray, list[str]]]  # column -> (codes, categories)
    step_owner: np.ndarray
    step_from: np.ndarray
    step_until: np.ndarray
    step_newest: np.ndarray
    step_base: np.ndarray
    step_stale: np.ndarray
    step_half_life: np.ndarray


def _codes(values: list, known: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """Category codes of ``values``: ``known`` categories first (stable across calls),
    then the others sorted; -1 for None."""
    codes, uniques = pd.factorize(np.array(values, dtype=object))
    categories = list(known) + sorted(set(uniques.tolist()) - set(known))
    position = {v: k for k, v in enumerate(categories)}
    remap = np.array([position[v] for v in uniques.tolist()] + [-1], np.int64)
    dtype = np.int16 if len(categories) < 2**15 else np.int32
    return remap[codes].astype(dtype), categories  # code -1 picks the trailing -1


def table(intervals: Sequence[Interval]) -> Table:
    """Arrays of the intervals and of their evidence steps (one Python pass)."""
    n = len(intervals)
    start = np.fromiter((i.start.toordinal() for i in intervals), np.int64, n)
    end = np.fromiter(
        (_OPEN if i.end is None else i.end.toordinal() for i in intervals), np.int64, n
    )
    floats = np.array([(i.lat, i.lon, i.fraction) for i in intervals], np.float64).reshape(n, 3)
    ageing = np.array([aging(i) for i in intervals], np.float64).reshape(n, 2)
    owner: list[int] = []
    steps: list[tuple[int, int, float]] = []  # from, newest, base (ordinals)
    cache: dict[tuple, dt.date] = {}

    def placed(claim):
        key = (claim.date, claim.date_precision, claim.status)
        day = cache.get(key)
        if day is None:
            day = cache[key] = placed_date(claim)
        return day

    for k, interval in enumerate(intervals):
        claims = interval.claims
        if len(claims) == 1:  # the common case, without evidence_steps' sorting
            first = interval.start
            when = placed(claims[0])
            value = min(max(float(claims[0].confidence), 0.0), 1.0)
            if when <= first:
                owner.append(k)
                steps.append((first.toordinal(), when.toordinal(), value))
                continue
        found = evidence_steps(interval, placed)
        owner.extend([k] * len(found))
        steps.extend((a.toordinal(), b.toordinal(), c) for a, b, c in found)
    flat = np.array(steps, np.float64).reshape(-1, 3)
    step_owner = np.array(owner, np.int64)
    step_from = flat[:, 0].astype(np.int64)
    # A step lasts until the day before the next step of its interval, or the interval's end.
    step_until = end[step_owner]
    same = step_owner[1:] == step_owner[:-1]
    step_until[:-1][same] = np.minimum(step_until[:-1][same], step_from[1:][same] - 1)
    return Table(
        start=start, end=end,
        lat=floats[:, 0].copy(), lon=floats[:, 1].copy(), fraction=floats[:, 2].copy(),
        text={name: _codes([getattr(i, name) for i in intervals], KNOWN.get(name, ()))
              for name in TEXT},
        step_owner=step_owner, step_from=step_from, step_until=step_until,
        step_newest=flat[:, 1].astype(np.int64), step_base=flat[:, 2].copy(),
        step_stale=ageing[step_owner, 0], step_half_life=ageing[step_owner, 1],
    )


def expand(tab: Table, day_ord: np.ndarray) -> pd.DataFrame:
    """The state rows of every (interval, slice date) pair, interval after interval."""
    lo = np.searchsorted(day_ord, tab.step_from, "left")
    count = np.maximum(np.searchsorted(day_ord, tab.step_until, "right") - lo, 0)
    total = int(count.sum())
    index = np.int32 if max(total, len(tab.start)) < 2**31 else np.int64
    row_start = np.cumsum(count) - count
    row_day = np.arange(total, dtype=index) - np.repeat((row_start - lo).astype(index), count)
    days = (day_ord - EPOCH).astype(np.int32)
    slice_days = days[row_day]
    # Decay: full confidence until newest + stale_after_days, then halving every half-life.
    threshold = (tab.step_newest - EPOCH + tab.step_stale).astype(np.int32)
    over = slice_days - np.repeat(threshold, count)
    confidence = np.repeat(tab.step_base, count)
    stale = np.flatnonzero(over > 0)
    half_life = tab.step_half_life
    if len(half_life) and bool((half_life == half_life[0]).all()):  # one build: one value
        half = half_life[0]
    else:
        half = np.repeat(half_life, count)[stale]
    confidence[stale] *= np.exp2(-over[stale] / half)
    del over, stale
    # Rows per interval, to repeat the per-interval columns.
    per_interval = np.bincount(tab.step_owner, weights=count, minlength=len(tab.start))
    per_interval = per_interval.astype(np.int64)
    columns = {
        "slice_date": _dates(slice_days),
        "interval_id": np.repeat(np.arange(len(tab.start), dtype=index), per_interval),
    }
    for name in TEXT:
        codes, categories = tab.text[name]
        columns[name] = pd.Categorical.from_codes(
            np.repeat(codes, per_interval), dtype=pd.CategoricalDtype(categories),
            validate=False,
        )
    columns["lat"] = np.repeat(tab.lat, per_interval)
    columns["lon"] = np.repeat(tab.lon, per_interval)
    columns["fraction"] = np.repeat(tab.fraction, per_interval)
    columns["since"] = _dates(np.repeat((tab.start - EPOCH).astype(np.int32), per_interval))
    columns["confidence"] = confidence
    return pd.DataFrame({name: columns[name] for name in COLUMNS}, copy=False)


def _dates(days: np.ndarray) -> pd.arrays.ArrowExtensionArray:
    """Days since 1970-01-01 (int32) as a ``date32[pyarrow]`` array, without a copy."""
    return pd.arrays.ArrowExtensionArray(pa.array(days, type=pa.int32()).view(pa.date32()))
