"""Shared pieces of the cue linker (private to :mod:`geo._assign` and its handlers).

The data passed around (:class:`PlaceRef`, :class:`ActorRef`, :class:`Candidate`,
:class:`State`), the places of a sentence including "the city"-style references
(:func:`place_refs`), and :class:`SentenceBase`: one sentence's text, places and
actors with the helpers every cue handler uses (clauses, negation and modality, the
doer of a verb, the places a path links forward or backward).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from gazetteer.model import Place
from geo import _cues as C
from geo.actors import OUTSIDE, ActorMention
from geo.mentions import Mention

_REGION_CUES = {"governorate", "province", "countryside", "rural", "suburbs", "direction"}
_FRACTION_WORDS = {
    "half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "one-third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
    "one-quarter": 0.25, "three quarters": 0.75, "three-quarters": 0.75,
}
# "most of" = 0.75 and "much of" / "large parts of" = 0.6: representative values for
# vague majorities (documented in docs/BENCHMARKS.md, Extraction).
MOST_FRACTION = 0.75
MUCH_FRACTION = 0.6
NEARLY_ALL_FRACTION = 0.95
_CONTROL_BEFORE_ACTOR = re.compile(
    r"\s*(?:the\s+)?(?:full\s+|complete\s+|total\s+|effective\s+|firm\s+)?"
    r"(?:(?:control|rule)\s+of\s+(?:the\s+)?)?(?:our\s+)?", re.I,
)
_CAPTURE_UNDER = re.compile(r"^(?:came|come|comes|fell|falls|returned|returns|brought|bring)",
                            re.I)
# "the group's main stronghold", "IS, whose de facto capital".
_POSSESSOR_GAP = re.compile(r"(?:['’]s?|\s*,\s*whose)?\s+(?:(?:main|last|key|major|largest|biggest|"
                            r"remaining|de[\s-]?facto|self-\w+|so-called|stronghold|"
                            r"military|northern|southern|eastern|western|only|final|"
                            r"strategic|symbolic|administrative|effective|own|most|"
                            r"important|principal|primary|oldest|traditional|coastal|desert|"
                            r"mountain|mountainous|rural|urban|central|spiritual|political|"
                            r"fortified|historic|ancestral|Alawite)\s+){0,3}", re.I)
_OF_ACTOR_GAP = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?(?:so-called\s+|self-\w+\s+)?",
                           re.I)
_ITS_BEFORE = re.compile(r"\b(?:its|their)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_IN_AT_BEFORE = re.compile(r"\b(?:in|at|inside|within)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_PAREN = re.compile(r"\([^)]*\)|\([^)]*$")
_TO_AGENT = re.compile(r"\s+to\s+(?:the\s+)?", re.I)
_BY_AFTER = re.compile(r"\s+by\s+(?:the\s+)?", re.I)
_FROM_LOSER = re.compile(r"\s+from\s+(?:the\s+)?", re.I)  # "taken from IS by the SDF"
_THE_GAP = re.compile(r"\s+(?:the\s+)?", re.I)
_FELL_AGENT = re.compile(
    r"\s+(?:(?:on|in|late\s+on|early\s+on|last)\s+[\w,]+(?:\s+\d{4})?\s+)?(?:to|into\s+"
    r"the\s+hands\s+of|under\s+the\s+control\s+of|under)\s+(?:the\s+)?", re.I)
_REPEL_PATH = re.compile(
    r"\s+(?:on|against|targeting)\s+(?:the\s+)?(?:(?:[\w'’-]+\s+){0,2}?(?:town|city|village|base|"
    r"airbase|air\s+base|airport)\s+of\s+(?:the\s+)?)?", re.I)
# "left X under siege", "leaving Damascus in charge of a small zone": X's state, or X
# standing for its government, not a place left.
_STATE_AFTER = re.compile(r",?\s+(?:(?:[^,.;]{0,80}?,\s*)?(?:under|in\s+the\s+hands\s+of)|"
                          r"(?:in|with)\s+(?:charge|control|command)\s+of)\b", re.I)
_FROM_AFTER = re.compile(r"\s+(?:from|out\s+of|of)\b", re.I)
_HELD_PARTS = re.compile(
    r"\s+(?:(?:[\w'’-]+\s+){0,1}(?P<what>districts?|parts?|areas?|neighbou?rhoods?|sections?|"
    r"quarters?|pockets?)\s+of\s+(?:the\s+)?)", re.I)
_HYPOTHETICAL = C.compile_led("aefp", r"\b(?:any|possible|potential|eventual|future|planned|"
                              r"expected)\s+$", re.I)
_WITHDRAW_WORD = re.compile(r"\b(?:withdr|pulled|retreated)", re.I)
_INTRANSITIVE = re.compile(r"(?:withdr[ae]wn?|pulled\s+(?:out|back)|retreated)$", re.I)
_WHERE_END = re.compile(r"(?:\s*,)?\s*\b(?:where|in\s+which)$", re.I)
_SPACE_PATH = re.compile(r"\s*(?:\([^)]*\))?\s*")
_CITY_OF_PART = re.compile(
    r"['’]s\s+(?:(?:besieged|embattled|rebel-held|former|eastern|western|northern|southern|"
    r"old)\s+)?|\s+(?:bastion|stronghold|district|neighbou?rhood|suburb|quarter)\s+of\s+",
    re.IGNORECASE)
_IN_AREA_BEFORE = re.compile(
    r"\b(?:pocket|enclave|positions?|areas?|territory|bastion|stronghold|posts?|front|desert)\s+"
    r"in\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:[\w'’-]+\s+and\s+(?:(?:north|south|east|west)\w*\s+)?)?$",
    re.IGNORECASE)
# "Saida, Um al-Mayathen and al-Naimeh": a list goes on past a name the gazetteer lacks.
_UNKNOWN_NAME = (r"(?-i:(?:(?:al|el|an|ad|as|ash|at|ar|um|umm|tal|tell)[\s-])?"
                 r"[A-Z][\w'’-]*(?:\s+(?:al-|el-)?[A-Z][\w'’-]*){0,3})")
_DISTANCE_ASIDE = re.compile(
    r",\s*(?:about|some|around|nearly|roughly|just|only)?\s*\d[\d,.]*\s*(?:-\s*)?(?:km|kilomet(?:er|re)s?|"
    r"miles?)\s*(?:\([^()]{1,20}\)\s*)?(?:[\w-]+\s+){0,2}?(?:of|from)\s+[^,;.()]{1,40}?(?=,)",
    re.IGNORECASE)
_LIST_OVER_UNKNOWN = re.compile(
    C.LIST_SEP_RE.pattern + _UNKNOWN_NAME + C.LIST_SEP_RE.pattern, re.IGNORECASE)


@lru_cache(maxsize=16)
def _past_unknown(path: re.Pattern) -> re.Pattern:
    """``path`` followed by an unknown name and a list separator."""
    return re.compile(path.pattern + _UNKNOWN_NAME + C.LIST_SEP_RE.pattern, path.flags)
_TOPIC_IN = re.compile(r"\s*(?:meanwhile,?\s+)?in\s+(?:the\s+(?:city|town)\s+of\s+)?",
                       re.IGNORECASE)
_OPEN_RELATIVE = re.compile(r",\s*(?:which|where|who)\b[^,;()]*$", re.IGNORECASE)
_LOCATING_GAP = re.compile(
    r"\s*,?\s*(?:(?:about\s+)?\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    # "Markada, further south along the Khabur river, which remains ...": Markada.
    r"(?:(?:further|farther)\s+" + C.COMPASS + r"\s+)?"
    # "the Abu al-Duhur military airport in the south-east of the province, which ...".
    r"(?:\s*(?:military\s+|air\s+)?(?:bases?|airports?|air\s*bases?|airbases?|barracks|camps?)\s+)?(?:"
    + C.COMPASS + r"\s+of|near|outside|in|at|along|on\s+the\s+(?:" + C.COMPASS
    + r"\s+)?(?:edge|outskirts)\s+of|in\s+the\s+" + C.COMPASS + r"\s+of)\s+(?:the\s+)?"
    r"(?:(?:city|town|province)\s+of\s+)?", re.IGNORECASE)
_AND_ONLY = re.compile(r"\s*(?:,\s*)?(?:and|or)\s+(?:the\s+)?", re.IGNORECASE)
_POSSESSIVE_HOLDING = re.compile(
    r"\s*(?:\([^)]{1,12}\)\s*)?(?:group|organi[sz]ation|militia)?['’]s?\s+(?:[\w-]+\s+){0,2}?"
    r"(?:stronghold|bastion|capital|headquarters|heartland|territory|enclave|pocket)s?\b",
    re.IGNORECASE)
_RELATIVE_SUBJECT = re.compile(
    r"\s*,?\s*(?:who|which|that)\s+(?:(?:had|has|have|then|later|also|eventually|finally|"
    r"first|only|recently)\s+){0,2}", re.IGNORECASE)
_BY_AGENT = re.compile(C.BY_AGENT_RE.pattern.rstrip("$"), re.I)
_HELD_APPOSITIVE = re.compile(r"\s*,\s*(?:a|an|the|its)\s+(?:[\w'’-]+\s+){0,4}?(?:of\s+the\s+)?",
                              re.I)
# "Azaz lies in rebel-held territory", "X, deep inside IS-held areas": X is held.
_LIES_IN = re.compile(
    r"(?:\s*,\s*|\s*,?\s+(?:(?:which|that)\s+)?(?:(?:lies|lie|lay|lying|sits|is|are|was|were|remains?|"
    r"located|situated)\s+){1,2})(?:(?:deep|well|firmly|now|still|also)\s+)?(?:inside|in|within)\s+"
    r"(?:the\s+)?", re.I)
_HELD_AREA_AFTER = re.compile(r"\s+(?:territory|territories|areas?|zones?|lands?)\b", re.I)
# "Nubl and Zahraa, two government-held Shia towns": the list before is held.
_HELD_APPOSITIVE_LIST = re.compile(
    r"\s*,\s*(?:two|three|four|five|six|both|all)\s+(?:of\s+them\s+)?(?:[\w'’-]+\s+){0,2}?",
    re.I)


@dataclass
class PlaceRef:
    """A place in a sentence: a mention, or "the city" / "it" standing for one."""

    start: int
    end: int  # end of the name plus a following cue word ("Raqqa province")
    mention: Mention
    anaphor: bool = False
    locative: bool = False

    @property
    def place(self) -> Place | None:
        return self.mention.place


@dataclass
class ActorRef:
    """An actor mention with its resolved actor (generic words resolved)."""

    start: int
    end: int
    raw: str
    actor: str
    coref: bool
    is_object: bool


@dataclass
class Candidate:
    """A claim before dating, sourcing and merging."""

    place: PlaceRef
    actor: str
    actor_raw: str
    status: str
    kind: str
    cue_pos: int
    fraction: float | None = None
    region: bool = False
    coref: bool = False
    strength: float = 0.8
    hedged: bool = False
    date_pos: int | None = None


@dataclass
class State:
    """What earlier sentences of the report tell the current one."""

    recent_actors: list[str] = field(default_factory=list)
    last_subject: str | None = None
    # The side the outlet speaks for (see :func:`geo.actors.outlet_side`).
    outlet_side: str | None = None
    # "seized 20 villages on Monday. These include X, Y and Z": (sentence index, actor,
    # status, kind) of the last capture or holding of unnamed places.
    group_claim: tuple[int, str, str, str] | None = None
    last_places: list[Mention] = field(default_factory=list)
    targets: list[tuple[Mention, int]] = field(default_factory=list)
    sentence_index: int = 0
    # The place a sentence opens with ("Ain Issa, which ..., has been surrounded"): what
    # "The town" opening the next sentence is about.
    topic: Mention | None = None


def actor_refs(text: str, mentions: list[ActorMention], resolved: list[str],
               corefs: list[bool]) -> list[ActorRef]:
    """Pair actor mentions with their resolved actors and mark the objects."""
    out: list[ActorRef] = []
    for m, actor, coref in zip(mentions, resolved, corefs, strict=True):
        # "the Islamic State (IS) group's main stronghold": a possessor is no doer.
        owner = _POSSESSIVE_HOLDING.match(text, m.end) is not None or (
            text.startswith(("'s", "’s"), m.end)
            and _TAKEN_BEFORE.search(text, max(0, m.start - 20), m.start) is not None)
        is_object = owner or _is_object(text, m.start)
        if not is_object and out and out[-1].is_object and _COORDINATED.fullmatch(
                text, out[-1].end, m.start) and "," not in text[out[-1].end:m.start] and \
                not _PARTITIVE.search(
                text, max(0, out[-1].start - 40), out[-1].start):
            is_object = True  # "to clear Daesh and the PYD/PKK from": both are targets
        if out and out[-1].actor == "unknown" and actor != "unknown" and _LED_BY.fullmatch(
                text, out[-1].end, m.start):
            # "armed groups led by HTS seized X": the leader names the unnamed doers.
            out[-1] = replace(out[-1], actor=actor)
        out.append(ActorRef(m.start, m.end, m.raw, actor, coref, is_object))
    return out


def place_refs(text: str, offset: int, mentions: list[Mention], state: State,
               dateline_end: int = -1) -> list[PlaceRef]:
    """Places of a sentence: its mentions plus "the city"-style references.

    ``offset`` is the sentence's start in the report; mentions use report offsets.
    """
    refs: list[PlaceRef] = []
    qualifiers: set[int] = set()
    for m in mentions:
        if m.place is None or m.start < dateline_end:
            continue
        start, end = m.start - offset, m.end - offset
        if m.query and m.cue in ("governorate", "province", "countryside", "city", "town",
                                 "village", "suburbs", "neighbourhood", "district"):
            if text[start:start + len(m.query)] == m.query:
                end = start + len(m.query)
        if _ROAD_NAME.match(text, m.end - offset):
            continue  # "secured the Damascus-Homs highway": a road, not the city
        if m.start in qualifiers:
            continue
        qualifier = _QUALIFIER_OF.match(text, m.end - offset)
        named = next((n for n in mentions if n.start - offset == qualifier.end()),
                     None) if qualifier else None
        if named is not None:
            if m.place.level != "neighbourhood" or named.place is None \
                    or named.place.level == "neighbourhood":
                continue  # "the Idlib town of Ariha": Idlib only says where Ariha is
            # "the Sheikh Maqsoud district of Aleppo": one reference, to the district.
            qualifiers.add(named.start)
            end = named.end - offset
        loc = _locative(text, start)
        if loc and _TOPIC_IN.fullmatch(text, 0, start) and text[end:end + 1] == ",":
            loc = False  # "In Raqqa, the SDF said they held 90 percent of the city"
        if not loc and refs and refs[-1].locative and _AND_ONLY.fullmatch(text, refs[-1].end,
                                                                           start):
            loc = True  # "between Aleppo and Raqqa": both are reference points
        refs.append(PlaceRef(start, end, m, locative=loc))
    for a_start, a_end, level in _anaphors(text):
        if any(r.start <= a_start < r.end or a_start <= r.start < a_end for r in refs):
            continue
        topic = state.topic
        if (not text[:a_start].strip() and topic is not None
                and topic.sentence_index == state.sentence_index - 1
                and _level_fits(topic.place, level)):
            target = topic
        else:
            target = _focus(state, refs, a_start, level, text)
        if target is not None:
            refs.append(PlaceRef(a_start, a_end, target, anaphor=True,
                                 locative=_locative(text, a_start)))
    for group in _PLURAL_ANAPHOR.finditer(text):
        if any(r.start <= group.start() < r.end for r in refs):
            continue
        for target in _last_group(state, _COUNTS[(group.group("count") or "both").lower()]):
            refs.append(PlaceRef(group.start(), group.end(), target, anaphor=True,
                                 locative=_locative(text, group.start())))
    refs.sort(key=lambda r: r.start)
    return refs


# "drove them out of the two villages": the places named together just before.
_COUNTS = {"two": 2, "both": 2, "three": 3, "four": 4}
_PLURAL_ANAPHOR = re.compile(
    r"\b(?:the\s+(?P<count>two|three|four)|both(?:\s+the)?)\s+"
    r"(?:villages|towns|cities|districts|neighbou?rhoods)\b", re.IGNORECASE)


def _last_group(state: State, count: int) -> list[Mention]:
    """The settlements of the last sentence before that named any, when it named exactly
    ``count`` of them."""
    recent = [m for m in state.last_places if m.place is not None
              and m.place.level in ("settlement", "neighbourhood")
              and m.sentence_index >= state.sentence_index - 2]
    if not recent:
        return []
    found: list[Mention] = []
    for m in recent:
        if m.sentence_index == recent[-1].sentence_index and all(
                f.place.place_id != m.place.place_id for f in found):
            found.append(m)
    return found if len(found) == count else []


_COORDINATED = re.compile(r"(?:\s*\([^()]{1,20}\))?(?:\s+(?:brigades|factions|groups|fighters|"
                          r"units|forces|rebels|militants|alliance))?\s*(?:,\s*)?(?:and|as\s+well\s+as|along\s+with|"
                          r"together\s+with)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?",
                          re.IGNORECASE)
# "Fighters from the NLF and HTS": "from" here says whose fighters, not against whom.
_PARTITIVE = re.compile(r"\b(?:fighters|members|units|militants|troops|forces|elements|rebels|"
                        r"gunmen|brigades|factions)\s+(?:from|of)\s+(?:the\s+)?(?:several\s+|"
                        r"a\s+number\s+of\s+)?$", re.IGNORECASE)
# Words that open a list of some of the group or places named before ("rebels, among
# them Nusra"; "territory held by IS, including X").
SUBSET_WORDS = r"(?:among\s+them|including|such\s+as|notably)"
_MEMBERS_ASIDE = re.compile(rf"\s*,\s*(?:{SUBSET_WORDS}|mainly|mostly)\s+[^,;()]{{0,60}}",
                            re.IGNORECASE)
# "rebels, among them Nusra": some of the head's men; "militants, mostly of Nusra" says
# who the head's men are, and the members stay the latest named.
SUBSET_ASIDE = re.compile(rf"\s*,\s*{SUBSET_WORDS}\s+[^,;()]{{0,60}}", re.IGNORECASE)
_PART_NOUNS = frozenset({"neighbourhoods", "neighborhoods", "districts", "quarters", "suburbs"})
_ROAD_NAME = re.compile(r"(?:\s*[-–]\s*[\w'’ -]{2,30}?)?\s+(?:international\s+|main\s+|"
                        r"strategic\s+)?(?:highway|road|motorway|railway|pipeline)\b",
                        re.IGNORECASE)
_QUALIFIER_OF = re.compile(r"['’]?s?\s+(?:province\s+|provincial\s+)?(?:town|city|village|"
                           r"district|neighbou?rhood|suburb|border\s+town|border\s+crossing)"
                           r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


# Pure functions of a sentence's text, cached: they run for every sentence (or every
# mention) and the same sentences recur across reports (boilerplate, relayed copy).
_CACHE = 4096


@lru_cache(maxsize=_CACHE)
def _is_object(text: str, start: int) -> bool:
    """True when the actor at ``start`` is an object ("against the rebels")."""
    lo = max(0, start - 40)
    return bool(C.OBJECT_BEFORE_RE.search(text, lo, start) or _POSSESSED_OF.search(text, lo, start))


# "the main stronghold of the terrorists", "the last positions of IS": the owner of a
# place is no doer of the clause around it.
_POSSESSED_OF = re.compile(
    r"\b(?:strongholds?|bastions?|positions|territor(?:y|ies)|areas|lines|defen[cs]es|"
    r"fortifications|dens|hideouts|pockets?|remnants|presence|hands|grip|capital|"
    r"headquarters|enclaves?|heartland|fiefdom)\s+of\s+(?:the\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=_CACHE)
def _locative(text: str, start: int) -> bool:
    """True when the place at ``start`` locates something else ("near X")."""
    return bool(C.LOCATIVE_BEFORE_RE.search(text, max(0, start - 40), start))


@lru_cache(maxsize=_CACHE)
def _anaphors(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, place level) of the "the town"-style references of a sentence."""
    if not C.ANAPHOR_QUICK_RE.search(text):
        return ()
    return tuple(
        (a.start(), a.end(),
         C.ANAPHOR_KINDS.get(re.sub(r"\s+", " ", a.group("kind").lower()), "settlement"))
        for a in C.PLACE_ANAPHOR_RE.finditer(text)
        # "the Old City", "the Tabqa Dam": a name the gazetteer lacks, not a reference back.
        if not _NAME_BEFORE_KIND.search(a.group()))


