"""Online fallback: Nominatim through geopy, off unless a geocoder is passed in.

:meth:`Gazetteer.resolve` calls it only when offline resolution fails::

    geocoder = OnlineGeocoder(domain="nominatim.example.org", cache=store_cache)
    gaz.resolve("Some Hamlet", online=geocoder)

Answers (including "nothing found") are cached through ``cache``, any object with
``get(key) -> dict | None`` and ``set(key, dict)``; :class:`MemoryCache` is the default.
Calls are throttled with :class:`geopy.extra.rate_limiter.RateLimiter` (Nominatim's
usage policy asks for at most one request a second). Timeouts, HTTP 429 and 5xx
answers and malformed JSON raise :class:`~gazetteer.errors.OnlineGeocoderError`.
"""

from __future__ import annotations

from typing import Any, Protocol

from gazetteer.errors import OnlineGeocoderError
from gazetteer.model import Context, Place, Resolution

__all__ = ["Cache", "MemoryCache", "OnlineGeocoder", "resolve_online"]

DEFAULT_DOMAIN = "nominatim.openstreetmap.org"
USER_AGENT = "geo-gazetteer/0.1 (offline-first Syrian gazetteer)"
_SETTLEMENT_TYPES = {"city", "town", "village", "hamlet", "locality", "isolated_dwelling"}
_NEIGHBOURHOOD_TYPES = {"suburb", "neighbourhood", "quarter", "city_block", "borough"}


class Cache(Protocol):
    """What :class:`OnlineGeocoder` needs from a cache."""

    def get(self, key: str) -> dict | None:  # pragma: no cover - protocol
        """The stored dict for ``key``, or None."""

    def set(self, key: str, value: dict) -> None:  # pragma: no cover - protocol
        """Store ``value`` under ``key``."""


class MemoryCache:
    """An in-memory :class:`Cache` (a dict)."""

    def __init__(self) -> None:
        self._data: dict[str, dict] = {}

    def get(self, key: str) -> dict | None:
        """The stored dict for ``key``, or None."""
        return self._data.get(key)

    def set(self, key: str, value: dict) -> None:
        """Store ``value`` under ``key``."""
        self._data[key] = dict(value)

    def __len__(self) -> int:
        return len(self._data)


class OnlineGeocoder:
    """Nominatim look-ups with a cache and a rate limit.

    Parameters
    ----------
    domain : str
        Nominatim host (and port), e.g. ``"nominatim.openstreetmap.org"`` or
        ``"127.0.0.1:8080"``.
    scheme : str
        ``"https"`` or ``"http"``.
    cache : Cache, optional
        Where answers are kept; a fresh :class:`MemoryCache` by default.
    min_delay_seconds : float
        Least time between two requests.
    timeout : float
        Seconds to wait for one answer.
    user_agent : str
        Sent with every request (Nominatim requires one).
    max_retries : int
        Retries after a failed request (each after ``min_delay_seconds``).
    """

    def __init__(
        self,
        domain: str = DEFAULT_DOMAIN,
        scheme: str = "https",
        cache: Cache | None = None,
        min_delay_seconds: float = 1.0,
        timeout: float = 10.0,
        user_agent: str = USER_AGENT,
        max_retries: int = 0,
    ) -> None:
        from geopy.adapters import URLLibAdapter
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        self.domain = domain
        self.scheme = scheme
        self.timeout = timeout
        self.cache: Cache = cache if cache is not None else MemoryCache()
        # The stdlib adapter does no hidden retries (requests' adapter would sleep
        # through Retry-After on a 429); retries are the RateLimiter's, explicit.
        self._nominatim = Nominatim(
            user_agent=user_agent,
            domain=domain,
            scheme=scheme,
            timeout=timeout,
            adapter_factory=URLLibAdapter,
        )
        self._geocode = RateLimiter(
            self._nominatim.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=max_retries,
            error_wait_seconds=max(min_delay_seconds, 0.0),
            swallow_exceptions=False,
        )

    def _key(self, name: str, countries: tuple[str, ...]) -> str:
        return f"nominatim|{self.scheme}://{self.domain}|{','.join(countries)}|{name.strip()}"

    def lookup(self, name: str, countries: tuple[str, ...] = ()) -> Place | None:
        """Geocode ``name``, restricted to ``countries`` (ISO2) when given.

        Returns
        -------
        Place or None
            None when the service knows no such place.

        Raises
        ------
        OnlineGeocoderError
            On a timeout, a refused connection, HTTP 429 or 5xx, or malformed JSON.
        """
        ck = self._key(name, countries)
        cached = self.cache.get(ck)
        if cached is not None:
            return _place_from_raw(cached) if cached.get("found", True) else None
        raw = self._request(name, countries)
        self.cache.set(ck, raw if raw is not None else {"found": False})
        return _place_from_raw(raw) if raw is not None else None

    def _request(self, name: str, countries: tuple[str, ...]) -> dict | None:
        from geopy import exc

        where = f"{self.scheme}://{self.domain}"
        try:
            loc = self._geocode(
                name,
                exactly_one=True,
                addressdetails=True,
                language="en",
                country_codes=[c.lower() for c in countries] or None,
            )
        except exc.GeocoderRateLimited as e:
            raise OnlineGeocoderError(
                f"Nominatim at {where} refused the request for {name!r}: rate limited "
                f"(HTTP 429); retry after {e.retry_after or 'a while'} s"
            ) from e
        except exc.GeocoderTimedOut as e:
            raise OnlineGeocoderError(
                f"Nominatim at {where} did not answer for {name!r} in time "
                f"(timeout {self.timeout} s or HTTP 503/504): {e}"
            ) from e
        except exc.GeocoderParseError as e:
            raise OnlineGeocoderError(
                f"Nominatim at {where} answered {name!r} with malformed JSON"
            ) from e
        except exc.GeocoderUnavailable as e:
            # The requests adapter reports a read timeout as "unavailable".
            if "timed out" in str(e).lower() or "timeout" in type(e.__cause__).__name__.lower():
                raise OnlineGeocoderError(
                    f"Nominatim at {where} did not answer for {name!r} in time "
                    f"(timeout {self.timeout} s)"
                ) from e
            raise OnlineGeocoderError(f"Nominatim at {where} is unreachable: {e}") from e
        except exc.GeopyError as e:
            raise OnlineGeocoderError(
                f"Nominatim at {where} failed for {name!r}: {type(e).__name__}: {e}"
            ) from e
        if loc is None:
            return None
        raw = loc.raw
        if not isinstance(raw, dict) or "lat" not in raw or "lon" not in raw:
            raise OnlineGeocoderError(f"Nominatim at {where} answered {name!r} without coordinates")
        return raw


