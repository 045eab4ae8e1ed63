"""Tests of the actor lexicon (geo.actors)."""

from __future__ import annotations

import pytest

from geo.actors import ActorMention, find_actors, is_state_aligned, resolve_coreference


def actors(text: str, source: str | None = None) -> list[tuple[str, str]]:
    return [(m.raw, m.actor) for m in find_actors(text, source)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Syrian Arab Army advanced.", [("Syrian Arab Army", "government")]),
    ("Tiger Forces and Hezbollah fighters attacked.",
     [("Tiger Forces", "government"), ("Hezbollah fighters", "government")]),
    ("pro-government militias and loyalist forces", [
        ("pro-government militias", "government"), ("loyalist forces", "government")]),
    ("Free Syrian Army rebels and Jaish al-Islam", [
        ("Free Syrian Army rebels", "opposition"), ("Jaish al-Islam", "opposition")]),
    ("US-backed rebels held the base.", [("US-backed rebels", "opposition")]),
    ("U.S.-backed Syrian forces and Kurdish troops", [
        ("U.S.-backed Syrian forces", "sdf"), ("Kurdish troops", "sdf")]),
    ("the YPG and the Manbij Military Council", [
        ("YPG", "sdf"), ("Manbij Military Council", "sdf")]),
    ("ISIS, ISIL, Daesh and Islamic State militants", [
        ("ISIS", "isis"), ("ISIL", "isis"), ("Daesh", "isis"),
        ("Islamic State militants", "isis")]),
    ("Jabhat al-Nusra, HTS and al-Qaeda-linked militants", [
        ("Jabhat al-Nusra", "hts"), ("HTS", "hts"), ("al-Qaeda-linked militants", "hts")]),
    ("Turkish-backed rebels and the Syrian National Army", [
        ("Turkish-backed rebels", "turkey"), ("Syrian National Army", "turkey")]),
    ("Army units entered the town.", [("Army units", "government")]),
    ("the Kurdish-led Autonomous Administration and the AANES", [
        ("Kurdish-led Autonomous Administration", "sdf"), ("AANES", "sdf")]),
    # Numbered units: a name may start with a digit.
    ("the 4th Division and the 25th Special Mission Forces Division", [
        ("4th Division", "government"), ("25th Special Mission Forces Division", "government")]),
    ("Jund al-Aqsa, the Turkistan Islamic Party and the National Liberation Front", [
        ("Jund al-Aqsa", "hts"), ("Turkistan Islamic Party", "hts"),
        ("National Liberation Front", "opposition")]),
    ("the Khalid ibn al-Walid Army and the Syriac Military Council", [
        ("Khalid ibn al-Walid Army", "isis"), ("Syriac Military Council", "sdf")]),
    # "forces loyal to the president" are the government's.
    ("forces loyal to President Bashar al-Assad", [("forces", "government")]),
])
def test_named_and_modified_actors(text, expected):
    assert actors(text) == expected


def test_offsets_point_into_the_sentence():
    text = "On Sunday, the SDF's fighters moved."
    m, fighters = find_actors(text)
    assert text[m.start:m.end] == m.raw == "SDF" and m.actor == "sdf"
    # The possessor names the generic men: "the SDF's fighters" are the SDF's.
    assert (fighters.raw, fighters.actor, fighters.generic) == ("fighters", "sdf", None)
    assert text[fighters.start:fighters.end] == "fighters"


def test_foreign_forces_and_observers_are_not_actors():
    assert actors("Iraqi forces, the Syrian Observatory and Russian President") == []
    assert actors("the Ukrainian regime and the Zionist regime") == []


def test_forces_in_syria_outside_the_six_sides_are_one_outside_actor():
    # Shown as "unknown" on claims; named so that "its forces" can take them up.
    assert actors("US troops, Israeli forces, Druze factions and the IDF") == [
        ("US troops", "outside"), ("Israeli forces", "outside"), ("Druze factions", "outside"),
        ("IDF", "outside")]
    assert actors("Bedouin fighters and tribal gunmen") == [
        ("Bedouin fighters", "outside"), ("tribal gunmen", "outside")]


def test_the_general_security_of_the_new_authorities_is_hts():
    assert actors("General Security forces deployed.") == [("General Security forces", "hts")]


def test_capitalised_verb_in_a_headline_is_not_islamic_state():
    assert actors("ARMY IS ADVANCING ON RAQQA") == []
    assert actors("IS fighters retreated") == [("IS fighters", "isis")]


def test_generic_words_carry_a_kind_and_the_outlet_default():
    (m,) = find_actors("The terrorists fled.", "Western Daily")
    assert (m.generic, m.actor) == ("militants", "unknown")
    (m,) = find_actors("The terrorists fled.", "SANA")
    assert (m.generic, m.actor) == ("militants", "opposition")
    (m,) = find_actors("the army advanced")
    assert (m.generic, m.actor) == ("army", "government")


def test_iranian_framing():
    assert actors("US-backed militants and Takfiri terrorists", "PressTV") == [
        ("US-backed militants", "sdf"), ("Takfiri terrorists", "isis")]


@pytest.mark.parametrize(("source", "state"), [
    ("SANA", True), ("PressTV", True), ("presstv.ir", True), ("Al-Masdar News", True),
    ("RT", True), ("Sputnik", True), ("Tasnim News", True), ("Reuters", False),
    ("Levant Wire", False), (None, False), ("Fars News Agency", True), ("Smart News", False),
])
def test_state_aligned_outlets(source, state):
    assert is_state_aligned(source) is state


def test_coreference_picks_the_recent_actor_of_the_right_kind():
    militants = ActorMention(0, 9, "militants", "unknown", "militants")
    assert resolve_coreference(militants, ["government", "isis", "government"]) == "isis"
    jihadists = ActorMention(0, 9, "jihadists", "unknown", "jihadists")
    assert resolve_coreference(jihadists, ["opposition"]) == "unknown"
    assert resolve_coreference(jihadists, ["hts", "opposition"]) == "hts"
    forces = ActorMention(0, 6, "forces", "unknown", "forces")
    assert resolve_coreference(forces, ["isis", "turkey"]) == "turkey"
    explicit = ActorMention(0, 3, "SDF", "sdf")
    assert resolve_coreference(explicit, ["isis"]) == "sdf"


def test_state_outlet_terrorists_are_is_when_the_paragraph_names_is():
    m = ActorMention(0, 10, "terrorists", "opposition", "militants")
    assert resolve_coreference(m, [], source="SANA", paragraph_actors=["isis"]) == "isis"
    assert resolve_coreference(m, [], source="SANA", paragraph_actors=[]) == "opposition"


def test_militants_are_not_the_sdf_outside_state_outlets():
    m = ActorMention(0, 9, "militants", "unknown", "militants")
    assert resolve_coreference(m, ["sdf"], source="Reuters") == "unknown"
    assert resolve_coreference(m, ["sdf"], source="PressTV") == "sdf"


def test_the_armed_forces_and_the_authorities_are_the_state_in_state_media():
    from geo.actors import find_actors, resolve_coreference

    for text in ("The armed forces cleansed the district.", "The authorities restored calm."):
        mention = find_actors(text, "SANA")[0]
        assert resolve_coreference(mention, ["opposition"], source="SANA") == "government"
    assert find_actors("Turkish authorities said so.", "Reuters")[0].actor == "turkey"


def test_bare_fighters_are_not_the_army():
    from geo.actors import find_actors, resolve_coreference

    fighters = find_actors("The last group of fighters left the city.", "Enab Baladi")[0]
    assert resolve_coreference(fighters, ["opposition", "government"]) == "opposition"
