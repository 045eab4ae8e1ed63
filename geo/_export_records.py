"""Flat records behind the exports: one dict per interval or claim, plus the ACLED-style
CSV columns and the spreadsheet formula-injection guard.

Private helper of :mod:`geo.export`; pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence

from gazetteer.approximate import APPROXIMATE_PREFIX
from geo.errors import ExportError
from geo.model import CLAIM_FIELDS, Claim, Interval

# ~0.1 m at Syria's latitude: far below the gazetteer's own accuracy.
COORD_DECIMALS = 6

# Joins Interval.sources into one text cell; OGR and QGIS read a plain string
# everywhere, while JSON lists become String(JSON) or StringList depending on the driver.
SOURCES_SEPARATOR = "; "

CONTROL_FIELDS = (
    "place", "place_id", "lat", "lon", "admin1", "level", "actor", "status", "fraction",
    "start", "end", "last_day", "open_end", "sources", "n_claims", "confidence", "precision",
)
CONTROL_DATE_FIELDS = ("start", "end", "last_day")
CONTROL_NUMERIC_FIELDS = ("lat", "lon", "fraction", "n_claims", "confidence")

# ACLED names of our actor codes (actor1 column). ACLED's own names carry year ranges
# ("Military Forces of Syria (2000-2024)"); we keep the stable part.
ACLED_ACTORS = {
    "government": "Military Forces of Syria",
    "opposition": "Opposition Rebels",
    "sdf": "Syrian Democratic Forces",
    "isis": "Islamic State (Iraq and the Levant)",
    "hts": "Hayat Tahrir al-Sham",
    "turkey": "Military Forces of Turkey",
    "unknown": "Unidentified Armed Group",
}
# ACLED time_precision: 1 = the day is known, 2 = the week, 3 = only the month (or less).
ACLED_TIME_PRECISION = {"day": 1, "month": 3, "year": 3}
# ACLED geo_precision: 1 = the town itself, 2 = near a town / part of a region,
# 3 = only a larger region (coordinates of its centre).
ACLED_GEO_PRECISION = {
    "settlement": 1, "neighbourhood": 1, "crossing": 1, "facility": 1,
    "region": 2, "admin1": 3,
}
GOVERNMENT_REGAINS = "Government regains territory"
NON_STATE_OVERTAKES = "Non-state actor overtakes territory"
NON_VIOLENT_TRANSFER = "Non-violent transfer of territory"

# Evidence wording that marks a capture as a negotiated or unopposed handover.
_NON_VIOLENT = re.compile(
    r"\b(agreement|deal|evacuat\w*|hand(?:ed|s|ing)?[ -]?over|handover|without (?:a )?"
    r"(?:fight|resistance|a shot)|reconciliation|surrender\w*)\b",
    re.IGNORECASE,
)

ACLED_FIELDS = (
    "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
    "notes",
)
# Claim fields not already present under the same name among the ACLED columns.
CLAIM_CSV_FIELDS = ACLED_FIELDS + tuple(f for f in CLAIM_FIELDS if f not in ACLED_FIELDS)
CLAIM_NUMERIC_FIELDS = (
    "year", "time_precision", "latitude", "longitude", "geo_precision",
    "lat", "lon", "fraction", "confidence",
)

# OWASP CSV injection: a cell starting with one of these is run as a formula by
# Excel, LibreOffice or Google Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def as_date(value: dt.date | str) -> dt.date:
    """Return ``value`` as a ``datetime.date`` (accepts ISO strings and datetimes).

    Raises
    ------
    ExportError
        When ``value`` is not a date.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as error:
        raise ExportError(f"export end date {value!r} is not a YYYY-MM-DD date") from error


def period_start(date: str | None) -> dt.date | None:
    """First day of a claim date (``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``); None when
    the text is not such a date."""
    try:
        parts = [int(p) for p in str(date).split("-")]
        if len(parts) > 3:
            return None
        return dt.date(parts[0], *(parts[1:] + [1] * (3 - len(parts))))
    except (TypeError, ValueError):
        return None