def _place_from_raw(raw: dict[str, Any]) -> Place:
    """A :class:`Place` from one Nominatim search result."""
    try:
        lat, lon = float(raw["lat"]), float(raw["lon"])
    except (KeyError, TypeError, ValueError) as e:
        raise OnlineGeocoderError(f"Nominatim result without usable coordinates: {e}") from e
    addr = raw.get("address") or {}
    display = str(raw.get("display_name") or "")
    name = str(raw.get("name") or display.split(",")[0] or "?").strip()
    cls, typ = raw.get("class") or raw.get("category"), raw.get("type")
    addresstype = raw.get("addresstype")
    if typ in _NEIGHBOURHOOD_TYPES or addresstype in _NEIGHBOURHOOD_TYPES:
        level = "neighbourhood"
    elif cls == "boundary" and addresstype in ("state", "province", "region"):
        level = "admin1"
    elif cls in ("aeroway", "military", "man_made", "landuse", "industrial"):
        level = "facility"
    elif cls == "barrier" and typ == "border_control":
        level = "crossing"
    else:
        level = "settlement"
    osm = f"{str(raw.get('osm_type', 'x'))[:1].upper()}{raw.get('osm_id', raw.get('place_id', ''))}"
    names = tuple(dict.fromkeys(n for n in (name, display.split(",")[0].strip()) if n))
    return Place(
        place_id=f"osm:{osm}",
        name=name,
        lat=lat,
        lon=lon,
        country=str(addr.get("country_code", "")).upper(),
        admin1=addr.get("state") or addr.get("province"),
        level=level,
        names=names,
        source="nominatim",
    )


def resolve_online(
    geocoder: OnlineGeocoder, name: str, ctx: Context, offline: Resolution
) -> Resolution:
    """Try ``geocoder`` for a name the offline gazetteer could not resolve.

    The search is restricted to ``ctx.region`` first, then run without restriction.
    Returns ``offline`` unchanged when the service knows nothing either.
    """
    place = geocoder.lookup(name, tuple(ctx.region)) if ctx.region else None
    if place is None:
        place = geocoder.lookup(name)
    if place is None:
        return offline
    score = 0.6 if place.country in ctx.region else 0.4
    return Resolution(name, place, score, (), "online", offline.suggestions)
