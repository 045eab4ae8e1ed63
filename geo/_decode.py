"""Bytes to text for :mod:`geo.ingest`: refuse binary files, find the encoding.

Order: a byte-order mark (UTF-8/16/32); binary signatures and NUL bytes (UTF-16
without a BOM is recognised by its pattern of NULs); strict UTF-8 (fast and the most
common); an encoding the HTML declares; charset-normalizer's guess, reported as a
warning because it is a guess.
"""

from __future__ import annotations

import codecs
import re

from geo.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"%PDF-", "PDF"), (b"PK\x03\x04", "ZIP/Office"), (b"\x1f\x8b", "gzip"),
    (b"\x89PNG", "PNG image"), (b"GIF8", "GIF image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"BZh", "bzip2"), (b"7z\xbc\xaf", "7-Zip"), (b"Rar!", "RAR"), (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"), (b"OggS", "Ogg audio"), (b"ID3", "MP3 audio"),
    (b"RIFF", "RIFF media"), (b"\xd0\xcf\x11\xe0", "MS Office"), (b"\x28\xb5\x2f\xfd", "zstd"),
)
_DECLARED = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
MAX_NONTEXT = 0.05  # share of control/replacement characters that makes a file binary


def decode(data: bytes, path: str, html: bool = False) -> tuple[str, str | None]:
    """Decode a file's bytes.

    Parameters
    ----------
    data : bytes
    path : str
        Named in errors.
    html : bool
        Look for a ``<meta charset>`` declaration before guessing.

    Returns
    -------
    tuple of (str, str or None)
        The text and a warning when the encoding was guessed.

    Raises
    ------
    InputError
        Empty, binary (a known signature, NUL bytes, mostly control characters) or
        undecodable input.
    """
    if not data.strip():
        raise InputError("empty file", path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding), path), None
            except UnicodeDecodeError as error:
                raise InputError(f"cannot decode as {encoding}: {error.reason}", path) from None
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"binary file ({what}), not a text report", path)
    if b"\x00" in data:
        wide = _utf16_without_bom(data)
        if wide is None:
            raise InputError("binary file (contains NUL bytes), not a text report", path)
        try:
            return _checked(data.decode(wide), path), f"encoding guessed: {wide} (no BOM)"
        except UnicodeDecodeError:
            raise InputError("binary file (contains NUL bytes), not a text report",
                             path) from None
    try:
        return _checked(data.decode("utf-8"), path), None
    except UnicodeDecodeError:
        pass
    if html:
        declared = _DECLARED.search(data[:4096])
        if declared:
            try:
                name = codecs.lookup(declared[1].decode("ascii")).name
                return _checked(data.decode(name), path), None
            except (LookupError, UnicodeDecodeError):
                pass  # a wrong declaration: guess instead
    from charset_normalizer import from_bytes  # only needed for non-UTF-8 input

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot decode: not UTF-8 and no known encoding fits", path)
    text, encoding = str(best), best.encoding
    if encoding != "cp1252" and _same_in_cp1252(data, text):
        encoding = "cp1252"  # Western text reads the same in several code pages: name the usual one
    return _checked(text, path), f"encoding guessed: {encoding}"


def _same_in_cp1252(data: bytes, text: str) -> bool:
    try:
        return data.decode("cp1252") == text
    except UnicodeDecodeError:
        return False


def _utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when the NULs fall on every other byte, else None."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / max(len(sample[1::2]), 1)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


# Control characters (Unicode category Cc) other than \t \n \f \r, and U+FFFD.
_NONTEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def _checked(text: str, path: str) -> str:
    """Refuse text that is mostly control or replacement characters."""
    sample = text[:65536]
    if not sample.strip():
        raise InputError("empty file", path)
    bad = len(_NONTEXT.findall(sample))
    if bad > MAX_NONTEXT * len(sample):
        raise InputError("binary file (mostly non-text characters), not a text report", path)
    return text
