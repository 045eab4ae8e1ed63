"""Open a geo GeoPackage with PyQGIS, headless: count features active on dates, or
render a map of one date to PNG.

Runs under the system Python (``/usr/bin/python3``), where Debian's python3-qgis lives,
not in the project's venv; start it with ``QT_QPA_PLATFORM=offscreen`` and ``HOME`` /
``XDG_RUNTIME_DIR`` pointing at writable temporary directories::

    python3 tests/qgis_check.py count control.gpkg 2017-09-30 2017-10-01
    python3 tests/qgis_check.py render control.gpkg docs/qgis.png --date 2017-10-20

``count`` prints one JSON object: the QGIS version and, per date, the sorted
``[place_id, actor]`` pairs that QGIS's temporal filter keeps, both for a single
instant (``QgsDateTimeRange(t, t)``) and for a one-day Temporal Controller frame
(``[t, t + 1 day)``). The layer is set up as docs/QGIS.md tells users to: "Separate
Fields for Start and End Date/Time" from ``--start``/``--end`` (default ``start_time``
and ``end_time``) and the default limits, "Include start, exclude end"
(``--include-end`` switches to "include start, include end"). For a GeoPackage it
also gives, per date, what the layer filter ``"start" <= 'DATE' AND "end" > 'DATE'``
keeps.

``render`` draws governorates, territory and control points (styled by actor) as the
Temporal Controller shows them on ``--date`` and prints, per actor, how many pixels
carry its marker colour.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter

ACTOR_COLOURS = {
    "government": "#d62728",
    "opposition": "#2ca02c",
    "sdf": "#e6b31e",
    "isis": "#222222",
    "hts": "#7b4ea3",
    "turkey": "#1f77b4",
    "unknown": "#9e9e9e",
    "contested": "#ff7f0e",  # territory only: places fought over
}


def _qdatetime(day: dt.date):
    from qgis.PyQt.QtCore import QDate, QDateTime, QTime

    return QDateTime(QDate(day.year, day.month, day.day), QTime(0, 0, 0))


def _layer(path: str, name: str):
    from qgis.core import QgsVectorLayer

    uri = f"{path}|layername={name}" if path.endswith(".gpkg") else path
    layer = QgsVectorLayer(uri, name, "ogr")
    if not layer.isValid():
        raise SystemExit(f"cannot open layer {name!r} of {path}")
    return layer


def _set_temporal(layer, start: str, end: str, include_end: bool) -> None:
    from qgis.core import Qgis, QgsVectorLayerTemporalProperties

    properties = layer.temporalProperties()
    properties.setIsActive(True)
    properties.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    properties.setStartField(start)
    properties.setEndField(end)
    properties.setLimitMode(
        Qgis.VectorTemporalLimitMode.IncludeBeginIncludeEnd
        if include_end
        else Qgis.VectorTemporalLimitMode.IncludeBeginExcludeEnd
    )
    del properties


def _active(layer, time_range) -> list[list[str]]:
    from qgis.core import QgsFeatureRequest, QgsVectorLayerTemporalContext

    context = QgsVectorLayerTemporalContext()
    context.setLayer(layer)
    expression = layer.temporalProperties().createFilterString(context, time_range)
    request = QgsFeatureRequest().setFilterExpression(expression)
    return sorted([str(f["place_id"]), str(f["actor"])] for f in layer.getFeatures(request))


def count(args: argparse.Namespace) -> dict:
    """Features active per date, as QGIS's temporal filter sees them."""
    from qgis.core import Qgis, QgsDateTimeRange

    layer = _layer(args.path, args.layer)
    _set_temporal(layer, args.start, args.end, args.include_end)
    fields = layer.fields()
    result = {"qgis": Qgis.QGIS_VERSION, "features": layer.featureCount(),
              "types": {name: fields.field(name).typeName() for name in (args.start, args.end)},
              "instant": {}, "frame": {}}
    for text in args.dates:
        day = dt.date.fromisoformat(text)
        instant = QgsDateTimeRange(_qdatetime(day), _qdatetime(day))
        # a Temporal Controller frame with a one-day step: [t, t + 1 day)
        frame = QgsDateTimeRange(_qdatetime(day), _qdatetime(day + dt.timedelta(days=1)),
                                 True, False)
        result["instant"][text] = _active(layer, instant)
        result["frame"][text] = _active(layer, frame)
    del layer
    if args.path.endswith(".gpkg"):
        # the one-date filter docs/QGIS.md gives (Layer > Filter...), run by the provider
        plain = _layer(args.path, args.layer)
        result["subset"] = {}
        for text in args.dates:
            if not plain.setSubsetString(f""""start" <= '{text}' AND "end" > '{text}'"""):
                raise SystemExit(f"QGIS rejected the filter for {text}")
            result["subset"][text] = sorted(
                [str(f["place_id"]), str(f["actor"])] for f in plain.getFeatures())
        del plain
    return result


def _categorized(layer, field: str, polygon: bool):
    from qgis.core import (
        QgsCategorizedSymbolRenderer,
        QgsFillSymbol,
        QgsMarkerSymbol,
        QgsRendererCategory,
    )

    categories = []
    for actor, colour in ACTOR_COLOURS.items():
        if polygon:
            symbol = QgsFillSymbol.createSimple(
                {"color": colour, "outline_color": colour, "outline_width": "0.2"})
            symbol.setOpacity(0.35)
        else:
            symbol = QgsMarkerSymbol.createSimple(
                {"name": "circle", "color": colour, "outline_color": "#ffffff",
                 "outline_width": "0.4", "size": "3.2"})
        categories.append(QgsRendererCategory(actor, symbol, actor))
    layer.setRenderer(QgsCategorizedSymbolRenderer(field, categories))


