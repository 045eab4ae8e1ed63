"""The per-report extractor: report text -> dated, sourced control claims.

:func:`extract` splits the report into paragraphs and sentences
(:mod:`geo._sentences`), finds place mentions once over the whole text
(:func:`geo.mentions.find_mentions`), then, sentence by sentence:

1. actors (:func:`geo.actors.find_actors`), generic words resolved against the actors
   named before (:func:`geo.actors.resolve_coreference`);
2. status cues linked to places and actors (:mod:`geo._assign`);
3. the date of each cue (:mod:`geo.dates`, :mod:`geo._sources`): the date expression
   in the cue's own clause ("On Saturday, X took A, a month after it broke the siege of
   B" dates A and B apart), else the said-on date, else the date carried from earlier
   sentences (or from a stand-alone date line above a section), else the publication
   date;
4. the source: the attribution nearest the cue ("according to the Syrian
   Observatory", "the SDF said", "..., a military source said"), else the outlet,
   else the document name.

Claims are then merged within the report: the same place, actor, status and fraction
within three days (when one date is only carried or defaulted, or for "contested")
become one claim keeping the best evidence. "Contested" is dropped beside the same
actor's hold or an explicitly dated capture within a week; a presence-only hold
("rebels in X") beside any other claim about X; a descriptive hold ("the IS-held
town") beside another actor's capture; a "controls" beside the same actor's capture
or siege. Claims without any known date are dropped with a warning.

Nothing in one report aborts it: an error in a sentence becomes a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from geo import _cues as C
from geo._assign import ActorRef, Candidate, State, actor_refs, analyse, place_refs
from geo._links import SUBSET_ASIDE, _is_object
from geo._sentences import Sentence, sentences
from geo._sources import (
    attributions,
    dates_api,
    day,
    in_speech,
    introduces_clause,
    pick_date,
    previous_year,
    source_for,
    speech_spans,
)
from geo.actors import (
    OUTSIDE,
    find_actors,
    is_state_aligned,
    outlet_side,
    resolve_coreference,
    side_on,
)
from geo.mentions import Mention, find_mentions
from geo.model import Anchor, Claim, EventDate, Extraction, Report, UnresolvedMention

__all__ = ["extract"]

MERGE_DAYS = 3
_DESCRIPTIVE_DATE = ("held_adj", "hold_noun", "presence")
# Claim kinds that describe a standing state ("the IS-held town", "X's stronghold").
_DESCRIPTIVE = ("held_adj", "hold_noun", "presence", "hold", "in_control")
SUPERSEDE_DAYS = 7
# "the besieged enclave of X", "a surrounded town": a siege named as a standing state.
_ATTRIBUTIVE_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?:(?:long|already|still|now)[\w-]*\s+)?$", re.IGNORECASE)
_SIEGE_ADJECTIVE = re.compile(r"(?:besieged|encircled|surrounded)\b", re.IGNORECASE)
# Present-tense verbs of a standing state.
_PRESENT_STATE = re.compile(
    r"\b(?:retains?|remains?|remain|holds?|controls?|is|are|still|now)\b", re.IGNORECASE)
_PRESENT_PERFECT = re.compile(r"\b(?:has|have)\s+(?:long\s+|also\s+)?(?:been|held|controlled)\b",
                              re.IGNORECASE)
# "X remains under SDF control", "rebels still hold X": a state now, right before the cue.
_PRESENT_VERB_BEFORE = re.compile(
    r"\b(?:remains|remain|is\s+still|are\s+still|still\s+remains?)\s+(?:firmly\s+|largely\s+|"
    r"fully\s+|entirely\s+)?(?:(?:under|in)\s+(?:the\s+)?)?(?:[\w'’-]+\s+){0,2}$",
    re.IGNORECASE)
_PRESENT_VERB_AT = re.compile(r"(?:remains|remain)\b", re.IGNORECASE)
# "... and have held Bab al-Salameh since July": the cue itself in the present perfect.
_PERFECT_HOLD_BEFORE = re.compile(r"\b(?:has|have)\s+(?:long\s+|also\s+|still\s+)?"
                                  r"(?:held|controlled|run|kept)\b", re.IGNORECASE)
MAX_EVIDENCE = 600
_WS = re.compile(r"\s+")
_ALLIED = re.compile(r"(?:allied|(?:its|their)\s+(?:[\w-]+\s+)?allies)\b", re.I)
_AND_GAP = re.compile(r"\s+and\s+(?:its\s+|their\s+)?", re.I)
_PLACE_LEVEL_CUES = {"governorate": "admin1", "province": "admin1"}


@dataclass
class _Item:
    claim: Claim
    explicit: bool
    kind: str
    order: int
    headline: bool = False  # from an undated headline ("Opposition retakes Nayrab")


# -- claims ------------------------------------------------------------------------------
def _level(c: Candidate) -> str:
    place = c.place.place
    if not c.region:
        return place.level
    cue = c.place.mention.cue
    if cue in _PLACE_LEVEL_CUES or (cue is None and place.level == "admin1"):
        return "admin1"
    return "region"


def _claim(report: Report, sent: Sentence, c: Candidate, ed: EventDate, source: str | None
           ) -> Claim:
    place = c.place.place
    surface = c.place.mention.surface
    if c.region or c.place.mention.cue in ("governorate", "province"):
        surface = c.place.mention.query or surface
    conf = c.strength
    conf *= 0.6 + 0.4 * min(1.0, max(0.0, c.place.mention.score))
    conf *= max(0.3, ed.confidence)
    if c.hedged:
        conf *= 0.75
    if c.coref:
        conf *= 0.85
    if c.place.anaphor:
        conf *= 0.85
    admin1 = place.admin1 or (place.name if place.level == "admin1" else None)
    # Forces outside the six sides show as "unknown"; the state's forces after the fall of
    # the Assad government are the HTS-led authorities.
    actor = "unknown" if c.actor == OUTSIDE else side_on(c.actor, c.actor_raw, ed.date)
    return Claim(
        doc=report.doc, place=surface, place_id=place.place_id, lat=place.lat, lon=place.lon,
        admin1=admin1, level=_level(c), actor=actor,
        actor_raw=c.actor_raw, status=c.status,
        fraction=c.fraction, date=ed.date, date_precision=ed.precision,
        source=source or report.source or report.doc,
        evidence=_evidence(sent.text),
        confidence=round(max(0.05, min(1.0, conf)), 3),
    )


@lru_cache(maxsize=1024)
def _evidence(text: str) -> str:
    """The sentence as evidence (one per claim; a sentence often gives several)."""
    return _WS.sub(" ", text).strip()[:MAX_EVIDENCE]


def _close(a: Claim, b: Claim, days: int) -> bool:
    if a.date == b.date:
        return True
    da, db = day(a.date), day(b.date)
    if da is None or db is None:
        return False
    return abs((da - db).days) <= days


def _consolidate(items: list[_Item]) -> list[_Item]:
    """Merge and prune the claims of one report (see the module notes)."""
    groups: dict[tuple, list[_Item]] = {}
    for it in items:
        c = it.claim
        frac = None if c.fraction is None else round(c.fraction, 2)
        groups.setdefault((c.place_id, c.actor, c.status, frac), []).append(it)
    kept: list[_Item] = []
    for group in groups.values():
        group.sort(key=lambda it: (not it.explicit, it.kind == "presence", -it.claim.confidence,
                                   it.order))
        if group[0].claim.status == "contested":
            # A fight is a state over days: one claim per few days, the latest date.
            group.sort(key=lambda it: (it.claim.date, it.claim.confidence), reverse=True)
        chosen: list[_Item] = []
        for it in group:
            if any(_close(k.claim, it.claim, MERGE_DAYS) and (
                    k.claim.date == it.claim.date or not (k.explicit and it.explicit)
                    or it.claim.status == "contested") for k in chosen):
                continue
            chosen.append(it)
        kept += chosen
    strong = ("captured", "controls", "partial", "besieged")
    out = []
    for it in kept:
        c = it.claim
        others = [k for k in kept if k is not it and k.claim.place_id == c.place_id]
        # A fight is old news beside the same actor's hold or anyone's capture.
        if c.status == "contested" and any(
                _close(o.claim, c, SUPERSEDE_DAYS) and (
                    (o.claim.status in strong and o.claim.actor == c.actor)
                    or (o.claim.status == "captured" and o.explicit)) for o in others):
            continue
        # "Y took X, the last town held by Z": Z's hold is the state before the capture.
        if c.status in ("controls", "partial") and it.kind in _DESCRIPTIVE and any(
                o.claim.status == "captured" and o.claim.actor != c.actor
                and _close(o.claim, c, MERGE_DAYS) for o in others):
            continue
        # A besieged holder holds: "government-held districts ..., besieged by IS".
        if c.status in ("controls", "partial") and any(
                o.claim.status == "besieged" and o.claim.actor == c.actor
                and _close(o.claim, c, MERGE_DAYS) for o in others):
            continue
        if it.kind == "presence" and any(
                k.kind != "presence" and _close(k.claim, c, SUPERSEDE_DAYS) for k in others):
            continue
        if c.status == "controls" and any(
                o.claim.status == "captured" and o.claim.actor == c.actor
                and _close(o.claim, c, MERGE_DAYS) for o in others):
            continue
        # The headline's present tense ("Rebels retake X") is dated by the body when the
        # body tells the same change.
        if it.headline and any(o.claim.status == c.status and not o.headline for o in others):
            continue
        if it.headline:
            it = _dated_by_lede(it, kept)
        out.append(it)
    out.sort(key=lambda it: it.order)
    return out


def _dated_by_lede(headline: _Item, items: list[_Item]) -> _Item:
    """A headline's change dated by the first body claim of the same kind.

    "Militias take Tabqa dam" over a lede "said on Wednesday it had taken the city of
    Tabqa and the nearby dam": the headline sums up the lede, so the lede's day (a few
    days before publication at most) is the headline's.
    """
    c = headline.claim
    hd = day(c.date)
    if hd is None:
        return headline
    for it in sorted(items, key=lambda it: it.order):
        o = it.claim
        od = day(o.date)
        if it.headline or not it.explicit or o.actor != c.actor or o.status != c.status \
                or od is None:
            continue
        if 0 < (hd - od).days <= MERGE_DAYS:
            return replace(headline, claim=replace(c, date=o.date,
                                                   date_precision=o.date_precision))
        return headline  # only the first such body claim sums up the story
    return headline


_OUR_BEFORE = re.compile(r"\b(?:our|our\s+heroic|our\s+brave)\s+$", re.IGNORECASE)
_CLOSING_QUOTE = re.compile(r"[\"”]")


def _own_side(text: str, mentions, i: int, source: str | None) -> str | None:
    """The side "our forces" belongs to: the speaker named after the closing quote
    ('"Our forces liberated X," an SDF spokesman said'), else the outlet's own side."""
    m = mentions[i]
    if not _OUR_BEFORE.search(text, max(0, m.start - 16), m.start):
        return None
    quote = _CLOSING_QUOTE.search(text, m.end)
    if quote is not None:
        for later in mentions[i + 1:]:
            if later.start > quote.start() and later.generic is None and \
                    later.actor != "unknown" and later.start - quote.end() < 80:
                return later.actor
    return outlet_side(source)


