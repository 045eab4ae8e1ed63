"""Tests for geo.timeline: from hand-made claims to per-place control intervals."""

from __future__ import annotations

import dataclasses
import random

import pandas as pd
import pytest
from timeline_samples import claim, comparable, corpus_like_claims, day

from geo.errors import DateError
from geo.model import Interval
from geo.slices import place_history, state_at
from geo.timeline import (
    TimelineInterval,
    build_intervals,
    claim_period,
    confidence_at,
    placed_date,
)


def spans(intervals, place_id=None):
    """(actor, status, start, end) of each interval, as ISO strings."""
    return [
        (i.actor, i.status, i.start.isoformat(), i.end.isoformat() if i.end else None)
        for i in intervals
        if place_id is None or i.place_id == place_id
    ]


def holder_on(intervals, place_id, date):
    """(actor, status) of the place on a date from state_at, None without a row."""
    state = state_at(intervals, [day(date)])
    rows = state[state["place_id"] == place_id]
    assert len(rows) <= 1
    if rows.empty:
        return None
    return rows.iloc[0]["actor"], rows.iloc[0]["status"]


# -- changes -------------------------------------------------------------------------------
def test_capture_loss_and_recapture_within_a_week_are_three_changes():
    claims = [
        claim("Tabqa", "sdf", "captured", "2017-05-01", "Outlet A"),
        claim("Tabqa", "isis", "captured", "2017-05-03", "Outlet B"),
        claim("Tabqa", "sdf", "captured", "2017-05-06", "Outlet A"),
    ]
    intervals = build_intervals(claims)
    assert spans(intervals) == [
        ("sdf", "controls", "2017-05-01", "2017-05-02"),
        ("isis", "controls", "2017-05-03", "2017-05-05"),
        ("sdf", "controls", "2017-05-06", None),
    ]
    assert holder_on(intervals, "T.tabqa", "2017-05-04") == ("isis", "controls")
    assert holder_on(intervals, "T.tabqa", "2017-05-07") == ("sdf", "controls")


def test_holding_claims_confirm_the_interval_without_splitting_it():
    claims = [
        claim("Tabqa", "sdf", "captured", "2017-05-01", "Outlet A"),
        claim("Tabqa", "sdf", "controls", "2017-05-20", "Outlet B"),
        claim("Tabqa", "sdf", "controls", "2017-06-20", "Outlet A"),
    ]
    (interval,) = build_intervals(claims)
    assert (interval.actor, interval.start, interval.end) == ("sdf", day("2017-05-01"), None)
    assert interval.n_claims == 3
    assert interval.sources == ("Outlet A", "Outlet B")


def test_the_order_of_the_input_does_not_matter():
    claims = corpus_like_claims()
    shuffled = claims[:]
    random.Random(4).shuffle(shuffled)
    assert build_intervals(shuffled) == build_intervals(claims)


def test_a_withdrawal_with_no_named_successor_leaves_the_place_unknown():
    claims = [
        claim("Tabqa", "isis", "controls", "2017-03-01", "Outlet A"),
        claim("Tabqa", "isis", "withdrew", "2017-03-10", "Outlet B"),
    ]
    intervals = build_intervals(claims)
    assert spans(intervals) == [
        ("isis", "controls", "2017-03-01", "2017-03-09"),
        ("unknown", "withdrew", "2017-03-10", None),
    ]
    assert holder_on(intervals, "T.tabqa", "2017-03-05") == ("isis", "controls")
    assert holder_on(intervals, "T.tabqa", "2017-04-01") == ("unknown", "withdrew")


def test_a_withdrawal_by_an_actor_that_does_not_hold_the_place_changes_nothing():
    claims = [
        claim("Tabqa", "sdf", "captured", "2017-03-01", "Outlet A"),
        claim("Tabqa", "isis", "withdrew", "2017-03-10", "Outlet B"),
    ]
    intervals = build_intervals(claims)
    assert spans(intervals) == [("sdf", "controls", "2017-03-01", None)]


def test_a_capture_after_a_withdrawal_names_the_new_holder():
    claims = [
        claim("Tabqa", "isis", "controls", "2017-03-01", "Outlet A"),
        claim("Tabqa", "isis", "withdrew", "2017-03-10", "Outlet B"),
        claim("Tabqa", "sdf", "captured", "2017-03-12", "Outlet B"),
    ]
    assert holder_on(build_intervals(claims), "T.tabqa", "2017-03-12") == ("sdf", "controls")


