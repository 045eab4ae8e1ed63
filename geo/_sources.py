"""When and according to whom: dating a cue and finding its source (private to
:mod:`geo.claims`).

Dates: the date expression in the cue's own time clause (clauses are cut at "since",
"after", "before", relative pronouns, ...; parentheses and ", which ...," asides are
skipped), the said-on date for descriptive cues ("the Kurdish-held enclave") and as a
fallback, "the previous year" counted from the date named before it.

Sources: "according to X", "X said/reported/told", "..., said X"; known bodies get a
canonical label (Syrian Observatory for Human Rights, SANA, state media, Amaq,
coalition, activists, military source, news agencies); an actor speaking is labelled
by its actor ("SDF"); "he said" takes the paragraph's last named source.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from geo import _cues as C
from geo._links import ActorRef
from geo.actors import ACTOR_LABELS
from geo.model import EventDate

_WS = re.compile(r"\s+")
_PARENS = re.compile(r"\([^)]*\)")
# Asides set off by commas: relative clauses, and noun appositives ("Daraa, the birthplace
# of the 2011 uprising, on Friday"): their dates are not the main clause's.
_COMMA_REL = re.compile(
    r",\s*(?:which|who|(?:the|a|an)\b(?![^,;.]{0,80}\b(?:said|says|told|reported|added|"
    r"announced|claimed|stated|confirmed)\b))\b[^,;.]{1,80},")
_PREV_YEAR = re.compile(r"\bthe\s+(?:previous|prior|preceding)\s+year\b|\bthe\s+year\s+before\b",
                        re.I)


# -- dates ------------------------------------------------------------------------------
def dates_api():
    from geo import dates

    return dates


def day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


@lru_cache(maxsize=2048)
def _speech(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of the speech verbs of a sentence (asked for twice per sentence)."""
    return tuple(m.span() for m in C.SPEECH_RE.finditer(text))


def speech_spans(text: str) -> list[tuple[int, int]]:
    return [(a, b + 30) for a, b in _speech(text)]


def _blank_parens(text: str) -> str:
    """``text`` with asides blanked out (same length): parentheses and comma-enclosed
    relative clauses (", which lies on the road to Homs,")."""
    text = _PARENS.sub(lambda m: " " * len(m.group()), text)
    return _COMMA_REL.sub(lambda m: "," + " " * (len(m.group()) - 2) + ",", text)


@lru_cache(maxsize=2048)
def _time_bounds(text: str) -> tuple[int, ...]:
    """Starts of the time boundaries of a sentence (asides skipped); asked for per cue."""
    return tuple(m.start() for m in C.TIME_BOUNDARY_RE.finditer(_blank_parens(text)))


def _time_clause(text: str, pos: int) -> tuple[int, int]:
    lo, hi = 0, len(text)
    for start in _time_bounds(text):
        if start <= pos:
            lo = start
        else:
            hi = start
            break
    return lo, hi


def previous_year(text: str, pos: int, mentions) -> EventDate | None:
    """"... in early 2014, after ... had captured it the previous year": the year
    before the date named earlier in the sentence."""
    lo, hi = _time_clause(text, pos)
    m = _PREV_YEAR.search(text, lo, hi)
    if m is None:
        return None
    earlier = [dm for dm in mentions if dm.end <= m.start() and dm.date.date[:4].isdigit()]
    if not earlier:
        return None
    year = int(earlier[-1].date.date[:4]) - 1
    return EventDate(str(year), "year", 0.8, historical=True, explicit=True)


def in_speech(mention, speech: list[tuple[int, int]]) -> bool:
    """Whether a date mention lies in a said-on span (:func:`speech_spans`)."""
    return any(a <= mention.start <= b for a, b in speech)


def pick_date(text: str, pos: int, mentions, speech: list[tuple[int, int]],
               descriptive: bool = False):
    """The date mention that dates a cue at ``pos`` (or None).

    A descriptive cue ("the Kurdish-held enclave") tells the state when the words were
    said: the said-on date wins over an event date elsewhere in the clause.
    """
    if not mentions:
        return None

    def is_speech(dm) -> bool:
        return in_speech(dm, speech)

    if descriptive:
        said = [dm for dm in mentions if is_speech(dm)]
        if said:
            return said[0]
    lo, hi = _time_clause(text, pos)
    own = [dm for dm in mentions if lo < dm.end <= hi or (lo == 0 and dm.end <= hi)]
    plain = [dm for dm in own if not is_speech(dm)]
    pool = plain or [dm for dm in own if is_speech(dm)]
    if not pool and _WHEN_START.match(text, lo):
        # "held it until Sunday, when troops captured it": the date the clause hangs on.
        pool = [dm for dm in mentions if _COMMA_GAP.fullmatch(text, dm.end, lo)]
    if not pool:
        # The sentence's own news date: said-on dates, or a date opening the sentence
        # ("On Sunday, the army said that it had captured ...").
        first = _time_clause(text, 0)[1]
        pool = [dm for dm in mentions if is_speech(dm)] or [
            dm for dm in mentions if dm.end <= first and not dm.date.historical]
    if not pool:
        return None
    # "recaptured X three months after IS seized it on December 11": the clause's own
    # date beats the one counted back from the main clause ("three months after").
    participle = _PARTICIPLE_CLAUSE.match(text)
    if participle:
        # "Having seized X on May 19, they captured Y on May 28": each clause its date.
        inside = pos < participle.end()
        pool = [dm for dm in pool if (dm.start < participle.end()) == inside] or pool
    introducing = [dm for dm in pool if dm.end <= pos and introduces_clause(text, dm)]
    pool = [dm for dm in pool if dm not in introducing] or pool
    # "X, which rebels had held since 2014, fell on Tuesday": a span's start is no event,
    # and a relative clause's date is not the main clause's.
    pool = [dm for dm in pool if not dm.since] or pool
    asides = [(m.start(), m.end()) for m in _COMMA_REL.finditer(text)]
    pool = [dm for dm in pool if not any(a <= dm.start < b and not a <= pos < b
                                         for a, b in asides)]
    if not pool:
        return None
    # "X fell on Sunday, a week after IS launched its attack": "a week after" dates the
    # clause it opens, never a cue before it.
    pool = [dm for dm in pool if not (dm.start >= pos and introduces_clause(text, dm))]
    if not pool:
        return None
    if any(dm.start >= pos for dm in pool):
        # "liberated A in March 2018, and Peace Spring freed B in October 2019": a date
        # behind a ", and" belongs to the clause before when the cue has one of its own.
        pool = [dm for dm in pool if dm.start >= pos or not _AND_CLAUSE.search(
            text, dm.end, pos)]
    return min(pool, key=lambda dm: min(abs(dm.start - pos), abs(dm.end - pos)))


