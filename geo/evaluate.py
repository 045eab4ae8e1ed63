"""Score predicted claims against gold claims.

Matching rules (documented here and in docs/BENCHMARKS.md):

* a predicted claim can match a gold claim of the **same document** when
  - the **actor** is the same, and
  - the **status is compatible**: ``captured``~``captured``; ``withdrew``~``withdrew``;
    ``contested``~``contested``; ``controls``~``controls``/``besieged`` and
    ``partial`` with a fraction of at least 0.5; ``partial``~``partial``/``controls``;
    ``besieged``~``besieged``/``controls``, and
  - the **place** is within ``tolerance_km`` (haversine), or, for a gold claim at the
    level of a governorate (``level`` ``admin1``/``region``), the prediction is a
    region-level claim naming the same governorate (``admin1``);
* predictions for an article of a page (``page.html#2``) count for the page when the
  gold names only the page; repeated predictions of one claim (same document, place,
  actor, status, fraction, date) count once;
* matching is greedy, best pair first (same place name, exact status, date inside the
  window, then distance); every claim is used at most once;
* a gold claim marked ``optional: true`` is neither a miss when nothing matches it nor
  a hit when something does; the prediction it absorbs is not a false positive;
* a predicted withdrawal by the ``from_actor`` of a gold capture of the same place is
  the same event seen from the loser: it is ignored (neither hit nor false positive);
* **date accuracy** is over matched (non-optional) pairs: a day-precision prediction
  counts when its day lies inside the gold ``date_window`` (inclusive); a month or
  year prediction counts when its period overlaps the window and its precision is not
  coarser than the gold ``date_precision``. Without a window, the gold date's own
  period is the window.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = [
    "Evaluation",
    "actor_ok",
    "date_ok",
    "evaluate",
    "evaluation_to_dict",
    "format_evaluation",
    "statuses_compatible",
]

_RANK = {"day": 0, "month": 1, "year": 2}
_COMPATIBLE = {
    "captured": {"captured"},
    "withdrew": {"withdrew"},
    "contested": {"contested"},
    "controls": {"controls", "besieged", "partial"},
    "partial": {"partial", "controls"},
    "besieged": {"besieged", "controls"},
}


@dataclass
class DocScore:
    """Per-document counts and the claims that went wrong."""

    doc: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)


@dataclass
class Evaluation:
    """The result of :func:`evaluate`."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float
    dates_total: int
    dates_correct: int
    date_accuracy: float
    tolerance_km: float
    docs: dict[str, DocScore]
    matches: list[tuple[dict, dict]]


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def statuses_compatible(gold: dict, pred: dict) -> bool:
    """True when the predicted status may stand for the gold one."""
    g, p = gold.get("status"), pred.get("status")
    if p not in _COMPATIBLE.get(g, {g}):
        return False
    if g == "controls" and p == "partial":
        frac = pred.get("fraction")
        return frac is not None and frac >= 0.5
    return True


def actor_ok(gold: dict, pred: dict) -> bool:
    """True when the predicted actor is the gold actor or one of its ``actor_alt``."""
    return pred.get("actor") == gold.get("actor") or pred.get("actor") in (
        gold.get("actor_alt") or ())


def _norm_admin(name: str | None) -> str:
    if not name:
        return ""
    low = name.lower()
    for art in ("al-", "ar-", "as-", "ad-", "ad ", "al ", "ar ", "as "):
        low = low.replace(art, "")
    return "".join(ch for ch in low if ch.isalpha())


def _same_name(gold: dict, pred: dict) -> bool:
    """True when both name the place alike (neighbouring villages lie within the
    tolerance of each other; the name decides between them)."""
    from gazetteer.normalize import key

    g, p = key(str(gold.get("place") or "")), key(str(pred.get("place") or ""))
    return bool(g) and bool(p) and (g == p or g in p or p in g)


def _region(record: dict) -> bool:
    return record.get("level") in ("admin1", "region")


