"""Plain dataclasses shared by every stage.

These are the shapes the stages pass to each other; they carry no behaviour beyond
conversion to plain dicts for the store and the exports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, fields

ACTORS = ("government", "opposition", "sdf", "isis", "hts", "turkey", "unknown")
STATUSES = ("captured", "controls", "partial", "contested", "besieged", "withdrew")
LEVELS = ("settlement", "neighbourhood", "crossing", "facility", "admin1", "region")
PRECISIONS = ("day", "month", "year")

# Claim fields in the order of the JSONL, GeoJSON and CSV records.
CLAIM_FIELDS = (
    "doc", "place", "place_id", "lat", "lon", "admin1", "level", "actor", "actor_raw",
    "status", "fraction", "date", "date_precision", "source", "evidence", "confidence",
)


@dataclass(frozen=True)
class Anchor:
    """The date a report's relative expressions ("on Saturday") are counted from.

    Attributes
    ----------
    date : datetime.date or None
        The publication date, or None when it is unknown.
    precision : str
        ``day``, ``month`` or ``year``: how much of ``date`` is known.
    origin : str
        Where it came from: ``manifest``, ``field`` (collection record), ``header``,
        ``dateline``, ``content`` (inferred from dates in the text) or ``none``.
    doubtful : bool
        True when the date may not be the publication date (a page-save stamp, a
        sidebar date years after the events); claims then get a coarser precision and
        a lower confidence.
    """

    date: dt.date | None = None
    precision: str = "day"
    origin: str = "none"
    doubtful: bool = False


@dataclass(frozen=True)
class Report:
    """One article ready for extraction (a file, a collection record, or one article
    of a multi-article page).

    Attributes
    ----------
    doc : str
        The file's base name, plus ``#n`` for the n-th record of a collection or the
        n-th article of a page.
    path : str
        The file it came from.
    text : str
        Clean text: page furniture stripped, HTML turned into paragraphs separated by
        blank lines.
    anchor : Anchor
        The publication date used for relative dates.
    source : str or None
        The outlet (from the manifest, the record, or the page).
    url : str or None
        The article's address when known.
    sha256 : str
        Hash of the raw bytes the report came from (plus ``#n``), the store's key.
    warnings : tuple of str
        Problems met while reading it that did not stop it (encoding guessed, ...).
    """

    doc: str
    path: str
    text: str
    anchor: Anchor = field(default_factory=Anchor)
    source: str | None = None
    url: str | None = None
    sha256: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventDate:
    """The date a sentence's events happened, as far as the text supports it.

    Attributes
    ----------
    date : str
        ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (matching ``precision``).
    precision : str
        ``day``, ``month`` or ``year``.
    confidence : float
        0..1; lower when counted from a doubtful or missing anchor.
    historical : bool
        True for background history (a date well before the report's own news).
    explicit : bool
        True when the sentence itself states the date; False when it was carried over
        from an earlier sentence or defaulted to the anchor.
    """

    date: str
    precision: str
    confidence: float = 1.0
    historical: bool = False
    explicit: bool = False


@dataclass(frozen=True)
class Claim:
    """One dated, sourced claim that an actor took, holds or lost a place."""

    doc: str
    place: str
    place_id: str
    lat: float
    lon: float
    admin1: str | None
    level: str
    actor: str
    actor_raw: str
    status: str
    fraction: float | None
    date: str
    date_precision: str
    source: str | None
    evidence: str
    confidence: float

    def to_dict(self) -> dict:
        """Return the claim as a plain dict in :data:`CLAIM_FIELDS` order."""
        return {name: getattr(self, name) for name in CLAIM_FIELDS}

    @classmethod
    def from_dict(cls, record: dict) -> Claim:
        """Build a claim from a dict, ignoring keys that are not claim fields."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in record.items() if k in names})


@dataclass(frozen=True)
class UnresolvedMention:
    """A name the extractor saw next to a control verb but could not resolve."""

    doc: str
    name: str
    sentence: str
    reason: str = "not in gazetteer"


@dataclass(frozen=True)
class Extraction:
    """What the extractor found in one report."""

    doc: str
    claims: tuple[Claim, ...] = ()
    unresolved: tuple[UnresolvedMention, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Outcome:
    """How one input file or record fared: ``ok``, ``warning`` or ``failed``."""

    doc: str
    path: str
    status: str
    reason: str = ""


@dataclass(frozen=True)
class Interval:
    """A span of time during which one actor held (or fought for) one place.

    ``end`` is None while the interval is open (no later evidence closed it); exports
    replace it with the build's ``--to`` date and set ``open_end``. ``end`` is
    inclusive: the holder still held the place on that day.
    ``claims`` keeps every claim that supports the interval, so conflicts and sources
    stay visible.
    """

    place: str
    place_id: str
    lat: float
    lon: float
    admin1: str | None
    level: str
    actor: str
    status: str
    fraction: float | None
    start: dt.date
    end: dt.date | None
    confidence: float
    claims: tuple[Claim, ...] = ()
    precision: str = "day"

    @property
    def sources(self) -> tuple[str, ...]:
        """Distinct sources of the supporting claims, in first-seen order."""
        seen: dict[str, None] = {}
        for claim in self.claims:
            seen.setdefault(claim.source or claim.doc, None)
        return tuple(seen)

    @property
    def n_claims(self) -> int:
        """Number of supporting claims."""
        return len(self.claims)

    def to_dict(self) -> dict:
        """Return the interval as a plain dict (dates as ``datetime.date``)."""
        record = asdict(self)
        record.pop("claims")
        record["sources"] = list(self.sources)
        record["n_claims"] = self.n_claims
        return record
