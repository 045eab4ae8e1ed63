"""The replay behind :func:`geo.timeline.build_intervals`: one place, claim day by claim
day (the rules are in that module's docstring)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from geo.model import Claim

PRECISION_RANK = {"day": 0, "month": 1, "year": 2}
PRECISIONS = {rank: name for name, rank in PRECISION_RANK.items()}
CHANGES = frozenset({"captured", "withdrew"})
FIGHTING = "contested"
UNKNOWN = "unknown"
# How specific a state is, to pick one among agreeing claims of one day.
_SPECIFICITY = {"controls": 0, "besieged": 1, "partial": 2}


@dataclass(frozen=True)
class Item:
    claim: Claim
    placed: dt.date
    period_start: dt.date
    period_end: dt.date
    rank: int
    source: str

    @property
    def status(self) -> str:
        return self.claim.status

    @property
    def actor(self) -> str:
        return self.claim.actor

    @property
    def is_change(self) -> bool:
        return self.claim.status in CHANGES

    @property
    def state(self) -> str:
        """The interval status this claim asserts (captured means full control)."""
        return "controls" if self.claim.status == "captured" else self.claim.status

    @property
    def share(self) -> float | str | None:
        """Share of the place held: a number, ``"part"`` (partial, unknown share) or None
        (no information: besieged)."""
        if self.state == "controls":
            return 1.0
        if self.state == "partial":
            return "part" if self.claim.fraction is None else float(self.claim.fraction)
        return None


def _shares_conflict(a: float | str | None, b: float | str | None, tolerance: float) -> bool:
    if a is None or b is None:
        return False
    if isinstance(a, str) and isinstance(b, str):
        return False
    if isinstance(a, str) or isinstance(b, str):  # "part of it" against a number
        number = b if isinstance(a, str) else a
        return number >= 1.0 - tolerance
    return abs(a - b) > tolerance


def _conflicts(a: Item, b: Item, tolerance: float) -> bool:
    """True when two position claims cannot both be true on one day."""
    if a.status == FIGHTING or b.status == FIGHTING:
        return False
    if a.status == "withdrew" or b.status == "withdrew":
        if a.status == b.status:
            return False
        gone, other = (a, b) if a.status == "withdrew" else (b, a)
        return other.actor == gone.actor
    if a.actor != b.actor:
        return True
    return _shares_conflict(a.share, b.share, tolerance)


# -- the replay of one place -----------------------------------------------------------------
@dataclass
class _Open:
    actor: str
    status: str
    fraction: float | None
    start: dt.date
    precision: str
    items: list[Item] = field(default_factory=list)
    end: dt.date | None = None


@dataclass(frozen=True)
class _Outcome:
    kind: str  # "state", "gone", "conflict" or "fighting"
    items: tuple[Item, ...]
    rank: int
    period_start: dt.date
    lead: Item | None = None  # the state claim that sets actor/status/fraction
    gone: frozenset[str] = frozenset()  # actors that withdrew
    is_change: bool = False


def resolve_day(batch: Sequence[Item], tolerance: float) -> tuple[_Outcome, list[Item]]:
    """Turn one day's claims into one outcome; return it and the claims left out."""
    rank = min(i.rank for i in batch)
    deciding = [i for i in batch if i.rank == rank]
    coarse = [i for i in batch if i.rank > rank]
    period_start = min(i.period_start for i in deciding)
    positions = [i for i in deciding if i.status != FIGHTING]
    fighting = [i for i in deciding if i.status == FIGHTING]
    # Within one source a change outweighs that source's contrary states ("ISIS, which
    # held the town, lost it to the SDF").
    changes: dict[str, list[Item]] = defaultdict(list)
    for i in positions:
        if i.is_change:
            changes[i.source].append(i)
    kept = [
        i for i in positions
        if i.is_change or not any(_conflicts(i, c, tolerance) for c in changes[i.source])
    ]
    if any(_conflicts(a, b, tolerance) for a, b in itertools.combinations(kept, 2)):
        return _Outcome("conflict", tuple(batch), rank, period_start), []
    if not kept:
        return _Outcome("fighting", tuple(fighting), rank, period_start), coarse
    states = [i for i in kept if i.status != "withdrew"]
    is_change = any(i.is_change for i in kept)
    support = [i for i in deciding if i in kept or i.status == FIGHTING]
    if not states:
        gone = frozenset(i.actor for i in kept)
        outcome = _Outcome("gone", tuple(support), rank, period_start, gone=gone, is_change=True)
        agree = [i for i in coarse if i.status == "withdrew" and i.actor in gone]
    else:
        lead = max(
            states,
            key=lambda i: (_SPECIFICITY.get(i.state, 0), i.share is not None and
                           not isinstance(i.share, str), i.claim.confidence, i.source),
        )
        outcome = _Outcome("state", tuple(support), rank, period_start, lead=lead,
                           is_change=is_change)
        agree = [i for i in coarse if i.status != FIGHTING and not _conflicts(i, lead, tolerance)]
    left_out = [i for i in batch if i not in support and i not in agree]
    return _Outcome(outcome.kind, outcome.items + tuple(agree), rank, period_start,
                    outcome.lead, outcome.gone, outcome.is_change), left_out


