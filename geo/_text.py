"""Plain-text clean-up for :mod:`geo.ingest`: whitespace, page furniture, Markdown,
and splitting a page that aggregates several dated articles.

Furniture is recognised line by line (share buttons, "Continue reading", comment
forms, cookie notices, blog navigation, labels, photo credits) plus two zones that
swallow what follows them: a comment section ("3 comments:", "Leave a Reply") up to
the next dated post, and a "Related"/"Most read" list of headlines up to the next
body paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from geo._datepatterns import STAMP_RE, date_line

_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_MANY_BLANKS = re.compile(r"\n{3,}")


def _collapse_blanks(text: str) -> str:
    """Runs of blank lines to one; the substring test skips the regex scan when none."""
    return _MANY_BLANKS.sub("\n\n", text) if "\n\n\n" in text else text

_SHARE_WORD = (
    r"(?:share|shares|tweet|email|e-mail|print|whatsapp|facebook|twitter|x|linkedin|reddit"
    r"|pinterest|telegram|google\+?|pin it|copy link|messenger|flipboard|vk|tumblr|pocket"
    r"|blogthis!|email this|share to \w+|share on \w+|save|like|0|comments?)"
)
_FURNITURE = re.compile(
    r"(?:" + _SHARE_WORD + r"[\s,|·•/:]*){1,14}"
    r"|share(?: this| on| via| to| the| article| story| post| page| it)*\b.{0,40}"
    r"|continue reading.{0,60}|read (?:more|the full (?:story|article)|full (?:story|article))"
    r"\b.{0,120}|(?:read|see) also\b.{0,160}|click here\b.{0,120}"
    r"|no comments:?|\d+ comments?:?"
    r"|newer posts?|older posts?|home|newer posts?\s+older posts?\s+home|previous(?: post| article"
    r"| story| page)?|next(?: post| article| story| page)?|[«‹].{0,80}"
    r"|subscribe to:? .{0,40}\(atom\)|subscribe\b.{0,100}|sign up\b.{0,160}"
    r"|(?:get|receive|join) our .{0,40}newsletter.{0,80}"
    r"|follow us\b.{0,100}|like us on .{0,60}"
    r"|accept(?: all)?(?: cookies)?|reject all|i agree|i accept|got it|agree(?: and close)?"
    r"|manage (?:cookies|preferences|consent|settings)|privacy policy|terms (?:of use|and "
    r"conditions|of service)"
    r"|(?:labels?|tags?|filed under|categor(?:y|ies)|topics?|posted in|keywords)\s*:.{0,200}"
    r"|posted by .{0,120}|advertisement|advertising|sponsored(?: content| links)?|ad|ads by .{0,60}"
    r"|promoted(?: content| stories)?|skip to (?:main )?content|skip navigation|(?:main )?menu"
    r"|search(?: for)?:?|log ?in|sign ?in|register|back to top|top|scroll to top"
    r"|print(?: this)?(?: article| page| story)?|(?:font|text) size:?.{0,40}"
    r"|send to a friend|listen to (?:this )?article.{0,40}|\d+ min(?:ute)?s? read"
    r"|reading time.{0,40}"
    r"|(?:copyright|©|\(c\)).{0,200}|all rights reserved.{0,100}"
    r"|(?:photo|image|picture|video|file photo|photograph|credit)s?(?: credit)?\s*:.{0,200}"
    r"|(?:reuters|afp|ap|getty images|epa|anadolu(?: agency)?|sana)\s*/\s*[\w .'’-]{1,60}"
    r"|watch:?|watch the video.{0,80}|video:?|play video|loading\.*|please wait.{0,40}"
    r"|your email address will not be published.{0,100}|required fields are marked.{0,40}"
    r"|(?:name|email|e-mail|website|comment|message)\s*\*?:?|save my name.{0,160}"
    r"|notify me of .{0,120}|post comment|submit(?: comment)?|cancel reply"
    r"|you must be logged in.{0,100}|leave a reply(?: cancel reply)?",
    re.IGNORECASE,
)
# Furniture recognised by a word anywhere in a short line.
_CAPTION = re.compile(r"\((?:photo|image|picture|file photo|credit)\b[^()]{0,80}\)\.?$", re.I)
_COOKIE_WORDS = re.compile(r"accept|consent|agree|policy|settings|preferences|experience|we use")


def _is_furniture(line: str) -> bool:
    size = len(line)
    if size <= 200 and _FURNITURE.fullmatch(line):
        return True
    low = line.lower()
    return (
        (size <= 400 and "cookie" in low and _COOKIE_WORDS.search(low) is not None)
        or (size <= 300 and _CAPTION.search(line) is not None)
        or (size <= 90 and "newsletter" in low)
        or (size <= 120 and "javascript" in low)
        or (size <= 80 and line[-1] in "»›")
    )


_COMMENTS = re.compile(
    r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:comments?|responses?"
    r"|replies)(?: to .{0,150})?:?|comments?(?: \(\d+\))?:?|post a comment"
    r"|leave a (?:reply|comment)(?: cancel reply)?|join the (?:discussion|conversation)"
    r"|add (?:a |your )?comment"
    r"|reader comments|show comments|view comments",
    re.IGNORECASE,
)
_RELATED = re.compile(
    r"(?:related|more|similar)(?: articles?| posts?| stories| news| content| coverage| reading"
    r"| links| topics)?:?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in).{0,20}"
    r"|more (?:stories|news|articles|from .{1,40}|on this (?:story|topic))|(?:the )?most "
    r"(?:read|popular|viewed|shared|commented)(?: \w+){0,2}|trending(?: now| stories| news)?"
    r"|recommended(?: for you| stories| articles| reading)?|editor'?s picks|top stories"
    r"|latest (?:news|stories|articles|posts)|recent posts|popular posts|see also:?|also read:?"
    r"|read also:?|don'?t miss|what to read next|further reading",
    re.IGNORECASE,
)
_DOMAIN = re.compile(
    r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+[a-z]{2,})(?:/\S*)?", re.IGNORECASE,
)
_SOURCE_LINE = re.compile(
    r"(?:(?:sources?|via|courtesy(?: of)?)\s*:|originally (?:published|appeared) (?:by|at|on|in))"
    r"\s*(.{2,60})",
    re.IGNORECASE,
)
_AGENCY = re.compile(
    r"^(?:[A-Z][\w'’.\-]*(?:[ \-][A-Za-z][\w'’.\-]*){0,3},\s*){0,3}(?:[^()\n]{0,30}?)\s*"
    r"\((Reuters|AP|AFP|Xinhua|SANA|Anadolu|dpa|UPI|IRNA|TASS|RIA Novosti|Sputnik|Al-Masdar"
    r"|ANHA|Kurdistan24|Rudaw|MENA|KUNA|WAM|Bloomberg|CNN|BBC)\)\s*[-—–:]",
)


@dataclass
class TextHints:
    """What the furniture told us about the page."""

    source: str | None = None
    url: str | None = None


def normalize(text: str) -> str:
    """Unify newlines and spaces, drop invisible characters, NFC-normalise."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _collapse_blanks(text).strip()


