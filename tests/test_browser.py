"""The map in a real browser (Debian Chromium driven by Playwright), fully offline.

Every request other than the page itself is aborted and recorded; the tests assert the
list is empty, that nothing logs an error, that the slider changes colours, that
popups show sources and sentences, and that hostile report text stays text.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from dataclasses import replace
from pathlib import Path

import pytest

from geo.model import Claim, Interval
from geo.render import render_map
from geo.render._demo import demo_claims, demo_dates, demo_intervals
from geo.render.markers import HOLDERS

pytestmark = pytest.mark.browser

ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
ISIS, SDF = HOLDERS["isis"][1], HOLDERS["sdf"][1]
PAYLOAD = (
    "Raiders wrote <script>window.__pwned = 1</script> and "
    '<img src=x onerror="window.__pwned = 2; alert(3)"> on the wall.'
)


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        yield browser
        browser.close()


class Visit:
    """One page opened offline, with what it tried to fetch and what it logged."""

    def __init__(self, browser, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        self.page.wait_for_function("window.geoMap !== undefined")

    def _route(self, route) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def _console(self, message) -> None:
        if message.type in ("error", "warning"):
            self.errors.append(f"{message.type}: {message.text}")

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def slide_to(self, iso: str) -> str:
        """Move the slider's range input (as a user would) to the slice showing ``iso``."""
        index = self.js("d => geoMap.indexOf(d)", iso)
        self.page.eval_on_selector(
            "input.geo-range",
            "(el, i) => { el.value = i; el.dispatchEvent(new Event('input', {bubbles: true})); }",
            index,
        )
        return self.page.inner_text("output.geo-date")

    def click_marker(self, place_id: str) -> str:
        """Click a place's marker; return the popup's text."""
        handle = self.page.evaluate_handle("id => geoMap.marker(id).getElement()", place_id)
        handle.as_element().click()
        self.page.wait_for_selector(".leaflet-popup-content .geo-popup")
        return self.page.inner_text(".leaflet-popup-content")


def hostile() -> tuple[Claim, Interval]:
    claim = Claim(
        doc="wall<script>.txt", place="Wall<b>town</b>", place_id="test:wall", lat=34.7,
        lon=38.9, admin1="Homs", level="settlement", actor="isis", actor_raw="ISIS",
        status="controls", fraction=None, date="2017-07-01", date_precision="day",
        source="Outlet <img src=x onerror=alert(4)>", evidence=PAYLOAD, confidence=0.6,
    )
    interval = Interval(
        place=claim.place, place_id=claim.place_id, lat=claim.lat, lon=claim.lon,
        admin1=claim.admin1, level=claim.level, actor=claim.actor, status=claim.status,
        fraction=None, start=dt.date(2017, 6, 1), end=None, confidence=0.6, claims=(claim,),
    )
    return claim, interval


def approximate() -> tuple[Claim, Interval]:
    """A claim on a village the gazetteer lacks, placed near a town (geo._approximate)."""
    claim, interval = hostile()
    claim = replace(claim, doc="near.txt", place="Kharbat Zuwayli",
                    place_id="approx:kharbat-zuwayli", lat=36.1, lon=37.2,
                    source="Test Wire", evidence="Rebels took Kharbat Zuwayli, near Town.")
    return claim, replace(interval, place=claim.place, place_id=claim.place_id,
                          lat=claim.lat, lon=claim.lon, claims=(claim,))


@pytest.fixture(scope="module")
def demo_map(tmp_path_factory) -> Path:
    claims = demo_claims()
    evil_claim, evil_interval = hostile()
    near_claim, near_interval = approximate()
    path = tmp_path_factory.mktemp("browser") / "index.html"
    return render_map(
        claims + [evil_claim, near_claim],
        demo_intervals(claims) + [evil_interval, near_interval], demo_dates(), path,
        title="browser test",
    )


@pytest.fixture()
def demo(browser, demo_map):
    visit = Visit(browser, demo_map)
    yield visit
    visit.page.close()


def test_renders_offline_without_errors(demo):
    assert demo.js("document.querySelectorAll('.geo-marker').length") > 20
    assert demo.js("document.querySelectorAll('.leaflet-pane path').length") > 20
    assert demo.js("typeof L") == "object"
    assert demo.js("[...document.scripts].filter(s => s.src).length") == 0
    # Checked in the browser: nothing but the page itself was requested.
    assert demo.requests == []
    assert demo.errors == []
    assert demo.dialogs == []


def test_slider_changes_raqqa_from_isis_to_sdf(demo):
    assert demo.slide_to("2017-07-01") == "2017-06-29"
    assert demo.js("geoMap.markerColour('demo:raqqa')") == ISIS
    assert demo.js("geoMap.territoryColour('demo:raqqa')") == ISIS
    assert demo.slide_to("2017-10-21") == "2017-10-19"
    assert demo.js("geoMap.markerColour('demo:raqqa')") == SDF
    assert demo.js("geoMap.territoryColour('demo:raqqa')") == SDF
    # Just captured: drawn with the "captured" symbol.
    assert demo.js(
        "geoMap.marker('demo:raqqa').getElement().querySelector('svg').dataset.status"
    ) == "captured"
    assert demo.requests == [] and demo.errors == []


