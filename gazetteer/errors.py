"""Errors raised by the gazetteer package (which never imports ``geo``)."""

from __future__ import annotations


class GazetteerDataError(Exception):
    """Raised when gazetteer data cannot be read or is malformed.

    Examples: a missing or corrupt boundary file, a curated CSV row without
    coordinates, an aliases row naming an unknown place.
    """


class OnlineGeocoderError(GazetteerDataError):
    """Raised when the online fallback geocoder fails.

    Covers timeouts, refused connections, HTTP 429 (rate limited), HTTP 5xx and
    answers that are not the expected JSON. The message names the service and cause.
    """
