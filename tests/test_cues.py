"""The speed devices of geo._cues give the same matches as the plain patterns."""

from __future__ import annotations

import re
import re._constants as K  # the parser of re: what a pattern can start with
import re._parser as P

import pytest

from geo import _cues as C
from geo import _links


def _first(items) -> set[str] | None:
    """Characters a match of the parsed ``items`` can start with (None: unknown)."""
    out: set[str] = set()
    for op, av in items:
        if op is K.AT:  # \b, ^, $: zero width
            continue
        if op is K.LITERAL:
            return out | {chr(av)}
        if op is K.IN:
            for o, a in av:
                if o is K.LITERAL:
                    out.add(chr(a))
                elif o is K.RANGE:
                    out |= {chr(c) for c in range(a[0], a[1] + 1)}
                else:
                    return None
            return out
        if op is K.SUBPATTERN or op is K.BRANCH:
            for sub in ([av[3]] if op is K.SUBPATTERN else av[1]):
                found = _first(sub)
                if found is None:
                    return None
                out |= found
            return out
        if op in (K.MAX_REPEAT, K.MIN_REPEAT):
            found = _first(av[2])
            if found is None:
                return None
            out |= found
            if av[0] == 0:
                continue
            return out
        if op is K.ASSERT:  # the look-ahead of compile_led: read the pattern behind it
            continue
        return None
    return None


@pytest.mark.parametrize("name", [
    "LOCATIVE_BEFORE_RE", "CLAUSE_BOUNDARY_RE", "TIME_BOUNDARY_RE", "NEGATION_RE",
    "MODAL_RE", "HEDGE_RE", "CLAIM_BEFORE_RE", "OBJECT_BEFORE_RE", "SPEECH_RE",
    "ANAPHOR_QUICK_RE", "PLACE_ANAPHOR_RE", "ACCORDING_RE", "STATE_CITE_RE", "TO_BEFORE_RE",
    "FIRST_TO_RE", "PASSIVE_AUX_RE", "CLAIM_FALSE_RE", "_links._HYPOTHETICAL",
])
def test_led_lookahead_covers_every_first_character(name):
    module, _, name = name.rpartition(".")
    rx = getattr(_links if module else C, name)
    lead = re.match(r"\(\?=\[([^\]]+)\]\)", rx.pattern)
    assert lead, name
    first = _first(P.parse(rx.pattern[lead.end():], rx.flags))
    assert first is not None
    if rx.flags & re.IGNORECASE:
        first = {c.lower() for c in first}
    assert first <= set(lead.group(1))


def test_cue_token_scan_finds_the_prefixed_words():
    text = "Rebels Captured the town, then WITHDREW; fighters held-out at Base 4 de facto."
    words = [m.group() for m in re.finditer(r"[A-Za-z]+", text)
             if m.group().lower().startswith(C.CUE_PREFIXES)]
    assert [m.group() for m in C._CUE_TOKEN.finditer(text)] == words


def test_speech_trie_matches_the_word_list():
    text = "He said, she says; they say. Saying so, sayings, reported, reportedly, quoted."
    flat = re.compile(r"\b(?:" + "|".join(C._SPEECH_VERBS) + r")\b", re.I)
    assert [m.span() for m in C.SPEECH_RE.finditer(text)] == [
        m.span() for m in flat.finditer(text)]
