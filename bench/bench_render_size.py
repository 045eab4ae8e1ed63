"""Map size: index.html for 1,000 daily slices over 2,000 places stays under 10 MB.

Generates synthetic intervals (seeded, so every run is the same): 2,000 settlements at
random points inside Syria plus the 14 governorates as region-level places; each place
changes hands every ~200 days on average (status mostly ``controls``, some
``partial``, ``besieged``, ``contested``, ``withdrew``), each interval backed by 1-3
claims with ~190-character evidence sentences. Renders the map with
:func:`geo.render.render_map` and measures the file.

Baseline, measured in the same run: a naive per-slice map that repeats, for every
slice, one GeoJSON feature per held place (its properties carrying the same popup
fields and claims) and one polygon per territory cell (what TimestampedGeoJson-style
per-slice duplication ships). Its size is the exact sum of the byte lengths of those
features (each distinct feature serialised once and counted once per slice it
appears in); the file itself is not written.

Run: ``.venv/bin/python bench/bench_render_size.py [--places 2000 --slices 1000]``.
Updates bench/results.json (key ``render_size``) and the "Map size" section of
docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _report  # noqa: E402

from geo.model import Claim, Interval  # noqa: E402

ACTORS = ("government", "opposition", "sdf", "isis", "hts", "turkey")
STATUSES = (("controls", 0.70), ("partial", 0.10), ("besieged", 0.08),
            ("contested", 0.08), ("withdrew", 0.04))
WORDS = ("forces", "said", "the", "town", "after", "fighting", "near", "road", "village",
         "control", "took", "army", "fighters", "local", "sources", "reported", "district",
         "clashes", "overnight", "checkpoint", "entered", "northern", "southern", "outskirts")
LIMIT_BYTES = 10_000_000  # 10 MB, decimal (the stricter reading)


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(18, 28))]
    return f"Synthetic report {n}: " + " ".join(words).capitalize() + "."


def synthetic(n_places: int, n_slices: int, seed: int = 7):
    """Return (claims, intervals, dates) for the benchmark."""
    import numpy as np
    import shapely

    from gazetteer.boundaries import border, governorates

    rng = random.Random(seed)
    area = border()
    minx, miny, maxx, maxy = area.bounds
    shapely.prepare(area)
    points: list[tuple[float, float]] = []
    nrng = np.random.default_rng(seed)
    while len(points) < n_places:
        xs = nrng.uniform(minx, maxx, 4 * n_places)
        ys = nrng.uniform(miny, maxy, 4 * n_places)
        inside = shapely.contains_xy(area, xs, ys)
        points += list(zip(ys[inside], xs[inside], strict=True))
    places = [
        (f"Place {i}", f"syn:{i}", round(lat, 4), round(lon, 4), None, "settlement")
        for i, (lat, lon) in enumerate(points[:n_places])
    ]
    govs = governorates()
    for code, name, geom in zip(govs["admin1_code"], govs["name"], govs.geometry, strict=True):
        c = geom.representative_point()
        places.append((f"{name} governorate", f"adm1:{code}", round(c.y, 4), round(c.x, 4),
                       name, "admin1"))
    first = dt.date(2015, 1, 1)
    dates = [first + dt.timedelta(days=d) for d in range(n_slices)]
    last = dates[-1]
    claims: list[Claim] = []
    intervals: list[Interval] = []
    n_claim = 0
    for name, pid, lat, lon, admin1, level in places:
        day = first + dt.timedelta(days=rng.randint(0, n_slices * 3 // 10))
        actor = rng.choice(ACTORS)
        while day <= last:
            length = max(7, int(rng.expovariate(1 / 200)))
            end = day + dt.timedelta(days=length - 1)
            status = rng.choices([s for s, _ in STATUSES], [w for _, w in STATUSES])[0]
            fraction = round(rng.uniform(0.2, 0.9), 2) if status == "partial" else None
            support = []
            for k in range(rng.randint(1, 3)):
                n_claim += 1
                when = min(day + dt.timedelta(days=k * 9), last)
                support.append(Claim(
                    doc=f"report_{n_claim % 5000:04d}.txt", place=name, place_id=pid,
                    lat=lat, lon=lon, admin1=admin1, level=level, actor=actor,
                    actor_raw=actor, status="captured" if k == 0 and status == "controls"
                    else status, fraction=fraction, date=when.isoformat(),
                    date_precision="day", source=f"Outlet {n_claim % 40}",
                    evidence=sentence(rng, n_claim), confidence=0.7,
                ))
            claims += support
            intervals.append(Interval(
                place=name, place_id=pid, lat=lat, lon=lon, admin1=admin1, level=level,
                actor=actor, status=status, fraction=fraction, start=day,
                end=None if end >= last else end, confidence=0.7, claims=tuple(support),
            ))
            day = end + dt.timedelta(days=1)
            actor = rng.choice([a for a in ACTORS if a != actor])
    return claims, intervals, dates


def naive_size(intervals, dates, state, pieces) -> int:
    """Bytes of a per-slice duplication of every marker and territory cell (GeoJSON)."""
    import numpy as np
    import shapely

    from geo.render._payload import iso_dates

    def feature_bytes(geometry: str, properties: dict) -> int:
        text = json.dumps({"type": "Feature", "geometry": "G", "properties": properties},
                          separators=(",", ":"))
        return len(text.encode()) - 3 + len(geometry.encode()) + 1  # "G" -> geometry, ","

    # One point feature per held place per slice, with the same popup fields and claims.
    ids = state["interval_id"].to_numpy(dtype=np.int64)
    per_interval = np.zeros(len(intervals), dtype=np.int64)
    for k in np.unique(ids):
        iv = intervals[int(k)]
        per_interval[k] = feature_bytes(
            json.dumps({"type": "Point", "coordinates": [iv.lon, iv.lat]}),
            {"time": "2017-01-01", "place": iv.place, "actor": iv.actor, "status": iv.status,
             "fraction": iv.fraction, "since": iv.start.isoformat(),
             "confidence": round(iv.confidence, 2),
             "claims": [[c.date, c.source, c.doc, c.evidence] for c in iv.claims]},
        )
    total = int(per_interval[ids].sum())
    # One polygon feature per territory piece per slice (same 1e-3 degree precision).
    geoms = np.asarray(pieces.geometry.values, dtype=object)
    obj_ids = np.fromiter(map(id, geoms), dtype=np.int64, count=len(geoms))
    _, first, inverse = np.unique(obj_ids, return_index=True, return_inverse=True)
    texts = shapely.to_geojson(shapely.set_precision(geoms[first], 1e-3))
    overhead = feature_bytes("", {"time": "2017-01-01", "actor": "government"})
    sizes = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts)) + overhead
    total += int(sizes[inverse].sum())
    return total + len(json.dumps(iso_dates(dates)))


def _slider_data(html: str) -> dict:
    """The slider's JSON block, as the browser reads it."""
    import re

    match = re.search(r'<script type="application/json" id="time_slider_\w+_data">(.*?)</script>',
                      html, re.DOTALL)
    return json.loads(match.group(1))


