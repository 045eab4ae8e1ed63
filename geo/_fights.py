"""The fighting cue handlers (private to :mod:`geo._assign`).

:class:`FightHandlers` reads sieges and their breaking ("besieged", "under siege by"),
repelled attacks and denied losses (the defender holds the place) and contested places
("stormed X", "advanced on X", "clashes in the X countryside").
"""

from __future__ import annotations

import re

from geo import _cues as C
from geo._handlers import HandlerBase
from geo._links import _BY_AFTER, _REPEL_PATH, ActorRef, PlaceRef

# A fight noun as the subject of its clause: "clashes are raging", "fighting broke out".
_FIGHT_GOES_ON = re.compile(
    r"\s+(?:(?:are|is|was|were|has|have|had)\s+(?:been\s+)?(?:still\s+)?(?:raging|under\s+way|"
    r"underway|continuing|ongoing|reported|intensifying|going\s+on)|erupted|raged|rage|continued|"
    r"continue|continues|broke\s+out|intensified)\b", re.IGNORECASE)
_DIRECT_CONTESTED = frozenset({"stormed", "storms", "storming", "assaulted"})
_POINT_OF = re.compile(
    r"\b" + C.COMPASS + r"\s+of\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)


# Who a besieger encircled when the report names no other side: in Syria's war rebels
# and jihadists laid siege to army garrisons and loyalist villages, the army to rebel
# towns, the SDF to IS holdouts, Turkish forces to SDF towns.
_USUAL_BESIEGED = {
    "opposition": "government", "hts": "government", "isis": "government",
    "government": "opposition", "sdf": "isis", "turkey": "sdf",
}


class FightHandlers(HandlerBase):
    """The handlers of the siege, repel, denied-loss and contested cues."""

    def _on_siege(self, m: re.Match) -> None:
        word = m.group().lower()
        passive = word.startswith("under") or self._is_passive(m)
        besieger: ActorRef | str | None
        if word.startswith("under"):
            # "under siege by IS", "under ISIS siege".
            inside = [a for a in self.actors if m.start() <= a.start and a.end <= m.end()]
            besieger = inside[0] if inside else self.actor_at(m.end(), _BY_AFTER, 12)
        elif passive:
            besieger = self._agent(m.end())
        elif word.startswith("siege"):
            before = [a for a in self.actors if a.end <= m.start() and m.start() - a.end < 25]
            besieger = before[-1] if before else None
        else:
            besieger = self.subject(m.start())
        b_name = besieger.actor if isinstance(besieger, ActorRef) else besieger
        if passive:
            targets = self.backward(m.start(), C.BWD_PATH_RE) or self.where_places(m.start())
            if not targets:
                targets = [p for p, _ in self.forward(m.end(), C.SIEGE_PATH_RE, limit=40)]
        else:
            targets = [p for p, _ in self.forward(m.end(), C.SIEGE_PATH_RE, limit=70)]
            if not targets and isinstance(besieger, ActorRef):
                # "X and Y, two villages that rebels have besieged since 2012".
                targets = self._relative_object(m, besieger)
        for place in targets:
            holder: ActorRef | str | None = self.held.get(place.start)
            if holder is None and passive:
                subj = self.subject(m.start())
                if subj is not None and subj.actor != b_name:
                    holder = subj
            if holder is None:
                inside = [a for a in self.actors if m.end() <= a.start < place.start
                          and a.actor not in ("unknown", b_name)]
                holder = inside[0] if inside else None
            if holder is None:
                # "the opposition-held pocket, which includes X and Y, has been encircled".
                held = [self._held_actor(C.HELD_PREFIX.get(h.group("prefix").lower().split()[-1]))
                        for h in C.HELD_ADJ_RE.finditer(self.text, 0, place.start)]
                held = [h for h in held if h is not None and h != b_name]
                holder = held[-1] if held else None
            if holder is None and b_name is not None:
                holder = self._other_actor(b_name)
            strength, raw = None, None
            if holder is None and b_name in _USUAL_BESIEGED:
                # Nobody else named: the side such a besieger nearly always encircled
                # ("rebels have surrounded the base": an army garrison), less sure.
                holder = _USUAL_BESIEGED[b_name]
                strength = 0.5 * C.CUE_STRENGTH["siege"]
                said = besieger.raw if isinstance(besieger, ActorRef) else b_name
                raw = f"(inferred: besieged by {said})"
            name = holder.actor if isinstance(holder, ActorRef) else holder
            if holder is None or name == b_name:
                continue
            self.add(place, holder, "besieged", "siege", m.start(), strength=strength, raw=raw)

    def _subject_holds(self, m: re.Match, path: re.Pattern, limit: int, kind: str) -> None:
        """The doer of the cue holds the places it takes: "broke the siege of X",
        "denied losing X"."""
        holder = self.subject(m.start())
        if holder is None:
            return
        for place, _ in self.forward(m.end(), path, limit=limit):
            self.add(place, holder, "controls", kind, m.start())

    def _on_siege_break(self, m: re.Match) -> None:
        self._subject_holds(m, C.SIEGE_PATH_RE, 60, "siege_break")

    def _on_repel(self, m: re.Match) -> None:
        defender = self.subject(m.start())
        if defender is None:
            return
        for place, _ in self.forward(m.end(), _REPEL_PATH, limit=50):
            if place.place is not None and place.place.level not in ("admin1", "region"):
                self.add(place, defender, "controls", "repel", m.start())

    def _on_deny_loss(self, m: re.Match) -> None:
        self._subject_holds(m, C.FWD_PATH_RE, 50, "deny_loss")

    def _contested_targets(self, pos: int) -> list[tuple[PlaceRef, re.Match]]:
        nxt = next((p for p in self.places if p.start >= pos), None)
        if nxt is None or nxt.start - pos > 110 or _POINT_OF.search(self.text, pos, nxt.start):
            return []  # "the offensive north of Aleppo" is not in Aleppo
        if C.CONTESTED_BREAK_RE.search(self.text, pos, nxt.start):
            return []
        return self.forward(pos, C.CONTESTED_PATH_RE, limit=110)

    def _on_contested(self, m: re.Match) -> None:
        actor = self.subject(m.start())
        if actor is None:
            actor = self.actor_at(m.end(), _BY_AFTER, 12)
        if actor is None and not self.actors and _FIGHT_GOES_ON.match(self.text, m.end()):
            # "Clashes are raging inside X" with no side named: the side that moved in the
            # sentences before is the attacker.
            actor = self.previous_doer(m.start())
        if actor is None:
            return
        word = m.group().lower()
        if "gates" in word:
            for place, _ in self.forward(m.end(), C.FWD_PATH_RE, limit=30):
                self.add(place, actor, "contested", "contested", m.start())
            return
        direct = word in _DIRECT_CONTESTED
        if re.search(r"\b(?:on|into|of|to|in|inside|around)$", word) or direct:
            # "stormed Homs", "assaulted the town": the verb takes the place directly.
            # "advanced on X", "pushed into X": the preposition is part of the cue.
            found = self.forward(m.end(), C.FWD_PATH_RE, limit=40)
            for place, _ in found:
                self.add(place, actor, "contested", "contested", m.start())
            if found or not direct:
                return
        regions = self.forward(m.end(), C.REGION_IN_RE)
        for place, path in regions:
            # "stormed back into parts of the town": fighting in the town itself.
            self._region_claim(place, path, actor, "contested", "contested", m.start())
        if regions:
            return
        for place, _ in self._contested_targets(m.end()):
            self.add(place, actor, "contested", "contested", m.start())
