"""Per-place control intervals from dated, sourced claims.

:func:`build_intervals` replays each place's claims in date order and keeps, at any
time, one current interval per place: who holds it (``actor``), how (``status``:
``controls``, ``partial``, ``besieged``, ``contested`` or ``withdrew``) and since when.
The rules, in the order they apply:

Placing a claim in time
    A day-precision claim sits on its day. A coarser claim (month or year) sits on the
    first day it is certainly true: a change (``captured``, ``withdrew``) on the *last*
    day of its period ("fell in 2017-09" is certain from 2017-09-30), a state
    (``controls``, ``partial``, ``besieged``, ``contested``) on the *first* day, so that
    it covers its period. :func:`placed_date` gives that day; it is the claim's date
    everywhere below (causality included). The interval's ``precision`` is the
    precision of the claims that opened it.
Coarse evidence never overrides finer evidence
    On one day, only the finest-precision claims decide; coarser ones only add
    support when they agree. A coarse change never closes an interval that finer
    evidence opened inside the coarse claim's period (that would reorder them), and a
    coarse state is ignored while finer contrary evidence from another source is
    recent. Ignored claims belong to no interval (``place_history`` still shows them).
Changes
    A capture opens an interval for the captor and closes the previous one the day
    before, whatever the source and however soon after the last change: a capture, a
    loss and a recapture within days are three intervals. An interval opened by a
    capture has status ``controls`` (its ``start`` is the capture date). A withdrawal
    closes the withdrawing actor's interval and opens one with actor ``unknown`` and
    status ``withdrew``: the place has no known holder (a withdrawal by an actor who
    does not hold the place is ignored). On one day, a source's change outweighs the
    same source's contrary states ("ISIS, which had held the town, lost it").
States
    A state claim that agrees with the current interval (same actor, status and
    fraction within ``fraction_tolerance``) confirms it and refreshes its evidence.
    One that differs (another actor, status or fraction) opens a new interval, unless
    another source said otherwise within ``conflict_window_days`` with evidence as
    fine: then the place becomes ``contested``. A source contradicting its own earlier
    claim is an update, not a conflict.
Contested
    Claims of one day that contradict each other (different holders, or one holder
    with fractions further apart than ``fraction_tolerance``), or a state claim that
    contradicts recent evidence of another source, open a ``contested`` interval that
    keeps every claim involved (the contradicted ones included). A ``contested``
    claim (fighting) does the same. The contested interval's actor is the last known
    holder, or ``unknown``; its fraction is None. A change, or a state claim that no
    recent evidence of another source contradicts, ends it.
Evidence ages
    An interval stays open (``end`` None) until a contrary claim; its confidence at a
    date (:func:`confidence_at`) is the noisy-or over sources of the best claim of each
    source up to that date, multiplied by ``0.5 ** ((age - stale_after_days) /
    half_life_days)`` once the newest evidence is older than ``stale_after_days``.
    ``Interval.confidence`` is the undecayed value over all its claims.

Everything is causal: the state on a date depends only on claims placed up to it.
Region-level claims (``admin1``, ``region``) make intervals of their own place; they are
never spread over the settlements inside.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from geo._replay import CHANGES, PRECISION_RANK, Item, Replay, order, resolve_day
from geo.errors import DateError
from geo.model import Claim, Interval

__all__ = [
    "DEFAULT_HALF_LIFE_DAYS",
    "DEFAULT_STALE_AFTER_DAYS",
    "TimelineInterval",
    "build_intervals",
    "claim_period",
    "confidence_at",
    "aging",
    "combine",
    "decay",
    "evidence_steps",
    "placed_date",
]

DEFAULT_STALE_AFTER_DAYS = 60
DEFAULT_HALF_LIFE_DAYS = 90.0


@dataclass(frozen=True)
class TimelineInterval(Interval):
    """An :class:`~geo.model.Interval` that remembers how its confidence ages.

    ``stale_after_days`` and ``half_life_days`` are the values given to
    :func:`build_intervals`; :func:`geo.slices.state_at` and :func:`confidence_at` use
    them. :meth:`to_dict` leaves them out, so exports keep the Interval shape.
    """

    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS

    def to_dict(self) -> dict:
        """Return the interval as :meth:`Interval.to_dict` does."""
        record = super().to_dict()
        record.pop("stale_after_days", None)
        record.pop("half_life_days", None)
        return record


# -- dates ---------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def _period(text: str, precision: str) -> tuple[dt.date, dt.date, str]:
    """Return (first day, last day, precision) of a claim date string."""
    parts = text.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if not 1 <= len(numbers) <= 3 or len(parts[0]) != 4:
            raise ValueError(text)
        year = numbers[0]
        month = numbers[1] if len(numbers) > 1 else 1
        day = numbers[2] if len(numbers) > 2 else 1
        dt.date(year, month, day)  # validates the parts
    except ValueError as error:
        raise DateError(f"claim date {text!r} is not YYYY-MM-DD, YYYY-MM or YYYY") from error
    # The coarser of the string's own precision and the declared one wins.
    own = ("year", "month", "day")[len(numbers) - 1]
    if precision not in PRECISION_RANK:
        precision = own
    precision = max(own, precision, key=PRECISION_RANK.__getitem__)
    if precision == "day":
        first = last = dt.date(year, month, day)
    elif precision == "month":
        first = dt.date(year, month, 1)
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
    else:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return first, last, precision


def claim_period(claim: Claim) -> tuple[dt.date, dt.date, str]:
    """Return the first and last day a claim's date covers, and its effective precision.

    Raises
    ------
    DateError
        When the claim's date is not ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    """
    try:
        return _period(claim.date, claim.date_precision)
    except DateError as error:
        raise DateError(f"{claim.doc}: {error}") from None