def _is_body(line: str) -> bool:
    """A line of running text rather than a headline or a label."""
    return len(line) > 160 or (len(line) > 80 and line.rstrip()[-1:] in '.!?"”’')


def strip_furniture(text: str) -> tuple[str, TextHints]:
    """Drop page furniture lines; return the clean text and the hints they gave.

    A domain line in the page header ("example.com") becomes the source; so does an
    agency dateline ("BEIRUT (Reuters) -") when nothing better is found. "Source: X"
    lines are left for :func:`pop_source`, which works per article.
    """
    hints = TextHints()
    kept: list[str] = []
    zone: str | None = None
    nonempty = 0
    lines = text.split("\n")
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            if zone is None:
                kept.append("")
            continue
        nonempty += 1
        if zone == "comments":
            if date_line(line) and not re.search(r"\d[:.]\d\d", line):
                zone = None  # the next dated post of a blog page
            else:
                continue
        if zone == "related":
            if _is_body(line):
                zone = None
            else:
                continue
        domain = _DOMAIN.fullmatch(line) if len(line) <= 80 else None
        if domain:
            if nonempty <= 12 and hints.source is None:
                hints.source = domain[1].lower()
                if "/" in line.split("//", 1)[-1]:
                    hints.url = line if "//" in line else "https://" + line
            continue
        if len(line) <= 400 and _COMMENTS.fullmatch(line):
            if index >= len(lines) // 2:  # a "Comments" link near the top is not the section
                zone = "comments"
            continue
        if len(line) <= 60 and _RELATED.fullmatch(line):
            zone = "related"
            continue
        if _is_furniture(line):
            continue
        if hints.source is None and len(kept) < 400 and "(" in line:  # "(Reuters)"
            agency = _AGENCY.match(line)
            if agency:
                hints.source = agency[1]
        kept.append(raw.rstrip())
    return _collapse_blanks("\n".join(kept)).strip(), hints


def pop_source(text: str) -> tuple[str, str | None]:
    """Remove "Source: X" / "Via: X" lines; return the text and the first X."""
    source = None
    kept = []
    for line in text.split("\n"):
        match = _SOURCE_LINE.fullmatch(line.strip()) if len(line) <= 80 else None
        if match:
            source = source or match[1].strip().rstrip(".")
            continue
        kept.append(line)
    return _collapse_blanks("\n".join(kept)).strip(), source


