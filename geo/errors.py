"""Exceptions raised by geo.

Every error the tool raises on purpose derives from :class:`GeoError`; the CLI turns
any of them into one line on stderr and a non-zero exit code.
"""

from __future__ import annotations


class GeoError(Exception):
    """Root of every error geo raises on purpose."""


class InputError(GeoError):
    """A report or input file cannot be read or understood.

    Raised for empty, binary or malformed files; ``path`` names the file so the
    batch can report it and go on with the rest.
    """

    def __init__(self, message: str, path: str | None = None) -> None:
        self.path = path
        super().__init__(f"{path}: {message}" if path else message)


class GazetteerError(GeoError):
    """The gazetteer data cannot be loaded or a place id is unknown."""


class DateError(GeoError):
    """A date given by the user (``--from``, ``--to``, ``--dates``) cannot be parsed."""


class StoreError(GeoError):
    """The SQLite store cannot be opened, read or written."""


class ExportError(GeoError):
    """An output file (map, GeoJSON, GeoPackage, CSV) cannot be written."""


class GeocoderError(GeoError):
    """The opt-in online geocoder failed (timeout, quota, bad answer)."""
