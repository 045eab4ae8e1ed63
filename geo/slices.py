"""Time slices: who held each place on given dates, computed from intervals built once.

:func:`state_at` never replays claims: it expands each interval over the slice dates it
covers with NumPy (``searchsorted`` and ``repeat`` over the intervals' evidence steps,
see :mod:`geo._state`) and decays the confidence in one vectorised expression. The cost
is proportional to the number of intervals plus the number of rows returned.

Column types of the returned frames: dates (``slice_date``, ``since``) are
``date32[pyarrow]`` (elements are ``datetime.date`` and compare with them), text columns
are categoricals, ``fraction`` is NaN for full control.

The ``*_records`` functions (re-exported from :mod:`geo._slice_records`) give the same
answers as plain dicts for the ``geo asof``, ``geo diff`` and ``geo timeline`` commands.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from geo import _state
from geo._slice_records import asof_records, diff_records, place_history
from geo._state import COLUMNS
from geo.errors import DateError
from geo.model import Interval

__all__ = [
    "COLUMNS",
    "DIFF_COLUMNS",
    "asof_records",
    "diff",
    "diff_records",
    "diff_rows",
    "place_history",
    "slice_dates",
    "state_at",
]

DIFF_COLUMNS = (
    "place", "place_id", "lat", "lon", "admin1", "level",
    "before_actor", "before_status", "before_fraction", "before_interval_id",
    "after_actor", "after_status", "after_fraction", "after_interval_id", "since",
)
_STEP = re.compile(r"\s*(\d+)\s*([dwm])\s*", re.IGNORECASE)


# -- slice dates ---------------------------------------------------------------------------
def slice_dates(start: dt.date, end: dt.date, step: str) -> list[dt.date]:
    """Return the slice dates from ``start`` to ``end`` (both included when on a step).

    Parameters
    ----------
    start, end : datetime.date
    step : str
        ``1d``, ``1w``, ``2w`` or ``1m`` (any ``<n>d``, ``<n>w``, ``<n>m`` works). Month
        steps keep ``start``'s day of the month, clamped to the month's length
        (2017-01-31, 2017-02-28, 2017-03-31, ...).

    Raises
    ------
    DateError
        For an unknown step or ``start`` after ``end``.
    """
    match = _STEP.fullmatch(step or "")
    if not match or int(match[1]) == 0:
        raise DateError(f"unknown step {step!r}: use 1d, 1w, 2w or 1m")
    if start > end:
        raise DateError(f"slice start {start} is after slice end {end}")
    count, unit = int(match[1]), match[2].lower()
    if unit != "m":
        days = count * (7 if unit == "w" else 1)
        return [
            dt.date.fromordinal(o) for o in range(start.toordinal(), end.toordinal() + 1, days)
        ]
    dates = []
    months = 0
    while True:
        year, month = divmod(start.month - 1 + months, 12)
        year += start.year
        day = min(start.day, calendar.monthrange(year, month + 1)[1])
        date = dt.date(year, month + 1, day)
        if date > end:
            return dates
        dates.append(date)
        months += count


def _as_days(dates: Iterable[dt.date]) -> list[dt.date]:
    days = set()
    for value in dates:
        if isinstance(value, dt.datetime):  # pandas Timestamps included
            value = value.date()
        if not isinstance(value, dt.date):
            raise DateError(f"slice date {value!r} is not a date")
        days.add(value)
    return sorted(days)


# -- state on dates ------------------------------------------------------------------------
def state_at(intervals: Sequence[Interval], dates: Iterable[dt.date]) -> pd.DataFrame:
    """Return who held each place on each date.

    Parameters
    ----------
    intervals : sequence of Interval
        Usually :func:`geo.timeline.build_intervals`'s output (any intervals work).
    dates : iterable of datetime.date
        Slice dates, in any order; duplicates count once.

    Returns
    -------
    pandas.DataFrame
        One row per (slice date, place) with an interval covering that date; columns
        :data:`COLUMNS`. Rows come interval after interval (for built intervals: by
        place_id, then slice date); group or sort by ``slice_date`` for a per-date
        view. ``interval_id`` is the index into ``intervals``; ``confidence`` is
        decayed at the slice date and uses only the claims placed up to it. A contested
        place is one row with status ``contested``. Should two intervals of one place
        overlap (never the case for built intervals), the one that started last wins.

    Raises
    ------
    DateError
        When a slice date is not a date.
    """
    days = _as_days(dates)
    intervals = list(intervals)
    day_ord = np.fromiter((d.toordinal() for d in days), np.int64, len(days))
    tab = _state.table(intervals)
    frame = _state.expand(tab, day_ord)
    place_codes = tab.text["place_id"][0]
    order = np.lexsort((tab.start, place_codes))
    same = place_codes[order][1:] == place_codes[order][:-1]
    if np.any(same & (tab.end[order][:-1] >= tab.start[order][1:])):
        frame = (
            frame.sort_values(["place_id", "slice_date", "since", "interval_id"])
            .drop_duplicates(["slice_date", "place_id"], keep="last")
            .reset_index(drop=True)
        )
    return frame


# -- change between two dates ----------------------------------------------------------------
def diff(intervals: Sequence[Interval], date1: dt.date, date2: dt.date) -> pd.DataFrame:
    """Return the places whose holder differs between ``date1`` and ``date2``.

    A place with no row on a date (nothing known yet) and a place whose actor is
    ``unknown`` both have no holder; a change of status alone (``controls`` to
    ``contested`` with the same actor) is not a change of holder.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DIFF_COLUMNS`, one row per place, sorted by place; ``before_*``
        describe ``date1``, ``after_*`` ``date2`` (missing when the place had no row),
        and ``since`` is the start of the interval on ``date2``.
    """
    frame = pd.DataFrame(diff_rows(intervals, date1, date2), columns=list(DIFF_COLUMNS))
    for side in ("before", "after"):
        frame[f"{side}_interval_id"] = frame[f"{side}_interval_id"].astype("Int64")
        frame[f"{side}_fraction"] = frame[f"{side}_fraction"].astype("float64")
    return frame


def diff_rows(intervals: Sequence[Interval], date1: dt.date, date2: dt.date) -> list[dict]:
    """:func:`diff` as a list of dicts (None for missing values), sorted by place."""
    state = state_at(intervals, [date1, date2])
    rows = []
    for place_id, group in state.groupby("place_id", sort=True, observed=True):
        by_day = {r.slice_date: r for r in group.itertuples(index=False)}
        before, after = by_day.get(date1), by_day.get(date2)
        if _holder(before) == _holder(after):
            continue
        anchor = after or before
        rows.append({
            "place": anchor.place, "place_id": place_id, "lat": anchor.lat, "lon": anchor.lon,
            "admin1": None if pd.isna(anchor.admin1) else anchor.admin1, "level": anchor.level,
            **_side("before", before), **_side("after", after),
            "since": after.since if after is not None else None,
        })
    return sorted(rows, key=lambda r: (r["place"], r["place_id"]))


def _holder(row) -> str | None:
    if row is None or row.actor == "unknown":
        return None
    return row.actor


def _side(prefix: str, row) -> dict:
    if row is None:
        return {f"{prefix}_actor": None, f"{prefix}_status": None,
                f"{prefix}_fraction": None, f"{prefix}_interval_id": None}
    fraction = None if pd.isna(row.fraction) else float(row.fraction)
    return {f"{prefix}_actor": row.actor, f"{prefix}_status": row.status,
            f"{prefix}_fraction": fraction, f"{prefix}_interval_id": int(row.interval_id)}
