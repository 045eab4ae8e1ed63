"""QGIS reads the GeoPackage's dates as geo does: the features its temporal filter
keeps on a date are the places `geo asof` gives for that date.

PyQGIS lives in Debian's system Python, not the venv, so the checks run
tests/qgis_check.py under /usr/bin/python3. QGIS is optional (a large install the
issue allows to be missing): without it these tests skip, saying why, even under
GEO_REQUIRE_GDAL=1.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from export_samples import (
    DATE_TO,
    library_asof,
    sample_claims,
    sample_governorates,
    sample_intervals,
    sample_territory,
)

from geo.export import write_all

pytestmark = pytest.mark.qgis

SYSTEM_PYTHON = "/usr/bin/python3"
QGIS_PROCESS = "/usr/bin/qgis_process.bin"
SCRIPT = Path(__file__).with_name("qgis_check.py")
# Around every boundary of the sample intervals: first and last held days, the day
# after, the day before --to, --to and the day after it.
DATES = ["2017-06-15", "2017-09-30", "2017-10-01", "2017-10-02", "2017-10-03",
         "2017-10-13", "2017-10-14", "2017-10-17", "2017-10-31", "2017-11-01"]


def _missing_qgis() -> str | None:
    if not Path(QGIS_PROCESS).exists():
        return f"QGIS is not installed ({QGIS_PROCESS} missing; `make install` installs it)"
    if not Path(SYSTEM_PYTHON).exists():
        return f"{SYSTEM_PYTHON} missing"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import qgis.core"], capture_output=True,
                           text=True, timeout=60, env=_clean_env({}))
    if probe.returncode != 0:
        return f"`import qgis` fails under {SYSTEM_PYTHON}: {probe.stderr.strip()[-200:]}"
    return None


def _clean_env(extra: dict[str, str]) -> dict[str, str]:
    # the venv's variables must not leak into the system Python
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return env | extra


@pytest.fixture(scope="module")
def qgis(tmp_path_factory):
    """A function running qgis_check.py with arguments; returns its JSON answer."""
    reason = _missing_qgis()
    if reason:
        print(f"skipping the QGIS tests: {reason}", file=sys.stderr)
        pytest.skip(reason)
    home = tmp_path_factory.mktemp("qgis_home")
    runtime = tmp_path_factory.mktemp("qgis_runtime")
    runtime.chmod(0o700)
    env = _clean_env({"QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
                      "XDG_RUNTIME_DIR": str(runtime)})

    def run(*args) -> dict:
        result = subprocess.run([SYSTEM_PYTHON, str(SCRIPT), *map(str, args)],
                                capture_output=True, text=True, timeout=300, env=env)
        assert result.returncode == 0, result.stderr[-2000:]
        return json.loads(result.stdout.strip().splitlines()[-1])

    return run


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    directory = tmp_path_factory.mktemp("export_qgis")
    write_all(directory, sample_claims(), sample_intervals(), sample_territory(),
              sample_governorates(), DATE_TO)
    return directory


def _expected(day: str) -> list[list[str]]:
    return sorted([list(pair) for pair in library_asof(sample_intervals(),
                                                       dt.date.fromisoformat(day))])


def test_temporal_controller_frames_match_geo_asof(qgis, out):
    """The set-up docs/QGIS.md describes (start_time/end_time, default limits): every
    one-day Temporal Controller frame and every instant shows what `geo asof` says."""
    answer = qgis("count", out / "control.gpkg", *DATES)
    assert answer["qgis"].startswith("3.")
    assert answer["features"] == len(sample_intervals())
    assert answer["types"] == {"start_time": "DateTime", "end_time": "DateTime"}
    for day in DATES:
        assert answer["frame"][day] == _expected(day), day
        assert answer["instant"][day] == _expected(day), day
        assert answer["subset"][day] == _expected(day), day  # the Layer > Filter... way


def test_date_fields_match_geo_asof_at_an_instant(qgis, out):
    """The Date fields start/end (exclusive) give the library's answer for a date."""
    answer = qgis("count", out / "control.gpkg", *DATES, "--start", "start", "--end", "end")
    assert answer["types"] == {"start": "Date", "end": "Date"}
    for day in DATES:
        assert answer["instant"][day] == _expected(day), day


def test_geojson_start_end_match_geo_asof(qgis, out):
    answer = qgis("count", out / "control.geojson", *DATES, "--start", "start",
                  "--end", "end")
    assert answer["features"] == len(sample_intervals())  # no row lost to a date
    for day in DATES:
        assert answer["frame"][day] == _expected(day), day
        assert answer["instant"][day] == _expected(day), day


def test_render_shows_only_what_is_held_on_the_date(qgis, out, tmp_path):
    before = qgis("render", out / "control.gpkg", tmp_path / "june.png", "--date",
                  "2017-06-15", "--width", 600, "--height", 500)
    after = qgis("render", out / "control.gpkg", tmp_path / "october.png", "--date",
                 "2017-10-20", "--width", 600, "--height", 500)
    for answer, name in ((before, "june.png"), (after, "october.png")):
        assert answer["errors"] == []
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
        assert (answer["width"], answer["height"]) == (600, 500)
    # the map covers the sample governorates (Raqqa, Deir ez-Zor): on 15 June no
    # government interval there has started; on 20 October it holds Mayadin
    assert before["pixels"]["government"] == 0
    assert after["pixels"]["government"] > 0
    assert before["pixels"]["sdf"] > 0  # Tabqa