def _distance(gold: dict, pred: dict) -> float:
    try:
        return _haversine(float(gold["lat"]), float(gold["lon"]),
                          float(pred["lat"]), float(pred["lon"]))
    except (KeyError, TypeError, ValueError):
        return math.inf


def _place_ok(gold: dict, pred: dict, tolerance_km: float) -> tuple[bool, float]:
    d = _distance(gold, pred)
    if _region(gold):
        same = _region(pred) and _norm_admin(gold.get("admin1")) == _norm_admin(pred.get("admin1"))
        return (same or d <= tolerance_km), (0.0 if same else d)
    return d <= tolerance_km, d


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    try:
        parts = [int(x) for x in str(value).split("-")]
    except ValueError:
        return None
    try:
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], last)
        day = dt.date(parts[0], parts[1], parts[2])
        return day, day
    except ValueError:
        return None


def date_ok(gold: dict, pred: dict) -> bool:
    """True when the predicted date agrees with the gold window (see module notes)."""
    span = _period(pred.get("date") or "")
    if span is None:
        return False
    window = gold.get("date_window")
    if window and len(window) == 2:
        lo, hi = _period(window[0]), _period(window[1])
        if lo is None or hi is None:
            return False
        w0, w1 = lo[0], hi[1]
    else:
        gp = _period(gold.get("date") or "")
        if gp is None:
            return False
        w0, w1 = gp
    precision = pred.get("date_precision") or "day"
    if precision == "day":
        return w0 <= span[0] <= w1
    gold_precision = gold.get("date_precision") or "day"
    if _RANK.get(precision, 2) > _RANK.get(gold_precision, 0):
        return False
    return span[0] <= w1 and span[1] >= w0


def _implied_withdrawal(pred: dict, golds: list[dict], tolerance_km: float) -> bool:
    if pred.get("status") != "withdrew":
        return False
    for g in golds:
        if (g.get("status") == "captured" and g.get("from_actor") == pred.get("actor")
                and _place_ok(g, pred, tolerance_km)[0]):
            return True
    return False


def _doc_of(pred: dict, gold_docs: set) -> dict:
    """Score the articles of a multi-article page ("page.html#2") against the page's
    gold when the gold names the page only."""
    doc = pred.get("doc")
    if doc not in gold_docs and isinstance(doc, str) and "#" in doc:
        base = doc.split("#", 1)[0]
        if base in gold_docs:
            return {**pred, "doc": base}
    return pred


def _dedupe(preds: Iterable[dict]) -> list[dict]:
    """Drop repeated predictions of one claim in one document (same place, actor, status,
    fraction and date), which a page's several articles can produce."""
    seen: set[tuple] = set()
    out = []
    for p in preds:
        k = (p.get("doc"), p.get("place_id") or (p.get("lat"), p.get("lon")), p.get("actor"),
             p.get("status"), p.get("fraction"), p.get("date"))
        if k in seen:
            continue
        seen.add(k)
        out.append(p)
    return out


