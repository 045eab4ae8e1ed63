"""The offline map: one self-contained ``index.html`` with a time slider.

One module per map element, folium style: :mod:`~geo.render.assets` (inlined Leaflet
and our runtime), :mod:`~geo.render.layers` (schematic base map, holder layers,
territory, optional tiles), :mod:`~geo.render.markers` (SVG symbols),
:mod:`~geo.render.popups`, :mod:`~geo.render.legend` and :mod:`~geo.render.slider`.
:func:`render_map` composes them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from geo.errors import ExportError
from geo.model import Claim, Interval

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas
    from shapely.geometry.base import BaseGeometry

__all__ = ["render_map", "render_html"]


def render_map(
    claims: Iterable[Claim],
    intervals: Sequence[Interval],
    dates: Sequence[dt.date],
    path: str | Path,
    *,
    title: str = "geo",
    state: pandas.DataFrame | None = None,
    border: BaseGeometry | None = None,
    governorates: geopandas.GeoDataFrame | None = None,
) -> Path:
    """Write the map as one offline HTML file, atomically.

    Parameters
    ----------
    claims : iterable of Claim
        All claims of the build (counted in the legend; popups list each interval's
        own supporting claims).
    intervals : sequence of Interval
        Control intervals.
    dates : sequence of datetime.date
        Slice dates of the slider.
    path : str or Path
        Output file (usually ``index.html``). Written to a temporary file in the same
        folder, then renamed: an existing file is untouched if anything fails.
    title : str
        Map title (shown as text, never as markup).
    state : pandas.DataFrame, optional
        ``geo.slices.state_at(intervals, dates)`` when the caller already has it.
    border, governorates : optional
        Boundaries; default ``gazetteer.boundaries.border()`` / ``governorates()``.

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    ExportError
        When the map assets are not installed, the boundaries cannot be read or the
        file cannot be written.
    """
    from geo.atomic import atomic_text_writer

    html = render_html(
        claims, intervals, dates, title=title, state=state, border=border,
        governorates=governorates,
    )
    target = Path(path)
    with atomic_text_writer(target) as handle:
        handle.write(html)
    return target


def render_html(
    claims: Iterable[Claim],
    intervals: Sequence[Interval],
    dates: Sequence[dt.date],
    *,
    title: str = "geo",
    state: pandas.DataFrame | None = None,
    border: BaseGeometry | None = None,
    governorates: geopandas.GeoDataFrame | None = None,
) -> str:
    """Return the map's HTML (see :func:`render_map`)."""
    import folium

    from geo.render._payload import build_payload
    from geo.render.assets import check_offline, inline_assets, load_assets
    from geo.render.layers import (
        Attribution,
        BaseMap,
        TerritoryToggle,
        TownLabels,
        holder_groups,
        osm_tiles,
    )
    from geo.render.legend import Legend, Title
    from geo.render.markers import Symbols
    from geo.render.slider import TimeSlider
    from geo.territory import territory_pieces

    assets = load_assets()  # first: a missing `make install` fails before any work
    claims = list(claims)
    intervals = list(intervals)
    dates = sorted(set(dates))
    border, governorates = _boundaries(border, governorates)
    if state is None:
        from geo.slices import state_at

        state = state_at(intervals, dates)
    pieces = territory_pieces(state, border, governorates)
    payload = build_payload(intervals, dates, state, pieces, until=dates[-1] if dates else None)

    minx, miny, maxx, maxy = border.bounds
    fmap = folium.Map(
        location=[(miny + maxy) / 2, (minx + maxx) / 2], zoom_start=7, tiles=None,
        control_scale=True, zoom_snap=0.25, zoom_delta=0.5,
    )
    # Keep the country clear of the layer control and legend (right), slider (bottom).
    fmap.fit_bounds(
        [[miny, minx], [maxy, maxx]], padding_top_left=(10, 10), padding_bottom_right=(290, 70)
    )
    Symbols().add_to(fmap)
    BaseMap(border, governorates).add_to(fmap)
    TerritoryToggle().add_to(fmap)
    groups = holder_groups()
    for group in groups.values():
        group.add_to(fmap)
    TownLabels().add_to(fmap)
    osm_tiles().add_to(fmap)
    TimeSlider(payload, groups).add_to(fmap)
    Legend(stats=_stats(claims, intervals)).add_to(fmap)
    Title(title).add_to(fmap)
    Attribution().add_to(fmap)
    folium.LayerControl(position="topright", collapsed=False).add_to(fmap)
    inline_assets(fmap.get_root(), assets)
    html = fmap.get_root().render()
    check_offline(html)
    return html


def _boundaries(border, governorates):
    """Default boundaries from the gazetteer, its errors turned into ExportError."""
    if border is not None and governorates is not None:
        return border, governorates
    from gazetteer import boundaries
    from gazetteer.errors import GazetteerDataError

    try:
        return (
            border if border is not None else boundaries.border(),
            governorates if governorates is not None else boundaries.governorates(),
        )
    except GazetteerDataError as error:
        raise ExportError(f"cannot draw the base map: {error}") from error


def _stats(claims: list[Claim], intervals: list[Interval]) -> str:
    reports = len({c.doc for c in claims})
    return (
        f"{len(claims)} claim{'s' * (len(claims) != 1)} from {reports} "
        f"report{'s' * (reports != 1)}; {len(intervals)} control "
        f"interval{'s' * (len(intervals) != 1)}."
    )