def placed_date(claim: Claim) -> dt.date:
    """Return the day a claim takes effect on the timeline.

    A change (captured, withdrew) is placed on the last day of its period, a state on
    the first; a day-precision claim on its day.
    """
    first, last, _ = claim_period(claim)
    return last if claim.status in CHANGES else first


# -- confidence ------------------------------------------------------------------------------
def decay(age_days: float, stale_after_days: float, half_life_days: float) -> float:
    """Return the factor applied to a confidence whose newest evidence is ``age_days`` old."""
    if age_days <= stale_after_days:
        return 1.0
    return 0.5 ** ((age_days - stale_after_days) / half_life_days)


def combine(claims: Iterable[Claim]) -> float:
    """Noisy-or over sources of each source's most confident claim (0 when empty)."""
    best: dict[str, float] = {}
    for claim in claims:
        _keep_best(best, claim)
    return _noisy_or(best)


def _keep_best(best: dict[str, float], claim: Claim) -> None:
    value = min(max(float(claim.confidence), 0.0), 1.0)
    source = claim.source or claim.doc
    best[source] = max(best.get(source, 0.0), value)


def _noisy_or(best: dict[str, float]) -> float:
    doubt = 1.0
    for value in sorted(best.values()):
        doubt *= 1.0 - value
    return 1.0 - doubt


def evidence_steps(
    interval: Interval, placed: Callable[[Claim], dt.date] = placed_date
) -> list[tuple[dt.date, dt.date, float]]:
    """Return how an interval's evidence grows: ``(from_day, newest, confidence)`` steps.

    From ``from_day`` on (until the next step), the newest evidence is dated ``newest``
    and the undecayed confidence of the claims placed so far is ``confidence``. The
    first step starts on the interval's start; an interval without claims placed by
    then starts with its own ``confidence``. ``placed`` is :func:`placed_date` (or a
    cached equivalent).
    """
    dated = sorted(((placed(c), c) for c in interval.claims), key=lambda pair: pair[0])
    best: dict[str, float] = {}
    newest = interval.start
    for day, claim in dated:
        if day > interval.start:
            break
        _keep_best(best, claim)
        newest = day
    base = _noisy_or(best) if best else float(interval.confidence)
    steps = [(interval.start, newest, base)]
    later = [(day, claim) for day, claim in dated if day > interval.start]
    for day, group in itertools.groupby(later, key=lambda pair: pair[0]):
        for _, claim in group:
            _keep_best(best, claim)
        steps.append((day, day, _noisy_or(best)))
    return steps


