"""Hand-made claims, intervals and polygons for the export tests (no extractor needed).

Shared by test_export.py, test_export_gdal.py and test_qgis.py. Places, dates and
sentences are invented for the tests; only the shapes matter.
"""

from __future__ import annotations

import datetime as dt

from geo.model import Claim, Interval

DATE_TO = dt.date(2017, 10, 31)
FORMULA = '=HYPERLINK("http://example.org/x","click")'


def _claim(doc, place, place_id, lat, lon, admin1, level, actor, status, date, *,
           fraction=None, precision="day", source="Test Wire", evidence="",
           actor_raw="", confidence=0.8) -> Claim:
    return Claim(
        doc=doc, place=place, place_id=place_id, lat=lat, lon=lon, admin1=admin1,
        level=level, actor=actor, actor_raw=actor_raw or actor, status=status,
        fraction=fraction, date=date, date_precision=precision, source=source,
        evidence=evidence or f"{actor} {status} {place}.", confidence=confidence,
    )


def sample_claims() -> list[Claim]:
    """Claims covering every status, precision and awkward cell we handle."""
    return [
        _claim("a.txt", "Raqqa", "gn:163915", 35.9528412, 39.0079341, "Ar-Raqqah",
               "settlement", "sdf", "captured", "2017-10-17", evidence=FORMULA,
               source="Test Wire"),
        _claim("b.txt", "Raqqa", "gn:163915", 35.9528412, 39.0079341, "Ar-Raqqah",
               "settlement", "sdf", "controls", "2017-10-20", source="Other Daily"),
        _claim("c.txt", "Mayadin", "gn:170892", 35.01667, 40.45, "Dayr az-Zawr",
               "settlement", "government", "captured", "2017-10-14",
               actor_raw="the army", evidence="+ The army entered Mayadin."),
        _claim("c.txt", "Mayadin", "gn:170892", 35.01667, 40.45, "Dayr az-Zawr",
               "settlement", "isis", "withdrew", "2017-10-14",
               evidence="@ Islamic State fighters pulled out of Mayadin."),
        _claim("d.txt", "Tabqa", "cur:tabqa", 35.8356, 38.5481, "Ar-Raqqah",
               "settlement", "sdf", "controls", "2017-05", precision="month",
               source=None),
        _claim("e.txt", "Idlib", "adm1:SY.12", 35.8, 36.6, "Idlib", "admin1", "hts",
               "controls", "2017", precision="year", actor_raw="هيئة تحرير الشام",
               evidence="- هيئة تحرير الشام holds the province; Idlib, \"quoted\"\nline two"),
        _claim("f.txt", "Deir ez-Zor", "gn:170794", 35.336, 40.1408, "Dayr az-Zawr",
               "settlement", "government", "partial", "2017-09-20", fraction=0.4,
               evidence="\tThe army holds about 40 percent of the city."),
        _claim("g.txt", "Al-Qaryatayn", "gn:172349", 34.2289, 37.2406, "Homs",
               "settlement", "government", "captured", "2017-10-21",
               evidence="The last fighters left under an evacuation deal."),
        _claim("h.txt", "Greenwich test point", "cur:test-west", 51.4779, -0.0015, None,
               "facility", "unknown", "contested", "2017-10-02", confidence=0.3,
               evidence="-1 is not a formula here, but it starts with a minus."),
    ]


def sample_intervals() -> list[Interval]:
    """Non-overlapping intervals per place: two open, three closed."""
    claims = sample_claims()
    raqqa, raqqa2, mayadin_gov, mayadin_isis, tabqa, idlib, deir, _, _ = claims
    return [
        Interval("Raqqa", "gn:163915", 35.9528412, 39.0079341, "Ar-Raqqah", "settlement",
                 "sdf", "captured", None, dt.date(2017, 10, 17), None, 0.9,
                 (raqqa, raqqa2)),
        Interval("Mayadin", "gn:170892", 35.01667, 40.45, "Dayr az-Zawr", "settlement",
                 "isis", "controls", None, dt.date(2017, 6, 1), dt.date(2017, 10, 13), 0.6,
                 (mayadin_isis,)),
        Interval("Mayadin", "gn:170892", 35.01667, 40.45, "Dayr az-Zawr", "settlement",
                 "government", "captured", None, dt.date(2017, 10, 14), None, 0.8,
                 (mayadin_gov,)),
        Interval("Tabqa", "cur:tabqa", 35.8356, 38.5481, "Ar-Raqqah", "settlement", "sdf",
                 "controls", None, dt.date(2017, 5, 10), dt.date(2017, 9, 30), 0.7, (tabqa,),
                 "month"),
        Interval("Idlib", "adm1:SY.12", 35.8, 36.6, "Idlib", "admin1", "hts", "controls",
                 None, dt.date(2017, 7, 23), None, 0.5, (idlib,), "year"),
        Interval("Deir ez-Zor", "gn:170794", 35.336, 40.1408, "Dayr az-Zawr", "settlement",
                 "government", "partial", 0.4, dt.date(2017, 9, 5), dt.date(2017, 10, 2), 0.7,
                 (deir,)),
    ]


def sample_territory():
    """Two slices of per-actor polygons (one a MultiPolygon), as territory() returns."""
    import geopandas as gpd
    from shapely.geometry import MultiPolygon, box

    return gpd.GeoDataFrame(
        {
            "slice_date": [dt.date(2017, 10, 1), dt.date(2017, 10, 1), dt.date(2017, 10, 15)],
            "actor": ["sdf", "government", "government"],
        },
        geometry=[
            box(38.5, 35.5, 39.5, 36.5),
            MultiPolygon([box(40.0, 35.0, 40.5, 35.5), box(36.0, 33.0, 37.0, 34.0)]),
            box(40.0, 34.8, 40.6, 35.5),
        ],
        crs="EPSG:4326",
    )


def sample_governorates():
    """Two rectangles standing in for gazetteer.boundaries.governorates()."""
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame(
        {
            "admin1_code": ["SY.04", "SY.07"],
            "name": ["Ar-Raqqah", "Dayr az-Zawr"],
            "name_ar": ["الرقة", "دير الزور"],
        },
        geometry=[box(38.0, 35.0, 40.0, 36.8), box(39.8, 34.4, 41.3, 36.0)],
        crs="EPSG:4326",
    )


def active_inclusive(intervals: list[Interval], day: dt.date,
                     date_to: dt.date = DATE_TO) -> set[tuple[str, str]]:
    """(place_id, actor) held on ``day`` by the library's rule: start <= day <= end,
    an open interval running through ``date_to``."""
    return {
        (i.place_id, i.actor)
        for i in intervals
        if i.start <= day <= (i.end if i.end is not None else date_to)
    }


def library_asof(intervals: list[Interval], day: dt.date,
                 date_to: dt.date = DATE_TO) -> set[tuple[str, str]]:
    """What `geo asof DAY` answers, as (place_id, actor) pairs: geo.slices.asof_records
    (or state_at) when present, else the rule of :func:`active_inclusive` (geo.slices
    is written by another helper). Nothing is known after the build's ``date_to``."""
    if day > date_to:
        return set()
    try:
        from geo.slices import asof_records
    except ImportError:
        try:
            from geo.slices import state_at
        except ImportError:
            return active_inclusive(intervals, day, date_to)
        return {(r.place_id, r.actor) for r in state_at(intervals, [day]).itertuples()}
    return {(r["place_id"], r["actor"]) for r in asof_records(intervals, day)}
