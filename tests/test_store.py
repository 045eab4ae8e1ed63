"""The SQLite store: idempotent ingest, atomic documents, date filters, cache."""

from __future__ import annotations

import sqlite3

import pytest

from geo.errors import StoreError
from geo.model import Anchor, Claim, Extraction, Outcome, Report, UnresolvedMention
from geo.store import Store


def make_claim(doc: str = "a.txt", date: str = "2017-10-14", place: str = "Mayadin") -> Claim:
    return Claim(
        doc=doc, place=place, place_id=f"test:{place.lower()}", lat=35.02, lon=40.45,
        admin1="Dayr az-Zawr", level="settlement", actor="government",
        actor_raw="government forces", status="captured", fraction=None, date=date,
        date_precision="day" if len(date) == 10 else ("month" if len(date) == 7 else "year"),
        source="Outlet", evidence="Government forces took the town.", confidence=0.9,
    )


def make_report(doc: str = "a.txt", sha: str = "abc") -> Report:
    return Report(doc=doc, path=f"/tmp/{doc}", text="text", sha256=sha,
                  anchor=Anchor(date=None, origin="none"))


def test_adding_the_same_document_twice_is_a_no_op(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        extraction = Extraction(doc="a.txt", claims=(make_claim(),))
        assert store.add_extraction(make_report(), extraction) is True
        assert store.add_extraction(make_report(), extraction) is False
        assert len(store.claims()) == 1


def test_claims_survive_reopening_and_keep_every_field(tmp_path):
    claim = make_claim()
    with Store(tmp_path / "s.sqlite") as store:
        store.add_extraction(make_report(), Extraction(doc="a.txt", claims=(claim,)))
    with Store(tmp_path / "s.sqlite") as store:
        assert store.claims() == [claim]


def test_a_failed_write_keeps_what_was_stored_before(tmp_path, monkeypatch):
    path = tmp_path / "s.sqlite"
    with Store(path) as store:
        store.add_extraction(make_report(), Extraction(doc="a.txt", claims=(make_claim(),)))
        # A claim that violates NOT NULL makes the second document's transaction fail.
        bad = make_claim(doc="b.txt").__class__(**{**make_claim(doc="b.txt").to_dict(),
                                                  "evidence": None})
        with pytest.raises(StoreError):
            store.add_extraction(make_report("b.txt", "def"), Extraction(doc="b.txt",
                                                                          claims=(bad,)))
        assert not store.has_document("def"), "half a document was left behind"
        assert [c.doc for c in store.claims()] == ["a.txt"]


def test_date_filters_compare_coarse_dates_by_their_own_precision(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        claims = (make_claim(date="2014"), make_claim(date="2017-09"),
                  make_claim(date="2017-10-14"), make_claim(date="2018-01-02"))
        store.add_extraction(make_report(), Extraction(doc="a.txt", claims=claims))
        assert [c.date for c in store.claims(date_to="2017-10-31")] == [
            "2014", "2017-09", "2017-10-14"]
        assert [c.date for c in store.claims(date_from="2017-09-05")] == [
            "2017-09", "2017-10-14", "2018-01-02"]


def test_outcomes_unresolved_and_geocoder_cache(tmp_path):
    with Store(tmp_path / "s.sqlite") as store:
        mention = UnresolvedMention(doc="a.txt", name="Xyzville", sentence="Rebels took Xyzville.")
        store.add_extraction(make_report(), Extraction(doc="a.txt", unresolved=(mention,)))
        store.record_outcome(Outcome("bad.bin", "/tmp/bad.bin", "failed", "binary file"))
        store.record_outcome(Outcome("bad.bin", "/tmp/bad.bin", "failed", "still binary"))
        assert store.unresolved() == [mention]
        assert [o.reason for o in store.outcomes()] == ["still binary"]
        assert store.get("nominatim:raqqa") is None
        store.set("nominatim:raqqa", {"lat": 35.95})
        assert store.get("nominatim:raqqa") == {"lat": 35.95}


def test_a_file_that_is_not_a_database_gives_a_store_error(tmp_path):
    path = tmp_path / "not.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not.sqlite"):
        Store(path)


def test_a_store_from_a_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)