def _resolve_actors(sent: Sentence, mentions, source: str | None, state: State,
                    paragraph_actors: list[str]) -> list[ActorRef]:
    resolved, corefs = [], []
    head: int | None = None  # the last mention not inside an "among them" aside
    for i, m in enumerate(mentions):
        if i and _ALLIED.match(m.raw) and resolved[-1] != "unknown" and _AND_GAP.fullmatch(
                sent.text, mentions[i - 1].end, m.start):
            # "Turkish troops and allied Syrian rebels": the allies of the first.
            actor, coref = resolved[-1], False
        elif m.generic is None:
            actor, coref = m.actor, False
        elif (own := _own_side(sent.text, mentions, i, source)) is not None:
            actor, coref = own, True
        else:
            actor = resolve_coreference(m, state.recent_actors, source=source,
                                        paragraph_actors=paragraph_actors)
            coref = True
        resolved.append(actor)
        corefs.append(coref)
        # Generic words ("the group") refer back to doers, not to the men they fought:
        # an object ("drove rival rebel factions out") is remembered behind the doers.
        member = head is not None and resolved[head] != "unknown" and \
            SUBSET_ASIDE.fullmatch(sent.text, mentions[head].end, m.start) is not None
        if actor != "unknown":
            if _is_object(sent.text, m.start) and state.recent_actors:
                state.recent_actors.insert(len(state.recent_actors) - 1, actor)
            else:
                state.recent_actors.append(actor)
        if member:
            # "fighters of the rebel battalions, among them Nusra and ISIS": "the
            # fighters" later are the rebels, the head, not the last member named.
            state.recent_actors.append(resolved[head])
        else:
            head = i
    return actor_refs(sent.text, mentions, resolved, corefs)


