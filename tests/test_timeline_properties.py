"""Property tests for geo.timeline and geo.slices over random claim sets."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from timeline_samples import claim, comparable

from geo.model import STATUSES
from geo.slices import asof_records, state_at
from geo.timeline import build_intervals, placed_date

PLACES = ("Raqqa", "Tabqa", "Mansoura", "Ar-Raqqah Governorate")
ACTORS = ("government", "sdf", "isis", "opposition")
SOURCES = ("Outlet A", "Outlet B", "Outlet C")
FIRST = dt.date(2016, 11, 1)
SPAN_DAYS = 500  # claims fall between 2016-11-01 and 2018-03-15, over three years

SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def claims_strategy(draw):
    place = draw(st.sampled_from(PLACES))
    status = draw(st.sampled_from(STATUSES))
    date = FIRST + dt.timedelta(days=draw(st.integers(0, SPAN_DAYS)))
    precision = draw(st.sampled_from(("day", "day", "day", "month", "year")))
    text = {"day": date.isoformat(), "month": date.isoformat()[:7], "year": str(date.year)}
    fraction = draw(st.sampled_from((None, 0.3, 0.6, 0.9))) if status == "partial" else None
    return claim(
        place,
        draw(st.sampled_from(ACTORS)),
        status,
        text[precision],
        draw(st.sampled_from(SOURCES)),
        fraction=fraction,
        confidence=draw(st.sampled_from((0.4, 0.7, 0.9))),
    )


claim_lists = st.lists(claims_strategy(), min_size=1, max_size=25)
days = st.integers(0, SPAN_DAYS + 60).map(lambda n: FIRST + dt.timedelta(days=n))


@SETTINGS
@given(claim_lists)
def test_intervals_of_one_place_never_overlap(claims):
    intervals = build_intervals(claims)
    by_place: dict[str, list] = {}
    for interval in intervals:
        by_place.setdefault(interval.place_id, []).append(interval)
    for spans in by_place.values():
        for before, after in zip(spans, spans[1:], strict=False):
            assert before.end is not None, "only the last interval of a place is open"
            assert before.start <= before.end < after.start
        assert all(s.end is None or s.start <= s.end for s in spans)
    # every claim is used at most by its own place's intervals
    for interval in intervals:
        assert {c.place_id for c in interval.claims} == {interval.place_id}


@SETTINGS
@given(claim_lists, st.lists(days, min_size=1, max_size=8))
def test_one_row_and_one_holder_per_place_and_date(claims, dates):
    intervals = build_intervals(claims)
    state = state_at(intervals, dates)
    assert not state.duplicated(["slice_date", "place_id"]).any()
    for row in state.itertuples(index=False):
        interval = intervals[row.interval_id]
        assert interval.start <= row.slice_date
        assert interval.end is None or row.slice_date <= interval.end
        assert (row.actor, row.status) == (interval.actor, interval.status)
        assert 0.0 <= row.confidence <= 1.0


@SETTINGS
@given(claim_lists, claim_lists, days)
def test_claims_placed_after_a_date_never_change_the_state_on_it(claims, extra, cutoff):
    known = [c for c in claims if placed_date(c) <= cutoff]
    later = [c for c in extra if placed_date(c) > cutoff]
    dates = [cutoff, cutoff - dt.timedelta(days=9), cutoff - dt.timedelta(days=200)]
    before = build_intervals(known)
    after = build_intervals(known + later)
    pd.testing.assert_frame_equal(
        comparable(state_at(before, dates)), comparable(state_at(after, dates))
    )
    strip = [{k: v for k, v in r.items() if k != "interval_id"} for r in
             asof_records(before, cutoff)]
    assert strip == [{k: v for k, v in r.items() if k != "interval_id"} for r in
                     asof_records(after, cutoff)]


@SETTINGS
@given(claim_lists.flatmap(lambda cs: st.tuples(st.just(cs), st.permutations(cs))))
def test_the_result_does_not_depend_on_the_order_of_the_claims(pair):
    claims, shuffled = pair
    assert build_intervals(claims) == build_intervals(shuffled)
