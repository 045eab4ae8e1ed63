"""Held-out set (tests/holdout): reports written and annotated apart from the extractor.

Split A (odd-numbered reports) has been read for error analysis; split B (even-numbered)
has not. Each keeps the figures measured on it as a floor, so a change that costs
generalisation shows here. The issue's bar for unseen reports (F1 >= 0.8, dates >= 90 %)
is not met yet: the floors are what the extractor really does, not the goal.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from gazetteer.normalize import key
from geo.claims import extract
from geo.evaluate import evaluate, format_evaluation

HOLDOUT = Path(__file__).parent / "holdout"
DEV2 = Path(__file__).parent / "dev2"
DEV3 = Path(__file__).parent / "dev3"
HOLDOUT2 = Path(__file__).parent / "holdout2"
# split: (F1 floor, date-accuracy floor, must-not violations at most), as measured
# (first score: A 0.577 F1 / 0.893 dates, B 0.598 / 0.759; at the end of the session of
# 2026-11-23: A 0.839 / 0.979, B 0.710 / 0.921; next session A 0.847 / 0.979, B 0.716 / 0.923)
FLOORS = {"A": (0.83, 0.96, 1), "B": (0.70, 0.90, 0)}


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _split(rows: list[dict], split: str) -> list[dict]:
    odd = split == "A"
    return [r for r in rows if (int(re.match(r"h(\d+)", r["doc"]).group(1)) % 2 == 1) == odd]


@pytest.fixture(scope="module")
def holdout_claims(gazetteer):
    from geo.ingest import read_file, read_manifest

    manifest = read_manifest(HOLDOUT / "manifest.csv")
    return [c.to_dict() for f in sorted(HOLDOUT.glob("h*.txt"))
            for r in read_file(f, manifest) for c in extract(r, gazetteer).claims]


@pytest.mark.parametrize("split", sorted(FLOORS))
def test_holdout_floor(holdout_claims, split):
    gold = _split(_lines(HOLDOUT / "gold.jsonl"), split)
    pred = _split(holdout_claims, split)
    ev = evaluate(gold, pred)
    f1_floor, date_floor, violations_allowed = FLOORS[split]
    assert ev.f1 >= f1_floor, format_evaluation(ev)
    assert ev.date_accuracy >= date_floor, format_evaluation(ev)
    must_not = _split(_lines(HOLDOUT / "must_not_claim.jsonl"), split)
    violations = [(m["doc"], m["place"], m["kind"]) for m in must_not
                  if any(p["doc"] == m["doc"] and key(p["place"]) == key(m["place"])
                         for p in pred)]
    assert len(violations) <= violations_allowed, violations


def test_second_development_set_floor(gazetteer):
    """tests/dev2: written apart from the extractor and used for error analysis (first
    score F1 0.531, dates 0.706); its floor keeps the gains made on it."""
    from geo.ingest import read_file, read_manifest

    manifest = read_manifest(DEV2 / "manifest.csv")
    pred = [c.to_dict() for f in sorted(DEV2.glob("d*.txt"))
            for r in read_file(f, manifest) for c in extract(r, gazetteer).claims]
    ev = evaluate(_lines(DEV2 / "gold.jsonl"), pred)
    assert ev.f1 >= 0.74, format_evaluation(ev)  # measured 0.744, then 0.766
    assert ev.date_accuracy >= 0.84, format_evaluation(ev)  # measured 0.874


def _scored(folder: Path, pattern: str, gazetteer):
    from geo.ingest import read_file, read_manifest

    manifest = read_manifest(folder / "manifest.csv")
    pred = [c.to_dict() for f in sorted(folder.glob(pattern))
            for r in read_file(f, manifest) for c in extract(r, gazetteer).claims]
    return pred, evaluate(_lines(folder / "gold.jsonl"), pred)


def test_third_development_set_floor(gazetteer):
    """tests/dev3: written apart from the extractor (2012-2024) and used for error analysis
    (first score F1 0.619, dates 0.935); its floor keeps the gains made on it."""
    _pred, ev = _scored(DEV3, "e*.txt", gazetteer)
    assert ev.f1 >= 0.81, format_evaluation(ev)  # measured 0.812, then 0.840
    assert ev.date_accuracy >= 0.92, format_evaluation(ev)  # measured 0.926, then 0.947


@pytest.mark.parametrize(("folder", "pattern", "first", "f1_floor", "dates_floor"), [
    ("dev4", "f*.txt", "F1 0.555, dates 0.861", 0.71, 0.89),  # measured 0.735, 0.918
    # dev5: 0.838, 0.888 after a gold fix (g06's Morek was 20 km off) and reading 8 reports.
    ("dev5", "g*.txt", "F1 0.661, dates 0.861", 0.80, 0.85),
    # dev6: first score unread 0.573 / 0.941; 0.677 / 0.922 after reading it (sixth stop).
    ("dev6", "n*.txt", "F1 0.573, dates 0.941", 0.65, 0.90),
    # dev7: first score unread 0.619 / 0.923 (seventh stop); its odd half read since, 0.651 /
    # 0.930 after the fixes and 81 curated places of that stop; 0.670 / 0.932 in the eighth
    # (approximate places for unknown villages located by a known town); 0.685 / 0.934 in
    # the ninth.
    ("dev7", "n*.txt", "F1 0.619, dates 0.923", 0.65, 0.90),
    # dev8: first score unread 0.637 / 0.954 (tenth stop, at f187a4b+); its odd half read
    # since, 0.676 / 0.943 after that stop's fixes.
    ("dev8", "n*.txt", "F1 0.637, dates 0.954", 0.65, 0.90),
])
def test_later_development_set_floors(gazetteer, folder, pattern, first, f1_floor, dates_floor):
    """tests/dev4 to tests/dev8: written apart from the extractor, scored once unread
    (``first``), then used for error analysis; their floors keep the gains made on them."""
    _pred, ev = _scored(Path(__file__).parent / folder, pattern, gazetteer)
    assert ev.f1 >= f1_floor, format_evaluation(ev)
    assert ev.date_accuracy >= dates_floor, format_evaluation(ev)


def test_sealed_holdout_floor(gazetteer):
    """tests/holdout2: sealed, never read; only these summary figures are looked at (first
    score F1 0.594, dates 0.857, 3 must-not places claimed). The assertion message holds the
    figures only, never the per-document misses."""
    pred, ev = _scored(HOLDOUT2, "k*.txt", gazetteer)
    must_not = _lines(HOLDOUT2 / "must_not_claim.jsonl")
    violations = sum(1 for m in must_not if any(
        p["doc"] == m["doc"] and key(p["place"]) == key(m["place"]) for p in pred))
    figures = f"F1 {ev.f1:.3f} dates {ev.date_accuracy:.3f} must-not {violations}"
    # measured 0.606, then 0.608 (4th stop), 0.595 (5th stop: no rule of that stop was
    # kept or dropped for its effect here; the figures were only printed), 0.601 (6th and
    # 7th stops), 0.605 (8th), 0.614 (9th), 0.636 (10th).
    assert ev.f1 >= 0.59, figures
    assert ev.date_accuracy >= 0.85, figures  # measured 0.873, 0.877, 0.891, 0.877, 0.879, 0.884
    # 3, then 4 after a gazetteer extension, 3 again since the 5th stop.
    assert violations <= 4, figures
