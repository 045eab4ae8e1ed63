"""Dates: user dates, a report's anchor, and the date of a sentence's events.

Rules (the claims stage relies on them):

- Weekdays count back from the anchor: "Saturday" in a Sunday report is the day
  before; "on Sunday" in a Sunday report is the anchor day itself; "last Sunday" then
  means a week earlier. "last night", "yesterday" and "overnight" are the anchor minus
  one day; "today", "this morning", "tonight" the anchor.
- Vague spans get a representative day and a low confidence: "earlier this week" is
  the anchor minus 1 to 3 days (no further back than that week's Monday; the day
  before on a Monday), confidence 0.5; "this week" the anchor minus up to 2 days, 0.5;
  "last week" the anchor minus 7 days, 0.5; "in recent days" minus 2 days, 0.4; "in
  recent weeks" the month of the anchor minus 14 days, 0.4; "over the weekend" the
  Sunday on or before the anchor, 0.6.
- "last month" is the previous month (month precision); "last year" the previous year
  (year precision); "N days/weeks ago" counts back (day precision), "N months ago"
  gives a month, "N years ago" a year.
- "N days later", "the next day", "hours later" count from the previous date in the
  same sentence, else from ``carried`` (the date of the sentence before), else from
  the anchor. "A on D, N after B" dates the clause after "after" N before D ("took
  Mayadin on Saturday, more than a month after it broke the siege" puts the siege
  about a month before that Saturday).
- Dates without a year ("on June 6") take the anchor's year, or the year before when
  that would put them more than 31 days after the anchor (past-preferring).
- "early 2014", "mid-2016", "late 2013", "in 2014", "since 2014", "in the summer of
  2016" are year precision; "in May 2015" and "last month" month precision.
- ``historical`` is set for a date whose whole period ends more than 31 days before
  the anchor (background history, e.g. "the city fell in 2014").
- A doubtful anchor (a save stamp, a date inferred from content) coarsens every
  anchor-based date to month precision at most and caps its confidence at 0.5; an
  anchor known only to the month or year coarsens them to that precision.
- No date expression: the ``carried`` date (``explicit=False``), else the anchor day
  (confidence 0.8, 0.5 when doubtful). Unknown anchor and nothing absolute in the
  sentence: ``EventDate(date="", precision="", confidence=0.0)``, meaning "no date is
  known": the claims stage drops or flags such a claim.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geo import _anchor
from geo._datepatterns import iter_dates, safe_date
from geo._dateresolve import (
    HISTORY_DAYS,
    RANK,
    Resolved,
    coarsest,
    format_day,
    from_event,
    period_end,
    resolve,
)
from geo.errors import DateError
from geo.model import Anchor, EventDate

__all__ = ["DateMention", "event_date", "find_anchor", "find_dates", "parse_user_date"]

_USER_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence.

    Attributes
    ----------
    start, end : int
        Offsets of the expression in the sentence.
    text : str
        The expression as written ("on Saturday" is found as "Saturday").
    date : EventDate
        What it resolves to (``explicit=True``).
    since : bool
        True when the date opens a span that runs up to the report ("since 2014",
        "for the first time since troops withdrew in 2013"): it is when a state
        began, not when the sentence's event happened.
    """

    start: int
    end: int
    text: str
    date: EventDate
    since: bool = False


# -- user dates -------------------------------------------------------------------------
def parse_user_date(text: str) -> dt.date:
    """Parse a date given on the command line.

    Parameters
    ----------
    text : str
        ``YYYY-MM-DD``, ``YYYY-MM`` (the first day of that month) or ``YYYY`` (1 January).

    Returns
    -------
    datetime.date

    Raises
    ------
    DateError
        When ``text`` is not one of those forms or names an impossible day.
    """
    match = _USER_DATE.fullmatch(str(text).strip())
    day = None
    if match:
        year, month, mday = int(match[1]), int(match[2] or 1), int(match[3] or 1)
        day = safe_date(year, month, mday) if year >= 1 else None
    if day is None:
        raise DateError(f"cannot read the date {text!r}: expected YYYY-MM-DD, YYYY-MM or YYYY")
    return day


# -- the anchor -------------------------------------------------------------------------
def find_anchor(text: str, hints: list[str] | tuple[str, ...] | None = None) -> Anchor:
    """Find a report's publication date (the anchor for relative dates).

    Looks, in order, at ``hints`` (published-time strings from HTML metadata), the page
    header (stand-alone date lines near the top, "Published: ..." lines), a dateline
    ("BEIRUT, March 3 (Reuters) -"), and finally the latest full date in the text
    (``origin="content"``, doubtful). A date on a save/print/update stamp line is used
    only when nothing else is found, and then as doubtful; copyright years and
    "Most read" dates are never used. A header date more than 400 days after every
    full date in the text is marked doubtful.

    Parameters
    ----------
    text : str
        The report's text (furniture may still be in it).
    hints : sequence of str, optional
        Date strings from the page's metadata, best first.

    Returns
    -------
    Anchor
        ``Anchor()`` (date None, origin ``none``) when nothing is found.
    """
    return _anchor.find_anchor(text, tuple(hints or ()))