def clean_number(value: float | int | None, decimals: int | None = None) -> float | int | None:
    """None for missing or non-finite numbers (JSON has no NaN), else the number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return round(value, decimals) if decimals is not None else value


def control_record(interval: Interval, date_to: dt.date) -> dict:
    """One control interval as a flat dict in :data:`CONTROL_FIELDS` order.

    ``end`` is exclusive (the first day the holder no longer held the place), as GIS
    temporal filters expect; ``last_day`` is the inclusive last held day
    (:attr:`Interval.end`). The export covers nothing after ``date_to`` (the build's
    ``--to``): an interval open then (no end, or an end after it) is held through
    ``date_to``: ``last_day`` is ``date_to``, ``end`` the day after, ``open_end`` True.
    Neither date is ever null.
    """
    open_end = interval.end is None or interval.end > date_to
    last_day = date_to if open_end else interval.end
    last_day = max(last_day, interval.start)  # a stray interval starting after --to
    return {
        "place": interval.place,
        "place_id": interval.place_id,
        "lat": clean_number(interval.lat, COORD_DECIMALS),
        "lon": clean_number(interval.lon, COORD_DECIMALS),
        "admin1": interval.admin1,
        "level": interval.level,
        "actor": interval.actor,
        "status": interval.status,
        "fraction": clean_number(interval.fraction),
        "start": interval.start,
        "end": last_day + dt.timedelta(days=1),
        "last_day": last_day,
        "open_end": open_end,
        "sources": SOURCES_SEPARATOR.join(interval.sources),
        "n_claims": interval.n_claims,
        "confidence": clean_number(interval.confidence),
        "precision": interval.precision,
    }


def control_records(intervals: Iterable[Interval], date_to: dt.date | str) -> list[dict]:
    """:func:`control_record` for every interval."""
    end = as_date(date_to)
    return [control_record(interval, end) for interval in intervals]


def claim_record(claim: Claim) -> dict:
    """One claim as a dict in :data:`CLAIM_FIELDS` order, coordinates rounded."""
    record = claim.to_dict()
    record["lat"] = clean_number(claim.lat, COORD_DECIMALS)
    record["lon"] = clean_number(claim.lon, COORD_DECIMALS)
    record["fraction"] = clean_number(claim.fraction)
    record["confidence"] = clean_number(claim.confidence)
    return record


def sub_event_type(claim: Claim) -> tuple[str, str]:
    """ACLED ``(event_type, sub_event_type)`` of a claim; empty strings when none fits.

    Withdrawals, and captures whose evidence speaks of a deal, an evacuation, a
    handover or a surrender, are non-violent transfers. Other captures by the
    government are "Government regains territory"; captures by any other known actor
    (Turkey's are carried out with Syrian opposition factions) are "Non-state actor
    overtakes territory". Holdings, sieges, contested or partial control are not
    transfer events: both columns stay empty and ``status`` says what the claim is.
    """
    if claim.status == "withdrew" or (
        claim.status == "captured" and _NON_VIOLENT.search(claim.evidence or "")
    ):
        return "Strategic developments", NON_VIOLENT_TRANSFER
    if claim.status == "captured":
        if claim.actor == "government":
            return "Battles", GOVERNMENT_REGAINS
        if claim.actor != "unknown":
            return "Battles", NON_STATE_OVERTAKES
    return "", ""


def claim_csv_record(claim: Claim) -> dict:
    """One claim as an ACLED-style CSV row (:data:`CLAIM_CSV_FIELDS`)."""
    record = claim_record(claim)
    event_type, sub_event = sub_event_type(claim)
    start = period_start(claim.date)
    acled = {
        "event_date": start,
        "year": start.year if start else None,
        "time_precision": ACLED_TIME_PRECISION.get(claim.date_precision, 3),
        "event_type": event_type,
        "sub_event_type": sub_event,
        "actor1": ACLED_ACTORS.get(claim.actor, claim.actor),
        "country": "Syria",
        "admin1": claim.admin1,
        "location": claim.place,
        "latitude": record["lat"],
        "longitude": record["lon"],
        # A place the gazetteer lacks, put near the town the report names: ACLED's 2.
        "geo_precision": 2 if claim.place_id.startswith(APPROXIMATE_PREFIX)
        else ACLED_GEO_PRECISION.get(claim.level, 3),
        "source": claim.source,
        "notes": claim.evidence,
    }
    return acled | {k: record[k] for k in CLAIM_FIELDS if k not in acled}


def neutralise(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_rows(records: Iterable[dict], numeric: Sequence[str]) -> list[dict]:
    """Records ready for :class:`csv.DictWriter`: text cells neutralised, None empty.

    Numeric columns are left alone (a longitude may be negative); booleans become
    ``True``/``False`` and dates ISO strings.
    """
    rows = []
    for record in records:
        row = {}
        for key, value in record.items():
            if value is None:
                row[key] = ""
            elif isinstance(value, dt.date):
                row[key] = value.isoformat()
            elif key in numeric or isinstance(value, bool | int | float):
                row[key] = value
            else:
                row[key] = neutralise(str(value))
        rows.append(row)
    return rows
