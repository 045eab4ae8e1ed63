"""Take a PNG screenshot of a rendered map with Playwright and Debian's Chromium.

Usage::

    python -m geo.render.screenshot maps/index.html docs/map.png [--date 2017-10-21]
    python -m geo.render.screenshot --demo docs/map.png   # hand-made demo map

The page is opened from disk with every other request aborted, so the screenshot shows
exactly what an offline reader sees.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def screenshot(
    html: str | Path,
    png: str | Path,
    *,
    date: str | None = None,
    size: tuple[int, int] = (1400, 900),
    chromium: str = CHROMIUM,
) -> Path:
    """Open ``html`` offline in headless Chromium and save a screenshot to ``png``.

    Parameters
    ----------
    html : str or Path
        A map written by :func:`geo.render.render_map`.
    png : str or Path
        Output image.
    date : str, optional
        Move the slider to this date (``YYYY-MM-DD``) first; default: the map's own
        starting slice (the last one).
    size : (int, int)
        Viewport width and height in pixels.
    chromium : str
        Chromium executable.

    Returns
    -------
    Path
        ``png``.
    """
    from playwright.sync_api import sync_playwright

    url = Path(html).resolve().as_uri()
    out = Path(png)
    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.route(
                "**/*", lambda r: r.continue_() if r.request.url == url else r.abort()
            )
            page.goto(url)
            page.wait_for_function("window.geoMap !== undefined")
            if date:
                page.evaluate("d => window.geoMap.setDate(d)", date)
            page.wait_for_timeout(300)  # let Leaflet finish drawing
            page.screenshot(path=str(out))
        finally:
            browser.close()
    return out


def _demo_map(path: Path) -> Path:
    from geo.render import render_map
    from geo.render._demo import demo_claims, demo_dates, demo_intervals

    claims = demo_claims()
    return render_map(
        claims, demo_intervals(claims), demo_dates(), path,
        title="geo demo (hand-made claims): control in Syria, 2017",
    )


def main(argv: list[str] | None = None) -> int:
    """Command line entry point (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="python -m geo.render.screenshot",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="+", help="HTML then PNG, or just PNG with --demo")
    parser.add_argument("--demo", action="store_true", help="render the hand-made demo first")
    parser.add_argument("--date", help="slider date to show (YYYY-MM-DD)")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    expected = 1 if args.demo else 2
    if len(args.paths) != expected:
        parser.error("give HTML and PNG paths, or --demo and a PNG path")
    size = (args.width, args.height)
    if args.demo:
        with tempfile.TemporaryDirectory() as tmp:
            html = _demo_map(Path(tmp) / "index.html")
            out = screenshot(html, args.paths[0], date=args.date, size=size)
    else:
        out = screenshot(args.paths[0], args.paths[1], date=args.date, size=size)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
