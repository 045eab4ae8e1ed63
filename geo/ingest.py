"""Ingest: files on disk to :class:`~geo.model.Report` objects.

Reads plain text, Markdown, HTML, and collections (JSONL, a JSON list, CSV) in any
common encoding; strips page furniture; splits pages that carry several dated
articles; finds each report's publication date (its :class:`~geo.model.Anchor`),
source and address.

Precedence, most specific first:

- anchor: on a page carrying several articles, an article's own date line (the
  manifest dates the page, and an item cannot be later than its page); the manifest
  (a row naming the document itself, ``file.jsonl#3``, then the file's row; origin
  ``manifest``); the record's ``published`` field (origin ``field``); the page
  (metadata, header, dateline: see :func:`geo.dates.find_anchor`).
- source: an article's own "Source:" line on a multi-article page; the manifest;
  the record's ``source`` field; the page (``og:site_name``, publisher, a domain
  line, an agency dateline).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from geo._decode import decode
from geo._page import page_reports
from geo._records import read_collection
from geo.errors import InputError
from geo.model import Outcome, Report

__all__ = [
    "MAX_BYTES", "SUPPORTED_SUFFIXES", "ManifestEntry", "discover", "read_file",
    "read_file_outcomes", "read_inputs", "read_manifest",
]

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused with an InputError
SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl", ".json", ".csv")
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype html|html|head|body)\b", re.I | re.S)


@dataclass(frozen=True)
class ManifestEntry:
    """What a manifest says about one input file."""

    source: str | None = None
    published: dt.date | None = None


# -- manifest and discovery -------------------------------------------------------------
def read_manifest(path: str | Path) -> dict[str, ManifestEntry]:
    """Read a manifest CSV with columns ``file``, ``source``, ``published``.

    Other columns are ignored; keys are the base names of ``file``; empty cells give
    None; a later row for the same file replaces an earlier one.

    Raises
    ------
    InputError
        Naming the manifest, when it cannot be read, lacks a column, or holds a
        ``published`` value that is not ``YYYY-MM-DD``.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read the manifest: {error}", str(path)) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = {(c or "").strip().lower(): c for c in reader.fieldnames or []}
    missing = [c for c in ("file", "source", "published") if c not in columns]
    if missing:
        raise InputError(f"manifest lacks column(s) {', '.join(missing)}", str(path))
    entries: dict[str, ManifestEntry] = {}
    try:
        for row_number, row in enumerate(reader, start=2):
            name = (row.get(columns["file"]) or "").strip()
            if not name:
                continue
            published = (row.get(columns["published"]) or "").strip()
            day = None
            if published:
                found = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", published)
                try:
                    day = dt.date(*map(int, found.groups())) if found else None
                except ValueError:
                    day = None
                if day is None:
                    raise InputError(
                        f"row {row_number}: published {published!r} is not YYYY-MM-DD", str(path)
                    )
            source = (row.get(columns["source"]) or "").strip() or None
            entries[Path(name.replace("\\", "/")).name] = ManifestEntry(source, day)
    except csv.Error as error:
        raise InputError(f"malformed manifest: {error}", str(path)) from None
    return entries


def discover(paths: str | Path | Iterable[str | Path]) -> list[Path]:
    """List the report files under ``paths``.

    Directories are searched recursively for the supported suffixes (.txt .md .html
    .htm .jsonl .json .csv), skipping hidden files and folders; a file named
    explicitly is kept whatever its suffix (reading it will say if it is no report).

    Returns
    -------
    list of Path
        Sorted, without duplicates.

    Raises
    ------
    InputError
        When a path does not exist.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    found: set[Path] = set()
    for item in paths:
        path = Path(item)
        if path.is_file():
            found.add(path)
        elif path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in files:
                    if not name.startswith(".") and name.lower().endswith(SUPPORTED_SUFFIXES):
                        found.add(Path(root) / name)
        else:
            raise InputError("no such file or directory", str(path))
    return sorted(found)


# -- reading ----------------------------------------------------------------------------
def read_file(
    path: str | Path, manifest: dict[str, ManifestEntry] | None = None, *,
    max_bytes: int | None = None,
) -> list[Report]:
    """Read one input file into reports.

    A plain page gives one report; a page with several dated articles one per article
    (``page.html#2``); a collection one per good record (``news.jsonl#3``); bad
    records are left out here (:func:`read_file_outcomes` and :func:`read_inputs`
    report them).

    Parameters
    ----------
    path : str or Path
    manifest : dict, optional
        From :func:`read_manifest`.
    max_bytes : int, optional
        Size limit (default :data:`MAX_BYTES`).

    Raises
    ------
    InputError
        Naming the file, when it is missing, too large, empty, binary, undecodable,
        or malformed (a collection with no valid record, a CSV without a text column).
    """
    return [r for r in read_file_outcomes(path, manifest, max_bytes=max_bytes)
            if isinstance(r, Report)]


def read_file_outcomes(
    path: str | Path, manifest: dict[str, ManifestEntry] | None = None, *,
    max_bytes: int | None = None,
) -> list[Report | Outcome]:
    """Like :func:`read_file`, plus a ``failed`` Outcome for each bad record."""
    path = Path(path)
    raw = _read_bytes(path, MAX_BYTES if max_bytes is None else max_bytes)
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    manifest = manifest or {}
    if suffix in (".jsonl", ".json", ".csv"):
        return read_collection(path, raw, digest, manifest)
    is_html = suffix in (".html", ".htm") or bool(_HTML_START.match(raw[:1024]))
    text, warning = decode(raw, str(path), html=is_html)
    kind = "html" if is_html else "markdown" if suffix == ".md" else "text"
    return page_reports(
        path, path.name, text, kind, digest, [manifest.get(path.name)],
        warnings=(warning,) if warning else (),
    )


def read_inputs(
    paths: str | Path | Iterable[str | Path],
    manifest: dict[str, ManifestEntry] | str | Path | None = None, *,
    max_bytes: int | None = None,
) -> Iterator[Report | Outcome]:
    """Read every report under ``paths``, lazily, never stopping at a bad file.

    Yields
    ------
    Report or Outcome
        Reports as they are read; ``Outcome(doc, path, "failed", reason)`` for a file
        (or a collection record) that cannot be read, and for a path that does not
        exist. Reports may carry warnings (encoding guessed, ...).
    """
    if isinstance(manifest, str | Path):
        manifest = read_manifest(manifest)
    if isinstance(paths, str | Path):
        paths = [paths]
    seen: set[Path] = set()
    for item in paths:
        try:
            files = discover([item])
        except InputError as error:
            yield Outcome(Path(item).name, str(item), "failed", str(error))
            continue
        for file in files:
            if file in seen:
                continue
            seen.add(file)
            try:
                items = read_file_outcomes(file, manifest, max_bytes=max_bytes)
            except InputError as error:
                yield Outcome(file.name, str(file), "failed", str(error))
                continue
            except Exception as error:  # noqa: BLE001 - one odd file must not stop a batch
                yield Outcome(file.name, str(file), "failed",
                              f"{file}: unexpected error: {type(error).__name__}: {error}")
                continue
            yield from items


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(
                f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit", str(path)
            )
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", str(path)) from None
