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
"""

from __future__ import annotations

import re
from dataclasses import replace

from gazetteer.model import Resolution
from geo import _cues as C
from geo._links import (
    _BY_AFTER,
    _BY_AGENT,
    _CAPTURE_UNDER,
    _CONTROL_BEFORE_ACTOR,
    _FELL_AGENT,
    _FROM_AFTER,
    _HELD_APPOSITIVE,
    _HELD_PARTS,
    _IN_AT_BEFORE,
    _INTRANSITIVE,
    _ITS_BEFORE,
    _OF_ACTOR_GAP,
    _POSSESSOR_GAP,
    _REGION_CUES,
    _REPEL_PATH,
    _STATE_AFTER,
    _TO_AGENT,
    _WITHDRAW_WORD,
    ActorRef,
    Candidate,
    PlaceRef,
    SentenceBase,
    State,
    _fraction,
    actor_refs,
    place_refs,
)
from geo.mentions import governorate_of

__all__ = ["ActorRef", "Candidate", "PlaceRef", "State", "actor_refs", "analyse", "place_refs"]


_REL_PRONOUN_BEFORE = re.compile(
    r"(?:,\s*)?\b(?:which|that)\s+(?:it|they)\s+(?:had\s+|has\s+|have\s+|first\s+|"
    r"finally\s+|only\s+|recently\s+|still\s+|now\s+|also\s+){0,2}$", re.IGNORECASE)
_FROM_IT = re.compile(r"\s+(?:from|out\s+of|of)\s+(?:it|them|there)\b", re.IGNORECASE)
_LEFT_AFTER_CAPTURE = re.compile(
    r"(?:withdr[ae]wn?|pulled\s+(?:out|back)|retreated|left|fled|evacuated|surrendered|"
    r"(?:fell|fallen)\s+back|gave\s+up)$", re.IGNORECASE)
_NEAR_BEFORE = re.compile(r"\b(?:near|outside|around|towards?|between|from|via|beyond)\s+"
                          r"(?:the\s+)?$", re.IGNORECASE)
_ING_LEAD = re.compile(r"(?:^|[,;:]\s*)(?:[\w-]+\s+){0,3}?(?:after|since|upon|following|"
                       r"before)\s+$", re.IGNORECASE)
_INCLUDING = re.compile(
    r"(?:(?:\s*,)?(?:\s+(?:and|as\s+well\s+as))?\s+(?:(?:its|their|the|several|some|many|"
    r"dozens\s+of|a\s+(?:number|string|series|handful|chain|belt|cluster|row)\s+of|\d+)\s+)?"
    r"(?:[\w'’-]+\s+){0,2}?(?:strongholds|bastions|towns|villages|"
    r"cities|positions|areas|territories)(?:\s+(?:in|of|along|on|near|around|across|throughout)"
    r"\s+(?:the\s+)?[^,.;()]{1,50}?)?)?\s*,?\s+"
    r"(?:including|among\s+them|such\s+as)\s+(?:the\s+)?(?:(?:towns?|city|cities|villages?)\s+"
    r"of\s+)?", re.IGNORECASE)
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
_IT_AFTER = re.compile(r"\s+it\b(?!['’])", re.IGNORECASE)
_AND_OF = re.compile(r"[^;.()]{0,80}?,?\s+and\s+(?:also\s+)?(?:of|over)\s+", re.IGNORECASE)
_CITY_PARTS = frozenset({"neighbourhoods", "neighborhoods", "districts", "parts"})
_BIG_CITY = 150_000
_PERFECT_BEFORE = re.compile(r"\b(?:has|have)\s+(?:long\s+|also\s+)?$", re.IGNORECASE)
_PERFECT_PASSIVE_BEFORE = re.compile(r"\b(?:has|have)\s+(?:long\s+|also\s+)?been\s+"
                                     r"(?:\w+ly\s+)?$", re.IGNORECASE)
_STATIONED = re.compile(r"\s+(?:\w+\s+){0,2}?(?:stationed|based|deployed|positioned|entrenched)\b",
                        re.IGNORECASE)
_LOOSE_LIST_GAP = re.compile(r"\b(?:as\s+well\s+as|along\s+with|plus)\b", re.IGNORECASE)
_LOCATING_TAIL = re.compile(r"\b(?:near|outside|in|on|at|along)\b", re.IGNORECASE)
_BARE_LIST_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:and|or)\s+)?", re.IGNORECASE)
_DESTINATION_BEFORE = re.compile(
    r"\b(?:towards?|to|into|in\s+the\s+direction\s+of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$",
    re.IGNORECASE)
_DIRECT_CONTESTED = frozenset({"stormed", "storms", "storming", "assaulted"})
_AND_TO = re.compile(r"\s(?:and|or)\s+(?:also\s+)?to\b", re.IGNORECASE)
_PROGRESSIVE_BEFORE = re.compile(r"\b(?:am|is|are|was|were)\s+(?:still\s+|now\s+)?$",
                                 re.IGNORECASE)
_QUANT_BEFORE = re.compile(rf"(?:{C.QUANT})(?:(?:the|a)\s+)?$", re.IGNORECASE)
_OWNER_GAP = re.compile(r"['’]s?\s+(?:[\w-]+\s+)?")
_POINT_OF = re.compile(
    r"\b" + C.COMPASS + r"\s+of\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
_FLAG_SITE = re.compile(
    r"\s+(?:the\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?(?:building|buildings|square|hall|headquarters|"
    r"council|citadel|castle|mosque|roundabout|centre|center|offices?|station|tower|"
    r"municipality)\s+(?:in|of)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?",
    re.IGNORECASE)
_UNTIL_AFTER = re.compile(r"[^.;,]{0,40}?\buntil\b", re.IGNORECASE)
_HAVING_BEFORE = re.compile(r"(?:^|[,;:]\s*|\bafter\s+)having\s+(?:\w+\s+)?$", re.IGNORECASE)
_SUCH_AS = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:areas|towns|villages|cities|places|positions|territor(?:y|ies)|"
    r"parts|districts|neighbou?rhoods)\s*,?\s+(?:such\s+as|including|like)\s+", re.IGNORECASE)
_PLURAL_PLACES = re.compile(
    r"\s+(?:[\w-]+\s+)?(?:towns|villages|cities|areas|neighbou?rhoods|districts|suburbs|"
    r"settlements|hamlets)\b", re.IGNORECASE)


class _Sentence(SentenceBase):
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
        self._presence()
        return self.out

    def _cancelled(self, m: re.Match, kind: str) -> bool:
        """True when negation (or, for verbs, modality) takes back the cue's claims.

        A holding noun describes the place ("Douma, the last rebel bastion") whatever
        the verb around it plans: only negation cancels it.
        """
        negated, modal = self.blocked(m.start(), m.end(), kind)
        return negated or (modal and kind != "hold_noun")

    def _is_passive(self, m: re.Match) -> bool:
        word = m.group().split()[0].lower()
        participle = word.endswith(("ed", "en", "un", "held")) or word in ("taken", "overrun")
        if not participle:
            return False
        if C.PASSIVE_AUX_RE.search(self.text, max(0, m.start() - 40), m.start()):
            return True
        return bool(re.match(r"\s+by\b", self.text[m.end():m.end() + 5]))

    def _agent(self, pos: int) -> ActorRef | None:
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
        if word == "occupied" and _PERFECT_PASSIVE_BEFORE.search(
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
        if agent is None and not m.group().lower().startswith("fall"):
            # "the opposition's recapture on Monday of al-Nayrab".
            owner = [a for a in self.actors if a.end <= m.start() and a.actor != "unknown"
                     and _OWNER_GAP.fullmatch(self.text, a.end, m.start())]
            agent = owner[-1] if owner else None
        if agent is None:
            pre = self.text[max(0, m.start() - 40):m.start()].lower()
            if re.search(r"\b(?:announced|declared|completed|confirmed|celebrated|complete)\b",
                         pre):
                agent = self.subject(m.start())
        if agent is None or (m.group().lower().startswith("fall") and to_agent is None):
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
            if taker is None and C.LAST_RE.search(self.text, lo, m.start()):
                taker = self._other_actor(leaver.actor if leaver else None)
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

    def _holder_after(self, pos: int) -> ActorRef | str | None:
        """The actor of "under X control" / "in the hands of X" / "in rebel hands"."""
        agent = self.actor_at(pos, _CONTROL_BEFORE_ACTOR, 40)
        if agent is not None:
            return agent
        word = re.match(r"\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|effective\s+|firm\s+)?"
                        r"([\w'’-]+)(?:-\w+)?\s+(?:full\s+)?(?:control|hands)\b",
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
        if word.endswith("under") or word.endswith("hands of") or word.endswith("hands"):
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

    def _held_actor(self, actor: str | None) -> str | None:
        if actor in ("jihadists", "militants"):
            return self._recent_of(("isis", "hts") if actor == "jihadists" else
                                   ("isis", "hts", "opposition", "sdf"))
        return actor

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
        if word in ("held", "controlled", "dominated", "protected", "run") and (
                self._is_passive(m) or word == "run" and self.text.startswith(" by", m.end())):
            agent = self._agent(m.end())
            if agent is None:
                return
            places = self.backward(m.start(), C.BWD_PATH_RE) or self.where_places(m.start())
            for place in places:
                st, fraction = self._quantified(place, "controls")
                self.add(place, agent, st, "hold", m.start(), fraction)
            return
        targets = self.forward(m.end(), C.FWD_PATH_RE, limit=60)
        if targets and _UNTIL_AFTER.match(self.text, targets[-1][0].end):
            return  # "rebels held X until Sunday, when ...": a hold that has ended
        if targets or re.match(r"\s+it\b", self.text[m.end():]) or _INCLUDING.match(
                self.text, m.end()):
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
        targets = [p for p, _ in found if not (
            inside and p.place is not None and p.place.level in ("admin1", "region"))]
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

    def _recent_of(self, allowed: tuple[str, ...]) -> str | None:
        for a in reversed(self.state.recent_actors):
            if a in allowed:
                return a
        return None

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
            name = holder.actor if isinstance(holder, ActorRef) else holder
            if holder is None or name == b_name:
                continue
            self.add(place, holder, "besieged", "siege", m.start())

    def _on_siege_break(self, m: re.Match) -> None:
        breaker = self.subject(m.start())
        if breaker is None:
            return
        for place, _ in self.forward(m.end(), C.SIEGE_PATH_RE, limit=60):
            self.add(place, breaker, "controls", "siege_break", m.start())

    def _on_repel(self, m: re.Match) -> None:
        defender = self.subject(m.start())
        if defender is None:
            return
        for place, _ in self.forward(m.end(), _REPEL_PATH, limit=50):
            if place.place is not None and place.place.level not in ("admin1", "region"):
                self.add(place, defender, "controls", "repel", m.start())

    def _on_deny_loss(self, m: re.Match) -> None:
        denier = self.subject(m.start())
        if denier is None:
            return
        for place, _ in self.forward(m.end(), C.FWD_PATH_RE, limit=50):
            self.add(place, denier, "controls", "deny_loss", m.start())

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
        for place, _path in regions:
            self._add_region(place, actor, "contested", "contested", m.start())
        if regions:
            return
        for place, _ in self._contested_targets(m.end()):
            self.add(place, actor, "contested", "contested", m.start())

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


def analyse(text: str, places: list[PlaceRef], actors: list[ActorRef], state: State,
            gazetteer, cues: list[re.Match] | None = None) -> list[Candidate]:
    """Candidates of one sentence (see the module notes)."""
    if not places and not (state.targets and state.targets[-1][1] >= state.sentence_index - 1
                           and _WITHDRAW_WORD.search(text)) and not (
            cues and any(_IT_AFTER.match(text, m.end()) for m in cues)):
        return []
    return _Sentence(text, places, actors, state, gazetteer, cues).run()
