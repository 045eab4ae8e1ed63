"""Tests of place mentions (geo.mentions) against a tiny fake gazetteer.

The fake implements the two calls the module uses (``find_mentions`` and
``resolve``), so these tests do not depend on the real gazetteer's data.
"""

from __future__ import annotations

import re

from gazetteer.model import Context, Match, Place, Resolution
from geo._sentences import sentences, split_sentences
from geo.mentions import find_mentions, governorate_of

RAQQA = Place("t:raqqa", "Raqqa", 35.95, 39.01, "SY", "Ar-Raqqah", "settlement",
              names=("Raqqa", "Raqqah", "Al-Raqqa"))
RAQQA_GOV = Place("adm1:SY.04", "Ar-Raqqah", 35.9, 38.9, "SY", "Ar-Raqqah", "admin1",
                  names=("Raqqa", "Ar-Raqqah"))
MANBIJ = Place("t:manbij", "Manbij", 36.53, 37.95, "SY", "Aleppo", "settlement",
               names=("Manbij", "Menbij"))
DAMASCUS = Place("t:dam", "Damascus", 33.51, 36.29, "SY", "Damascus", "settlement",
                 names=("Damascus",))
DAMASCUS_GOV = Place("adm1:SY.13", "Damascus", 33.5, 36.3, "SY", "Damascus", "admin1",
                     names=("Damascus",))


class FakeGazetteer:
    """Finds whole-word names; resolves by name, honouring the level hint."""

    def __init__(self, places):
        self.places = tuple(places)
        self.calls: list[tuple[str, Context]] = []
        self.by_name: dict[str, list[Place]] = {}
        for p in places:
            for n in p.names:
                self.by_name.setdefault(n.lower(), []).append(p)
        names = sorted(self.by_name, key=len, reverse=True)
        self.rx = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b",
                             re.IGNORECASE)

    def find_mentions(self, text):
        return [Match(m.start(), m.end(), m.group(), m.group().lower(),
                      tuple(self.by_name[m.group().lower()]))
                for m in self.rx.finditer(text) if m.group()[0].isupper()]

    def resolve(self, name, context=None):
        context = context or Context()
        self.calls.append((name, context))
        words = re.sub(r"\b(?:provinces?|governorate|countryside|city|town|village|of|the)\b",
                       "", name, flags=re.I).strip().lower()
        cands = self.by_name.get(words, [])
        if context.level_hint in ("admin1", "region"):
            cands = [p for p in cands if p.level == "admin1"] or cands
        elif cands:
            cands = [p for p in cands if p.level == "settlement"] or cands
        if not cands:
            return Resolution(name, None, 0.0, (), "none", ("Raqqa",))
        return Resolution(name, cands[0], 0.9, tuple(cands[1:]), "exact")


def fake():
    return FakeGazetteer([RAQQA, RAQQA_GOV, MANBIJ, DAMASCUS, DAMASCUS_GOV])


def test_mentions_carry_sentence_and_resolution():
    text = "Rebels left Manbij. The SDF then entered Raqqa on Sunday."
    got = find_mentions(text, fake())
    assert [(m.surface, m.sentence_index, m.place.place_id) for m in got] == [
        ("Manbij", 0, "t:manbij"), ("Raqqa", 1, "t:raqqa")]
    assert all(text[m.start:m.end] == m.surface for m in got)


def test_cue_words_set_the_level_hint():
    gaz = fake()
    got = find_mentions("Fighting spread across Raqqa province and the countryside of "
                        "Damascus, and into Manbij city.", gaz)
    by_name = {m.surface: m for m in got}
    assert by_name["Raqqa"].cue == "province" and by_name["Raqqa"].level_hint == "admin1"
    assert by_name["Raqqa"].place.level == "admin1"
    assert by_name["Raqqa"].query == "Raqqa province"
    assert by_name["Damascus"].cue == "countryside"
    assert by_name["Damascus"].level_hint == "region"
    assert by_name["Manbij"].cue == "city"
    hints = {name: ctx.level_hint for name, ctx in gaz.calls}
    assert hints["Raqqa province"] == "admin1"