# -- contested -------------------------------------------------------------------------------
def test_two_sources_with_different_fractions_make_the_place_contested():
    observatory = claim("Mansoura", "sdf", "partial", "2017-06-03", "Observatory", fraction=0.9)
    coalition = claim("Mansoura", "sdf", "partial", "2017-06-04", "Coalition", fraction=0.65)
    intervals = build_intervals([observatory, coalition])
    assert spans(intervals) == [
        ("sdf", "partial", "2017-06-03", "2017-06-03"),
        ("sdf", "contested", "2017-06-04", None),
    ]
    contested = intervals[1]
    assert set(contested.claims) == {observatory, coalition}  # both kept, not averaged
    assert set(contested.sources) == {"Observatory", "Coalition"}
    assert contested.fraction is None
    assert holder_on(intervals, "T.mansoura", "2017-06-05") == ("sdf", "contested")


def test_two_sources_naming_different_holders_on_one_day_make_it_contested():
    claims = [
        claim("Tabqa", "sdf", "controls", "2017-05-10", "Outlet A"),
        claim("Tabqa", "isis", "controls", "2017-05-10", "Outlet B"),
    ]
    (interval,) = build_intervals(claims)
    assert (interval.status, interval.actor) == ("contested", "unknown")
    assert set(interval.sources) == {"Outlet A", "Outlet B"}


def test_one_source_updating_its_own_fraction_is_a_change_not_a_conflict():
    claims = [
        claim("Mansoura", "sdf", "partial", "2017-06-01", "Observatory", fraction=0.6),
        claim("Mansoura", "sdf", "partial", "2017-06-04", "Observatory", fraction=0.9),
    ]
    intervals = build_intervals(claims)
    assert [(i.status, i.fraction) for i in intervals] == [("partial", 0.6), ("partial", 0.9)]


def test_close_fractions_from_two_sources_agree():
    claims = [
        claim("Mansoura", "sdf", "partial", "2017-06-03", "Observatory", fraction=0.65),
        claim("Mansoura", "sdf", "partial", "2017-06-04", "Coalition", fraction=0.7),
    ]
    (interval,) = build_intervals(claims)
    assert (interval.status, interval.fraction, interval.n_claims) == ("partial", 0.65, 2)


def test_an_old_contrary_holding_from_another_source_is_a_change_not_a_conflict():
    claims = [
        claim("Tabqa", "isis", "controls", "2017-01-10", "Outlet A"),
        claim("Tabqa", "sdf", "controls", "2017-05-10", "Outlet B"),
    ]
    assert spans(build_intervals(claims)) == [
        ("isis", "controls", "2017-01-10", "2017-05-09"),
        ("sdf", "controls", "2017-05-10", None),
    ]


def test_fighting_marks_the_place_contested_and_keeps_the_holder():
    claims = [
        claim("Raqqa", "isis", "controls", "2017-06-04", "Outlet A"),
        claim("Raqqa", "sdf", "contested", "2017-06-06", "Outlet B"),
    ]
    intervals = build_intervals(claims)
    assert spans(intervals) == [
        ("isis", "controls", "2017-06-04", "2017-06-05"),
        ("isis", "contested", "2017-06-06", None),
    ]
    assert holder_on(intervals, "T.raqqa", "2017-06-20") == ("isis", "contested")


def test_fighting_with_no_known_holder_is_contested_by_unknown():
    (interval,) = build_intervals([claim("Raqqa", "sdf", "contested", "2017-06-06")])
    assert (interval.actor, interval.status) == ("unknown", "contested")


def test_a_capture_ends_a_contested_interval():
    claims = [
        claim("Raqqa", "isis", "controls", "2017-06-04", "Outlet A"),
        claim("Raqqa", "sdf", "contested", "2017-06-06", "Outlet B"),
        claim("Raqqa", "sdf", "captured", "2017-10-14", "Outlet B"),
    ]
    assert spans(build_intervals(claims))[-1] == ("sdf", "controls", "2017-10-14", None)


