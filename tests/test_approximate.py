"""Approximate places for names the gazetteer lacks (gazetteer.approximate, geo._approximate).

The village names used here are invented, so the real gazetteer cannot know them; the
towns they are placed by are real.
"""

from __future__ import annotations

import datetime as dt

import pytest

from gazetteer._cues import haversine_km
from gazetteer.approximate import bearing_of, place_near
from gazetteer.model import Place
from geo.claims import extract
from geo.mentions import find_mentions
from geo.model import Anchor, Report

TOWN = Place("t:town", "Town", 36.0, 37.0, "SY", "Aleppo", "settlement")


def test_place_near_steps_the_stated_distance_along_the_bearing():
    place = place_near("Kharbat Zuwayli", TOWN, 12.0, bearing_of("south"))
    assert place.lon == pytest.approx(37.0, abs=1e-6)
    assert place.lat < 36.0
    assert haversine_km(36.0, 37.0, place.lat, place.lon) == pytest.approx(12.0, abs=0.01)
    assert place.place_id == "approx:kharbat-zuwayli"
    assert place.admin1 == "Aleppo" and place.country == "SY"
    assert place.source.startswith("approximate: 12 km at bearing 180 from Town")


def test_place_near_without_distance_keeps_a_wide_radius():
    near = place_near("Tell Qarmuz", TOWN)
    assert (near.lat, near.lon) == (36.0, 37.0)
    assert near.radius_km >= 5.0 and "near Town" in near.source
    within = place_near("Tell Qarmuz", TOWN, 30.0)
    assert (within.lat, within.lon) == (36.0, 37.0) and within.radius_km == 30.0
    west = place_near("Tell Qarmuz", TOWN, None, bearing_of("north-western"))
    assert west.lat > 36.0 and west.lon < 37.0


def test_bearing_of_reads_compound_and_adjective_forms():
    assert bearing_of("south-west") == 225.0
    assert bearing_of("Northeastern") == 45.0
    assert bearing_of("upstream") is None


def _claims(gazetteer, text):
    report = Report("a.txt", "a.txt", text, Anchor(dt.date(2019, 10, 16)), "Test Wire")
    return extract(report, gazetteer)


def _approximate_places(gazetteer, text):
    return [c.place for c in _claims(gazetteer, text).claims
            if c.place_id.startswith("approx:")]


def test_an_unknown_village_near_a_known_town_gets_a_claim_there(gazetteer):
    ex = _claims(gazetteer, "Rebels captured the village of Kharbat Zuwayli, near Manbij, "
                            "on Tuesday.")
    manbij = gazetteer.resolve("Manbij").place
    [claim] = [c for c in ex.claims if c.place == "Kharbat Zuwayli"]
    assert claim.place_id == "approx:kharbat-zuwayli"
    assert (claim.lat, claim.lon) == (manbij.lat, manbij.lon)
    assert claim.status == "captured" and claim.date == "2019-10-15"
    # Less sure than a gazetteer place, and still reported as missing from it.
    assert claim.confidence < 0.8
    [missing] = [u for u in ex.unresolved if u.name == "Kharbat Zuwayli"]
    assert "placed approximate: near Manbij" in missing.reason
    # The town that locates the village is no claim.
    assert not [c for c in ex.claims if c.place == "Manbij"]


def test_a_list_shares_the_distance_and_direction_after_it(gazetteer):
    ex = _claims(gazetteer, "Government forces seized Kharbat Zuwayli and Tell Qarmuz, "
                            "about 12 km south-west of Saraqib, on Monday.")
    saraqib = gazetteer.resolve("Saraqib").place
    placed = {c.place: c for c in ex.claims if c.place_id.startswith("approx:")}
    assert set(placed) == {"Kharbat Zuwayli", "Tell Qarmuz"}
    for claim in placed.values():
        assert claim.lat < saraqib.lat and claim.lon < saraqib.lon
        assert haversine_km(saraqib.lat, saraqib.lon, claim.lat, claim.lon) == \
            pytest.approx(12.0, abs=0.05)


@pytest.mark.parametrize("text", [
    "The army took control of Kharbat Zuwayli in the Bulbul district on Wednesday.",
    "The army took control of Kharbat Zuwayli in the al-Bab area on Wednesday.",
    "Rebels seized Kharbat Zuwayli (near Saraqib) on Monday.",
    "Rebels seized Kharbat Zuwayli, to the west of Saraqib, on Monday.",
    "Rebels seized Kharbat Zuwayli on the southern outskirts of Saraqib.",
])
def test_other_wordings_that_locate_the_village(gazetteer, text):
    assert _approximate_places(gazetteer, text) == ["Kharbat Zuwayli"]


@pytest.mark.parametrize("text", [
    # a province or a countryside is tens of km wide: no point to stand on
    "Government forces captured Kharbat Zuwayli in the Idlib countryside.",
    "Government forces captured Kharbat Zuwayli in Idlib province.",
    # "from" without a distance says where the attack came from, not where the place is
    "Rebels entered Kharbat Zuwayli from Saraqib.",
    # the town is in the next sentence
    "Rebels captured Kharbat Zuwayli. Near Saraqib, clashes went on.",
    # "in" a town that is no district or area: not a location of the village
    "The army captured Kharbat Zuwayli in Aleppo.",
])
def test_no_approximate_place_without_a_point_in_the_same_sentence(gazetteer, text):
    assert _approximate_places(gazetteer, text) == []


def test_mentions_mark_the_approximate_resolution(gazetteer):
    text = "Rebels overran Kharbat Zuwayli, 8 km from Afrin."
    [unknown] = [m for m in find_mentions(text, gazetteer) if not m.known]
    assert unknown.resolution.method == "approximate"
    assert unknown.place.radius_km == 8.0
    assert "within 8 km of" in unknown.place.source