class Replay:
    """The intervals of one place, built claim day by claim day."""

    def __init__(self, window: int, tolerance: float) -> None:
        self.window = window
        self.tolerance = tolerance
        self.done: list[_Open] = []
        self.cur: _Open | None = None
        self.ignored: list[Item] = []

    def holder(self) -> str:
        return self.cur.actor if self.cur is not None else UNKNOWN

    def open(self, day: dt.date, actor: str, status: str, fraction: float | None,
             rank: int, items: Iterable[Item]) -> None:
        if self.cur is not None:
            self.cur.end = day - dt.timedelta(days=1)
            self.done.append(self.cur)
        self.cur = _Open(actor, status, fraction, day, PRECISIONS[rank], list(items))

    def contest(self, day: dt.date, outcome: _Outcome, extra: Iterable[Item] = ()) -> None:
        if self.cur is not None and self.cur.status == FIGHTING:
            self.cur.items.extend(outcome.items)
        else:
            self.open(day, self.holder(), FIGHTING, None, outcome.rank,
                      [*extra, *outcome.items])

    def reorders(self, outcome: _Outcome) -> bool:
        """True when a coarse change would close an interval that finer evidence opened
        inside the change's own period."""
        cur = self.cur
        return (
            cur is not None and outcome.rank > 0 and cur.start >= outcome.period_start
            and PRECISION_RANK[cur.precision] < outcome.rank
        )

    def feed(self, day: dt.date, outcome: _Outcome) -> None:
        cur = self.cur
        if outcome.kind in ("conflict", "fighting"):
            self.contest(day, outcome)
            return
        if outcome.kind == "gone":
            if cur is None:
                self.open(day, UNKNOWN, "withdrew", None, outcome.rank, outcome.items)
            elif cur.actor == UNKNOWN and cur.status == "withdrew":
                cur.items.extend(outcome.items)
            elif cur.actor in outcome.gone or cur.actor == UNKNOWN:
                if self.reorders(outcome):
                    self.ignored.extend(outcome.items)
                else:
                    self.open(day, UNKNOWN, "withdrew", None, outcome.rank, outcome.items)
            else:  # the actor that left is not the one we know holds the place
                self.ignored.extend(outcome.items)
            return
        lead = outcome.lead
        fraction = lead.claim.fraction if lead.state == "partial" else None
        if cur is None:
            self.open(day, lead.actor, lead.state, fraction, outcome.rank, outcome.items)
        elif self.agrees(cur, lead):
            cur.items.extend(outcome.items)
        elif outcome.is_change:
            if self.reorders(outcome):
                self.ignored.extend(outcome.items)
            else:
                self.open(day, lead.actor, lead.state, fraction, outcome.rank, outcome.items)
        else:
            self.feed_state(day, outcome, lead, fraction)

    def feed_state(self, day: dt.date, outcome: _Outcome, lead: Item,
                   fraction: float | None) -> None:
        """A state claim that differs from the current interval."""
        cur = self.cur
        sources = {i.source for i in outcome.items}
        since = day - dt.timedelta(days=self.window)
        recent = [
            i for i in cur.items
            if i.source not in sources and i.period_end >= since
            and _conflicts(i, lead, self.tolerance)
        ]
        if any(i.rank < outcome.rank for i in recent):  # finer contrary evidence stands
            if cur.status == FIGHTING:
                cur.items.extend(outcome.items)
            else:
                self.ignored.extend(outcome.items)
        elif any(i.rank == outcome.rank for i in recent):
            self.contest(day, outcome, extra=recent)
        else:
            self.open(day, lead.actor, lead.state, fraction, outcome.rank, outcome.items)

    def agrees(self, cur: _Open, lead: Item) -> bool:
        """True when a state claim confirms the current interval."""
        if cur.actor != lead.actor or cur.status != lead.state:
            return False
        if cur.status != "partial":
            return True
        mine, theirs = cur.fraction, lead.claim.fraction
        if mine is None or theirs is None:
            return mine is None and theirs is None
        return abs(mine - theirs) <= self.tolerance

    def intervals(self) -> list[_Open]:
        return self.done + ([self.cur] if self.cur is not None else [])


def order(item: Item) -> tuple:
    c = item.claim
    return (item.placed, item.rank, item.source, c.doc, c.status, c.actor, c.date,
            c.fraction if c.fraction is not None else -1.0, c.evidence, c.confidence)
