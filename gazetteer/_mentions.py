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
from itertools import accumulate, chain, count, repeat
from operator import add, itemgetter
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
def _word_tokens(word: str) -> tuple[tuple[str, ...], int, bool]:
    """Keys of one word of running text, its length without a possessive 's, and whether
    it is capitalised (cached: running text repeats its words)."""
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
    return tuple(keys), len(word), cap


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
    def _tokens(text: str) -> tuple[list[str], list[int], list[tuple], list[int]]:
        """Token keys of ``text``; the word each token is in; each word's (keys, length,
        capitalised); and each word's offset in ``text``.

        Built with C-level iteration (split, map, chain): this runs over every word
        of every report.
        """
        parts = _WORD_SPLIT.split(text)  # separator, word, separator, word, ..., separator
        words = list(map(_word_tokens, parts[1::2]))
        ends = list(accumulate(map(len, parts)))
        word_starts = ends[0::2]  # a word begins where the separator before it ends
        key_tuples = list(map(itemgetter(0), words))
        keys = list(chain.from_iterable(key_tuples))
        word_of = list(chain.from_iterable(map(repeat, count(), map(len, key_tuples))))
        return keys, word_of, words, word_starts

    def find(self, text: str) -> list[Match]:
        """Matches in ``text`` (see :meth:`Gazetteer.find_mentions`)."""
        keys, word_of, words, word_starts = self._tokens(text)
        if not keys:
            return []
        stream = " " + " ".join(keys) + " "
        # Offset in the stream where each token begins (after its leading space): one
        # for the stream's first space, plus the keys and separating spaces before it.
        tok_pos = list(map(add, accumulate(map(len, keys), initial=0), count(1)))
        hits = []
        for end_idx, (k, cands) in self._auto.iter(stream):
            begin = end_idx - len(k) - 1  # index of the first key char
            t0 = bisect.bisect_left(tok_pos, begin)
            n_tok = k.count(" ") + 1
            hits.append((t0, t0 + n_tok - 1, k, cands))
        # Longest leftmost, non-overlapping (in tokens).
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0]), -len(h[2])))
        out: list[Match] = []
        last = -1
        for t0, t1, k, cands in hits:
            if t0 <= last:
                continue
            first = word_of[t0]
            _keys, length, cap = words[first]
            if not cap:
                continue
            first_start = word_starts[first]
            if t0 == t1 and self._is_common_word(text[first_start : first_start + length], k):
                continue
            last_word = word_of[t1]
            end = word_starts[last_word] + words[last_word][1]
            kept = self._verify_cached(text[first_start:end], k, cands)
            if not kept:
                continue
            start = self._extend_article(text, first_start)
            out.append(Match(start, end, text[start:end], k, kept))
            last = t1
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
