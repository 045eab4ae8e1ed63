"""How :mod:`geo.dates` turns one date expression into a day, a precision and a
confidence. The rules are listed in the :mod:`geo.dates` module notes."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from geo._datepatterns import (
    WEEKDAYS,
    full_date,
    month_number,
    number,
    numeric_options,
    safe_date,
    strip_ordinal,
)
from geo.model import Anchor, EventDate

RANK = {"day": 0, "month": 1, "year": 2}
HISTORY_DAYS = 31  # a date ending this long before the anchor is background history


@dataclass(frozen=True)
class Resolved:
    day: dt.date
    precision: str
    confidence: float
    from_anchor: bool  # counted from the anchor (so its doubt applies)


def resolve(
    match: re.Match, anchor: Anchor, carried: Resolved | None, previous: Resolved | None
) -> Resolved | None:
    kind = match.lastgroup
    if kind in ("iso", "mdy", "dmy", "my"):
        found = full_date(match)
        if found is None:
            return None
        return Resolved(found[0], found[1], 1.0 if found[1] == "day" else 0.9, False)
    if kind == "num":
        return _numeric(match, anchor)
    if kind == "yr":
        if not (match["yr_p"] or match["yr_the"] or match["yr_q"]):
            return None  # a bare number like 2015 may be a count
        return Resolved(dt.date(int(match["yr_y"]), 1, 1), "year", 0.9, False)
    if kind in ("md", "dm"):
        return _month_day(match, kind, anchor, previous or carried)
    if kind == "mq":
        return _bare_month(match, anchor)
    if kind == "wd":
        return _weekday(match, anchor)
    if kind == "rel":
        return _relative(match.group().lower(), anchor, previous or carried)
    if kind in ("ago", "vague"):
        return _span(match, kind, anchor, carried, previous)
    return None


def _numeric(match: re.Match, anchor: Anchor) -> Resolved | None:
    options = numeric_options(match)
    if not options:
        return None
    if len(options) == 1:
        return Resolved(options[0], "day", 1.0, False)
    if anchor.date is not None:  # 06/12/2017: take the reading nearest the anchor
        # past-preferring: a reading after the anchor comes last
        options.sort(key=lambda d: ((d - anchor.date).days > 1, abs((d - anchor.date).days)))
    return Resolved(options[0], "day", 0.7, False)


def _month_day(
    match: re.Match, kind: str, anchor: Anchor, base: Resolved | None
) -> Resolved | None:
    month, day = month_number(match[f"{kind}_m"]), strip_ordinal(match[f"{kind}_d"])
    if anchor.date is not None:
        ref, confidence, from_anchor = anchor.date, 0.9, True
    elif base is not None:
        ref, confidence, from_anchor = base.day, 0.6, False
    else:
        return None
    candidate = safe_date(ref.year, month, day)
    if candidate is None:
        return None
    if (candidate - ref).days > HISTORY_DAYS:
        candidate = safe_date(ref.year - 1, month, day)
    weekday = match[f"{kind}_wd"]
    if candidate and weekday and candidate.weekday() != WEEKDAYS[weekday]:
        other = safe_date(candidate.year - 1, month, day)  # "Monday 12 June": check the year
        if other and other.weekday() == WEEKDAYS[weekday]:
            candidate = other
    return Resolved(candidate, "day", confidence, from_anchor) if candidate else None


def _bare_month(match: re.Match, anchor: Anchor) -> Resolved | None:
    if anchor.date is None:
        return None
    month, word = month_number(match["mq_m"]), match["mq_p"].lower()
    year = anchor.date.year
    if word == "next":
        year += 1 if month <= anchor.date.month else 0
    elif word == "last":
        year -= 1 if month >= anchor.date.month else 0
    elif (dt.date(year, month, 1) - anchor.date).days > HISTORY_DAYS:
        year -= 1
    return Resolved(dt.date(year, month, 1), "month", 0.8, True)


def _weekday(match: re.Match, anchor: Anchor) -> Resolved | None:
    if anchor.date is None:
        return None
    target, word = WEEKDAYS[match["wd_d"]], (match["wd_p"] or "").lower()
    if match["wd_s"]:
        # "on Friday last week": that weekday in the calendar week before the anchor's.
        monday = anchor.date - dt.timedelta(days=anchor.date.weekday())
        return Resolved(monday - dt.timedelta(days=7 - target), "day", 0.85, True)
    back = (anchor.date.weekday() - target) % 7
    if word in ("last", "past") and back == 0:
        back = 7
    elif word == "next":
        back = -((target - anchor.date.weekday()) % 7 or 7)
    return Resolved(anchor.date - dt.timedelta(days=back), "day", 0.9, True)


def _relative(phrase: str, anchor: Anchor, base: Resolved | None) -> Resolved | None:
    # Expressions counted from the previous date of the story, not the anchor.
    phrase = phrase.removeprefix("in ")
    if phrase not in _RELATIVE_DAYS and phrase.startswith(_FROM_BASE):
        origin = base or (from_anchor(anchor) if anchor.date else None)
        if origin is None:
            return None
        sign = -1 if phrase.endswith(("before", "earlier")) or "previous" in phrase else 1
        if phrase.endswith("month"):
            return Resolved(_add_months(origin.day, sign), coarsest(origin.precision, "month"),
                             origin.confidence * 0.8, origin.from_anchor)
        # "the previous days" / "weeks": a span before the base, told by a day inside it.
        days, trust = {"week": (7, 0.5), "days": (2, 0.5), "weeks": (14, 0.4)}.get(
            phrase.rsplit(" ", 1)[-1], (1, 0.9))
        return Resolved(origin.day + dt.timedelta(days=sign * days), origin.precision,
                         origin.confidence * trust, origin.from_anchor)
    if anchor.date is None:
        return None
    day = anchor.date
    offset, precision, confidence = _RELATIVE_DAYS.get(phrase, (None, "day", 0.9))
    if offset is not None:
        return Resolved(day + dt.timedelta(days=offset), precision, confidence, True)
    if phrase.endswith("weekend"):
        # "over the weekend": the Saturday and Sunday before; the Sunday stands for them.
        back = (day.weekday() + 1) % 7
        return Resolved(day - dt.timedelta(days=back), "day", 0.6, True)
    if phrase.endswith("week"):
        if "earlier" in phrase:
            back = min(max(day.weekday(), 1), 3)
        elif phrase.startswith(("last", "past")):
            back = 7
        elif phrase.startswith("next"):
            back = -7
        elif "later" in phrase:
            back = -min(2, 6 - day.weekday())
        else:
            back = min(day.weekday(), 2)
        return Resolved(day - dt.timedelta(days=back), "day", 0.5 if back >= 0 else 0.4, True)
    if phrase.endswith("month"):
        step = -1 if phrase.startswith(("last", "past")) else 1 if phrase.startswith("next") else 0
        return Resolved(_add_months(day, step), "month", 0.8, True)
    if phrase.endswith("year"):
        step = -1 if phrase.startswith(("last", "past")) else 1 if phrase.startswith("next") else 0
        return Resolved(dt.date(day.year + step, 1, 1), "year", 0.8, True)
    if phrase.endswith("days"):
        return Resolved(day - dt.timedelta(days=2), "day", 0.4, True)
    if phrase.endswith("weeks"):
        return Resolved(day - dt.timedelta(days=14), "month", 0.4, True)
    return None


_FROM_BASE = ("the next", "the following", "the previous", "the day", "a day")
_RELATIVE_DAYS = {
    "today": (0, "day", 0.9), "tonight": (0, "day", 0.9), "this morning": (0, "day", 0.9),
    "this afternoon": (0, "day", 0.9), "this evening": (0, "day", 0.9),
    "earlier today": (0, "day", 0.9), "later today": (0, "day", 0.8),
    "yesterday": (-1, "day", 0.9), "last night": (-1, "day", 0.9),
    "overnight": (-1, "day", 0.7), "the day before yesterday": (-2, "day", 0.9),
    "tomorrow": (1, "day", 0.8),
}


def _span(
    match: re.Match, kind: str, anchor: Anchor, carried: Resolved | None,
    previous: Resolved | None,
) -> Resolved | None:
    if kind == "vague":
        unit, word, confidence = match["vague_u"].lower(), match["vague_w"].lower(), 0.4
        count = {"hours": 0, "days": 3, "weeks": 2, "months": 3, "years": 2}[unit]
    else:
        unit, word, confidence = match["ago_u"].lower(), match["ago_w"].lower(), 0.8
        count = number(match["ago_n"])
    unit = unit.rstrip("s")
    if word == "ago":
        if anchor.date is None:
            return None
        origin, sign = from_anchor(anchor), -1
    elif word in ("after", "before"):
        # "took it on Saturday, a month after it broke the siege": the siege is earlier;
        # with no date named before, counted back from the date in force.
        origin = previous or carried or (from_anchor(anchor) if anchor.date else None)
        if origin is None:
            return None
        sign = -1 if word == "after" else 1
        if previous is None and origin is not carried:
            confidence *= 0.5
    else:
        origin = previous or carried or (from_anchor(anchor) if anchor.date else None)
        if origin is None:
            return None
        sign = 1 if word in ("later", "after") else -1
        if origin is not previous and origin is not carried:
            confidence *= 0.5  # counted from the anchor for want of a better base
    if unit == "hour":
        day, precision = origin.day + dt.timedelta(days=sign * (count // 24)), "day"
    elif unit == "day":
        day, precision = origin.day + dt.timedelta(days=sign * count), "day"
    elif unit == "week":
        day, precision, confidence = origin.day + dt.timedelta(days=sign * 7 * count), "day", \
            confidence * 0.7
    elif unit == "month":
        day, precision = _add_months(origin.day, sign * count), "month"
    else:
        day, precision = dt.date(origin.day.year + sign * count, 1, 1), "year"
    return Resolved(day, coarsest(origin.precision, precision),
                     round(confidence * origin.confidence, 3), origin.from_anchor)


# -- helpers ----------------------------------------------------------------------------
def from_anchor(anchor: Anchor) -> Resolved:
    """The anchor day as a resolved date."""
    return Resolved(anchor.date, "day", 1.0, True)


def from_event(event: EventDate | None) -> Resolved | None:
    if event is None or not event.date:
        return None
    parts = [int(p) for p in event.date.split("-")]
    day = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    return Resolved(day, event.precision or "day", event.confidence, False)


def coarsest(a: str, b: str) -> str:
    return a if RANK.get(a, 0) >= RANK.get(b, 0) else b


def format_day(day: dt.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def period_end(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    if precision == "month":
        return _add_months(day.replace(day=1), 1) - dt.timedelta(days=1)
    return day


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return safe_date(year, month + 1, min(day.day, 28)) or dt.date(year, month + 1, 1)