def aging(interval: Interval) -> tuple[float, float]:
    """Return ``(stale_after_days, half_life_days)`` of an interval (defaults for a plain
    :class:`~geo.model.Interval`)."""
    return (
        getattr(interval, "stale_after_days", DEFAULT_STALE_AFTER_DAYS),
        getattr(interval, "half_life_days", DEFAULT_HALF_LIFE_DAYS),
    )


def confidence_at(interval: Interval, day: dt.date) -> float:
    """Return an interval's confidence on ``day``, from its claims placed up to that day.

    Decays after ``stale_after_days`` without new evidence (see the module docstring).
    A day before the interval's start gives its undecayed ``confidence``.
    """
    current = None
    for step in evidence_steps(interval):
        if step[0] > day:
            break
        current = step
    if current is None:
        return float(interval.confidence)
    _, newest, base = current
    return base * decay((day - newest).days, *aging(interval))


def _item(claim: Claim) -> Item:
    first, last, precision = claim_period(claim)
    return Item(
        claim=claim,
        placed=last if claim.status in CHANGES else first,
        period_start=first,
        period_end=last,
        rank=PRECISION_RANK[precision],
        source=claim.source or claim.doc,
    )


def build_intervals(
    claims: Iterable[Claim],
    *,
    stale_after_days: int = DEFAULT_STALE_AFTER_DAYS,
    half_life_days: float = DEFAULT_HALF_LIFE_DAYS,
    conflict_window_days: int = 7,
    fraction_tolerance: float = 0.05,
) -> list[Interval]:
    """Build per-place control intervals from claims (rules in the module docstring).

    Parameters
    ----------
    claims : iterable of Claim
        In any order; the result does not depend on it.
    stale_after_days : int
        Days without new evidence after which an interval's confidence starts to decay.
    half_life_days : float
        Days over which a stale confidence halves.
    conflict_window_days : int
        How recent another source's contrary evidence must be for a differing state
        claim to make the place contested rather than change its holder.
    fraction_tolerance : float
        Fractions of one holder closer than this agree (0.65 and 0.7 do; 0.9 and 0.7
        do not).

    Returns
    -------
    list of TimelineInterval
        Sorted by place_id, then start. Intervals of one place never overlap; a closed
        interval ends the day before the next one starts.

    Raises
    ------
    DateError
        When a claim's date cannot be read.
    ValueError
        When a parameter is out of range.
    """
    if stale_after_days < 0 or half_life_days <= 0 or conflict_window_days < 0:
        raise ValueError("stale_after_days and conflict_window_days must be >= 0, "
                         "half_life_days > 0")
    if int(stale_after_days) != stale_after_days:
        raise ValueError("stale_after_days must be a whole number of days")
    if not 0 <= fraction_tolerance < 1:
        raise ValueError("fraction_tolerance must be in [0, 1)")
    by_place: dict[str, list[Item]] = defaultdict(list)
    for claim in claims:
        by_place[claim.place_id].append(_item(claim))
    result: list[Interval] = []
    for place_id in sorted(by_place):
        items = sorted(by_place[place_id], key=order)
        replay = Replay(conflict_window_days, fraction_tolerance)
        for day, group in itertools.groupby(items, key=lambda i: i.placed):
            outcome, left_out = resolve_day(list(group), fraction_tolerance)
            replay.ignored.extend(left_out)
            replay.feed(day, outcome)
        first = items[0].claim
        for span in replay.intervals():
            claims_of = tuple(i.claim for i in span.items)
            result.append(TimelineInterval(
                place=first.place, place_id=place_id, lat=first.lat, lon=first.lon,
                admin1=first.admin1, level=first.level, actor=span.actor,
                status=span.status, fraction=span.fraction, start=span.start, end=span.end,
                confidence=combine(claims_of), claims=claims_of, precision=span.precision,
                stale_after_days=int(stale_after_days), half_life_days=float(half_life_days),
            ))
    return result

