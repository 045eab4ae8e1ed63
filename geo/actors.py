"""Who is who: wording in war reports -> actor id, with the outlet's framing.

Actor ids (see :data:`geo.model.ACTORS`): ``government`` (Syrian government and its
allies: Russia, Iran, Hezbollah, loyalist militias), ``opposition`` (rebels, FSA,
US-backed non-SDF groups), ``sdf`` (SDF / YPG / Kurdish-led forces), ``isis``, ``hts``
(Nusra / al-Qaeda affiliates), ``turkey`` (Turkish army / SNA / Turkish-backed rebels).

Three kinds of wording are recognised by :func:`find_actors`:

* named groups ("Syrian Arab Army", "Tiger Forces", "YPG", "Daesh", "Jabhat al-Nusra"),
  optionally followed by a noun ("ISIS militants", "SDF fighters");
* a head noun with modifiers ("U.S.-backed Syrian forces", "Kurdish-led militants",
  "pro-government militias", "Turkish-backed rebels"), decided by the modifiers;
* generic words ("the militants", "the group", "terrorists", "the forces", "the army")
  whose actor depends on the paragraph and the outlet: they are returned with a
  ``generic`` kind and a framing default, and :func:`resolve_coreference` picks the
  actor from the actors named before them.

Outlet framing: in state-aligned outlets (SANA, PressTV, Al-Masdar, RT, Sputnik, Fars,
Tasnim, ...) "terrorists", "militants" and "armed groups" mean the opposition unless
the paragraph names IS (then IS), "US-backed militants" are the SDF and "Takfiri
terrorists" are IS.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import methodcaller

__all__ = [
    "ActorMention",
    "ACTOR_LABELS",
    "OUTSIDE",
    "find_actors",
    "is_state_aligned",
    "resolve_coreference",
]

# A force named in the text that is none of the six sides (Israeli troops, Druze
# factions, US troops, tribal fighters). Internal id; claims show it as ``unknown``.
OUTSIDE = "outside"

# A readable label per actor, used when the actor itself is the source of a claim.
ACTOR_LABELS = {
    "government": "Syrian government",
    "opposition": "opposition",
    "sdf": "SDF",
    "isis": "Islamic State",
    "hts": "HTS",
    "turkey": "Turkish military",
}

_STATE_ALIGNED = (
    "sana", "syrian arab news agency", "presstv", "press tv", "al-masdar", "almasdar",
    "al masdar", "masdar news", "rt", "russia today", "sputnik", "fars", "tasnim", "irna",
    "mehr", "al-manar", "al manar", "almanar", "al-mayadeen", "al mayadeen", "mayadeen",
    "syria times", "ikhbariya", "tass", "southfront", "south front", "hispantv", "ifp",
    "al-alam", "al alam", "alalam", "syrian state", "state media", "ria novosti",
)
_STATE_RE = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(s) for s in _STATE_ALIGNED)
                       + r")(?![a-z])")


_TURKISH_OUTLETS = ("anadolu", "daily sabah", "dailysabah", "trt", "yeni safak", "yeni şafak",
                    "hurriyet", "hürriyet", "aa.com.tr", "turkish defence ministry",
                    "turkish defense ministry", "turkish ministry of national defence")
_TURKISH_RE = re.compile(r"(?<![a-z])(?:" + "|".join(re.escape(s) for s in _TURKISH_OUTLETS)
                         + r")(?![a-z])")


@lru_cache(maxsize=1024)
def is_turkish_outlet(source: str | None) -> bool:
    """True when ``source`` names a Turkish state or pro-government outlet, whose
    "terrorists" / "the terrorist organization" are the YPG/PKK (the SDF)."""
    return bool(source) and bool(_TURKISH_RE.search(source.lower()))


@lru_cache(maxsize=1024)  # asked for every sentence, about a handful of outlets
def is_state_aligned(source: str | None) -> bool:
    """True when ``source`` names a Syrian/Russian/Iranian state-aligned outlet."""
    return bool(source) and bool(_STATE_RE.search(source.lower().replace(".ir", "")))


_KURDISH_SDF_OUTLETS = re.compile(r"(?<![a-z])(?:anha|hawar|hawarnews)(?![a-z])")
_OPPOSITION_OUTLETS = re.compile(r"(?<![a-z])(?:orient\s+news|orient\s+tv|orient-news)(?![a-z])")


@lru_cache(maxsize=1024)
def outlet_side(source: str | None) -> str | None:
    """The side an outlet speaks for, or None for outlets that take no side.

    Its "our forces" are that side's, and so is the liberator in "X was liberated"
    when no one else is named.
    """
    if not source:
        return None
    lowered = source.lower()
    if _KURDISH_SDF_OUTLETS.search(lowered):
        return "sdf"
    if is_turkish_outlet(source):
        return "turkey"
    if is_state_aligned(source):
        return "government"
    if _OPPOSITION_OUTLETS.search(lowered):
        return "opposition"
    return None


@dataclass(frozen=True)
class ActorMention:
    """An actor named in a sentence.

    Attributes
    ----------
    start, end : int
        Offsets into the sentence.
    raw : str
        The words as written ("Syrian government forces").
    actor : str
        The actor id; for a generic mention the framing default, possibly ``unknown``.
    generic : str or None
        For words whose actor depends on context: ``militants`` ("militants",
        "terrorists", "armed groups"), ``jihadists`` ("jihadists", "extremists"),
        ``group`` ("the group"), ``alliance`` ("the alliance"), ``forces`` ("the forces"),
        ``fighters`` ("fighters": never the army), ``mercenaries`` or ``army`` ("the army",
        "troops", "soldiers", "the authorities"). None for an explicit actor.
    """

    start: int
    end: int
    raw: str
    actor: str
    generic: str | None = None


def _alt(phrases: Sequence[str]) -> str:
    """A regex alternation of phrases, longest first, with flexible spaces/hyphens."""
    parts = []
    for p in sorted(set(phrases), key=len, reverse=True):
        rx = re.escape(p)
        rx = rx.replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]?").replace("'", "['’]?")
        parts.append(rx)
    return "|".join(parts)


# Named groups, matched case-insensitively. Order inside an actor does not matter.
_NAMED = {
    "government": (
        "syrian arab army", "syrian army", "syrian military", "syrian armed forces",
        "syrian government forces", "syrian government troops", "syrian regime forces",
        "syrian troops", "syrian soldiers", "syrian govt forces", "tiger forces",
        "tiger force", "republican guard", "fourth division", "4th division", "fifth corps",
        "5th corps", "fifth assault corps", "national defence forces", "national defense forces",
        "hezbollah", "hizbollah", "hizballah", "hizbullah", "desert hawks", "liwa al-quds",
        "fatemiyoun", "fatemiyoun brigade", "zainabiyoun", "irgc", "quds force",
        "islamic revolutionary guard corps", "assad forces", "assad's forces",
        "government forces", "government troops", "government soldiers", "regime forces",
        "regime troops", "pro-government forces", "pro-government militias",
        "pro-government fighters", "pro-regime forces", "pro-regime militias",
        "pro-assad forces", "pro-assad militias", "loyalist forces", "loyalists",
        "allied militias", "russian forces", "russian troops", "russian military police",
        "russian-backed forces", "iranian-backed militias", "iran-backed militias",
        "shi'ite militias", "shiite militias", "shia militias", "shi'ite militia forces",
        "syrian government", "the regime", "damascus government", "government",
        # Named units and militias of the government side.
        "qawat al-nimr", "25th division", "25th special mission forces division",
        "special mission forces", "fourth armoured division", "4th armoured division",
        "fifth legion", "baath brigades", "ba'ath brigades", "shabiha", "wagner group",
        "pro-iranian militias", "pro-iran militias",
        # The state's security forces (after December 2024, the new authorities': side_on).
        "security forces", "syrian security forces", "government security forces",
        "defence ministry forces", "defense ministry forces", "ministry of defence forces",
        "ministry of defense forces",
    ),
    "opposition": (
        "free syrian army", "free army", "jaish al-islam", "jaysh al-islam", "ahrar al-sham",
        "ahrar al-sham", "failaq al-rahman", "faylaq al-rahman", "jaish al-izza",
        "jaysh al-izza", "national front for liberation", "southern front",
        "nour al-din al-zenki", "nour al-din al-zinki", "maghawir al-thawra",
        "revolutionary commando army", "jaish al-tahrir", "jaish al-fatah", "levant front",
        "army of conquest", "islam army", "army of islam", "jaish al-nasr", "jaysh al-fatah",
        "southern operations room", "fatah mubin",
        "zenki", "zinki", "nour al-din al-zenki movement",
        "jabhat al-shamiya", "syrian opposition", "armed opposition", "opposition fighters",
        "opposition forces", "opposition groups", "opposition factions", "rebel forces",
        "rebel fighters", "rebel groups", "rebel factions", "rebels", "insurgents",
        "revolutionaries",
        "insurgent groups", "moderate rebels", "islamist rebels", "the opposition",
        # The monitor's standing phrase: "fighters of the rebel and Islamic battalions".
        "rebel and islamic battalions", "rebel battalions", "islamic battalions",
        "islamist battalions", "rebel brigades", "islamist brigades",
        "national liberation front", "lions of the east army", "usud al-sharqiya",
    ),
    "sdf": (
        "syrian democratic forces", "syria democratic forces", "people's protection units",
        "peoples protection units",
        "women's protection units", "manbij military council", "deir ez-zor military council",
        "deir ezzor military council", "kurdish-led forces", "kurdish-led alliance",
        "kurdish-led militia", "kurdish-led militias", "kurdish-led syrian democratic forces",
        "asayish", "kurdish ypg", "pkk/ypg", "ypg/pkk",
        # The civil authority of the SDF's territory holds what the SDF holds.
        "autonomous administration", "kurdish-led autonomous administration",
        "kurdish-led administration", "kurdish administration", "self-administration",
        "autonomous administration of north and east syria",
        # The Asayish's own name; bare "internal security forces" are the state's.
        "internal security forces (asayish)", "internal security forces of north and east syria",
        "syriac military council", "jaish al-thuwar", "jaysh al-thuwar", "al-sanadid forces",
        "the kurds",
    ),
    "isis": (
        "islamic state", "islamic state group", "islamic state of iraq and the levant",
        "islamic state of iraq and syria", "islamic state of iraq and al-sham", "daesh",
        "da'esh", "daish", "takfiri terrorists", "takfiri militants", "takfiris",
        # IS's affiliate in the Yarmouk basin.
        "khalid ibn al-walid army", "khalid bin al-walid army", "khalid bin walid army",
        "jaish khalid ibn al-walid", "jaish khalid bin al-walid", "jaysh khalid ibn al-walid",
    ),
    "hts": (
        "hayat tahrir al-sham", "hay'at tahrir al-sham", "hayyat tahrir al-sham",
        "hayat tahrir al-sham", "tahrir al-sham", "jabhat al-nusra", "al-nusra front",
        "nusra front", "al-nusra", "nusra", "jabhat fateh al-sham", "jabhat fatah al-sham",
        "hurras al-din", "hurras ad-din", "fateh al-sham", "fatah al-sham", "jund al-aqsa",
        "turkistan islamic party", "turkestan islamic party", "al-qaeda affiliate",
        "al-qaeda's syrian affiliate",
        "al-qaeda's syria affiliate", "al-qaeda-linked militants", "al-qaeda-linked groups",
        "al-qaeda-linked fighters", "al-qaeda-linked jihadists", "al-qaeda-affiliated groups",
        "al-qaeda-affiliated militants", "al-qaeda", "al qaeda", "al-qaida",
        # The HTS-led command of the November 2024 offensive and its operation.
        "military operations command", "military operations department",
        "department of military operations", "military operations administration",
        "deterrence of aggression", "syrian salvation government",
        # The security service of the HTS-led authorities from December 2024.
        "general security", "general security forces", "general security service",
        "public security forces",
    ),
    "turkey": (
        "turkish army", "turkish military", "turkish armed forces", "turkish forces",
        # Kurdish outlets' framing.
        "turkish occupation army", "turkish occupation forces", "turkish occupation",
        "occupation army", "turkish state", "turkish occupier", "turkish occupiers",
        "turkish occupier's mercenaries", "turkish occupation's mercenaries",
        "turkish-backed mercenaries", "turkey's mercenaries", "erdogan's mercenaries",
        "turkish troops", "turkish soldiers", "turkish-backed rebels", "turkish-backed fighters",
        "turkish-backed forces", "turkish-backed militias", "turkish-backed factions",
        "turkey-backed rebels", "turkey-backed fighters", "turkey-backed forces",
        "ankara-backed rebels", "ankara-backed fighters", "syrian national army",
        "euphrates shield forces", "euphrates shield rebels", "olive branch forces",
        "ankara-allied factions", "ankara-allied rebels", "ankara-allied fighters",
        "turkish-allied rebels", "turkish-allied factions", "turkey-allied rebels",
        # SNA factions and operations.
        "dawn of freedom", "sultan murad division", "hamza division", "sultan murad brigade",
        "sultan suleiman shah brigade", "peace spring forces",
        "euphrates shield factions", "olive branch factions", "peace spring factions",
    ),
    # Forces outside the six sides: their claims carry the actor ``unknown`` (with the
    # wording in actor_raw), as the gold format asks for actors outside the list.
    OUTSIDE: (
        "israeli forces", "israeli troops", "israeli army", "israeli military",
        "israeli soldiers", "israeli tanks", "israeli occupation forces",
        "israeli occupation army", "israel defense forces", "israel defence forces",
        "druze factions", "druze fighters", "druze militias", "druze gunmen",
        "druze armed groups", "druze groups", "us forces", "us troops", "american forces",
        "american troops", "tribal fighters", "tribal forces", "tribal gunmen",
        "tribal militias", "arab tribal fighters", "arab tribal forces",
        "bedouin fighters", "bedouin gunmen", "bedouin tribal fighters", "clan fighters",
        # Sweida's Druze armed groups.
        "men of dignity", "rijal al-karama", "sheikh al-karama forces",
        "suwayda military council", "sweida military council",
    ),
}
# Case-sensitive acronyms.
_ACRONYMS = {
    "government": ("SAA", "NDF", "IRGC"),
    "opposition": ("FSA", "NLF"),
    "sdf": ("SDF", "YPG", "YPJ", "QSD", "MMC", "PYD", "PKK", "PYD/PKK", "YPG/PKK", "AANES"),
    "isis": ("ISIS", "ISIL", "IS", "ISIS/ISIL"),
    "hts": ("HTS", "JFS"),
    "turkey": ("SNA", "TFSA", "TSK", "Turkey"),
    OUTSIDE: ("IDF",),
}
_TAIL_NOUN = (
    r"(?:[\s-]+(?:extremist|terrorist|jihadist|militant|armed|linked|allied|led))?"
    r"\s+(?:forces|fighters|militants|troops|units|elements|members|rebels|jihadists|"
    r"terrorists|militias?|soldiers|group|gunmen|army|military|commanders|cells|militiamen|"
    r"units|garrisons?|defenders|officers)\b"
)

# Compositional wording: modifiers + a head noun.
_MODS = (
    "u.s.-backed", "us-backed", "u.s.-led", "us-led", "american-backed", "washington-backed",
    "coalition-backed", "pentagon-backed", "kurdish-led", "kurdish-dominated", "kurdish",
    "turkish-backed", "turkey-backed", "ankara-backed", "turkish", "russian-backed",
    "russian", "iranian-backed", "iran-backed", "iranian", "pro-government", "pro-regime",
    "pro-assad", "pro-damascus", "government", "regime", "syrian", "loyalist", "allied",
    "rebel", "opposition", "revolutionary", "islamist", "jihadist", "extremist", "shi'ite",
    "shiite", "shia",
    "foreign-backed", "foreign-sponsored", "moderate", "armed", "hardline", "elite",
    "arab", "al-qaeda-linked", "al-qaeda-affiliated", "takfiri", "terrorist", "terror",
    "militant",
    "iraqi", "israeli", "american", "u.s.", "us", "french", "british", "coalition", "western",
)
_HEADS = (
    "forces", "troops", "soldiers", "army", "military", "militias", "militia", "fighters",
    "rebels", "insurgents", "militants", "terrorists", "jihadists", "extremists", "gunmen",
    "groups", "group", "factions", "units", "alliance", "opposition", "loyalists", "allies",
    "elements", "paramilitaries", "commanders", "militiamen", "garrison", "garrisons",
    "defenders", "coalition", "mercenaries", "authorities", "organization", "organisation",
    "attackers", "assailants",
)
_FOREIGN = {"iraqi", "israeli", "american", "u.s.", "us", "french", "british", "coalition",
            "western", "u.s.-led", "us-led"}



def _mod_key(text: str) -> str:
    return re.sub(r"[\s.'’-]", "", text.lower())


_MOD_KEYS = {_mod_key(m): m for m in _MODS}
_MOD_ITEM_RE = re.compile(rf"(?i:{_alt(_MODS)})")
_NAMED_RE = "|".join(
    rf"(?P<n_{actor}>(?i:{_alt(phrases)}))" for actor, phrases in _NAMED.items()
)
_ACR_RE = "|".join(
    rf"(?P<a_{actor}>{_alt(acrs)})" for actor, acrs in _ACRONYMS.items()
)
_COMP_RE = (
    rf"(?P<mods>(?i:(?:(?:{_alt(_MODS)})[\s-]+){{1,3}}))?"
    rf"(?:(?P<head1>(?i:{_alt(_HEADS)}))\s+)?(?P<head>(?i:{_alt(_HEADS)}))"
)
ACTOR_RE = re.compile(
    rf"(?<![\w-])(?:(?:{_NAMED_RE}|{_ACR_RE})(?P<tail>(?i:{_TAIL_NOUN}))?|{_COMP_RE})"
    r"(?![\w-])"
)
# Words an actor phrase can start with: ACTOR_RE is only tried where one of them stands,
# which keeps the big alternation off most positions of a sentence.
_TOKEN_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.]*(?:['’][A-Za-z]+)?")


def _token_key(token: str) -> str:
    """A word as the start-word sets store it: lower case, no dots or apostrophes."""
    low = token.lower()
    if low.endswith(("'s", "’s")):
        low = low[:-2]
    return low.replace(".", "").replace("'", "").replace("’", "")


def _first_words() -> tuple[frozenset[str], frozenset[str]]:
    lower: set[str] = set()
    for phrases in _NAMED.values():
        for p in phrases:
            lower.add(_token_key(re.split(r"[\s-]", p)[0]))
    for m in _MODS + _HEADS:
        lower.add(_token_key(re.split(r"[\s-]", m)[0]))
    exact = {a.split("/")[0] for acrs in _ACRONYMS.values() for a in acrs}
    return frozenset(lower), frozenset(exact)


_STARTS, _ACR_STARTS = _first_words()
# "the" is by far the most frequent start word, but only named phrases begin with it:
# ACTOR_RE is tried at "the" only where one of them stands.
_THE_ACTOR = re.compile("(?i:" + _alt([p for phrases in _NAMED.values() for p in phrases
                                       if _token_key(re.split(r"[\s-]", p)[0]) == "the"]) + ")")


# "the same alliance", "this group": a determiner before a generic head.
_ARTICLE_BEFORE = re.compile(r"(?i)\b(?:the|its|their|his|a|an|this|that)\s+(?:same\s+)?$")
_FOREIGN_REGIME = re.compile(
    r"(?i)\b(ukrainian|zionist|israeli|saudi|turkish|iraqi|us|american|iranian|bahraini|"
    r"kiev|tel aviv|riyadh|erdogan|baghdad)\s+$"
)
_GENERIC_HEADS = {
    "militants": "militants", "terrorists": "militants", "gunmen": "militants",
    "groups": "militants", "elements": "militants", "jihadists": "jihadists",
    "extremists": "jihadists", "group": "group", "forces": "forces", "fighters": "fighters",
    "troops": "army",
    "units": "forces", "militias": "forces", "militia": "forces", "alliance": "alliance",
    "paramilitaries": "forces", "factions": "factions", "allies": "forces",
    "army": "army", "soldiers": "army", "military": "army", "commanders": "forces",
    "militiamen": "forces", "garrison": "army", "garrisons": "army", "defenders": "forces",
    "mercenaries": "mercenaries", "authorities": "army",
    # "the attackers": the side of the attack told just before.
    "attackers": "forces", "assailants": "forces",
    # "the terrorist organization" (Turkish outlets' YPG/PKK, others' IS).
    "organization": "militants", "organisation": "militants",
    # "the coalition" of rebel groups just named (Jaish al-Fatah); "the US-led coalition"
    # has a foreign modifier and is no actor.
    "coalition": "alliance",
}


_DECISIVE = {"us-backed", "u.s.-backed", "american-backed", "washington-backed",
             "coalition-backed", "pentagon-backed", "kurdish", "kurdish-led",
             "kurdish-dominated", "turkish", "turkish-backed", "turkey-backed", "ankara-backed"}
_US_BACKED = {"u.s.-backed", "us-backed", "american-backed", "washington-backed",
              "coalition-backed", "pentagon-backed"}
_PRO_GOVERNMENT = {"pro-government", "pro-regime", "pro-assad", "pro-damascus", "government",
                   "regime", "loyalist", "russian", "russian-backed", "iranian", "iranian-backed",
                   "iran-backed", "shi'ite", "shiite", "shia"}
# Generic heads that stand alone; the others need a modifier ("armed groups").
_BARE_GENERIC = {"militants", "terrorists", "jihadists", "extremists", "gunmen", "fighters",
                 "forces", "troops", "soldiers", "militias", "militia", "paramilitaries",
                 "militiamen", "defenders", "mercenaries"}
# "the authorities" (the state's, as "the army" is) needs its article or a modifier.
_ARTICLE_GENERIC = {"group", "alliance", "army", "military", "factions", "coalition",
                    "authorities", "groups", "organization", "organisation", "attackers",
                    "assailants"}


def _compositional(mods: set[str], head: str, state: bool) -> tuple[str | None, str | None]:
    """Actor (or None) and generic kind for modifiers + head noun."""
    if mods & _FOREIGN and not mods & _DECISIVE:
        return None, None
    if mods & {"al-qaeda-linked", "al-qaeda-affiliated"}:
        return "hts", None
    if mods & {"kurdish", "kurdish-led", "kurdish-dominated"}:
        return "sdf", None
    if mods & {"turkish", "turkish-backed", "turkey-backed", "ankara-backed"}:
        return "turkey", None
    if mods & _US_BACKED:
        return ("opposition" if head in ("rebels", "insurgents", "opposition") else "sdf"), None
    if head in ("rebels", "insurgents", "opposition"):
        return "opposition", None
    if head == "loyalists":
        return "government", None
    if "takfiri" in mods:
        return "isis", None
    if mods & _PRO_GOVERNMENT:
        return "government", None
    if mods & {"rebel", "opposition", "moderate", "revolutionary"}:
        return "opposition", None
    if mods & {"jihadist", "extremist", "islamist", "hardline"}:
        return None, "jihadists"
    if mods & {"terror", "terrorist"} and head in ("group", "groups", "organization",
                                                   "organisation"):
        return None, "militants"  # "the terror group": whoever the outlet calls so
    if mods == {"armed"} and head == "forces":
        return None, "army"  # "the armed forces": a state's military, the army of the story
    if mods & {"syrian", "allied", "government"} and head in (
            "forces", "troops", "soldiers", "army", "military", "militias", "units", "garrison",
            "garrisons", "commanders", "officers"):
        return "government", None
    kind = _GENERIC_HEADS.get(head)
    if kind is None:
        return None, None
    if not mods and head not in _BARE_GENERIC and head not in _ARTICLE_GENERIC:
        return None, None
    return None, kind


def _framing_default(kind: str, state: bool) -> str:
    if kind == "militants" and state:
        return "opposition"
    if kind == "army":
        return "government"
    if kind == "factions":
        return "opposition"
    return "unknown"


def find_actors(sentence: str, source: str | None = None) -> list[ActorMention]:
    """Actors named in ``sentence``.

    Parameters
    ----------
    sentence : str
    source : str, optional
        The report's outlet, for its framing of "terrorists", "militants".

    Returns
    -------
    list of ActorMention
        In text order, non-overlapping. Generic words ("the militants") carry a
        ``generic`` kind and the outlet's default actor (often ``unknown``); resolve
        them with :func:`resolve_coreference`.
    """
    return list(_find_actors(sentence, is_state_aligned(source)))


@lru_cache(maxsize=4096)
def _find_actors(sentence: str, state: bool) -> tuple[ActorMention, ...]:
    # Cached: a pure function of the sentence and the framing, and recurring sentences
    # (boilerplate, relayed paragraphs) are common.
    out: list[ActorMention] = []
    for m in _matches(sentence):
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        raw = m.group()
        start, end = m.start(), m.end()
        actor: str | None = None
        generic: str | None = None
        named = next((k for k in groups if k.startswith(("n_", "a_"))), None)
        if named:
            actor = named[2:]
            low = groups[named].lower()
            if low in ("the regime", "government", "syrian government") and _FOREIGN_REGIME.search(
                sentence, 0, start
            ):
                continue
            if low == "government" and not groups.get("tail"):
                # A bare "government" is a speaker, not a fighting force, unless it
                # is "the government" acting as a subject (kept, lower weight).
                if not _ARTICLE_BEFORE.search(sentence, max(0, start - 6), start):
                    continue
            if groups[named] == "IS" and _all_caps_context(sentence, start, end):
                continue
        else:
            mods = {_MOD_KEYS[_mod_key(x)] for x in _MOD_ITEM_RE.findall(groups.get("mods") or "")}
            head = groups["head"].lower()
            first = groups.get("head1")
            compound = bool(first) and first.lower() in ("army", "military") and not mods
            if compound:
                head = "army"  # "army units", "military commanders"
            actor, generic = _compositional(mods, head, state)
            if actor is None and generic is None:
                continue
            needs_article = generic and not mods and not compound and head in _ARTICLE_GENERIC
            if needs_article and not _ARTICLE_BEFORE.search(sentence, max(0, start - 13), start):
                continue
        if generic:
            actor = _framing_default(generic, state)
        out.append(ActorMention(start, end, raw, actor or "unknown", generic))
    if _FACTION_RE.search(sentence):
        out = _with_factions(out, sentence)
    return tuple(_possessed(_named_after_of(_glosses_dropped(_turkish_backed(out, sentence),
                                                             sentence), sentence), sentence))


# "the regime's forces", "the SDF's fighters": the possessor names the generic men.
_POSSESSIVE_GAP = re.compile(r"['’]s?\s+(?:own\s+)?$")


def _possessed(mentions: list[ActorMention], sentence: str) -> list[ActorMention]:
    out = list(mentions)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.generic is None and a.actor != "unknown" and b.generic is not None
                and _POSSESSIVE_GAP.match(sentence[a.end:b.start])):
            out[i + 1] = ActorMention(b.start, b.end, b.raw, a.actor, None)
    return out


# "the US-backed militants of the so-called Southern Front": the group named decides.
# "fighters of the Nusra Front", "forces loyal to the government": the named side's men.
_OF_NAMED = re.compile(r"\s+(?:of|loyal\s+to)\s+(?:the\s+)?(?:so[\s-]called\s+|self-styled\s+)?$",
                       re.IGNORECASE)
# "forces loyal to President Bashar al-Assad", "troops loyal to Damascus".
_LOYAL_TO_ASSAD = re.compile(
    r"\s+loyal\s+to\s+(?:(?:the\s+)?(?:syrian\s+)?president\s+)?(?:bashar\s+)?(?:al-|el-)?assad\b|"
    r"\s+loyal\s+to\s+damascus\b", re.IGNORECASE)


def _named_after_of(mentions: list[ActorMention], sentence: str) -> list[ActorMention]:
    out = list(mentions)
    for i in range(len(out)):
        a = out[i]
        if a.generic is not None and _LOYAL_TO_ASSAD.match(sentence, a.end):
            out[i] = ActorMention(a.start, a.end, a.raw, "government", None)
            continue
        if i + 1 == len(out):
            break
        b = out[i + 1]
        if b.generic is None and b.actor != "unknown" and _OF_NAMED.match(
                sentence[a.end:b.start]) and a.actor != b.actor:
            out[i] = ActorMention(a.start, a.end, a.raw, b.actor, None)
    return out


# Rebel factions not in the lexicon are named in Arabic: "Jaish al-Nasr", "Faylaq al-Sham",
# "Harakat al-Hazm", "Alwiya al-Furqan". (Listed groups, HTS's included, match first.)
_FACTION_RE = re.compile(
    r"\b(?:Jaish|Jaysh|Jeish|Faylaq|Failaq|Harakat|Harakah|Tajammu|Alwiya|Alwiyat|Kataib|"
    r"Katibat|Firqat|Liwa)\s+al-[A-Z][\w'’]+(?:\s+al-[A-Z][\w'’]+)?"
)


def _with_factions(mentions: list[ActorMention], sentence: str) -> list[ActorMention]:
    extra = [ActorMention(m.start(), m.end(), m.group(), "opposition", None)
             for m in _FACTION_RE.finditer(sentence)
             if not any(a.start < m.end() and m.start() < a.end for a in mentions)]
    return sorted([*mentions, *extra], key=lambda a: a.start) if extra else mentions


# "Free Syrian Army fighters backed by Turkish tanks": the rebels of Turkey's operations.
_TURKISH_BACKING = re.compile(
    # "Free Syrian Army (FSA) fighters supported by the Turkish Armed Forces" too.
    r"(?:\s*\([^()]{1,15}\))?(?:\s+(?:fighters|forces|rebels|troops|units|factions|groups))?"
    r"\s*,?\s*(?:(?:who\s+are|which\s+(?:is|are))\s+)?(?:backed|supported|aided|assisted|"
    r"escorted|accompanied|spearheaded|sponsored)\s+by\s+(?:the\s+)?(?:Turkish|Turkey|Ankara)",
    re.IGNORECASE,
)
# "Jaish al-Fatah (the Army of Conquest)": a translation in brackets names no new actor.
_GLOSS_OPEN = re.compile(r"\s*\(\s*(?:the\s+|or\s+)?$")


def _turkish_backed(mentions: list[ActorMention], sentence: str) -> list[ActorMention]:
    out = []
    for a in mentions:
        if a.actor == "opposition" and a.generic is None and _TURKISH_BACKING.match(
                sentence, a.end):
            a = ActorMention(a.start, a.end, a.raw, "turkey", None)
        out.append(a)
    return out


def _glosses_dropped(mentions: list[ActorMention], sentence: str) -> list[ActorMention]:
    """Drop the words that only gloss a named group: "HTS (the jihadists)" and "the
    jihadist alliance Hayat Tahrir al-Sham" name one group, not two."""
    out: list[ActorMention] = []
    for a in mentions:
        if out and out[-1].generic is None and _GLOSS_OPEN.match(
                sentence[out[-1].end:a.start]) and sentence[a.end:a.end + 40].find(")") >= 0:
            continue
        if out and out[-1].generic is not None and a.generic is None and \
                a.actor != "unknown" and out[-1].end < a.start and \
                not sentence[out[-1].end:a.start].strip():
            out.pop()
        out.append(a)
    return out