def evaluate(gold: Iterable[dict], predicted: Iterable[dict], *,
             tolerance_km: float = 15.0) -> Evaluation:
    """Compare predicted claims with gold claims.

    Parameters
    ----------
    gold : iterable of dict
        Gold records (``doc``, ``place``, ``lat``, ``lon``, ``actor``, ``status``,
        ``date``, ``date_window``, ``date_precision``, optional ``optional``,
        ``level``, ``admin1``, ``from_actor``).
    predicted : iterable of dict
        Claim records (:data:`geo.model.CLAIM_FIELDS`).
    tolerance_km : float
        Largest distance between a predicted and a gold place that still matches.

    Returns
    -------
    Evaluation
        Micro-averaged precision, recall, F1 and date accuracy, plus per-document
        misses and false positives. Only documents present in ``gold`` are scored.
    """
    golds = list(gold)
    gold_docs = {g.get("doc") for g in golds}
    preds = _dedupe(_doc_of(p, gold_docs) for p in predicted)
    docs: dict[str, DocScore] = {d: DocScore(d) for d in sorted(gold_docs, key=str)}
    matches: list[tuple[dict, dict]] = []
    tp = fp = fn = dates_total = dates_correct = 0
    for doc in docs:
        dg = [g for g in golds if g.get("doc") == doc]
        dp = [p for p in preds if p.get("doc") == doc]
        pairs = []
        for gi, g in enumerate(dg):
            for pi, p in enumerate(dp):
                if not actor_ok(g, p) or not statuses_compatible(g, p):
                    continue
                ok, dist = _place_ok(g, p, tolerance_km)
                if not ok:
                    continue
                score = (_same_name(g, p), g.get("status") == p.get("status"), date_ok(g, p),
                         -dist)
                pairs.append((score, gi, pi))
        pairs.sort(key=lambda t: t[0], reverse=True)
        used_g: set[int] = set()
        used_p: set[int] = set()
        score = docs[doc]
        for _, gi, pi in pairs:
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            if dg[gi].get("optional"):
                continue
            score.tp += 1
            matches.append((dg[gi], dp[pi]))
            dates_total += 1
            dates_correct += date_ok(dg[gi], dp[pi])
        for gi, g in enumerate(dg):
            if gi not in used_g and not g.get("optional"):
                score.fn += 1
                score.misses.append(g)
        for pi, p in enumerate(dp):
            if pi in used_p or _implied_withdrawal(p, dg, tolerance_km):
                continue
            score.fp += 1
            score.false_positives.append(p)
        tp, fp, fn = tp + score.tp, fp + score.fp, fn + score.fn
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Evaluation(
        tp, fp, fn, round(precision, 4), round(recall, 4), round(f1, 4), dates_total,
        dates_correct, round(dates_correct / dates_total, 4) if dates_total else 1.0,
        tolerance_km, docs, matches,
    )


def _short(record: dict) -> str:
    frac = record.get("fraction")
    frac_txt = f" {frac:g}" if isinstance(frac, int | float) else ""
    return (f"{record.get('place')} | {record.get('actor')} {record.get('status')}{frac_txt}"
            f" | {record.get('date')}")


def format_evaluation(ev: Evaluation) -> str:
    """A human-readable report: totals, then a table per document."""
    lines = [
        f"claims: {ev.tp} matched, {ev.fp} false positive(s), {ev.fn} missed "
        f"(tolerance {ev.tolerance_km:g} km)",
        f"precision {ev.precision:.3f}  recall {ev.recall:.3f}  F1 {ev.f1:.3f}",
        f"dates inside the gold window: {ev.dates_correct}/{ev.dates_total} "
        f"({ev.date_accuracy:.1%})",
        "",
        f"{'document':<40} {'TP':>4} {'FP':>4} {'FN':>4}",
    ]
    for doc, s in ev.docs.items():
        lines.append(f"{doc[:40]:<40} {s.tp:>4} {s.fp:>4} {s.fn:>4}")
    for doc, s in ev.docs.items():
        if not (s.misses or s.false_positives):
            continue
        lines.append("")
        lines.append(doc)
        lines += [f"  missed: {_short(g)}" for g in s.misses]
        lines += [f"  false positive: {_short(p)}" for p in s.false_positives]
    return "\n".join(lines)


def evaluation_to_dict(ev: Evaluation) -> dict:
    """The evaluation as plain data (for ``geo evaluate --json``)."""
    return {
        "tp": ev.tp, "fp": ev.fp, "fn": ev.fn, "precision": ev.precision,
        "recall": ev.recall, "f1": ev.f1, "dates_total": ev.dates_total,
        "dates_correct": ev.dates_correct, "date_accuracy": ev.date_accuracy,
        "tolerance_km": ev.tolerance_km,
        "documents": {
            doc: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "misses": s.misses,
                  "false_positives": s.false_positives}
            for doc, s in ev.docs.items()
        },
    }
