"""Inline every script and stylesheet the map needs, so index.html works offline.

Leaflet comes from the npm package installed by ``make install`` (``package.json`` at the
project root pins ``leaflet@1.9.3``); its three PNGs become ``data:`` URIs inside its CSS.
Our own runtime (``assets/geo.js``, ``assets/geo.css``) ships inside the Python package.
Nothing else is loaded: no CDN, no icon font, no tile unless the user switches tiles on.
"""

from __future__ import annotations

import base64
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from branca.element import Element, Figure, Template

from geo.errors import ExportError

ASSETS_ENV = "GEO_ASSETS_DIR"
PROJECT_ROOT = Path(__file__).resolve().parents[2]
OWN_ASSETS = Path(__file__).resolve().with_name("assets")
MISSING = "map assets not installed: run `make install`"

# (name, path inside node_modules) of every npm file the map inlines.
NPM_SCRIPTS = (("leaflet", "leaflet/dist/leaflet.js"),)
NPM_STYLES = (("leaflet_css", "leaflet/dist/leaflet.css"),)
OWN_SCRIPTS = (("geo", "geo.js"),)
OWN_STYLES = (("geo_css", "geo.css"),)

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[\w.-]+\.png)\1\)")


class Raw(Element):
    """Text put into the page as is.

    branca re-parses a macro's output as a Jinja template, so code or data containing
    ``{#`` or ``{{`` would break or vanish; passing it through a variable avoids that.
    """

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Raw"
        self.text = text


@dataclass(frozen=True)
class Assets:
    """Code to inline: ``scripts`` and ``styles`` as (name, text) pairs, in load order."""

    scripts: tuple[tuple[str, str], ...]
    styles: tuple[tuple[str, str], ...]


def node_modules() -> Path:
    """Return the ``node_modules`` folder the npm assets are read from.

    ``$GEO_ASSETS_DIR`` (a ``node_modules`` folder) overrides the default, the project
    root's ``node_modules``.
    """
    override = os.environ.get(ASSETS_ENV)
    return Path(override) if override else PROJECT_ROOT / "node_modules"


def load_assets() -> Assets:
    """Read the scripts and styles to inline.

    Returns
    -------
    Assets

    Raises
    ------
    ExportError
        When the npm packages are not installed (or ``$GEO_ASSETS_DIR`` is wrong).
    """
    return _load(str(node_modules()))


@lru_cache(maxsize=4)
def _load(directory: str) -> Assets:
    root = Path(directory)
    scripts = [(name, _read(root / rel)) for name, rel in NPM_SCRIPTS]
    styles = [
        (name, _data_uris(_read(root / rel), (root / rel).parent)) for name, rel in NPM_STYLES
    ]
    scripts += [(name, _read(OWN_ASSETS / rel)) for name, rel in OWN_SCRIPTS]
    styles += [(name, _read(OWN_ASSETS / rel)) for name, rel in OWN_STYLES]
    # A source-map comment would make developer tools fetch a file that is not there.
    scripts = [(name, _SOURCE_MAP.sub("", code)) for name, code in scripts]
    for name, code in scripts + styles:
        if re.search(r"</(script|style)", code, re.IGNORECASE):
            raise ExportError(f"asset {name} cannot be inlined: it contains a closing tag")
    return Assets(scripts=tuple(scripts), styles=tuple(styles))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ExportError(f"{MISSING} ({path} not found)") from error
    except OSError as error:
        raise ExportError(f"cannot read map asset {path}: {error.strerror or error}") from error


def _data_uris(css: str, base: Path) -> str:
    """Replace ``url(images/x.png)`` with the image itself as a ``data:`` URI."""

    def inline(match: re.Match) -> str:
        try:
            data = (base / match.group(2)).read_bytes()
        except OSError as error:
            raise ExportError(f"{MISSING} ({base / match.group(2)}: {error})") from error
        return f"url(data:image/png;base64,{base64.b64encode(data).decode('ascii')})"

    return _CSS_URL.sub(inline, css)


def inline_assets(figure: Figure, assets: Assets) -> None:
    """Put ``assets`` into ``figure``'s header and drop every element's CDN links.

    Call it after every element has been added: an element added later would bring
    its own ``default_js``/``default_css`` CDN links back.
    """
    for element in _walk(figure):
        # Set on the instance: the class lists are shared by every later map.
        if getattr(element, "default_js", None):
            element.default_js = []
        if getattr(element, "default_css", None):
            element.default_css = []
    for name, code in assets.styles:
        figure.header.add_child(Raw(f"<style>\n{code}\n</style>"), name=f"inline_{name}")
    for name, code in assets.scripts:
        figure.header.add_child(Raw(f"<script>\n{code}\n</script>"), name=f"inline_{name}")


def _walk(element: Element):
    yield element
    for child in list(element._children.values()):
        yield from _walk(child)


# Anything that would make the browser fetch something by itself.
_EXTERNAL = re.compile(
    r"<script[^>]*\ssrc\s*=|<link[^>]*\shref\s*=|url\(\s*['\"]?\s*(https?:)?//"
    r"|@import\s|<iframe|<img[^>]*\ssrc\s*=\s*['\"]?(https?:)?//",
    re.IGNORECASE,
)


def check_offline(html: str) -> None:
    """Raise ExportError if ``html`` would load anything from outside the file."""
    match = _EXTERNAL.search(html)
    if match:
        raise ExportError(f"map would load an external resource: {match.group(0)[:80]!r}")