# -- sentence dates ---------------------------------------------------------------------
def find_dates(
    sentence: str, anchor: Anchor, carried: EventDate | None = None
) -> list[DateMention]:
    """Find and resolve every date expression in a sentence.

    Parameters
    ----------
    sentence : str
    anchor : Anchor
        The report's publication date.
    carried : EventDate, optional
        The date in force from earlier sentences ("two days later" counts from it).

    Returns
    -------
    list of DateMention
        In text order; expressions that cannot be resolved (a weekday with no anchor)
        are left out.
    """
    if not _date_matches(sentence):
        return []  # most sentences: no need to hash the anchor and carried date
    return list(_find_dates(sentence, anchor, carried))


def event_date(sentence: str, anchor: Anchor, carried: EventDate | None = None) -> EventDate:
    """Return the date a sentence's events happened.

    The first date in the sentence that is not background history wins (else the
    first date); dates that open a span ("since 2014") are passed over, since the
    sentence then speaks of the present. With no usable date: ``carried``
    (``explicit=False``), else the anchor day (``explicit=False``), else the empty date
    (see the module notes).

    Parameters
    ----------
    sentence : str
    anchor : Anchor
    carried : EventDate, optional

    Returns
    -------
    EventDate
    """
    mentions = [m for m in find_dates(sentence, anchor, carried) if not m.since]
    if mentions:
        current = [m for m in mentions if not m.date.historical]
        return (current or mentions)[0].date
    if carried is not None:
        return replace(carried, explicit=False)
    if anchor.date is None:
        return EventDate(date="", precision="", confidence=0.0)
    precision = coarsest(anchor.precision, "month") if anchor.doubtful else anchor.precision
    return EventDate(
        date=format_day(anchor.date, precision), precision=precision,
        confidence=0.5 if anchor.doubtful else 0.8, explicit=False,
    )


@lru_cache(maxsize=8192)
def _find_dates(
    sentence: str, anchor: Anchor, carried: EventDate | None
) -> tuple[DateMention, ...]:
    found: list[DateMention] = []
    previous: Resolved | None = None
    base_carried = from_event(carried)
    last_end = 0
    for match in _date_matches(sentence):
        resolved = resolve(match, anchor, base_carried, previous)
        if resolved is None:
            continue
        # Most sentences hold no "since" at all: a substring test spares the scan.
        since = "ince" in sentence and _SINCE.search(
            sentence, max(last_end, match.start() - 100), match.end()) is not None
        found.append(DateMention(match.start(), match.end(), match.group(),
                                 _to_event(resolved, anchor), since=since))
        previous, last_end = resolved, match.end()
    return tuple(_month_of_year(found, sentence, anchor))


# "in August last year", "in March of this year": the month takes the named year.
_MONTH_ONLY = re.compile(r"(?:in\s+|early\s+|mid-?\s*|late\s+)*[A-Z][a-z]+\.?$")
_RELATIVE_YEAR = re.compile(r"(?:last|this|the\s+previous|the\s+same)\s+year$", re.IGNORECASE)
_OF_GAP = re.compile(r"\s+(?:of\s+)?")


def _month_of_year(found: list[DateMention], sentence: str, anchor: Anchor
                   ) -> list[DateMention]:
    out: list[DateMention] = []
    for mention in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.date.precision == "month"
                and mention.date.precision == "year" and _MONTH_ONLY.search(prev.text)
                and _RELATIVE_YEAR.search(mention.text)
                and _OF_GAP.fullmatch(sentence, prev.end, mention.start)):
            year, month = mention.date.date[:4], prev.date.date[5:7]
            historical = prev.date.historical or mention.date.historical
            out[-1] = replace(prev, end=mention.end, text=sentence[prev.start:mention.end],
                              date=replace(prev.date, date=f"{year}-{month}",
                                           historical=historical))
            continue
        out.append(mention)
    return out


_SINCE = re.compile(r"\b[Ss]ince\b")


@lru_cache(maxsize=4096)
def _date_matches(sentence: str) -> tuple[re.Match, ...]:
    # The scan depends on the sentence alone; the resolution above also on the anchor
    # and the carried date, so recurring sentences of other reports reuse only this.
    return tuple(iter_dates(sentence))


def _to_event(resolved: Resolved, anchor: Anchor) -> EventDate:
    precision, confidence = resolved.precision, resolved.confidence
    if resolved.from_anchor:
        if anchor.doubtful:
            precision, confidence = coarsest(precision, "month"), min(confidence, 0.5)
        if RANK.get(anchor.precision, 0) > RANK[precision]:
            precision, confidence = anchor.precision, confidence * 0.7
    historical = False
    if anchor.date is not None and (not anchor.doubtful or precision == "year"):
        end = period_end(resolved.day, precision)
        historical = (anchor.date - end).days > HISTORY_DAYS
    return EventDate(date=format_day(resolved.day, precision), precision=precision,
                     confidence=round(confidence, 3), historical=historical, explicit=True)


