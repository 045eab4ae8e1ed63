"""The holding cue handlers (private to :mod:`geo._assign`).

:class:`HoldingHandlers` reads who holds a place: "in rebel hands", "under X control",
"held by", "kept control of", "confined to", "held on to", "dug in", the holding nouns
("X, the group's stronghold"), the held adjectives ("the rebel-held town of X") and the
presence of an actor in a place ("rebels in X"), with the quantities that make a
holding partial.
"""

from __future__ import annotations

import re

from geo import _cues as C
from geo._handlers import _HELD_INCLUDING, _INCLUDING, HandlerBase
from geo._links import (
    _CAPTURE_UNDER,
    _CONTROL_BEFORE_ACTOR,
    _HELD_APPOSITIVE,
    _HELD_APPOSITIVE_LIST,
    _HELD_AREA_AFTER,
    _HELD_PARTS,
    _IN_AT_BEFORE,
    _ITS_BEFORE,
    _LIES_IN,
    _OF_ACTOR_GAP,
    _POSSESSOR_GAP,
    SUBSET_WORDS,
    ActorRef,
    PlaceRef,
    _fraction,
)

_STATIONED = re.compile(r"\s+(?:\w+\s+){0,2}?(?:stationed|based|deployed|positioned|entrenched)\b",
                        re.IGNORECASE)
_AND_TO = re.compile(r"\s(?:and|or)\s+(?:also\s+)?to\b", re.IGNORECASE)
_QUANT_BEFORE = re.compile(rf"(?:{C.QUANT})(?:(?:the|a)\s+)?$", re.IGNORECASE)
_UNTIL_AFTER = re.compile(r"[^.;,]{0,40}?\buntil\b", re.IGNORECASE)
_SUCH_AS = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:areas|towns|villages|cities|places|positions|territor(?:y|ies)|"
    r"parts|districts|neighbou?rhoods)\s*,?\s+(?:such\s+as|including|like)\s+", re.IGNORECASE)
_AFTER_AGENT_LIST = re.compile(
    rf"\s*,?\s+{SUBSET_WORDS}\s+(?:the\s+)?(?:(?:towns?|city|cities|villages?)\s+of\s+)?(?=\S)",
    re.IGNORECASE)
_PLURAL_PLACES = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:towns|villages|cities|areas|neighbou?rhoods|districts|suburbs|"
    r"settlements|hamlets)\b", re.IGNORECASE)


# A part named after a place: "Sweida's eastern desert", "Homs's Waer district".
_PART_AFTER = re.compile(
    r"['’]s\s+(?:[a-z]|(?:[A-Z][\w-]+\s+)?(?:district|neighbou?rhood|quarter)\b)")


