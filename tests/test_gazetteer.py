"""Tests of the gazetteer: keys, loading, resolution, disambiguation, text search."""

from __future__ import annotations

import csv
import math

import pytest

from gazetteer import Context, Gazetteer, Place
from gazetteer.errors import GazetteerDataError
from gazetteer.load import read_aliases, read_curated
from gazetteer.normalize import key, light
from gazetteer.resolve import resolution_to_dict


def km(a: Place, lat: float, lon: float) -> float:
    p1, p2 = math.radians(a.lat), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


# -- normalize ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("Deir ez-Zor", "Dayr al-Zawr", "Deir al-Zour", "Dair al-Zor", "Deir el-Zor"),
        ("Raqqa", "Raqqah", "Raqa", "ar-Raqqah", "al-Raqqa", "Rakka", "Al Raqqa"),
        ("Suwayda", "Sweida", "As-Suwayda", "Soueida", "Suwaida"),
        ("Khan Sheikhoun", "Khan Shaykhun", "Khan Sheikhun", "Khan Shaykhoun"),
        ("Kafr Nabudah", "Kfar Nabouda", "Kafr Nabouda"),
        ("Tal Abyad", "Tell Abyad", "Tel Abyad", "Tall Abyad"),
        ("Dar'a", "Dar`a", "Dara’a", "Daraa", "Dar‘a"),
        ("الرقة", "الرقّة", "رقة"),
    ],
)
def test_key_folds_transliterations(spellings):
    keys = {key(s) for s in spellings}
    assert len(keys) == 1, keys


def test_key_keeps_different_places_apart():
    assert key("Homs") != key("Hama")
    assert key("Idlib") != key("Aleppo")
    assert key("Tal Abyad") != key("Abyad")  # "Tal" is part of the name, not an article


def test_key_drops_articles_but_not_alone():
    assert key("al-Bab") == key("Bab") == "bab"
    assert key("Al") == "al"
    assert key("") == ""
    assert key("T4") == key("T-4") == "t 4"


def test_light_keeps_vowels():
    assert light("Maadan") != light("Mayadin")
    assert light("Raqqah") == light("Raqqa") == "raqa"


# -- loading ----------------------------------------------------------------------------


def test_load_has_sources(gazetteer):
    sources = {p.source.split(":")[0] for p in gazetteer.places}
    assert {"geonames", "naturalearth", "curated"} <= sources
    countries = {p.country for p in gazetteer.places}
    assert {"SY", "IQ", "TR", "LB", "JO", "IL"} <= countries
    ids = [p.place_id for p in gazetteer.places]
    assert len(ids) == len(set(ids))


def test_governorates_are_admin1_places(gazetteer):
    adm = [p for p in gazetteer.places if p.level == "admin1"]
    assert sorted(p.place_id for p in adm) == [f"adm1:SY.{i:02d}" for i in range(1, 15)]
    raqqa = gazetteer.get("adm1:SY.04")
    assert raqqa.name == "Ar-Raqqah" and "الرقة" in raqqa.names


def test_geonames_places_have_admin1_names(gazetteer):
    assert gazetteer.get("gn:172955").admin1 == "Ar-Raqqah"
    assert gazetteer.get("gn:99072").admin1 == "Nineveh"  # Mosul, via admin1_names.csv


def test_get_unknown_raises_keyerror(gazetteer):
    with pytest.raises(KeyError):
        gazetteer.get("gn:0")


def test_curated_rows_are_valid(gazetteer):
    cur = [p for p in gazetteer.places if p.place_id.startswith("cur:")]
    assert len(cur) >= 300
    for p in cur:
        assert 32.0 <= p.lat <= 37.6 and 35.5 <= p.lon <= 42.5, p
        if p.parent:
            parent = gazetteer.get(p.parent)
            assert km(p, parent.lat, parent.lon) < 30, (p.place_id, p.parent)


# Points must lie in their governorate; the Natural Earth edges are simplified (~200 m)
# and villages sit near governorate lines, so a few km of slack is allowed.
_GOVERNORATE_SLACK_KM = 5.0
_POINT_LEVELS = ("settlement", "neighbourhood", "facility", "crossing")


def test_curated_points_lie_in_their_governorate(gazetteer):
    from shapely.geometry import Point

    from gazetteer.boundaries import governorates

    polygons = dict(zip(governorates()["name"], governorates().geometry, strict=True))
    cur = [
        p
        for p in gazetteer.places
        if p.place_id.startswith("cur:") and p.country == "SY" and p.level in _POINT_LEVELS
    ]
    assert len(cur) >= 450
    outside = []
    for p in cur:
        assert p.admin1 in polygons, (p.place_id, p.admin1)
        poly = polygons[p.admin1]
        pt = Point(p.lon, p.lat)
        if poly.contains(pt):
            continue
        # Degrees to km: 111 km per degree is an upper bound here (a degree of
        # longitude is ~91 km at 35N), so the check errs on the strict side.
        d_km = poly.distance(pt) * 111.0
        if d_km > _GOVERNORATE_SLACK_KM:
            inside = [n for n, g in polygons.items() if g.contains(pt)]
            outside.append((p.place_id, p.admin1, round(d_km, 1), inside))
    assert outside == []


