"""Holding wordings: the many ways a report says who holds a place now.

Sentences written for these tests (general war-reporting wording). Each case names the
claims it must give, as (place, actor, status); the extractor may give no other claim.
"""

from __future__ import annotations

import datetime as dt

import pytest
from test_claims import claims, run


@pytest.mark.parametrize("text, expected", [
    # "under X rule", "under the rule of X".
    ("Mayadin has been under Islamic State rule for three years.",
     [("Mayadin", "isis", "controls")]),
    ("Saraqib has been under the rule of the rebels since 2012.",
     [("Saraqib", "opposition", "controls")]),
    # "back/again in the hands of".
    ("Tadmur is once again in the hands of the Islamic State.",
     [("Tadmur", "isis", "controls")]),
    # Verbs of rule and administration.
    ("Islamic State militants have ruled Mayadin since 2014.",
     [("Mayadin", "isis", "controls")]),
    ("Tal Abyad is administered by Kurdish-led forces.", [("Tal Abyad", "sdf", "controls")]),
    ("Convoys reached the SDF-administered town of Tabqa.", [("Tabqa", "sdf", "controls")]),
    ("The YPG holds sway over Kobani.", [("Kobani", "sdf", "controls")]),
    ("The rebels keep a firm hold on Saraqib.", [("Saraqib", "opposition", "controls")]),
    ("The army kept its grip on Kuweires air base.",
     [("Kuweires", "government", "controls")]),
    ("Deir Hafer is firmly in the grip of the Islamic State.",
     [("Deir Hafer", "isis", "controls")]),
    # A list before "both ..." or "two X-held towns".
    ("Azaz and Marea, both under rebel control, were shelled.",
     [("Azaz", "opposition", "controls"), ("Marea", "opposition", "controls")]),
    ("Nubl and Zahraa, two government-held Shia towns, were shelled again.",
     [("Nubl", "government", "controls"), ("Zahraa", "government", "controls")]),
    # A place lying in held territory; a place in a where-clause.
    ("Maarat al-Numan lies deep inside rebel-held territory.",
     [("Maarat al-Numan", "opposition", "controls")]),
    ("Jets struck Ariha, where rebels are in control.", [("Ariha", "opposition", "controls")]),
    # "one of the last towns in X hands"; a parenthetical holder.
    ("Kafr Nabl is one of the few towns still in rebel hands.",
     [("Kafr Nabl", "opposition", "controls")]),
    ("Tal Tamr (held by the SDF) was quiet on Sunday.", [("Tal Tamr", "sdf", "controls")]),
    # "territory held by X, including A and B".
    ("Jets hit territory held by the Islamic State, including Mayadin and Hajin.",
     [("Mayadin", "isis", "controls"), ("Hajin", "isis", "controls")]),
    # A holding noun with a descriptive adjective after the possessor.
    ("Qardaha, the regime's mountain heartland, was quiet.",
     [("Qardaha", "government", "controls")]),
    # A foothold is part of a place; a divided city is held in part by each side.
    ("The Islamic State still has a foothold in the Yarmouk camp.",
     [("Yarmouk camp", "isis", "partial")]),
    ("Hasakah city is divided between government forces and Kurdish fighters.",
     [("Hasakah", "government", "partial"), ("Hasakah", "sdf", "partial")]),
    # "under X occupation" (Turkish and Kurdish copy); "is still occupied by" is a state.
    ("The Tishreen dam remains under PKK/YPG occupation, the ministry said.",
     [("Tishreen dam", "sdf", "controls")]),
    ("Afrin is still occupied by Turkish-backed factions.", [("Afrin", "turkey", "controls")]),
    ("The Golan Heights remain under Israeli occupation.", []),
    # "governs most of X": part of X.
    ("The Autonomous Administration governs most of Raqqa province.",
     [("Raqqa province", "sdf", "partial")]),
    # The monitor's date aside inside "took control ... of".
    ("Rebels took full control today, Sunday, of the town of Nawa.",
     [("Nawa", "opposition", "captured")]),
    # A sponsor before the named holder.
    ("Manbij is controlled by the US-backed Manbij Military Council.",
     [("Manbij", "sdf", "controls")]),
    # A relative clause after a locating phrase or a distance aside is the head's.
    ("Convoys queued at the Bab al-Hawa crossing on the border with Turkey, which remains "
     "in rebel hands.", [("Bab al-Hawa crossing", "opposition", "controls")]),
    ("Families fled to the city of Tartus, about 60 km to the south, which remains firmly "
     "in government hands.", [("Tartus", "government", "controls")]),
    # A negated verb does not take back the appositive holding after its object.
    ("The army vowed not to let the rebels take Sarmin, the opposition's last stronghold "
     "in the area.", [("Sarmin", "opposition", "controls")]),
    ("Palmyra is no longer the jihadists' stronghold.", []),
    # "forces loyal to the president" are the government's; "loyal to X" names the side.
    ("Hama is controlled by forces loyal to President Bashar al-Assad.",
     [("Hama", "government", "controls")]),
    ("Troops loyal to Damascus entered Manbij on Monday.", [("Manbij", "government", "captured")]),
    # "the only city in the province still held by X".
    ("Qamishli is the only city in the province still held by Kurdish forces.",
     [("Qamishli", "sdf", "controls")]),
    # Handing control over: the giver leaves, the receiver takes.
    ("The SDF handed control of Tabqa to government forces.",
     [("Tabqa", "sdf", "withdrew"), ("Tabqa", "government", "captured")]),
    # A named part of a place is part of it.
    ("Government forces hold the eastern part of Daraa.", [("Daraa", "government", "partial")]),
    ("Rebels still control pockets of Homs.", [("Homs", "opposition", "partial")]),
    # "in charge of X"; "In X, rebels are in charge"; "who run X".
    ("Turkish-backed factions are in charge of Azaz.", [("Azaz", "turkey", "controls")]),
    ("In Qamishli, Kurdish forces are in charge.", [("Qamishli", "sdf", "controls")]),
    ("The commander in charge of the assault on Azaz was killed.", []),
    ("Kurdish militias who run Amuda opened the schools.", [("Amuda", "sdf", "controls")]),
    # A pocket held by a side; a holding noun after a facility name.
    ("Jets struck the last IS pocket in Hajin.", [("Hajin", "isis", "controls")]),
    ("Jets struck the last IS pocket in Homs's eastern desert.", []),
    ("Kuweires air base, one of the last regime strongholds in the area, was shelled.",
     [("Kuweires", "government", "controls")]),
    # "X, whose (de facto) capital is Y"; a relative clause with two verbs joined by "and".
    ("Jets struck the Islamic State, whose de facto capital is the city of Raqqa.",
     [("Raqqa", "isis", "controls")]),
    ("The Islamic State's capital was Raqqa.", []),
    ("Tartus, which hosts a Russian naval base and remains in government hands, was calm.",
     [("Tartus", "government", "controls")]),
    # "the same alliance" takes up the alliance named before.
    ("The SDF captured Tabqa on Monday. A week later the same alliance captured the "
     "Tabqa dam.", [("Tabqa", "sdf", "captured"), ("Tabqa dam", "sdf", "captured")]),
])
def test_holding_wordings(gazetteer, text, expected):
    assert sorted(claims(text, gazetteer)) == sorted(expected)