def _is_headline(sent: Sentence) -> bool:
    """The report's first line, a title with no full stop."""
    text = sent.text.strip()
    return sent.index == 0 and len(text) < 160 and "\n" not in text and not text.endswith(".")


def _section_date(sent: Sentence, dms) -> EventDate | None:
    """The date of a stand-alone date line ("12 June, 2017")."""
    if len(sent.text) > 45 or not dms:
        return None
    covered = sum(dm.end - dm.start for dm in dms)
    letters = len(re.sub(r"[\W\d_]", "", sent.text))
    return dms[0].date if covered >= 0.5 * len(sent.text) or letters <= 12 else None


def _dateline_end(sent: Sentence, text: str) -> int:
    """End (report offset) of a dateline opening the sentence ("BEIRUT (Reuters) -"), or -1."""
    if not (sent.index == 0 or sent.start == 0 or text[max(0, sent.start - 1)] == "\n"):
        return -1
    # Only a dateline ending before character 60 counts, and it ends with a dash: most
    # lines have none there and skip the (backtracking) pattern.
    head = sent.text[:60]
    if "-" not in head and "–" not in head and "—" not in head:
        return -1
    dl = C.DATELINE_RE.match(sent.text)
    return sent.start + dl.end() if dl and dl.end() < 60 else -1


