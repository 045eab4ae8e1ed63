"""Find gazetteer names in running text with one Aho-Corasick pass.

The text is cut into word tokens (with their offsets), each token is turned into its
:func:`~gazetteer.normalize.token_key`, articles are dropped, and the keys are joined
by single spaces into a *key stream*. Every indexed name key, wrapped in spaces, is a
pattern of one pyahocorasick automaton run over the stream, so "Deir ez-Zor", "Dayr
al-Zawr" and "Deir al-Zour" all hit the pattern ``" dar zar "``. Hits are mapped back
to the original text through the token offsets.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from importlib import resources
from itertools import accumulate
from operator import itemgetter
from typing import TYPE_CHECKING

import ahocorasick
from rapidfuzz import fuzz

from gazetteer.model import Match, Place
from gazetteer.normalize import ARTICLES, is_arabic, light, split_tokens, token_key

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.index import Gazetteer

# A word: letters/digits, with inner apostrophes (Dar'a, Ma'arat) kept in the word.
_WORD_RE = re.compile(r"[^\W_]+(?:['’ʿʾ`‘][^\W_]+)*", re.UNICODE)
_WORD_SPLIT = re.compile(f"({_WORD_RE.pattern})", re.UNICODE)
_POSSESSIVE = re.compile(r"['’][sS]$")
MIN_KEY_LEN = 3
# Shorter keys (Nawa -> "na", al-Rai -> "ra", Fuaa -> "fa") are searched for places of the
# region only, written in Latin letters: every hit must still match a spelling exactly.
MIN_REGION_KEY_LEN = 2
# Neighbouring-country places smaller than this are left out of text search: small
# Turkish and Israeli villages have names that collide with ordinary words.
MIN_FOREIGN_POPULATION = 20_000
# Countries with few GeoNames rows at this tier, all kept (Tal Afar has population 0).
ALL_PLACES_COUNTRIES = frozenset({"IQ", "LB", "JO"})


def _stopwords() -> frozenset[str]:
    """English words never taken as a place when alone (``_stopwords.txt``)."""
    text = resources.files("gazetteer").joinpath("_stopwords.txt").read_text("utf-8")
    words = (w.strip().lower() for w in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


@lru_cache(maxsize=200_000)
def _word_tokens(word: str) -> tuple[tuple[str, ...], int, bool, str, int]:
    """Keys of one word of running text, its length without a possessive 's, whether
    it is capitalised, its keys joined by spaces and the length that takes in the key
    stream (with its separator; 0 for no key). Cached: running text repeats its words."""
    word = _POSSESSIVE.sub("", word)
    keys = []
    for sub in split_tokens(word):
        if sub in ARTICLES or sub == "ال":
            continue
        k = token_key(sub)
        if k:
            keys.append(k)
    first = word[0] if word else ""
    cap = bool(first) and (first.isupper() or first.isdigit() or is_arabic(first))
    joined = " ".join(keys)
    return tuple(keys), len(word), cap, joined, len(joined) + 1 if joined else 0


# Lower-case words that may open a multi-word name when a capitalised word follows:
# "eastern Ghouta" and "western Qalamoun" are regions of their own, not Ghouta.
_LOWER_NAME_STARTS = frozenset({"eastern", "western", "northern", "southern"})


def _may_open_name(text: str, start: int, length: int) -> bool:
    """Whether the word at ``start`` may open a name though written in lower case."""
    return text[start : start + length] in _LOWER_NAME_STARTS


class MentionFinder:
    """Aho-Corasick search of a gazetteer's name keys in text."""

    def __init__(self, gaz: Gazetteer, stopwords: frozenset[str] | None = None) -> None:
        self._gaz = gaz
        stop = _stopwords() if stopwords is None else stopwords
        # Arabic stop words are compared by key (alef, ta marbuta and article folded).
        self._stop_keys = frozenset(token_key(w) for w in stop if is_arabic(w))
        self._stop_words = stop
        auto = ahocorasick.Automaton()
        region = set(gaz.region)
        for k in gaz.keys():
            if len(k) < MIN_KEY_LEN:
                if len(k) < MIN_REGION_KEY_LEN or is_arabic(k):
                    continue
                cands = [p for p in gaz.candidates(k) if p.country in region]
            else:
                cands = [
                    p
                    for p in gaz.candidates(k)
                    if p.country in region
                    or p.country in ALL_PLACES_COUNTRIES
                    or p.population >= MIN_FOREIGN_POPULATION
                ]
            if cands:
                auto.add_word(f" {k} ", (k, tuple(cands)))
        auto.make_automaton()
        self._auto = auto
        self._verified: dict[tuple[str, str], tuple[Place, ...]] = {}

    @staticmethod
    def _tokens(text: str) -> tuple[str, list[int], list[tuple], list[int]]:
        """The key stream of ``text`` (every token key, space-separated and
        space-wrapped); the stream offset where each word's keys begin (words without
        keys take none); each word's :func:`_word_tokens`; and each word's offset in
        ``text``.

        Built with C-level iteration (split, map, join, accumulate): this runs over
        every word of every report.
        """
        parts = _WORD_SPLIT.split(text)  # separator, word, separator, word, ..., separator
        words = list(map(_word_tokens, parts[1::2]))
        ends = list(accumulate(map(len, parts)))
        word_starts = ends[0::2]  # a word begins where the separator before it ends
        joined = " ".join(filter(None, map(itemgetter(3), words)))
        stream = f" {joined} " if joined else ""
        word_pos = list(accumulate(map(itemgetter(4), words), initial=1))
        return stream, word_pos, words, word_starts

    def find(self, text: str) -> list[Match]:
        """Matches in ``text`` (see :meth:`Gazetteer.find_mentions`)."""
        stream, word_pos, words, word_starts = self._tokens(text)
        if not stream:
            return []
        # A hit is placed by stream offsets, which order tokens as their indices do:
        # where its first key begins and where its last key begins.
        hits = []
        for end_idx, (k, cands) in self._auto.iter(stream):
            begin = end_idx - len(k)  # index of the first key char (end_idx: the last space)
            hits.append((begin, -k.count(" "), -len(k), begin + k.rfind(" ") + 1, k, cands))
        # Longest leftmost, non-overlapping (in tokens).
        hits.sort(key=itemgetter(0, 1, 2))
        out: list[Match] = []
        last = -1
        for begin, _neg_span, _neg_len, last_begin, k, cands in hits:
            if begin <= last:
                continue
            first = bisect.bisect_right(word_pos, begin) - 1  # the word holding the key
            _keys, length, cap, _joined, _step = words[first]
            if not cap and not (begin != last_begin and first + 1 < len(words)
                                and words[first + 1][2]
                                and _may_open_name(text, word_starts[first], length)):
                continue
            first_start = word_starts[first]
            if begin == last_begin and self._is_common_word(
                    text[first_start : first_start + length], k):
                continue
            last_word = bisect.bisect_right(word_pos, last_begin) - 1
            end = word_starts[last_word] + words[last_word][1]
            kept = self._verify_cached(text[first_start:end], k, cands)
            if not kept:
                continue
            start = self._extend_article(text, first_start)
            out.append(Match(start, end, text[start:end], k, kept))
            last = last_begin
        return out

    def _verify_cached(self, surface: str, key: str, cands: tuple[Place, ...]
                       ) -> tuple[Place, ...]:
        # The candidates are a function of the key, so (surface, key) decides the answer.
        ck = (surface, key)
        kept = self._verified.get(ck)
        if kept is None:
            if len(self._verified) > 100_000:
                self._verified.clear()
            kept = self._verified[ck] = self._verify(surface, cands)
        return kept

    @staticmethod
    def _verify(surface: str, cands: tuple[Place, ...]) -> tuple[Place, ...]:
        """Candidates one of whose spellings is close to the text as written.

        The key is lossy ("Iraq" and "Arak" share one), so a hit in running text must
        also look like one of the place's own spellings (:func:`light` forms compared
        with rapidfuzz); short words must match exactly.
        """
        ql = light(surface)
        n = len(ql.replace(" ", ""))
        if " " not in ql:
            # One word: English words sit one letter away from many place names.
            floor = 100.0 if n <= 6 else 90.0
        else:
            floor = 85.0 if n <= 8 else 80.0
        kept = []
        for p in cands:
            best = max((fuzz.ratio(ql, light(nm)) for nm in p.names), default=0.0)
            if best >= floor:
                kept.append(p)
        return tuple(kept)

    def _is_common_word(self, surface: str, k: str) -> bool:
        low = surface.lower()
        if low in self._stop_words:
            return True
        if is_arabic(surface) and k in self._stop_keys:
            return True
        # All-capital short words are acronyms (US, UN, SDF, YPG), not places.
        return surface.isupper() and len(surface) <= 5 and not any(c.isdigit() for c in surface)

    @staticmethod
    def _extend_article(text: str, start: int) -> int:
        """Include an article written before the name ("al-Raqqa", "Al Bab")."""
        m = re.search(
            r"(?:^|(?<=[\s(\"'“]))([Aa][lnrstdz]|[Ee][lnrstdz]|[Aa]sh|[Aa]dh)([-\s])$",
            text[max(0, start - 5) : start],
        )
        if not m:
            return start
        art, sep = m.group(1), m.group(2)
        if sep == "-" or art.lower() in ("al", "el"):
            return start - len(art) - 1
        return start

    @staticmethod
    def place_candidates(match: Match) -> tuple[Place, ...]:
        """Candidates of a match (best prior first)."""
        return match.candidates
