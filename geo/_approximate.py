"""Place unknown names where the sentence locates them ("Xyz, near Atarib").

A name the gazetteer cannot resolve, or resolves only abroad, is given an
approximate place (:func:`gazetteer.approximate.place_near`) when the words right after
it tie it to a known town of the same sentence:

- "the village of Xyz, near Atarib", "Xyz outside Manbij", "Xyz on the outskirts of Raqqa"
- "Xyz, 12 km south-west of Manbij", "Xyz, a village east of al-Bab", "Xyz, 8 km from Afrin"
- "Xyz in the Bulbul district", "Xyz in the al-Bab area", "Xyz (to the west of Manbij)"
- lists share the relation after the last name: "the villages of Xyz and Abc, south of Jarablus"

A governorate or a countryside is no anchor ("Xyz in the Idlib countryside" stays
unresolved): the place would be tens of km off. The mention keeps ``known=False`` and
its resolution has method ``approximate``, so the extractor still lists the name as
missing from the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gazetteer.approximate import bearing_of, place_near
from gazetteer.model import Resolution
from geo._names import NAME_PATTERN

__all__ = ["APPROXIMATE_SCORE", "place_unknown"]

# Resolution score of an approximate place: claims on it carry a lower confidence.
APPROXIMATE_SCORE = 0.5
_DIRECTION = r"(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?"
_RELATION = re.compile(
    # more names of the same list, known or not: "Xyz and Abc, near ..."
    rf"(?:\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?{NAME_PATTERN})*"
    # an apposition: ", a small village", ", the hilltop"
    r"\s*,?\s*(?:(?:a|an|the|two|three)\s+(?:small\s+|nearby\s+|strategic\s+|key\s+)?"
    r"(?:villages?|towns?|hills?|hilltops?|hamlets?|farms?|areas?|bases?|positions?|"
    r"crossings?|checkpoints?)\s*,?\s*)?"
    r"(?:(?:which|that)\s+(?:is|are|lies|lie)\s+|(?:located|situated|lying|just)\s+)?"
    r"(?:(?:about|some|around|roughly|nearly|almost|approximately|less\s+than|"
    r"more\s+than)\s+)?"
    r"(?:(?P<distance>\d+(?:[.,]\d+)?)\s*-?\s*(?P<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)"
    r"\s+(?:\([^)]*\)\s+)?(?:to\s+the\s+)?)?"
    r"\(?(?:to\s+the\s+)?"
    rf"(?:(?P<direction>{_DIRECTION})\s+of|(?P<near>near|outside|close\s+to|next\s+to|"
    rf"on\s+the\s+(?:{_DIRECTION}\s+)?(?:outskirts|edges?)\s+of|from)|(?P<district>in))"
    r"\s+(?:the\s+(?:town|city|village)\s+of\s+|the\s+)?",
    re.IGNORECASE,
)
_DISTRICT_AFTER = re.compile(r"\s+(?:(?:sub-?)?district|area|region)\b", re.IGNORECASE)
# Cues of an anchor that make it no point: a province, a countryside, a region.
_WIDE_CUES = frozenset({"governorate", "province", "countryside", "rural", "suburbs"})
_POINT_LEVELS = frozenset({"settlement", "neighbourhood", "facility", "crossing"})


def _anchor_ok(mention) -> bool:
    place = mention.place
    return (place is not None and place.country == "SY" and place.level in _POINT_LEVELS
            and mention.cue not in _WIDE_CUES and mention.resolution is not None
            and mention.resolution.method != "approximate")


def _unplaced(mention) -> bool:
    # A name resolved abroad by a shared phonetic key ("Kharwan" -> Harran in Turkey)
    # is as good as unknown when the sentence puts it next to a Syrian town.
    return mention.place is None or mention.place.country != "SY"


def _locate(text: str, mention, anchors: dict) -> tuple | None:
    """(anchor mention, distance km or None, bearing or None) for ``mention``, or None."""
    m = _RELATION.match(text, mention.end)
    if m is None:
        return None
    anchor = anchors.get(m.end())
    if anchor is None or anchor.sentence_index != mention.sentence_index:
        return None
    distance = None
    if m.group("distance"):
        distance = float(m.group("distance").replace(",", "."))
        if m.group("unit").lower().startswith("mi"):
            distance *= 1.609
    if m.group("district"):
        # "in the Bulbul district", "in the al-Bab area": named after its town.
        if anchor.cue != "district" and not _DISTRICT_AFTER.match(text, anchor.end):
            return None
        return anchor, None, None
    if m.group("near") and m.group("near").lower() == "from" and distance is None:
        return None  # "drove them out of Xyz from Manbij": no location
    bearing = bearing_of(m.group("direction")) if m.group("direction") else None
    return anchor, distance, bearing


def place_unknown(text: str, mentions: list) -> list:
    """``mentions`` with approximate places for the unknown names the text locates.

    Parameters
    ----------
    text : str
        The report text the mentions' offsets refer to.
    mentions : list of Mention
        In text order, as :func:`geo.mentions.find_mentions` builds them.

    Returns
    -------
    list of Mention
        The same list; an unresolved unknown name followed by a relation to a known
        town of its sentence gets that approximate place (resolution method
        ``approximate``, score :data:`APPROXIMATE_SCORE`).
    """
    if not any(_unplaced(m) for m in mentions):
        return mentions
    anchors = {m.start: m for m in mentions if _anchor_ok(m)}
    out = []
    for mention in mentions:
        found = None
        if _unplaced(mention):
            found = _locate(text, mention, anchors)
        if found is None:
            out.append(mention)
            continue
        anchor, distance, bearing = found
        place = place_near(mention.surface, anchor.place, distance, bearing)
        resolution = Resolution(mention.query or mention.surface, place, APPROXIMATE_SCORE,
                                (), "approximate")
        out.append(replace(mention, candidates=(place,), resolution=resolution))
    return out
