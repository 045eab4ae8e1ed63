"""Hand-made claims for the timeline and slice tests (no extractor involved)."""

from __future__ import annotations

import datetime as dt

from geo.model import Claim

# place -> (place_id, lat, lon, admin1, level); coordinates about right, ids made up.
PLACES = {
    "Raqqa": ("T.raqqa", 35.95, 39.01, "Ar-Raqqah", "settlement"),
    "Mayadin": ("T.mayadin", 35.02, 40.45, "Dayr az-Zawr", "settlement"),
    "Mansoura": ("T.mansoura", 35.83, 38.77, "Ar-Raqqah", "settlement"),
    "Deir ez-Zor": ("T.deir", 35.34, 40.14, "Dayr az-Zawr", "settlement"),
    "Tabqa": ("T.tabqa", 35.84, 38.55, "Ar-Raqqah", "settlement"),
    "Ar-Raqqah Governorate": ("SY.04", 35.90, 38.90, "Ar-Raqqah", "admin1"),
}


def claim(
    place: str,
    actor: str,
    status: str,
    date: str,
    source: str = "Outlet A",
    *,
    fraction: float | None = None,
    confidence: float = 0.8,
    evidence: str | None = None,
) -> Claim:
    """A claim about one of :data:`PLACES`; precision follows the date's form."""
    place_id, lat, lon, admin1, level = PLACES[place]
    precision = {10: "day", 7: "month", 4: "year"}[len(date)]
    return Claim(
        doc=f"{source.lower().replace(' ', '_')}_{date}.txt",
        place=place,
        place_id=place_id,
        lat=lat,
        lon=lon,
        admin1=admin1,
        level=level,
        actor=actor,
        actor_raw=actor,
        status=status,
        fraction=fraction,
        date=date,
        date_precision=precision,
        source=source,
        evidence=evidence or f"{source}: {actor} {status} {place} ({date}).",
        confidence=confidence,
    )


def day(text: str) -> dt.date:
    """``YYYY-MM-DD`` as a date."""
    return dt.date.fromisoformat(text)


def corpus_like_claims() -> list[Claim]:
    """Claims mirroring the development corpus's facts (written by hand)."""
    return [
        claim("Mansoura", "sdf", "partial", "2017-06-03", "Asharq", fraction=0.9),
        claim("Raqqa", "isis", "controls", "2017-06-04", "Asharq"),
        claim("Raqqa", "isis", "captured", "2014", "PressTV"),
        claim("Raqqa", "sdf", "contested", "2017-06-06", "PressTV", confidence=0.5),
        claim("Raqqa", "isis", "controls", "2017-06-12", "Al-Masdar"),
        claim("Raqqa", "sdf", "captured", "2017-10-14", "PressTV"),
        claim("Mayadin", "government", "captured", "2017-10-14", "PressTV"),
        claim("Deir ez-Zor", "government", "controls", "2017-06-12", "Al-Masdar"),
        claim("Deir ez-Zor", "government", "controls", "2017-09", "PressTV"),
        claim("Ar-Raqqah Governorate", "government", "captured", "2017-06-12", "Al-Masdar"),
    ]


def comparable(state):
    """A state frame without interval ids and with plain text columns, for comparisons
    with :func:`pandas.testing.assert_frame_equal` (category sets differ between builds)."""
    frame = state.drop(columns="interval_id").reset_index(drop=True)
    for name in frame.columns:
        if frame[name].dtype == "category":
            frame[name] = frame[name].astype(object)
    return frame
