"""Tests of Gazetteer.find_mentions: one Aho-Corasick pass over name keys."""

from __future__ import annotations

import pytest


def surfaces(gaz, text):
    return [m.surface for m in gaz.find_mentions(text)]


def test_ordinary_english_has_no_mentions(gazetteer):
    text = (
        "The army said on Monday it will attack. Tell me what the mission was: a big hit, "
        "one man, a tall road by the hall. Can you agree? The Sham and the Khan were seen. "
        "Iraq and the Iraqi government, Russian forces and Human Rights Watch said so."
    )
    found = [(m.surface, m.candidates[0].name) for m in gazetteer.find_mentions(text)]
    assert found == []


def test_transliterations_found_with_offsets(gazetteer):
    text = "Fighting in Deir ez-Zor and Dayr al-Zawr spread to al-Raqqa and Raqqa's edge."
    ms = gazetteer.find_mentions(text)
    assert [m.surface for m in ms] == ["Deir ez-Zor", "Dayr al-Zawr", "al-Raqqa", "Raqqa"]
    for m in ms:
        assert text[m.start : m.end] == m.surface
    assert ms[0].key == ms[1].key
    assert ms[0].candidates[0].place_id == "gn:170794"
    assert ms[2].candidates[0].place_id == ms[3].candidates[0].place_id == "gn:172955"


def test_longest_leftmost_non_overlapping(gazetteer):
    text = "They reached the Nasib border crossing and Tal Abyad, then Bab al-Hawa."
    ms = gazetteer.find_mentions(text)
    assert [m.surface for m in ms] == ["Nasib border crossing", "Tal Abyad", "Bab al-Hawa"]
    assert ms[0].candidates[0].level == "crossing"
    ends = [(m.start, m.end) for m in ms]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:], strict=False))


def test_whole_tokens_only(gazetteer):
    # "Homsville" contains "Homs" and "Aleppan" starts with "Alep": no match inside words.
    assert surfaces(gazetteer, "Homsville and Aleppan traders") == []
    assert surfaces(gazetteer, "Homs, Aleppo.") == ["Homs", "Aleppo"]


def test_lowercase_words_are_not_places(gazetteer):
    assert surfaces(gazetteer, "the homs of the raqqa") == []


def test_arabic_script(gazetteer):
    ms = gazetteer.find_mentions("قصفت الطائرات مدينة الرقة والميادين")
    assert [m.candidates[0].place_id for m in ms] == ["gn:172955", "gn:173480"]


def test_short_keys_and_acronyms_ignored(gazetteer):
    assert surfaces(gazetteer, "The SDF, YPG, US and UN met at Al.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Clashes in Khan Sheikhoun and Maarat al-Numan.", ["Khan Sheikhoun", "Maarat al-Numan"]),
        ("ISIS lost Mayadin, then al-Bukamal and Mosul.", ["Mayadin", "al-Bukamal", "Mosul"]),
        ("Residents of Sheikh Maqsoud fled to Afrin.", ["Sheikh Maqsoud", "Afrin"]),
        ("An airstrike hit the Shayrat airbase near Homs.", ["Shayrat airbase", "Homs"]),
    ],
)
def test_typical_sentences(gazetteer, text, expected):
    assert surfaces(gazetteer, text) == expected


def test_empty_text(gazetteer):
    assert gazetteer.find_mentions("") == []
    assert gazetteer.find_mentions("   \n") == []


def test_names_with_two_letter_keys_found_when_spelled_exactly(gazetteer):
    # Nawa, al-Rai and Fuaa fold to two-letter keys; they are searched for places of the
    # region, and a hit must match one of the place's spellings as written.
    text = ("Rebels shelled Nawa, al-Rai and Fuaa. Now NA and Na and Nowa are words, "
            "as is Rae.")
    found = [(m.surface, m.candidates[0].country) for m in gazetteer.find_mentions(text)]
    assert found == [("Nawa", "SY"), ("al-Rai", "SY"), ("Fuaa", "SY")]


def test_a_spelling_from_aliases_is_found_in_text(gazetteer):
    # "Arbin" is an aliases.csv spelling of GeoNames' ‘Irbīn (whose own names say "Arbine"):
    # the text search checks a hit against the aliases too.
    found = gazetteer.find_mentions("Faylaq al-Rahman still holds Arbin and Zamalka.")
    assert [m.surface for m in found] == ["Arbin", "Zamalka"]
    assert found[0].candidates[0].place_id == gazetteer.resolve("Irbin").place.place_id


def test_compass_word_opens_a_regional_name_in_lower_case(gazetteer):
    # Reporters write "eastern Ghouta" in lower case; it is the enclave, not all of Ghouta.
    ms = gazetteer.find_mentions("Shelling hit the rebel-held enclave of eastern Ghouta.")
    assert [(m.surface, m.candidates[0].place_id) for m in ms] == [
        ("eastern Ghouta", "cur:eastern-ghouta")]
    # Only a following capitalised word makes it a name: "eastern towns" stays prose.
    assert surfaces(gazetteer, "The eastern towns and the western villages were calm.") == []
