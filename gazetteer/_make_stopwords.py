"""Regenerate the generated part of ``gazetteer/_stopwords.txt``. Not used at run time.

Lists common English words (``wordfreq`` Zipf frequency >= ``MIN_ZIPF``) that
:meth:`Gazetteer.find_mentions` would otherwise take for a place when capitalised
("Tell", "Hit", "Sham", "Khan"), minus :data:`KEEP`, words whose main English use is the
place itself. Needs ``wordfreq`` (a development tool, not a dependency)::

    python -m venv /tmp/wf && /tmp/wf/bin/pip install wordfreq
    /tmp/wf/bin/python -c "from wordfreq import top_n_list, zipf_frequency as z; \\
        print('\\n'.join(f'{w}\\t{z(w, \\"en\\")}' for w in top_n_list('en', 40000)))" \\
        > /tmp/en_top.txt
    python -m gazetteer._make_stopwords /tmp/en_top.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

MIN_ZIPF = 2.7
MARKER = "# --- generated below by gazetteer/_make_stopwords.py ---"
KEEP = frozenset(
    """aleppo damascus homs idlib hama raqqa mosul baghdad beirut tripoli ankara istanbul
    amman jerusalem nazareth haifa palmyra golan basra tyre jaffa duma dara bab dana harem
    mare ansari kobani afrin manbij latakia tartus antioch gallipoli smyrna daraa douma
    qamishli hasakah deir tadmur hermon kirkuk erbil fallujah ramadi tikrit samarra
    gaziantep kilis hatay adana mersin antakya urfa mardin hol horan hula raju salma
    sousa""".split()
)


def main(freq_file: str) -> None:
    """Append the generated stop words to ``_stopwords.txt``."""
    from gazetteer import Gazetteer
    from gazetteer._mentions import MentionFinder

    finder = MentionFinder(Gazetteer.load(), stopwords=frozenset())
    path = Path(__file__).with_name("_stopwords.txt")
    head = path.read_text("utf-8").split(MARKER)[0].rstrip("\n")
    manual = {w.strip().lower() for w in head.splitlines() if w and not w.startswith("#")}
    found = []
    for line in Path(freq_file).read_text("utf-8").splitlines():
        word, zipf = line.split("\t")
        if float(zipf) < MIN_ZIPF or not word.isalpha() or word in KEEP or word in manual:
            continue
        hits = finder.find(word.capitalize())
        if hits and hits[0].end - hits[0].start == len(word):
            found.append(word)
    path.write_text(head + "\n" + MARKER + "\n" + "\n".join(sorted(found)) + "\n", "utf-8")
    print(f"{len(found)} generated stop words")


if __name__ == "__main__":
    main(*sys.argv[1:])