def update_docs(result: dict) -> None:
    mb = 1e6
    section = (
        "## Map size\n\n"
        f"`bench/bench_render_size.py`: {result['slices']:,} daily slices over "
        f"{result['places']:,} synthetic places ({result['intervals']:,} intervals, "
        f"{result['claims']:,} claims whose evidence sentences average "
        f"{result['evidence_chars']:.0f} characters; region-level places for the 14 "
        "governorates included).\n\n"
        "| measure | value |\n|---|---|\n"
        f"| index.html | {result['html_bytes'] / mb:.2f} MB "
        f"({result['html_gzip_bytes'] / mb:.2f} MB gzipped); limit 10 MB |\n"
        f"| naive per-slice duplication (same data, measured in the same run) | "
        f"{result['naive_bytes'] / mb:,.0f} MB |\n"
        f"| ratio naive / ours | {result['ratio']:.0f}x smaller |\n"
        f"| distinct territory pieces shipped | {result['pieces']:,} |\n"
        f"| render time (state, territory, HTML) | {result['render_seconds']:.1f} s |\n\n"
        "Why it stays small: each place is shipped once with run-length encoded "
        "[first slice, last slice, interval] runs; each interval and each claim once; each "
        "distinct territory piece (a Voronoi cell or a painted governorate) once with the "
        "slices it is valid for, its colour following its place's interval in the "
        "browser. Size grows with claims and intervals, not places x slices. The baseline "
        "is the exact byte count of repeating every held place's point feature (with the "
        "same popup fields and claims) and every territory cell as GeoJSON per slice; "
        "that file is not written.\n\n"
        "Reproduce: `.venv/bin/python bench/bench_render_size.py` "
        f"(run on {result['date']}, {result['machine']}).\n"
    )
    _report.replace_section("## Map size", section)


def update_results(result: dict) -> None:
    _report.update_results("render_size", result)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--places", type=int, default=2000)
    parser.add_argument("--slices", type=int, default=1000)
    parser.add_argument("--no-record", action="store_true", help="print only")
    args = parser.parse_args()

    from gazetteer.boundaries import border, governorates
    from geo.render import render_map
    from geo.slices import state_at
    from geo.territory import territory_pieces

    claims, intervals, dates = synthetic(args.places, args.slices)
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    state = state_at(intervals, dates)
    html = render_map(claims, intervals, dates, out / "render_size.html",
                      title="bench: synthetic map", state=state)
    seconds = time.perf_counter() - t0
    size = html.stat().st_size
    gz = len(gzip.compress(html.read_bytes(), compresslevel=6))
    pieces = territory_pieces(state, border(), governorates())
    naive = naive_size(intervals, dates, state, pieces)
    shipped = len(_slider_data(html.read_text(encoding="utf-8"))["pieces"])
    result = {
        "places": args.places, "slices": args.slices, "intervals": len(intervals),
        "claims": len(claims),
        "evidence_chars": sum(len(c.evidence) for c in claims) / max(1, len(claims)),
        "html_bytes": size, "html_gzip_bytes": gz,
        "naive_bytes": naive, "ratio": naive / size, "pieces": shipped,
        "render_seconds": round(seconds, 2), "under_limit": size < LIMIT_BYTES,
        "date": dt.date.today().isoformat(), "machine": f"{os.cpu_count()} cores",
    }
    print(f"index.html: {size / 1e6:.2f} MB ({gz / 1e6:.2f} MB gzipped) for "
          f"{args.slices} slices x {args.places} places, {len(intervals)} intervals, "
          f"{len(claims)} claims; render {seconds:.1f} s")
    print(f"naive per-slice baseline: {naive / 1e6:,.0f} MB -> ratio {naive / size:.0f}x")
    print(f"under 10 MB: {size < LIMIT_BYTES}")
    if not args.no_record:
        update_results(result)
        update_docs(result)
    return 0 if size < LIMIT_BYTES else 1


if __name__ == "__main__":
    sys.exit(main())
