"""Spellings of Syrian places as outlets write them (tests/data/spellings.csv).

The lists and their reference coordinates were written by hand from reference knowledge,
not generated from the gazetteer's own data; ``spellings_extra.csv`` holds a second list
of rarer variants (French-style, typos, added words). At least 95% of each must resolve
within 15 km.
"""

from __future__ import annotations

import csv
import math

import pytest
from conftest import TEST_DATA

TOLERANCE_KM = 15.0
MIN_RATE = 0.95


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _rows(name="spellings.csv"):
    with open(TEST_DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_spelling_list_is_substantial():
    rows = _rows()
    places = {(round(float(r["lat"]), 1), round(float(r["lon"]), 1)) for r in rows}
    assert len(rows) >= 150
    assert len(places) >= 60


@pytest.mark.parametrize("name", ["spellings.csv", "spellings_extra.csv"])
def test_spellings_resolve_within_15_km(gazetteer, name):
    rows = _rows(name)
    misses = []
    for r in rows:
        res = gazetteer.resolve(r["spelling"])
        p = res.place
        d = _km(p.lat, p.lon, float(r["lat"]), float(r["lon"])) if p else None
        if d is None or d > TOLERANCE_KM:
            got = f"{p.name} ({p.lat:.2f}, {p.lon:.2f}) {d:.0f} km" if p else "unresolved"
            misses.append(f"{r['spelling']!r}: {got}; suggestions {res.suggestions[:3]}")
    rate = 1 - len(misses) / len(rows)
    print(f"\n{len(rows) - len(misses)}/{len(rows)} within {TOLERANCE_KM:.0f} km ({rate:.1%})")
    for m in misses:
        print("MISS", m)
    assert rate >= MIN_RATE, misses


# Two blind lists, written from knowledge of how outlets spell Syrian places before the
# gazetteer's data or code was read. Gaps found in the dev list were fixed; the holdout
# list was only measured (98.7% within 15 km when added), never tuned on.
BLIND_LISTS = ("spellings_blind_dev.csv", "spellings_blind_holdout.csv")


@pytest.mark.parametrize("name", BLIND_LISTS)
def test_blind_spelling_list_is_substantial(name):
    rows = _rows(name)
    assert len(rows) >= 150
    assert len({r["place"] for r in rows}) >= 60


@pytest.mark.parametrize("name", BLIND_LISTS)
def test_blind_spellings_resolve_within_15_km(gazetteer, name):
    test_spellings_resolve_within_15_km(gazetteer, name)