def extract(report: Report, gazetteer) -> Extraction:
    """Extract the control claims of one report.

    Parameters
    ----------
    report : Report
        The article (text, anchor date, outlet).
    gazetteer : Gazetteer
        Used for place mentions and resolution.

    Returns
    -------
    Extraction
        Claims in text order, the unresolved names met next to control verbs, and
        warnings for anything that went wrong in a sentence (the rest goes on).
    """
    text = report.text or ""
    anchor = report.anchor or Anchor()
    warnings: list[str] = []
    sents = sentences(text)
    # Framing of generic words: the outlet's, or state media's when the report relays
    # it ("SANA reported", "state television said").
    framing = report.source
    if not is_state_aligned(framing) and C.STATE_CITE_RE.search(text):
        framing = "SANA"
    try:
        sent_actors = [find_actors(s.text, framing) for s in sents]
        actor_spans = [(s.start + a.start, s.start + a.end)
                       for s, found in zip(sents, sent_actors, strict=True) for a in found]
        sent_cues = [list(C.cue_matches(s.text)) for s in sents]
        verbs = {s.index for s, cues in zip(sents, sent_cues, strict=True)
                 if any(m.lastgroup not in ("contested", "hold_noun") for m in cues)}
        mentions = find_mentions(text, gazetteer, sentence_list=sents, exclude=actor_spans,
                                 verb_sentences=verbs)
    except Exception as error:  # noqa: BLE001 - a report never aborts the batch
        return Extraction(report.doc, warnings=(f"mentions failed: {error!r}",))
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    para_actors: dict[int, list[str]] = {}
    for s, found in zip(sents, sent_actors, strict=True):
        para_actors.setdefault(s.paragraph, []).extend(
            a.actor for a in found if a.generic is None)

    dates = dates_api()
    state = State(outlet_side=outlet_side(report.source))
    items: list[_Item] = []
    carried: EventDate | None = None
    last_named: EventDate | None = None
    para_source: str | None = None
    paragraph = -1
    for sent in sents:
        if sent.paragraph != paragraph:
            # The date in force carries over paragraphs (not explicit any more); a
            # stand-alone date line above a section resets it.
            paragraph = sent.paragraph
            para_source = None
        state.sentence_index = sent.index
        try:
            dms = dates.find_dates(sent.text, anchor, last_named or carried)
            sec = _section_date(sent, dms)
            if sec is not None:
                carried, last_named = sec, None
                continue
            actors = _resolve_actors(sent, sent_actors[sent.index], framing, state,
                                     para_actors[sent.paragraph])
            dateline_end = _dateline_end(sent, text)
            refs = place_refs(sent.text, sent.start, by_sentence.get(sent.index, []), state,
                              dateline_end)
            cands = analyse(sent.text, refs, actors, state, gazetteer, sent_cues[sent.index])
            attribs: list[tuple[int, str]] = []
            if cands:
                attribs, para_source = attributions(sent.text, actors, para_source)
            speech = speech_spans(sent.text) if cands else []
            # "BEIRUT, Aug 25 (AFP) - ... captured X on Sunday": the dateline's date is
            # when it was filed, not when the events happened.
            claim_dms = [dm for dm in dms if dm.start >= dateline_end - sent.start] \
                if dateline_end >= 0 else dms
            for c in cands:
                if c.place.place is None or c.place.place.country != "SY":
                    continue
                if c.status == "contested" and (
                        c.place.place.level in ("admin1", "region")
                        or c.place.mention.cue not in (None, "direction")) and \
                        _level(c) in ("admin1", "region"):
                    # "an offensive in Hama province", "fighting in the Qalamoun": a
                    # front somewhere inside a region, not a claim on all of it.
                    continue
                pos = c.cue_pos if c.date_pos is None else c.date_pos
                kind = "held_adj" if c.kind == "siege" and _SIEGE_ADJECTIVE.match(
                    sent.text, c.cue_pos) and _ATTRIBUTIVE_BEFORE.search(
                    sent.text, max(0, c.cue_pos - 20), c.cue_pos) else c.kind
                dm = pick_date(sent.text, pos, claim_dms, speech, kind in _DESCRIPTIVE_DATE)
                since_after = kind in _DESCRIPTIVE and any(
                    d.since and 0 < d.start - c.cue_pos < 160 for d in claim_dms) and \
                    _PERFECT_HOLD_BEFORE.search(sent.text, max(0, c.cue_pos - 25), c.cue_pos + 12)
                now_state = kind in _DESCRIPTIVE and dm is not None and not dm.since and \
                    not in_speech(dm, speech) and \
                    dm.start > c.cue_pos and "," in sent.text[c.cue_pos:dm.start] and \
                    (_PRESENT_VERB_BEFORE.search(sent.text, max(0, c.cue_pos - 30), c.cue_pos)
                     or _PRESENT_VERB_AT.match(sent.text, c.cue_pos))
                if (dm is not None and dm.since and kind in _DESCRIPTIVE
                        and _PRESENT_PERFECT.search(sent.text)) or since_after or now_state:
                    # "X remains under SDF control, with ... under a deal reached on
                    # Oct. 13": the state now, not on a date told of something else.
                    # "X, which has been held by the YPG since 2016": held now, as published.
                    ed = dates.event_date("", anchor, None)
                elif dm is not None:
                    ed = dm.date
                elif kind in _DESCRIPTIVE_DATE or (
                        kind in _DESCRIPTIVE + ("siege",) and (
                            _PRESENT_STATE.search(sent.text)
                            or _PRESENT_PERFECT.search(sent.text))):
                    # "the regime retains X", "Y remains besieged", "X has been in rebel
                    # hands": true as of publication, not on the last event date named above.
                    ed = dates.event_date("", anchor, None)
                else:
                    ed = dates.event_date("", anchor, carried)
                prev = previous_year(sent.text, pos, dms)
                if prev is not None:
                    ed = prev
                if (anchor.date is not None and ed.precision == "day"
                        and ed.date > anchor.date.isoformat()):
                    # A report tells of what happened by its publication ("two days
                    # later" counted from a date we misread): never a day after it.
                    ed = replace(ed, date=anchor.date.isoformat(),
                                 confidence=min(ed.confidence, 0.5))
                if not ed.date:
                    warnings.append(f"sentence {sent.index}: no date for a claim at "
                                    f"{c.place.mention.surface!r}; dropped")
                    continue
                source = source_for(c.cue_pos, attribs)
                claim = _claim(report, sent, c, ed, source)
                explicit = dm is not None or prev is not None
                items.append(_Item(claim, explicit, c.kind, len(items),
                                   not explicit and _is_headline(sent)))
            subjects = [c.actor for c in cands if c.kind not in ("presence", "held_adj")]
            if subjects:
                state.last_subject = subjects[-1]
            else:
                doers = [a.actor for a in actors if not a.is_object and a.actor != "unknown"]
                if doers:
                    state.last_subject = doers[-1]
            here = [m for m in by_sentence.get(sent.index, []) if m.place is not None]
            state.last_places.extend(here)
            state.topic = here[0] if here and here[0].start - sent.start <= 4 else None
            for c in cands:
                if not c.region and c.place.place is not None:
                    state.targets.append((c.place.mention, sent.index))
            fresh = [dm for dm in dms if not dm.date.historical
                     and not introduces_clause(sent.text, dm)]
            if fresh:
                # The news of the day is the latest date named ("up from a third when
                # the offensive began on June 19, the monitor said on Thursday").
                carried = max(fresh, key=lambda dm: dm.date.date).date
                # "... on May 8. They seized Y on the following day": the day after the
                # date named last, which relative words count from.
                last_named = fresh[-1].date
        except Exception as error:  # noqa: BLE001 - one bad sentence never aborts a report
            warnings.append(f"sentence {sent.index}: {type(error).__name__}: {error}")
    kept = _consolidate(items)
    unresolved = []
    seen: set[str] = set()
    for m in mentions:
        approximate = m.resolution is not None and m.resolution.method == "approximate"
        if (m.place is None or approximate) and m.surface not in seen:
            seen.add(m.surface)
            sent = sents[m.sentence_index]
            reason = "not in gazetteer"
            if approximate:
                reason += "; placed " + m.place.source
            elif m.resolution is not None and m.resolution.suggestions:
                reason += "; near: " + ", ".join(m.resolution.suggestions[:3])
            unresolved.append(UnresolvedMention(report.doc, m.surface,
                                                _WS.sub(" ", sent.text)[:MAX_EVIDENCE], reason))
    return Extraction(report.doc, tuple(it.claim for it in kept), tuple(unresolved),
                      tuple(warnings))
