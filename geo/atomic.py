"""Atomic file output: write to a temporary file beside the target, then rename.

A reader never sees half a file, and a failed write leaves the previous file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from geo.errors import ExportError


@contextmanager
def atomic_path(path: str | Path, suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in ``path``'s directory; rename it to ``path`` on success.

    For writers that need a file name (GDAL, pyogrio). The temporary file is removed
    when the block raises, and the error is re-raised as :class:`ExportError`.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=suffix or target.suffix
        )
        os.close(handle)
        os.unlink(name)  # writers such as GDAL refuse to overwrite an existing file
    except OSError as error:
        raise ExportError(f"{target}: cannot write ({error.strerror or error})") from error
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, target)
    except ExportError:
        temporary.unlink(missing_ok=True)
        raise
    except Exception as error:
        temporary.unlink(missing_ok=True)
        raise ExportError(f"{target}: cannot write ({error})") from error


@contextmanager
def atomic_text_writer(path: str | Path, encoding: str = "utf-8") -> Iterator[IO[str]]:
    """Yield a text handle whose content replaces ``path`` atomically on success."""
    with atomic_path(path) as temporary, open(temporary, "w", encoding=encoding,
                                              newline="") as handle:
        yield handle
