"""Marker symbols: colour by holder, shape by status, as small inline SVGs.

No icon font and no image: each symbol is an ``<svg>`` string used as a Leaflet
``divIcon``, and the same strings draw the legend. Contested places are hatched
(a ``<pattern>`` defined once per page by :class:`Symbols`) inside a dashed double ring.
"""

from __future__ import annotations

import math

from branca.element import MacroElement

from geo.render.assets import Raw

# Holder -> (label, fill colour). "contested" is a holder of its own on the map.
HOLDERS: dict[str, tuple[str, str]] = {
    "government": ("Government & allies", "#d62728"),
    "opposition": ("Opposition", "#2ca02c"),
    "sdf": ("SDF", "#f5d000"),
    "isis": ("ISIS", "#111111"),
    "hts": ("HTS", "#8c8c8c"),
    "turkey": ("Turkey / SNA", "#98df8a"),
    "contested": ("Contested", "#6b6b6b"),
    "unknown": ("Unknown", "#ffffff"),
}
STATUS_LABELS = {
    "controls": "controls",
    "captured": "captured",
    "partial": "holds part",
    "contested": "contested",
    "besieged": "besieged",
    "withdrew": "withdrew",
}
OUTLINE = "#222"
SIZE = 20  # px, width and height of every symbol


def colour(actor: str) -> str:
    """Fill colour of ``actor`` (white for anything unknown)."""
    return HOLDERS.get(actor, HOLDERS["unknown"])[1]


def label(actor: str) -> str:
    """Human label of a holder; the raw value for anything unknown."""
    return HOLDERS.get(actor, (actor, ""))[0]


def hatch_id(actor: str) -> str:
    """Id of the hatch pattern drawn in ``actor``'s colour."""
    return f"geo-hatch-{actor if actor in HOLDERS else 'unknown'}"


def icon_key(actor: str, status: str, fraction: float | None) -> str:
    """Key under which the symbol of (actor, status, fraction) is shipped once."""
    eighths = _eighths(fraction) if status == "partial" else 0
    return f"{actor if actor in HOLDERS else 'unknown'}|{status}|{eighths}"


def _eighths(fraction: float | None) -> int:
    if fraction is None or not math.isfinite(fraction):
        return 4
    return min(8, max(1, round(fraction * 8)))


def symbol(
    actor: str, status: str, fraction: float | None = None, *, fill: str | None = None
) -> str:
    """Return the SVG of one marker.

    Parameters
    ----------
    actor : str
        Holder (one of :data:`HOLDERS`; anything else is drawn as unknown).
    status : str
        ``controls`` (disc), ``captured`` (diamond), ``partial`` (pie filled to
        ``fraction``, half when unknown), ``contested`` (hatched disc in a dashed
        double ring), ``besieged`` (disc in a ring), ``withdrew`` (hollow dashed
        circle).
    fraction : float or None
        Share held, for ``partial``.
    fill : str, optional
        Colour to use instead of the holder's (the legend draws shapes in grey).

    Returns
    -------
    str
        ``<svg>`` markup; its ``data-colour`` attribute holds the fill colour.
    """
    fill = fill or colour(actor)
    line = f'stroke="{OUTLINE}" stroke-width="1.2"'
    if status == "captured":
        body = f'<path d="M10 2.5 17.5 10 10 17.5 2.5 10Z" fill="{fill}" {line}/>'
    elif status == "partial":
        body = f'<circle cx="10" cy="10" r="6.5" fill="#fff" {line}/>' + _pie(
            _eighths(fraction) / 8, fill
        ) + f'<circle cx="10" cy="10" r="6.5" fill="none" {line}/>'
    elif status == "contested":
        body = (
            f'<circle cx="10" cy="10" r="5.5" fill="url(#{hatch_id(actor)})" {line}/>'
            f'<circle cx="10" cy="10" r="8.3" fill="none" stroke="{OUTLINE}" '
            'stroke-width="1.2" stroke-dasharray="2.2 1.6"/>'
        )
    elif status == "besieged":
        body = (
            f'<circle cx="10" cy="10" r="5" fill="{fill}" {line}/>'
            f'<circle cx="10" cy="10" r="8.3" fill="none" stroke="{OUTLINE}" stroke-width="2"/>'
        )
    elif status == "withdrew":
        body = (
            f'<circle cx="10" cy="10" r="6" fill="none" stroke="{OUTLINE}" stroke-width="3.4"/>'
            f'<circle cx="10" cy="10" r="6" fill="none" stroke="{fill}" stroke-width="2" '
            'stroke-dasharray="3 2"/>'
        )
    else:  # controls, and any status we do not know
        body = f'<circle cx="10" cy="10" r="6.5" fill="{fill}" {line}/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" '
        f'viewBox="0 0 20 20" data-colour="{fill}" data-status="{status}" aria-hidden="true">'
        f"{body}</svg>"
    )


def _pie(share: float, fill: str) -> str:
    """A wedge from 12 o'clock, clockwise, covering ``share`` of the disc."""
    if share >= 1:
        return f'<circle cx="10" cy="10" r="6.5" fill="{fill}"/>'
    angle = 2 * math.pi * share
    x = 10 + 6.5 * math.sin(angle)
    y = 10 - 6.5 * math.cos(angle)
    large = 1 if share > 0.5 else 0
    return f'<path d="M10 10V3.5A6.5 6.5 0 {large} 1 {x:.2f} {y:.2f}Z" fill="{fill}"/>'


def defs_svg() -> str:
    """Hidden SVG with one hatch pattern per holder (used by markers and territory)."""
    patterns = []
    for actor, (_, fill) in HOLDERS.items():
        ink = OUTLINE if actor in ("unknown", "contested") else fill
        patterns.append(
            f'<pattern id="{hatch_id(actor)}" patternUnits="userSpaceOnUse" width="5" '
            f'height="5" patternTransform="rotate(45)"><rect width="5" height="5" '
            f'fill="#fff" fill-opacity="0.85"/><rect width="2.4" height="5" fill="{ink}"/>'
            "</pattern>"
        )
    return (
        '<svg class="geo-defs" width="0" height="0" aria-hidden="true" focusable="false">'
        f"<defs>{''.join(patterns)}</defs></svg>"
    )


class Symbols(MacroElement):
    """Puts the hatch patterns into the page once (markers and territory refer to them)."""

    def __init__(self) -> None:
        super().__init__()
        self._name = "Symbols"

    def render(self, **kwargs) -> None:
        """Add the hidden ``<svg><defs>`` to the page body."""
        self.get_root().html.add_child(Raw(defs_svg()), name=self.get_name())
        super().render(**kwargs)