# -- date precision ------------------------------------------------------------------------
def test_a_year_claim_does_not_override_later_day_evidence():
    claims = [
        claim("Raqqa", "isis", "controls", "2017-06-04", "Asharq"),
        claim("Raqqa", "sdf", "captured", "2017-10-14", "PressTV"),
        claim("Raqqa", "isis", "captured", "2014", "PressTV"),  # background in the same report
    ]
    intervals = build_intervals(claims)
    assert spans(intervals) == [
        ("isis", "controls", "2014-12-31", "2017-10-13"),
        ("sdf", "controls", "2017-10-14", None),
    ]
    assert intervals[0].precision == "year"
    assert holder_on(intervals, "T.raqqa", "2016-01-01") == ("isis", "controls")
    assert holder_on(intervals, "T.raqqa", "2017-10-20") == ("sdf", "controls")


def test_a_year_capture_never_closes_a_day_interval_opened_in_the_same_year():
    opposition = claim("Raqqa", "opposition", "captured", "2014-03-10", "Outlet A")
    historical = claim("Raqqa", "isis", "captured", "2014", "Outlet B")
    intervals = build_intervals([opposition, historical])
    assert spans(intervals) == [("opposition", "controls", "2014-03-10", None)]
    history = place_history(intervals, [opposition, historical], "Raqqa")
    left_out = [r for r in history if r["kind"] == "claim" and r["interval"] is None]
    assert [r["date"] for r in left_out] == ["2014"]  # still visible, just not used


def test_a_year_capture_can_follow_older_day_evidence():
    claims = [
        claim("Raqqa", "opposition", "captured", "2013-03-04", "Outlet A"),
        claim("Raqqa", "isis", "captured", "2014", "Outlet B"),
    ]
    assert spans(build_intervals(claims)) == [
        ("opposition", "controls", "2013-03-04", "2014-12-30"),
        ("isis", "controls", "2014-12-31", None),
    ]


def test_a_coarse_holding_does_not_override_recent_finer_evidence():
    claims = [
        claim("Tabqa", "sdf", "captured", "2017-08-29", "Outlet A"),
        claim("Tabqa", "isis", "controls", "2017-09", "Outlet B"),  # placed on 2017-09-01
    ]
    assert spans(build_intervals(claims)) == [("sdf", "controls", "2017-08-29", None)]


def test_month_precision_capture_is_placed_at_the_end_of_the_month():
    claims = [
        claim("Deir ez-Zor", "isis", "controls", "2017-08-01", "Outlet A"),
        claim("Deir ez-Zor", "government", "captured", "2017-09", "Outlet B"),
    ]
    intervals = build_intervals(claims)
    assert spans(intervals) == [
        ("isis", "controls", "2017-08-01", "2017-09-29"),
        ("government", "controls", "2017-09-30", None),
    ]
    assert intervals[1].precision == "month"
    assert holder_on(intervals, "T.deir", "2017-09-15") == ("isis", "controls")


def test_month_precision_holding_covers_the_month():
    (interval,) = build_intervals([claim("Deir ez-Zor", "government", "controls", "2017-09")])
    assert (interval.start, interval.precision) == (day("2017-09-01"), "month")


def test_claim_period_and_placed_date():
    assert claim_period(claim("Raqqa", "isis", "captured", "2014")) == (
        day("2014-01-01"), day("2014-12-31"), "year")
    assert placed_date(claim("Raqqa", "isis", "captured", "2017-02")) == day("2017-02-28")
    assert placed_date(claim("Raqqa", "isis", "controls", "2017-02")) == day("2017-02-01")
    coarser = dataclasses.replace(claim("Raqqa", "isis", "captured", "2017-10-14"),
                                  date_precision="month")
    assert claim_period(coarser) == (day("2017-10-01"), day("2017-10-31"), "month")


def test_a_malformed_claim_date_raises_date_error_naming_the_document():
    bad = dataclasses.replace(claim("Raqqa", "isis", "controls", "2017-06-04"), date="June 2017")
    with pytest.raises(DateError, match="outlet_a_2017-06-04.txt"):
        build_intervals([bad])


def test_parameters_out_of_range_are_refused():
    with pytest.raises(ValueError):
        build_intervals([], half_life_days=0)
    with pytest.raises(ValueError):
        build_intervals([], stale_after_days=-1)


# -- regions -------------------------------------------------------------------------------
def test_a_region_claim_makes_a_region_interval_and_no_settlement_ones():
    claims = [claim("Ar-Raqqah Governorate", "government", "captured", "2017-06-12")]
    intervals = build_intervals(claims)
    assert [(i.place_id, i.level, i.actor) for i in intervals] == [
        ("SY.04", "admin1", "government")]
    state = state_at(intervals, [day("2017-06-20")])
    assert state["level"].tolist() == ["admin1"]