def test_direction_words_are_recorded():
    (m,) = find_mentions("Troops advanced in western Raqqa.", fake())
    assert m.cue == "direction" and m.place.level == "settlement"


def test_a_plural_cue_covers_the_list():
    got = find_mentions("The army regained Damascus and Raqqa provinces.", fake())
    assert [(m.surface, m.cue, m.place.level) for m in got] == [
        ("Damascus", "province", "admin1"), ("Raqqa", "province", "admin1")]


def test_co_mentioned_places_are_passed_as_near():
    gaz = fake()
    find_mentions("Rebels entered Manbij. Raqqa province was quiet.", gaz)
    (ctx,) = [c for name, c in gaz.calls if name == "Raqqa province"]
    assert (MANBIJ.lat, MANBIJ.lon) in ctx.near


def test_relation_sentences_are_passed_as_text():
    gaz = fake()
    text = "The SDF took Raqqa province, 30 km east of Manbij."
    find_mentions(text, gaz)
    (ctx,) = [c for name, c in gaz.calls if name == "Raqqa province"]
    assert ctx.text == text


def test_unknown_names_next_to_control_verbs_are_kept_unresolved():
    got = find_mentions("The army captured the village of Tell Abyad al-Gharbi and "
                        "Khirbet Nasr on Friday. Qasr Hamdan fell to rebels.", fake())
    unknown = [(m.surface, m.known, m.place) for m in got]
    assert unknown == [("Tell Abyad al-Gharbi", False, None), ("Khirbet Nasr", False, None),
                       ("Qasr Hamdan", False, None)]
    assert got[0].resolution.suggestions == ("Raqqa",)


def test_names_that_are_not_places_are_dropped():
    gaz = fake()
    # "Raqqa" inside a person's name and inside an excluded (actor) span.
    text = "A spokesman, Ahmed Raqqa, said fighters of the Raqqa Brigade attacked Manbij."
    start = text.index("Raqqa Brigade")
    got = find_mentions(text, gaz, exclude=[(start, start + len("Raqqa Brigade"))])
    assert [m.surface for m in got] == ["Manbij"]


def test_governorate_of_a_settlement():
    gaz = fake()
    assert governorate_of(RAQQA, gaz) == RAQQA_GOV
    assert governorate_of(RAQQA_GOV, gaz) == RAQQA_GOV


def test_sentence_splitter_knows_abbreviations():
    text = ("U.S. troops and Gen. Smith left St. Petersburg at 5 p.m. on Monday. The convoy "
            "moved 20 km. east.\n\nNew paragraph here! And more?")
    got = sentences(text)
    assert [s.text for s in got] == [
        "U.S. troops and Gen. Smith left St. Petersburg at 5 p.m. on Monday.",
        "The convoy moved 20 km. east.", "New paragraph here!", "And more?"]
    assert [s.paragraph for s in got] == [0, 0, 1, 1]
    assert split_sentences("One. Two.") == [(0, 4), (5, 9)]
    # A one-digit day ends a sentence; a one-letter initial does not.
    assert [s.text for s in sentences("It fell on May 8. The army said so, as did J. Smith.")
            ] == ["It fell on May 8.", "The army said so, as did J. Smith."]


def test_lines_without_blank_lines_are_paragraphs_unless_wrapped():
    scraped = "Headline about the war\nFirst paragraph ends here.\nSecond one too."
    assert [s.paragraph for s in sentences(scraped)] == [0, 1, 2]
    wrapped = ("This paragraph was wrapped by an e-mail program at a fixed width so\n"
               "that every line is about the same length and none of them ends\n"
               "with a full stop until the very last line of the block.\n")
    assert len(sentences(wrapped)) == 1
