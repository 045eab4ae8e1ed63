"""Tests for geo.slices: slice dates, state on dates, diffs and the query records."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from timeline_samples import claim, corpus_like_claims, day

from geo.errors import DateError
from geo.model import Interval
from geo.slices import (
    COLUMNS,
    DIFF_COLUMNS,
    asof_records,
    diff,
    diff_records,
    place_history,
    slice_dates,
    state_at,
)
from geo.timeline import build_intervals, confidence_at


# -- slice dates -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("1d", ["2017-06-01", "2017-06-02", "2017-06-03"]),
        ("1w", ["2017-06-01"]),
        ("2w", ["2017-06-01"]),
    ],
)
def test_day_and_week_steps(step, expected):
    dates = slice_dates(day("2017-06-01"), day("2017-06-03"), step)
    assert [d.isoformat() for d in dates] == expected


def test_week_steps_include_the_end_when_it_falls_on_a_step():
    weeks = slice_dates(day("2017-06-01"), day("2017-06-29"), "1w")
    assert [d.isoformat() for d in weeks] == [
        "2017-06-01", "2017-06-08", "2017-06-15", "2017-06-22", "2017-06-29"]
    fortnights = slice_dates(day("2017-06-01"), day("2017-06-28"), "2w")
    assert [d.isoformat() for d in fortnights] == ["2017-06-01", "2017-06-15"]


def test_month_steps_keep_the_day_of_month_clamped():
    dates = slice_dates(day("2016-12-31"), day("2017-05-30"), "1m")
    assert [d.isoformat() for d in dates] == [
        "2016-12-31", "2017-01-31", "2017-02-28", "2017-03-31", "2017-04-30"]
    leap = slice_dates(day("2016-01-30"), day("2016-03-30"), "1m")
    assert [d.isoformat() for d in leap] == ["2016-01-30", "2016-02-29", "2016-03-30"]


def test_a_single_day_range_gives_one_slice():
    assert slice_dates(day("2017-06-01"), day("2017-06-01"), "1m") == [day("2017-06-01")]


@pytest.mark.parametrize("step", ["", "1y", "0d", "weekly", "d"])
def test_unknown_steps_raise_date_error(step):
    with pytest.raises(DateError, match="step"):
        slice_dates(day("2017-06-01"), day("2017-07-01"), step)


def test_a_start_after_the_end_raises_date_error():
    with pytest.raises(DateError, match="after"):
        slice_dates(day("2017-07-01"), day("2017-06-01"), "1d")


# -- state_at -------------------------------------------------------------------------------
def test_state_has_one_row_per_date_and_active_place_with_the_documented_columns():
    intervals = build_intervals(corpus_like_claims())
    dates = [day("2017-10-20"), day("2017-06-20"), day("2017-06-20")]  # unsorted, repeated
    state = state_at(intervals, dates)
    assert tuple(state.columns) == COLUMNS
    assert sorted(set(state["slice_date"])) == [day("2017-06-20"), day("2017-10-20")]
    assert state.groupby("place_id", observed=True)["slice_date"].is_monotonic_increasing.all()
    assert not state.duplicated(["slice_date", "place_id"]).any()
    october = state[state["slice_date"] == day("2017-10-20")]
    assert set(october["place_id"]) == {"T.raqqa", "T.mayadin", "T.mansoura", "T.deir", "SY.04"}
    raqqa = october[october["place_id"] == "T.raqqa"].iloc[0]
    assert (raqqa["actor"], raqqa["status"], raqqa["since"]) == ("sdf", "controls",
                                                                 day("2017-10-14"))
    assert intervals[raqqa["interval_id"]].actor == "sdf"
    assert np.isnan(raqqa["fraction"])
    assert (raqqa["lat"], raqqa["lon"], raqqa["admin1"], raqqa["level"]) == (
        35.95, 39.01, "Ar-Raqqah", "settlement")


def test_state_before_any_claim_is_empty_and_keeps_its_columns():
    intervals = build_intervals(corpus_like_claims())
    state = state_at(intervals, [day("2010-01-01")])
    assert state.empty and tuple(state.columns) == COLUMNS
    assert tuple(state_at([], [day("2017-01-01")]).columns) == COLUMNS
    assert state_at(intervals, []).empty


def test_state_accepts_datetimes_and_refuses_strings():
    intervals = build_intervals(corpus_like_claims())
    state = state_at(intervals, [dt.datetime(2017, 10, 20, 12, 0)])
    assert set(state["slice_date"]) == {day("2017-10-20")}
    with pytest.raises(DateError):
        state_at(intervals, ["2017-10-20"])


def test_vectorised_confidence_matches_the_scalar_one():
    claims = [
        claim("Tabqa", "sdf", "controls", "2017-01-01", "Outlet A", confidence=0.6),
        claim("Tabqa", "sdf", "controls", "2017-03-01", "Outlet B", confidence=0.5),
        claim("Tabqa", "sdf", "controls", "2017-03-01", "Outlet A", confidence=0.9),
        claim("Tabqa", "isis", "captured", "2017-09-05", "Outlet C"),
        claim("Mansoura", "sdf", "partial", "2017-02-10", "Outlet A", fraction=0.5),
    ] + corpus_like_claims()
    intervals = build_intervals(claims)
    dates = slice_dates(day("2016-12-01"), day("2018-01-01"), "1w")
    state = state_at(intervals, dates)
    expected = [confidence_at(intervals[i], d)
                for i, d in zip(state["interval_id"], state["slice_date"], strict=True)]
    assert state["confidence"].tolist() == pytest.approx(expected)
    assert len(set(np.round(expected, 6))) > 5  # decay and new evidence both show


def test_overlapping_intervals_from_elsewhere_keep_the_latest_start():
    base = dict(place="X", place_id="X", lat=1.0, lon=2.0, admin1=None, level="settlement",
                status="controls", fraction=None, confidence=0.5)
    intervals = [
        Interval(actor="isis", start=day("2017-01-01"), end=None, **base),
        Interval(actor="sdf", start=day("2017-03-01"), end=day("2017-04-01"), **base),
    ]
    state = state_at(intervals, [day("2017-02-01"), day("2017-03-15"), day("2017-05-01")])
    assert state["actor"].tolist() == ["isis", "sdf", "isis"]
    assert state["admin1"].isna().all()
    assert state["confidence"].tolist()[0] == pytest.approx(0.5)


# -- diff -------------------------------------------------------------------------------------
def test_diff_lists_places_whose_holder_changed():
    intervals = build_intervals(corpus_like_claims())
    changed = diff(intervals, day("2017-07-01"), day("2017-10-20"))
    assert tuple(changed.columns) == DIFF_COLUMNS
    rows = {r["place_id"]: r for r in changed.to_dict("records")}
    assert set(rows) == {"T.raqqa", "T.mayadin"}
    assert (rows["T.raqqa"]["before_actor"], rows["T.raqqa"]["after_actor"]) == ("isis", "sdf")
    assert rows["T.raqqa"]["since"] == day("2017-10-14")
    assert rows["T.mayadin"]["after_actor"] == "government"
    assert rows["T.mayadin"]["before_actor"] is None or np.isnan(rows["T.mayadin"]["before_actor"])


def test_a_status_change_with_the_same_holder_is_not_a_diff():
    claims = [
        claim("Raqqa", "isis", "controls", "2017-06-04", "Outlet A"),
        claim("Raqqa", "sdf", "contested", "2017-06-06", "Outlet B"),
    ]
    assert diff(build_intervals(claims), day("2017-06-05"), day("2017-06-07")).empty


def test_a_withdrawal_is_a_change_to_no_holder():
    claims = [
        claim("Tabqa", "isis", "controls", "2017-03-01", "Outlet A"),
        claim("Tabqa", "isis", "withdrew", "2017-03-10", "Outlet B"),
    ]
    (record,) = diff_records(build_intervals(claims), day("2017-03-05"), day("2017-03-15"))
    assert (record["before_actor"], record["after_actor"], record["after_status"]) == (
        "isis", "unknown", "withdrew")
    assert [e["date"] for e in record["evidence"]] == ["2017-03-10"]


# -- records for the CLI ---------------------------------------------------------------------
def test_asof_records_are_plain_json_and_count_only_claims_up_to_the_date():
    claims = corpus_like_claims()
    intervals = build_intervals(claims)
    records = asof_records(intervals, day("2017-06-20"))
    json.dumps(records)  # no NaN, no dates: plain JSON
    assert "NaN" not in json.dumps(records)
    by_place = {r["place_id"]: r for r in records}
    deir = by_place["T.deir"]
    assert (deir["actor"], deir["since"], deir["sources"], deir["claims"]) == (
        "government", "2017-06-12", ["Al-Masdar"], 1)  # the 2017-09 claim is later
    assert by_place["T.mansoura"]["fraction"] == 0.9
    assert by_place["T.raqqa"]["fraction"] is None
    assert by_place["T.raqqa"]["status"] == "controls"
    assert set(deir) >= {"place", "place_id", "actor", "status", "fraction", "since",
                         "confidence", "sources", "claims"}
    later = {r["place_id"]: r for r in asof_records(intervals, day("2017-10-01"))}
    assert later["T.deir"]["claims"] == 2


def test_diff_records_carry_the_sentences_that_made_the_change():
    intervals = build_intervals(corpus_like_claims())
    records = diff_records(intervals, day("2017-07-01"), day("2017-10-20"))
    raqqa = next(r for r in records if r["place_id"] == "T.raqqa")
    assert (raqqa["before_actor"], raqqa["before_status"], raqqa["after_actor"]) == (
        "isis", "controls", "sdf")
    assert raqqa["evidence"] == [{
        "date": "2017-10-14", "source": "PressTV", "status": "captured", "actor": "sdf",
        "evidence": "PressTV: sdf captured Raqqa (2017-10-14).",
    }]
    mayadin = next(r for r in records if r["place_id"] == "T.mayadin")
    assert mayadin["before_actor"] is None
    json.dumps(records)


def test_place_history_finds_a_place_by_a_spelling_variant_in_date_order():
    claims = corpus_like_claims()
    intervals = build_intervals(claims)
    history = place_history(intervals, claims, "raqqah")
    assert {r["place_id"] for r in history} == {"T.raqqa"}
    claim_rows = [r for r in history if r["kind"] == "claim"]
    assert [r["date"] for r in claim_rows] == [
        "2014", "2017-06-04", "2017-06-06", "2017-06-12", "2017-10-14"]
    assert all(r["interval"] is not None for r in claim_rows)
    assert sum(r["kind"] == "interval" for r in history) == len(
        [i for i in intervals if i.place_id == "T.raqqa"])
    assert history[0]["kind"] == "interval"  # an interval comes before its first claim
    assert len({tuple(r) for r in history}) == 1  # one key set: aligned columns in the CLI
    assert place_history(intervals, claims, "T.mayadin")[0]["place"] == "Mayadin"
    assert place_history(intervals, claims, "Aleppo") == []
