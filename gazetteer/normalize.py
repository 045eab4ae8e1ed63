"""Transliteration-insensitive keys for Arabic place names in Latin or Arabic script.

Outlets write one Syrian name many ways: *Deir ez-Zor*, *Dayr al-Zawr*, *Deir Ezzor*,
*Dair al-Zour*. :func:`key` folds such spellings onto one string, so that an exact
dictionary look-up finds most of them and fuzzy matching only has to bridge the rest.

Rules, per token (Latin script):

* lower case, accents and marks removed (``ḥ`` -> ``h``, ``ş`` -> ``s``, ``ı`` -> ``i``);
  ʿayn / hamza marks and apostrophes (``ʿ ʾ ' ’ ‘ ` ´``) deleted inside a word;
* hyphens, dots, slashes and spaces separate tokens; letters and digits are split
  (``T4`` -> ``t 4``);
* the Arabic article as its own token (``al el ar as ash ad at az an adh ath es ez ed
  er en esh il ul``) is dropped when another token follows;
* digraphs: ``ch`` -> ``sh`` (French), ``dj`` -> ``j``, ``dh`` -> ``z``, ``th`` -> ``t``,
  ``kh`` -> ``k``, ``gh`` -> ``g``, ``sh`` -> ``s``, ``ph`` -> ``f``, ``q``/``c`` ->
  ``k``, ``nb`` -> ``mb``;
* ``w`` and ``y`` next to a vowel count as vowels (``Suwayda`` = ``Sweida``), and every
  run of vowels becomes one ``a`` (``ou``/``oo``/``u``, ``ei``/``ay``/``ey``/``ai``,
  ``e``/``a``/``i``), so the key keeps consonants plus vowel slots;
* a final ``h`` after a vowel is dropped (``Raqqah`` = ``Raqqa``); doubled letters
  become single ones (``Raqqa`` = ``Raqa``);
* a few generic toponym words whose vowel is often dropped are folded to one form
  (``Kfar`` = ``Kafr``, ``Jbel`` = ``Jabal``, ``Tl``/``Tel``/``Tell`` = ``Tal``).

Arabic script: diacritics (tashkeel) and tatweel removed, alef forms -> ``ا``,
``ى`` -> ``ي``, ``ة`` -> ``ه``, ``ؤ`` -> ``و``, ``ئ`` -> ``ي``, hamza dropped, and the
article ``ال`` stripped from each token.

The key is deliberately lossy (*Mayadin* and *Maadan* share one); callers rank the
candidates of a key by how close the query is to each candidate's own spellings
(:func:`light`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "is_arabic",
    "key",
    "key_tokens",
    "light",
    "split_tokens",
    "strip_qualifier",
    "token_key",
    "tokens_key_list",
]

ARTICLES = frozenset("al el il ul ar er as es ash esh ad ed at et az ez an en adh ath".split())

# Marks deleted inside a word (ʿayn, hamza, apostrophes, primes, modifier letters).
_MARKS = dict.fromkeys(map(ord, "ʿʾʼʻ'’‘`´′ʹʽ"), None)
# Letters NFKD does not decompose.
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "ɣ": "gh",
        "ə": "e",
    }
)
_TOKEN_RE = re.compile(r"[a-z]+|[0-9]+|[\u0621-\u064a\u066e-\u06d3]+")
_VOWELS = frozenset("aeiou")

# Latin digraphs and letters, applied in this order.
_DIGRAPHS = (
    ("tch", "ch"),
    ("ch", "sh"),
    ("dj", "j"),
    ("dh", "z"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ph", "f"),
    ("ck", "k"),
    ("q", "k"),
    ("c", "k"),
    ("x", "ks"),
    ("nb", "mb"),
)

# Generic toponym words written with and without their first vowel.
_TOKEN_FOLD = {
    "kfar": "kafr",
    "kfr": "kafr",
    "kafar": "kafr",
    "jbal": "jabal",
    "tl": "tal",
}

# Arabic script normalisation.
_AR_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_AR_MAP = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ء": None,
        "ک": "ك",
        "ی": "ي",
        "ڤ": "ف",
        "گ": "ك",
        "پ": "ب",
        "چ": "ج",
    }
)
_AR_RANGE = re.compile("[\u0600-\u06ff]")


_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")


def strip_qualifier(name: str) -> str:
    """``name`` without a trailing parenthetical qualifier: "Khalidiya (Homs)" ->
    "Khalidiya"; the name itself when nothing else would be left."""
    bare = _QUALIFIER.sub("", name)
    return bare if bare.strip() else name


def is_arabic(text: str) -> bool:
    """True when ``text`` contains Arabic-script letters."""
    return _AR_RANGE.search(text) is not None


def _fold_latin(text: str) -> str:
    text = text.translate(_MARKS).lower()
    if text.isascii():
        return text
    text = text.translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_arabic(text: str) -> str:
    return _AR_TASHKEEL.sub("", text).translate(_AR_MAP)


def split_tokens(name: str) -> list[str]:
    """Split a name into lower-case, mark-free tokens (articles kept).

    Parameters
    ----------
    name : str
        Any spelling, Latin or Arabic script.

    Returns
    -------
    list of str
    """
    text = _fold_latin(name)
    if is_arabic(text):
        text = _fold_arabic(text)
    return _TOKEN_RE.findall(text)


@lru_cache(maxsize=200_000)
def token_key(token: str) -> str:
    """Key of one token already produced by :func:`split_tokens`."""
    if not token:
        return ""
    if token.isdigit():
        return str(int(token))
    if is_arabic(token):
        # Article, alone or after a one-letter conjunction/preposition (وال بال فال كال).
        for prefix in ("وال", "بال", "فال", "كال", "ال"):
            if token.startswith(prefix) and len(token) > len(prefix) + 1:
                return token[len(prefix) :]
        return token
    t = token
    for a, b in _DIGRAPHS:
        if a in t:
            t = t.replace(a, b)
    # w / y beside a vowel behave as vowels (diphthongs and glides).
    chars = list(t)
    n = len(chars)
    for i, c in enumerate(chars):
        if c in "wy" and ((i > 0 and t[i - 1] in _VOWELS) or (i + 1 < n and t[i + 1] in _VOWELS)):
            chars[i] = "a"
    out: list[str] = []
    for c in chars:
        if c in _VOWELS:
            c = "a"
        if out and out[-1] == c:
            continue  # doubled letters and vowel runs
        out.append(c)
    # Final h after a vowel: Raqqah, Hamah, Mezzeh.
    if len(out) > 2 and out[-1] == "h" and out[-2] == "a":
        out.pop()
    k = "".join(out)
    return _TOKEN_FOLD.get(k, k)


def key_tokens(name: str) -> list[str]:
    """Token keys of ``name`` with articles dropped (see :func:`key`)."""
    return tokens_key_list(split_tokens(name))


def tokens_key_list(toks: list[str]) -> list[str]:
    """Token keys of already split tokens, articles dropped."""
    keep = [
        t for i, t in enumerate(toks) if not (t in ARTICLES and i + 1 < len(toks)) and t != "ال"
    ]
    return [k for k in (token_key(t) for t in keep) if k]


@lru_cache(maxsize=200_000)
def key(name: str) -> str:
    """Transliteration-insensitive key of a place name.

    Parameters
    ----------
    name : str
        Any spelling, Latin or Arabic script (``"Deir ez-Zor"``, ``"دير الزور"``).

    Returns
    -------
    str
        Token keys joined by single spaces, articles dropped; ``""`` for a name with
        no letters or digits.

    Examples
    --------
    >>> key("Deir ez-Zor") == key("Dayr al-Zawr") == key("Deir al-Zour")
    True
    >>> key("Raqqah") == key("ar-Raqqa") == key("Raqa")
    True
    """
    return " ".join(key_tokens(name))


@lru_cache(maxsize=200_000)
def light(name: str) -> str:
    """A gently normalised form, for ranking candidates that share a :func:`key`.

    Lower case, marks and accents removed, articles dropped, doubled letters single,
    ``ou``/``oo``/``o`` -> ``u``, ``ee`` -> ``i``, final ``h`` dropped; vowels are kept, so
    *Maadan* stays closer to itself than to *Mayadin*.
    """
    toks = split_tokens(strip_qualifier(name))
    keep = [t for i, t in enumerate(toks) if not (t in ARTICLES and i + 1 < len(toks))]
    out = []
    for t in keep:
        if is_arabic(t):
            t = token_key(t)
        else:
            t = t.replace("ou", "u").replace("oo", "u").replace("ee", "i").replace("o", "u")
            t = re.sub(r"(.)\1+", r"\1", t)
            if len(t) > 2 and t.endswith("h") and t[-2] in _VOWELS:
                t = t[:-1]
        out.append(t)
    return " ".join(out)
