"""Popup data: who holds a place, since when, and every claim behind it.

Report text (place names, outlets, documents, evidence sentences) is untrusted. Every
string this module puts into the page goes through :func:`html.escape` first, so the
browser can only ever show it as text; ``assets/geo.js`` (``popupHtml``) only joins
these escaped strings with fixed markup. Numbers and dates are formatted here too, so
the browser never formats data into markup itself.

To keep the file small, each claim is shipped once (an interval lists claim numbers)
and each outlet and document name once (claims refer to them by number).
"""

from __future__ import annotations

import datetime as dt
from html import escape

from geo.model import Claim, Interval
from geo.render.markers import HOLDERS, STATUS_LABELS

MAX_CLAIMS = 50  # a popup lists the newest ones and says how many older ones there are


def esc(value: object) -> str:
    """``html.escape`` with quotes: safe in text and in attribute values."""
    return escape(str(value), quote=True)


def actor_key(actor: str) -> str:
    """The actor if it is one we draw, else ``unknown`` (keys index fixed tables)."""
    return actor if actor in HOLDERS else "unknown"


def _share(fraction: float | None) -> str | None:
    return None if fraction is None else esc(f"{fraction:.0%}")


class ClaimTable:
    """Claims, outlets and documents, each stored once, all strings escaped."""

    def __init__(self) -> None:
        self._claims: dict[Claim, int] = {}
        self._rows: list[list] = []
        self._strings: dict[str, int] = {}
        self._string_rows: list[str] = []

    def _intern(self, text: str) -> int:
        if text not in self._strings:
            self._strings[text] = len(self._string_rows)
            self._string_rows.append(esc(text))
        return self._strings[text]

    def add(self, claim: Claim) -> int:
        """Return the claim's number, storing it on first sight."""
        if claim not in self._claims:
            self._claims[claim] = len(self._rows)
            # [date, outlet, document, actor key, status, fraction, evidence]
            self._rows.append([
                esc(claim.date),
                self._intern(claim.source or "unknown outlet"),
                self._intern(claim.doc),
                actor_key(claim.actor),
                esc(claim.status),
                _share(claim.fraction),
                esc(claim.evidence),
            ])
        return self._claims[claim]

    def payload(self) -> dict:
        """``claims`` rows and the ``strings`` they refer to."""
        return {"claims": self._rows, "strings": self._string_rows}


def interval_popup(interval: Interval, table: ClaimTable) -> dict:
    """Return the popup fields of one interval (escaped strings, claim numbers).

    Keys: ``st`` since, ``en`` until (None while open), ``fr`` share held (None for
    full control), ``cf`` confidence, ``c`` claim numbers (newest first, at most
    :data:`MAX_CLAIMS`), ``nc`` number of claims.
    """
    claims = sorted(interval.claims, key=lambda c: (c.date, c.doc), reverse=True)
    return {
        "st": esc(interval.start.isoformat()),
        "en": None if interval.end is None else esc(interval.end.isoformat()),
        "fr": _share(interval.fraction),
        "cf": esc(f"{interval.confidence:.2f}"),
        "c": [table.add(c) for c in claims[:MAX_CLAIMS]],
        "nc": len(claims),
    }


def labels(until: dt.date | None) -> dict:
    """Fixed texts the popups use: holder labels and colours, status labels, and the
    end shown for open intervals."""
    return {
        "holders": {k: [esc(text), esc(fill)] for k, (text, fill) in HOLDERS.items()},
        "statuses": {k: esc(text) for k, text in STATUS_LABELS.items()},
        "until": None if until is None else esc(until.isoformat()),
    }