# A capitalised word right before the kind word, not a "-held" compound.
_NAME_BEFORE_KIND = re.compile(r"^\S+\s+(?:\S+\s+)*[A-Z][\w'’]*\s+\S+$")


@lru_cache(maxsize=_CACHE)
def _hedged(text: str) -> bool:
    return bool(C.HEDGE_RE.search(text))


@lru_cache(maxsize=_CACHE)
def _clause_start(text: str, pos: int) -> int:
    start = 0
    for m in C.CLAUSE_BOUNDARY_RE.finditer(text, 0, pos):
        start = m.end()
    return start


_DENIED_CLAIM = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|dismisses|rejected|rejects|refuted|refutes)\s+"
    r"(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:claims?|reports?|rumou?rs?|allegations?)\b[^.;]{0,80}?"
    r"\b(?:that|of)\b[^.;]*$", re.IGNORECASE)


@lru_cache(maxsize=_CACHE)
def _blocked(text: str, cue_start: int, cue_end: int, kind: str) -> tuple[bool, bool]:
    """(negated, modal) for the cue at ``cue_start`` (see :meth:`SentenceBase.blocked`)."""
    lo = max(_clause_start(text, cue_start), cue_start - 60)
    # A parenthesis ("(who had agreed to leave)") does not scope over the cue.
    pre = _PAREN.sub(" ", text[lo:cue_start])
    if kind == "hold_noun":
        # "vowed not to let it take Azaz, the rebels' last stronghold": the negation is
        # the verb's; an appositive holding noun is negated only inside its own phrase.
        pre = pre[pre.rfind(",") + 1:]
    negated = kind not in ("repel", "deny_loss") and bool(C.NEGATION_RE.search(pre))
    if _HYPOTHETICAL.search(pre):
        return negated, True
    if not negated and C.CLAIM_BEFORE_RE.search(text, 0, cue_start):
        # "claims that X fell were false"; "denied claims that the factions took X".
        negated = bool(C.CLAIM_FALSE_RE.search(text, cue_end)) or bool(
            _DENIED_CLAIM.search(text, max(0, cue_start - 120), cue_start))
    wide = text[max(0, cue_start - 60):cue_start]
    modal = bool(C.MODAL_RE.search(pre)) or (
        bool(C.TO_BEFORE_RE.search(pre)) and not C.FIRST_TO_RE.search(wide)
    )
    return negated, modal


