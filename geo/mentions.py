"""Place mentions of a report: gazetteer names plus unknown names next to control verbs.

:func:`find_mentions` runs the gazetteer's single Aho-Corasick pass over the whole
text, reads the cue words around each name ("Raqqa province", "the countryside of
Hama", "western Al-Raqqa", "Deir ez-Zor city"), and resolves each distinct name once
per report with a :class:`~gazetteer.model.Context` holding the level hint, the
coordinates of the report's unambiguous places (``near``) and, when the sentence holds
a distance relation ("26 km south-west of Raqqa"), the sentence (``text``).

Capitalised names the gazetteer does not know, written next to a control verb
("captured the village of Xyz", "Xyz fell to"), become mentions too: resolved when the
gazetteer's fuzzy search finds them, otherwise kept as unresolved mentions with their
sentence (the extractor reports them in ``Extraction.unresolved``), never dropped.
When the sentence locates such a name by a known town ("Xyz, near Atarib", "Xyz, 12 km
south of Manbij") it gets an approximate place there (:mod:`geo._approximate`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from gazetteer.model import Context, Place, Resolution
from gazetteer.normalize import light
from geo._approximate import place_unknown
from geo._names import NAME_PATTERN
from geo._sentences import Sentence, sentences

__all__ = ["Mention", "find_mentions", "governorate_of"]

# A gazetteer hit whose surface is this unlike every spelling of its candidates is an
# ordinary word that happens to share a phonetic key ("Iraqi" -> Raqqa, "Sun" -> Shin).
MIN_SURFACE_SIMILARITY = 70.0
# Co-mentioned places passed as context; a few are enough to pull an ambiguous name
# towards the report's area, and each costs the resolver a distance per candidate.
MAX_NEAR = 8
_NOT_PLACES = frozenset(
    """
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday russian russians iraqi iraqis
    syrian syrians turkish turk turks kurdish kurd kurds iranian iranians american americans
    arab arabs shiite shi'ite sunni israeli lebanese jordanian british french european
    islamic state daesh reuters afp photo deal human led east west north south but quit
    syria iraq turkey lebanon jordan israel russia iran egypt saudi qatar america europe
    washington moscow ankara tehran damascus-based the a an its their
    """.split()
)
_LEVEL_OF_CUE = {
    "governorate": "admin1", "province": "admin1", "countryside": "region",
    "rural": "region", "suburbs": "region", "outskirts": None, "neighbourhood": "neighbourhood",
    "district": None, "city": "settlement", "town": "settlement", "village": "settlement",
    "direction": None,
}
_CUE_WORDS = (r"governorates?|provinces?|countryside|region|district|suburbs|outskirts|"
              r"neighbou?rhoods?|city|town|village")
_AFTER_CUE = re.compile(rf"(?:['’]s)?\s+(?P<cue>{_CUE_WORDS})\b", re.IGNORECASE)
_DIRECTIONS = (r"(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?|central|"
               r"northeastern|northwestern|southeastern|southwestern")
# Led by the letters its words start with (same matches, fewer positions tried).
_BEFORE_CUE = re.compile(
    rf"(?=[cdegnoprstvw])(?:\b(?P<of>{_CUE_WORDS})\s+of\s+|\b(?P<rural>rural)\s+|"
    rf"\b(?P<dir>{_DIRECTIONS})\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
_ONE_OF_MANY = re.compile(r"\b(?:a|an|one|another|first|second|third|fourth|fifth|latest|last)"
                          r"\s+$", re.IGNORECASE)
_TITLES = frozenset(
    """
    president minister general gen colonel col commander mr mrs ms sheikh lt maj brigadier
    envoy spokesman spokeswoman leader chief secretary king prince emir ayatollah imam dr
    """.split()
)
# Capitalised words that may stand next to a place without making it a person's name.
_FUNCTION_WORDS = frozenset(
    """
    the a an in on at to from of for near into after before as and or with by under over
    amid against fall falls fell is are was were has have city town village province
    governorate countryside district but while since until more said says news breaking
    update syria iraq turkey lebanon jordan west east north south northern southern eastern
    western central airport airbase base dam crossing countryside outskirts suburbs
    """.split()
)
_HELD_SUFFIXES = ("-held", "-controlled", "-run", "-occupied", "-ruled", "-dominated",
                  "-backed", "-led", "-besieged", "-encircled")
_PREV_WORD = re.compile(r"([A-Z][\w'’.-]*)\s+$")
_NEXT_WORD = re.compile(r"\s+([A-Z][\w'’-]*)")
_RELATION_HINT = re.compile(r"\d\s*-?\s*(?:km|kilomet|mi)", re.IGNORECASE)

_UNKNOWN_BEFORE = re.compile(
    # Led by the letters its words start with (same matches, fewer positions tried).
    r"(?=[abcdehlnoprstvw])\b(?:captured|captures|seized|seizes|took|takes|retook|retakes|"
    r"recaptured|recaptures|liberated|liberates|overran|entered|enters|stormed|storms|"
    r"besieged|encircled|left|abandoned|(?:withdrew|withdrawn|retreated|pulled\s+out|"
    r"expelled|evacuated|driven\s+out|ousted)\s+from|pulled\s+out\s+of|out\s+of|"
    r"control\s+(?:of|over)|"
    r"(?:villages?|towns?|city|district|neighbou?rhood|suburb|hills?|airbase|air\s+base|dam|"
    r"crossing|airport)\s+of)\s+"
    r"(?:the\s+)?(?:(?:strategic|nearby|key|besieged|embattled|[\w]+-held|northern|southern|"
    r"eastern|western|central|villages?|towns?|city|of)\s+){0,3}"
    rf"(?P<name>{NAME_PATTERN})"
)
_VERB_QUICK = re.compile(r"captur|seiz|took|tak|liberat|overr|enter|storm|besieg|encircl|"
                         r"withdr|retreat|pull|expel|evacuat|control|fell|fall|left|abandon|"
                         r"village|town|city|district|neighbo|suburb|hill|base|dam|crossing|"
                         r"airport|out\s+of|oust|driven", re.I)
_UNKNOWN_NEXT = re.compile(rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?(?P<name>{NAME_PATTERN})")
_FALL_WORDS = (r"\s+(?:fell\b|falls\b|has\s+fallen|was\s+(?:captured|seized|liberated|"
               r"retaken|recaptured|overrun))")
_UNKNOWN_AFTER = re.compile(rf"(?P<name>{NAME_PATTERN}){_FALL_WORDS}")
# Words every _UNKNOWN_AFTER match holds: a cheap scan tells when it cannot match.
_FALL_QUICK = re.compile(r"f(?:ell|alls|allen)|was\s+(?:captured|seized|liberated|retaken|"
                         r"recaptured|overrun)")
_SPACE = re.compile(r"\s")


@dataclass(frozen=True)
class Mention:
    """A place name found in a report.

    Attributes
    ----------
    start, end : int
        Offsets of the name in the report's text.
    surface : str
        The name as written.
    candidates : tuple of Place
        Gazetteer places sharing the name's key (empty for an unknown name).
    resolution : Resolution or None
        The chosen place (``resolution.place`` None when unresolved).
    sentence_index : int
        The sentence it is in (see :func:`geo._sentences.sentences`).
    cue : str or None
        A cue word around it: ``governorate``, ``province``, ``countryside``, ``rural``,
        ``suburbs``, ``outskirts``, ``neighbourhood``, ``district``, ``city``, ``town``,
        ``village`` or ``direction`` ("western Al-Raqqa").
    level_hint : str or None
        The level the cue implies (``admin1``, ``region``, ``settlement``,
        ``neighbourhood``), passed to the gazetteer.
    query : str
        What was asked of the gazetteer (the name with its cue words).
    known : bool
        True for a gazetteer hit, False for an unknown name found next to a verb.
    """

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    resolution: Resolution | None
    sentence_index: int
    cue: str | None = None
    level_hint: str | None = None
    query: str = ""
    known: bool = True

    @property
    def place(self) -> Place | None:
        """The resolved place, or None."""
        return self.resolution.place if self.resolution is not None else None

    @property
    def score(self) -> float:
        """The resolution score (0 when unresolved)."""
        return self.resolution.score if self.resolution is not None else 0.0


def _cue(text: str, start: int, end: int, floor: int) -> tuple[str | None, int, int]:
    """Cue word around text[start:end] and the span of name plus cue."""
    after = _AFTER_CUE.match(text, end, min(len(text), end + 30))
    if after:
        word = after.group("cue").lower().rstrip("s")
        word = "neighbourhood" if word.startswith("neighbo") else word
        word = {"governorate": "governorate", "province": "province"}.get(word, word)
        if word == "region":
            word = "countryside"
        if word == "suburb":
            word = "suburbs"
        return word, start, after.end()
    before = _BEFORE_CUE.search(text, max(floor, start - 40), start)
    if before:
        if before.group("of"):
            word = before.group("of").lower()
            if word.startswith("neighbo") and word.endswith("s"):
                # "the western neighbourhoods of Aleppo": the city they are in.
                return None, start, end
            word = word.rstrip("s")
            word = "neighbourhood" if word.startswith("neighbo") else word
            word = "countryside" if word == "region" else word
            word = "suburbs" if word == "suburb" else word
            return word, before.start(), end
        if before.group("rural"):
            return "rural", before.start(), end
        return "direction", start, end
    return None, start, end


_SIMILAR_CACHE: dict[tuple[str, tuple[str, ...]], bool] = {}


def _similar(surface: str, cands: Sequence[Place]) -> bool:
    """True when ``surface`` looks like a spelling of one of ``cands`` (cached)."""
    ck = (surface, tuple(p.place_id for p in cands[:4]))
    hit = _SIMILAR_CACHE.get(ck)
    if hit is None:
        if len(_SIMILAR_CACHE) > 50_000:
            _SIMILAR_CACHE.clear()
        hit = _SIMILAR_CACHE[ck] = _similar_uncached(surface, cands)
    return hit


def _similar_uncached(surface: str, cands: Sequence[Place]) -> bool:
    s = light(surface)
    if not s:
        return False
    for place in cands[:4]:
        for name in place.names[:40] or (place.name,):
            if fuzz.ratio(s, light(name)) >= MIN_SURFACE_SIMILARITY:
                return True
    return False


@lru_cache(maxsize=4096)
def _title_case(sentence: str) -> bool:
    """Whether most words of a sentence are capitalised (asked for per name in it)."""
    words = sentence.split()
    return bool(words) and sum(w[:1].isupper() for w in words) > 0.6 * len(words)


def _person_like(text: str, a: int, b: int, sent: Sentence) -> bool:
    """True when a one-word name sits in a person's name ("Sergey Lavrov", "Mostafa Bali")."""
    if _SPACE.search(text, a, b):
        return False
    if _title_case(sent.text):
        return False  # a Title Case headline: capitals say nothing
    prev = _PREV_WORD.search(text, max(sent.start, a - 30), a)
    if prev and prev.group(1).lower().endswith(_HELD_SUFFIXES):
        prev = None  # "Turkish-controlled Jarablus": an adjective, not a first name
    if prev:
        word = prev.group(1).rstrip(".").lower()
        if word in _TITLES:
            return True
        at_start = text[sent.start:prev.start()].strip(" \"“‘'(") == ""
        possessive = prev.group(1).endswith(("'s", "’s"))  # "Aleppo's Salaheddin"
        if (not at_start and not possessive and word not in _FUNCTION_WORDS
                and not prev.group(1).isupper()):
            return True
    nxt = _NEXT_WORD.match(text, b, min(len(text), b + 30))
    if nxt:
        word = nxt.group(1).lower()
        if word not in _FUNCTION_WORDS and word not in _NOT_PLACES and not nxt.group(1).isupper():
            return True
    return prev is not None and prev.group(1).rstrip(".").lower() in _TITLES


