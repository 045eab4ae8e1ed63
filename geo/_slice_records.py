"""Plain-dict answers for the query commands (``geo asof``, ``geo diff``,
``geo timeline``), built on :func:`geo.slices.state_at` and :func:`geo.slices.diff`.

Dates in the records are ISO strings, fractions are None for full control, so every
record can go straight to ``json.dumps``.
"""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from collections.abc import Iterable, Sequence

from geo.model import Claim, Interval
from geo.timeline import placed_date


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _number(value: float | None, digits: int = 3) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return round(float(value), digits)


def _text(value) -> str | None:
    """A categorical cell as str, None when missing."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _sources(claims: Iterable[Claim]) -> list[str]:
    return list(dict.fromkeys(c.source or c.doc for c in claims))


def asof_records(intervals: Sequence[Interval], date: dt.date) -> list[dict]:
    """Return who held each place on ``date``, one dict per place, sorted by place.

    Keys: place, place_id, lat, lon, admin1, level, actor, status, fraction, since,
    confidence (decayed on ``date``), sources, claims (number of supporting claims),
    precision, interval_id. Sources and claims count only claims placed up to ``date``.
    """
    from geo.slices import state_at

    intervals = list(intervals)
    records = []
    for row in state_at(intervals, [date]).itertuples(index=False):
        interval = intervals[row.interval_id]
        seen = [c for c in interval.claims if placed_date(c) <= date]
        records.append({
            "place": row.place,
            "place_id": row.place_id,
            "lat": row.lat,
            "lon": row.lon,
            "admin1": _text(row.admin1),
            "level": row.level,
            "actor": row.actor,
            "status": row.status,
            "fraction": _number(row.fraction),
            "since": _iso(row.since),
            "confidence": _number(row.confidence),
            "sources": _sources(seen),
            "claims": len(seen),
            "precision": interval.precision,
            "interval_id": int(row.interval_id),
        })
    return sorted(records, key=lambda r: (r["place"], r["place_id"]))


def diff_records(intervals: Sequence[Interval], date1: dt.date, date2: dt.date) -> list[dict]:
    """Return the places whose holder changed between two dates, with the evidence.

    Keys: place, place_id, before_actor, before_status, after_actor, after_status,
    since, evidence. ``evidence`` lists ``{date, source, evidence, status, actor}`` of the
    claims that opened the place's intervals starting after the earlier date and up
    to the later one, in date order.
    """
    from geo.slices import diff_rows

    intervals = list(intervals)
    low, high = min(date1, date2), max(date1, date2)
    by_place: dict[str, list[Interval]] = {}
    for interval in intervals:
        by_place.setdefault(interval.place_id, []).append(interval)
    records = []
    for row in diff_rows(intervals, date1, date2):
        opening = [
            claim
            for interval in by_place.get(row["place_id"], [])
            if low < interval.start <= high
            for claim in interval.claims
            if placed_date(claim) <= interval.start
        ]
        opening = sorted(dict.fromkeys(opening), key=lambda c: (placed_date(c), c.source or ""))
        records.append({
            "place": row["place"],
            "place_id": row["place_id"],
            "before_actor": row["before_actor"],
            "before_status": row["before_status"],
            "after_actor": row["after_actor"],
            "after_status": row["after_status"],
            "since": _iso(row["since"]),
            "evidence": [
                {"date": c.date, "source": c.source or c.doc, "evidence": c.evidence,
                 "status": c.status, "actor": c.actor}
                for c in opening
            ],
        })
    return records


def _fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a name."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def _matcher(query: str):
    from gazetteer.normalize import key

    wanted = {query.strip(), _fold(query), key(query)}
    wanted.discard("")

    def matches(place: str, place_id: str) -> bool:
        return bool({place_id, _fold(place), key(place)} & wanted)

    return matches


def place_history(
    intervals: Sequence[Interval], claims: Sequence[Claim], place_query: str
) -> list[dict]:
    """Return the history of the places matching ``place_query``.

    A place matches by its id, or by its name compared case-, accent- and
    transliteration-insensitively (``Raqqah`` finds ``Raqqa``).

    Returns
    -------
    list of dict
        Every claim about the place and every interval of it, in date order (an
        interval before the claims of its first day). All records have the keys kind
        (``interval`` or ``claim``), date (claim date as written, interval start),
        end (interval end, None when open or for a claim), place, place_id, actor,
        status, fraction, precision, source (a claim's source, an interval's sources
        joined by ``; ``), doc, evidence (a claim's sentence, ``n claims`` for an
        interval), confidence and interval (index into ``intervals`` of the first
        interval holding the claim; None for a claim the timeline left out).
    """
    matches = _matcher(place_query)
    intervals = list(intervals)
    home: dict[Claim, int] = {}
    rows: list[tuple[tuple, dict]] = []
    for index, interval in enumerate(intervals):
        if not matches(interval.place, interval.place_id):
            continue
        for claim in interval.claims:
            home.setdefault(claim, index)
        rows.append(((interval.start, 0, interval.place_id, index), {
            "kind": "interval",
            "date": interval.start.isoformat(),
            "end": _iso(interval.end),
            "place": interval.place,
            "place_id": interval.place_id,
            "actor": interval.actor,
            "status": interval.status,
            "fraction": _number(interval.fraction),
            "precision": interval.precision,
            "source": "; ".join(interval.sources),
            "doc": "",
            "evidence": f"{interval.n_claims} claims",
            "confidence": _number(interval.confidence),
            "interval": index,
        }))
    for number, claim in enumerate(claims):
        if not matches(claim.place, claim.place_id):
            continue
        rows.append(((placed_date(claim), 1, claim.place_id, number), {
            "kind": "claim",
            "date": claim.date,
            "end": None,
            "place": claim.place,
            "place_id": claim.place_id,
            "actor": claim.actor,
            "status": claim.status,
            "fraction": _number(claim.fraction),
            "precision": claim.date_precision,
            "source": claim.source or claim.doc,
            "doc": claim.doc,
            "evidence": claim.evidence,
            "confidence": _number(claim.confidence),
            "interval": home.get(claim),
        }))
    return [record for _, record in sorted(rows, key=lambda pair: pair[0])]