def test_read_curated_rejects_swapped_coordinates(tmp_path):
    path = tmp_path / "bad.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(
            [
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
            ]
        )
        w.writerow(["cur:x", "X", "", "38.9", "35.9", "SY", "", "settlement", "0", "", "", "t"])
    with pytest.raises(GazetteerDataError, match="outside the region"):
        read_curated(path)


def test_read_curated_rejects_missing_column_and_bad_level(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("place_id,name\ncur:x,X\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="missing columns"):
        read_curated(path)
    path.write_text(
        "place_id,name,alternate_names,lat,lon,country,admin1,level,population,radius_km,"
        "parent,source\ncur:x,X,,35,38,SY,,castle,0,,,t\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerDataError, match="unknown level"):
        read_curated(path)


def test_aliases_must_name_a_known_place(tmp_path):
    (tmp_path / "aliases.csv").write_text("alias,place_id\nFoo,gn:1\n", encoding="utf-8")
    assert read_aliases(tmp_path / "aliases.csv") == [("Foo", "gn:1")]
    with pytest.raises(GazetteerDataError, match="unknown place_id"):
        Gazetteer.load(data_dir=tmp_path)


def test_duplicate_place_ids_rejected():
    p = Place("cur:a", "A", 35.0, 38.0, "SY", None, "settlement")
    with pytest.raises(GazetteerDataError, match="duplicate"):
        Gazetteer([p, p])


# -- resolve: acceptance -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "lat", "lon", "country"),
    [
        ("Raqa", 35.95, 39.01, "SY"),
        ("Raqqah", 35.95, 39.01, "SY"),
        ("ar-Raqqah", 35.95, 39.01, "SY"),
        ("Dayr al-Zawr", 35.34, 40.14, "SY"),
        ("Mayadin", 35.02, 40.45, "SY"),
        ("Ramouseh", 36.16, 37.14, "SY"),
        ("Nasib border crossing", 32.55, 36.20, "SY"),
        ("Palmyra", 34.56, 38.28, "SY"),
        ("Mosul", 36.34, 43.12, "IQ"),
    ],
)
def test_acceptance_names(gazetteer, name, lat, lon, country):
    res = gazetteer.resolve(name)
    assert res.place is not None, res.suggestions
    assert km(res.place, lat, lon) < 15
    assert res.place.country == country
    assert 0.0 < res.score <= 1.0
    assert res.method == "exact"


def test_palmyra_is_tadmur_settlement(gazetteer):
    p = gazetteer.resolve("Palmyra").place
    assert p.name == "Tadmur" and p.level == "settlement" and p.admin1 == "Homs"


def test_mosul_is_iraq_settlement(gazetteer):
    p = gazetteer.resolve("Mosul").place
    assert (p.country, p.level) == ("IQ", "settlement")


def test_crossing_level(gazetteer):
    assert gazetteer.resolve("Nasib border crossing").place.level == "crossing"
    assert gazetteer.resolve("Bab al-Hawa crossing").place.level == "crossing"


# -- resolve: disambiguation ------------------------------------------------------------


def test_saida_near_daraa_is_syrian(gazetteer):
    res = gazetteer.resolve("Saida", Context(near=((32.62, 36.10),)))
    assert res.place.country == "SY" and res.place.admin1 == "Daraa"
    assert km(res.place, 32.70, 36.22) < 15


def test_saida_alone_without_region_is_sidon(gazetteer):
    res = gazetteer.resolve("Saida", Context(region=()))
    assert res.place.country == "LB"
    # ...and co-mentioned Lebanese places keep it in Lebanon even with region SY+LB.
    res = gazetteer.resolve("Saida", Context(region=("SY", "LB"), near=((33.89, 35.50),)))
    assert res.place.country == "LB"


def test_saida_alone_in_syrian_report_prefers_region(gazetteer):
    assert gazetteer.resolve("Saida").place.country == "SY"


@pytest.mark.parametrize(
    ("name", "pid"),
    [
        ("Raqqa province", "adm1:SY.04"),
        ("Idlib governorate", "adm1:SY.12"),
        ("Aleppo countryside", "adm1:SY.09"),
        ("Deir ez-Zor province", "adm1:SY.07"),
        ("Damascus countryside", "adm1:SY.08"),
        ("rural Damascus", "adm1:SY.08"),
        ("Hassakeh province", "adm1:SY.01"),
    ],
)
def test_cue_words_give_admin1(gazetteer, name, pid):
    res = gazetteer.resolve(name)
    assert res.place.place_id == pid
    assert res.place.level == "admin1"


def test_level_hint_in_context(gazetteer):
    assert gazetteer.resolve("Raqqa").place.level == "settlement"
    assert gazetteer.resolve("Raqqa", Context(level_hint="admin1")).place.place_id == "adm1:SY.04"


def test_region_phrase_resolves_to_region(gazetteer):
    res = gazetteer.resolve("western countryside of Daraa")
    assert res.place.level == "region" and res.place.admin1 == "Daraa"
    assert res.place.radius_km and res.place.radius_km > 5
    assert gazetteer.resolve("eastern Ghouta").place.level == "region"


def test_relation_in_text_picks_nearby_candidate(gazetteer):
    # "Mansoura" alone is the Raqqa-province town, the biggest prior; a sentence placing it
    # 26 km south-west of Raqqa must agree with that choice and raise no error.
    ctx = Context(text="the town of Mansoura, 26 km south-west of Raqqa")
    res = gazetteer.resolve("Mansoura", ctx)
    assert km(res.place, 35.83, 38.77) < 15


def test_relation_overrides_population_prior():
    near_a = Place("cur:a", "Qaryat", 35.0, 38.0, "SY", None, "settlement", population=50000)
    near_b = Place("cur:b", "Qaryat", 34.0, 37.0, "SY", None, "settlement", population=10)
    anchor = Place("cur:c", "Bigtown", 34.2, 37.2, "SY", None, "settlement", population=9)
    gaz = Gazetteer([near_a, near_b, anchor])
    assert gaz.resolve("Qaryat").place.place_id == "cur:a"
    ctx = Context(text="Qaryat, 28 km south-west of Bigtown")
    assert gaz.resolve("Qaryat", ctx).place.place_id == "cur:b"


def test_near_context_overrides_population_prior():
    big = Place("cur:a", "Qaryat", 35.0, 38.0, "SY", None, "settlement", population=50000)
    small = Place("cur:b", "Qaryat", 33.0, 36.0, "SY", None, "settlement", population=10)
    gaz = Gazetteer([big, small])
    assert gaz.resolve("Qaryat").place.place_id == "cur:a"
    assert gaz.resolve("Qaryat", Context(near=((33.05, 36.02),))).place.place_id == "cur:b"
    assert gaz.resolve("Qaryat").alternatives[0].place_id == "cur:b"


def test_comma_qualifier_places_the_head():
    q = ("Qaryat",)
    big = Place("cur:a", "Qaryat", 35.0, 38.0, "SY", None, "settlement", 50000, q)
    small = Place("cur:b", "Qaryat", 33.0, 36.0, "SY", None, "settlement", 10, q)
    town = Place("cur:c", "Bigtown", 33.1, 36.1, "SY", None, "settlement", 0, ("Bigtown",))
    abroad = Place("cur:d", "Qaryat", 33.9, 35.5, "LB", None, "settlement", 0, q)
    gaz = Gazetteer([big, small, town, abroad])
    assert gaz.resolve("Qaryat, Bigtown").place.place_id == "cur:b"
    assert gaz.resolve("Qaryat, Syria").place.place_id == "cur:a"
    assert gaz.resolve("Qaryat, Lebanon").place.place_id == "cur:d"
    assert gaz.resolve("Qaryat, Nowhere").place.place_id == "cur:a"
    assert gaz.resolve("Qaryat, Syria").query == "Qaryat, Syria"


def test_settlement_before_facility_of_same_name():
    town = Place("cur:t", "Shayrat", 34.5, 36.9, "SY", None, "settlement")
    base = Place("cur:f", "Shayrat", 34.49, 36.91, "SY", None, "facility")
    gaz = Gazetteer([base, town])
    assert gaz.resolve("Shayrat").place.place_id == "cur:t"
    assert gaz.resolve("Shayrat airbase").place.place_id == "cur:f"


def test_sinjar_in_syria_is_idlib_not_iraq(gazetteer):
    p = gazetteer.resolve("Sinjar").place
    assert p.country == "SY" and p.admin1 == "Idlib"
    assert gazetteer.resolve("Sinjar", Context(region=("IQ",))).place.country == "IQ"


# -- resolve: fuzzy and failures --------------------------------------------------------


def test_fuzzy_within_region(gazetteer):
    res = gazetteer.resolve("Jarablous")
    assert res.place is not None and km(res.place, 36.82, 38.01) < 15
    res = gazetteer.resolve("Khan Shaykun")
    assert res.method in ("exact", "fuzzy") and km(res.place, 35.44, 36.65) < 15


def test_far_away_lookalike_is_not_resolved(gazetteer):
    # A misspelt Turkish city: fuzzy matching only looks inside the region of interest.
    res = gazetteer.resolve("Sanliurva")
    assert res.place is None and res.method == "none"
    assert gazetteer.resolve("Şanlıurfa").place.country == "TR"


def test_fuzzy_vetoed_when_a_foreign_name_is_closer():
    home = Place("cur:h", "Qaryat Malbisun", 35.0, 38.0, "SY", None, "settlement")
    abroad = Place("cur:a", "Qaryat Malika", 37.5, 30.0, "TR", None, "settlement")
    gaz = Gazetteer([home, abroad])
    assert gaz.resolve("Qaryat Malbisoon").place is home  # plain fuzzy at home
    res = gaz.resolve("Qaryat Malbika")  # 89 at home, 96 abroad
    assert res.place is None and "Qaryat Malika" in res.suggestions


def test_gibberish_gives_suggestions_not_exception(gazetteer):
    res = gazetteer.resolve("Qzarblatt Hummox")
    assert res.place is None and res.method == "none"
    assert 1 <= len(res.suggestions) <= 5
    assert gazetteer.resolve("").place is None
    assert gazetteer.resolve("!!!").place is None


def test_alternatives_are_other_places(gazetteer):
    res = gazetteer.resolve("Mayadin")
    assert res.place not in res.alternatives
    assert len(res.alternatives) <= 5


def test_resolve_many_matches_resolve(gazetteer):
    names = ["Raqqa", "Homs", "Raqqa", "gibberishxx"]
    many = gazetteer.resolve_many(names)
    assert [r.place and r.place.place_id for r in many] == [
        r.place and r.place.place_id for r in (gazetteer.resolve(n) for n in names)
    ]
    assert many[0] is many[2]


def test_resolution_to_dict(gazetteer):
    d = resolution_to_dict(gazetteer.resolve("Dayr al-Zawr", Context(near=((35.9, 39.0),))))
    assert set(d) == {
        "query",
        "name",
        "lat",
        "lon",
        "place_id",
        "admin1",
        "country",
        "level",
        "score",
        "alternatives",
    }
    assert d["query"] == "Dayr al-Zawr" and d["country"] == "SY"
    for alt in d["alternatives"]:
        assert set(alt) == {"name", "place_id", "lat", "lon", "country"}
    bad = resolution_to_dict(gazetteer.resolve("Qzarblatt Hummox"))
    assert set(bad) == {"query", "error", "suggestions"} and bad["suggestions"]


def test_default_gazetteer_is_cached():
    from gazetteer.index import default_gazetteer

    assert default_gazetteer() is default_gazetteer()


def test_excluded_source_spelling_is_not_indexed(gazetteer):
    # GeoNames lists "Aarbil" for Arbin near Damascus; data/gazetteer/exclude.csv drops it.
    assert gazetteer.resolve("Erbil").place.country == "IQ"
    assert gazetteer.resolve("Arbin").place.place_id == "gn:169372"


def test_governorate_spellings_also_name_the_capital(gazetteer):
    # "Edleb" is listed for the governorate only; the city gets it too.
    res = gazetteer.resolve("Edleb")
    assert res.place.place_id == "gn:169389" and res.place.level == "settlement"
    assert gazetteer.resolve("Edleb province").place.place_id == "adm1:SY.12"


def test_names_in_other_scripts_are_not_indexed(gazetteer):
    assert gazetteer.resolve("Дума").place is None
    assert gazetteer.resolve("دوما").place.place_id == "gn:170592"


def test_an_alias_by_name_and_country_goes_to_the_best_known_place(tmp_path, gazetteer):
    import shutil

    from gazetteer.load import DATA_DIR

    for f in DATA_DIR.iterdir():
        shutil.copy(f, tmp_path / f.name)
    with open(tmp_path / "aliases.csv", "a", encoding="utf-8") as fh:
        fh.write("Hims al-Adiya,,Homs,SY\n")
    gaz = Gazetteer.load(data_dir=tmp_path)
    homs = gazetteer.resolve("Homs").place
    assert gaz.resolve("Hims al-Adiya").place.place_id == homs.place_id
    with open(tmp_path / "aliases.csv", "a", encoding="utf-8") as fh:
        fh.write("Nowhere Town,,Qwertyville,SY\n")
    with pytest.raises(GazetteerDataError, match="no place 'Qwertyville' in SY"):
        Gazetteer.load(data_dir=tmp_path)
