"""Dataclasses of the gazetteer: places, resolution context and results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """A named place with coordinates.

    Attributes
    ----------
    place_id : str
        Stable id: ``gn:<geonameid>`` for GeoNames, ``cur:<slug>`` for the curated
        list, ``adm1:SY.04`` for governorates, ``osm:<id>`` for the online fallback.
    name : str
        Preferred English name.
    lat, lon : float
        WGS 84 coordinates (a centroid for areas).
    country : str
        ISO 3166-1 alpha-2 code.
    admin1 : str or None
        Governorate / province name (GeoNames English form, e.g. ``Ar-Raqqah``).
    level : str
        ``settlement``, ``neighbourhood``, ``crossing``, ``facility``, ``admin1`` or
        ``region``.
    population : int
        0 when unknown.
    names : tuple of str
        Every known spelling, including Arabic script.
    source : str
        Where the row came from (``geonames``, ``naturalearth``, ``curated:<ref>``).
    radius_km : float or None
        Rough extent for regions and cities, when known.
    parent : str or None
        place_id of the city a neighbourhood or facility belongs to.
    """

    place_id: str
    name: str
    lat: float
    lon: float
    country: str
    admin1: str | None
    level: str
    population: int = 0
    names: tuple[str, ...] = ()
    source: str = ""
    radius_km: float | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Context:
    """What is known around a name, used to choose between candidates.

    Attributes
    ----------
    region : tuple of str
        Countries of interest (ISO2), preferred when a name is ambiguous.
    near : tuple of (lat, lon)
        Coordinates of places co-mentioned in the same report.
    level_hint : str or None
        ``admin1`` or ``region`` when the text says "province", "governorate",
        "countryside"; otherwise None.
    text : str or None
        The sentence around the mention, for relations such as "26 km south-west of
        Raqqa".
    """

    region: tuple[str, ...] = ("SY",)
    near: tuple[tuple[float, float], ...] = ()
    level_hint: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Resolution:
    """The answer to one name.

    Attributes
    ----------
    query : str
        The name as asked.
    place : Place or None
        The chosen place, None when the name could not be resolved.
    score : float
        0..1, how sure the choice is (exact key and unambiguous: near 1).
    alternatives : tuple of Place
        Other candidates, best first.
    method : str
        ``exact``, ``fuzzy``, ``online``, ``approximate`` (placed by a relation in the text,
        see :mod:`gazetteer.approximate`) or ``none``.
    suggestions : tuple of str
        Near names, when unresolved.
    """

    query: str
    place: Place | None
    score: float = 0.0
    alternatives: tuple[Place, ...] = ()
    method: str = "none"
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Match:
    """A gazetteer name found in text by :meth:`Gazetteer.find_mentions`.

    ``start``/``end`` are character offsets into the original text; ``surface`` is
    ``text[start:end]``.
    """

    start: int
    end: int
    surface: str
    key: str
    candidates: tuple[Place, ...]
