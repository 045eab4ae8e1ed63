"""How :func:`geo.dates.find_anchor` finds a report's publication date.

Order: metadata hints; a date line in the page header; a "Published:/Posted on" line
anywhere; a dateline at the start of a body paragraph; an "updated" stamp (doubtful);
the latest full date in the text (doubtful, origin ``content``); a save/print/archive
stamp (doubtful, year precision). Copyright years and "Most read"/"Trending" dates are
never used.
"""

from __future__ import annotations

import datetime as dt
import re

from geo._datepatterns import (
    DATE_RE,
    PREFILTER,
    PUBLISHED_RE,
    STAMP_RE,
    full_date,
    iter_dates,
    month_number,
    numeric_options,
    parse_date_string,
    safe_date,
    strip_ordinal,
)
from geo.model import Anchor

HEADER_LINES = 12  # non-empty lines at the top that may hold the page's date
DOUBT_DAYS = 400  # a header this long after every date in the text is suspicious
_YEAR_DIGITS = re.compile(r"\d{4}")
_DATE_KINDS = ("iso", "num", "mdy", "dmy", "my", "md", "dm")
_IGNORED_STAMP = re.compile(
    r"©|\(c\)|copyright|all rights reserved|most read|most popular|trending|popular",
    re.IGNORECASE,
)
_UPDATE_STAMP = re.compile(r"\b(?:updated|modified|edited|reviewed)\b", re.IGNORECASE)
_RESIDUE = re.compile(
    r"\d{1,2}:\d\d(?::\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?|\b(?:GMT|UTC|BST|CET|CEST|EST|EDT|PST|PDT"
    r"|AST|EET|EEST|IRST|local time|at|on|am|pm)\b|[+-]\d\d:?\d\d|[\W_]+",
)
_DATELINE_PREFIX = re.compile(r"(?:[A-Z][\w'’.\-]*(?:[ \-][A-Za-z][\w'’.\-]*){0,3},\s*){0,3}")
_DATELINE_SUFFIX = re.compile(r"\s*(?:\([^()]{1,40}\)\s*)?[-—–:|]|\s*\([^()]{1,40}\)")


def find_anchor(text: str, hints: tuple[str, ...]) -> Anchor:
    """See :func:`geo.dates.find_anchor`."""
    lines = text.split("\n")
    content = _content_dates(text)
    for hint in hints:
        found = parse_date_string(hint)
        if found:
            return _checked(Anchor(found[0], found[1], "header"), content, None)
    latest = max((d for d, _ in content), default=None)
    year_hint = latest.year if latest else None

    stamps: list[tuple[str, Anchor]] = []
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > HEADER_LINES:
            break
        if len(line) > 160:
            continue
        anchor = _line_anchor(line, year_hint, content, title_ok=seen <= 5)
        if anchor is None:
            continue
        stamp = _stamp_kind(line)
        if stamp is None:
            return _checked(anchor, content, index)
        stamps.append((stamp, anchor))

    for index, raw in enumerate(lines):  # "Published: 15 October 2017" anywhere
        line = raw.strip()
        if PUBLISHED_RE.match(line) and len(line) <= 160 and _stamp_kind(line) is None:
            anchor = _line_anchor(line, year_hint, content, title_ok=True)
            if anchor is not None:
                return _checked(anchor, content, index)

    dateline = _dateline(lines, content, text)
    if dateline is not None:
        return dateline

    stamps += _stamps_anywhere(text, year_hint, content)
    for kind, anchor in stamps:
        if kind == "update":
            return Anchor(anchor.date, anchor.precision, anchor.origin, doubtful=True)
    if latest is not None:
        return Anchor(latest, "day", "content", doubtful=True)
    for kind, anchor in stamps:
        if kind == "save":
            return Anchor(anchor.date, "year", anchor.origin, doubtful=True)
    return Anchor()


def _line_anchor(
    line: str, year_hint: int | None, content: list[tuple[dt.date, int]], title_ok: bool
) -> Anchor | None:
    """The date of a header line that is (nearly) only a date, or a short title line
    ending in one ("News from Syria - 12/06/2017")."""
    if not PREFILTER.search(line):
        return None
    for match in DATE_RE.finditer(line):
        if match.lastgroup not in _DATE_KINDS:
            continue
        rest = line[: match.start()] + " " + line[match.end():]
        rest = PUBLISHED_RE.sub("", rest.strip())
        standalone = len(_RESIDUE.sub("", rest)) <= 12 or PUBLISHED_RE.match(line)
        titled = (  # "News from Syria - 06/12/2017", not a sentence ending in a date
            title_ok and len(line) <= 100 and line[-1] not in ".!?"
            and match.end() >= len(line) - 12 and line[: match.start()].rstrip()[-1:] in "-–—|:,("
        )
        if standalone or titled:
            return _match_anchor(match, year_hint, content, "header")
    return None


def _match_anchor(
    match: re.Match, year_hint: int | None, content: list[tuple[dt.date, int]], origin: str
) -> Anchor | None:
    kind = match.lastgroup
    if kind == "num":
        options = numeric_options(match)
        if not options:
            return None
        if len(options) == 1:
            return Anchor(options[0], "day", origin)
        if not content:
            return Anchor(options[0], "day", origin, doubtful=True)
        latest = max(d for d, _ in content)
        options.sort(key=lambda d: abs((d - latest).days))
        return Anchor(options[0], "day", origin)
    found = full_date(match)
    if found:
        return Anchor(found[0], found[1], origin)
    if kind in ("md", "dm") and year_hint is not None:
        day = safe_date(year_hint, month_number(match[f"{kind}_m"]),
                        strip_ordinal(match[f"{kind}_d"]))
        return Anchor(day, "day", origin) if day else None
    return None