def _labels(layer, field: str) -> None:
    from qgis.core import (
        QgsPalLayerSettings,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    text_format = QgsTextFormat()
    text_format.setFont(QFont("DejaVu Sans"))
    text_format.setSize(7.5)
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    text_format.setBuffer(buffer)
    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.setFormat(text_format)
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _colour_counts(image, tolerance: int = 24) -> dict[str, int]:
    """Pixels within ``tolerance`` (per channel) of each actor's colour."""
    from qgis.PyQt.QtGui import QColor, QImage

    image = image.convertToFormat(QImage.Format_RGB32)
    seen = Counter(image.pixel(x, y) for y in range(image.height())
                   for x in range(image.width()))
    rgb = {value: QColor(value).getRgb()[:3] for value in seen}
    counts = {}
    for actor, colour in ACTOR_COLOURS.items():
        target = QColor(colour).getRgb()[:3]
        counts[actor] = sum(
            n for value, n in seen.items()
            if all(abs(a - b) <= tolerance for a, b in zip(rgb[value], target, strict=True)))
    return counts


def _paint_legend(image, title: str) -> None:
    """Write the title and an actor colour key in the lower-right corner."""
    from qgis.PyQt.QtCore import QRectF, Qt
    from qgis.PyQt.QtGui import QColor, QFont, QPainter

    painter = QPainter(image)
    painter.setRenderHint(QPainter.Antialiasing)
    line = 22
    width, height = 250, line * (len(ACTOR_COLOURS) + 1) + 16
    box = QRectF(image.width() - width - 12, image.height() - height - 12, width, height)
    painter.setPen(QColor("#8a8a8a"))
    painter.setBrush(QColor(255, 255, 255, 230))
    painter.drawRoundedRect(box, 6, 6)
    painter.setPen(QColor("#222222"))
    painter.setFont(QFont("DejaVu Sans", 10, QFont.Bold))
    painter.drawText(QRectF(box.left() + 10, box.top() + 6, width - 20, line),
                     Qt.AlignVCenter, title)
    painter.setFont(QFont("DejaVu Sans", 9))
    for row, (actor, colour) in enumerate(ACTOR_COLOURS.items(), start=1):
        top = box.top() + 8 + row * line
        painter.setPen(QColor("white"))
        painter.setBrush(QColor(colour))
        painter.drawEllipse(QRectF(box.left() + 12, top + 5, 12, 12))
        painter.setPen(QColor("#222222"))
        painter.drawText(QRectF(box.left() + 32, top, width - 40, line), Qt.AlignVCenter,
                         actor)
    painter.end()


def render(args: argparse.Namespace) -> dict:
    """Render governorates, territory and control points active on ``--date``."""
    from qgis.core import (
        QgsDateTimeRange,
        QgsFillSymbol,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsRectangle,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    day = dt.date.fromisoformat(args.date)
    governorates = _layer(args.path, "governorates")
    governorates.setRenderer(governorates.renderer().clone())
    governorates.renderer().setSymbol(QgsFillSymbol.createSimple(
        {"color": "#f4f1ea", "outline_color": "#8a8a8a", "outline_width": "0.3"}))
    _labels(governorates, "name")
    territory = _layer(args.path, "territory")
    _set_temporal(territory, "start_time", "end_time", include_end=False)
    _categorized(territory, "actor", polygon=True)
    control = _layer(args.path, "control")
    _set_temporal(control, "start_time", "end_time", include_end=False)
    _categorized(control, "actor", polygon=False)
    _labels(control, "place")

    settings = QgsMapSettings()
    settings.setLayers([control, territory, governorates])  # top first
    settings.setDestinationCrs(control.crs())
    extent = QgsRectangle(governorates.extent()) if governorates.featureCount() else \
        QgsRectangle(control.extent())
    extent.scale(1.05)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(args.width, args.height))
    settings.setBackgroundColor(QColor("#dce9f2"))
    settings.setIsTemporal(True)
    settings.setTemporalRange(QgsDateTimeRange(
        _qdatetime(day), _qdatetime(day + dt.timedelta(days=1)), True, False))
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    counts = _colour_counts(image)  # before the legend adds its own swatches
    if args.legend:
        _paint_legend(image, f"{args.legend}: {day.isoformat()}")
    if not image.save(args.png, "PNG"):
        raise SystemExit(f"cannot write {args.png}")
    result = {"png": args.png, "width": image.width(), "height": image.height(),
              "errors": [e.message for e in job.errors()], "pixels": counts}
    del job, settings, control, territory, governorates
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    counting = sub.add_parser("count", help="features active on each date")
    counting.add_argument("path", help="control.gpkg (layer --layer) or control.geojson")
    counting.add_argument("dates", nargs="+")
    counting.add_argument("--layer", default="control")
    counting.add_argument("--start", default="start_time", help="start field")
    counting.add_argument("--end", default="end_time", help="end field")
    counting.add_argument("--include-end", action="store_true",
                          help="limits: include start, include end")
    drawing = sub.add_parser("render", help="render one date to PNG")
    drawing.add_argument("path", help="a GeoPackage written by geo")
    drawing.add_argument("png")
    drawing.add_argument("--date", required=True)
    drawing.add_argument("--width", type=int, default=1100)
    drawing.add_argument("--height", type=int, default=900)
    drawing.add_argument("--legend", metavar="TITLE",
                         help="paint TITLE, the date and an actor colour key")
    args = parser.parse_args(argv)

    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    try:
        result = count(args) if args.command == "count" else render(args)
    finally:
        app.exitQgis()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