_GROUP = methodcaller("group")


def _matches(sentence: str):
    """ACTOR_RE matches, tried only at words that can start an actor phrase."""
    pos = 0
    toks = list(_TOKEN_RE.finditer(sentence))
    # Most words cannot start an actor: sieve them with C-level iteration (one cached
    # look-up each) so the loop below runs only for the few that can.
    for tok in compress(toks, map(_may_start, map(_GROUP, toks))):
        word = tok.group()
        start = tok.start()
        if start < pos:
            continue
        if start and (sentence[start - 1].isalnum() or sentence[start - 1] in "-_"):
            continue
        if word.lower() == "the" and not _THE_ACTOR.match(sentence, start):
            continue
        m = ACTOR_RE.match(sentence, start)
        if m:
            yield m
            pos = m.end()


@lru_cache(maxsize=65536)
def _may_start(word: str) -> bool:
    """True when an actor phrase can start with the word ``word`` (cached per word)."""
    low = word.lower()
    return low in _STARTS or word in _ACR_STARTS or (
        not low.isalpha() and (_token_key(word) in _STARTS or word.split("'")[0].split(
            "’")[0].rstrip(".") in _ACR_STARTS))


def _all_caps_context(sentence: str, start: int, end: int) -> bool:
    """True when "IS" sits in an all-capitals headline, where it is the verb."""
    before = sentence[max(0, start - 20) : start].split()
    after = sentence[end : end + 20].split()
    words = [w for w in before[-1:] + after[:1] if w[:1].isalpha()]
    return bool(words) and all(w.isupper() and len(w) > 2 for w in words)


