"""Approximate places: a name the gazetteer lacks, put where a text locates it.

War reports name many villages, hills and bases no gazetteer holds, but often say where
they are: "the village of Xyz, near Atarib", "Xyz, 12 km south-west of Manbij". A place
built here stands at that point (the anchor itself, or the distance and bearing from
it), carries ``source="approximate: ..."`` and a radius saying how rough it is, and is
never added to the gazetteer.
"""

from __future__ import annotations

import re
import unicodedata

from gazetteer._cues import _BEARINGS, destination
from gazetteer.model import Place

__all__ = ["APPROXIMATE_PREFIX", "DEFAULT_OFFSET_KM", "bearing_of", "place_near"]

# place_id prefix of every approximate place.
APPROXIMATE_PREFIX = "approx:"
# "south of X" without a distance: villages so placed lie a few km to some tens of km
# out (about 10 km typically); a step that way is closer on average than the anchor.
DEFAULT_OFFSET_KM = 10.0
# Radius of an approximate place: at least this, else a third of the stated distance.
MIN_RADIUS_KM = 5.0
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def bearing_of(direction: str) -> float | None:
    """Compass bearing of a direction word ("south-west", "northern"), or None."""
    word = re.sub(r"[\s-]|ern$", "", direction.lower())
    return _BEARINGS.get(word)


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_name.lower().replace("'", "").replace("’", "")).strip("-")


def place_near(
    name: str,
    anchor: Place,
    distance_km: float | None = None,
    bearing_deg: float | None = None,
) -> Place:
    """A place for ``name`` located relative to ``anchor``.

    Parameters
    ----------
    name : str
        The name as written in the text.
    anchor : Place
        The known place the text locates it by.
    distance_km : float, optional
        Stated distance from the anchor; with no bearing it only widens the radius.
    bearing_deg : float, optional
        Direction from the anchor (0 = north, clockwise). With no distance the place
        stands :data:`DEFAULT_OFFSET_KM` that way.

    Returns
    -------
    Place
        ``place_id`` ``approx:<slug>``, level ``settlement``, the anchor's country and
        admin-1, ``source`` naming the relation, ``radius_km`` its uncertainty.
    """
    lat, lon = anchor.lat, anchor.lon
    if bearing_deg is not None:
        lat, lon = destination(lat, lon, distance_km or DEFAULT_OFFSET_KM, bearing_deg)
    radius = max(MIN_RADIUS_KM, (distance_km or 0.0) / 3.0)
    if bearing_deg is None and distance_km:
        radius = max(radius, distance_km)
    if bearing_deg is not None:
        where = f"{distance_km or DEFAULT_OFFSET_KM:g} km at bearing {bearing_deg:g} from "
    else:
        where = f"within {distance_km:g} km of " if distance_km else "near "
    return Place(
        place_id=APPROXIMATE_PREFIX + (_slug(name) or "unnamed"),
        name=name,
        lat=round(lat, 5),
        lon=round(lon, 5),
        country=anchor.country,
        admin1=anchor.admin1,
        level="settlement",
        names=(name,),
        source=f"approximate: {where}{anchor.name} ({anchor.place_id})",
        radius_km=round(radius, 1),
    )
