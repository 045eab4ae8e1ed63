"""Map layers: the schematic base map, one layer per holder, territory, optional tiles.

There are no tiles offline, so the base map is drawn from our own data: Syria's border
and governorate boundaries (Natural Earth, via ``gazetteer.boundaries``), the Euphrates
as a rough line through a few known points, and major towns as small labels. It is a
schematic, not a topographic map; the attribution says so. OpenStreetMap tiles can be
switched on from the layer control when online; they are off by default and nothing is
requested while they are off.
"""

from __future__ import annotations

import folium
from branca.element import MacroElement
from folium.map import Layer

from geo.render._encode import SCALE, encode_line, encode_shape, script_json
from geo.render.assets import Raw
from geo.render.markers import HOLDERS

# Major towns, (name, lat, lon): labels only, rounded to ~1 km.
TOWNS: tuple[tuple[str, float, float], ...] = (
    ("Damascus", 33.513, 36.292), ("Aleppo", 36.202, 37.158), ("Homs", 34.727, 36.723),
    ("Hama", 35.133, 36.750), ("Latakia", 35.521, 35.783), ("Tartus", 34.889, 35.887),
    ("Idlib", 35.931, 36.633), ("Raqqa", 35.950, 39.010), ("Deir ez-Zor", 35.336, 40.141),
    ("Hasakah", 36.502, 40.748), ("Qamishli", 37.052, 41.231), ("Daraa", 32.625, 36.106),
    ("Suwayda", 32.709, 36.567), ("Palmyra", 34.560, 38.267), ("Abu Kamal", 34.451, 40.918),
    ("Manbij", 36.528, 37.955), ("al-Bab", 36.371, 37.517), ("Afrin", 36.512, 36.869),
    ("Kobani", 36.891, 38.354), ("Quneitra", 33.126, 35.824), ("Mayadin", 35.020, 40.452),
    ("Tabqa", 35.837, 38.548),
)

# The Euphrates, (lat, lon) from the Turkish border to the Iraqi one: a rough line
# through known towns and dams, not a survey.
EUPHRATES: tuple[tuple[float, float], ...] = (
    (36.83, 38.01), (36.65, 38.04), (36.38, 38.18), (36.15, 38.17), (36.00, 38.20),
    (35.92, 38.35), (35.87, 38.57), (35.93, 38.80), (35.94, 39.02), (35.83, 39.35),
    (35.73, 39.65), (35.55, 39.95), (35.34, 40.16), (35.18, 40.33), (35.01, 40.47),
    (34.75, 40.70), (34.46, 40.93), (34.38, 40.98),
)

ATTRIBUTION = (
    "Schematic base: boundaries &copy; Natural Earth (public domain); "
    "river and towns approximate"
)
TERRITORY_PANE = "geo-territory"


class _DataLayer(Layer):
    """A layer drawn by ``assets/geo.js`` from a JSON block (``factory(map, data)``)."""

    factory = ""

    def __init__(self, data: dict, name: str, *, show: bool = True, control: bool = True):
        super().__init__(name=name, overlay=True, control=control, show=show)
        self.data = data

    def render(self, **kwargs) -> None:
        """Add the JSON block and the script that builds the layer."""
        figure = self.get_root()
        block = f"{self.get_name()}_data"
        figure.html.add_child(
            Raw(f'<script type="application/json" id="{block}">{script_json(self.data)}</script>'),
            name=block,
        )
        figure.script.add_child(
            Raw(
                f"var {self.get_name()} = geo.{self.factory}({self._parent.get_name()}, "
                f'geo.readData("{block}"));'
            ),
            name=f"{self.get_name()}_build",
        )
        super().render(**kwargs)


class BaseMap(_DataLayer):
    """Border, governorate boundaries and the Euphrates, drawn under everything."""

    factory = "baseLayer"

    def __init__(self, border, governorates, name: str = "Base map (schematic)"):
        data = {
            "scale": SCALE,
            "border": encode_shape(border),
            "governorates": [
                {"n": str(n), "g": encode_shape(g)}
                for n, g in zip(governorates["name"], governorates.geometry.values, strict=True)
            ],
            "rivers": [{"n": "Euphrates", "g": encode_line(EUPHRATES)}],
        }
        super().__init__(data, name)


class TownLabels(_DataLayer):
    """Major towns as small dots and labels."""

    factory = "townsLayer"

    def __init__(self, name: str = "Towns"):
        super().__init__({"towns": [list(t) for t in TOWNS]}, name)


class TerritoryToggle(Layer):
    """Layer-control entry that shows or hides all territory shading at once."""

    def __init__(self, name: str = "Territory (schematic)", show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)

    def render(self, **kwargs) -> None:
        """Create the territory pane (below markers) and its toggle."""
        self.get_root().script.add_child(
            Raw(
                f"var {self.get_name()} = geo.paneToggle({self._parent.get_name()}, "
                f'"{TERRITORY_PANE}", 350);'
            ),
            name=f"{self.get_name()}_build",
        )
        super().render(**kwargs)


def holder_groups() -> dict[str, folium.FeatureGroup]:
    """One overlay per holder (its markers and territory), named with a colour swatch."""
    groups = {}
    for key, (text, fill) in HOLDERS.items():
        swatch = (
            f'<span class="geo-swatch" style="background:{fill}"></span>'
            if key != "contested"
            else '<svg class="geo-swatch" width="12" height="12"><rect width="12" height="12" '
            'fill="url(#geo-hatch-contested)"/></svg>'
        )
        groups[key] = folium.FeatureGroup(name=f"{swatch}{text}", overlay=True, show=True)
    return groups


def osm_tiles() -> folium.TileLayer:
    """OpenStreetMap tiles, off by default (needs the network when switched on)."""
    return folium.TileLayer(
        "OpenStreetMap", name="OpenStreetMap tiles (online)", overlay=True, show=False,
        control=True,
    )


class Attribution(MacroElement):
    """Says where the base map comes from and that it is schematic."""

    def __init__(self, text: str = ATTRIBUTION):
        super().__init__()
        self._name = "Attribution"
        self.text = text

    def render(self, **kwargs) -> None:
        """Add the text to Leaflet's attribution control."""
        self.get_root().script.add_child(
            Raw(
                f"{self._parent.get_name()}.attributionControl.addAttribution("
                f"{script_json(self.text)});"
            ),
            name=self.get_name(),
        )
        super().render(**kwargs)