def _stamp_kind(line: str) -> str | None:
    """``ignore`` (copyright, sidebars), ``update``, ``save`` or None (not a stamp)."""
    if not STAMP_RE.search(line):
        return None
    if _IGNORED_STAMP.search(line):
        return "ignore"
    return "update" if _UPDATE_STAMP.search(line) else "save"


def _stamps_anywhere(
    text: str, year_hint: int | None, content: list[tuple[dt.date, int]]
) -> list[tuple[str, Anchor]]:
    found = []
    for line in _stamp_lines(text):
        kind = _stamp_kind(line)
        if kind == "ignore":
            continue
        for match in DATE_RE.finditer(line):
            if match.lastgroup in _DATE_KINDS:
                anchor = _match_anchor(match, year_hint, content, "header")
                if anchor is not None:
                    found.append((kind, anchor))
                    break
    return found


_STAMP_KEYS = ("saved", "archived", "retrieved", "accessed", "printed", "downloaded",
               "crawled", "scraped", "captured on", "updated", "modified", "edited")


def _stamp_lines(text: str) -> list[str]:
    """Short lines holding a stamp word, in text order (str.find is far faster than a
    case-insensitive regex over a long page)."""
    low = text.lower()
    if len(low) != len(text):
        return [line for _, line in _lines_with(STAMP_RE, text) if len(line) <= 200]
    begins = set()
    for key in _STAMP_KEYS:
        at = low.find(key)
        while at >= 0:
            begins.add(text.rfind("\n", 0, at) + 1)
            at = low.find(key, at + len(key))
    lines = []
    for begin in sorted(begins):
        end = text.find("\n", begin)
        line = text[begin: len(text) if end < 0 else end].strip()
        if len(line) <= 200 and STAMP_RE.search(line):
            lines.append(line)
    return lines


def _lines_with(pattern: re.Pattern, text: str):
    """Yield (line number, line) for each line of ``text`` where ``pattern`` occurs,
    searching the whole text at once (much faster than line by line)."""
    number, counted_to, done_to = 0, 0, -1
    for match in pattern.finditer(text):
        if match.start() < done_to:
            continue
        number += text.count("\n", counted_to, match.start())
        counted_to = match.start()
        begin = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.start())
        end = len(text) if end < 0 else end
        done_to = end
        yield number, text[begin:end].strip()


def _dateline(
    lines: list[str], content: list[tuple[dt.date, int]], text: str
) -> Anchor | None:
    """A date at the start of one of the first body paragraphs: "BEIRUT, March 3
    (Reuters) -", "Monday 12 June 2017 -"."""
    seen = 0
    for index, raw in enumerate(lines):
        line = raw.strip()
        if len(line) < 40:
            continue
        seen += 1
        if seen > 8:
            break
        match = next((m for m in DATE_RE.finditer(line[:120]) if m.lastgroup in _DATE_KINDS),
                     None)
        if match is None or match.start() > 45:
            continue
        if not (_DATELINE_PREFIX.fullmatch(line[: match.start()])
                and _DATELINE_SUFFIX.match(line[match.end():])):
            continue
        latest = max((d for d, _ in content), default=None)
        anchor = _match_anchor(match, latest.year if latest else None, content, "dateline")
        if anchor is None and match.lastgroup in ("md", "dm"):
            year = _latest_year(text)  # weak evidence: any year the text names
            if year is not None:
                anchor = _match_anchor(match, year, content, "dateline")
                latest_month = _latest_month(text)
                if anchor is not None and latest_month is not None and anchor.date < latest_month:
                    # "BEIRUT, March 3 - ... had fallen in December 2016": a report tells
                    # of what came before it, so it is the March after.
                    anchor = _match_anchor(match, year + 1, content, "dateline")
                anchor = anchor and Anchor(anchor.date, anchor.precision, "dateline", True)
        if anchor is not None:
            return _checked(anchor, content, index)
    return None


_MONTH_YEAR = re.compile(r"\b(January|February|March|April|May|June|July|August|September|"
                         r"October|November|December)(?:\s+\d{1,2},?)?\s+((?:19[5-9]|20\d)\d)\b")


def _latest_month(text: str) -> dt.date | None:
    """The first day of the latest month the text names with its year ("December 2016")."""
    months = [dt.date(int(m.group(2)), month_number(m.group(1)), 1)
              for m in _MONTH_YEAR.finditer(text)]
    return max(months, default=None)


def _latest_year(text: str) -> int | None:
    years = [int(y) for y in re.findall(r"(?<![\d,.])((?:19[5-9]|20\d)\d)(?!\d|,\d)", text)]
    return max(years, default=None)


def _content_dates(text: str) -> list[tuple[dt.date, int]]:
    """Full day dates in the text with their line numbers, leaving out stamp lines."""
    found = []
    for number, line in _lines_with(_YEAR_DIGITS, text):
        if len(line) <= 200 and STAMP_RE.search(line):
            continue
        for match in iter_dates(line):
            if match.lastgroup in ("iso", "num", "mdy", "dmy"):
                day = full_date(match)
                if day:
                    found.append((day[0], number))
    return found


def _checked(anchor: Anchor, content: list[tuple[dt.date, int]], index: int | None) -> Anchor:
    """Mark the anchor doubtful when it lies years after every date in the text."""
    others = [d for d, i in content if i != index]
    if anchor.date and others and (anchor.date - max(others)).days > DOUBT_DAYS:
        return Anchor(anchor.date, anchor.precision, anchor.origin, doubtful=True)
    return anchor
