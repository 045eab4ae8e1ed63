"""The time slider: play/pause, previous/next, a range input and the current date.

A small control of our own (``geo.init`` in ``assets/geo.js``) instead of folium's
TimestampedGeoJson, which ignores ``start``/``end`` and breaks polygons: at each slice
it shows the interval whose runs contain that slice, for every place and territory
piece, and moves each into its holder's layer. It also exposes ``window.geoMap``
(``setDate``, ``setIndex``, ``markerColour``, ``holder``, ``openPopup``, ...).
"""

from __future__ import annotations

from branca.element import MacroElement

from geo.render._encode import script_json
from geo.render.assets import Raw


class TimeSlider(MacroElement):
    """Slider control driving the holder layers.

    Parameters
    ----------
    payload : dict
        From :func:`geo.render._payload.build_payload`.
    groups : dict
        Holder key -> folium layer (already added to the map) receiving its markers
        and territory.
    start : str
        ``last`` (default: open on the most recent slice) or ``first``.
    frame_ms : int
        Milliseconds per slice while playing.
    """

    def __init__(self, payload: dict, groups: dict, *, start: str = "last",
                 frame_ms: int = 900) -> None:
        super().__init__()
        self._name = "TimeSlider"
        self.payload = payload
        self.groups = groups
        self.options = {"start": start, "frameMs": frame_ms}

    def render(self, **kwargs) -> None:
        """Add the data block and the script that starts the control."""
        figure = self.get_root()
        block = f"{self.get_name()}_data"
        figure.html.add_child(
            Raw(
                f'<script type="application/json" id="{block}">'
                f"{script_json(self.payload)}</script>"
            ),
            name=block,
        )
        groups = ",".join(f"{script_json(k)}:{v.get_name()}" for k, v in self.groups.items())
        figure.script.add_child(
            Raw(
                f"var {self.get_name()} = geo.init({self._parent.get_name()}, "
                f'geo.readData("{block}"), {{{groups}}}, {script_json(self.options)});'
            ),
            name=self.get_name(),
        )
        super().render(**kwargs)