def markdown_to_text(text: str) -> tuple[str, dict[str, str]]:
    """Strip Markdown syntax; return the text and the YAML front matter's simple keys."""
    meta: dict[str, str] = {}
    front = re.match(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", text, re.DOTALL)
    if front:
        for line in front[1].split("\n"):
            key, sep, value = line.partition(":")
            if sep and value.strip():
                meta[key.strip().lower()] = value.strip().strip("'\"")
        text = text[front.end():]
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"^```.*$|^~~~.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their text
    text = re.sub(r"^\s*\[[^\]]+\]:\s*\S+.*$", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s{0,3}#{1,6}\s*(.*?)\s*#*\s*$", r"\n\1\n", text, flags=re.MULTILINE)
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.MULTILINE)
    text = re.sub(r"^\s*(?:[-*_]\s*){3,}$", "", text, flags=re.MULTILINE)  # rules
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return text, meta


# -- several articles on one page -------------------------------------------------------
def split_articles(text: str) -> list[str]:
    """Split a page that carries several dated articles; else return ``[text]``.

    Splits only on clear structure: at least two stand-alone date lines (not counting
    a page-header date above the first paragraph of running text). When most date
    lines are followed by a headline (blog style), each article starts at its date
    line; otherwise (news style) at the headline block just above its date line (a
    headline and maybe a one-paragraph standfirst), or at the date line when there is
    none. Either way a cut never falls inside a paragraph. Text before the first
    article is kept as an article of its own only when it holds running text.
    """
    lines = text.split("\n")
    dates = [i for i, line in enumerate(lines)
             if date_line(line) and not STAMP_RE.search(line)]
    if len(dates) < 2:
        return [text]
    if sum(_headline_follows(lines, d) for d in dates) * 2 > len(dates):
        starts = dates  # blog style: each item opens with its date line, then a headline
    else:  # news style: headline (and standfirst) above the date line
        first_body = next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))
        before = [d for d in dates if d < first_body]
        after = [d for d in dates if d > first_body]
        if len(after) >= 2:
            dates = after  # date lines above all running text belong to the page header
        elif len(after) == 1 and before:
            dates = [before[-1], *after]
        else:
            return [text]
        starts = [_article_start(lines, d, previous) for d, previous in
                  zip(dates, [-1] + dates[:-1], strict=True)]
    pieces = []
    bounds = starts + [len(lines)]
    for begin, end in zip(bounds, bounds[1:], strict=False):
        pieces.append("\n".join(lines[begin:end]).strip())
    pieces = _merge_thin(pieces)
    preamble = "\n".join(lines[: starts[0]]).strip()
    if any(_is_body(line) for line in preamble.split("\n")):
        pieces.insert(0, preamble)
    return pieces if len(pieces) >= 2 else [text]


def _headline_follows(lines: list[str], date_index: int) -> bool:
    """Whether the next non-blank line after a date line looks like a headline."""
    for line in lines[date_index + 1: date_index + 4]:
        line = line.strip()
        if line:
            return len(line) <= 200 and line[-1] not in ".!?:;,\"”" and not date_line(line)
    return False


def _article_start(lines: list[str], date_index: int, previous_date: int) -> int:
    """Index of the first line of the article whose date line is ``date_index``."""
    blocks: list[tuple[int, int]] = []  # (first, last) line of each block above, nearest first
    i = date_index - 1
    while i > previous_date and len(blocks) < 2:
        while i > previous_date and not lines[i].strip():
            i -= 1
        if i <= previous_date:
            break
        last = i
        while i > previous_date and lines[i].strip():
            i -= 1
        blocks.append((i + 1, last))
    used = 0
    for first, last in blocks:
        size = sum(len(lines[k]) for k in range(first, last + 1))
        used += last - first + 1
        if used > 3 or size > 600:
            break
        head = lines[first].strip()
        if len(head) <= 200 and head[-1:] not in ".!?:;,":
            return first
    return date_index


def _merge_thin(pieces: list[str]) -> list[str]:
    """Fold an article with no running text into the one before it."""
    merged: list[str] = []
    carry = ""
    for piece in pieces:
        has_body = any(_is_body(line) for line in piece.split("\n")) or len(piece) >= 300
        if has_body:
            merged.append(carry + piece)
            carry = ""
        elif merged:
            merged[-1] = merged[-1] + "\n\n" + piece
        else:
            carry += piece + "\n\n"  # a thin first piece goes with the next one
    if carry:
        merged.append(carry.strip())
    return merged
