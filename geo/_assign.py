"""Link the cues of one sentence to its places and actors (private to :mod:`geo.claims`).

For every status cue in a sentence, :func:`analyse` finds

* the place(s) it is about, through the *path* between cue and place (see
  :mod:`geo._cues`): forward for active verbs ("captured the town of X"), backward for
  passives, "fell to" and holding nouns ("X, the group's stronghold"), through
  appositives ("X, a border town held by ..."), relative clauses ("X, which the
  jihadists seized") and "where" clauses ("X, where a garrison is besieged");
* the actor: the nearest doer before the cue, the agent after a passive ("by X",
  "fell to X"), the possessor of a holding noun ("the group's stronghold"); generic
  words ("the militants") and pronouns are resolved from the actors named before;
* the status, adjusted by quantities ("90 percent of" -> partial), edges ("the
  outskirts of" -> contested), negation and modality (no claim).

It returns :class:`Candidate` objects; dating, sourcing and merging happen in
:mod:`geo.claims`.

This module runs the handlers over a sentence's cues and holds those of captures and
withdrawals; the holding handlers are in :mod:`geo._holdings`, those of sieges and
fighting in :mod:`geo._fights`, and the helpers they share in :mod:`geo._handlers`.
"""

from __future__ import annotations

import re

from geo import _cues as C
from geo._fights import FightHandlers
from geo._handlers import _CITY_PARTS, _GROUP_OBJECT
from geo._holdings import HoldingHandlers
from geo._links import (
    _FELL_AGENT,
    _FROM_AFTER,
    _INTRANSITIVE,
    _ITS_BEFORE,
    _REGION_CUES,
    _STATE_AFTER,
    _TO_AGENT,
    _WITHDRAW_WORD,
    ActorRef,
    Candidate,
    PlaceRef,
    State,
    _fraction,
    actor_refs,
    place_refs,
)

__all__ = ["ActorRef", "Candidate", "PlaceRef", "State", "actor_refs", "analyse", "place_refs"]


_FROM_IT = re.compile(r"\s+(?:from|out\s+of|of)\s+(?:it|them|there)\b", re.IGNORECASE)
_LEFT_AFTER_CAPTURE = re.compile(
    r"(?:withdr[ae]wn?|pulled\s+(?:out|back)|retreated|left|fled|evacuated|surrendered|"
    r"(?:fell|fallen)\s+back|gave\s+up)$", re.IGNORECASE)
_ING_LEAD = re.compile(r"(?:^|[,;:]\s*)(?:[\w-]+\s+){0,3}?(?:after|since|upon|following|"
                       r"before)\s+$", re.IGNORECASE)
_CIVILIANS_BEFORE = re.compile(
    # "fighters and their families have left X" is still the fighters' withdrawal.
    r"\b(?<!their\s)(?<!and\s)(?:civilians|residents|families|people|inhabitants|villagers|refugees|children|women|"
    r"displaced|evacuees|journalists|aid\s+workers|patients|locals)\s+(?:[\w'’-]+\s+){0,3}?$",
    re.IGNORECASE)
_HANDED_OVER = re.compile(r"(?:hand(?:ed|s|ing)?\s+over|ceded|surrendered|lost)$", re.IGNORECASE)
# "by the SDF", also after a date: "driven out of X on Sunday by the SDF".
_BY_AFTER_DATED = re.compile(
    r"\s+(?:(?:on|in|late\s+on|early\s+on|last|overnight|this|earlier)\s+[\w,]*(?:\s+\d{1,4},?)?"
    r"\s+)?by\s+(?:the\s+)?", re.IGNORECASE)