# -- ageing --------------------------------------------------------------------------------
def test_stale_evidence_keeps_the_holder_but_loses_confidence():
    (interval,) = build_intervals([claim("Tabqa", "sdf", "controls", "2017-01-01")],
                                  stale_after_days=60, half_life_days=90)
    fresh = confidence_at(interval, day("2017-01-20"))
    late = confidence_at(interval, day("2017-07-20"))  # 200 days after the evidence
    assert fresh == pytest.approx(0.8)
    assert late == pytest.approx(0.8 * 0.5 ** (140 / 90))
    assert interval.end is None
    state = state_at([interval], [day("2017-01-20"), day("2017-07-20")])
    assert state["actor"].tolist() == ["sdf", "sdf"]
    assert state["confidence"].tolist() == pytest.approx([fresh, late])


def test_new_evidence_restores_the_confidence():
    claims = [
        claim("Tabqa", "sdf", "controls", "2017-01-01", "Outlet A"),
        claim("Tabqa", "sdf", "controls", "2017-07-10", "Outlet A"),
    ]
    (interval,) = build_intervals(claims)
    assert confidence_at(interval, day("2017-07-09")) < 0.5
    assert confidence_at(interval, day("2017-07-20")) == pytest.approx(0.8)


def test_a_second_source_raises_the_confidence():
    claims = [
        claim("Tabqa", "sdf", "controls", "2017-01-01", "Outlet A", confidence=0.6),
        claim("Tabqa", "sdf", "controls", "2017-01-05", "Outlet B", confidence=0.5),
    ]
    (interval,) = build_intervals(claims)
    assert confidence_at(interval, day("2017-01-04")) == pytest.approx(0.6)
    assert confidence_at(interval, day("2017-01-06")) == pytest.approx(1 - 0.4 * 0.5)
    assert interval.confidence == pytest.approx(0.8)


def test_timeline_interval_to_dict_keeps_the_interval_shape():
    (interval,) = build_intervals([claim("Tabqa", "sdf", "controls", "2017-01-01")])
    assert isinstance(interval, TimelineInterval)
    plain = Interval(**{f.name: getattr(interval, f.name) for f in dataclasses.fields(Interval)})
    assert interval.to_dict() == plain.to_dict()


# -- causality -------------------------------------------------------------------------------
def test_a_later_claim_does_not_change_an_earlier_slice():
    early = [
        claim("Raqqa", "isis", "controls", "2017-06-04", "Outlet A"),
        claim("Raqqa", "isis", "controls", "2017-06-08", "Outlet C"),
    ]
    later = [
        claim("Raqqa", "sdf", "controls", "2017-06-10", "Outlet B"),
        claim("Raqqa", "isis", "controls", "2017-06-09", "Outlet D"),
    ]
    dates = [day("2017-06-05"), day("2017-06-08")]
    before = state_at(build_intervals(early), dates)
    after = state_at(build_intervals(early + later), dates)
    pd.testing.assert_frame_equal(comparable(before), comparable(after))
    assert after["confidence"].tolist() == pytest.approx([0.8, 0.96])


# -- the development corpus's facts, as hand-made claims ---------------------------------------
def test_corpus_like_claims_give_the_expected_holders():
    intervals = build_intervals(corpus_like_claims())
    assert holder_on(intervals, "T.raqqa", "2017-07-15") == ("isis", "controls")
    assert holder_on(intervals, "T.raqqa", "2017-10-14") == ("sdf", "controls")
    assert holder_on(intervals, "T.raqqa", "2017-10-13") == ("isis", "controls")
    assert holder_on(intervals, "T.mayadin", "2017-10-14") == ("government", "controls")
    assert holder_on(intervals, "T.mayadin", "2017-10-13") is None
    state = state_at(intervals, [day("2017-06-20")])
    mansoura = state[state["place_id"] == "T.mansoura"].iloc[0]
    assert (mansoura["actor"], mansoura["status"], mansoura["fraction"]) == ("sdf", "partial", 0.9)
    deir = [i for i in intervals if i.place_id == "T.deir"]
    assert len(deir) == 1 and deir[0].n_claims == 2  # the 2017-09 holding confirms it
