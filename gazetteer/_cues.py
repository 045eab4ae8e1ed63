"""Cue words around a name: "Raqqa province", "26 km south-west of Raqqa", "Nasib crossing".

Private helpers of :mod:`gazetteer.resolve`.
"""

from __future__ import annotations

import math
import re

# Words that say the name is an admin-1 unit or a region; stripped from the name.
_ADMIN1_CUES = (
    "province",
    "provinces",
    "governorate",
    "governorates",
    "muhafazat",
    "muhafaza",
    "mohafaza",
    "countryside",
    "rural",
    "rif",
    "reef",
    "hinterland",
)
_REGION_CUES = ("region", "area", "areas", "district", "pocket", "enclave", "basin", "plain")
# Words naming the kind of site; the level they hint at.
_SITE_CUES = {
    "border crossing": "crossing",
    "border gate": "crossing",
    "crossing point": "crossing",
    "crossing": "crossing",
    "border post": "crossing",
    "military airport": "facility",
    "military airbase": "facility",
    "air base": "facility",
    "airbase": "facility",
    "airfield": "facility",
    "airport": "facility",
    "air field": "facility",
    "oil field": "facility",
    "oilfield": "facility",
    "gas field": "facility",
    "gasfield": "facility",
    "dam": "facility",
    "base": "facility",
    "garrison": "facility",
    "academy": "facility",
    "neighbourhood": "neighbourhood",
    "neighborhood": "neighbourhood",
    "quarter": "neighbourhood",
    "refugee camp": "neighbourhood",
    "camp": "neighbourhood",
}
# Generic words that add nothing to the name ("the town of Hajin", "Mayadin city").
_GENERIC = (
    "the",
    "city",
    "town",
    "village",
    "villages",
    "township",
    "hamlet",
    "of",
    "suburb",
    "suburbs",
    "outskirts",
    "centre",
    "center",
    "downtown",
    "old",
    "new",
    "greater",
    "hydroelectric",
    "hydro-electric",
    "ancient",
    "historic",
    "strategic",
    "besieged",
    "rebel-held",
    "government-held",
    "regime-held",
    "isis-held",
    "nearby",
)
_DIRECTIONS = (
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
)
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)


def strip_cues(name: str) -> tuple[str, str | None, bool]:
    """Remove cue and generic words from ``name``.

    Returns
    -------
    core : str
        The name without cue, generic and direction words (``name`` itself when
        nothing would be left).
    level_hint : str or None
        ``admin1``, ``region``, ``crossing``, ``facility``, ``neighbourhood`` or None.
    countryside : bool
        True for "countryside" / "rural" / "rif" / "suburbs" cues: around a city, so
        Damascus then means Rif Dimashq.
    """
    low = " " + " ".join(_WORD.findall(name.lower().replace("’", "'"))) + " "
    hint: str | None = None
    countryside = any(
        f" {w} " in low
        for w in ("countryside", "rural", "rif", "reef", "suburbs", "outskirts", "hinterland")
    )
    for phrase, level in _SITE_CUES.items():
        if f" {phrase} " in low:
            low = low.replace(f" {phrase} ", " ")
            hint = hint or level
    for w in _ADMIN1_CUES:
        if f" {w} " in low:
            low = low.replace(f" {w} ", " ")
            hint = hint or "admin1"
    for w in _REGION_CUES:
        if f" {w} " in low:
            low = low.replace(f" {w} ", " ")
            hint = hint or "region"
    words = [w for w in low.split() if w not in _GENERIC and w not in _DIRECTIONS]
    core = " ".join(words).strip(" -'")
    return (core or name), hint, countryside


def strip_generic(name: str) -> str:
    """``name`` without generic words, keeping site cues ("Tishreen hydroelectric dam"
    -> "tishreen dam"); ``name`` itself when nothing would be left."""
    words = _WORD.findall(name.lower().replace("’", "'"))
    kept = [w for w in words if w not in _GENERIC]
    return " ".join(kept) if kept else name


_BEARINGS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
_NUM = r"(\d+(?:[.,]\d+)?)"
_UNIT = r"(km|kms|kilomet(?:er|re)s?|mi|miles?)"
_DIR = r"(north|south|east|west)(?:[\s-]?(east|west))?(?:ern)?"
RELATION_RE = re.compile(
    rf"{_NUM}\s*-?\s*{_UNIT}\s*(?:\([^)]*\)\s*)?(?:to\s+the\s+|to\s+)?{_DIR}\s+of\s+"
    r"((?:(?:al|el|ar|as|ad|at|az|ash|an|ad)[\s-])?[A-Z\u0600-\u06ff][\w'’-]*"
    r"(?:\s+(?:al-|el-|ar-|as-|ad-|az-|ash-|at-|an-)?[A-Z][\w'’-]*){0,2})",
    re.IGNORECASE,
)


def relations(text: str) -> list[tuple[float, float, str]]:
    """Distance relations in ``text``: ``(distance_km, bearing_deg, anchor_name)``.

    "26 km south-west of Raqqa" -> ``(26.0, 225.0, "Raqqa")``.
    """
    out = []
    for m in RELATION_RE.finditer(text or ""):
        dist = float(m.group(1).replace(",", "."))
        if m.group(2).lower().startswith("mi"):
            dist *= 1.609
        main, second = m.group(3).lower(), (m.group(4) or "").lower()
        bearing = _BEARINGS.get(main + second, _BEARINGS[main])
        anchor = m.group(5).strip(" -'’")
        out.append((dist, bearing, anchor))
    return out


def destination(lat: float, lon: float, dist_km: float, bearing_deg: float) -> tuple[float, float]:
    """Point ``dist_km`` from (lat, lon) on ``bearing_deg`` (spherical earth)."""
    r = 6371.0
    d = dist_km / r
    b = math.radians(bearing_deg)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(
        math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), math.degrees(l2)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def prepared_points(points: tuple[tuple[float, float], ...]
                    ) -> tuple[tuple[float, float, float], ...]:
    """(latitude in radians, its cosine, longitude) of each point, for :func:`nearest_km`."""
    out = []
    for lat, lon in points:
        p2 = math.radians(lat)
        out.append((p2, math.cos(p2), lon))
    return tuple(out)


def nearest_km(lat: float, lon: float, points: tuple[tuple[float, float, float], ...]) -> float:
    """:func:`haversine_km` to the nearest of ``points`` (from :func:`prepared_points`):
    the same operations in the same order, so the same floats, with the per-point terms
    computed once."""
    p1 = math.radians(lat)
    cos_p1 = math.cos(p1)
    return min(2 * 6371.0 * math.asin(min(1.0, math.sqrt(
        math.sin((p2 - p1) / 2) ** 2
        + cos_p1 * cos_p2 * math.sin(math.radians(b - lon) / 2) ** 2)))
        for p2, cos_p2, b in points)
