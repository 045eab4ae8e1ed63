"""Tests of claim evaluation (geo.evaluate)."""

from __future__ import annotations

import json

import pytest

from geo.evaluate import date_ok, evaluate, evaluation_to_dict, format_evaluation


def gold(**kw) -> dict:
    base = {"doc": "a.txt", "place": "Manbij", "lat": 36.53, "lon": 37.95, "actor": "sdf",
            "status": "captured", "date": "2016-08-12",
            "date_window": ["2016-08-12", "2016-08-13"], "date_precision": "day"}
    return {**base, **kw}


def pred(**kw) -> dict:
    base = {"doc": "a.txt", "place": "Manbij", "place_id": "gn:1", "lat": 36.55,
            "lon": 37.97, "actor": "sdf", "status": "captured", "fraction": None,
            "date": "2016-08-12", "date_precision": "day", "level": "settlement"}
    return {**base, **kw}


def test_perfect_match():
    ev = evaluate([gold()], [pred()])
    assert (ev.tp, ev.fp, ev.fn, ev.f1, ev.date_accuracy) == (1, 0, 0, 1.0, 1.0)


def test_place_tolerance_actor_and_status_must_agree():
    far = pred(lat=36.0, lon=37.95)  # about 59 km south
    ev = evaluate([gold()], [far], tolerance_km=15)
    assert (ev.tp, ev.fp, ev.fn) == (0, 1, 1)
    assert evaluate([gold()], [far], tolerance_km=80).tp == 1
    assert evaluate([gold()], [pred(actor="isis")]).tp == 0
    assert evaluate([gold()], [pred(status="controls")]).tp == 0


@pytest.mark.parametrize(("g", "p", "ok"), [
    ("controls", "besieged", True), ("controls", "partial", True),
    ("partial", "controls", True), ("besieged", "controls", True),
    ("contested", "captured", False), ("withdrew", "captured", False),
    ("captured", "controls", False),
])
def test_status_compatibility(g, p, ok):
    extra = {"fraction": 0.9} if p == "partial" else {}
    assert (evaluate([gold(status=g)], [pred(status=p, **extra)]).tp == 1) is ok


def test_a_small_fraction_does_not_count_as_control():
    assert evaluate([gold(status="controls")], [pred(status="partial", fraction=0.3)]).tp == 0


def test_actor_alternatives_count():
    ev = evaluate([gold(actor="opposition", actor_alt=["hts"])], [pred(actor="hts")])
    assert ev.tp == 1


def test_optional_gold_is_neither_a_miss_nor_a_hit():
    ev = evaluate([gold(optional=True)], [])
    assert (ev.tp, ev.fn) == (0, 0)
    ev = evaluate([gold(optional=True)], [pred()])
    assert (ev.tp, ev.fp, ev.fn) == (0, 0, 0)


def test_withdrawal_implied_by_a_gold_capture_is_ignored():
    ev = evaluate([gold(from_actor="isis")], [pred(), pred(actor="isis", status="withdrew")])
    assert (ev.tp, ev.fp) == (1, 0)


def test_region_gold_matches_by_governorate():
    g = gold(place="Raqqa Governorate", level="admin1", admin1="Ar-Raqqah", lat=35.9, lon=38.9,
             actor="government")
    p = pred(place="Al-Raqqa Governorate", level="admin1", admin1="Ar-Raqqah", lat=35.2,
             lon=38.5, actor="government")
    assert evaluate([g], [p]).tp == 1
    assert evaluate([g], [{**p, "level": "settlement"}]).tp == 0


def test_greedy_matching_uses_each_claim_once_and_prefers_the_same_name():
    golds = [gold(place="Foua", lat=35.96, lon=36.66), gold(place="Kafraya", lat=35.95,
                                                           lon=36.68)]
    ev = evaluate(golds, [pred(place="Kafraya", lat=35.99, lon=36.71)])
    assert ev.tp == 1 and [g["place"] for g in ev.docs["a.txt"].misses] == ["Foua"]


def test_pages_score_against_the_page_and_repeats_count_once():
    ev = evaluate([gold()], [pred(doc="a.txt#1"), pred(doc="a.txt#2")])
    assert (ev.tp, ev.fp) == (1, 0)


def test_documents_without_gold_are_not_scored():
    ev = evaluate([gold()], [pred(), pred(doc="other.txt")])
    assert ev.fp == 0 and list(ev.docs) == ["a.txt"]


@pytest.mark.parametrize(("g", "p", "ok"), [
    (gold(), pred(date="2016-08-13"), True),
    (gold(), pred(date="2016-08-14"), False),
    (gold(), pred(date="2016-08", date_precision="month"), False),  # coarser than gold
    (gold(date="2016-08", date_precision="month", date_window=["2016-08-01", "2016-08-14"]),
     pred(date="2016-08", date_precision="month"), True),
    (gold(date="2014", date_precision="year", date_window=["2014-01-01", "2014-12-31"]),
     pred(date="2014-03-02"), True),
    (gold(date="2014", date_precision="year", date_window=["2014-01-01", "2014-06-30"]),
     pred(date="2013", date_precision="year"), False),
    (gold(date_window=None, date="2016-08-12"), pred(), True),
])
def test_date_rules(g, p, ok):
    assert date_ok(g, p) is ok


def test_scores_and_reports():
    golds = [gold(), gold(place="Jarablus", lat=36.82, lon=38.01, actor="turkey")]
    preds = [pred(), pred(place="Azaz", lat=36.59, lon=37.05, actor="turkey")]
    ev = evaluate(golds, preds)
    assert (ev.tp, ev.fp, ev.fn) == (1, 1, 1)
    assert ev.precision == ev.recall == ev.f1 == 0.5
    text = format_evaluation(ev)
    assert "F1 0.500" in text and "missed: Jarablus" in text and "false positive: Azaz" in text
    data = evaluation_to_dict(ev)
    assert json.loads(json.dumps(data))["documents"]["a.txt"]["fn"] == 1


def test_nothing_to_score():
    ev = evaluate([], [])
    assert (ev.precision, ev.recall, ev.date_accuracy) == (1.0, 1.0, 1.0)