def _level_fits(place: Place | None, level: str) -> bool:
    if place is None or place.country != "SY":
        return False
    if level == "settlement":
        return place.level == "settlement"
    if level == "it":  # "it" stands for a town, a base or a crossing alike
        return place.level in ("settlement", "facility", "crossing", "neighbourhood")
    if level == "neighbourhood":
        return place.level == "neighbourhood"
    if level == "admin1":
        return place.level == "admin1"
    return place.level in ("facility", "crossing")


# "overran the army's Brigade 93": the owner of what was taken is no doer.
_TAKEN_BEFORE = re.compile(r"\b(?:overr[au]n|seized|captured|took|stormed|raided)\s+(?:the\s+)?$",
                           re.IGNORECASE)
_OWN_PRONOUN = re.compile(r"\b(?:they|it)\s+(?:(?:had|have|has|then|later|also|finally|"
                          r"quickly|eventually|now)\s+)*$", re.IGNORECASE)
_LED_BY = re.compile(r"\s*,?\s+(?:led|headed|spearheaded|dominated)\s+by\s+(?:the\s+)?",
                     re.IGNORECASE)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_CONTROL_WORD = re.compile(r"(?:controll?|held|hold|run)", re.IGNORECASE)
_DEGREE_BEFORE = re.compile(r"\b(largely|mostly|partly|partially)\s+$", re.IGNORECASE)
_APPOSITIVE_GAP = re.compile(r"\s*,\s*")
_IN_BEFORE = re.compile(r"\b(?:in|inside)\s+(?:the\s+)?$", re.IGNORECASE)
_SAY_GAP = re.compile(r"\s+(?:say|says|said|report|reported|told\s+\w+)\s+(?:that\s+)?",
                      re.IGNORECASE)


