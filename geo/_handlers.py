"""The helpers the cue handlers share (private to :mod:`geo._assign`).

:class:`HandlerBase` adds to :class:`geo._links.SentenceBase` what more than one family
of cue handlers uses: the passive and its agent, the claim on the places a verb takes
forward (with "and of X", "including X" and the regions after them), the object of a
relative clause ("X, which the jihadists seized"), the claim on a region or a city's
parts, and the actor behind a generic word ("the jihadists") or on the other side.
"""

from __future__ import annotations

import re
from dataclasses import replace

from gazetteer.model import Resolution
from geo import _cues as C
from geo._links import (
    _BY_AGENT,
    _FROM_LOSER,
    _REGION_CUES,
    ActorRef,
    PlaceRef,
    SentenceBase,
    _fraction,
)
from geo.mentions import governorate_of

_REL_PRONOUN_BEFORE = re.compile(
    r"(?:,\s*)?\b(?:which|that)\s+(?:it|they)\s+(?:had\s+|has\s+|have\s+|first\s+|"
    r"finally\s+|only\s+|recently\s+|still\s+|now\s+|also\s+|fully\s+|completely\s+|"
    r"eventually\s+|briefly\s+|later\s+){0,2}$", re.IGNORECASE)
_ZERO_HEAD = (
    r",\s*(?:a|an|the|two|three|four|both|one)\s+(?:[\w'’-]+\s+){0,3}?(?:towns?|villages?|"
    r"city|cities|districts?|neighbou?rhoods?|suburbs?|bases?|airbase|areas?|hills?|"
    r"strongholds?|bastions?)\s+")
_ZERO_RELATIVE = re.compile(_ZERO_HEAD + r"(?:the\s+)?$", re.IGNORECASE)
_AUXILIARY_WORDS = r"(?:had|has|have|first|finally|only|recently|still|now|also|since|then|later)"
_AUXILIARIES = re.compile(rf"\s+(?:{_AUXILIARY_WORDS}\s+){{0,2}}", re.IGNORECASE)
# "X and Y, two villages they have besieged": the doer is a pronoun.
_ZERO_RELATIVE_PRONOUN = re.compile(
    _ZERO_HEAD + rf"(?:they|it)\s+(?:{_AUXILIARY_WORDS}\s+){{0,2}}$", re.IGNORECASE)
_NEAR_BEFORE = re.compile(r"\b(?:near|outside|around|towards?|between|from|via|beyond)\s+"
                          r"(?:the\s+)?$", re.IGNORECASE)
_INCLUDING = re.compile(
    r"(?:(?:\s*,)?(?:\s+(?:and|as\s+well\s+as))?\s+(?:(?:its|their|the|several|some|many|"
    r"dozens\s+of|a\s+(?:number|string|series|handful|chain|belt|cluster|row)\s+of|\d+)\s+)?"
    r"(?:[\w'’-]+\s+(?:and\s+)?){0,2}?(?:strongholds|bastions|towns|villages|"
    r"cities|positions|areas|territories)(?:\s+(?:in|of|along|on|near|around|across|throughout)"
    r"\s+(?:the\s+)?[^,.;()]{1,50}?)?)?\s*,?\s+"
    r"(?:including|among\s+them|such\s+as)\s+(?:the\s+)?(?:(?:towns?|city|cities|villages?)\s+"
    r"of\s+)?", re.IGNORECASE)
# "hold most of the west bank, including the city of X": any short object before the list.
_HELD_INCLUDING = re.compile(
    r"\s+(?:(?:most|much|all|(?:large\s+)?parts|swathes)\s+of\s+)?(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,4}?[\w'’-]+\s*,\s*including\s+(?:the\s+)?(?:(?:towns?|city|cities|"
    r"villages?)\s+of\s+)?", re.IGNORECASE)
_PARTS_INCLUDING = re.compile(r"(?:\s+(?:city|town))?\s*,\s*including\s+(?:the\s+)?"
                              r"(?:[\w'’-]+\s+){0,3}?(?:and\s+(?:the\s+)?)?(?=[A-Z])")
# "seized at least 20 towns and villages": places the report may name in the next sentence.
_GROUP_NOUNS = r"(?:villages|towns|hamlets|settlements|hills|hilltops|positions|localities)"
_GROUP_OBJECT = re.compile(
    r"\s+(?:control\s+(?:of|over)\s+)?(?:(?:more\s+than|at\s+least|over|some|nearly|about|around|"
    r"almost|another|a\s+further|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|\w+teen|\w+ty|dozens\s+of|several|a\s+number\s+of|a\s+string\s+of|a\s+series\s+of"
    r"|a\s+dozen|a\s+handful\s+of|more)\s+)+(?:[a-z][\w-]*\s+){0,2}?"
    + _GROUP_NOUNS + r"(?:\s+and\s+" + _GROUP_NOUNS + r")?\b",
    re.IGNORECASE)