def _may_fall(text: str) -> bool:
    """False when _UNKNOWN_AFTER cannot match ``text`` (substring tests first: faster)."""
    return ("fell" in text or "fall" in text or "was" in text) and bool(_FALL_QUICK.search(text))


def _looks_like_word(surface: str) -> bool:
    low = surface.lower().replace("’", "'")
    # No word of _NOT_PLACES holds a newline, so "$" matching before one is moot here.
    return (low[:-2] if low.endswith("'s") else low) in _NOT_PLACES


def governorate_of(place: Place, gazetteer) -> Place | None:
    """The governorate (admin1) place containing ``place``, or ``place`` if it is one."""
    if place.level in ("admin1", "region"):
        return place
    if not place.admin1:
        return None
    res = gazetteer.resolve(place.admin1, Context(region=(place.country,), level_hint="admin1"))
    got = res.place
    if got is not None and got.level == "admin1" and got.admin1 == place.admin1:
        return got
    return None


def find_mentions(
    text: str,
    gazetteer,
    *,
    sentence_list: Sequence[Sentence] | None = None,
    exclude: Sequence[tuple[int, int]] = (),
    verb_sentences: set[int] | None = None,
) -> list[Mention]:
    """Place mentions of ``text``, resolved.

    Parameters
    ----------
    text : str
        The whole report text.
    gazetteer : Gazetteer
        Anything with ``find_mentions(text)`` and ``resolve(name, context)``.
    sentence_list : sequence of Sentence, optional
        The report's sentences (computed when not given).
    exclude : sequence of (start, end)
        Spans that are not places (actor names such as "al-Nusra"); hits overlapping
        them are dropped.
    verb_sentences : set of int, optional
        Indices of the sentences holding a control verb (the caller may know them);
        unknown names are only looked for there. Default: every sentence is scanned.

    Returns
    -------
    list of Mention
        In text order. Unknown names next to control verbs are included with
        ``known=False``; their ``place`` is None when the gazetteer cannot resolve them.
    """
    sents = list(sentence_list) if sentence_list is not None else sentences(text)
    starts = [s.start for s in sents]
    from bisect import bisect_right

    def sentence_of(pos: int) -> Sentence | None:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and sents[i].start <= pos < sents[i].end:
            return sents[i]
        return None

    excl = sorted(exclude)

    def excluded(a: int, b: int) -> bool:
        i = bisect_right(excl, (a, 10**12)) - 1
        for j in (i, i + 1):
            if 0 <= j < len(excl) and excl[j][0] < b and a < excl[j][1]:
                return True
        return False

    raw: list[tuple[int, int, str, tuple[Place, ...], Sentence, bool]] = []
    for m in gazetteer.find_mentions(text):
        sent = sentence_of(m.start)
        if sent is None or excluded(m.start, m.end) or _looks_like_word(m.surface):
            continue
        raw.append((m.start, m.end, m.surface, tuple(m.candidates), sent, True))
    known_spans = [(a, b) for a, b, *_ in raw]
    for sent in sents:
        if verb_sentences is not None and sent.index not in verb_sentences:
            continue
        if verb_sentences is None and not _VERB_QUICK.search(sent.text):
            continue
        for rx in (_UNKNOWN_BEFORE, _UNKNOWN_AFTER):
            if rx is _UNKNOWN_AFTER and not _may_fall(sent.text):
                continue
            for um in rx.finditer(sent.text):
                found = [um]
                if rx is _UNKNOWN_BEFORE:
                    nxt = _UNKNOWN_NEXT.match(sent.text, um.end())
                    while nxt is not None:  # "the villages of X and Y"
                        found.append(nxt)
                        nxt = _UNKNOWN_NEXT.match(sent.text, nxt.end())
                for fm in found:
                    a, b = sent.start + fm.start("name"), sent.start + fm.end("name")
                    name = fm.group("name")
                    if (_looks_like_word(name.split()[0]) or excluded(a, b)
                            or any(x < b and a < y for x, y in known_spans)):
                        continue
                    raw.append((a, b, name, (), sent, False))
                    known_spans.append((a, b))
    raw.sort(key=lambda r: r[0])

    # Unambiguous places of the report: context for the ambiguous ones.
    near: list[tuple[float, float]] = []
    for _a, _b, _s, cands, _sent, _k in raw:
        region = [p for p in cands if p.country == "SY"]
        if len(region) == 1 and (region[0].lat, region[0].lon) not in near:
            near.append((region[0].lat, region[0].lon))
    near_t = tuple(near[:MAX_NEAR])

    cues = {a: _cue(text, a, b, sent.start) for a, b, _s, _c, sent, _k in raw}
    for i in range(len(raw) - 2, -1, -1):
        a, b = raw[i][0], raw[i][1]
        nxt = raw[i + 1][0]
        if cues[a][0] is None and cues[nxt][0] in ("governorate", "province") and re.fullmatch(
                r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)", text[b:nxt]) and re.match(
                r"(?:['’]s)?\s+(?:provinces|governorates)\b", text[raw[i + 1][1]:], re.I):
            cues[a] = (cues[nxt][0], a, b)
    cache: dict[tuple[str, str | None, str | None], Resolution] = {}
    out: list[Mention] = []
    for a, b, surface, cands, sent, known in raw:
        if known and (not _similar(surface, cands) or _person_like(text, a, b, sent)):
            continue
        cue, qa, qb = cues[a]
        if cue == "district" and _ONE_OF_MANY.search(text, max(0, qa - 12), qa):
            # "took the first Raqqa district", "seized a district of Aleppo": one unnamed
            # neighbourhood, not the district around the city.
            continue
        hint = _LEVEL_OF_CUE.get(cue) if cue else None
        query = text[qa:qb] if cue and cue != "direction" else surface
        if cue in ("governorate", "province") and qb == b:  # inherited from a list
            query = f"{surface} {cue}"
        rel_text = sent.text if _RELATION_HINT.search(sent.text) else None
        ck = (query, hint, rel_text)
        res = cache.get(ck)
        if res is None and known and hint is None and rel_text is None:
            # One candidate in the region and nothing to weigh: no ranking needed.
            inside = [p for p in cands if p.country == "SY"]
            if len(inside) == 1 and len(cands) <= 3:
                res = Resolution(query, inside[0], 0.95,
                                 tuple(p for p in cands if p is not inside[0]), "exact")
                cache[ck] = res
        if res is None:
            res = gazetteer.resolve(
                query, Context(region=("SY",), near=near_t, level_hint=hint, text=rel_text)
            )
            cache[ck] = res
        # An unknown name next to a control verb takes a fuzzy match only when it is all
        # but the same spelling (rapidfuzz ratio >= 94): "Dashisha" is not "Sūsah".
        if not known and res.place is not None and res.method == "fuzzy" and res.score < 0.8:
            res = Resolution(query, None, 0.0, (), "none", (res.place.name,))
        out.append(Mention(a, b, surface, cands if known else (
            (res.place,) if res.place is not None else ()), res, sent.index, cue, hint, query,
            known))
    return place_unknown(text, out)
