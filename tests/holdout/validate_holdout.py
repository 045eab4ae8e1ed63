"""Sanity checks for a gold set (the held-out set by default): format, dates, place
strings, governorates.

Run with `python3 tests/holdout/validate_holdout.py [FOLDER]` (for example
`tests/dev2`). It never imports `geo` and never runs the extractor; it only checks that the
annotation files are consistent.
"""

import csv
import datetime as dt
import json
import math
import os
import re
import sys
from collections import Counter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
HERE = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(
    os.path.abspath(__file__))
BOUNDARIES = os.path.join(ROOT, "data", "boundaries", "governorates.geojson")
ACTORS = {"government", "opposition", "sdf", "isis", "hts", "turkey", "unknown"}
STATUSES = {"captured", "controls", "partial", "contested", "besieged", "withdrew"}


def read_jsonl(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def text_of(doc):
    with open(os.path.join(HERE, doc), encoding="utf-8") as f:
        return f.read()


def in_ring(x, y, ring):
    inside = False
    for i in range(len(ring)):
        x1, y1 = ring[i][:2]
        x2, y2 = ring[(i + 1) % len(ring)][:2]
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def in_polygons(x, y, polygons):
    return any(in_ring(x, y, p[0]) and not any(in_ring(x, y, h) for h in p[1:]) for p in polygons)


def km_to_boundary(x, y, polygons):
    k = math.cos(math.radians(y)) * 111.0
    px, py = x * k, y * 111.0
    best = float("inf")
    for polygon in polygons:
        for ring in polygon:
            for (ax, ay, *_), (bx, by, *_) in zip(ring, ring[1:], strict=False):
                ax, ay, bx, by = ax * k, ay * 111.0, bx * k, by * 111.0
                dx, dy = bx - ax, by - ay
                t = 0.0
                if dx or dy:
                    t = ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)
                    t = max(0.0, min(1.0, t))
                best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best


def date_ok(date, window, precision):
    if precision == "day":
        return len(date) == 10 and window[0] <= date <= window[1]
    if precision == "month":
        return len(date) == 7 and window[0][:7] == date == window[1][:7]
    return len(date) == 4 and window[0][:4] == date == window[1][:4]


def main():
    errors = []
    with open(os.path.join(HERE, "manifest.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["file", "source", "published"]
    manifest = {r["file"]: r for r in rows}
    files = {f for f in os.listdir(HERE) if re.match(r"[a-z]\d\d_.*\.txt$", f)}
    if files != set(manifest):
        errors.append(f"manifest/files mismatch: {sorted(files ^ set(manifest))}")
    for r in rows:
        dt.date.fromisoformat(r["published"])

    with open(BOUNDARIES, encoding="utf-8") as f:
        features = json.load(f)["features"]
    admin1 = {}
    for ft in features:
        geom = ft["geometry"]
        coords = geom["coordinates"]
        admin1[ft["properties"]["name"]] = coords if geom["type"] == "MultiPolygon" else [coords]

    gold = read_jsonl("gold.jsonl")
    must_not = read_jsonl("must_not_claim.jsonl")
    gold_keys = set()
    for r in gold:
        doc, place = r["doc"], r["place"]
        if doc not in manifest:
            errors.append(f"{doc}: not in manifest")
            continue
        if place not in text_of(doc):
            errors.append(f"{doc}: place {place!r} not in text")
        window = r["date_window"]
        published = manifest[doc]["published"]
        if not window[0] <= window[1] <= published:
            errors.append(f"{doc}: {place} window {window} vs published {published}")
        if not date_ok(r["date"], window, r["date_precision"]):
            errors.append(f"{doc}: {place} date {r['date']} / {window} / {r['date_precision']}")
        if r["actor"] not in ACTORS or r["status"] not in STATUSES:
            errors.append(f"{doc}: {place} actor/status {r['actor']}/{r['status']}")
        if (r["status"] == "partial") != ("fraction" in r):
            errors.append(f"{doc}: {place} partial without fraction (or fraction without partial)")
        fw = r.get("fraction_window")
        if fw and not fw[0] <= r["fraction"] <= fw[1]:
            errors.append(f"{doc}: {place} fraction outside its window")
        polygons = admin1.get(r["admin1"])
        if polygons is None:
            errors.append(f"{doc}: unknown admin1 {r['admin1']}")
        elif (
            not in_polygons(r["lon"], r["lat"], polygons)
            and km_to_boundary(r["lon"], r["lat"], polygons) > 3
        ):
            errors.append(f"{doc}: {place} more than 3 km outside {r['admin1']}")
        gold_keys.add((doc, place.lower()))
    for r in must_not:
        doc, place = r["doc"], r["place"]
        if doc not in manifest:
            errors.append(f"{doc}: must_not doc not in manifest")
            continue
        if place.lower() not in text_of(doc).lower():
            errors.append(f"{doc}: must_not place {place!r} not in text")
        if (doc, place.lower()) in gold_keys:
            errors.append(f"{doc}: {place} is both gold and must_not")
    dups = [k for k, n in Counter((r["doc"], r["place"]) for r in must_not).items() if n > 1]
    if dups:
        errors.append(f"duplicate must_not entries: {dups}")

    optional = sum(1 for r in gold if r.get("optional"))
    print(f"{len(files)} reports, {len(gold)} claims ({optional} optional), "
          f"{len(must_not)} must_not entries")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
