"""The legend (holder colours, status shapes, what the shading means) and the title.

The legend's HTML is built here from constants only; the title is user text and is set
with ``textContent`` in the browser, so it can never become markup.
"""

from __future__ import annotations

from html import escape

from branca.element import MacroElement

from geo.render._encode import script_json
from geo.render.assets import Raw
from geo.render.markers import HOLDERS, STATUS_LABELS, symbol
from geo.territory import REACH_KM

# The map draws a place as "captured" for two weeks after it changed hands.
LEGEND_STATUS = {"captured": "captured (last 2 weeks)"}
SHAPE_GREY = "#b8b8b8"  # shapes in the legend: not a holder colour
NOTE = (
    f"Shading: each place's Voronoi cell (nearest known place), at most {REACH_KM:.0f} km "
    "from it and clipped to the border; a governorate claimed as a whole is shaded when "
    "no place inside it is known. Blank: no evidence. Schematic, not front lines."
)


def legend_html(stats: str = "") -> str:
    """Return the legend's HTML (``stats``: a line of counts, escaped here)."""
    holders = "".join(
        f"<li>{symbol(key, 'controls')}<span>{escape(text)}</span></li>"
        for key, (text, _) in HOLDERS.items()
        if key != "contested"
    )
    statuses = "".join(
        f"<li>{symbol('contested', status, 0.5, fill=SHAPE_GREY)}"
        f"<span>{escape(text)}</span></li>"
        for status, text in {**STATUS_LABELS, **LEGEND_STATUS}.items()
    )
    return (
        "<h4>Who holds what</h4>"
        f'<h5>Holder (colour)</h5><ul class="geo-legend-holders">{holders}</ul>'
        f'<h5>Status (shape)</h5><ul class="geo-legend-statuses">{statuses}</ul>'
        f'<p class="geo-note">{escape(NOTE)}</p>'
        + (f'<p class="geo-note geo-stats">{escape(stats)}</p>' if stats else "")
    )


class Legend(MacroElement):
    """Legend control, bottom right."""

    def __init__(self, stats: str = "", position: str = "bottomright") -> None:
        super().__init__()
        self._name = "Legend"
        self.stats = stats
        self.position = position

    def render(self, **kwargs) -> None:
        """Add the script that builds the control."""
        self.get_root().script.add_child(
            Raw(
                f"var {self.get_name()} = geo.legend({self._parent.get_name()}, "
                f"{script_json(legend_html(self.stats))}, {script_json(self.position)});"
            ),
            name=self.get_name(),
        )
        super().render(**kwargs)


class Title(MacroElement):
    """The map's title, top left."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Title"
        self.text = text

    def render(self, **kwargs) -> None:
        """Add the script that builds the title box."""
        self.get_root().script.add_child(
            Raw(f"geo.title({self._parent.get_name()}, {script_json(self.text)});"),
            name=self.get_name(),
        )
        figure = self.get_root()
        figure.title = escape(self.text)  # branca puts it into <title> unescaped
        super().render(**kwargs)
