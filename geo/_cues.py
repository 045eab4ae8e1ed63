"""The wording of control: status cues, the paths that link a cue to its place, and
the markers (negation, modality, hedges, attribution) around them.

Private lexicon of :mod:`geo.claims`; every pattern is compiled once at import.

A *cue* is a word or phrase that says something about control ("captured", "fell
to", "in control of", "stronghold", "clashes", "besieged"). A *path* is the text
between a cue and a place mention; only some paths link them ("captured the strategic
town of X" does, "captured villages 10 km north of X" does not). Reading the gap
between two known spans with a small anchored regex is what keeps the extractor both
strict and fast.
"""

from __future__ import annotations

import re
from functools import lru_cache

_I = re.IGNORECASE


def compile_led(first: str, pattern: str, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)`` behind a look-ahead for the characters a match can
    start with (``first``; lower case for IGNORECASE patterns): re then skips other
    positions at once instead of trying every alternative there. Same matches;
    tests/test_cues.py checks ``first``."""
    return re.compile(f"(?=[{first}])(?:{pattern})", flags)


# A compass direction: "north", "south-eastern", "northwest".
COMPASS = r"(?:north|south|east|west)(?:[\s-]?(?:east|west))?(?:ern)?"

# -- status cues ------------------------------------------------------------------------
# One alternation; the first group that matches names the cue kind. Capture phrases
# come before contested ones so "stormed and took" is a capture, not a storming.
# Quotes allowed: state media's words are often quoted ('had taken "full control" of X').
_CONTROL_OF = (r"(?:\s+[\"“‘']?(?:its\s+|their\s+)?(?:full\s+|complete\s+|total\s+|"
               r"effective\s+)?control[\"”’']?"
               # The monitor's "took control today, Tuesday 12/2/2013, of the airport".
               r"(?:\s+(?:today|yesterday)\s*,\s*[A-Za-z]+(?:\s+[\d/.-]+)?\s*,)?"
               r"\s+(?:of|over|to))")
# Verbs of keeping ("retained control of", "keep their positions in", "kept a firm grip on").
_KEEP = r"(?:retain(?:s|ed|ing)?|kept|keeps?|keeping|maintain(?:s|ed|ing)?)"
# The object of an active "rules"/"governs": "(much of) (the) Capitalised".
_RULED_OBJECT = r"(?:(?:much|most|parts|swathes)\s+of\s+)?(?:the\s+)?(?-i:[A-Z])"
CUE_RE = re.compile(
    r"(?<![\w-])(?:"
    # sieges broken: the besieged side holds the place.
    r"(?P<siege_break>(?:broke|break|breaks|broken|breaking|lifted|lift|lifts|ended|ending)\s+"
    r"(?:the\s+|a\s+|its\s+)?(?:[\w'’-]+\s+){0,4}?(?:siege|encirclement|blockade))|"
    r"(?P<repel>(?:repell?(?:ed|s)?|repuls(?:ed|es)|thwart(?:ed|s)?|foil(?:ed|s)?|fended\s+off|"
    r"fend\s+off|beat\s+back|beaten\s+back|pushed\s+back|push\s+back)\s+(?:an?\s+|the\s+|"
    r"several\s+|multiple\s+|repeated\s+)?(?:[\w'’-]+\s+){0,3}?(?:attacks?|assaults?|"
    r"offensives?|attempts?|advances?|incursions?|infiltrations?))|"
    r"(?P<deny_loss>den(?:y|ies|ied|ying)\s+(?:losing|having\s+lost|the\s+loss\s+of|the\s+fall\s+of|"
    r"(?:that\s+)?(?:it|they)\s+(?:had\s+|have\s+)?lost|reports?\s+(?:that\s+it\s+had\s+lost|of\s+"
    r"(?:losing|the\s+fall\s+of))))|"
    r"(?P<drive_out>(?:drove|drive|drives|driven|driving|pushed|forced|kicked|chased|flushed|"
    r"expelled|expel|expels|ousted|oust|ousts|routed|cleared|purged|freed)\s+"
    # "cleared mines from the town" is no capture.
    r"(?!(?:the\s+|of\s+)?(?:mines|landmines|explosives|rubble|debris|ieds|booby|unexploded|"
    r"bodies|roads?|streets?|the\s+way)\b)"
    r"(?:[\w'’.-]+\s+){1,5}?(?:out\s+of|from|away\s+from|out\s+from))|"
    # "the capture of X" is the noun (capture_noun below), with its agent after X.
    r"(?P<capture>(?:captur(?:e|es|ed|ing)(?!\s+of\b|\s+on\s+[A-Z]\w+\s+of\b)|"
    r"seiz(?:e|es|ed|ing)|retook|retak(?:e|es|en|ing)|"
    r"recaptur(?:e|es|ed|ing)(?!\s+of\b|\s+on\s+[A-Z]\w+\s+of\b)|"
    r"liberat(?:e|es|ed|ing)|fre(?:ed|eing|es)(?!\s+(?:of|up)\b)|overr(?:an|un|uns|unning)|"
    r"conquer(?:s|ed|ing)?|storm(?:s|ed)?\s+and\s+(?:took|take|captured|seized)|"
    r"regain(?:s|ed|ing)?" + _CONTROL_OF + r"?|wrest(?:s|ed|ing)?" + _CONTROL_OF + r"?|"
    r"w[io]ns?\s+back|(?:gained|gains|gain|assumed|assume|assumes|established|establish|"
    r"imposed|impose|extended|extends|expanded|expands|restored|restore|restores)"
    + _CONTROL_OF + r"|"
    # "the factions announced their control of X".
    r"(?:announc|declar|confirm|proclaim)(?:ed|es|e|ing)\s+(?:their|its)\s+(?:full\s+|complete\s+|"
    r"total\s+)?control\s+(?:of|over)|"
    r"(?:raised|raise|raises|hoisted|hoist|hoists|planted)\s+(?:its|their|the|a)\s+"
    r"(?:[\w'’-]+\s+)?flags?\s+(?:over|on|in|above)|"
    # "the national flag was raised over the municipal building in X".
    r"flags?\s+(?:was|were|has\s+been|had\s+been|have\s+been)\s+(?:raised|hoisted|planted)\s+"
    r"(?:over|on|in|above)|"
    # "declared X free of terrorists", "X was declared liberated".
    r"declar(?:e|es|ed|ing)(?=\s+(?:it\s+|them\s+)?(?:[\w'’-]+\s+){0,6}?(?:free|liberated|"
    r"clear|cleared|cleansed|fully\s+secured)\b)|"
    # State media: "restored security and stability to the town of X".
    r"restor(?:e|es|ed|ing)\s+(?:security|stability|safety|order|calm)(?:\s*(?:,|and)\s*"
    r"(?:security|stability|safety|order|calm)){0,2}[\"”’']?\s+(?:to|in)|"
    # "cleared the town of X of the militants": the loser follows the place.
    r"(?:clear(?:s|ed|ing)?|cleans(?:e|es|ed|ing)|purg(?:e|es|ed|ing)|rid(?:s|ded)?)"
    r"(?=[\"”’']?\s+(?:the\s+)?(?:[\w'’-]+\s+){0,5}?of\s)))|"
    # "the wounded were taken to hospitals in X": carried, not captured.
    r"(?P<take>(?:took|take|takes|taken|taking)(?:" + _CONTROL_OF + r"|\s+over|\s+back|"
    r"(?!\s+(?:to|into|away|across|aboard|part|refuge|shelter|cover|place)\b))|"
    r"enter(?:s|ed|ing)?|secur(?:e|es|ed|ing)|"
    # "army units deployed in the towns of X and Y" (the stative "are deployed in" is not).
    r"(?<!is\s)(?<!are\s)(?<!was\s)(?<!were\s)(?<!been\s)(?<!be\s)deployed\s+(?:in|into|inside)|"
    # "the occupied Golan Heights" describes, it does not report a capture.
    r"(?<!the\s)(?<!israeli\s)(?<!Israeli\s)occup(?:y|ies|ied|ying)|"
    r"(?:swept|sweep|sweeps|stormed|storms|rolled|marched|moved|move|moves)\s+into|"
    r"(?:completed|complete|completes|finished)\s+(?:the\s+)?(?:capture|liberation|takeover)\s+of)|"
    r"(?P<capture_noun>(?:capture|recapture|liberation|seizure|takeover|retaking|fall|loss)"
    r"(?:\s+(?:on|last|late\s+on|early\s+on)\s+[A-Z]\w+)?\s+of)|"
    r"(?P<fell>fell|falls|fallen|fall)(?=\s+(?:to|into|under|on|in|after|,|\.|$)|$)|"
    r"(?P<withdraw>withdr(?:ew|aw|awn|aws|awing)|pull(?:ed|s|ing)?\s+(?:out|back)|"
    # "pulled its troops out of X".
    r"pull(?:ed|s|ing)?(?=\s+(?:its|their|the)\s+(?:[\w-]+\s+)?(?:fighters|forces|troops|"
    r"units|men|soldiers)\s+(?:out|back)\b)|"
    # "rebels were forced out of X" (the active "forced rebels out of X" is drive_out).
    r"(?:forced|driven|pushed|kicked|chased|flushed|ousted|expelled|cleared|purged|removed|"
    r"evicted)\s+(?:out\s+of|from)|"
    r"(?:fell|fallen|falls?|falling)\s+back|g(?:ave|ive|iven|ives|iving)\s+up|"
    r"retreat(?:ed|s|ing)?|evacuat(?:ed|es|e|ing)|abandon(?:ed|s|ing)?|quit(?:s|ting)?|"
    r"left|leave|leaves|leaving|exited|los(?:t|e|es|ing)" + _CONTROL_OF + r"?|"
    r"surrender(?:ed|s|ing)?|hand(?:ed|s|ing)?\s+(?:over\s+control\s+of|control\s+of|over)|ceded|cede|cedes|vacated|vacate|"
    r"bus(?:s)?ed\s+out|ferried\s+out|"
    # State media's word for a retreat: "units were redeployed outside the city".
    r"(?:redeploy|reposition)(?:ed|ing|s)?(?=\s+(?:and\s+(?:re)?positioned\s+)?(?:outside|"
    r"from|out\s+of|away\s+from)\b))|"
    r"(?P<withdraw_noun>(?:evacuation|withdrawal|pullout|pull-out|retreat|exit|departure)\s+"
    r"(?:of\s+[^,.;]{1,60}?\s+)?(?:from|out\s+of))|"
    r"(?P<in_control>in\s+(?:full\s+|complete\s+|total\s+|effective\s+|firm\s+)?control\s+of|"
    # "Turkish-backed factions are in charge of X"; "In X, the rebels are in charge."
    r"in\s+(?:full\s+)?charge(?:\s+of|(?=\s*[,.;]|\s*$))|"
    r"in\s+the\s+hands\s+of|in\s+(?:[\w'’-]+\s+){1,2}hands|"
    # "firmly in the grip of IS"; "X, where rebels are in control".
    r"in\s+the\s+(?:firm\s+|tight\s+|iron\s+)?grip\s+of|"
    r"in\s+(?:full\s+|complete\s+|total\s+|effective\s+|firm\s+)?control(?!\s+(?:of|over)\b)|"
    r"(?:remains?|remained|is|are|was|were|be|been|came|come|comes|fell|falls|returned|returns|"
    r"brought|bring|brings|placed|put|left|leaving|leaves)\s+(?:it\s+|them\s+)?(?:(?:now|still|"
    r"fully|largely|firmly|entirely|completely|effectively|back|once\s+again|again)\s+){0,2}"
    r"under(?=\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|effective\s+|firm\s+)?"
    r"(?:(?:control|rule)\s+of|(?:[\w'’./-]+\s+){1,3}(?:control|rule|occupation)\b))|"
    r"under(?=\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|effective\s+|firm\s+)?"
    r"(?:(?:control|rule)\s+of|(?:[\w'’./-]+\s+){1,3}(?:control|rule|occupation)\b)))|"
    # "held on to the airport": a holding, with its place after "to".
    r"(?P<hold_still>(?:held|hold(?:s|ing)?|clung|cling(?:s|ing)?)\s+on\s+to(?=\s)|"
    r"hold(?:s|ing)?\s+(?:strong|firm|out|on|their\s+ground|the\s+line)|"
    r"held\s+(?:out|firm|on)|dug\s+in|digging\s+in|entrenched)|"
    # "IS is now largely confined to the Euphrates valley and to the town of X".
    r"(?P<hold>(?<=\s)confined\s+to(?=\s)|"
    + _KEEP + _CONTROL_OF
    # "the regime's forces keep their positions in the city centre and Ghweiran".
    + r"|" + _KEEP + r"\s+(?:its|their)\s+"
    r"(?:(?:military|remaining)\s+)?(?:positions|posts|bases|presence)\s+(?:in|at|inside)|"
    # Kurdish outlets: "the Asayish continue to protect the neighbourhoods of X".
    # "militias linked to the PYD have run Kurdish towns such as X"; "X, run by the YPG".
    r"(?<=have\s)run|(?<=has\s)run|(?<=had\s)run|run(?=\s+by\s)|"
    # "Kurdish forces who run Qamishli", "the SDF, which runs Raqqa".
    r"(?:(?<=who\s)|(?<=which\s)|(?<=that\s)|(?<=still\s))runs?(?=\s+(?:the\s+)?(?-i:[A-Z]))|"
    r"protect(?:s|ed|ing)?(?=\s+(?:the\s+)?(?:neighbou?rhoods?|towns?|city|villages?|"
    r"districts?)\s+of\b)|protected(?=\s+by\b)|"
    r"(?:tighten|consolidat|cement|strengthen|reinforc|extend)(?:s|ed|es|ing|e)?\s+"
    r"(?:its|their|his|the\s+group's)\s+(?:grip|hold|control)\s+(?:on|over)|"
    # "kept a firm grip on X", "holds sway over X", "has ruled X since 2014", "X,
    # administered by the SDF".
    + _KEEP + r"\s+(?:a\s+)?"
    r"(?:firm\s+|tight\s+|strong\s+)?(?:its\s+|their\s+)?(?:grip|hold)\s+(?:on|of|over)|"
    r"(?:hold(?:s|ing)?|held)\s+sway\s+(?:over|in)|"
    # "IS still has a foothold in the Yarmouk camp": part of it.
    r"(?:has|had|have|having|" + _KEEP + r"|"
    r"gain(?:s|ed|ing)?|establish(?:es|ed|ing)?|secur(?:es|ed|ing))\s+(?:a\s+)?(?:small\s+|"
    r"strong\s+|firm\s+|last\s+|tenuous\s+|new\s+)?foothold\s+(?:in|inside|on|at)(?=\s)|"
    # "Hasakah is divided between government forces and Kurdish fighters".
    r"(?:divided|split|shared|partitioned)\s+between(?=\s)|"
    r"rul(?:es|ed|ing)(?=\s+(?:over\s+)?" + _RULED_OBJECT + r")|"
    r"(?:ruled|administered|governed)(?=\s+by\s)|"
    r"(?:administer|govern)(?:s|ing)(?=\s+" + _RULED_OBJECT + r")|"
    r"hold|holds|holding|held|controls|controlled|controlling|dominates|dominated|"
    r"(?<=still\s)control|(?<=now\s)control|(?<=they\s)control|(?<=which\s)control|"
    r"(?<=that\s)control|(?<=who\s)control|(?<=we\s)control|(?<=fully\s)control|"
    r"(?<=largely\s)control|(?<=to\s)control|"
    # "government forces control X": after a plural subject ("forces' control of" is a noun).
    r"(?<=[sSA-Z]\s)control(?!\s+(?:of|over)\b))|"
    r"(?P<hold_noun>(?:de[\s-]?facto\s+|self-(?:proclaimed|declared|styled)\s+)?capital|"
    r"strongholds?|bastions?|headquarters|heartland|fiefdom|base|bases|enclave|pocket|"
    # "the group's last significant town in the Aleppo countryside" (a possessor needed).
    r"last\s+(?:(?:major|significant|big|large|remaining|main|urban|important|sizeable)\s+)"
    r"{0,2}(?:town|city|urban\s+cent(?:re|er)))|"
    r"(?P<siege>besieg(?:e|es|ed|ing)|encircl(?:e|es|ed|ing)|surround(?:s|ed|ing)|"
    r"under\s+(?:(?-i:[A-Z][\w'’.-]*)\s+){0,3}?siege|"
    # "under a suffocating siege by the regime".
    r"under\s+(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2}?siege|siege\s+(?:of|on|to)|(?:laid|lay|lays|imposed|impose|imposes|tightened)\s+"
    r"(?:a\s+|the\s+|its\s+)?siege\s+(?:to|on|of|around))|"
    r"(?P<contested>(?:at|reached|reach|reaches|to)\s+the\s+(?:\w+\s+)?gates\s+of|"
    # "continued to pursue terrorist groups in al-Nabk": a fight in the town.
    r"(?:pursu(?:e|es|ed|ing)|chas(?:e|es|ing)|hunt(?:s|ed|ing)?\s+down)\s+(?:the\s+)?"
    r"(?:remaining\s+|remnants\s+of\s+(?:the\s+)?)?(?:[\w'’-]+\s+){0,2}?(?:groups|"
    r"terrorists|militants|fighters|cells|gunmen|remnants)\s+(?:in|inside|around)|"
    r"(?:reached|reach|reaches|reaching)(?=\s+(?:the\s+)?(?:outskirts|edges?|entrances?|"
    r"approaches)\s+of)|clash(?:es|ed)?|fighting|fought|fights?|battl(?:e|es|ed|ing)|assaults?|"
    r"assaulted|offensives?|counter-?offensives?|counter-?attacks?|storm(?:s|ed|ing)?|"
    r"skirmish(?:es)?|(?:push(?:ed|es|ing)?|broke|break(?:s|ing)?|burst)\s+into|"
    r"(?:pressing|press|presses|pressed)\s+(?:on|into)|advanc(?:e|es|ed|ing)\s+on|(?:launched|launch|launches|mounted|"
    r"began|begun|started|resumed)\s+(?:an?\s+|the\s+|their\s+|its\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:attack|push|operation|campaign)s?)"
    r")(?![\w-])",
    _I,
)

# Word prefixes every CUE_RE alternative can start with: the big alternation is only
# tried at such words (see :func:`cue_matches`); tests check the equivalence.
CUE_PREFIXES = tuple(sorted(set("""
    broke break lifted lift ended ending repel repuls thwart foil fend beat push den drove
    driv forced kicked chased flushed expel oust routed cleared purged free captur seiz
    retook retak recaptur liberat overr conquer storm regain wrest won win gain assum
    establish impos extend restor rais hoist planted took tak enter secur occup swept sweep
    rolled marched complet finished fall fell withdr pull retreat evacuat abandon quit left
    leav exit los surrender hand ced vacat departure in remain is are was were be came come
    returned returns brought bring placed put under hold held dug digging entrenched control
    dominat de self capital stronghold bastion headquarters heartland fiefdom base enclave pocket
    besieg encircl surround siege laid lay tightened at reach to clash fight fought battl
    assault offensive counter skirmish burst press advanc launch mounted began begun started
    resumed declar gave give clung cling expand tighten consolidat cement strengthen reinforc
    clear cleans flag deploy protect pursu chas hunt run confin last
    divided split shared partitioned has had have having rul administ govern
    purg rid bus ferried retain kept keep maintain mov announc confirm proclaim redeploy reposition