@pytest.mark.parametrize("text", [
    "The court ruled on Monday that the vote in Homs was valid.",
    "He has a house in Homs and a farm in Hama.",
    "The spoils were shared between the two men in Homs.",
])
def test_words_of_holding_in_other_senses_give_no_claim(gazetteer, text):
    assert claims(text, gazetteer) == []


def test_a_divided_city_is_half_held_by_each_side(gazetteer):
    found = run("Deir ez-Zor is split between the army and the Islamic State.", gazetteer).claims
    assert sorted((c.actor, c.status, c.fraction) for c in found) == [
        ("government", "partial", 0.5), ("isis", "partial", 0.5)]


# -- forces outside the six sides ------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    # Named forces that are none of the six sides give claims with the actor "unknown"
    # (the gold format's word for an actor outside the list); the wording stays in
    # actor_raw.
    ("Israeli troops entered the village of Hader on Sunday.",
     [("Hader", "unknown", "captured", "Israeli troops")]),
    ("Druze factions took control of Jaramana on Friday.",
     [("Jaramana", "unknown", "captured", "Druze factions")]),
    ("Tribal fighters seized the town of Dhiban on Monday.",
     [("Dhiban", "unknown", "captured", "Tribal fighters")]),
    # "its forces" takes up the force named before it, not a side of an earlier sentence.
    ("The SDF shelled Manbij. The Israeli army said its forces had seized Mount Hermon.",
     [("Mount Hermon", "unknown", "captured", "forces")]),
    # A base of a foreign force is no ground held in the war ("US troops based at ...").
    ("US forces are based at the Conoco gas field.", []),
    # Air strikes are no claim, whoever flies them.
    ("Israeli jets struck Mezzeh air base on Monday.", []),
])
def test_forces_outside_the_six_sides(gazetteer, text, expected):
    found = run(text, gazetteer).claims
    assert sorted((c.place, c.actor, c.status, c.actor_raw) for c in found) == sorted(expected)