def test_play_and_step_buttons_move_the_slider(demo):
    demo.slide_to("2017-06-01")
    demo.page.click("button.geo-next")
    assert demo.page.inner_text("output.geo-date") == "2017-06-08"
    demo.page.click("button.geo-prev")
    assert demo.page.inner_text("output.geo-date") == "2017-06-01"
    demo.page.click("button.geo-play")
    assert demo.js("geoMap.playing()") is True
    demo.page.wait_for_function("geoMap.index() > 0")
    demo.page.click("button.geo-play")
    assert demo.js("geoMap.playing()") is False


def test_legend_and_layer_control_are_there(demo):
    legend = demo.page.inner_text(".geo-legend")
    for label, _ in HOLDERS.values():
        if label != "Contested":
            assert label in legend
    for status in ("captured", "holds part", "contested", "besieged", "withdrew"):
        assert status in legend
    layers = demo.page.inner_text(".leaflet-control-layers")
    for name in ("Government & allies", "SDF", "ISIS", "Territory (schematic)",
                 "OpenStreetMap tiles (online)"):
        assert name in layers


def test_unticking_a_holder_hides_its_markers(demo):
    demo.slide_to("2017-10-21")
    label = demo.page.locator(".leaflet-control-layers-overlays label", has_text="SDF")
    label.locator("input").uncheck()
    assert demo.js("geoMap.markerColour('demo:raqqa')") is None
    label.locator("input").check()
    assert demo.js("geoMap.markerColour('demo:raqqa')") == SDF


def test_clicking_raqqa_shows_source_and_sentence(demo):
    demo.slide_to("2017-10-21")
    text = demo.click_marker("demo:raqqa")
    claim = next(c for c in demo_claims() if c.place_id == "demo:raqqa" and c.actor == "sdf")
    assert "SDF" in text
    assert claim.source in text
    assert claim.evidence in text
    assert claim.date in text


def test_hostile_report_shows_as_text_and_runs_nothing(demo):
    demo.slide_to("2017-07-01")
    text = demo.click_marker("test:wall")
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src=x onerror="window.__pwned = 2; alert(3)">' in text
    assert "Outlet <img src=x onerror=alert(4)>" in text
    assert "Wall<b>town</b>" in text
    assert demo.js("document.querySelectorAll('.leaflet-popup-content img').length") == 0
    assert demo.js("document.querySelectorAll('.leaflet-popup-content script').length") == 0
    demo.js("new Promise(r => setTimeout(r, 100))")
    assert demo.js("typeof window.__pwned") == "undefined"
    assert demo.dialogs == []
    assert demo.requests == []  # an <img src=x> would have tried to load "x"
    assert demo.errors == []


def test_an_approximate_place_says_so_in_its_popup(demo):
    demo.slide_to("2017-07-01")
    assert "(approximate location)" in demo.click_marker("approx:kharbat-zuwayli")
    demo.page.click(".leaflet-popup-close-button")
    demo.page.wait_for_selector(".leaflet-popup-content", state="detached")
    assert "approximate" not in demo.click_marker("test:wall")


def test_osm_tiles_are_requested_only_when_switched_on(demo):
    assert demo.requests == []
    demo.page.locator(".leaflet-control-layers-overlays label",
                      has_text="OpenStreetMap").locator("input").check()
    demo.page.wait_for_function("document.querySelectorAll('.leaflet-tile').length > 0")
    demo.page.wait_for_timeout(200)
    assert demo.requests and all("tile.openstreetmap.org" in u for u in demo.requests)


# -- the development corpus, built by the real pipeline ----------------------------------
def nearest(places: list[dict], lat: float, lon: float) -> dict:
    def km(p):
        return math.hypot(p["lat"] - lat, (p["lon"] - lon) * math.cos(math.radians(lat))) * 111

    best = min((p for p in places if p["level"] == "settlement"), key=km)
    assert km(best) < 10, f"no settlement near ({lat}, {lon}): {places}"
    return best


def test_corpus_map_raqqa_from_isis_to_sdf(browser, corpus_build):
    visit = Visit(browser, corpus_build / "index.html")
    try:
        raqqa = nearest(visit.js("geoMap.places"), 35.95, 39.01)
        visit.slide_to("2017-07-01")
        assert visit.js("id => geoMap.markerColour(id)", raqqa["id"]) == ISIS
        visit.slide_to("2017-10-21")
        assert visit.js("id => geoMap.markerColour(id)", raqqa["id"]) == SDF
        assert visit.page.inner_text(".geo-legend")
        assert "SDF" in visit.page.inner_text(".leaflet-control-layers")
        text = visit.click_marker(raqqa["id"])
        features = json.loads((corpus_build / "claims.geojson").read_text("utf-8"))["features"]
        claims = [f["properties"] for f in features
                  if f["properties"]["place_id"] == raqqa["id"]
                  and f["properties"]["actor"] == "sdf"]
        assert claims, "the build has no SDF claim on Raqqa"
        flat = re.sub(r"\s+", " ", text)
        assert any(c["source"] and c["source"] in flat for c in claims)
        assert any(re.sub(r"\s+", " ", c["evidence"]).strip() in flat for c in claims)
        assert visit.requests == []
        assert visit.errors == []
        assert visit.dialogs == []
    finally:
        visit.page.close()