_AND_CLAUSE = re.compile(r",\s*(?:and|but|while)\s", re.IGNORECASE)
_WHEN_START = re.compile(r"when\b", re.IGNORECASE)
_COMMA_GAP = re.compile(r"\s*,\s*")
_PARTICIPLE_CLAUSE = re.compile(r"\s*(?:after\s+)?having\s+[^,;]{1,120},", re.IGNORECASE)
_INTRODUCES_CLAUSE = re.compile(r"\b(?:after|before|since)\s*$", re.IGNORECASE)


def introduces_clause(text: str, mention) -> bool:
    """True for "a day after", "two weeks before": the date of the clause they open,
    counted from the main clause's, not the news of the sentence."""
    return _INTRODUCES_CLAUSE.search(text, mention.start, mention.end) is not None


# -- attribution ------------------------------------------------------------------------
def _clean_source(window: str) -> str:
    window = window.strip(" ,;:\"“”'’()-—")
    window = re.sub(r"^(?:and|but|while|as|the|a|an)\s+", "", window, flags=re.I)
    return _WS.sub(" ", window)[:80]


def _label(window: str, actors: list[ActorRef], lo: int, hi: int) -> str | None:
    label = _known_label(window)
    if label:
        return label
    inside = [a for a in actors if lo <= a.start < hi and a.actor != "unknown"]
    if inside:
        return ACTOR_LABELS.get(inside[0].actor, inside[0].raw)
    return _named_label(window)


# The text-only parts of attribution are cached per sentence / window: they are
# asked for once per sentence with a claim, and sentences recur across reports.
@lru_cache(maxsize=2048)
def _known_label(window: str) -> str | None:
    """The canonical label of a known body named in ``window``."""
    for rx, label in C.SOURCE_RES:
        if rx.search(window):
            return label
    return None


@lru_cache(maxsize=2048)
def _named_label(window: str) -> str | None:
    """``window`` itself as a label, when it names someone (not "he", not lower case)."""
    clean = _clean_source(window)
    if not clean or C.SPEAKER_PRONOUN_RE.match(clean):
        return None
    if any(w[:1].isupper() for w in clean.split()):
        return clean
    return None


@lru_cache(maxsize=2048)
def _cited(text: str) -> tuple[tuple[int, str, int, int], ...]:
    """(match start, source words, their start, end) of "according to X", then of
    "..., said X"."""
    return tuple((m.start(), m.group("src"), m.start("src"), m.end("src"))
                 for rx in (C.ACCORDING_RE, C.SPEAKER_AFTER_RE) for m in rx.finditer(text))


@lru_cache(maxsize=2048)
def _speaker_windows(text: str) -> tuple[tuple[int, int, str], ...]:
    """(verb start, window start, window) of the words before each speech verb."""
    out = []
    for m_start, _ in _speech(text):
        lo = max(0, m_start - 90)
        window = text[lo:m_start].rstrip()
        cut = max(window.rfind(ch) for ch in ",;:\"“”(")
        if cut >= len(window) - 1 and cut >= 0:  # "X, a senior official, told"
            window = window[:cut]
            cut = max(window.rfind(ch) for ch in ",;:\"“”(")
        seg_lo = lo + cut + 1
        out.append((m_start, seg_lo, text[seg_lo:m_start]))
    return tuple(out)


def attributions(text: str, actors: list[ActorRef], carried: str | None
                  ) -> tuple[list[tuple[int, str]], str | None]:
    """(position, source label) of the attributions of a sentence, and the last label."""
    out: list[tuple[int, str]] = []
    for start, src, lo, hi in _cited(text):
        label = _label(src, actors, lo, hi)
        if label:
            out.append((start, label))
    for m_start, seg_lo, window in _speaker_windows(text):
        if any(abs(p - m_start) < 3 for p, _ in out):
            continue
        if len(window.split()) > 9:
            continue
        label = _label(window, actors, seg_lo, m_start)
        if label is None and C.SPEAKER_PRONOUN_RE.match(_clean_source(window)) and carried:
            label = carried
        if label:
            out.append((m_start, label))
    out.sort()
    return out, (out[-1][1] if out else carried)


def source_for(pos: int, attributions: list[tuple[int, str]]) -> str | None:
    before = [label for p, label in attributions if p < pos]
    if before:
        return before[-1]
    after = [label for p, label in attributions if p >= pos]
    return after[0] if after else None
