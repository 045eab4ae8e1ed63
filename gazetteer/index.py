"""The :class:`Gazetteer`: places, a key index, an Aho-Corasick automaton for text.

Build once (``Gazetteer.load()`` or :func:`default_gazetteer`), then query many times.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from gazetteer import load as _load
from gazetteer._mentions import MentionFinder
from gazetteer.errors import GazetteerDataError
from gazetteer.model import Context, Match, Place, Resolution
from gazetteer.normalize import (
    ARTICLES,
    key,
    light,
    split_tokens,
    strip_qualifier,
    token_key,
    tokens_key_list,
)

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.online import OnlineGeocoder

__all__ = ["Gazetteer", "default_gazetteer"]


def _spelling_keys(name: str) -> set[str]:
    """Every index key of one spelling; "Khalidiya (Homs)" is also "Khalidiya"."""
    keys = _name_keys(name)
    bare = strip_qualifier(name)
    if bare != name:
        keys |= _name_keys(bare)
    return keys


def _prior(p: Place, region: tuple[str, ...]) -> float:
    """How well known a place is: in the region first, then by population."""
    return (p.country in region) * 10 + math.log10(p.population + 10)


def _name_keys(name: str) -> set[str]:
    """Every key a name is indexed under: the plain key plus article-fused forms.

    "Deir ez-Zor" -> {"dar zar", "dar azar", "darazar"}: outlets write "Deir Ezzor" and
    "Deirezzor" too; "Al-Bukamal" -> {"bakamal", "albakamal"}.
    """
    toks = split_tokens(name)
    keys = {" ".join(tokens_key_list(toks))}
    if len(toks) > 1 and any(t in ARTICLES for t in toks[:-1]):
        fused: list[str] = []
        i = 0
        while i < len(toks):
            if toks[i] in ARTICLES and i + 1 < len(toks):
                fused.append(toks[i] + toks[i + 1])
                i += 2
            else:
                fused.append(toks[i])
                i += 1
        keys.add(" ".join(token_key(t) for t in fused))
        keys.add(token_key("".join(toks)))
    keys.discard("")
    return keys


class Gazetteer:
    """An in-memory gazetteer of Syria and its neighbours.

    Parameters
    ----------
    places : sequence of Place
        Every place; ids must be unique.
    region : tuple of str
        Default countries of interest (ISO2) for :class:`Context`-free calls.
    extra_names : iterable of (str, str), optional
        ``(alias, place_id)`` pairs indexed as further spellings.
    """

    def __init__(
        self,
        places: Sequence[Place],
        region: tuple[str, ...] = ("SY",),
        extra_names: Iterable[tuple[str, str]] = (),
    ) -> None:
        self.region = tuple(region)
        by_id: dict[str, Place] = {}
        for p in places:
            if p.place_id in by_id:
                raise GazetteerDataError(f"duplicate place_id {p.place_id!r}")
            by_id[p.place_id] = p
        self._by_id = by_id
        self._places = tuple(by_id.values())
        self._index: dict[str, list[Place]] = {}
        for p in self._places:
            for n in (p.name, *p.names):
                self._add(n, p)
        for alias, pid in extra_names:
            self._add(alias, self.get(pid))
        # Best-known candidates first: region, then bigger places.
        for cands in self._index.values():
            cands.sort(key=self._prior, reverse=True)
        self._fuzzy_keys: dict[tuple[str, ...], list[str]] = {}
        self._all_keys: list[str] | None = None
        self._finder: MentionFinder | None = None
        self._cache: dict[tuple, Resolution] = {}
        self._lookups: dict[str, tuple] = {}

    # -- construction -------------------------------------------------------------

    def _add(self, name: str, place: Place) -> None:
        for k in _spelling_keys(name):
            lst = self._index.setdefault(k, [])
            if not any(q is place for q in lst):
                lst.append(place)

    def _prior(self, p: Place) -> float:
        return _prior(p, self.region)

    @classmethod
    def load(
        cls,
        region: tuple[str, ...] = ("SY",),
        data_dir: str | Path | None = None,
        boundaries_dir: str | Path | None = None,
    ) -> Gazetteer:
        """Load GeoNames (SY IQ TR LB JO IL), the curated CSVs and the governorates.

        Parameters
        ----------
        region : tuple of str
            Countries of interest, preferred for ambiguous names.
        data_dir : path, optional
            Folder of ``curated*.csv`` and ``aliases.csv``; default ``data/gazetteer``.
        boundaries_dir : path, optional
            Folder of ``governorates.geojson``; default ``data/boundaries``.

        Returns
        -------
        Gazetteer

        Raises
        ------
        GazetteerDataError
            When a data file is missing or malformed.
        """
        data = Path(data_dir) if data_dir else _load.DATA_DIR
        bounds = Path(boundaries_dir) if boundaries_dir else _load.BOUNDARIES_DIR
        countries = tuple(dict.fromkeys((*_load.NEIGHBOURS, *region)))
        admin1 = _load.admin1_names(bounds)
        places: list[Place] = _load.geonames_places(_load.geonames_rows(countries), admin1)
        places += _load.governorate_places(bounds)
        for path in _load.curated_files(data):
            places += _load.read_curated(path)
        excluded = _load.read_exclusions(data / "exclude.csv")
        if excluded:
            # Compared by light form: "Aarbil" also drops "Aarbîl".
            drop = {(pid, light(n)) for pid, n in excluded}
            places = [
                replace(p, names=tuple(n for n in p.names if (p.place_id, light(n)) not in drop))
                for p in places
            ]
        aliases = _load.read_aliases(data / "aliases.csv") + _load.capital_aliases(places)
        # Targets are checked against the places directly: the index is built once, below,
        # with the aliases already among the spellings.
        ids = {p.place_id for p in places}
        resolved = []
        for alias, target in aliases:
            if ":" in target and "|" not in target:
                if target not in ids:
                    raise GazetteerDataError(f"aliases.csv: unknown place_id {target!r}")
                resolved.append((alias, target))
            else:
                name, _, country = target.partition("|")
                k = key(name)
                cands = [p for p in places if p.country == country
                         and any(k in _spelling_keys(n) for n in (p.name, *p.names))]
                if not cands:
                    raise GazetteerDataError(f"aliases.csv: no place {name!r} in {country}")
                # The first of the index's order: region first, then bigger places.
                resolved.append((alias, max(cands, key=lambda p: _prior(p, region)).place_id))
        # The aliases become spellings of their places: text search checks a hit against
        # the place's own spellings ("Arbin" is an outlet's spelling of ‘Irbīn).
        extra: dict[str, list[str]] = {}
        for alias, pid in resolved:
            extra.setdefault(pid, []).append(alias)
        places = [replace(p, names=(*p.names, *extra[p.place_id])) if p.place_id in extra else p
                  for p in places]
        return cls(places, region=tuple(region))

    # -- look-ups ---------------------------------------------------------------------

    @property
    def places(self) -> tuple[Place, ...]:
        """Every place, in load order."""
        return self._places

    def get(self, place_id: str) -> Place:
        """The place with ``place_id``.

        Raises
        ------
        KeyError
            When there is no such place.
        """
        try:
            return self._by_id[place_id]
        except KeyError:
            raise KeyError(f"no place {place_id!r} in the gazetteer") from None

    def candidates(self, k: str) -> list[Place]:
        """Places indexed under key ``k`` (best prior first); empty when none."""
        return self._index.get(k, [])

    def keys(self) -> Iterable[str]:
        """Every indexed key."""
        return self._index.keys()

    def all_keys(self) -> list[str]:
        """Every indexed key, as a list (built once)."""
        if self._all_keys is None:
            self._all_keys = sorted(self._index)
        return self._all_keys

    def fuzzy_keys(self, region: tuple[str, ...]) -> list[str]:
        """Keys with at least one place in ``region`` (the fuzzy search space)."""
        got = self._fuzzy_keys.get(region)
        if got is None:
            want = set(region)
            got = sorted(k for k, ps in self._index.items() if any(p.country in want for p in ps))
            self._fuzzy_keys[region] = got
        return got

    def resolve(
        self, name: str, context: Context | None = None, online: OnlineGeocoder | None = None
    ) -> Resolution:
        """Resolve one name to a place.

        Parameters
        ----------
        name : str
            The name as written ("Dayr al-Zawr", "Raqqa province", "الرقة").
        context : Context, optional
            Region of interest, co-mentioned coordinates, level hint, sentence.
        online : OnlineGeocoder, optional
            Used only when offline resolution fails.

        Returns
        -------
        Resolution
            ``place`` is None when unresolved; ``suggestions`` then holds near names.
        """
        from gazetteer.resolve import resolve as _resolve

        ctx = context or Context(region=self.region)
        ck = (name, ctx)
        hit = self._cache.get(ck)
        if hit is None:
            hit = _resolve(self, name, ctx)
            if len(self._cache) > 100_000:
                self._cache.clear()
            self._cache[ck] = hit
        if hit.place is None and online is not None:
            from gazetteer.online import resolve_online

            return resolve_online(online, name, ctx, hit)
        return hit

    def lookup(self, name: str) -> tuple:
        """The context-free part of resolving ``name`` (:func:`gazetteer.resolve.lookup`),
        computed once per name: it depends on the name and the index only."""
        hit = self._lookups.get(name)
        if hit is None:
            from gazetteer.resolve import lookup

            if len(self._lookups) > 100_000:
                self._lookups.clear()
            hit = self._lookups[name] = lookup(self, name)
        return hit

    def resolve_many(
        self, names: Iterable[str], context: Context | None = None
    ) -> list[Resolution]:
        """Resolve many names with one context; repeated names are resolved once."""
        ctx = context or Context(region=self.region)
        done: dict[str, Resolution] = {}
        out = []
        for n in names:
            r = done.get(n)
            if r is None:
                r = done[n] = self.resolve(n, ctx)
            out.append(r)
        return out

    def find_mentions(self, text: str) -> list[Match]:
        """Gazetteer names in ``text``: one Aho-Corasick pass over every name key.

        Parameters
        ----------
        text : str
            Running text (English or Arabic script).

        Returns
        -------
        list of Match
            Whole tokens only, longest leftmost non-overlapping; ``start``/``end`` index
            ``text`` (an article written before the name, "al-Raqqa", is included).
            A Latin match must start with a capital letter; common English words
            (``_stopwords.txt``), acronyms and keys under 3 characters are skipped; and
            since keys are lossy, the text must also look like one of the candidate's own
            spellings ("Iraq" does not match Arak). Candidates are those of the region of
            interest, of Iraq, Lebanon and Jordan, and towns of 20,000+ in Turkey/Israel.
        """
        if self._finder is None:
            self._finder = MentionFinder(self)
        return self._finder.find(text)


@lru_cache(maxsize=8)
def default_gazetteer(region: tuple[str, ...] = ("SY",), data_dir: str | None = None) -> Gazetteer:
    """The gazetteer for ``region``, loaded once per arguments."""
    return Gazetteer.load(region=region, data_dir=data_dir)
