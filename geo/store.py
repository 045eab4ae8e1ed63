"""SQLite store: documents keyed by content hash, their claims, unresolved mentions,
per-document outcomes and the online geocoder's cache.

Each document is written in one transaction together with its claims, so a crash or a
bad file in the middle of a batch never leaves half a document behind and never touches
what was stored before. Re-ingesting a document whose hash is already stored is a no-op.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.errors import StoreError
from geo.model import CLAIM_FIELDS, Claim, Extraction, Outcome, Report, UnresolvedMention

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    sha256 TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    path TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,
    published_precision TEXT,
    anchor_origin TEXT,
    anchor_doubtful INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    added_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS claims (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    doc TEXT NOT NULL, place TEXT NOT NULL, place_id TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, admin1 TEXT, level TEXT NOT NULL,
    actor TEXT NOT NULL, actor_raw TEXT NOT NULL, status TEXT NOT NULL, fraction REAL,
    date TEXT NOT NULL, date_precision TEXT NOT NULL, source TEXT,
    evidence TEXT NOT NULL, confidence REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS claims_date ON claims(date);
CREATE INDEX IF NOT EXISTS claims_place ON claims(place_id);
CREATE TABLE IF NOT EXISTS unresolved (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
    doc TEXT NOT NULL, name TEXT NOT NULL, sentence TEXT NOT NULL, reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS outcomes (
    path TEXT NOT NULL, doc TEXT NOT NULL, status TEXT NOT NULL, reason TEXT NOT NULL,
    at REAL NOT NULL, PRIMARY KEY (path, doc)
);
CREATE TABLE IF NOT EXISTS geocode_cache (
    key TEXT PRIMARY KEY, value TEXT NOT NULL, at REAL NOT NULL
);
"""


class Store:
    """The project's SQLite database.

    Parameters
    ----------
    path : str or Path
        Database file; created with its parent directory when missing. ``":memory:"``
        gives a throw-away store.

    Examples
    --------
    >>> with Store(":memory:") as store:
    ...     store.claims()
    []
    """

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._db.executescript(_SCHEMA)
            self._check_version()
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: cannot open the store ({error})") from error

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None:
            with self._db:
                self._db.execute(
                    "INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
        elif int(row["value"]) != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: schema version {row['value']}, this geo expects {SCHEMA_VERSION}"
            )

    # -- context management -------------------------------------------------------------
    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            with self._db:
                yield self._db
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: write failed ({error})") from error

    # -- documents and claims -----------------------------------------------------------
    def has_document(self, sha256: str) -> bool:
        """Return True when a document with this content hash is already stored."""
        row = self._db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
        return row is not None

    def add_extraction(self, report: Report, extraction: Extraction) -> bool:
        """Store a report with its claims and unresolved mentions in one transaction.

        Returns
        -------
        bool
            False when the report was already stored (nothing is changed), True otherwise.
        """
        if self.has_document(report.sha256):
            return False
        anchor = report.anchor
        with self._transaction() as db:
            db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    report.sha256, report.doc, report.path, report.source, report.url,
                    anchor.date.isoformat() if anchor.date else None, anchor.precision,
                    anchor.origin, int(anchor.doubtful), report.text, time.time(),
                ),
            )
            db.executemany(
                f"INSERT INTO claims (sha256, {', '.join(CLAIM_FIELDS)}) "
                f"VALUES (?, {', '.join('?' * len(CLAIM_FIELDS))})",
                [(report.sha256, *claim.to_dict().values()) for claim in extraction.claims],
            )
            db.executemany(
                "INSERT INTO unresolved (sha256, doc, name, sentence, reason) VALUES (?,?,?,?,?)",
                [
                    (report.sha256, m.doc, m.name, m.sentence, m.reason)
                    for m in extraction.unresolved
                ],
            )
        return True

    def record_outcome(self, outcome: Outcome) -> None:
        """Remember how a file or record fared in the latest run (replacing older news)."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO outcomes VALUES (?,?,?,?,?)",
                (outcome.path, outcome.doc, outcome.status, outcome.reason, time.time()),
            )

    def claims(
        self,
        date_from: str | None = None,
        date_to: str | None = None,
        place_id: str | None = None,
    ) -> list[Claim]:
        """Return stored claims, optionally within a date range and for one place.

        Dates are compared as ISO strings, so a claim dated ``2017-10`` or ``2017``
        counts as within a range that contains its first day.
        """
        query = f"SELECT {', '.join(CLAIM_FIELDS)} FROM claims WHERE 1 = 1"
        params: list[str] = []
        if date_from:
            # "2017" must pass date_from "2017-06-01": compare on the claim's own length.
            query += " AND date >= substr(?, 1, length(date))"
            params.append(date_from)
        if date_to:
            query += " AND date <= ?"
            params.append(date_to)
        if place_id:
            query += " AND place_id = ?"
            params.append(place_id)
        query += " ORDER BY date, doc, id"
        return [Claim(**dict(row)) for row in self._db.execute(query, params)]

    def unresolved(self) -> list[UnresolvedMention]:
        """Return every stored unresolved mention."""
        rows = self._db.execute("SELECT doc, name, sentence, reason FROM unresolved ORDER BY id")
        return [UnresolvedMention(**dict(row)) for row in rows]

    def outcomes(self) -> list[Outcome]:
        """Return the latest outcome of every file or record seen."""
        rows = self._db.execute("SELECT doc, path, status, reason FROM outcomes ORDER BY path, doc")
        return [Outcome(**dict(row)) for row in rows]

    def documents(self) -> list[dict]:
        """Return stored documents' metadata (no text)."""
        rows = self._db.execute(
            "SELECT sha256, doc, path, source, url, published, anchor_origin, anchor_doubtful "
            "FROM documents ORDER BY doc"
        )
        return [dict(row) for row in rows]

    # -- geocoder cache (duck-typed for gazetteer.online) ----------------------------
    def get(self, key: str) -> dict | None:
        """Return a cached geocoder answer, or None."""
        row = self._db.execute("SELECT value FROM geocode_cache WHERE key = ?", (key,)).fetchone()
        return json.loads(row["value"]) if row else None

    def set(self, key: str, value: dict) -> None:
        """Cache a geocoder answer."""
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO geocode_cache VALUES (?,?,?)",
                (key, json.dumps(value), time.time()),
            )
