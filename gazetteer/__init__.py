"""Offline gazetteer for Syrian place names in any transliteration.

Never imports ``geo``. Public API::

    from gazetteer import Gazetteer, Context
    gaz = Gazetteer.load()
    gaz.resolve("Dayr al-Zawr").place
"""

from gazetteer.model import Context, Match, Place, Resolution

__all__ = ["Context", "Gazetteer", "Match", "Place", "Resolution"]


def __getattr__(name: str):
    # Lazy so that importing the package stays cheap (no data loaded at import time).
    if name == "Gazetteer":
        from gazetteer.index import Gazetteer

        return Gazetteer
    raise AttributeError(name)
