"""The offline map file: self-contained, escaped, atomic, small."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re

import pytest

from geo.errors import ExportError
from geo.model import Claim, Interval
from geo.render import render_html, render_map
from geo.render._demo import demo_claims, demo_dates, demo_intervals
from geo.render._encode import encode_shape, script_json
from geo.render.markers import HOLDERS, symbol
from geo.render.popups import ClaimTable, interval_popup

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"


def hostile_claim() -> Claim:
    """A claim whose every text field tries to become markup or code."""
    return Claim(
        doc='evil"<b>.txt', place="Evil<b>town</b>", place_id="test:evil", lat=34.0,
        lon=37.0, admin1="Homs", level="settlement", actor="isis", actor_raw="ISIS",
        status="controls", fraction=None, date="2017-07-01", date_precision="day",
        source="</script><script>alert(2)</script>",
        evidence=f"Fighters {SCRIPT} took it {IMG} <!-- and {{{{ this }}}} {{# x #}}.",
        confidence=0.7,
    )


def hostile_interval(claim: Claim) -> Interval:
    return Interval(
        place=claim.place, place_id=claim.place_id, lat=claim.lat, lon=claim.lon,
        admin1=claim.admin1, level=claim.level, actor=claim.actor, status=claim.status,
        fraction=None, start=dt.date(2017, 7, 1), end=None, confidence=0.7, claims=(claim,),
    )


@pytest.fixture(scope="module")
def inputs():
    claims = demo_claims()
    evil = hostile_claim()
    return claims + [evil], demo_intervals(claims) + [hostile_interval(evil)], demo_dates()


@pytest.fixture(scope="module")
def page(inputs) -> str:
    claims, intervals, dates = inputs
    return render_html(claims, intervals, dates, title="Map <i>title</i>")


def slider_data(page: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="time_slider_\w+_data">(.*?)</script>',
        page, re.DOTALL,
    )
    assert match, "slider data block missing"
    return json.loads(match.group(1))


def test_page_loads_nothing_from_outside(page):
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.IGNORECASE)
    assert not re.search(r"<link[^>]*\bhref\s*=", page, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?\s*(https?:)?//", page, re.IGNORECASE)
    assert "@import" not in page
    for cdn in ("cdn.jsdelivr", "cdnjs", "code.jquery", "bootstrapcdn", "unpkg"):
        assert cdn not in page
    # Leaflet and its images are inline.
    assert "Leaflet 1.9.3" in page or 'version="1.9.3"' in page
    assert "url(data:image/png;base64," in page
    assert "sourceMappingURL" not in page


def test_osm_tiles_are_offered_but_off(page):
    assert "tile.openstreetmap.org" in page
    match = re.search(r"var (tile_layer_\w+) = L\.tileLayer", page)
    assert match
    assert f"{match.group(1)}.addTo(" not in page


def test_report_text_never_becomes_markup(page, inputs):
    assert SCRIPT not in page
    assert IMG not in page
    assert "<img" not in page
    assert "alert(2)" in page  # the text is there, escaped, not dropped
    assert "<b>town" not in page and "<b>.txt" not in page
    # Every <script> that opens is one of ours and is closed: nothing got out of a block.
    assert page.count("<script") == page.count("</script>")
    assert page.count("<!--") == 0
    data = slider_data(page)
    evil = hostile_claim()
    assert html.escape(evil.evidence, quote=True) in [c[6] for c in data["claims"]]
    assert html.escape(evil.source, quote=True) in data["strings"]
    assert html.escape(evil.doc, quote=True) in data["strings"]
    place = next(p for p in data["places"] if p["id"] == "test:evil")
    assert place["n"] == "Evil&lt;b&gt;town&lt;/b&gt;"
    # The Jinja-looking text survived as text (branca did not re-parse our data).
    assert "{{ this }}" in html.unescape(data["claims"][-1][6])


def test_title_is_text(page):
    assert "<i>title</i>" not in page
    assert "<title>Map &lt;i&gt;title&lt;/i&gt;</title>" in page


def test_script_json_cannot_close_its_block():
    text = script_json({"a": "</script><!-- x --> & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- x --> & \u2028"}


def test_popup_fields_are_escaped_and_claims_shared():
    evil = hostile_claim()
    table = ClaimTable()
    first = interval_popup(hostile_interval(evil), table)
    second = interval_popup(hostile_interval(evil), table)
    assert first["c"] == second["c"] == [0]  # one claim, stored once
    payload = table.payload()
    date, source, doc, actor, status, fraction, evidence = payload["claims"][0]
    assert evidence == html.escape(evil.evidence, quote=True)
    assert payload["strings"][source] == html.escape(evil.source, quote=True)
    assert actor == "isis" and status == "controls" and fraction is None
    assert first["st"] == "2017-07-01"
    assert first["en"] is None  # open interval


def test_layer_control_and_legend_are_present(page):
    assert "L.control.layers(" in page
    assert '"collapsed": false' in page
    for label, _ in HOLDERS.values():
        assert script_json(label)[1:-1] in page  # layer names are JSON in the script
    assert "OpenStreetMap tiles (online)" in page
    assert "geo.legend(" in page
    assert "Who holds what" in page
    assert "geo.init(" in page


def test_symbols_differ_by_holder_and_status():
    assert 'data-colour="#d62728"' in symbol("government", "controls")
    assert 'data-colour="#111111"' in symbol("isis", "controls")
    assert 'data-colour="#ffffff"' in symbol("nobody-we-know", "controls")
    shapes = {s: symbol("sdf", s, 0.5) for s in
              ("controls", "captured", "partial", "contested", "besieged", "withdrew")}
    assert len(set(shapes.values())) == 6
    assert "url(#geo-hatch-sdf)" in shapes["contested"]
    assert "stroke-dasharray" in shapes["contested"]
    assert symbol("sdf", "partial", 0.25) != symbol("sdf", "partial", 0.75)


def test_runs_and_pieces_follow_the_intervals(page):
    data = slider_data(page)
    dates = data["dates"]
    raqqa = next(p for p in data["places"] if p["id"] == "demo:raqqa")
    actors = [data["intervals"][k]["a"] for _, _, k in raqqa["r"]]
    assert actors == ["isis", "isis", "sdf"]
    # The runs cover consecutive slices without overlap and switch to the SDF on the
    # first slice on or after the capture (2017-10-17).
    assert all(a[1] + 1 == b[0] for a, b in zip(raqqa["r"], raqqa["r"][1:], strict=False))
    switch = raqqa["r"][-1][0]
    assert dates[switch] >= "2017-10-17" > dates[switch - 1]
    pieces = [p for p in data["pieces"] if data["places"][p["p"]]["id"] == "demo:raqqa"]
    assert pieces and all(p["s"] for p in pieces)


def test_size_grows_with_intervals_not_slices(inputs):
    claims, intervals, _ = inputs
    start = dt.date(2017, 6, 1)
    few = [start + dt.timedelta(days=7 * n) for n in range(10)]
    many = [start + dt.timedelta(days=n) for n in range(180)]
    small = len(render_html(claims, intervals, few).encode())
    large = len(render_html(claims, intervals, many).encode())
    # 18x the slices; only the date list and a few more runs may grow.
    assert large - small < 12_000, (small, large)


def test_encode_shape_round_trips_at_map_precision():
    from shapely.geometry import Polygon

    poly = Polygon([(36.1234, 33.5), (36.9, 33.5), (36.9, 34.2), (36.1234, 34.2)],
                   holes=[[(36.4, 33.7), (36.6, 33.7), (36.6, 33.9)]])
    (rings,) = encode_shape(poly)
    decoded = []
    for flat in rings:
        lat = lon = 0
        points = []
        for i in range(0, len(flat), 2):
            lat += flat[i]
            lon += flat[i + 1]
            points.append((lon / 1000, lat / 1000))
        decoded.append(points)
    assert decoded[0] == [(36.123, 33.5), (36.9, 33.5), (36.9, 34.2), (36.123, 34.2)]
    assert decoded[1] == [(36.4, 33.7), (36.6, 33.7), (36.6, 33.9)]


def test_render_map_writes_atomically(tmp_path, inputs):
    claims, intervals, dates = inputs
    target = tmp_path / "out" / "index.html"
    result = render_map(claims, intervals, dates, target)
    assert result == target
    assert [p.name for p in target.parent.iterdir()] == ["index.html"]
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_failed_render_leaves_existing_file_untouched(tmp_path, inputs, monkeypatch):
    claims, intervals, dates = inputs
    target = tmp_path / "index.html"
    target.write_text("previous map", encoding="utf-8")
    # Fails while writing (after the temporary file was opened).
    monkeypatch.setattr("geo.render.render_html", lambda *a, **k: object())
    with pytest.raises(ExportError):
        render_map(claims, intervals, dates, target)
    assert target.read_text(encoding="utf-8") == "previous map"
    assert [p.name for p in tmp_path.iterdir()] == ["index.html"]


def test_missing_assets_raise_export_error(tmp_path, inputs, monkeypatch):
    claims, intervals, dates = inputs
    target = tmp_path / "index.html"
    target.write_text("previous map", encoding="utf-8")
    monkeypatch.setenv("GEO_ASSETS_DIR", str(tmp_path / "no_node_modules"))
    with pytest.raises(ExportError, match="make install"):
        render_map(claims, intervals, dates, target)
    assert target.read_text(encoding="utf-8") == "previous map"


def test_empty_inputs_still_give_a_map():
    page = render_html([], [], [dt.date(2017, 6, 1)])
    data = slider_data(page)
    assert data["places"] == [] and data["dates"] == ["2017-06-01"]


def test_unknown_actor_and_status_are_drawn_as_unknown(inputs):
    claims, intervals, dates = inputs
    odd = dataclasses.replace(intervals[0], actor="martians", status="controls")
    data = slider_data(render_html(claims, [odd], dates))
    assert data["intervals"][0]["a"] == "unknown"
