"""Generate a synthetic corpus of war reports for the extraction benchmark.

Reports are recombined from template sentences written for this project (captures,
withdrawals, holdings, percentages, clashes, sieges, denials; sentences naming places
without a control claim: air strikes, aid, roads; and sentences with no place at all:
quotes, diplomacy, the toll), filled with Syrian place names from the gazetteer, actor
wordings, weekdays, dates and sources. Mix per sentence: 30 % claim templates, 25 %
place-naming noise, 45 % context; 1-4 sentences a paragraph, 5-9 paragraphs a report
(about 1.2 KB-2.5 KB). Seeded, so every run with the same arguments writes the same
files.

Run: ``.venv/bin/python bench/make_corpus.py --mb 4 --out bench/out/corpus``
(writes ``*.txt`` reports and a ``manifest.csv``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OUTLETS = ("Levant Wire", "Frontline Daily", "SANA", "PressTV", "Al-Masdar News",
           "Northern Syria Monitor", "Euphrates Post", "Ankara Desk")
SOURCES = ("the Syrian Observatory for Human Rights said", "state media reported",
           "a military source said", "activists said", "the SDF said in a statement",
           "the army said", "a rebel commander told reporters", "the coalition said",
           "local sources said", "Turkey's defence ministry said")
ACTORS = {
    "government": ("Syrian government forces", "the Syrian army", "pro-government militias",
                   "the Tiger Forces", "loyalist troops", "Hezbollah fighters"),
    "opposition": ("rebels", "Free Syrian Army fighters", "opposition fighters",
                   "Jaish al-Islam", "insurgents"),
    "sdf": ("the Syrian Democratic Forces", "Kurdish-led forces", "YPG fighters",
            "the U.S.-backed SDF"),
    "isis": ("Islamic State militants", "ISIS fighters", "Daesh terrorists", "the jihadists"),
    "hts": ("Hayat Tahrir al-Sham", "Nusra Front fighters", "al-Qaeda-linked militants"),
    "turkey": ("Turkish-backed rebels", "Turkish troops", "the Syrian National Army"),
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")

# Template sentences. {A}/{B}: actor wordings; {P}/{Q}/{R}: places; {G}: a governorate
# name; {D}: a weekday; {N}: a number; {S}: an attribution; {Y}: a past year;
# {M}: a month name.
CLAIM_TEMPLATES = (
    "{A} captured the town of {P} on {D} after days of heavy fighting, {S}.",
    "{A} recaptured {P} and the nearby village of {Q} on {D}, {S}.",
    "{P} fell to {A} late on {D} after a week-long assault.",
    "On {D}, {A} seized full control of {P}, {S}.",
    "{A} took control of the strategic town of {P} on {D}.",
    "The last {B} fighters left {P} on {D} under an evacuation deal, ending their rule there.",
    "{A} withdrew from {P} overnight, {S}, handing the town to {B}.",
    "{A} pulled out of their positions in {P} on {D}.",
    "{A} now control about {N} percent of {P}, {S}.",
    "{A} hold most of {P}, the last stronghold of {B} in the area.",
    "Heavy clashes erupted on {D} on the outskirts of {P} as {A} pushed into the town.",
    "{A} launched a fresh assault on {P} on {D}, {S}.",
    "{P}, a town held by {A} since {Y}, has been besieged by {B} for months.",
    "The {H}-held town of {P} remains encircled by {A}.",
    "{A} liberated more than {N} villages in the {G} countryside on {D}, {S}.",
    "{A} drove {B} out of {P} on {D}, {S}.",
    "{A} repelled an attack on {P} overnight, {S}.",
    "{A} denied losing {P}, saying its fighters still held the town.",
    "{A} had overrun {P} in {M} {Y} before losing it again.",
    "{A} raised their flag over the main square of {P} on {D}.",
    "According to {S2}, {A} entered {P} on {D} without a fight.",
    "{A} broke the siege of {P} on {D}, {S}.",
)
NOISE_TEMPLATES = (
    "Air strikes hit the town of {P} on {D}, killing at least {N} civilians, {S}.",
    "Delegations met in Astana and Geneva for a new round of talks on {D}.",
    "Thousands of families fled towards {Q} as the fighting approached, aid agencies said.",
    "A car bomb exploded near a market in {P}, wounding {N} people.",
    "The United Nations called for a humanitarian pause to allow aid into {R}.",
    "Russian and Turkish officials discussed the ceasefire by telephone on {D}.",
    "The road linking {P} to {Q} remained closed to civilian traffic.",
    "Shelling of residential areas in {R} continued for a third day, residents said.",
    "The ministry said it was preparing to restore electricity to {P} within weeks.",
    "Prices of bread and fuel have risen sharply in {Q} since the start of the offensive.",
    "{A} are preparing to storm {P}, a commander said, but gave no timetable.",
    "Reports that {A} had captured {P} were false, the army said.",
)
# Sentences with no place at all: quotes, context, diplomacy, the war's toll.
CONTEXT_TEMPLATES = (
    "\"We will continue until the last terrorist has left our land,\" a commander said.",
    "The war has killed hundreds of thousands of people and displaced millions since 2011.",
    "Diplomats said the talks had made little progress on the question of a political transition.",
    "The spokesman declined to say how many fighters had been killed in the operation.",
    "Aid agencies warned of shortages of food, medicine and fuel as winter approached.",
    "The foreign ministry summoned the ambassador to protest against the strikes.",
    "Analysts said the offensive was likely to take weeks, if not months.",
    "{A} have not commented on the reports, and the figures could not be independently verified.",
    "Residents described a night of heavy bombardment and said many families had fled.",
    "The ceasefire, brokered in {M}, has been violated repeatedly by both sides.",
    "Officials said more than {N} people had been detained in the past week.",
    "The United Nations said it was deeply concerned about the safety of civilians.",
)
HELD = {"government": "government", "opposition": "rebel", "sdf": "Kurdish",
        "isis": "Islamic State", "hts": "jihadist", "turkey": "Turkish"}


def place_names(limit: int = 400) -> list[str]:
    """Syrian settlement names from the gazetteer (first English spelling)."""
    from gazetteer import Gazetteer

    gaz = Gazetteer.load()
    names = sorted({p.name for p in gaz.places
                    if p.country == "SY" and p.level == "settlement" and p.name.isascii()
                    and " " not in p.name.strip() and len(p.name) > 3})
    return names[:limit] or ["Raqqa", "Manbij", "Hama", "Idlib", "Daraa"]


def governorates() -> list[str]:
    return ["Aleppo", "Idlib", "Hama", "Homs", "Raqqa", "Deir ez-Zor", "Hasakah", "Daraa"]


def _actor(rng: random.Random, exclude: str | None = None) -> tuple[str, str]:
    actor = rng.choice([a for a in ACTORS if a != exclude])
    return actor, rng.choice(ACTORS[actor])


def fill(template: str, rng: random.Random, places: list[str]) -> str:
    a_id, a = _actor(rng)
    b_id, b = _actor(rng, a_id)
    p, q, r = rng.sample(places, 3)
    text = template.format(
        A=a, B=b, H=HELD[b_id], P=p, Q=q, R=r,
        G=rng.choice(governorates()), D=rng.choice(WEEKDAYS), N=rng.randint(2, 95),
        S=rng.choice(SOURCES), S2=rng.choice(("the Syrian Observatory", "state media",
                                              "activists", "a military source")),
        Y=rng.randint(2012, 2016), M=rng.choice(MONTHS),
    )
    return text[0].upper() + text[1:]


def report(rng: random.Random, places: list[str], day: dt.date) -> str:
    paragraphs = []
    headline = fill(rng.choice(CLAIM_TEMPLATES), rng, places).rstrip(".")
    paragraphs.append(headline)
    for _ in range(rng.randint(4, 8)):
        sentences = []
        for _ in range(rng.randint(1, 4)):
            roll = rng.random()
            pool = (CLAIM_TEMPLATES if roll < 0.3 else NOISE_TEMPLATES if roll < 0.55
                    else CONTEXT_TEMPLATES)
            sentences.append(fill(rng.choice(pool), rng, places))
        paragraphs.append(" ".join(sentences))
    return f"{day:%A, %d %B %Y}\n\n" + "\n\n".join(paragraphs) + "\n"


def make_corpus(out: Path, megabytes: float, seed: int = 7) -> tuple[int, int]:
    """Write reports totalling about ``megabytes`` MB into ``out``.

    Returns
    -------
    (files, bytes)
    """
    rng = random.Random(seed)
    places = place_names()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.txt"):
        old.unlink()
    target = int(megabytes * 1_000_000)
    total = files = 0
    rows = []
    start = dt.date(2014, 1, 1)
    while total < target:
        day = start + dt.timedelta(days=rng.randint(0, 6 * 365))
        text = report(rng, places, day)
        name = f"synthetic_{files:06d}.txt"
        (out / name).write_text(text, encoding="utf-8")
        rows.append((name, rng.choice(OUTLETS), day.isoformat()))
        total += len(text.encode("utf-8"))
        files += 1
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(("file", "source", "published"))
        writer.writerows(rows)
    return files, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=4.0, help="corpus size in MB")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "corpus")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    files, size = make_corpus(args.out, args.mb, args.seed)
    print(f"wrote {files} reports, {size / 1e6:.2f} MB, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
