"""Choose a place for a name: exact key, then variants, then fuzzy; rank by context.

Ranking of the candidates of a name (:func:`rank`) adds up:

* how close the query is to the candidate's own spellings (:func:`~gazetteer.normalize.light`
  forms compared with rapidfuzz), which separates places that share a key;
* the region of interest (``Context.region``), strongly;
* the level: settlements before neighbourhoods and features of the same name, unless
  a level is hinted ("Raqqa province" -> admin1, "Nasib crossing" -> crossing);
* a population prior (log scale, weak);
* closeness to co-mentioned places (``Context.near``) and to the point a relation in
  ``Context.text`` implies ("26 km south-west of Raqqa").

Fuzzy matches are only taken inside the region of interest and above a score floor;
otherwise the answer is unresolved, with suggestions.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from gazetteer._cues import (
    destination,
    haversine_km,
    nearest_km,
    prepared_points,
    relations,
    strip_cues,
    strip_generic,
)
from gazetteer.model import Context, Place, Resolution
from gazetteer.normalize import ARTICLES, key, light, split_tokens

if TYPE_CHECKING:  # pragma: no cover
    from gazetteer.index import Gazetteer

__all__ = ["FUZZY_MIN_SCORE", "rank", "resolution_to_dict", "resolve"]

# rapidfuzz ratio (0..100) over keys; below it a fuzzy candidate is not taken.
FUZZY_MIN_SCORE = 84.0
# Short keys need a closer match: one edit in "hama" is a different town.
_SHORT_KEY_MIN_SCORE = 90.0
_MAX_ALTERNATIVES = 5
# How much closer (rapidfuzz points) a key outside the region must be to veto a fuzzy
# match inside it.
_ABROAD_MARGIN = 5.0
_LEVEL_ORDER = {
    "settlement": 1.0,
    "neighbourhood": 0.6,
    "crossing": 0.5,
    "facility": 0.5,
    "region": -1.0,
    "admin1": -2.0,
}
# "Damascus countryside" is Rif Dimashq, not Damascus governorate.
_COUNTRYSIDE_OF = {"adm1:SY.13": "adm1:SY.08"}
# Country words after a comma ("Homs, Syria"): the head is looked up in that country.
_COUNTRY_WORDS = {
    "syria": "SY",
    "syrian arab republic": "SY",
    "lebanon": "LB",
    "iraq": "IQ",
    "turkey": "TR",
    "turkiye": "TR",
    "jordan": "JO",
    "israel": "IL",
}


def _variants(name: str) -> list[str]:
    """Spellings to try when the name as written has no exact key.

    Attached articles ("Alraqqa", "Elmayadin", "Arraqqa") are split off, parentheses
    are tried apart ("Tabqa (al-Thawra)"), and slashes separate alternatives.
    """
    out: list[str] = []
    for part in re.split(r"[/()]|\bor\b|\baka\b|\ba\.k\.a\.", name):
        part = part.strip(" ,;")
        if part and part != name:
            out.append(part)
    toks = split_tokens(name)
    for i, t in enumerate(toks):
        m = re.match(r"^(al|el|[ae]([sdtzrn])\2|ash|esh)(.{3,})$", t)
        if m and t not in ARTICLES:
            rest = m.group(3) if not m.group(2) else t[2:]
            out.append(" ".join([*toks[:i], rest, *toks[i + 1 :]]))
    return out


_FINAL_E = re.compile(r"(?<=[aiou][bdfhjklmnrstz])e\b", re.IGNORECASE)


def _exact_candidates(gaz: Gazetteer, name: str) -> list[Place]:
    """Places whose key equals the key of ``name`` or of its ``dh`` -> ``d`` reading.

    "dh" stands for both ذ (z-like: Dhiban) and ض (d-like: Madhaya); the key reads it
    as z, so the d reading is looked up too; a French-style silent final e ("Maadane")
    is also tried without the e. The spellings then decide (:func:`rank`).
    """
    cands = list(gaz.candidates(key(name)))
    readings = []
    if "dh" in name.lower():
        readings.append(re.sub("(?i)dh", "d", name))
    # French-style silent final e: Maadane, Hajine, Sarmine.
    if _FINAL_E.search(name):
        readings.append(_FINAL_E.sub("", name))
    for alt in readings:
        for p in gaz.candidates(key(alt)):
            if not any(p is q for q in cands):
                cands.append(p)
    return cands


_VOWEL_FOLD = str.maketrans("eiou", "aauu")


@lru_cache(maxsize=200_000)
def _folded(light_form: str) -> str:
    """``light_form`` with e/i read as a and o as u (Idleb ~ Idlib ~ Adlib)."""
    return light_form.translate(_VOWEL_FOLD)


def _name_similarity(query_light: str, place: Place) -> float:
    """Best similarity (0..1) of the query to any spelling of ``place``.

    The :func:`light` forms are compared; forms equal up to vowel quality (e/i/a, o/u)
    count a little less than identical ones.
    """
    best = 0.0
    qf = _folded(query_light)
    for n in place.names:
        ln = light(n)
        s = fuzz.ratio(query_light, ln)
        if s < 100:
            s = max(s, 0.95 * fuzz.ratio(qf, _folded(ln)))
        if s > best:
            best = s
            if s >= 100:
                break
    return best / 100.0


def _near_bonus(place: Place, points: tuple[tuple[float, float, float], ...]) -> float:
    """exp(-d/50) of the distance to the nearest point (``points``: see prepared_points)."""
    if not points:
        return 0.0
    return math.exp(-nearest_km(place.lat, place.lon, points) / 50.0)


def rank(
    cands: list[Place],
    query: str,
    ctx: Context,
    level_hint: str | None = None,
    expected: tuple[float, float] | None = None,
    sims: Sequence[float] | None = None,
) -> list[tuple[float, Place]]:
    """Score candidates of one name; best first.

    Parameters
    ----------
    cands : list of Place
        Candidates sharing the query's key (or fuzzy neighbours of it).
    query : str
        The name as asked (for similarity to each candidate's spellings).
    ctx : Context
        Region, co-mentioned coordinates.
    level_hint : str, optional
        Preferred level ("admin1", "region", "crossing", ...).
    expected : (lat, lon), optional
        Point implied by a relation in the sentence.
    sims : sequence of float, optional
        :func:`_name_similarity` of ``query`` to each candidate, when already known.

    Returns
    -------
    list of (score, Place)
        Scores are unbounded sums; only their order and gaps matter.
    """
    ql = light(query)
    region = set(ctx.region)
    near = prepared_points(ctx.near)
    scored = []
    for j, p in enumerate(cands):
        sim = _name_similarity(ql, p) if sims is None else sims[j]
        # Closeness of spelling decides between places sharing a key; a spelling
        # identical to one of the place's own gets a further bonus.
        s = 6.0 * sim + (2.0 if sim >= 0.999 else 0.0)
        # The region of interest is preferred among good spellings only: "Erbil" is the
        # Iraqi city, not a Syrian village with the alternate name "Aarbil".
        s += 4.0 * min(1.0, max(0.0, (sim - 0.7) / 0.15)) if p.country in region else 0.0
        if level_hint:
            if p.level == level_hint or (
                level_hint in ("admin1", "region") and p.level in ("admin1", "region")
            ):
                s += 3.5 + (0.3 if p.level == level_hint else 0.0)
        else:
            s += _LEVEL_ORDER.get(p.level, 0.3)
        # Size is a weak prior: it only separates similar spellings.
        s += 0.12 * math.log10(p.population + 1)
        s += 3.5 * _near_bonus(p, near)
        if expected is not None:
            d = haversine_km(p.lat, p.lon, *expected)
            s += 3.0 * math.exp(-d / 25.0)
        scored.append((s, p))
    scored.sort(key=lambda sp: (-sp[0], sp[1].place_id))
    return scored


def _expected_point(gaz: Gazetteer, name: str, ctx: Context) -> tuple[float, float] | None:
    """Point implied by "N km <direction> of <Anchor>" in ``ctx.text``, if any."""
    if not ctx.text:
        return None
    qk = key(name)
    for dist, bearing, anchor in relations(ctx.text):
        if key(anchor) == qk or not key(anchor):
            continue
        # The relation must be about this name: it should appear in the sentence.
        if qk not in key(ctx.text):
            continue
        res = gaz.resolve(anchor, Context(region=ctx.region, near=ctx.near))
        if res.place is not None:
            return destination(res.place.lat, res.place.lon, dist, bearing)
    return None


def _finish(
    query: str,
    scored: list[tuple[float, Place]],
    method: str,
    quality: float,
    countryside: bool,
    gaz: Gazetteer,
) -> Resolution:
    best_s, best = scored[0]
    if countryside and best.place_id in _COUNTRYSIDE_OF:
        best = gaz.get(_COUNTRYSIDE_OF[best.place_id])
    # Competitors within 15 km of the winner (a city and its governorate centroid, a
    # neighbourhood and its city) do not make the answer less certain.
    # Nor does an area that contains the winner (its governorate, its region).
    rivals = []
    for s, p in scored[1:]:
        d = haversine_km(p.lat, p.lon, best.lat, best.lon)
        if d > 15 and not (p.level in ("admin1", "region") and d <= (p.radius_km or 0)):
            rivals.append(s)
    gap = best_s - rivals[0] if rivals else 3.0
    # Confidence from the match quality and how clearly the winner beats the next.
    confidence = quality * (0.6 + 0.4 * min(1.0, gap / 3.0))
    alts = tuple(p for _, p in scored[1 : 1 + _MAX_ALTERNATIVES] if p != best)
    return Resolution(query, best, round(min(1.0, confidence), 3), alts, method)


def _suggest(gaz: Gazetteer, k: str, region: tuple[str, ...], limit: int = 5) -> tuple[str, ...]:
    if not k:
        return ()
    choices = (gaz.fuzzy_keys(region) if region else None) or gaz.all_keys()
    found = process.extract(k, choices, scorer=fuzz.WRatio, limit=limit * 2, score_cutoff=50)
    names: list[str] = []
    for fk, _, _ in found:
        for p in gaz.candidates(fk)[:1]:
            if p.name not in names:
                names.append(p.name)
    return tuple(names[:limit])


def lookup(gaz: Gazetteer, name: str) -> tuple:
    """What resolving ``name`` needs from the name and the (fixed) index alone (cached by
    :meth:`Gazetteer.lookup`): strip_cues(name), and the first spelling tried with exact
    candidates (its index, the spelling, the candidates, their name similarities) or None."""
    core, cue_hint, countryside = strip_cues(name)
    plain = strip_generic(name)
    tries = [name] + ([plain] if plain != name.lower() else [])
    tries += ([core] if core != name else []) + _variants(name)
    if core != name:
        tries += _variants(core)
    for i, t in enumerate(tries):
        cands = _exact_candidates(gaz, t)
        if cands:
            ql = light(t)
            return core, cue_hint, countryside, (
                i, t, cands, tuple(_name_similarity(ql, p) for p in cands))
    return core, cue_hint, countryside, None


def resolve(gaz: Gazetteer, name: str, ctx: Context) -> Resolution:
    """Resolve ``name`` in ``gaz`` (see :meth:`Gazetteer.resolve`)."""
    query = name
    name = (name or "").strip()
    if not name:
        return Resolution(query, None)
    core, cue_hint, countryside, exact = gaz.lookup(name)
    hint = ctx.level_hint or cue_hint
    expected = _expected_point(gaz, name, ctx)

    # 1. exact key of the name as written, then of the name without cue words.
    region = tuple(ctx.region) or gaz.region
    if exact is not None:
        i, t, cands, sims = exact
        # The full name matched exactly: its own level wins over a stripped cue.
        h = ctx.level_hint if i == 0 and ctx.level_hint else (hint if i else None)
        scored = rank(cands, t, ctx, h, expected, sims)
        quality = 1.0 if i == 0 else 0.95
        return _finish(query, scored, "exact", quality, countryside and i > 0, gaz)

    # 2. "Name, qualifier": the head, placed by the qualifier (a country or a place).
    qualified = _qualified(gaz, name, ctx)
    if qualified is not None:
        return replace(qualified, query=query)

    # 3. fuzzy over keys of places inside the region of interest.
    k = key(core)
    if len(k.replace(" ", "")) >= 4:
        floor = FUZZY_MIN_SCORE if len(k) >= 6 else _SHORT_KEY_MIN_SCORE
        found = _fuzzy(gaz, k, region, floor)
        if found:
            top, cands = found
            # A much closer key abroad means the name is a foreign place misspelt, not
            # a distant lookalike inside the region: leave it unresolved.
            abroad = process.extractOne(k, gaz.all_keys(), scorer=fuzz.ratio)
            if abroad is not None and abroad[1] >= top + _ABROAD_MARGIN:
                return Resolution(query, None, 0.0, (), "none", _suggest(gaz, k, ()))
            scored = rank(cands, core, ctx, hint, expected)
            return _finish(query, scored, "fuzzy", 0.85 * top / 100.0, countryside, gaz)
    return Resolution(query, None, 0.0, (), "none", _suggest(gaz, k, region))


def _qualified(gaz: Gazetteer, name: str, ctx: Context) -> Resolution | None:
    """Resolve "Homs, Syria", "Qara, Qalamoun", "Nawa, Daraa province" by their head.

    The part after the first comma narrows the head: a country name sets the region of
    interest; any other qualifier that resolves adds its point to ``ctx.near``, so the
    head's candidate closest to it wins. None when there is no comma or no head, or the
    head does not resolve.
    """
    head, _, qual = name.partition(",")
    head, qual = head.strip(" ;"), qual.strip(" ,;.")
    if not head or not qual:
        return None
    region, near = tuple(ctx.region), ctx.near
    country = _COUNTRY_WORDS.get(" ".join(split_tokens(qual)))
    if country is not None:
        region = (country,)
    else:
        anchor = gaz.resolve(qual, Context(region=region, near=near))
        if anchor.place is not None:
            near = (*near, (anchor.place.lat, anchor.place.lon))
    res = gaz.resolve(head, Context(region=region, near=near, level_hint=ctx.level_hint))
    return res if res.place is not None else None


def _fuzzy(
    gaz: Gazetteer, k: str, region: tuple[str, ...], floor: float
) -> tuple[float, list[Place]] | None:
    """Best fuzzy key score and the in-region places of keys near it, or None."""
    found = process.extract(
        k, gaz.fuzzy_keys(region), scorer=fuzz.ratio, limit=8, score_cutoff=floor
    )
    if not found:
        return None
    top = found[0][1]
    cands: list[Place] = []
    for fk, sc, _ in found:
        if sc >= top - 6:
            cands += [p for p in gaz.candidates(fk) if p.country in region and p not in cands]
    return (top, cands) if cands else None


def resolution_to_dict(res: Resolution) -> dict:
    """The JSON shape ``geo lookup`` prints.

    Returns
    -------
    dict
        ``{"query","name","lat","lon","place_id","admin1","country","level","score",
        "alternatives"}`` with alternatives as ``{"name","place_id","lat","lon",
        "country"}``; or ``{"query","error","suggestions"}`` when unresolved.
    """
    p = res.place
    if p is None:
        return {
            "query": res.query,
            "error": f"no place found for {res.query!r}",
            "suggestions": list(res.suggestions),
        }
    return {
        "query": res.query,
        "name": p.name,
        "lat": p.lat,
        "lon": p.lon,
        "place_id": p.place_id,
        "admin1": p.admin1,
        "country": p.country,
        "level": p.level,
        "score": res.score,
        "alternatives": [
            {
                "name": a.name,
                "place_id": a.place_id,
                "lat": a.lat,
                "lon": a.lon,
                "country": a.country,
            }
            for a in res.alternatives
        ],
    }