# The day the Assad government fell: from then on the state's forces ("government forces",
# "the army", "security forces") are the HTS-led authorities, as the gold format counts them.
FALL_OF_ASSAD = "2024-12-08"
# Wordings that still name the old regime's side after its fall.
_OLD_REGIME = re.compile(
    r"(?i)regime|assad|loyalist|former|remnant|hezbollah|hizb|iran|russia|shabiha|tiger|"
    r"republican\s+guard|4th|fourth|national\s+defen|ndf|pro-government")


def side_on(actor: str, raw: str, date: str | None) -> str:
    """The side ``actor`` stands for on ``date`` (ISO day, month or year).

    After the fall of the Assad government on 8 December 2024 the state's forces are
    the HTS-led authorities (``hts``), unless the wording names the old regime
    ("Assad loyalists", "remnants of the former regime").
    """
    if actor != "government" or not date or date < FALL_OF_ASSAD:
        return actor
    return actor if _OLD_REGIME.search(raw or "") else "hts"


# Which earlier actors a generic word may refer to.
_COREF_ALLOWED = {
    "jihadists": ("isis", "hts"),
    "militants": ("isis", "hts", "opposition", "sdf"),
    # "the factions": rebel factions (Turkey's, in its outlets' stories), never IS or the SDF.
    "factions": ("opposition", "hts", "turkey", OUTSIDE),
    "group": ("isis", "hts", "opposition", "sdf"),
    "alliance": ("sdf", "opposition", "hts", "turkey"),
    # Kurdish outlets' word for IS and for Turkey's Syrian factions alike.
    "mercenaries": ("isis", "turkey", "hts", "opposition"),
    "forces": ("government", "sdf", "opposition", "turkey", "isis", "hts", OUTSIDE),
    # Bare "fighters" are rarely the Syrian army's men ("the last fighters left X").
    "fighters": ("sdf", "opposition", "turkey", "isis", "hts", OUTSIDE),
    "army": ("government", "turkey", "sdf"),
}