def _focus(state: State, refs: list[PlaceRef], pos: int, level: str,
           text: str = "") -> Mention | None:
    """The place "the town" (or "it") refers to at ``pos``."""
    here = [r for r in refs if r.end <= pos and not r.anaphor and _level_fits(r.place, level)]
    for r in reversed(here):
        if not r.locative:
            return r.mention
    if here and text:
        last = here[-1]
        # "from Jobar, the rebel-held district": an appositive names the place before it;
        # "activists in Qaboun say the district ...": so does "in X" opening the sentence.
        if _APPOSITIVE_GAP.fullmatch(text, last.end, pos) or (
                _IN_BEFORE.search(text, max(0, last.start - 8), last.start)
                and _SAY_GAP.fullmatch(text, last.end, pos)):
            return last.mention
    for m, _ in reversed(state.targets):
        if _level_fits(m.place, level):
            return m
    if here:
        return here[-1].mention
    for m in reversed(state.last_places):
        if _level_fits(m.place, level):
            return m
    return None


def _fraction(m: re.Match) -> tuple[bool, float | None]:
    """(is_partial, fraction) from a QUANT match; (False, None) for "all of"."""
    if not m.group("quant"):
        return False, None
    if m.group("pct"):
        a = float(m.group("pct"))
        b = float(m.group("pct2")) if m.group("pct2") else a
        value = (a + b) / 200.0
        return (value < 0.995), round(min(1.0, value), 3)
    if m.group("all"):
        if re.match(r"(?:nearly|almost|virtually|practically)\b", m.group("quant"), re.I):
            return True, NEARLY_ALL_FRACTION  # the prefix took "almost" from "almost all"
        return False, None
    if m.group("nearall"):
        return True, NEARLY_ALL_FRACTION
    if m.group("frac"):
        word = re.sub(r"\s+", " ", m.group("frac").lower())
        return True, round(_FRACTION_WORDS.get(word, 0.5), 3)
    if m.group("parts"):
        return True, None
    quant = m.group("quant").lower()
    if "most" in quant or "majority" in quant or "bulk" in quant:
        return True, MOST_FRACTION
    return True, MUCH_FRACTION


