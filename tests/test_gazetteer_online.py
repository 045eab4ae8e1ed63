"""The online fallback, against a stub Nominatim on 127.0.0.1 only (never the network)."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from gazetteer import Context, Gazetteer, Place
from gazetteer.errors import GazetteerDataError, OnlineGeocoderError
from gazetteer.online import MemoryCache, OnlineGeocoder

HAMLET = {
    "place_id": 123,
    "osm_type": "node",
    "osm_id": 4567,
    "lat": "35.1234",
    "lon": "38.5678",
    "class": "place",
    "type": "hamlet",
    "addresstype": "hamlet",
    "name": "Stubville",
    "display_name": "Stubville, Ar-Raqqah, Syria",
    "address": {"hamlet": "Stubville", "state": "Ar-Raqqah", "country_code": "sy"},
}


class _Handler(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):  # keep pytest output clean
        pass

    def _send(self, code: int, body: str, ctype: str = "application/json") -> None:
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if code == 429:
            self.send_header("Retry-After", "7")
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def do_GET(self):  # noqa: N802 - http.server API
        q = parse_qs(urlparse(self.path).query).get("q", [""])[0]
        type(self).hits.append(q)
        if q == "Stubville":
            self._send(200, json.dumps([HAMLET]))
        elif q == "ratelimited":
            self._send(429, "Too Many Requests", "text/plain")
        elif q == "servererror":
            self._send(500, "Internal Server Error", "text/plain")
        elif q == "badjson":
            self._send(200, "{this is not json")
        elif q == "slow":
            time.sleep(1.5)
            self._send(200, "[]")
        else:
            self._send(200, "[]")


@pytest.fixture(scope="module")
def stub():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def geocoder(domain, **kw):
    kw.setdefault("min_delay_seconds", 0.0)
    kw.setdefault("timeout", 5)
    return OnlineGeocoder(domain=domain, scheme="http", **kw)


def test_lookup_parses_nominatim_json(stub):
    p = geocoder(stub).lookup("Stubville")
    assert isinstance(p, Place)
    assert (p.lat, p.lon) == (35.1234, 38.5678)
    assert p.place_id == "osm:N4567" and p.country == "SY" and p.admin1 == "Ar-Raqqah"
    assert p.level == "settlement" and p.source == "nominatim"


def test_not_found_is_none_and_cached(stub):
    cache = MemoryCache()
    g = geocoder(stub, cache=cache)
    before = len(_Handler.hits)
    assert g.lookup("Nowhere at all") is None
    assert g.lookup("Nowhere at all") is None
    assert len(_Handler.hits) - before == 1  # the second answer came from the cache
    assert len(cache) == 1


def test_cache_hit_needs_no_server():
    cache = MemoryCache()
    cache.set("nominatim|http://127.0.0.1:9|SY|Cached Place", HAMLET)
    g = OnlineGeocoder(domain="127.0.0.1:9", scheme="http", cache=cache, min_delay_seconds=0)
    assert g.lookup("Cached Place", ("SY",)).name == "Stubville"


@pytest.mark.parametrize(
    ("query", "match"),
    [
        ("ratelimited", "429"),
        ("servererror", "Nominatim at http://127.0.0.1"),
        ("badjson", "malformed JSON"),
    ],
)
def test_service_failures_raise_clear_errors(stub, query, match):
    with pytest.raises(OnlineGeocoderError, match=match) as info:
        geocoder(stub).lookup(query)
    assert isinstance(info.value, GazetteerDataError)


def test_timeout_raises(stub):
    with pytest.raises(OnlineGeocoderError, match="in time"):
        geocoder(stub, timeout=0.3).lookup("slow")


def test_unreachable_server_raises():
    with pytest.raises(OnlineGeocoderError):
        OnlineGeocoder(domain="127.0.0.1:9", scheme="http", min_delay_seconds=0, timeout=2).lookup(
            "anything"
        )


def test_resolve_uses_online_only_when_offline_fails(stub):
    town = Place("cur:t", "Ar Raqqah", 35.95, 39.01, "SY", None, "settlement")
    gaz = Gazetteer([town])
    g = geocoder(stub)
    before = len(_Handler.hits)
    assert gaz.resolve("Raqqa", online=g).method == "exact"
    assert len(_Handler.hits) == before  # offline answer: no request
    res = gaz.resolve("Stubville", Context(), online=g)
    assert res.method == "online" and res.place.name == "Stubville"
    assert 0 < res.score < 1
    # Without a geocoder the same name stays unresolved.
    assert gaz.resolve("Stubville").place is None


def test_resolve_propagates_online_errors(stub):
    gaz = Gazetteer([Place("cur:t", "Ar Raqqah", 35.95, 39.01, "SY", None, "settlement")])
    with pytest.raises(OnlineGeocoderError):
        gaz.resolve("servererror", online=geocoder(stub))