# "the army", "army units", "the military": a state's army by its own name.
_ARMY_WORD = re.compile(r"\b(?:army|military)\b", re.IGNORECASE)


def resolve_coreference(
    mention: ActorMention,
    recent_actors: Sequence[str],
    *,
    source: str | None = None,
    paragraph_actors: Sequence[str] = (),
) -> str:
    """The actor a generic mention refers to.

    Parameters
    ----------
    mention : ActorMention
        A mention from :func:`find_actors`; explicit mentions return their own actor.
    recent_actors : sequence of str
        Actor ids named before the mention in the report, oldest first.
    source : str, optional
        The outlet (framing of "terrorists" / "militants").
    paragraph_actors : sequence of str
        Actor ids named in the mention's paragraph (before or after it): in a
        state-aligned outlet "terrorists" are IS when the paragraph names IS.

    Returns
    -------
    str
        An actor id, or ``unknown``.
    """
    if mention.generic is None:
        return mention.actor
    state = is_state_aligned(source)
    kind = mention.generic
    if kind == "militants" and is_turkish_outlet(source):
        raw = mention.raw.lower()
        if raw.split()[-1] in ("terrorists", "organization", "organisation", "elements",
                               "groups") or "terror" in raw:
            # Turkish outlets: "the YPG/PKK terrorists", "the terror group".
            for actor in reversed(recent_actors):
                if actor in ("sdf", "isis"):
                    return actor
            return "sdf"
    if state and kind in ("militants", "jihadists") and "isis" in paragraph_actors:
        return "isis"
    allowed = _COREF_ALLOWED.get(kind, ())
    if kind == "army" and state:
        return "government"  # in state media "the army" is always the Syrian army
    if kind == "army" and _ARMY_WORD.search(mention.raw):
        # "the army" is a state's army (Syria's or Turkey's), never the SDF's men.
        allowed = ("government", "turkey")
    if kind == "militants" and not state:
        # Outside state-aligned outlets "militants" are jihadists or rebels, not the SDF.
        allowed = ("isis", "hts", "opposition")
    for actor in reversed(recent_actors):
        if actor in allowed:
            return actor
    if kind == "jihadists" and "isis" in paragraph_actors:
        return "isis"
    return _framing_default(kind, state)
