"""One decoded page (or collection record) to reports, for :mod:`geo.ingest`: HTML
or Markdown to text, furniture, multi-article split, anchor, source and address."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from geo._datepatterns import (
    date_line,
    month_number,
    parse_date_string,
    safe_date,
    strip_ordinal,
)
from geo._html import parse_html
from geo._text import markdown_to_text, normalize, pop_source, split_articles, strip_furniture
from geo.dates import find_anchor
from geo.errors import InputError
from geo.model import Anchor, Report


def page_reports(
    path: Path, doc: str, text: str, kind: str, digest: str,
    entries: list, *, warnings: tuple[str, ...] = (),
    field_anchor: Anchor | None = None, field_source: str | None = None,
    field_url: str | None = None,
) -> list[Report]:
    """Turn one decoded page (or collection record) into one or more reports.

    ``entries`` are the manifest rows that apply, most specific first (None for
    absent ones); ``field_*`` come from a collection record and rank after them.
    """
    hints: list[str] = []
    source = url = None
    articles: list[tuple[str, list[str]]] = []
    if kind == "html":
        page = parse_html(text)
        text, source, url, articles = page.text, page.site_name, page.url, page.articles
        hints = page.published if articles else page.published + page.times
    elif kind == "markdown":
        text, meta = markdown_to_text(text)
        hints = [meta[k] for k in ("published", "date", "pubdate") if k in meta]
        source = meta.get("source") or meta.get("publisher")
        url = meta.get("url") or meta.get("canonical")
    clean, found = strip_furniture(normalize(text))
    source, url = source or found.source, url or found.url
    if not clean.strip():
        raise InputError("no text left after removing page furniture", str(path))

    given = [_entry_anchor(e) for e in entries] + [field_anchor]
    given_anchor = next((a for a in given if a is not None), None)
    page_anchor = given_anchor or find_anchor(clean, hints)
    given_source = next((e.source for e in entries if e and e.source), None) or field_source
    url = field_url or url

    if articles:
        pieces = [(strip_furniture(normalize(t))[0], dates) for t, dates in articles]
        pieces = [(t, dates) for t, dates in pieces if t.strip()]
    else:
        pieces = [(t, []) for t in split_articles(clean)]
    if len(pieces) < 2:
        body, own_source = pop_source(clean)
        return [Report(doc=doc, path=str(path), text=body, anchor=page_anchor,
                       source=given_source or source or own_source, url=url, sha256=digest,
                       warnings=warnings)]
    reports = []
    for number, (piece, dates) in enumerate(pieces, start=1):
        body, own_source = pop_source(piece)
        anchor = _article_anchor(body, dates, page_anchor)
        reports.append(Report(
            doc=f"{doc}#{number}", path=str(path), text=body, anchor=anchor,
            source=own_source or given_source or source, url=url,
            sha256=f"{digest}#{number}", warnings=warnings,
        ))
    return reports


def _entry_anchor(entry) -> Anchor | None:
    if entry is None or entry.published is None:
        return None
    return Anchor(entry.published, "day", "manifest")


def _article_anchor(text: str, dates: list[str], page: Anchor) -> Anchor:
    """An article's own date line when it has a clear one, else the page's anchor."""
    own = find_anchor(text, dates)
    if own.date is None and page.date is not None:
        own = _yearless_date_line(text, page) or own
    if own.date is None or own.doubtful or own.origin not in ("header", "dateline"):
        return page
    if page.origin in ("manifest", "field") and own.date > page.date + dt.timedelta(1):
        return page  # an item cannot postdate the page that carries it
    return own


def _yearless_date_line(text: str, page: Anchor) -> Anchor | None:
    """A liveblog entry's "Thursday 22 March" line, in the page's year (or the year
    before, when that would put it after the page)."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    match = date_line(first)
    if match is None or match.lastgroup not in ("md", "dm"):
        return None
    kind = match.lastgroup
    month, day = month_number(match[f"{kind}_m"]), strip_ordinal(match[f"{kind}_d"])
    found = safe_date(page.date.year, month, day)
    if found is not None and found > page.date + dt.timedelta(1):
        found = safe_date(page.date.year - 1, month, day)
    return Anchor(found, "day", "header") if found else None


def parse_field_date(value: object) -> Anchor | None:
    """Anchor from a record's ``published`` field (ISO or a common written form)."""
    if value is None or str(value).strip() == "":
        return None
    found = parse_date_string(str(value))
    return Anchor(found[0], found[1], "field") if found else None