""".split())))


def _trie(words: tuple[str, ...]) -> str:
    """A regex matching any of ``words``, factored by common prefixes (re tries the
    alternatives of a flat alternation one by one at every position)."""
    root: dict = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def rx(node: dict) -> str:
        alts = [re.escape(ch) + rx(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return rx(root)


# A letter run ([A-Za-z]+, ASCII case folding) starting with one of CUE_PREFIXES: one
# regex scan finds the candidate words instead of a Python test of every word.
_CUE_TOKEN = re.compile(r"(?<![A-Za-z])(?ai:" + _trie(CUE_PREFIXES) + r")[A-Za-z]*")


# Common words that start a cue only when the sentence also holds a rarer word.
_NEEDS = {
    **dict.fromkeys(("in", "is", "are", "was", "were", "be", "been", "came", "come", "comes",
                     "returned", "returns", "brought", "bring", "brings", "placed", "put",
                     "remain", "remains", "remained"),
                    ("under", "hands", "control", "grip", "charge")),
    **dict.fromkeys(("at", "to"), ("gates",)),
    **dict.fromkeys(("reached", "reach", "reaches", "reaching"),
                    ("gates", "outskirts", "edge", "entrance", "approaches")),
    "de": ("facto",), "self": ("capital",),
    **dict.fromkeys(("has", "had", "have", "having"), ("foothold",)),
    **dict.fromkeys(("divided", "split", "shared", "partitioned"), ("between",)),
}


def cue_matches(text: str) -> tuple[re.Match, ...]:
    """``CUE_RE.finditer(text)``, tried only at words that can start a cue."""
    return _cue_matches(text)


@lru_cache(maxsize=4096)
def _cue_matches(text: str) -> tuple[re.Match, ...]:
    # Cached: a pure function of the sentence, asked for once per sentence and again
    # for recurring sentences (boilerplate, relayed paragraphs).
    out = []
    pos = 0
    low = text.lower()
    for tok in _CUE_TOKEN.finditer(text):
        start = tok.start()
        if start < pos:
            continue
        needs = _NEEDS.get(tok.group().lower())
        if needs and not any(n in low for n in needs):
            continue
        m = CUE_RE.match(text, start)
        if m:
            out.append(m)
            pos = m.end()
    return tuple(out)


HELD_QUICK_RE = re.compile(
    r"-(?:held|controlled|run|dominated|occupied|ruled|administered|governed)\b")
ANAPHOR_QUICK_RE = compile_led(
    "abcdfgnptv",
    r"\b(?:city|town|village|base|airbase|airport|crossing|dam|district|neighbou?rhood|province|"
    r"governorate|camp|field)\b", _I
)

# Status each cue kind says, before path / negation adjustments.
CUE_STATUS = {
    "siege_break": "controls", "repel": "controls", "deny_loss": "controls",
    "drive_out": "captured", "capture": "captured", "take": "captured",
    "capture_noun": "captured", "fell": "captured", "withdraw": "withdrew",
    "withdraw_noun": "withdrew", "in_control": "controls", "hold_still": "controls",
    "hold": "controls", "hold_noun": "controls", "siege": "besieged",
    "contested": "contested",
}
# Base confidence of each cue kind.
CUE_STRENGTH = {
    "siege_break": 0.75, "repel": 0.6, "deny_loss": 0.5, "drive_out": 0.9, "capture": 0.9,
    "take": 0.8, "capture_noun": 0.7, "fell": 0.85, "withdraw": 0.8, "withdraw_noun": 0.7,
    "in_control": 0.85, "hold_still": 0.75, "hold": 0.8, "hold_noun": 0.7, "siege": 0.7,
    "contested": 0.6, "held_adj": 0.75, "presence": 0.5,
}

# A place named as the location of something else: "a town in northern Hama",
# "west of Palmyra", "near Damascus" (inside an appositive, never its head).
LOCATIVE_BEFORE_RE = compile_led(
    "abcefhinorstvw",
    # "Al-Waer, on the western edge of the city, remains ...": the city locates Al-Waer.
    r"(?:\b(?:(?:edges?|outskirts|heart|centre|center)\s+of|"
    r"near|outside|around|towards?|beyond|from|via|along|across|between|natives?\s+of|"
    # "Base 46, near the town of Atareb, fell": Atareb locates the base.
    r"residents?\s+of|inhabitants?\s+of|born\s+in)\s+(?:the\s+(?:city|town|village)\s+of\s+)?|"
    r"\b" + COMPASS + r"\s+of\s+|"
    r"\bin\s+(?:(?:the|northern|southern|"
    r"eastern|western|central|north-?\w*|south-?\w*)\s+){0,2})(?:the\s+)?$",
    _I,
)
# "X, where ..." : the clause is about X.
WHERE_RE = re.compile(r"\s*,?\s*(?:where|in\s+which)\s+", _I)
REL_OBJECT_RE = re.compile(r"(?:,\s*)?\b(?:which|that|whom)\s+(?:the\s+)?$", _I)
REL_BWD_RE = re.compile(
    r"(?:\s+(?:area|region|pocket|enclave|countryside))?(?:\s*\([^)]{0,60}\))?"
    r"(?:\s*,\s*(?:a|an|the|its|their|two|three|both)\s+[^,;()]{1,70}?)?\s*,?\s*", _I
)
REGION_AFTER_LIST_RE = re.compile(
    r"\s*,?\s*(?:and|as\s+well\s+as|plus|along\s+with)\s+" + r"(?:a|an|the)?\s*", _I
)
SINCE_AFTER_RE = re.compile(r"\s*(?:,\s*)?since\b", _I)
HAD_BEEN_RE = re.compile(r"\bhad\s+(?:\w+\s+)?been\s+(?:\w+\s+)?$", _I)
STATE_CITE_RE = compile_led(
    "Ss",
    r"\b(?:SANA|Syrian\s+Arab\s+News\s+Agency|[Ss]tate\s+(?:media|television|TV|news\s+agency)|"
    r"state-run\s+(?:media|television|TV))\b"
)

# "rebel-held", "ISIS-controlled", "Islamic State-held".
HELD_ADJ_RE = re.compile(
    r"(?P<prefix>(?:[A-Za-z][\w'’]*\s+)?[A-Za-z][\w'’]*)-(?:held|controlled|run|dominated|"
    r"occupied|ruled|administered|governed)\b"
)
HELD_PREFIX = {
    "rebel": "opposition", "rebels": "opposition", "opposition": "opposition",
    "insurgent": "opposition", "fsa": "opposition", "government": "government",
    "regime": "government", "army": "government", "loyalist": "government",
    "assad": "government", "state": "government", "is": "isis", "isis": "isis", "isil": "isis",
    "daesh": "isis", "islamic state": "isis", "kurdish": "sdf", "sdf": "sdf", "ypg": "sdf",
    "turkish": "turkey", "turkey": "turkey", "sna": "turkey", "nusra": "hts", "hts": "hts",
    "qaeda": "hts", "al-qaeda": "hts", "jihadist": "jihadists", "militant": "militants",
    "terrorist": "militants", "extremist": "jihadists", "ankara": "turkey",
    "insurgents": "opposition", "jihadists": "jihadists", "militants": "militants",
    "terrorists": "militants",
}

# "the city", "the town", "the air base" used for a place named before.
ANAPHOR_KINDS = {
    "city": "settlement", "town": "settlement", "village": "settlement",
    "base": "facility", "airbase": "facility", "air base": "facility", "airport": "facility",
    "crossing": "crossing", "dam": "facility", "district": "neighbourhood",
    "neighbourhood": "neighbourhood", "neighborhood": "neighbourhood",
    "province": "admin1", "governorate": "admin1", "camp": "settlement", "field": "facility",
    "gas field": "facility", "oil field": "facility",
}
PLACE_ANAPHOR_RE = compile_led(
    "it",
    r"\b(?:the|its)\s+(?:(?!(?:first|last|second|third|only|next|largest|biggest|same|"
    r"nearby|neighbou?ring|other|main|major|provincial|country|region|area)\b)"
    r"[\w'’-]+\s+){0,2}?(?P<kind>city|town|village|air\s+base|airbase|base|airport|crossing|"
    r"dam|district|neighbou?rhood|province|governorate|camp|(?:gas\s+|oil\s+)?field)\b"
    r"(?!\s+(?:of|council|hall|centre|center|square)\b)"
    r"(?!['’]s)(?!-)",
    _I,
)
# "recaptured it", "held it": an object pronoun standing for the place in focus.
IT_OBJECT_RE = re.compile(r"\bit\b(?!['’])", _I)

# -- paths between a cue and its place -------------------------------------------------
# Words a forward path may not cross: they introduce a different relation.
_BLOCK = (
    r"and|or|but|then|to|of|towards?|near|nearby|after|before|while|as|where|which|who|that|"
    r"was|were|had|has|have|is|are|be|been|from|in|on|at|by|with|into|onto|around|against|"
    r"for|since|until|during|amid|across|along|through|via|between|outside|inside|beyond|"
    r"north|south|east|west|km|kms|kilometers|kilometres|miles|it|they|its|their|not|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west|"
    r"close|just|up|down|over|under|said|says|reported|killing|killed|leaving|left|"
    r"km\.|mi|outskirts|gates|edge|edges|entrance|approaches|parts?|sections?|"
    r"neighbou?rhoods|districts|villages|towns|areas|positions|points|hills|fields|farms|"
    r"territory|territories|countryside|suburbs|province|governorate|region|most|much|half"
)
_WORD = rf"(?!(?:{_BLOCK})(?![\w'’.-]))[\w'’.-]+"  # a blocked word only as a whole token
QUANT = (
    r"(?P<quant>(?:(?:about|around|nearly|almost|roughly|some|over|more\s+than|at\s+least|"
    r"up\s+to|approximately|close\s+to|just\s+under|just\s+over|less\s+than|under)\s+)?(?:(?P<pct>\d+(?:\.\d+)?)\s*(?:(?:to|-|–|and)\s*"
    r"(?P<pct2>\d+(?:\.\d+)?)\s*)?(?:%|percent|per\s+cent)|most|much|the\s+majority|the\s+bulk|"
    r"(?P<frac>half|a\s+third|one[\s-]third|two[\s-]thirds|a\s+quarter|one[\s-]quarter|"
    r"three[\s-]quarters)|(?:large|big|vast|significant|major|wide)\s+(?:parts?|swathes?|"
    r"areas?|sections?|portions?)|(?:the\s+[a-z-]+ern\s+)?(?P<parts>parts?|sections?|portions?|areas?|some|side|pockets)|"
    r"(?P<nearall>(?:nearly|almost|virtually|practically)\s+(?:all|the\s+whole|the\s+entire"
    r"(?:ty)?))|(?P<all>all|the\s+(?:entire|whole)(?:ty)?))\s+of\s+)"
)
SETTLEMENT_NOUN = (
    r"(?:city|town|village|hamlet|settlement|district|neighbou?rhood|quarter|suburb|area|hill|"
    r"hilltop|mountain|mount|heights|airbase|air\s+base|military\s+airport|airport|airfield|"
    r"base|dam|crossing|border\s+crossing|oil\s*field|gas\s*field|field|camp|prison|bridge|"
    r"junction|region|province|governorate|enclave|pocket|stronghold|bastion|capital|"
    r"centre|center|villages|towns|cities|neighbou?rhoods|districts|quarters|suburbs|"
    r"observation\s+post|military\s+post|post|outpost|"
    # "seized an army infantry school in X": the site stands for the place it is in.
    r"school|academy|college|barracks|headquarters|compound|factory|complex|silos|"
    r"checkpoint|(?:main\s+|central\s+)?square)"
)
# Where a forward path ends in a partial or contested relation, not a capture.
EDGE_NOUN = (r"(?P<edge>outskirts|suburbs|gates|edges?|entrances?|approaches|"
             r"(?:frontline|front)\s+(?:line\s+)?(?:positions\s+)?(?:in|at|near)|positions|points)")

_FWD_TAIL = (
    r"(?:(?P<ctl>(?:full\s+|complete\s+|total\s+|effective\s+)?control\s+(?:of|over))\s+)?"
    # "the nearby town of X": an adjective after the article ("nearby X" alone is blocked).
    rf"(?:{QUANT})?(?:(?:the|a|an|its|their)\s+(?:nearby\s+)?)?"
    # "seized the Syrian side of Mount Hermon": the Syrian part is the place.
    r"(?:Syrian\s+side\s+of\s+(?:the\s+)?)?"
    rf"(?:(?:{_WORD}\s+){{0,2}}?{EDGE_NOUN}\s+of\s+(?:the\s+)?)?"
    rf"(?:{_WORD}\s+){{0,4}}?(?:(?P<noun>{SETTLEMENT_NOUN})(?:(?:(?<=capital)|(?<=crossing))\s*,\s*|"
    # "the provincial capital, Idlib", "the border crossing, Bab al-Hawa".
    r"\s+(?:(?:of|at|in)\s+)?(?:the\s+)?))?"
)
FWD_PATH_RE = re.compile(r"[\"”’]?\s*" + _FWD_TAIL, _I)  # after a quoted verb too
# After a withdrawal: "withdrew from the town of", "pulled out of", "evacuated from
# their one-time bastion of".
WITHDRAW_PATH_RE = re.compile(
    # "withdrew its fighters from X": the units withdrawn stand before "from".
    r"(?:\s+(?:its|their|the|his|our)\s+(?:(?:remaining|last|heavy|[\w-]+)\s+){0,2}?(?:fighters|"
    r"forces|troops|units|men|soldiers|militants|personnel|members|weapons|garrison)(?=\s+"
    r"(?:from|out\s+of)\b))?"
    r"\s*(?:(?:and\s+(?:re)?positioned\s+)?(?:from|out\s+of|of|away\s+from|outside)\s+)?"
    # "left their positions in the X area": the place is where the positions were.
    r"(?:(?:their|its)\s+(?:(?:remaining|last|military|frontline)\s+)?(?:positions|posts|"
    r"checkpoints|barracks)\s+(?:in|at|around|inside)\s+(?:the\s+)?|(?:their|its)\s+)?"
    + _FWD_TAIL, _I
)
# "more than 15 villages in the", "several villages in western", "parts of the".
REGION_IN_RE = re.compile(
    r"\s*(?:(?:more\s+than|at\s+least|over|some|several|dozens\s+of|scores\s+of|a\s+(?:number|"
    r"series|string|handful|dozen)\s+of|a\s+few|many|new|\d+|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|fifteen|twenty|\w+teen|\w+ty)\s+)*"
    r"(?:(?!(?:besieged|encircled|surrounded|embattled)\b)[a-z][\w-]*\s+){0,2}?"
    r"(?P<what>villages|towns|areas|positions|hills|points|farms|territor(?:y|ies)|settlements|"
    r"locations|sites|hamlets|neighbou?rhoods|districts|oil\s*fields|fields|parts|regions|"
    r"farmlands|hilltops|outposts|checkpoints)\s+(?:in|across|throughout|of|inside)\s+(?:the\s+)?"
    r"(?:(?:" + COMPASS + r"|central|rural)\s+)?"
    r"(?:countryside\s+of\s+(?:the\s+)?)?",
    _I,
)
# Between two places of one list: "X, Y and Z", "X as well as Y".
LIST_SEP_RE = re.compile(
    r"\s*(?:,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+|\s*&\s*|\s+plus\s+)"
    # Adjectives may stand before the noun, not a verb ("X, holding the town of Y"), nor a
    # state of their own ("X, and the besieged towns of Y": another group of places).
    rf"(?:(?:the|a|an)\s+)?(?:nearby\s+)?(?:(?![\w'’-]+ing\b|(?:besieged|encircled|surrounded|embattled|"
    rf"[\w'’]+-(?:held|controlled))\b){_WORD}\s+){{0,2}}?(?:{SETTLEMENT_NOUN}s?\s+"
    r"(?:of\s+)?(?:the\s+)?)?",
    _I,
)
# A place before a passive or "fell": "X was captured", "X, which was seized",
# "X (a town of 5,000) fell", "X was the first city to fall".
# "the Abu al-Duhur air base, which has been besieged": as "Abu al-Duhur" after a verb.
_FACILITY_AFTER = (
    r"(?:\s+(?:air\s*base|airbase|military\s+airport|airport|airfield|military\s+base|"
    r"border\s+crossing|crossing|dam|prison|(?:city|town)(?:\s+(?:centre|center))?|centre|center))?"
)
BWD_PATH_RE = re.compile(
    _FACILITY_AFTER +
    # "The Nassib crossing with Jordan, once a trade route, has been ...".
    r"(?:\s+(?:with|into)\s+(?-i:[A-Z])[\w'’-]+)?"
    r"(?:\s*\([^)]{0,60}\))?(?:\s*,\s*(?:(?:once|long|formerly|now|still)\s+)?"
    r"(?:a|an|the|its|their|two|three|both)\s+[^,;()]{1,90}?"
    # "X, which rebels had held since 2014, fell to": a relative clause set off by commas.
    r"(?:,\s*|\s+)|\s*,\s*(?:which|where)\s+[^,;()]{1,70}?,\s*|"
    # "Qamishli airport, which hosts a Russian base and remains in government hands".
    r"\s*,\s*which\s+(?:hosts?|housed?|houses|lies|sits|overlooks)\b[^,;()]{1,60}?\s+and\s+|"
    r"\s*,\s*(?:however|though|meanwhile|too|still)\s*,\s*|"
    # "Maskana, on the old road between Aleppo and Raqqa, had been held by ...".
    # "Latakia, about 50 km to the south, which remains ...".
    r"\s*,\s*(?:(?:about|some|around|nearly|roughly|just)\s+)?(?:on|in|near|along|off|at|south|"
    r"north|east|west|\d[\d,.]*\s*(?:km|kilomet(?:er|re)s?|miles?))\b[^,;()]{1,70}?,\s*|"
    # "the Nasib crossing on the border with Jordan, which remains in rebel hands".
    r"\s+(?:on|along|near|off)\s+the\s+[^,;()]{1,50}?,\s*(?=(?:which|that)\s)|"
    # "four district centres - X, Y and Z - are now under ...": a list set off by dashes.
    # "Tal Abyad (held by the SDF since 2015)".
    r"\s*,\s*|\s+[-–—]\s+|\s*\(\s*|\s+)"
    r"(?:(?:which|that|who)\s+)?"
    r"(?:(?:has|had|have|was|were|is|are|been|being|be|remains?|remained|stays?|stayed|also|"
    r"now|finally|fully|completely|"
    r"reportedly|eventually|largely|briefly|later|then|already|quickly|recently|once|"
    r"officially|effectively|mostly|still|itself|entirely|totally|partially|partly|soon|"
    r"ultimately|subsequently|only|just|itself|all|both|reported|said|believed|thought|understood|"
    r"to|have|been|widely|firmly|securely|solidly|safely|squarely|tightly|again|back)\s+){0,5}"
    # "X is one of the last towns in rebel hands", "X is among the villages still under".
    r"|\s+(?:is|was|are|were|remains?|remained)\s+(?:one\s+of|among)\s+(?:the\s+)?"
    r"(?:(?:few|last|only|remaining|handful\s+of|two|three|several|main|major)\s+){0,2}"
    r"(?:[\w'’-]+\s+){0,2}?(?:towns|cities|villages|places|areas|districts|neighbou?rhoods|"
    r"parts|pockets|communities|settlements)\s+(?:(?:that|which)\s+(?:are\s+|is\s+)?|"
    r"(?:still|left|now|yet|firmly)\s+){0,2}"
    # "X is the only city in the province still held by the government".
    r"|\s+(?:is|was|remains?|remained)\s+the\s+(?:only|last|sole)\s+(?:[\w'’-]+\s+){0,2}?"
    r"(?:city|town|village|place|area|district|neighbou?rhood|provincial\s+capital)\s+"
    r"(?:(?:in|of|on)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?(?:province|country|region|area|north|"
    r"south|east|west|valley|countryside|governorate)\s+)?(?:(?:that|which)\s+(?:is\s+)?|"
    r"(?:still|left|now|yet|firmly)\s+){0,2}"
    r"|\s+(?:was|is|became|has\s+been|had\s+been)\s+(?:the|a)\s+(?:first|last|latest|second|"
    r"third|only|next|biggest|largest)\s+(?:[\w'’-]+\s+){0,3}?(?:city|town|village|place|"
    r"stronghold|provincial\s+capital|capital|major\s+city)\s+to\s+",
    _I,
)
# A place before a holding noun: "X, the group's stronghold", "X which is considered
# the headquarters of", "X, the de facto capital of".
BWD_HOLDN_RE = re.compile(
    _FACILITY_AFTER + r"(?:\s*\([^)]{0,60}\))?"
    r"(?:\s*,\s*|\s+(?:which|that)\s+(?:is|was|has\s+been|had\s+been|"
    r"remains|remained|became|serves\s+as|served\s+as)\s+(?:(?:considered|seen\s+as|regarded\s+as|"
    r"described\s+as|known\s+as|called|still|now|effectively|widely)\s+){0,2}|\s+(?:is|was|remains|"
    r"remained|became|has\s+been|had\s+been)\s+(?:(?:still|now|effectively|considered|seen\s+as|"
    # "X, one of the regime's most important strongholds".
    r"regarded\s+as|widely)\s+){0,2})(?:one\s+of\s+)?(?:the\s+|a\s+|an\s+|its\s+|their\s+)?"
    r"(?:(?!(?:and|or|but|near|north|south|east|west|of|in|to|from)\b)[\w'’.-]+\s+){0,5}",
    _I,
)
FWD_HOLDN_RE = re.compile(
    r"(?:\s+(?:of|in|at)\s+(?:the\s+)?(?:(?:city|town|village|area)\s+of\s+)?|\s*,\s*"
    r"(?:the\s+(?:city|town)\s+of\s+)?|"
    # "IS, whose de facto capital is the city of Raqqa".
    r"(?<=\S)\s+(?:is|remains)\s+(?:the\s+(?:city|town)\s+of\s+)?|\s+)",
    _I,
)
# After a contested cue: "clashes with IS in the town of", "battle for", "assault on".
CONTESTED_PATH_RE = re.compile(
    r"(?:[^.;:]{0,90}?\s)?(?:in|around|for|over|on|at|inside|within|into|against|of|"
    r"to\s+(?:capture|take|retake|seize|storm|liberate|enter|recapture|control)|"
    r"(?:on|at)\s+the\s+(?:outskirts|edges?|gates|entrances?)\s+of)\s+(?:the\s+)?"
    rf"(?:(?:{_WORD})\s+){{0,3}}?(?:{SETTLEMENT_NOUN}\s+of\s+(?:the\s+)?)?",
    _I,
)
CONTESTED_BREAK_RE = re.compile(
    r"[;:]|,\s*and\b|\band\s+(?:then\s+)?(?:\w+ed|cut|took|began|set|hit|shot|struck|left)\b|\b(?:after|before|since|while|whereas|although|but|when|where|which|who|said|says|"
    r"near|towards?|from|captured|seized|took|fled|killed|air\s*strikes?|shelling|bombing|"
    # "bringing them within a few kilometres of the city": near it, not in it.
    r"kilomet(?:re|er)s|km|miles|bringing|brought)\b",
    _I,
)
# After an intransitive holding cue: "holding out in X".
IN_PATH_RE = re.compile(
    r"\s+(?:in|at|inside|within)\s+(?:the\s+)?(?:(?:[\w'’-]+)\s+){0,2}?"
    rf"(?:{SETTLEMENT_NOUN}\s+of\s+(?:the\s+)?)?",
    _I,
)
# An actor immediately located: "rebels in X", "US-backed rebels at al-Tanf".
PRESENCE_PATH_RE = re.compile(
    # "militias are stationed in the city of X and the town of Y".
    r"\s+(?:(?:(?:are|is|were|was|remain|remained|have\s+been|has\s+been)\s+(?:still\s+|now\s+|"
    r"also\s+)?(?=stationed|based|deployed|positioned|entrenched))?(?:stationed|based|deployed|"
    r"entrenched|holed\s+up|positioned|remaining|still|"
    r"who\s+(?:control|hold|remain)|besieged)\s+)?(?:at|in|inside)\s+(?:the\s+)?"
    r"(?:(?:besieged|rebel-held|northern|southern|eastern|western|central|nearby|"
    r"strategic|key)\s+)?(?:(?:city|town|village|base|airbase|area|enclave|pocket)\s+of\s+)?",
    _I,
)
SIEGE_PATH_RE = re.compile(
    r"\s+(?:(?:of|on|around|to|in)\s+)?(?:the\s+)?(?:(?:[\w'’-]+)\s+){0,3}?"
    rf"(?:{SETTLEMENT_NOUN}\s+of\s+(?:the\s+)?)?",
    _I,
)

# -- markers ----------------------------------------------------------------------------
CLAUSE_BOUNDARY_RE = compile_led(
    ",:;abfstuw",
    r"[;:]|,\s*(?=(?:but|while|whereas|although|though|which|where|when|after|before|"
    r"since|as)\b)|\b(?:but|while|whereas|although|though|after|before|since|until|"
    r"following|when|where|which)\b",
    _I,
)
# Boundaries that change the time of what follows (for dating a cue).
TIME_BOUNDARY_RE = compile_led(
    ";abfhlpstuw",
    # "following the capture" opens a clause; "on the following day" is a date.
    r"[;]|\b(?:since|after|before|until|prior\s+to|previously|"
    r"following(?!\s+(?:day|morning|afternoon|evening|night|week|month|year)\b)|"
    r"which|that|who|whom|where|when|while|whereas|had\s+been|last\s+held)\b",
    _I,
)
NEGATION_RE = compile_led(
    "cdfnruwy",
    r"\b(?:not|never|no\s+longer|failed|fail|fails|failing|unable|yet\s+to|without|"
    r"denied|deny|denies|denying|rejected|dismissed|false|refuted|cannot|couldn['’]t)\b|n['’]t\b",
    _I,
)
NO_LONGER_RE = re.compile(r"\bno\s+longer\b", _I)
MODAL_RE = compile_led(
    "abcdehilmnoprstuvw",
    r"\b(?:aim(?:s|ed|ing)?\s+(?:to|at)|plan(?:s|ned|ning)?\s+to|prepar(?:e|es|ed|ing)\s+(?:to|for)|"
    r"set\s+to|poised\s+to|threaten(?:s|ed|ing)?\s+to|vow(?:s|ed|ing)?\s+to|seek(?:s|ing)?\s+to|"
    r"sought\s+to|tr(?:y|ies|ied|ying)\s+to|attempt(?:s|ed|ing)?\s+to|bid\s+to|in\s+order\s+to|"
    # Lower-case "may" only: "May 19", "in May" are the month.
    r"could|(?-i:may)(?!\s+\d)|might|would|will|shall|can|expected\s+to|likely\s+to|about\s+to|"
    r"hop(?:e|es|ed|ing)\s+to|want(?:s|ed)?\s+to|intend(?:s|ed)?\s+to|ready\s+to|verge\s+of|"
    r"brink\s+of|close\s+to|push\s+to|drive\s+to|race\s+to|battle\s+to|offensive\s+to|"
    r"assault\s+to|campaign\s+to|operation\s+to|efforts?\s+to|allow(?:s|ed|ing)?\s+"
    r"[^,.;]{0,40}?\s+to|would-be|if|unless|whether|able\s+to|need(?:s|ed)?\s+to|"
    r"urged?\s+[^,.;]{0,30}?\s+to|call(?:s|ed)?\s+(?:on|for)|demand(?:s|ed)?|order(?:s|ed)?\s+"
    r"[^,.;]{0,30}?\s+to|agree(?:s|d)?\s+to|possible|possibility|threat\s+of)\b",
    _I,
)
TO_BEFORE_RE = compile_led(
    "t",
    r"\bto\s+(?:[\w-]+\s+(?:and|or)\s+)?(?:(?:fully|completely|quickly|eventually|ultimately|"
    r"then|later|finally|swiftly|soon)\s+)?$",
    _I,
)
FIRST_TO_RE = compile_led(
    "bcflnost",
    r"\b(?:first|last|latest|second|third|next|only|largest|biggest)\b[^.;]{0,40}\bto\s+$|"
    # "the SDF continue to control Raqqa": a state that goes on, not a plan.
    r"\bcontinu(?:e|es|ed|ing)\s+to\s+$", _I
)
HEDGE_RE = compile_led(
    "abcprsu",
    r"\b(?:reportedly|allegedly|purportedly|claimed|claims|claiming|unconfirmed|apparently|"
    r"rumou?red|said\s+to\s+have|believed\s+to|appears?\s+to|appeared\s+to)\b",
    _I,
)
CLAIM_FALSE_RE = compile_led("bdflu", r"\b(?:false|untrue|baseless|fabricated|fake|lies|denied)\b",
                             _I)
CLAIM_BEFORE_RE = compile_led(
    "acr",
    r"\b(?:claim(?:s|ed)?|reports?|rumou?rs?|allegations?|assertions?)\b[^.;]{0,60}?"
    r"\b(?:that|of|to\s+have)\b",
    _I,
)
FORMER_RE = re.compile(
    r"\b(?:one-time|onetime|former|formerly|erstwhile|once|ex-|previous|previously|then|"
    r"old|past|until)\b[\w\s'’-]{0,25}$",
    _I,
)
LAST_RE = re.compile(r"\b(?:last|final|remaining|rest\s+of\s+the)\b", _I)
# Words before an actor that make it the object, not the doer.
OBJECT_BEFORE_RE = compile_led(
    "abcdefhklnoprstvw",
    r"\b(?:against|with|from|versus|vs\.?|targeting|fighting|battling|attacking|attacked|"
    r"attack|attacks|on|expelled|drove|clear|clearing|cleared|driven|ousted|routed|defeated|killed|between|toward|"
    r"towards|than|to|for|by|besieging|besieged|encircled|surrounded|for|led|killing|"
    r"eliminated|eliminating|neutrali[sz]ed|pursue|pursued|pursuing|chasing|hunting|targeted|"
    r"struck|striking|shelled|shelling|bombed|bombing|pounded|pounding)\s+"
    r"(?:(?:the|its|their|a|an|some|several|many|numerous|dozens\s+of|hundreds\s+of|"
    r"scores\s+of|a\s+number\s+of|\d+|remaining|last|retreating|rival|fleeing|trapped|"
    r"opposing|enemy|hostile)\s+)*$",
    _I,
)
PRONOUN_RE = re.compile(r"\b(?:they|it|we|he|she|the\s+group|the\s+forces|the\s+troops)\b", _I)
PASSIVE_AUX_RE = compile_led(
    "abgirsw",
    r"\b(?:was|were|is|are|been|being|be|get|got|gets|remains?|remained|stays?|stayed)\s+"
    r"(?:(?:now|also|finally|fully|"
    r"completely|reportedly|recently|officially|effectively|largely|partially|quickly|"
    r"eventually|subsequently|later|then|already|once|briefly|entirely)\s+){0,2}$",
    _I,
)
BY_AGENT_RE = re.compile(
    r"\s*(?:,\s*)?(?:(?:on|in|late\s+on|early\s+on|last)\s+[\w,]+(?:\s+\d{4})?\s+)?"
    r"(?:by|to|into\s+the\s+hands\s+of|under\s+the\s+control\s+of)\s+(?:the\s+)?"
    # "held by the US-backed Manbij Military Council".
    r"(?:[\w.]+-(?:backed|allied|aligned|supported|sponsored)\s+)?$",
    _I,
)
DATELINE_RE = re.compile(
    r"[A-Z][A-Za-z .'’-]{1,40}?(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([^)]{1,40}\))?\s*[-–—]+\s"
)

# -- attribution ------------------------------------------------------------------------
_SPEECH_VERBS = (
    "said says say reported reports announced announces claimed claims told tells stated "
    "states confirmed confirms added noted wrote tweeted posted declared declares saying "
    "quoted"
).split()
# Whole words only, so at most one verb matches at a position: the prefix-factored
# alternation finds the same matches as the flat one, much faster.
SPEECH_RE = compile_led("acdnpqrstw", r"\b" + _trie(tuple(_SPEECH_VERBS)) + r"\b", _I)
ACCORDING_RE = compile_led(
    "a",
    r"\baccording\s+to\s+(?P<src>[^,.;]{2,90}?)(?=\s*(?:[,.;]|$|\s+(?:which|who|that)\b))", _I
)
SPEAKER_AFTER_RE = re.compile(
    r"[,\"”’]\s*(?:said|says|added|told\s+\w+)\s+(?P<src>[^,.;\"“]{2,60}?)(?=\s*(?:[,.;]|$))", _I
)
_SOURCES = (
    (r"syrian\s+observatory|the\s+observatory|\bSOHR\b|(?:britain|london|uk)-based\s+"
     r"(?:war\s+)?monitor|war\s+monitor|the\s+monitor", "Syrian Observatory for Human Rights"),
    (r"\bSANA\b|syrian\s+arab\s+news\s+agency|state\s+news\s+agency", "SANA"),
    (r"state(?:-run)?\s+(?:media|television|tv)|syrian\s+(?:state\s+)?tv|ikhbariya|"
     r"state-run", "Syrian state media"),
    (r"\ba{1,2}maq\b", "Amaq"),
    (r"(?:us|u\.s\.)-led\s+coalition|\bthe\s+coalition\b|coalition\s+spokesman|\bCJTF",
     "US-led coalition"),
    (r"\bactivists?\b", "activists"),
    (r"(?:military|army|field|security)\s+sources?", "military source"),
    (r"\bReuters\b", "Reuters"),
    (r"\bAFP\b|agence\s+france", "AFP"),
    (r"\bAP\b|associated\s+press", "AP"),
    (r"\bal[\s-]?masdar\b", "Al-Masdar News"),
    (r"\brussian\s+defen[cs]e\s+ministry|russia['’]s\s+defen[cs]e\s+ministry|\bthe\s+kremlin\b",
     "Russian Defence Ministry"),
    (r"\bpentagon\b", "Pentagon"),
    (r"\blocal\s+sources?\b|\bresidents\b|\bwitnesses\b", "local sources"),
    (r"\bopposition\s+sources?\b|\brebel\s+sources?\b", "opposition sources"),
)
SOURCE_RES = tuple((re.compile(rx, _I), label) for rx, label in _SOURCES)
SPEAKER_PRONOUN_RE = re.compile(r"^(?:he|she|they|it|the\s+spokesman|the\s+official|the\s+"
                                r"statement|the\s+group|the\s+agency)$", _I)

# Quick test for a sentence that might hold a claim at all.
ANY_CUE_RE = CUE_RE
