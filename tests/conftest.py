"""Shared fixtures.

Tests that need Chromium, ``ogrinfo`` or QGIS skip when the tool is missing, except
under ``GEO_REQUIRE_BROWSER=1`` / ``GEO_REQUIRE_GDAL=1`` (set by ``.ci/run``), where a
missing tool is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TEST_DATA = ROOT / "tests" / "data"
CHROMIUM = "/usr/bin/chromium"


def require_tool(available: bool, env_var: str, what: str) -> None:
    """Skip the test when ``what`` is missing, or fail when ``env_var`` demands it."""
    if available:
        return
    if os.environ.get(env_var) == "1":
        pytest.fail(f"{what} is required ({env_var}=1) but not installed")
    pytest.skip(f"{what} not installed")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of Debian's Chromium, for Playwright's ``executable_path``."""
    require_tool(Path(CHROMIUM).exists(), "GEO_REQUIRE_BROWSER", "Chromium (/usr/bin/chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        require_tool(False, "GEO_REQUIRE_BROWSER", "the playwright Python package")
    return CHROMIUM


@pytest.fixture(scope="session")
def ogrinfo() -> str:
    """Path of GDAL's ``ogrinfo``."""
    path = shutil.which("ogrinfo")
    require_tool(path is not None, "GEO_REQUIRE_GDAL", "GDAL's ogrinfo")
    return path


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared development corpus (``../shared/corpus``)."""
    if not (CORPUS / "manifest.csv").exists():
        pytest.skip("../shared/corpus not present")
    return CORPUS


@pytest.fixture(scope="session")
def gazetteer():
    """The default gazetteer, loaded once per test session."""
    from gazetteer import Gazetteer

    return Gazetteer.load()


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory, corpus_dir):
    """One ``geo build`` of the development corpus, shared by render/export tests.

    Returns the output directory holding index.html, claims.geojson, control.geojson,
    control.gpkg, claims.csv and geo.sqlite.
    """
    from geo.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("corpus_build")
    build(
        [corpus_dir / "reports"],
        BuildOptions(
            manifest=corpus_dir / "manifest.csv",
            date_from="2017-06-01",
            date_to="2017-10-31",
            step="1w",
            out_dir=out,
            quiet=True,
        ),
    )
    return out