class HoldingHandlers(HandlerBase):
    """The handlers of the holding cues."""

    def _holder_after(self, pos: int) -> ActorRef | str | None:
        """The actor of "under X control" / "in the hands of X" / "in rebel hands"."""
        agent = self.actor_at(pos, _CONTROL_BEFORE_ACTOR, 40)
        if agent is not None:
            return agent
        word = re.match(r"\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|effective\s+|firm\s+)?"
                        r"([\w'’-]+)(?:-\w+)?\s+(?:full\s+)?(?:control|hands|rule|occupation)\b",
                        self.text[pos:pos + 60])
        if word:
            actor = C.HELD_PREFIX.get(word.group(1).lower().strip("'’s"))
            if actor in ("jihadists", "militants"):
                return self._recent_of(("isis", "hts") if actor == "jihadists" else
                                       ("isis", "hts", "opposition", "sdf"))
            return actor
        return None

    def _on_in_control(self, m: re.Match) -> None:
        word = m.group().lower()
        if word.endswith(("control", "charge")):
            # "X, where rebels are in control (since 2012)"; "In X, the SDF is in charge".
            holder = self.subject(m.start())
            places = self.where_places(m.start()) or self.topic_places(m.start())
            for place in places if holder is not None else ():
                self.add(place, holder, "controls", "in_control", m.start())
            return
        if word.endswith(("under", "hands of", "hands", "grip of")):
            if word.endswith("hands"):
                inner = re.match(r"in\s+(?:the\s+)?([\w'’-]+)", word)
                actor = C.HELD_PREFIX.get(inner.group(1).strip("'’s")) if inner else None
                holder = self._held_actor(actor) if actor else None
                if holder is None:
                    holder = next((a for a in self.actors if m.start() <= a.start < m.end()),
                                  None)
            else:
                holder = self._holder_after(m.end())
            if holder is None:
                return
            status = "captured" if _CAPTURE_UNDER.match(word) else "controls"
            places = self.backward(m.start(), C.BWD_PATH_RE)
            if not places and word.startswith(("left", "leav", "brought", "bring", "placed",
                                               "put")):
                places = [p for p, _ in self.forward(len(word.split()[0]) + m.start(),
                                                     C.FWD_PATH_RE, limit=60)]
            if not places:
                places = self.where_places(m.start())
            had_been = C.HAD_BEEN_RE.search(self.text, max(0, m.start() - 30), m.start())
            since = C.SINCE_AFTER_RE.search(self.text, m.end(), m.end() + 70)
            for place in places:
                if had_been and since and status == "controls":
                    # "had been in the hands of X since April 2015": taken then.
                    self.add(place, holder, "captured", "in_control", m.start(),
                             date_pos=since.end())
                else:
                    st, fraction = self._quantified(place, status)
                    self.add(place, holder, st, "in_control", m.start(), fraction)
            return
        self._forward_claim(m, "in_control", "controls")

    def _quantified(self, place: PlaceRef, status: str) -> tuple[str, float | None]:
        """"About half of the province remains in rebel hands": partial, before the place."""
        if status != "controls":
            return status, None
        q = _QUANT_BEFORE.search(self.text, max(0, place.start - 60), place.start)
        partial, fraction = _fraction(q) if q else (False, None)
        return ("partial", fraction) if partial else (status, None)

    def _on_hold(self, m: re.Match) -> None:
        word = m.group().lower()
        if word.startswith("confined"):
            # "confined to the desert east of X and to the town of Y": each "to" opens a
            # place of its own.
            actor = self.subject(m.start())
            starts = [m.end()] + [a.end() for a in _AND_TO.finditer(
                self.text, m.end(), min(len(self.text), m.end() + 150))]
            for start in starts:
                for place, path in self.forward(start, C.FWD_PATH_RE, limit=60):
                    noun = (path.group("noun") or "").lower()
                    # "confined to the old quarter of Homs": a part of the city.
                    part = noun in ("quarter", "district", "neighbourhood", "neighborhood") and (
                        place.place is None or place.place.level != "neighbourhood")
                    if actor is not None:
                        self.add(place, actor, "partial" if part else "controls", "hold",
                                 m.start())
            return
        if "foothold" in word:
            actor = self.subject(m.start())
            for place, _ in self.forward(m.end(), C.FWD_PATH_RE, limit=40)[:1]:
                self.add(place, actor, "partial", "hold", m.start())
            return
        if word.endswith(" between"):
            # "X is divided between the army and IS": each side holds part of X.
            sides: list[ActorRef] = []
            for a in self.actors:
                if m.end() <= a.start <= m.end() + 80 and a.actor != "unknown" and \
                        a.actor not in [b.actor for b in sides]:
                    sides.append(a)
            if len(sides) < 2 or not re.fullmatch(
                    r"\s*(?:the\s+)?", self.text[m.end():sides[0].start]):
                return
            for place in self.backward(m.start(), C.BWD_PATH_RE):
                for side in sides[:2]:
                    self.add(place, side, "partial", "hold", m.start(), fraction=0.5)
            return
        if word in ("held", "controlled", "dominated", "protected", "run", "ruled",
                    "administered", "governed") and (
                self._is_passive(m) or word == "run" and self.text.startswith(" by", m.end())):
            agent = self._agent(m.end())
            if agent is None:
                return
            places = self.backward(m.start(), C.BWD_PATH_RE) or self.where_places(m.start())
            listed = _AFTER_AGENT_LIST.match(self.text, agent.end) \
                if isinstance(agent, ActorRef) else None
            if not places and listed:
                # "territory controlled by IS, including Mayadin and Bukamal".
                places = [p for p, _ in self.forward(listed.end(), C.FWD_PATH_RE, limit=30)]
            for place in places:
                st, fraction = self._quantified(place, "controls")
                self.add(place, agent, st, "hold", m.start(), fraction)
            return
        targets = self.forward(m.end(), C.FWD_PATH_RE, limit=60)
        if targets and _UNTIL_AFTER.match(self.text, targets[-1][0].end):
            return  # "rebels held X until Sunday, when ...": a hold that has ended
        if targets or re.match(r"\s+it\b", self.text[m.end():]) or _INCLUDING.match(
                self.text, m.end()) or _HELD_INCLUDING.match(self.text, m.end()):
            self._forward_claim(m, "hold", "controls")
        else:
            # "the towns of X and Y, which they have held since 2013", "the Tal Rifaat
            # area, which Kurdish-led forces still hold".
            holder = self.subject(m.start())
            if holder is not None and holder.raw != "(pronoun)" and re.search(
                    r"\bhad\s+(?:\w+\s+)?$", self.text[max(0, m.start() - 20):m.start()]):
                return  # "X, which rebels had held since 2013": a hold that has ended
            for place in self._relative_object(m, holder):
                self.add(place, holder, "controls", "hold", m.start())

    def _on_hold_still(self, m: re.Match) -> None:
        actor = self.subject(m.start())
        if actor is None:
            return
        on_to = m.group().lower().endswith(" to")
        targets = self.forward(m.end(), C.FWD_PATH_RE if on_to else C.IN_PATH_RE, limit=50)
        if targets or on_to:
            for place, _ in targets:
                self.add(place, actor, "controls", "hold_still", m.start())
            return
        # "X, where the group has been entrenched for months".
        where = self.where_places(m.start())
        for place in where:
            self.add(place, actor, "controls", "hold_still", m.start())
        if where:
            return
        for p in reversed([p for p in self.places if p.end <= m.start()]):
            if _IN_AT_BEFORE.search(self.text, max(0, p.start - 30), p.start):
                self.add(p, actor, "controls", "hold_still", m.start())
            return

    def _on_hold_noun(self, m: re.Match) -> None:
        lo = max(0, m.start() - 40)
        if C.FORMER_RE.search(self.text, lo, m.start()):
            return
        noun = m.group().lower()
        after = self.text[m.end():m.end() + 60].lower()
        actor = self._possessor(m)
        if noun.endswith("capital") and not (noun.startswith(("de", "self")) or "caliphate" in after
                                             or actor is not None):
            return
        if actor is None:
            return
        if noun in ("headquarters", "base", "bases") and isinstance(actor, ActorRef) and \
                self.text[actor.end:m.start()].isspace():
            return  # "the government headquarters", "an army base": a building, no claim
        found = self.forward(m.end(), C.FWD_HOLDN_RE, limit=40)
        inside = bool(found) and re.match(r"\s+in\b", found[0][1].group()) is not None
        # "the last regime bastion in Raqqa province": the bastion is in the province.
        # "the last pocket in Sweida's eastern desert": in a part of Sweida, not the city.
        targets = [p for p, _ in found if not (inside and (
            p.place is not None and p.place.level in ("admin1", "region")
            or _PART_AFTER.match(self.text, p.end)))]
        if inside:
            # "Uqayribat, IS's last stronghold in Hama": the appositive's head is it.
            before = self.backward(m.start(), C.BWD_HOLDN_RE, limit=120)
            targets = before or targets
        if not targets and not found:
            targets = self.backward(m.start(), C.BWD_HOLDN_RE, limit=120)
        for place in targets[:1]:
            self.add(place, actor, "controls", "hold_noun", m.start())

    def _possessor(self, m: re.Match) -> ActorRef | str | None:
        for a in reversed(self.actors):
            if a.end <= m.start() and m.start() - a.end <= 40 and a.actor != "unknown":
                if _POSSESSOR_GAP.fullmatch(self.text, a.end, m.start()):
                    return a
                break
        for a in self.actors:
            if a.start >= m.end() and a.start - m.end() <= 30 and a.actor != "unknown":
                if _OF_ACTOR_GAP.fullmatch(self.text, m.end(), a.start):
                    return a
                break
        words = self.text[max(0, m.start() - 25):m.start()].lower().split()
        if words:
            actor = self._held_actor(C.HELD_PREFIX.get(words[-1].strip("'’s")))
            if actor:
                return actor
        if _ITS_BEFORE.search(self.text, max(0, m.start() - 30), m.start()):
            return self.subject(m.start())
        return None

    def _on_held_adj(self, m: re.Match) -> None:
        if C.FORMER_RE.search(self.text, max(0, m.start() - 20), m.start()):
            return
        prefix = m.group("prefix").lower().replace("’", "'")
        start = m.start()
        actor = C.HELD_PREFIX.get(prefix)
        if actor is None and " " in prefix:
            actor = C.HELD_PREFIX.get(prefix.split()[-1])
            start = m.start() + len(prefix) - len(prefix.split()[-1])
        actor = self._held_actor(actor)
        if actor is None:
            return
        parts = _HELD_PARTS.match(self.text, m.end())
        pos = parts.end() if parts else m.end()
        if parts and not parts.group("what").lower().endswith(("s", "part")):
            parts = None  # "the Kurdish-held Aleppo district of X": X itself, all of it
        such = _SUCH_AS.match(self.text, pos)
        if such:  # "ISIS-held areas such as al-Bab and Raqqa"
            pos = such.end()
        found = self.forward(pos, C.FWD_PATH_RE, limit=40)
        # "the rebel-held towns of X and Y" holds a list; "the IS-held town of X" one place.
        plural = such or _PLURAL_PLACES.match(self.text, pos)
        if not plural and found and found[0][0].start == pos + 1:
            # "rebel-held Douma and Harasta", up to a place with its own adjective
            # ("rebel-held Douma and government-held Damascus").
            kept = [found[0]]
            for (prev, _), (place, path) in zip(found, found[1:], strict=False):
                if C.HELD_QUICK_RE.search(self.text, prev.end, place.start):
                    break
                kept.append((place, path))
            found, plural = kept, True
        targets = [p for p, _ in (found if plural else found[:1])]
        if not targets:
            targets = [p for p in self.places if p.anaphor and p.start <= m.start() < p.end]
        if not targets:
            before = [p for p in self.places if p.end <= m.start()]
            if before and _HELD_APPOSITIVE.fullmatch(self.text, before[-1].end, start):
                targets = [before[-1]]
            elif before and _HELD_APPOSITIVE_LIST.fullmatch(self.text, before[-1].end, start):
                targets = self.backward(start, _HELD_APPOSITIVE_LIST)
            elif before and _HELD_AREA_AFTER.match(self.text, m.end()) and \
                    _LIES_IN.fullmatch(self.text, before[-1].end, start):
                targets = self.backward(start, _LIES_IN)
        for place in targets:
            self.held[place.start] = actor
            # "the regime-controlled Aleppo neighbourhoods of X and Y": X and Y are the
            # neighbourhoods, held whole; "the rebel-held parts of X" is part of X.
            whole = place.place is not None and place.place.level == "neighbourhood"
            status = "partial" if parts and not whole else "controls"
            self.add(place, actor, status, "held_adj", start, raw=self.text[start:m.end()])

    def _presence(self) -> None:
        for a in self.actors:
            if a.actor == "unknown" or a.raw == "(pronoun)" or a.is_object:
                continue
            found = self.forward(a.end, C.PRESENCE_PATH_RE, limit=45)
            stationed = bool(found) and _STATIONED.match(found[0][1].group()) is not None
            if found and not stationed:
                found = found[:1]  # "rebels in X and Y": only X is where they are
            for place, _ in found:
                # "stationed in X, which they took last year": the stay and the capture.
                took = stationed and all(
                    c.status == "captured" and c.actor == a.actor
                    for c in self.out if c.place.start == place.start)
                if place.start in self.targeted and not took or place.anaphor or \
                        place.place is None:
                    continue
                if place.place.level in ("admin1", "region"):
                    continue
                self.add(place, a, "controls", "presence", a.end)
                self.targeted.add(place.start)