_LIBERATED = re.compile(r"liberat|fre", re.IGNORECASE)
# Sides an outlet's "liberated" may credit beside its own (Turkish outlets' SNA factions).
_ALLIES_OF = {"turkey": ("turkey", "opposition")}
_IT_AFTER = re.compile(r"\s+it\b(?!['’])", re.IGNORECASE)
_BIG_CITY = 150_000
_PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:long\s+|also\s+)?$", re.IGNORECASE)
_STATE_PASSIVE_BEFORE = re.compile(
    r"\b(?:(?:has|have)\s+(?:long\s+|also\s+)?been|"
    # "Kobani is still occupied by the YPG": a state, not the day it was taken.
    r"(?:is|are|remains?|remained)\s+(?:still|now)|still\s+(?:is|are|remains?))\s+"
    r"(?:\w+ly\s+)?$", re.IGNORECASE)
_DESTINATION_BEFORE = re.compile(
    r"\b(?:towards?|to|into|in\s+the\s+direction\s+of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$",
    re.IGNORECASE)
_PROGRESSIVE_BEFORE = re.compile(r"\b(?:am|is|are|was|were)\s+(?:still\s+|now\s+)?$",
                                 re.IGNORECASE)
_OWNER_GAP = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?")
_FLAG_SITE = re.compile(
    r"\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?(?:building|buildings|square|hall|headquarters|"
    r"council|citadel|castle|mosque|roundabout|centre|center|offices?|station|tower|"
    r"municipality)\s+(?:in|of)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.IGNORECASE)
_MEMBERS_LEAD = re.compile(
    r"\s*(?:these|they|those|the\s+(?:villages|towns|places|areas|positions))\s+(?:include|included|"
    r"includes|are|were|comprise|comprised)\s+(?:the\s+)?|\s*among\s+them\s+(?:are|were)\s+(?:the\s+)?",
    re.IGNORECASE)
_HAVING_BEFORE = re.compile(r"(?:^|[,;:]\s*|\bafter\s+)having\s+(?:\w+\s+)?$", re.IGNORECASE)


class _Sentence(HoldingHandlers, FightHandlers):
    """A sentence with the handler of each cue kind."""

    # -- the run -------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        if C.HELD_QUICK_RE.search(self.text):
            for m in C.HELD_ADJ_RE.finditer(self.text):
                self._on_held_adj(m)
        for m in (self.cues if self.cues is not None else C.cue_matches(self.text)):
            kind = m.lastgroup
            if kind == "hold" and C.NO_LONGER_RE.search(self.text, max(0, m.start() - 20),
                                                        m.start()):
                self._forward_claim(m, "withdraw", "withdrew")
                continue
            # Negation and modality are read only for cues that found a place.
            before = len(self.out)
            getattr(self, "_on_" + kind)(m)
            if len(self.out) > before and self._cancelled(m, kind):
                for c in self.out[before:]:
                    self.targeted.discard(c.place.start)
                del self.out[before:]
        self._named_members()
        self._presence()
        return self.out

    def _named_members(self) -> None:
        """"Rebels seized 20 villages on Monday. These include X, Y and Z": the places
        listed name the group taken in the sentence before."""
        group = self.state.group_claim
        lead = _MEMBERS_LEAD.match(self.text) if group is not None else None
        if lead is None or not 0 < self.state.sentence_index - group[0] <= 2:
            return
        _, actor, status, kind = group
        for place, _ in self.forward(lead.end(), C.FWD_PATH_RE, limit=60):
            if place.start not in self.targeted:
                self.add(place, actor, status, kind, lead.start())

    def _cancelled(self, m: re.Match, kind: str) -> bool:
        """True when negation (or, for verbs, modality) takes back the cue's claims.

        A holding noun describes the place ("Douma, the last rebel bastion") whatever
        the verb around it plans: only negation cancels it.
        """
        negated, modal = self.blocked(m.start(), m.end(), kind)
        return negated or (modal and kind != "hold_noun")

    def _capture_like(self, m: re.Match, kind: str) -> None:
        if m.group().lower().endswith("ing") and _PROGRESSIVE_BEFORE.search(
                self.text, max(0, m.start() - 20), m.start()):
            # "we are clearing X of terrorists": under way, not done.
            actor = self.subject(m.start())
            for place, _ in self.forward(m.end(), C.FWD_PATH_RE, limit=45):
                self.add(place, actor, "contested", kind, m.start())
            return
        if self._is_passive(m):
            agent = self._agent(m.end())
            if agent is None and not re.match(r"\s+(?:by|from)\b", self.text[m.end():]):
                # "X had been taken under control": by the doer of the sentences before.
                agent = self.previous_doer(m.start())
                side = self.state.outlet_side
                if side and _LIBERATED.match(m.group()) and (
                        agent is None or agent.actor not in _ALLIES_OF.get(side, (side,))):
                    # "X was liberated" in an outlet that speaks for one side: its side's
                    # word for its own gains, whoever was named last.
                    agent = ActorRef(m.start(), m.start(), "(outlet)", side, True, False)
            if agent is not None:
                for place in self.backward(m.start(), C.BWD_PATH_RE):
                    self.add(place, agent, "captured", kind, m.start())
            return
        actor = self.subject(m.start())
        if _HAVING_BEFORE.search(self.text, max(0, m.start() - 30), m.start()) or (
                m.group().lower().endswith("ing")
                and _ING_LEAD.search(self.text, max(0, m.start() - 40), m.start())
                and not any(a.end <= m.start() and not a.is_object for a in self.actors)):
            # "Having seized X on May 19, the coalition captured Y", "A day after taking
            # X, the army ...": the doer follows.
            comma = self.text.find(",", m.end())
            after = [a for a in self.actors if comma >= 0 and a.start > comma
                     and not a.is_object]
            actor = after[0] if after else actor
        if kind == "take":
            # Weak verbs ("took", "entered", "secured") need their place right after them.
            word = m.group().lower()
            near = self.forward(m.end(), C.FWD_PATH_RE, limit=45)
            if not near and word.startswith("enter") and actor is not None:
                # "entered the western neighbourhoods of Aleppo": fighting inside the city.
                for place, path in self._region_in(m.end(), None):
                    if path.group("what").lower() in _CITY_PARTS and \
                            place.mention.cue not in _REGION_CUES:
                        self.add(place, actor, "contested", kind, m.start())
                        return
            if not near and not word.startswith(("took", "take", "complet", "finish")) \
                    and not re.match(r"\s+(?:it|them)\b", self.text[m.end():]):
                for place in self._relative_object(m, actor):
                    self.add(place, actor, "captured", kind, m.start())
                return
        if not self._forward_claim(m, kind, "captured", actor):
            if "flag" in m.group().lower():
                # "raised the flag over the municipal building in Ruhaybah"; "the flag was
                # raised over ...": by the doer of the sentences before.
                if actor is None and m.group().lower().startswith("flag"):
                    actor = self.previous_doer(m.start())
                for place, _ in self.forward(m.end(), _FLAG_SITE, limit=60)[:1]:
                    self.add(place, actor, "captured", kind, m.start())
                return
            for place in self._relative_object(m, actor):
                self.add(place, actor, "captured", kind, m.start())

    def _on_capture(self, m: re.Match) -> None:
        self._capture_like(m, "capture")

    def _on_take(self, m: re.Match) -> None:
        word = m.group().lower()
        if word in ("occupying", "occupies", "occupy") or (
                word == "occupied" and _PERFECT_BEFORE.search(
                    self.text, max(0, m.start() - 20), m.start())):
            # "the PYD has been occupying X since February", "Kurdish fighters occupy X":
            # a holding.
            self._forward_claim(m, "hold", "controls")
            return
        if word == "occupied" and _STATE_PASSIVE_BEFORE.search(
                self.text, max(0, m.start() - 30), m.start()):
            # "X, which has been occupied by the YPG since 2016": held since then.
            agent = self._agent(m.end())
            for place in self.backward(m.start(), C.BWD_PATH_RE) if agent else ():
                self.add(place, agent, "controls", "hold", m.start())
            return
        if word.startswith("mov"):
            # "moved into Jayrud" takes a town; "moved into Aleppo" starts a city's battle.
            actor = self.subject(m.start())
            for place, _ in self.forward(m.end(), C.FWD_PATH_RE, limit=45):
                big = place.place is not None and place.place.population >= _BIG_CITY
                self.add(place, actor, "contested" if big else "captured", "take", m.start())
            return
        self._capture_like(m, "take")

    def _on_capture_noun(self, m: re.Match) -> None:
        targets = self.forward(m.end(), C.FWD_PATH_RE, limit=40)
        if not targets:
            return
        last = targets[-1][0]
        to_agent = self.actor_at(last.end, _TO_AGENT, 10)
        agent = to_agent or self.actor_at(last.end, _BY_AFTER_DATED, 30)
        # "the fall / loss of X to Y" names the taker after "to" only.
        to_only = m.group().lower().startswith(("fall", "loss"))
        if agent is None and not to_only:
            # "the opposition's recapture on Monday of al-Nayrab".
            owner = [a for a in self.actors if a.end <= m.start() and a.actor != "unknown"
                     and _OWNER_GAP.fullmatch(self.text, a.end, m.start())]
            agent = owner[-1] if owner else None
        if agent is None:
            pre = self.text[max(0, m.start() - 40):m.start()].lower()
            if re.search(r"\b(?:announced|declared|completed|confirmed|celebrated|complete)\b",
                         pre):
                agent = self.subject(m.start())
        if agent is None or (to_only and to_agent is None):
            return
        for place, _ in targets:
            self.add(place, agent, "captured", "capture_noun", m.start())

    def _on_fell(self, m: re.Match) -> None:
        agent = self.actor_at(m.end(), _FELL_AGENT, 50)
        if agent is None and re.search(r",\s*which\s+(?:had\s+|finally\s+)?$",
                                       self.text[max(0, m.start() - 20):m.start()]):
            # "has captured ..., including the city of X, which fell on January 28".
            agent = self.subject(m.start())
        if agent is None and m.group().lower() == "fell" and not any(
                a.end <= m.start() and not a.is_object for a in self.actors):
            # "Rebels overran the base on Sunday. ... Base 46 fell after the last troops
            # were killed": to the doer of the sentences before, as a passive capture.
            agent = self.previous_doer(m.start())
        if agent is None:
            return
        for place in self.backward(m.start(), C.BWD_PATH_RE):
            self.add(place, agent, "captured", "fell", m.start())

    def _on_drive_out(self, m: re.Match) -> None:
        passive = bool(C.PASSIVE_AUX_RE.search(self.text, max(0, m.start() - 40), m.start()))
        if passive:
            targets = self.forward(m.end(), C.FWD_PATH_RE, limit=60)
            agent = self.actor_at(targets[-1][0].end, _BY_AFTER_DATED, 30) if targets else None
            loser = self.subject(m.start())
            for place, _ in targets:
                self.add(place, agent or loser, "captured" if agent else "withdrew",
                         "drive_out", m.start())
            return
        self._forward_claim(m, "drive_out", "captured")

    def _on_withdraw(self, m: re.Match) -> None:
        if _HANDED_OVER.match(m.group()) and C.PASSIVE_AUX_RE.search(
                self.text, max(0, m.start() - 40), m.start()):
            # "X was handed over to the army": the receiver takes X.
            taker = self.actor_at(m.end(), _TO_AGENT, 12)
            if taker is not None:
                for place in self.backward(m.start(), C.BWD_PATH_RE):
                    self.add(place, taker, "captured", "withdraw", m.start())
            return
        if _CIVILIANS_BEFORE.search(self.text, max(0, m.start() - 45), m.start()):
            return  # "20,000 civilians had left Baghouz": no armed party withdrew
        leaver = self.subject(m.start())
        targets = self.forward(m.end(), C.WITHDRAW_PATH_RE, limit=80)
        if not targets and leaver is not None and (
                not _FROM_AFTER.match(self.text, m.end())
                or _FROM_IT.match(self.text, m.end())):
            # "took X on Thursday after rebels pulled out overnight", "after the last IS
            # fighters there left under a deal": from X.
            taken = [c for c in self.out if c.status == "captured"
                     and c.actor != leaver.actor and not c.region]
            if taken and _LEFT_AFTER_CAPTURE.match(m.group()):
                self.add(taken[-1].place, leaver, "withdrew", "withdraw", m.start(),
                         strength=0.6)
                return
        if (not targets and leaver is not None and _INTRANSITIVE.match(m.group())
                and not _FROM_AFTER.match(self.text, m.end())):
            # "they had withdrawn": from the place in focus, if it was just in the news.
            recent = [t for t, i in self.state.targets if i >= self.state.sentence_index - 1]
            # "had pulled back north towards Khan Sheikhoun": a destination is no source.
            others = [p for p in self.places if not (
                p.start > m.end()
                and _DESTINATION_BEFORE.search(self.text, max(0, p.start - 40), p.start))]
            if recent and not others:
                ref = PlaceRef(m.start(), m.end(), recent[-1], anaphor=True)
                self.add(ref, leaver, "withdrew", "withdraw", m.start(), strength=0.6)
            return
        for place, path in targets:
            partial, fraction = _fraction(path)
            # "withdrew from most of the town" is a withdrawal; "from parts of it" is not.
            if (partial and (fraction is None or fraction < 0.5)) or _STATE_AFTER.match(
                    self.text, place.end):
                continue
            if leaver is not None:
                self.add(place, leaver, "withdrew", "withdraw", m.start())
            # "handed X to the army", "were driven out of X on Sunday by the SDF".
            taker = (self.actor_at(place.end, _TO_AGENT, 14)
                     or self.actor_at(place.end, _BY_AFTER_DATED, 30))
            lo = max(self.clause_start(m.start()), m.start() - 70)
            last = C.LAST_RE.search(self.text, lo, m.start()) if taker is None else None
            if last is not None:
                # "the last rebel convoy leaving X": the leaver's side is in the adjective.
                named = leaver.actor if leaver else next(
                    (C.HELD_PREFIX[w.lower()] for w in reversed(
                        self.text[last.end():m.start()].split()) if w.lower() in C.HELD_PREFIX
                     and C.HELD_PREFIX[w.lower()] not in ("militants", "jihadists")), None)
                taker = self._other_actor(named)
            taker_name = taker.actor if isinstance(taker, ActorRef) else taker
            if taker is not None and (leaver is None or taker_name != leaver.actor):
                self.add(place, taker, "captured", "withdraw", m.start(), strength=0.8)

    def _on_withdraw_noun(self, m: re.Match) -> None:
        inner = [a for a in self.actors if m.start() <= a.start and a.end <= m.end()]
        leaver = inner[0] if inner else None
        if leaver is None and _ITS_BEFORE.search(self.text, max(0, m.start() - 30), m.start()):
            leaver = self.subject(m.start())
        if leaver is None:
            return
        for place, _ in self.forward(m.end(), C.FWD_PATH_RE, limit=50):
            self.add(place, leaver, "withdrew", "withdraw_noun", m.start())


def analyse(text: str, places: list[PlaceRef], actors: list[ActorRef], state: State,
            gazetteer, cues: list[re.Match] | None = None) -> list[Candidate]:
    """Candidates of one sentence (see the module notes)."""
    if not places and not (state.targets and state.targets[-1][1] >= state.sentence_index - 1
                           and _WITHDRAW_WORD.search(text)) and not (
            cues and any(_IT_AFTER.match(text, m.end()) or _GROUP_OBJECT.match(text, m.end())
                         for m in cues)):
        return []
    return _Sentence(text, places, actors, state, gazetteer, cues).run()