class SentenceBase:
    """The working view of one sentence."""

    def __init__(self, text: str, places: list[PlaceRef], actors: list[ActorRef],
                 state: State, gazetteer, cues: list[re.Match] | None = None) -> None:
        self.text = text
        self.cues = cues
        self.places = sorted(places, key=lambda p: p.start)
        self.actors = actors
        self.state = state
        self.gaz = gazetteer
        self.hedged = _hedged(text)
        self.out: list[Candidate] = []
        self.targeted: set[int] = set()
        self.held: dict[int, str] = {}

    # -- helpers -------------------------------------------------------------------------
    def clause_start(self, pos: int) -> int:
        return _clause_start(self.text, pos)

    def blocked(self, cue_start: int, cue_end: int, kind: str) -> tuple[bool, bool]:
        """(negated, modal) for the cue at ``cue_start``."""
        return _blocked(self.text, cue_start, cue_end, kind)

    def subject(self, pos: int) -> ActorRef | None:
        """The doer of a cue at ``pos``: the nearest non-object actor before it, else
        what a pronoun in its clause refers to."""
        best = None
        for a in self.actors:
            if a.end <= pos and not a.is_object:
                best = a
        if best is not None and _OWN_PRONOUN.search(
                self.text, max(best.end, self.clause_start(pos)), pos):
            best = None  # ", and in late July they seized X": the clause's own subject
        # "areas held by Turkish-backed rebels, who seized X": the relative pronoun makes
        # the actor before it (even an object) the doer of its clause.
        for a in reversed(self.actors):
            if a.end <= pos and a.actor != "unknown":
                if _RELATIVE_SUBJECT.fullmatch(self.text, a.end, pos):
                    return a
                break
        if best is not None:
            # "rebels, among them fighters of the Nusra Front, pulled back": the head
            # before the aside is the doer.
            i = self.actors.index(best)
            for j in range(i - 1, max(-1, i - 4), -1):
                head = self.actors[j]
                if not head.is_object and head.actor != "unknown" and _MEMBERS_ASIDE.fullmatch(
                        self.text, head.end, best.start):
                    best = head
                    break
            # "Fighters from the NLF and HTS stormed X": the first of coordinated doers
            # heads the subject.
            i = self.actors.index(best)
            while i > 0:
                prev = self.actors[i - 1]
                partitive = prev.is_object and _PARTITIVE.search(
                    self.text, max(0, prev.start - 40), prev.start) is not None
                if (prev.is_object and not partitive) or prev.actor == "unknown" or \
                        not _COORDINATED.fullmatch(
                        self.text, prev.end, self.actors[i].start) or \
                        _BY_BEFORE.search(self.text, max(0, prev.start - 8), prev.start):
                    # "X is held by the SDF, and the army controls Y": the agent of the
                    # clause before is not a doer of this one.
                    break
                i -= 1
            if self.actors[i] is not best and self.actors[i].actor != best.actor:
                return self.actors[i]
            if best.actor != "unknown":
                return best
            # An unresolved "the militants" right before the verb is the doer: unknown.
            if best.start >= self.clause_start(pos):
                return None
            known = [a for a in self.actors if a.end <= best.start and not a.is_object
                     and a.actor != "unknown"]
            if known:
                return known[-1]
        cs = self.clause_start(pos)
        prons = list(C.PRONOUN_RE.finditer(self.text, cs, pos))
        if not prons:
            return None
        pron = prons[-1]
        if pron is None:
            return None
        before = [a for a in self.actors if a.end <= pron.start() and a.actor != "unknown"]
        # "the jihadists overran the army's base, and they seized ...": the pronoun takes up
        # the doer, not the actor overrun.
        before = [a for a in before if not a.is_object] or before
        if before:
            a = before[-1]
            return ActorRef(a.start, a.end, a.raw, a.actor, True, False)
        return self.previous_doer(pos)

    def previous_doer(self, pos: int) -> ActorRef | None:
        """The doer of the sentences before, as a pronoun-like reference at ``pos``."""
        if self.state.last_subject:
            return ActorRef(pos, pos, "(pronoun)", self.state.last_subject, True, False)
        return None

    def actor_at(self, pos: int, gap_re: re.Pattern, limit: int = 40) -> ActorRef | None:
        """The first actor after ``pos`` whose gap from ``pos`` matches ``gap_re``."""
        for a in self.actors:
            if a.start >= pos and a.start - pos <= limit and a.actor != "unknown":
                if gap_re.fullmatch(self.text, pos, a.start):
                    return a
                return None
        return None

    def forward(self, pos: int, path: re.Pattern, limit: int = 120
                ) -> list[tuple[PlaceRef, re.Match]]:
        """Places after ``pos`` linked by ``path``, then the places listed after them."""
        for p in self.places:
            if p.start < pos:
                continue
            if p.start - pos > limit:
                return []
            m = path.fullmatch(self.text, pos, p.start)
            if not m:
                # "took the villages of Tal Sultan and Abu Dhuhur": the list starts with a
                # name the gazetteer lacks.
                m = _past_unknown(path).fullmatch(self.text, pos, p.start)
            if not m:
                return []
            noun = m.group("noun") if "noun" in m.re.groupindex else None
            if noun and noun.lower() in _PART_NOUNS and (
                    p.place is None or p.place.level != "neighbourhood"):
                # "the neighbourhoods of Sheikh Maqsoud and Ashrafieh" are those places;
                # "the eastern neighbourhoods of Aleppo" are only part of the city.
                return []
            # "Aleppo's Salaheddin", "the Homs bastion of Baba Amr": the part named after
            # its city is the place meant.
            inner = next((q for q in self.places if q.start > p.end
                          and _CITY_OF_PART.fullmatch(self.text, p.end, q.start)), None)
            if inner is not None:
                p = inner
            # "the two villages" stands for as many places, at one span.
            found = [(p, m)] + [(q, m) for q in self.places if q.start == p.start and q is not p]
            last = p
            for q in self.places:
                if q.start <= last.start:
                    continue
                # "the town of X, about 30 km south of Y, and the village of Z": the
                # distance aside and the place in it are stepped over.
                aside = _DISTANCE_ASIDE.match(self.text, last.end)
                gap = aside.end() if aside else last.end
                if q.start < gap:
                    continue
                if not C.LIST_SEP_RE.fullmatch(self.text, gap, q.start) and \
                        not _LIST_OVER_UNKNOWN.fullmatch(self.text, gap, q.start):
                    break
                found.append((q, m))
                last = q
            return found
        return []

    def backward(self, pos: int, path: re.Pattern, limit: int = 140) -> list[PlaceRef]:
        """The place before ``pos`` linked by ``path`` (plus a list before it).

        Places named inside an appositive ("X, a town in northern Hama, was ...") are
        stepped over: the head of the phrase is the place the cue is about.
        """
        # "the jihadists' pocket in eastern Homs and Hama is encircled": the pocket is.
        before = [p for p in self.places if p.end <= pos
                  and not _IN_AREA_BEFORE.search(self.text, max(0, p.start - 40), p.start)]
        chosen = None
        for i in range(len(before) - 1, max(-1, len(before) - 4), -1):
            p = before[i]
            if pos - p.end > limit:
                break
            # "Atareb, which lies on the road to the Bab al-Hawa crossing, has been ...":
            # a place inside the relative clause is not the clause's head.
            aside = p.locative or _OPEN_RELATIVE.search(self.text, max(0, p.start - 90),
                                                         p.start) is not None
            if path.fullmatch(self.text, p.end, pos):
                if chosen is None or not aside:
                    chosen = i
                if not aside:
                    break
            elif not aside:
                break
        if chosen is None:
            return []
        if before[chosen].locative and chosen > 0 and _LOCATING_GAP.fullmatch(
                self.text, before[chosen - 1].end, before[chosen].start):
            # "the Kuweires airport east of the city remains under siege": the airport.
            chosen -= 1
        found = [before[chosen]]
        for q in reversed(before[:chosen]):
            if not C.LIST_SEP_RE.fullmatch(self.text, q.end, found[-1].start):
                break
            found.append(q)
        return found

    def focus_ref(self, pos: int, end: int, level: str = "settlement") -> PlaceRef | None:
        target = _focus(self.state, self.places, pos, level, self.text)
        if target is None or (not self.places
                              and target.sentence_index < self.state.sentence_index - 2):
            # "it" with no place in its sentence: only a place of the sentences just before.
            return None
        return PlaceRef(pos, end, target, anaphor=True)

    def topic_places(self, pos: int) -> list[PlaceRef]:
        """For a cue after an opening "In X," ("In X, rebels are in charge"): X."""
        first = self.places[0] if self.places else None
        if (first is None or first.end > pos or self.text[first.end:first.end + 1] != ","
                or not _TOPIC_IN.fullmatch(self.text, 0, first.start)):
            return []
        return [first]

    def where_places(self, pos: int) -> list[PlaceRef]:
        """For a cue inside "X, where ...": X (and the places listed with it)."""
        cs = self.clause_start(pos)
        m = _WHERE_END.search(self.text, max(0, cs - 20), cs)
        if cs == 0 or m is None:
            return []
        return self.backward(m.start(), _SPACE_PATH, limit=5)

    def add(self, place: PlaceRef, actor: ActorRef | str | None, status: str, kind: str,
            pos: int, fraction: float | None = None, region: bool = False,
            strength: float | None = None, raw: str | None = None,
            date_pos: int | None = None) -> None:
        if actor is None:
            return
        if isinstance(actor, ActorRef):
            name, coref, raw = actor.actor, actor.coref, raw or actor.raw
        else:
            name, coref = actor, False
        if name in (None, "unknown") or place.place is None:
            return
        if name == OUTSIDE and kind == "presence":
            return  # "US troops based at the Conoco field": a base, not a side's ground
        if status == "controls" and fraction is None:
            degree = _DEGREE_BEFORE.search(self.text, max(0, pos - 14), pos)
            if degree is not None and _CONTROL_WORD.match(self.text, pos):
                # "Qamishli is largely controlled by ...": most of it, not all.
                status = "partial"
                fraction = 0.75 if degree.group(1).lower() in ("largely", "mostly") else None
        cue = place.mention.cue
        if not region and (cue in ("governorate", "province", "countryside", "rural", "suburbs")
                           or place.place.level in ("admin1", "region")):
            region = True
        self.targeted.add(place.start)
        self.out.append(Candidate(
            place, name, raw or name, status, kind, pos, fraction, region, coref,
            C.CUE_STRENGTH.get(kind, 0.7) if strength is None else strength, self.hedged,
            date_pos,
        ))
