"""Paragraphs and sentences of a report, as character spans into its text.

A fast regex splitter (no model): paragraphs are blocks between blank lines, and the
lines of a block are separate paragraphs unless the block looks hard-wrapped (scraped
pages put one paragraph a line without blank lines; e-mail style text wraps at ~72
characters). Sentences end at ``.``, ``!`` or ``?`` (plus closing quotes/brackets)
followed by white space and an upper-case letter, digit or opening quote, except after
abbreviations ("U.S.", "St.", "Gen.", "km.") and initials.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_paragraphs", "split_sentences", "sentences"]

# Words that end with a full stop without ending a sentence (lower-cased, no dot).
_ABBREVIATIONS = frozenset(
    """
    u.s u.k u.n e.u u.a.e st mt ft gen lt col maj brig sgt capt cpt cmdr adm cpl pvt
    mr mrs ms dr prof sen rep gov pres jr sr rev no nos vs etc approx est km kms mi
    jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m i.e e.g al
    """.split()
)
_BOUNDARY = re.compile(r"[.!?]+[\"”’'\)\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_BLANK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE = re.compile(r"[^\n]+")
_DOTTED = re.compile(r"(?:[a-z]\.)+[a-z]")
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]\s*$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text == report_text[start:end]``.

    Attributes
    ----------
    index : int
        Position of the sentence in the report (0-based).
    paragraph : int
        Position of its paragraph in the report (0-based).
    start, end : int
        Offsets into the report's text.
    text : str
    """

    index: int
    paragraph: int
    start: int
    end: int
    text: str


def _blocks(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _BLANK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _hard_wrapped(lines: list[tuple[int, int]], text: str) -> bool:
    """True when a block's lines look like one paragraph wrapped at a fixed width."""
    if len(lines) < 3:
        return False
    lengths = [b - a for a, b in lines[:-1]]
    if max(lengths) > 100 or min(lengths) < 40:
        return False
    unterminated = sum(1 for a, b in lines[:-1] if not _TERMINAL.search(text[a:b]))
    return unterminated >= len(lines[:-1]) / 2


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans of ``text`` (blank-line blocks, or their lines).

    Within a block, a line joins the next one when the block is hard-wrapped, or when
    the line does not end a sentence and the next line starts in lower case.
    """
    out: list[tuple[int, int]] = []
    for a, b in _blocks(text):
        lines = [(a + m.start(), a + m.end()) for m in _LINE.finditer(text[a:b])]
        lines = [(x, y) for x, y in lines if text[x:y].strip()]
        if not lines:
            continue
        if _hard_wrapped(lines, text):
            out.append((lines[0][0], lines[-1][1]))
            continue
        cur_a, cur_b = lines[0]
        for x, y in lines[1:]:
            nxt = text[x:y].lstrip()
            if not _TERMINAL.search(text[cur_a:cur_b]) and nxt[:1].islower():
                cur_b = y
            else:
                out.append((cur_a, cur_b))
                cur_a, cur_b = x, y
        out.append((cur_a, cur_b))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1).lower().strip(".")
    if word in _ABBREVIATIONS:
        return True
    # An initial ("A. Smith") or a dotted acronym ("U.S", "U.N"); "on May 8." ends one.
    return (len(word) == 1 and word.isalpha()) or bool(_DOTTED.fullmatch(word))


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (offsets into ``text``), stripped."""
    end = len(text) if end is None else end
    spans = []
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if m.group().startswith(".") and _is_abbreviation(text, m.start()):
            continue
        spans.append((pos, m.end()))
        pos = m.end()
    spans.append((pos, end))
    out = []
    for a, b in spans:
        seg = text[a:b]
        left = seg.lstrip()  # str.strip drops what str.isspace calls white space
        if left:
            a, b = b - len(left), a + len(seg.rstrip())
            out.append((a, b))
    return out


def sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` with its paragraph number."""
    out: list[Sentence] = []
    for p, (a, b) in enumerate(split_paragraphs(text)):
        for s, e in split_sentences(text, a, b):
            out.append(Sentence(len(out), p, s, e, text[s:e]))
    return out