_AND_OF = re.compile(r"[^;.()]{0,80}?,?\s+and\s+(?:also\s+)?(?:of|over)\s+", re.IGNORECASE)
_CITY_PARTS = frozenset({"neighbourhoods", "neighborhoods", "districts", "parts"})
_LOOSE_LIST_GAP = re.compile(r"\b(?:as\s+well\s+as|along\s+with|plus)\b", re.IGNORECASE)
_LOCATING_TAIL = re.compile(r"\b(?:near|outside|in|on|at|along)\b", re.IGNORECASE)
_BARE_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?", re.IGNORECASE)


class HandlerBase(SentenceBase):
    """A sentence with the helpers the cue handlers share."""

    def _is_passive(self, m: re.Match) -> bool:
        word = m.group().split()[0].lower()
        participle = word.endswith(("ed", "en", "un", "held")) or word in ("taken", "overrun")
        if not participle:
            return False
        if C.PASSIVE_AUX_RE.search(self.text, max(0, m.start() - 40), m.start()):
            return True
        return bool(re.match(r"\s+by\b", self.text[m.end():m.end() + 5]))

    def _agent(self, pos: int) -> ActorRef | None:
        # "was taken from the rebels by the army": the agent stands after the loser.
        lead = _FROM_LOSER.match(self.text, pos)
        if lead is not None:
            loser = next((a for a in self.actors if a.start == lead.end()), None)
            if loser is not None:
                pos = loser.end
        return self.actor_at(pos, _BY_AGENT, limit=45)

    def _forward_claim(self, m: re.Match, kind: str, status: str,
                       actor: ActorRef | str | None = None) -> list[PlaceRef]:
        actor = actor or self.subject(m.start())
        path_re = C.WITHDRAW_PATH_RE if status == "withdrew" else C.FWD_PATH_RE
        targets = self.forward(m.end(), path_re)
        done: list[PlaceRef] = []
        for place, path in targets:
            st = status
            partial, frac = _fraction(path)
            if path.group("edge"):
                st = "contested" if status != "withdrew" else None
            elif partial:
                st = "partial" if status in ("captured", "controls") else None
            if st is None or actor is None:
                continue
            self.add(place, actor, st, kind, m.start(), frac if st == "partial" else None)
            done.append(place)
        if done and actor is not None and m.group().lower().endswith((" of", " over")):
            # "took control of Kobani on Thursday, and of Amuda a day later".
            more = _AND_OF.match(self.text, targets[-1][0].end)
            extra = self.forward(more.end(), C.FWD_PATH_RE, limit=40) if more else []
            for place, _ in extra:
                # Dated by what follows them ("a day later"), not by the first place's date.
                self.add(place, actor, status, kind, m.start(), date_pos=extra[-1][0].end)
                done.append(place)
        # "still holds its remaining strongholds in the valley, including X, Y and Z".
        inc = _INCLUDING.match(self.text, targets[-1][0].end if targets else m.end())
        if inc is None and status == "controls" and not targets:
            inc = _HELD_INCLUDING.match(self.text, m.end())
        if inc is None and any(d.start == targets[-1][0].start for d in done) and \
                self.out and self.out[-1].status == "partial":
            # "large parts of the city, including the Hweiqa district": those parts.
            inc = _PARTS_INCLUDING.match(self.text, targets[-1][0].end)
        if inc and actor is not None and status in ("captured", "controls"):
            for place, _ in self.forward(inc.end(), C.FWD_PATH_RE, limit=5):
                if all(place.start != d.start for d in done):
                    self.add(place, actor, status, kind, m.start())
                    done.append(place)
        # "captured X and a string of villages in the Y countryside".
        start = targets[-1][0].end if targets else m.end()
        gap_re = C.REGION_AFTER_LIST_RE if targets else None
        regions = self._region_in(start, gap_re)
        for place, path in regions:
            if actor is None:
                break
            self._region_claim(place, path, actor, status, kind, m.start())
            done.append(place)
        if actor is not None and status in ("captured", "controls") and \
                _GROUP_OBJECT.match(self.text, m.end()):
            name = actor.actor if isinstance(actor, ActorRef) else actor
            if name != "unknown":
                self.state.group_claim = (self.state.sentence_index, name, status, kind)
        if not done and actor is not None and re.match(r"\s+it\b", self.text[m.end():]):
            ref = self.focus_ref(m.end() + 1, m.end() + 3, level="it")
            if ref is not None:
                self.add(ref, actor, status, kind, m.start())
                done.append(ref)
        if not done and actor is not None and re.match(r"\s+them\b", self.text[m.end():]):
            # "residents of X and Y laid down their arms, and troops entered them".
            for place in self._named_list(m.start()):
                self.add(place, actor, status, kind, m.start())
                done.append(place)
        return done

    def _named_list(self, pos: int) -> list[PlaceRef]:
        """The list of two or more places named last before ``pos`` in the sentence."""
        before = [p for p in self.places if p.end <= pos and not p.anaphor]
        if not before:
            return []
        found = [before[-1]]
        for q in reversed(before[:-1]):
            if not C.LIST_SEP_RE.fullmatch(self.text, q.end, found[-1].start):
                break
            found.append(q)
        # "ambushed soldiers near X and Y and captured them": the soldiers, not X and Y.
        if len(found) < 2 or _NEAR_BEFORE.search(self.text, max(0, found[-1].start - 20),
                                                 found[-1].start):
            return []
        return found[::-1]

    def _region_in(self, pos: int, lead: re.Pattern | None) -> list[tuple[PlaceRef, re.Match]]:
        if lead is not None:
            m = lead.match(self.text, pos)
            if not m:
                return []
            pos = m.end()
        return self.forward(pos, C.REGION_IN_RE)

    def _region_claim(self, place: PlaceRef, path: re.Match, actor, status: str, kind: str,
                      pos: int) -> None:
        what = path.group("what").lower()
        region_cue = place.mention.cue in _REGION_CUES or (
            place.place is not None and place.place.level in ("admin1", "region"))
        if what in _CITY_PARTS and not region_cue:
            if status == "withdrew":
                return
            st = "partial" if status in ("captured", "controls") else status
            if re.match(r"\s*(?:all|every)\b", path.group(), re.IGNORECASE):
                st = status  # "purged all neighbourhoods of X of terrorists"
            self.add(place, actor, st, kind, pos)
        elif what in ("positions", "points", "checkpoints", "outposts") and not region_cue:
            if status == "contested":
                self.add(place, actor, "contested", kind, pos)
        else:
            self._add_region(place, actor, status, kind, pos)

    def _add_region(self, place: PlaceRef, actor, status: str, kind: str, pos: int) -> None:
        if place.place is None:
            return
        gov = governorate_of(place.place, self.gaz)
        if gov is None:
            return
        score = place.mention.score if place.mention.resolution is not None else 0.8
        res = Resolution(place.mention.query or place.mention.surface, gov, score, (), "region")
        mention = replace(place.mention, candidates=(gov,), resolution=res,
                          cue=place.mention.cue or "direction", level_hint="admin1")
        ref = PlaceRef(place.start, place.end, mention, place.anaphor)
        self.add(ref, actor, status, kind, pos, region=True,
                 strength=C.CUE_STRENGTH.get(kind, 0.7) * 0.9)

    def _relative_object(self, m: re.Match, actor: ActorRef | None) -> list[PlaceRef]:
        """"X, a town that the YPG seized": X, when the cue's subject follows "that"."""
        if actor is None:
            return []
        # "X, which it seized": the doer is a pronoun between the relative and the verb.
        rel = _REL_PRONOUN_BEFORE.search(self.text, max(0, m.start() - 30), m.start())
        if rel is None and actor.raw != "(pronoun)":
            rel = C.REL_OBJECT_RE.search(self.text, max(0, actor.start - 14), actor.start)
        if rel is None:
            rel = _ZERO_RELATIVE_PRONOUN.search(self.text, max(0, m.start() - 90), m.start())
        if rel is None and _AUXILIARIES.fullmatch(self.text, actor.end, m.start()):
            # No relative pronoun: "Qusayr, a town rebels seized in 2012", "X and Y, two
            # villages they have besieged".
            rel = _ZERO_RELATIVE.search(self.text, max(0, actor.start - 60), actor.start)
        if rel is None:
            return []
        found = self.backward(rel.start(), C.REL_BWD_RE, limit=90)
        # The clause is about the last noun phrase: "Idlib city, as well as the bases of X
        # and Y near Z, which rebels have surrounded" are X and Y; after a locating tail
        # ("the X airport in the south-east of the province, which") only bare names
        # ("X and Y") are one phrase.
        tail = bool(found) and _LOCATING_TAIL.search(self.text, found[0].end, rel.start())
        for i in range(1, len(found)):
            gap = self.text[found[i].end:found[i - 1].start]
            if _LOOSE_LIST_GAP.search(gap) or (tail and not _BARE_LIST_GAP.fullmatch(gap)):
                return found[:i]
        return found

    def _other_actor(self, not_actor: str | None) -> ActorRef | str | None:
        # Rebels and HTS fought side by side (Jaish al-Fatah): neither is the other's
        # besieged or defeated enemy by default.
        same_side = {not_actor} | ({"opposition", "hts"} if not_actor in ("opposition", "hts")
                                   else set())
        for a in self.actors:
            if a.actor != "unknown" and a.actor not in same_side and not a.coref:
                return a
        for actor in reversed(self.state.recent_actors):
            if actor != "unknown" and actor not in same_side:
                return actor
        return None

    def _held_actor(self, actor: str | None) -> str | None:
        if actor in ("jihadists", "militants"):
            return self._recent_of(("isis", "hts") if actor == "jihadists" else
                                   ("isis", "hts", "opposition", "sdf"))
        return actor

    def _recent_of(self, allowed: tuple[str, ...]) -> str | None:
        for a in reversed(self.state.recent_actors):
            if a in allowed:
                return a
        return None
