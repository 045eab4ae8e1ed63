"""Regression on the shared development corpus (../shared/corpus): the issue's bar.

F1 >= 0.9 and at least 90 % of matched dates inside the gold window, plus the two
anchor claims of the PressTV report.
"""

from __future__ import annotations

import json

import pytest

from geo.claims import extract
from geo.evaluate import evaluate, format_evaluation


@pytest.fixture(scope="module")
def corpus_claims(corpus_dir, gazetteer):
    from geo.ingest import read_file, read_manifest

    manifest = read_manifest(corpus_dir / "manifest.csv")
    extractions = [extract(r, gazetteer) for f in sorted((corpus_dir / "reports").iterdir())
                   for r in read_file(f, manifest)]
    assert all(e.warnings == () for e in extractions), [e.warnings for e in extractions]
    return [c.to_dict() for e in extractions for c in e.claims]


def test_corpus_quality_bar(corpus_dir, corpus_claims):
    gold = [json.loads(line) for line in
            (corpus_dir / "gold.jsonl").read_text("utf-8").splitlines() if line.strip()]
    ev = evaluate(gold, corpus_claims)
    assert ev.f1 >= 0.9, format_evaluation(ev)
    assert ev.date_accuracy >= 0.9, format_evaluation(ev)


@pytest.mark.parametrize(("place", "actor"), [("Raqqa", "sdf"), ("Mayadin", "government")])
def test_the_october_captures(corpus_claims, place, actor):
    from gazetteer.normalize import key

    found = [c for c in corpus_claims
             if key(place) in key(c["place"]) and c["actor"] == actor
             and c["status"] == "captured" and c["date"] == "2017-10-14"]
    assert found, [(c["place"], c["actor"], c["status"], c["date"]) for c in corpus_claims]
