"""Collections for :mod:`geo.ingest`: JSONL, a JSON list, CSV; one report per record.

Records are numbered from 1 in file order (blank JSONL lines are not records); a bad
record becomes a ``failed`` Outcome "<file> record n: reason" and the rest go on. A
file with no good record at all is an InputError.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from geo._decode import decode
from geo._page import page_reports, parse_field_date
from geo.errors import InputError
from geo.model import Outcome, Report

_TEXT_FIELDS = ("text", "body", "content", "article")
_DATE_FIELDS = ("published", "date", "published_at", "pubdate", "publication_date")
_LIST_KEYS = ("records", "items", "articles", "data", "reports", "documents")
_LOOKS_HTML = re.compile(r"^\s*<[A-Za-z!]|</(?:p|div|article|span|a)>", re.I)


def read_collection(path: Path, raw: bytes, digest: str, manifest: dict) -> list[Report | Outcome]:
    """Read a .jsonl, .json or .csv collection (see the module notes)."""
    text, warning = decode(raw, str(path))
    suffix = path.suffix.lower()
    if suffix == ".csv":
        records = _csv_records(text, path)
    elif suffix == ".json":
        records = _json_records(text, path)
    else:
        records = _jsonl_records(text)
    if not records:
        raise InputError("no records in the collection", str(path))
    warnings = (warning,) if warning else ()
    items: list[Report | Outcome] = []
    for number, record in records:
        doc = f"{path.name}#{number}"
        if isinstance(record, str):  # the reason it is bad
            items.append(_failed(path, doc, number, record))
            continue
        try:
            items.extend(_record_reports(path, doc, number, record, digest, manifest, warnings))
        except InputError as error:
            reason = str(error).removeprefix(f"{path}: ")
            items.append(_failed(path, doc, number, reason))
    if not any(isinstance(i, Report) for i in items):
        first = next(i.reason for i in items if isinstance(i, Outcome))
        raise InputError(f"no valid record ({first})", str(path))
    return items


def _failed(path: Path, doc: str, number: int, reason: str) -> Outcome:
    return Outcome(doc, str(path), "failed", f"{path.name} record {number}: {reason}")


def _record_reports(path, doc, number, record, digest, manifest, warnings) -> list[Report]:
    fields = {str(k).strip().lower(): v for k, v in record.items()}
    text = next((fields[k] for k in _TEXT_FIELDS if isinstance(fields.get(k), str)
                 and fields[k].strip()), None)
    if text is None:
        raise InputError("no text", str(path))
    title = fields.get("title") or fields.get("headline")
    record_warnings = list(warnings)
    published = next((fields[k] for k in _DATE_FIELDS if fields.get(k) not in (None, "")), None)
    anchor = parse_field_date(published)
    if published is not None and anchor is None:
        record_warnings.append(f"published {str(published)[:40]!r} not understood")
    kind = "html" if _LOOKS_HTML.search(text[:2000]) else "text"
    if isinstance(title, str) and title.strip() and title.strip() not in text[:2000]:
        text = (f"<h1>{_escape(title.strip())}</h1>" if kind == "html" else title.strip()
                + "\n\n") + text
    reports = page_reports(
        path, doc, text, kind, f"{digest}#{number}",
        [manifest.get(doc), manifest.get(path.name)], warnings=tuple(record_warnings),
        field_anchor=anchor, field_source=_clean(fields.get("source")),
        field_url=_clean(fields.get("url")),
    )
    if len(reports) > 1:  # several articles in one record: "file.jsonl#3#2" is clumsy
        reports = [_renumber(r, doc, digest, number, i) for i, r in enumerate(reports, 1)]
    return reports


def _renumber(report: Report, doc: str, digest: str, number: int, part: int) -> Report:
    from dataclasses import replace

    return replace(report, doc=f"{doc}.{part}", sha256=f"{digest}#{number}.{part}")


def _escape(text: str) -> str:
    import html

    return html.escape(text)


def _clean(value) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _jsonl_records(text: str) -> list[tuple[int, dict | str]]:
    records: list[tuple[int, dict | str]] = []
    number = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        number += 1
        try:
            value = json.loads(line)
        except ValueError as error:
            records.append((number, f"not valid JSON ({getattr(error, 'msg', error)})"))
            continue
        records.append((number, value if isinstance(value, dict) else "not a JSON object"))
    return records


def _json_records(text: str, path: Path) -> list[tuple[int, dict | str]]:
    try:
        value = json.loads(text)
    except ValueError as error:
        raise InputError(f"malformed JSON: {getattr(error, 'msg', error)}", str(path)) from None
    if isinstance(value, dict):
        listed = next((value[k] for k in _LIST_KEYS if isinstance(value.get(k), list)), None)
        value = listed if listed is not None else [value]
    if not isinstance(value, list):
        raise InputError("JSON holds neither a list of records nor a record", str(path))
    return [(n, v if isinstance(v, dict) else "not a JSON object")
            for n, v in enumerate(value, start=1)]


def _csv_records(text: str, path: Path) -> list[tuple[int, dict | str]]:
    csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))  # long articles
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = [(c or "").strip().lower() for c in reader.fieldnames or []]
    if not any(c in _TEXT_FIELDS for c in columns):
        raise InputError("CSV has no text column (text, body or content)", str(path))
    records: list[tuple[int, dict | str]] = []
    try:
        for number, row in enumerate(reader, start=1):
            if None in row:
                records.append((number, "more cells than columns"))
                continue
            records.append((number, row))
    except csv.Error as error:
        raise InputError(f"malformed CSV: {error}", str(path)) from None
    return records
