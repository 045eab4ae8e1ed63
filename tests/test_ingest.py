"""Tests for geo.ingest: manifests, discovery, decoding, furniture, HTML, collections,
multi-article pages and anchors. Fixtures live in tests/data/ingest/."""

from __future__ import annotations

import datetime as dt
import hashlib
import inspect
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import geo.ingest as ingest
from geo.errors import InputError
from geo.ingest import ManifestEntry, discover, read_file, read_inputs, read_manifest
from geo.model import Anchor, Outcome, Report

DATA = Path(__file__).parent / "data" / "ingest"
ARABIC_WORDS = "القوات الحكومية"


def only(reports: list[Report]) -> Report:
    assert len(reports) == 1, [r.doc for r in reports]
    return reports[0]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- manifest ---------------------------------------------------------------------------
def test_read_manifest_keys_by_base_name_and_ignores_other_columns(tmp_path):
    path = write(tmp_path, "manifest.csv",
                 "file,source,published,note\nreports/a.txt,Example Wire,2017-10-15,x\n"
                 "b.html,,,\n")
    entries = read_manifest(path)
    assert entries == {
        "a.txt": ManifestEntry("Example Wire", dt.date(2017, 10, 15)),
        "b.html": ManifestEntry(None, None),
    }


@pytest.mark.parametrize(
    "content",
    ["file,source\na.txt,X\n", "file,source,published\na.txt,X,15/10/2017\n"],
)
def test_bad_manifest_names_the_manifest(tmp_path, content):
    path = write(tmp_path, "manifest.csv", content)
    with pytest.raises(InputError) as error:
        read_manifest(path)
    assert error.value.path == str(path)


def test_missing_manifest_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="nothing.csv"):
        read_manifest(tmp_path / "nothing.csv")


def test_manifest_date_and_source_win_over_the_page(tmp_path):
    path = write(tmp_path, "r.txt", "Monday, 9 October 2017\n\nTroops took the hill on Sunday.\n")
    report = only(read_file(path, {"r.txt": ManifestEntry("Example Wire", dt.date(2017, 6, 4))}))
    assert report.anchor == Anchor(dt.date(2017, 6, 4), "day", "manifest")
    assert report.source == "Example Wire"


