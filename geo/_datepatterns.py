"""Regular expressions and tables behind :mod:`geo.dates`.

Everything here is compiled once at import (no I/O). The patterns are case-sensitive
on purpose: month and weekday names count only when capitalised ("May 2015", not
"forces may"), which removes most false hits in English prose.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

_MONTH_NAMES = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}
# Title case and upper case ("BEIRUT, MARCH 3"), longest first so "Sept" beats "Sep".
MONTHS = {**_MONTH_NAMES, **{k.upper(): v for k, v in _MONTH_NAMES.items()}}
_MON = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_FULL_NAMES = list(_MONTH_NAMES)[:12]
_MON_FULL = "(?:" + "|".join(_FULL_NAMES + [n.upper() for n in _FULL_NAMES]) + r")\b"

_WEEKDAY_NAMES = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6,
}
WEEKDAYS = {**_WEEKDAY_NAMES, **{k.upper(): v for k, v in _WEEKDAY_NAMES.items()}}
_WD_FULL = "(?:" + "|".join(WEEKDAYS) + ")"
# Abbreviations only as the prefix of a full date ("Sun Oct 15, 2017").
_WD_ANY = r"(?:" + _WD_FULL + r"|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b\.?"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "a few": 3, "few": 3, "several": 3, "some": 3,
}
_NUM = r"(?:\d{1,3}|a couple of|a few|several|few|an?|one|two|three|four|five|six|seven|eight" \
       r"|nine|ten|eleven|twelve)"

_YEAR = r"(?:19[5-9]\d|20\d\d)"
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_QUAL = r"(?:early|mid|late|the end of|the beginning of|the start of|the middle of|end of" \
        r"|beginning of|start of|middle of)"
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_PREP = r"(?:[Ii]n|[Ss]ince|[Bb]y|[Uu]ntil|[Tt]ill|[Tt]hrough|[Tt]hroughout|[Dd]uring|[Ff]rom" \
        r"|[Oo]f|[Bb]efore|[Aa]fter|[Tt]o|[Aa]s of|[Ss]tarting|[Ee]arlier in|[Ll]ater in)"

# One alternation; at a given position the first alternative that matches wins, so the
# longer forms come first ("June 6, 2017" before "June 6").
DATE_RE = re.compile(
    r"(?P<iso>(?<![\d-])(?P<iy>" + _YEAR + r")-(?P<im>1[0-2]|0[1-9])-(?P<id>3[01]|[12]\d|0[1-9])"
    r"(?![\d]))"
    r"|(?P<num>(?<![\d/.])(?P<n1>\d{1,2})(?P<sep>[/.])(?P<n2>\d{1,2})(?P=sep)(?P<ny>" + _YEAR
    + r")(?![\d/]))"
    r"|(?P<mdy>(?:(?P<mdy_wd>" + _WD_ANY + r"),?\s+)?(?P<mdy_m>" + _MON + r")\s?(?P<mdy_d>"
    + _DAY + r")(?:,\s*|\s+)(?P<mdy_y>" + _YEAR + r")\b)"
    r"|(?P<dmy>(?:(?P<dmy_wd>" + _WD_ANY + r"),?\s+)?(?:the\s+)?(?P<dmy_d>" + _DAY
    + r")\s+(?:of\s+)?(?P<dmy_m>" + _MON + r"),?\s+(?P<dmy_y>" + _YEAR + r")\b)"
    r"|(?P<my>(?:(?P<my_q>" + _QUAL + r")[\s-]+)?(?P<my_m>" + _MON + r"),?\s+(?P<my_y>"
    + _YEAR + r")\b)"
    r"|(?P<md>(?:(?P<md_wd>" + _WD_FULL + r"),?\s+)?(?P<md_m>" + _MON + r")\s?(?P<md_d>"
    + _DAY + r")(?![\d:]))"
    r"|(?P<dm>(?:(?P<dm_wd>" + _WD_FULL + r"),?\s+)?(?<![\d.,])(?P<dm_d>" + _DAY
    + r")\s+(?:of\s+)?(?P<dm_m>" + _MON + r")(?!\w))"
    r"|(?P<mq>(?P<mq_p>" + _PREP + r"|" + _QUAL + r"|[Ll]ast|[Tt]his|[Nn]ext)[\s-]+(?P<mq_m>"
    + _MON_FULL + r")(?!\w)(?!\.?,?\s*\d))"
    r"|(?P<yr>(?:(?P<yr_p>" + _PREP + r")\s+)?(?:(?P<yr_the>the)\s+)?(?:(?P<yr_q>" + _QUAL
    + r"|" + _SEASON + r"(?:\s+of)?)[\s-]+)?(?<![\d,.$])(?P<yr_y>" + _YEAR + r")(?!\d|,\d|s\b))"
    r"|(?P<wd>(?:(?P<wd_p>[Ll]ast|[Tt]his|[Nn]ext|[Pp]ast)\s+)?(?P<wd_d>" + _WD_FULL
    + r")(?!s\b)(?:'s)?(?:\s+(?P<wd_t>morning|afternoon|evening|night))?"
    r"(?P<wd_s>\s+(?:of\s+)?last\s+week)?\b)"
    r"|(?P<rel>\b(?i:the day before yesterday|yesterday|today|tonight|tomorrow|overnight"
    r"|(?:earlier|later) today|last night|this (?:morning|afternoon|evening)"
    r"|(?:earlier |later )?this (?:week|month|year)|(?:last|next|past) (?:week|month|year)"
    r"|(?:in )?(?:recent|the past few|the past|the last few|the last|the previous few"
    r"|the previous|the preceding) (?:days|weeks)"
    r"|the (?:next|following|previous) (?:day|morning|week|month)"
    r"|the day (?:before|after)|a day (?:earlier|later)|(?:the|this|last|past) weekend)\b)"
    r"|(?P<ago>\b(?i:(?:(?P<ago_q>more than|over|nearly|almost|about|around|roughly|some"
    r"|less than|just over|just under|barely)\s+)?(?P<ago_n>" + _NUM + r")[\s-]+(?P<ago_u>"
    r"hours?|days?|weeks?|months?|years?)\s+(?P<ago_w>ago|earlier|before|later|after))\b)"
    r"|(?P<vague>\b(?i:(?P<vague_u>hours|days|weeks|months|years) (?P<vague_w>later|earlier))\b)",
)

# Cheap test before the big pattern: most sentences of a report hold no date at all.
PREFILTER = re.compile(
    r"\d|[Dd]ay|DAY|[Nn]ight|[Ww]eek|[Mm]onth|[Yy]ear|ago|[Ll]ater|[Ee]arlier|Jan|Feb|Mar|Apr"
    r"|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC",
)

# Lines whose date is not the publication date: when the page was saved, printed,
# updated, or a sidebar's date.
STAMP_RE = re.compile(
    r"\b(?:saved|archived|retrieved|accessed|printed|downloaded|captured on|crawled|scraped"
    r"|last (?:updated|modified|edited|reviewed)|updated|modified|edited|most read"
    r"|most popular|trending|popular|copyright|all rights reserved)\b|©|\(c\)",
    re.IGNORECASE,
)
# Lines that announce the publication date.
PUBLISHED_RE = re.compile(
    r"^\s*(?:published|posted|first published|date|dated|written|released|issued)"
    r"(?:\s+(?:on|at))?\s*[:\-]?\s*",
    re.IGNORECASE,
)

_RFC2822 = re.compile(
    r"^(?:[A-Z][a-z]{2},\s*)?(\d{1,2})\s+([A-Z][a-z]{2})\s+(\d{4})\s+\d\d:\d\d", re.ASCII,
)


def month_number(name: str) -> int:
    """Month number of a (possibly abbreviated, dotted or upper-case) month name."""
    return MONTHS[name.rstrip(".")]


def number(word: str) -> int:
    """Value of a count written in digits or words ("three", "a few")."""
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """``datetime.date`` or None for an impossible day (30 February)."""
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def strip_ordinal(day: str) -> int:
    """Day number from "6", "06" or "6th"."""
    return int(re.match(r"\d+", day)[0])


def full_date(match: re.Match) -> tuple[dt.date, str] | None:
    """The (date, precision) of a DATE_RE match that carries its own year, else None.

    Ambiguous numeric dates (06/12/2017) are read day-first unless the first number is
    over 12; :func:`numeric_options` gives both readings when the caller can choose.
    """
    kind = match.lastgroup
    if kind == "iso":
        return _day(safe_date(int(match["iy"]), int(match["im"]), int(match["id"])))
    if kind == "num":
        options = numeric_options(match)
        return (options[0], "day") if options else None
    if kind in ("mdy", "dmy"):
        day = safe_date(int(match[f"{kind}_y"]), month_number(match[f"{kind}_m"]),
                        strip_ordinal(match[f"{kind}_d"]))
        return _day(day)
    if kind == "my":
        return dt.date(int(match["my_y"]), month_number(match["my_m"]), 1), "month"
    return None


def numeric_options(match: re.Match) -> list[dt.date]:
    """Readings of a numeric date: day-first, then month-first when that differs."""
    a, b, year = int(match["n1"]), int(match["n2"]), int(match["ny"])
    options = [safe_date(year, b, a), safe_date(year, a, b)]
    seen: list[dt.date] = []
    for option in options:
        if option is not None and option not in seen:
            seen.append(option)
    return seen


def _day(day: dt.date | None) -> tuple[dt.date, str] | None:
    return (day, "day") if day else None


@lru_cache(maxsize=2048)
def parse_date_string(text: str) -> tuple[dt.date, str] | None:
    """Parse a stand-alone date string (a meta tag, a header line, a record field).

    Handles ISO dates and datetimes ("2017-10-15T11:03:00+03:00", "2017-10"), the
    month-name forms, RFC 2822 ("Sun, 15 Oct 2017 11:03:00 GMT") and numeric dates; as
    a last resort asks dateparser (slow, so only here, on short strings, cached).

    Returns
    -------
    tuple of (datetime.date, str) or None
        The date and its precision (``day``, ``month`` or ``year``).
    """
    text = text.strip()
    if not text or len(text) > 200:
        return None
    iso = re.match(r"^(\d{4})-(\d\d)(?:-(\d\d))?(?:[T ]|$)", text)
    if iso:
        year, month = int(iso[1]), int(iso[2])
        if iso[3]:
            return _day(safe_date(year, month, int(iso[3])))
        return (dt.date(year, month, 1), "month") if 1 <= month <= 12 else None
    if re.fullmatch(r"\d{4}", text):
        return dt.date(int(text), 1, 1), "year"
    rfc = _RFC2822.match(text)
    if rfc and rfc[2] in MONTHS:
        return _day(safe_date(int(rfc[3]), MONTHS[rfc[2]], int(rfc[1])))
    for match in DATE_RE.finditer(text):
        found = full_date(match)
        if found:
            return found
    return _dateparser_fallback(text)


def _dateparser_fallback(text: str) -> tuple[dt.date, str] | None:
    if not re.search(r"\d{4}", text):
        return None  # without a year dateparser would invent one
    import dateparser  # slow import and slow calls: only for odd header strings

    parsed = dateparser.parse(
        text, languages=["en"],
        settings={"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["month", "year"],
                  "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return (parsed.date(), "day") if parsed else None


_DATE_LINE_RESIDUE = re.compile(
    r"\d{1,2}[:.]\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?|\b(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST"
    r"|PDT|AST|EET|EEST|IRST|local time|at|on|am|pm|AM|PM)\b|[+-]\d\d:?\d\d|[\W_]+",
)
_LINE_DATE_KINDS = ("iso", "num", "mdy", "dmy", "my", "md", "dm")


def date_line(line: str) -> re.Match | None:
    """The date match of a line that holds nothing but a date (and maybe a weekday, a
    time, a "Published:" label), e.g. "12 June, 2017" or "Sun Oct 15, 2017 11:03AM"."""
    line = line.strip()
    if not line or len(line) > 90 or not PREFILTER.search(line):
        return None
    for match in iter_dates(line):
        if match.lastgroup not in _LINE_DATE_KINDS:
            continue
        rest = PUBLISHED_RE.sub("", (line[: match.start()] + " " + line[match.end():]).strip())
        if len(_DATE_LINE_RESIDUE.sub("", rest)) <= 3:
            return match
        return None
    return None


# -- fast scanning ----------------------------------------------------------------------
# Python's re tries DATE_RE's many alternatives at every position (~0.3 MB/s). Instead,
# find the words every date expression contains (a number, a month or weekday name,
# day/week/month/year/...) with one Aho-Corasick pass, then try DATE_RE only at the
# few word starts just before each of them. Same matches, ~10x faster.
_KEYWORDS = (
    [n.lower() for n in _MONTH_NAMES] + [n.lower() for n in _WEEKDAY_NAMES]
    + "yesterday today tonight tomorrow overnight night week weeks month months year years day"
      " days hour hours morning afternoon evening weekend".split()
)
# Words a date expression may start with (lower case), before its key word.
_FIRST_WORDS = frozenset(
    "in since by until till through throughout during from of before after to as starting"
    " earlier later early mid late the end beginning start middle last this next past spring"
    " summer autumn fall winter recent more over nearly almost about around roughly some less"
    " just barely a an one two three four five six seven eight nine ten eleven twelve couple"
    " few several mon tue tues wed thu thur thurs fri sat sun".split()
) | frozenset(_KEYWORDS)
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_LOOKBACK = 45  # characters before a key word where its expression may start


@lru_cache(maxsize=1)
def _automaton():
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for word in _KEYWORDS:
        automaton.add_word(word, len(word))
    automaton.make_automaton()
    return automaton


def _key_positions(text: str, low: str) -> list[int]:
    positions = [m.start() for m in _DIGITS.finditer(text)]
    size = len(low)
    for end, length in _automaton().iter_long(low):
        start = end - length + 1
        if (start == 0 or not low[start - 1].isalnum()) and (
            end + 1 >= size or not low[end + 1].isalnum()
        ):
            positions.append(start)
    positions.sort()
    return positions


def iter_dates(text: str):
    """Yield the DATE_RE matches of ``text`` (as ``DATE_RE.finditer`` would), fast."""
    low = text.lower()
    if len(low) != len(text):  # a few characters grow when lower-cased ("İ")
        low = text.translate(_LOWER)
    last = 0
    for position in _key_positions(text, low):
        if position < last:
            continue
        starts = [m.start() for m in _WORD.finditer(low, max(last, position - _LOOKBACK),
                                                      position)
                  if m.group() in _FIRST_WORDS or m.group()[0].isdigit()][-5:]
        for start in [*starts, position]:
            match = DATE_RE.match(text, start)
            if match and match.end() > position:
                yield match
                last = match.end()
                break
