"""The shape of a place name written in Latin letters, shared by the name finders.

"Kafr Nabl", "al-Bab", "Tal Abu Zahir", "Deir ez-Zor": up to four capitalised words,
each optionally led by an Arabic particle (al-, ash-, umm, bani ...).
"""

from __future__ import annotations

__all__ = ["NAME_PATTERN"]

_PARTICLE = r"(?:al|el|as|ash|ad|ar|at|az|an|ad|bin|ibn|abu|umm|bani|beni)"
NAME_PATTERN = (rf"(?:{_PARTICLE}[\s-])?[A-Z][\w'’]+"
                rf"(?:(?:[\s-]{_PARTICLE})?[\s-][A-Z][\w'’]+){{0,3}}")