def test_the_fighters_later_are_the_head_of_an_among_them_aside(gazetteer):
    # The members named in the aside are some of the head's men; "the fighters" of the
    # next sentence are the head (the rebels), not the last member named.
    text = ("Troops retook Nawa after clashes with fighters of the rebel and Islamic "
            "battalions, among them the Nusra Front and the Islamic State. "
            "The fighters still hold Inkhil.")
    assert ("Inkhil", "opposition", "controls") in claims(text, gazetteer)


# -- who took a place, when the loser is named too ---------------------------------------
@pytest.mark.parametrize("text, expected", [
    # "IS-held" before the object: the blocked word "is" is a whole token only.
    ("Kurdish militia seized the IS-held town of Tal Abyad.", [("Tal Abyad", "sdf", "captured")]),
    # A passive with the loser first: "taken from X by Y".
    ("Manbij was taken from IS by the SDF on Friday.", [("Manbij", "sdf", "captured")]),
    # "the loss of X to Y", as "the fall of X to Y".
    ("The Islamic State's loss of Manbij to the SDF cut its supply line.",
     [("Manbij", "sdf", "captured")]),
    ("The loss of life in Manbij was heavy.", []),
    # "the Kurds" are the Kurdish-led forces.
    ("After the Kurds took Kobani, IS retreated.",
     [("Kobani", "sdf", "captured"), ("Kobani", "isis", "withdrew")]),
])
def test_the_taker_when_the_loser_is_named(gazetteer, text, expected):
    assert sorted(claims(text, gazetteer)) == sorted(expected)


# -- the state's forces after the fall of the Assad government --------------------------
@pytest.mark.parametrize("text, published, expected", [
    # From 8 December 2024 the state's forces are the HTS-led authorities.
    ("Government forces retook the town of Baniyas on Saturday.", dt.date(2025, 3, 10),
     [("Baniyas", "hts", "captured")]),
    ("Security forces took control of Jableh on Sunday.", dt.date(2025, 3, 10),
     [("Jableh", "hts", "captured")]),
    # The old regime's men stay the government side; so do the claims dated before.
    ("Assad loyalists seized the town of Jableh on Thursday.", dt.date(2025, 3, 10),
     [("Jableh", "government", "captured")]),
    ("Government forces retook Palmyra in March 2017.", dt.date(2025, 3, 10),
     [("Palmyra", "government", "captured")]),
    ("Security forces took control of Daraa on Sunday.", dt.date(2013, 3, 10),
     [("Daraa", "government", "captured")]),
    # The Asayish under their own name.
    ("The Internal Security Forces (Asayish) took full control of Qamishli on Monday.",
     dt.date(2025, 3, 10), [("Qamishli", "sdf", "captured")]),
])
def test_state_forces_after_the_fall_of_the_assad_government(gazetteer, text, published,
                                                             expected):
    assert sorted(claims(text, gazetteer, published=published)) == sorted(expected)