# -- discover ---------------------------------------------------------------------------
def test_discover_walks_folders_sorted_skipping_hidden_and_unsupported(tmp_path):
    for name in ["b.txt", "a/c.html", "a/d.JSONL", "a/e.pdf", ".hidden.txt", ".git/f.txt",
                 "a/g.md", "h.csv", "i.json", "j.htm"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    found = discover([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/c.html", "a/d.JSONL", "a/g.md", "b.txt", "h.csv", "i.json", "j.htm"]
    assert discover(tmp_path / "a" / "e.pdf") == [tmp_path / "a" / "e.pdf"]  # named: kept


def test_discover_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        discover([tmp_path / "missing"])


# -- encodings and bad files ----------------------------------------------------------------
def test_cp1256_arabic_is_decoded_with_a_warning():
    report = only(read_file(DATA / "arabic_cp1256.txt"))
    assert ARABIC_WORDS in report.text
    assert any("cp1256" in w for w in report.warnings)


def test_utf16_with_bom_is_decoded_without_warning():
    report = only(read_file(DATA / "utf16_bom.txt"))
    assert "“to spare civilians”" in report.text and "café" in report.text
    assert report.warnings == ()
    assert report.anchor.date == dt.date(2017, 10, 9)


def test_utf16_without_bom_is_recognised(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Government forces took the hill on Saturday, a source said.".encode(
        "utf-16-le"))
    report = only(read_file(path))
    assert report.text.startswith("Government forces") and report.warnings


def test_utf8_bom_is_dropped():
    report = only(read_file(DATA / "utf8_bom.txt"))
    assert not report.text.startswith("\ufeff") and report.warnings == ()


def test_cp1252_is_decoded_with_a_warning():
    report = only(read_file(DATA / "cp1252.txt"))
    assert "“to spare civilians”" in report.text and "café" in report.text
    assert any("encoding guessed" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n\t ", "empty"),
        ("nul.txt", bytes(range(256)) * 8, "binary"),
        ("doc.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        ("controls.txt", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 50 + b"text", "binary"),
    ],
)
def test_unreadable_files_raise_input_error_naming_the_file(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason) as error:
        read_file(path)
    assert error.value.path == str(path) and name in str(error.value)


def test_fixture_binary_and_empty_files_fail():
    for name in ("binary.txt", "empty.txt"):
        with pytest.raises(InputError) as error:
            read_file(DATA / name)
        assert name in str(error.value)


def test_huge_file_is_an_error_not_a_crash(tmp_path, monkeypatch):
    path = write(tmp_path, "big.txt", "Troops advanced on the town. " * 20)
    with pytest.raises(InputError, match="limit"):
        read_file(path, max_bytes=100)
    monkeypatch.setattr(ingest, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="limit"):
        read_file(path)
    assert only(read_file(path, max_bytes=10_000)).text.startswith("Troops")


def test_sha256_is_the_hash_of_the_raw_bytes():
    path = DATA / "cp1252.txt"
    assert only(read_file(path)).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


# -- plain text furniture ---------------------------------------------------------------
BODY_1 = ("Government forces recaptured the hill town on Saturday after a three-week siege, "
          "a military spokesman said, adding that engineers were clearing the roads.")
BODY_2 = ("Fighters of the armed group withdrew towards the desert overnight, according to a "
          "monitoring group, which said dozens had been killed on both sides.")
BODY_3 = ("Aid agencies said convoys could reach the town by Tuesday if the roads were cleared "
          "of mines and the bridge held.")
FURNITURE_PAGE = f"""Sunday, October 15, 2017

Army retakes hill town
example-news.com

Skip to main content
Share this:
Facebook Twitter WhatsApp Email
{BODY_1}

A destroyed tank near the town's entrance. (Photo by Example Agency)
Continue Reading
Read more: Rebels shell the airport road

We use cookies to improve your experience. By using this site you accept our cookie policy.
Accept

{BODY_2}

Related
Rebels shell the airport road
Talks on prisoner swap stall

{BODY_3}

Labels: Syria, War
Posted by Desk at 11:03 AM
2 comments:
Anonymous said...
The town was never under siege, this is all lies.
October 15, 2017 at 3:15 PM
Post a Comment
Newer Post Older Post Home
Subscribe to: Post Comments (Atom)
"""


def test_plain_text_furniture_is_stripped(tmp_path):
    report = only(read_file(write(tmp_path, "page.txt", FURNITURE_PAGE)))
    text = report.text
    for kept in ("Government forces recaptured", "Fighters of the armed group",
                 "Aid agencies said convoys", "Army retakes hill town"):
        assert kept in text
    for gone in ("Share this", "WhatsApp", "Continue Reading", "Read more", "cookies",
                 "Accept", "Related", "Rebels shell the airport road", "Talks on prisoner",
                 "Labels:", "Posted by", "comments", "never under siege", "Post a Comment",
                 "Newer Post", "Subscribe", "Photo by", "Skip to main", "example-news.com"):
        assert gone not in text, gone
    assert report.source == "example-news.com"
    assert report.anchor.date == dt.date(2017, 10, 15)


def test_agency_dateline_gives_the_source(tmp_path):
    path = write(tmp_path, "wire.txt",
                 "BEIRUT, Oct 15 (Example Agency) - Syrian troops took the town, state media "
                 "said.\n\nBEIRUT, Oct 15, 2017 (Reuters) - Syrian troops took the town on "
                 "Saturday, state media said, after a week of heavy fighting in the area.\n")
    report = only(read_file(path))
    assert report.source == "Reuters"
    assert report.anchor.date == dt.date(2017, 10, 15)


def test_markdown_front_matter_and_markup():
    report = only(read_file(DATA / "report.md"))
    assert report.anchor.date == dt.date(2017, 10, 15) and report.source == "Example Monitor"
    assert "Government forces took the town on Saturday, the monitor said." in report.text
    for gone in ("**", "](", "![", "---", "# "):
        assert gone not in report.text


# -- HTML -------------------------------------------------------------------------------
def test_html_page_text_metadata_and_no_script_leak():
    report = only(read_file(DATA / "page.html"))
    text = report.text
    assert "SCRIPT-LEAK-MARKER" not in text and "ANOTHER-SCRIPT-LEAK" not in text
    assert "font-family" not in text and "window.ads" not in text
    assert "Government forces & allied militias recaptured" in text  # entity unescaped
    assert "\n\nFighters of the armed group" in text  # paragraphs as blank-line blocks
    assert "\n\nAid convoys\n\n" in text  # headings too
    for gone in ("We use cookies", "Share on Facebook", "Tweet", "Related", "airport road",
                 "propaganda", "All rights reserved", "Home", "World", "Continue reading"):
        assert gone not in text, gone
    assert report.anchor == Anchor(dt.date(2017, 10, 15), "day", "header")
    assert report.source == "Frontline Daily"
    assert report.url == "https://frontline.example.com/2017/10/15/hill-town"


def test_html_without_metadata_uses_title_and_text(tmp_path):
    path = write(tmp_path, "bare.htm",
                 "<html><head><title>Rebels cut the road - Example Site</title></head><body>"
                 "<div><p>Sunday, 15 October 2017</p><p>Rebels cut the main road north of the "
                 "city on Saturday, residents said.</p></div></body></html>")
    report = only(read_file(path))
    assert report.text.startswith("Rebels cut the road\n\n")
    assert report.anchor.date == dt.date(2017, 10, 15)


def test_html_saved_as_txt_is_parsed_as_html(tmp_path):
    path = write(tmp_path, "saved.txt", "<!DOCTYPE html><html><body><p>Troops held the "
                 "bridge.</p><script>var x = 'LEAK';</script></body></html>")
    assert only(read_file(path)).text == "Troops held the bridge."


def test_html_in_a_declared_legacy_charset(tmp_path):
    path = tmp_path / "legacy.html"
    path.write_bytes('<html><head><meta charset="windows-1256"></head><body><p>'
                     f"{ARABIC_WORDS}</p></body></html>".encode("cp1256"))
    report = only(read_file(path))
    assert ARABIC_WORDS in report.text and report.warnings == ()


# -- multi-article pages ----------------------------------------------------------------
def test_html_articles_become_reports_with_their_own_dates():
    raw = (DATA / "multi_article.html").read_bytes()
    reports = read_file(DATA / "multi_article.html")
    assert [r.doc for r in reports] == ["multi_article.html#1", "multi_article.html#2"]
    assert [r.anchor.date for r in reports] == [dt.date(2017, 6, 10), dt.date(2017, 6, 12)]
    digest = hashlib.sha256(raw).hexdigest()
    assert [r.sha256 for r in reports] == [f"{digest}#1", f"{digest}#2"]
    assert "southern plain" in reports[0].text and "southern plain" not in reports[1].text
    assert all(r.source == "Roundup Blog" for r in reports)


def test_text_page_with_dated_items_is_split_at_headlines():
    reports = read_file(DATA / "multi_article.txt")
    assert [r.doc for r in reports] == ["multi_article.txt#1", "multi_article.txt#2"]
    assert [r.anchor.date for r in reports] == [dt.date(2017, 6, 20), dt.date(2017, 6, 19)]
    assert reports[0].text.startswith("Militants driven out of riverside villages")
    assert reports[1].text.startswith("Truce talks stall as shelling resumes")
    assert reports[0].source == "Example Wire" and "Source:" not in reports[0].text
    assert "Frontline digest" not in reports[0].text  # the page's own header
    assert not any("Older Post" in r.text or "Share this" in r.text for r in reports)
    original = (DATA / "multi_article.txt").read_text(encoding="utf-8")
    for report in reports:  # cuts fall between paragraphs: every paragraph is intact
        for paragraph in report.text.split("\n\n"):
            assert paragraph in original


def test_manifest_dates_the_page_but_items_keep_their_own_dates():
    entry = ManifestEntry("Digest Blog", dt.date(2017, 6, 21))
    reports = read_file(DATA / "multi_article.txt", {"multi_article.txt": entry})
    assert [r.anchor.date for r in reports] == [dt.date(2017, 6, 20), dt.date(2017, 6, 19)]
    assert [r.source for r in reports] == ["Example Wire", "Digest Blog"]


def test_single_article_with_one_date_line_is_not_split(tmp_path):
    path = write(tmp_path, "one.txt", "Army advances on the river town\n\n12 June, 2017\n\n"
                 "Army units advanced on the river town on Monday after a week of air strikes, "
                 "a military source said, as residents fled towards the north.\n\n"
                 "The militants blew up the bridge as they withdrew, according to residents.\n")
    report = only(read_file(path))
    assert report.doc == "one.txt" and report.anchor.date == dt.date(2017, 6, 12)


# -- collections ------------------------------------------------------------------------
def test_jsonl_bad_records_are_reported_and_good_ones_come_through():
    items = list(read_inputs([DATA / "records.jsonl"]))
    reports = [i for i in items if isinstance(i, Report)]
    failed = [i for i in items if isinstance(i, Outcome)]
    assert [r.doc for r in reports] == ["records.jsonl#1", "records.jsonl#4"]
    assert [(o.doc, o.status) for o in failed] == [("records.jsonl#2", "failed"),
                                                   ("records.jsonl#3", "failed")]
    assert failed[0].reason.startswith("records.jsonl record 2: not valid JSON")
    assert failed[1].reason == "records.jsonl record 3: no text"
    first, fourth = reports
    assert first.anchor == Anchor(dt.date(2017, 10, 15), "day", "field")
    assert (first.source, first.url) == ("Example Agency", "https://example.org/a1")
    assert fourth.anchor.date == dt.date(2017, 10, 16)  # "16 October 2017"
    assert first.sha256.endswith("#1") and fourth.sha256.endswith("#4")
    assert [r.doc for r in read_file(DATA / "records.jsonl")] == ["records.jsonl#1",
                                                                  "records.jsonl#4"]


def test_manifest_source_beats_the_record_field():
    entry = ManifestEntry("Manifest Source", None)
    reports = read_file(DATA / "records.jsonl", {"records.jsonl": entry})
    assert {r.source for r in reports} == {"Manifest Source"}
    assert reports[0].anchor.origin == "field"


def test_collection_without_a_good_record_is_an_input_error():
    with pytest.raises(InputError, match="no valid record"):
        read_file(DATA / "all_bad.jsonl")
    (outcome,) = read_inputs([DATA / "all_bad.jsonl"])
    assert (outcome.doc, outcome.status) == ("all_bad.jsonl", "failed")


def test_csv_records():
    items = list(read_inputs([DATA / "records.csv"]))
    assert [(i.doc, type(i).__name__) for i in items] == [
        ("records.csv#1", "Report"), ("records.csv#2", "Outcome"), ("records.csv#3", "Report")]
    first, _, third = items
    assert first.anchor.date == dt.date(2017, 6, 9) and first.source == "Example Wire"
    assert "a day after the army\nentered" in third.text
    assert third.url == "https://example.org/c3" and third.anchor.date is None


def test_csv_without_text_column_is_malformed():
    with pytest.raises(InputError, match="no text column"):
        read_file(DATA / "no_text_column.csv")


def test_json_list_collection():
    reports = read_file(DATA / "records.json")
    assert [r.doc for r in reports] == ["records.json#1", "records.json#2"]


def test_malformed_json_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="malformed JSON"):
        read_file(write(tmp_path, "bad.json", '[{"text": "a"'))


# -- read_inputs ------------------------------------------------------------------------
def test_read_inputs_is_lazy_and_never_raises(tmp_path):
    write(tmp_path, "good.txt", "Troops took the bridge on Saturday, a source said.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    stream = read_inputs([tmp_path, tmp_path / "missing.txt"])
    assert inspect.isgenerator(stream)
    items = list(stream)
    assert [(type(i).__name__, i.doc) for i in items] == [
        ("Outcome", "empty.txt"), ("Report", "good.txt"), ("Outcome", "missing.txt")]
    assert "empty" in items[0].reason and "no such file" in items[2].reason


def test_read_inputs_accepts_a_manifest_path(tmp_path):
    write(tmp_path, "m.csv", "file,source,published\ngood.txt,Example Wire,2017-10-15\n")
    write(tmp_path, "good.txt", "Troops took the bridge on Saturday.\n")
    (report,) = read_inputs([tmp_path / "good.txt"], tmp_path / "m.csv")
    assert (report.source, report.anchor.origin) == ("Example Wire", "manifest")


def test_corpus_reports_read_with_their_manifest(corpus_dir):
    manifest = read_manifest(corpus_dir / "manifest.csv")
    reports = [r for r in read_inputs([corpus_dir / "reports"], manifest)
               if isinstance(r, Report)]
    by_doc = {r.doc: r for r in reports}
    assert by_doc["002_beb97b786951395b.txt"].anchor.date == dt.date(2017, 10, 15)
    split = [r for r in reports if r.doc.startswith("003_")]
    assert len(split) == 3 and {r.anchor.date for r in split} == {dt.date(2017, 6, 12)}
    assert all("No comments" not in r.text for r in reports)


def test_blog_page_with_date_lines_above_headlines_is_split(tmp_path):
    items = [("Monday, June 12, 2017", "Army pushes into the western villages",
              "Army units backed by air strikes pushed the militants out of three riverside "
              "villages on Monday, a military source said, after two days of clashes."),
             ("Sunday, June 11, 2017", "Rebels lose hill near the border",
              "Rebel fighters lost a strategic hill near the border on Sunday after a night of "
              "heavy shelling by government artillery, activists said.")]
    text = "\n\n".join(f"{date}\n\n{title}\n{body}" for date, title, body in items)
    reports = read_file(write(tmp_path, "blog.txt", text))
    assert [r.anchor.date for r in reports] == [dt.date(2017, 6, 12), dt.date(2017, 6, 11)]
    assert [r.text.split("\n\n")[1].split("\n")[0] for r in reports] == [
        "Army pushes into the western villages", "Rebels lose hill near the border"]


def test_liveblog_entries_without_a_year_take_the_page_year(tmp_path):
    body = (" Activists said the convoy was heading north under the deal agreed with Russian "
            "officers, and that more buses were expected in the coming days.")
    text = ("Ghouta evacuations - live updates\n\nFriday 23 March 2018\n\n14:20 GMT\nThe last "
            "buses have left Harasta and army units have entered the town." + body +
            "\n\nThursday 22 March\n\n21:40 GMT\nThe first 20 buses have left Harasta." + body
            + "\n\nSunday 18 March\n\n18:10 GMT\nTroops took Kafr Batna overnight." + body)
    reports = read_file(write(tmp_path, "live.txt", text))
    assert [r.anchor.date for r in reports] == [
        dt.date(2018, 3, 23), dt.date(2018, 3, 22), dt.date(2018, 3, 18)]


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=600),
                      st.text(max_size=600).map(lambda t: t.encode("utf-8"))),
       suffix=st.sampled_from([".txt", ".html", ".md", ".jsonl", ".json", ".csv"]))
def test_any_bytes_give_reports_or_an_input_error(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        reports = read_file(path)
    except InputError as error:
        assert error.path == str(path)
        return
    assert reports and all(r.text.strip() and r.doc.startswith("fuzz") for r in reports)


def test_page_saved_years_later_keeps_its_own_date():
    report = only(read_file(DATA / "saved_stamp.txt"))
    assert report.anchor == Anchor(dt.date(2017, 10, 16), "day", "header")
