"""End-to-end builds: the development corpus, bad input in a batch, Dask parity."""

from __future__ import annotations

import json
import shutil

import pytest

from geo.pipeline import BuildOptions, build, extract_reports, last_day
from geo.slices import asof_records
from geo.store import Store
from geo.timeline import build_intervals


def test_corpus_build_writes_every_output_file(corpus_build):
    for name in ("index.html", "claims.geojson", "control.geojson", "control.gpkg",
                 "claims.csv", "geo.sqlite"):
        assert (corpus_build / name).stat().st_size > 0, name


def _claims(corpus_build):
    features = json.loads((corpus_build / "claims.geojson").read_text())["features"]
    return [f["properties"] for f in features]


@pytest.mark.parametrize(
    ("place_start", "actor"), [("Raqq", "sdf"), ("Mayadin", "government")]
)
def test_corpus_build_has_the_captures_of_14_october_2017(corpus_build, place_start, actor):
    captures = [
        c for c in _claims(corpus_build)
        if c["place"].startswith(place_start) and c["actor"] == actor
        and c["status"] == "captured" and c["date"] == "2017-10-14"
    ]
    assert captures, f"no capture of {place_start}* by {actor} on 2017-10-14"
    assert all(c["evidence"] and c["source"] for c in captures)


def _holder(intervals, place_start, date):
    import datetime as dt

    records = asof_records(intervals, dt.date.fromisoformat(date))
    return [r for r in records if r["place"].startswith(place_start)]


def test_corpus_timeline_answers_who_held_raqqa_mayadin_and_mansoura(corpus_build):
    with Store(corpus_build / "geo.sqlite") as store:
        intervals = build_intervals(store.claims())
    assert {r["actor"] for r in _holder(intervals, "Raqq", "2017-07-15")} == {"isis"}
    for date in ("2017-10-14", "2017-10-21", "2017-10-31"):
        assert {r["actor"] for r in _holder(intervals, "Raqq", date)} == {"sdf"}, date
        assert {r["actor"] for r in _holder(intervals, "Mayadin", date)} == {"government"}
    mansoura = _holder(intervals, "Mans", "2017-06-10")
    assert mansoura and mansoura[0]["actor"] == "sdf"
    assert mansoura[0]["status"] == "partial" and 0 < mansoura[0]["fraction"] < 1


def test_bad_files_are_reported_and_the_rest_of_the_batch_completes(tmp_path, corpus_dir):
    reports = tmp_path / "reports"
    reports.mkdir()
    for path in (corpus_dir / "reports").iterdir():
        shutil.copy(path, reports / path.name)
    (reports / "empty.txt").write_text("")
    (reports / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (reports / "arabic.txt").write_bytes(
        "Saturday, 14 October 2017\n\nسيطرت القوات الحكومية على مدينة الميادين.\n".encode("cp1256")
    )
    out = tmp_path / "out"
    result = build([reports], BuildOptions(manifest=corpus_dir / "manifest.csv", out_dir=out,
                                           step="1m", quiet=True))
    failed = {o.doc: o.reason for o in result.ingest.outcomes if o.status == "failed"}
    assert set(failed) == {"empty.txt", "binary.txt"}
    assert all(reason for reason in failed.values())
    stored_files = {o.path.rsplit("/", 1)[-1] for o in result.ingest.outcomes
                    if o.status != "failed"}
    assert stored_files == {p.name for p in (corpus_dir / "reports").iterdir()} | {"arabic.txt"}
    with Store(out / "geo.sqlite") as store:
        stored = len(store.claims())
        assert {o.doc for o in store.outcomes() if o.status == "failed"} == set(failed)
    assert stored > 0

    # A second build of the same files extracts nothing new and loses nothing.
    again = build([reports], BuildOptions(manifest=corpus_dir / "manifest.csv", out_dir=out,
                                          step="1m", quiet=True))
    assert again.ingest.new_reports == 0
    assert again.ingest.already_stored == result.ingest.new_reports
    with Store(out / "geo.sqlite") as store:
        assert len(store.claims()) == stored


def test_dask_localcluster_gives_the_same_claims_as_one_process(corpus_dir):
    from geo.ingest import read_inputs, read_manifest

    manifest = read_manifest(corpus_dir / "manifest.csv")
    reports = [r for r in read_inputs([corpus_dir / "reports"], manifest)]
    local = extract_reports(reports, scheduler="local")
    distributed = extract_reports(reports, scheduler="dask", workers=2, batch_size=1)
    assert local == distributed
    assert sum(len(e.claims) for e in local) > 0


def test_last_day_covers_the_whole_period():
    assert str(last_day("2017")) == "2017-12-31"
    assert str(last_day("2016-02")) == "2016-02-29"
    assert str(last_day("2017-10-14")) == "2017-10-14"


def test_the_last_slice_is_the_to_date():
    import datetime as dt

    from geo.pipeline import slice_dates_for

    options = BuildOptions(step="1w")
    dates = slice_dates_for(options, dt.date(2017, 6, 1), dt.date(2017, 10, 31))
    assert dates[0] == dt.date(2017, 6, 1) and dates[-1] == dt.date(2017, 10, 31)
    assert dates[-2] == dt.date(2017, 10, 26)
