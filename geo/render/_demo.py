"""A hand-made demo of mid/late 2017 for the screenshot and the renderer's tests.

The claims are written here, not extracted from any report: their "evidence" says so,
and their source is ``hand-made demo``. Places, holders and dates follow widely known
events of 2017 at about the precision of a news summary; coordinates are rounded.
"""

from __future__ import annotations

import datetime as dt

from geo.model import Claim, Interval

SOURCE = "hand-made demo"
START = dt.date(2017, 6, 1)
END = dt.date(2017, 11, 30)

# (place, place_id, lat, lon, admin1, level, [(date, actor, status, fraction), ...])
_PLACES = (
    ("Raqqa", "demo:raqqa", 35.95, 39.01, "Ar-Raqqah", "settlement",
     [("2017-06-01", "isis", "controls", None), ("2017-06-20", "isis", "besieged", None),
      ("2017-10-17", "sdf", "captured", None)]),
    ("Tabqa", "demo:tabqa", 35.84, 38.55, "Ar-Raqqah", "settlement",
     [("2017-06-01", "sdf", "controls", None)]),
    ("Mansoura", "demo:mansoura", 35.83, 38.77, "Ar-Raqqah", "settlement",
     [("2017-06-03", "sdf", "partial", 0.9), ("2017-06-05", "sdf", "captured", None)]),
    ("Deir ez-Zor", "demo:deir", 35.34, 40.14, "Dayr az-Zawr", "settlement",
     [("2017-06-01", "government", "besieged", None),
      ("2017-09-05", "government", "controls", None)]),
    ("Mayadin", "demo:mayadin", 35.02, 40.45, "Dayr az-Zawr", "settlement",
     [("2017-06-01", "isis", "controls", None), ("2017-10-06", "isis", "contested", None),
      ("2017-10-14", "government", "captured", None)]),
    ("Abu Kamal", "demo:abukamal", 34.45, 40.92, "Dayr az-Zawr", "settlement",
     [("2017-06-01", "isis", "controls", None), ("2017-11-09", "government", "captured", None)]),
    ("Sukhnah", "demo:sukhnah", 34.88, 38.87, "Homs", "settlement",
     [("2017-06-01", "isis", "controls", None), ("2017-08-12", "government", "captured", None)]),
    ("Palmyra", "demo:palmyra", 34.56, 38.27, "Homs", "settlement",
     [("2017-06-01", "government", "controls", None)]),
    ("Homs", "demo:homs", 34.73, 36.72, "Homs", "settlement",
     [("2017-06-01", "government", "controls", None)]),
    ("Hama", "demo:hama", 35.13, 36.75, "Hama", "settlement",
     [("2017-06-01", "government", "controls", None)]),
    ("Damascus", "demo:damascus", 33.51, 36.29, "Damascus", "settlement",
     [("2017-06-01", "government", "controls", None)]),
    ("Douma", "demo:douma", 33.57, 36.40, "Rif Dimashq", "settlement",
     [("2017-06-01", "opposition", "besieged", None)]),
    ("Daraa", "demo:daraa", 32.62, 36.10, "Daraa", "settlement",
     [("2017-06-01", "opposition", "contested", None)]),
    ("As-Suwayda", "demo:suwayda", 32.71, 36.57, "As-Suwayda", "settlement",
     [("2017-06-01", "government", "controls", None)]),
    ("Latakia", "demo:latakia", 35.52, 35.78, "Latakia", "settlement",
     [("2017-06-01", "government", "controls", None)]),
    ("Aleppo", "demo:aleppo", 36.20, 37.16, "Aleppo", "settlement",
     [("2017-06-01", "government", "controls", None)]),
    ("Idlib", "demo:idlib", 35.93, 36.63, "Idlib", "settlement",
     [("2017-06-01", "opposition", "controls", None), ("2017-07-23", "hts", "captured", None)]),
    ("al-Bab", "demo:albab", 36.37, 37.52, "Aleppo", "settlement",
     [("2017-06-01", "turkey", "controls", None)]),
    ("Azaz", "demo:azaz", 36.59, 37.05, "Aleppo", "settlement",
     [("2017-06-01", "turkey", "controls", None)]),
    ("Afrin", "demo:afrin", 36.51, 36.87, "Aleppo", "settlement",
     [("2017-06-01", "sdf", "controls", None)]),
    ("Manbij", "demo:manbij", 36.53, 37.95, "Aleppo", "settlement",
     [("2017-06-01", "sdf", "controls", None)]),
    ("Kobani", "demo:kobani", 36.89, 38.35, "Aleppo", "settlement",
     [("2017-06-01", "sdf", "controls", None)]),
    ("Qamishli", "demo:qamishli", 37.05, 41.23, "Al-Hasakah", "settlement",
     [("2017-06-01", "sdf", "partial", 0.8)]),
    ("Al-Hasakah", "demo:hasakah", 36.50, 40.75, "Al-Hasakah", "settlement",
     [("2017-06-01", "sdf", "controls", None)]),
    ("al-Tanf", "demo:tanf", 33.50, 38.62, "Homs", "crossing",
     [("2017-06-01", "opposition", "controls", None)]),
    ("Quneitra governorate", "adm1:SY.03", 33.10, 35.85, "Quneitra", "admin1",
     [("2017-06-01", "opposition", "partial", 0.6)]),
)


def demo_claims() -> list[Claim]:
    """Return the demo's claims (hand-made, sourced ``hand-made demo``)."""
    claims = []
    for place, place_id, lat, lon, admin1, level, events in _PLACES:
        for date, actor, status, fraction in events:
            share = "" if fraction is None else f" ({fraction:.0%})"
            claims.append(Claim(
                doc="demo.txt", place=place, place_id=place_id, lat=lat, lon=lon,
                admin1=admin1, level=level, actor=actor, actor_raw=actor, status=status,
                fraction=fraction, date=date, date_precision="day", source=SOURCE,
                evidence=f"Demo claim written for the screenshot: {actor} {status} "
                         f"{place}{share} on {date}.",
                confidence=0.8,
            ))
    return claims


def demo_intervals(claims: list[Claim], until: dt.date = END) -> list[Interval]:
    """Chain each place's claims into intervals: each lasts until the next claim."""
    by_place: dict[str, list[Claim]] = {}
    for claim in claims:
        by_place.setdefault(claim.place_id, []).append(claim)
    intervals = []
    for place_claims in by_place.values():
        place_claims.sort(key=lambda c: c.date)
        for n, claim in enumerate(place_claims):
            start = dt.date.fromisoformat(claim.date)
            following = place_claims[n + 1] if n + 1 < len(place_claims) else None
            end = (
                dt.date.fromisoformat(following.date) - dt.timedelta(days=1)
                if following else None
            )
            status = "controls" if claim.status == "captured" else claim.status
            intervals.append(Interval(
                place=claim.place, place_id=claim.place_id, lat=claim.lat, lon=claim.lon,
                admin1=claim.admin1, level=claim.level, actor=claim.actor, status=status,
                fraction=claim.fraction, start=start, end=end, confidence=claim.confidence,
                claims=(claim,),
            ))
    return [i for i in intervals if i.start <= until]


def demo_dates(step_days: int = 7) -> list[dt.date]:
    """Weekly slice dates over the demo's span."""
    days = (END - START).days
    return [START + dt.timedelta(days=d) for d in range(0, days + 1, step_days)]
