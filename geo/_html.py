"""HTML pages to text for :mod:`geo.ingest`, with the standard library's html.parser.

Script, style, navigation, footers, asides, forms, site headers and elements whose
class/id/role mark them as furniture (share bars, related lists, comments, cookie
banners, sidebars, ads) are dropped; paragraphs and headings become blocks separated
by blank lines; entities are unescaped by the parser. Metadata (title, published
time, site name, canonical address) and, for pages holding several ``<article>``
elements, one text per article come back in :class:`Page`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlparse

_SKIP_TAGS = {
    "script", "style", "noscript", "template", "svg", "math", "nav", "footer", "aside",
    "form", "iframe", "button", "select", "textarea", "figcaption", "object", "embed",
    "canvas", "video", "audio", "dialog", "head",
}
_VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
    "source", "track", "wbr",
}
_BLOCK = {
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "fieldset",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "ol", "p",
    "pre", "section", "table", "tr", "td", "th", "ul", "body", "caption", "center",
}
_FURNITURE_PART = re.compile(
    r"share|sharing|sharebar|social|socials|related|comments?|respond|cookies?|consent|gdpr"
    r"|newsletter|subscribe|subscription|sidebar|advert|advertisement|ads?|adslot|promo"
    r"|sponsored|breadcrumbs?|menu|nav|navbar|navigation|masthead|mostread|most-read|popular"
    r"|trending|widget|footer|banner|outbrain|taboola|tags|signup|modal|popup|skip-link|print"
    r"|paywall|disqus|recommended|recirculation|more-stories|read-more",
)
_SKIP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
               "menu", "menubar", "alert"}
_KEEP_CONTAINERS = {"html", "body", "main", "article"}
_PUBLISHED_META = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "dcterms.date", "sailthru.date", "parsely-pub-date", "article.published", "cxenseparse:recs:"
    "publishtime", "original-publish-date",
)
_SITE_META = ("og:site_name", "publisher", "application-name")
_ARTICLE_TYPES = {"newsarticle", "article", "blogposting", "reportagenewsarticle",
                  "analysisnewsarticle", "webpage", "liveblogposting"}


@dataclass
class Page:
    """What an HTML page holds for the extractor."""

    text: str
    title: str | None = None
    published: list[str] = field(default_factory=list)  # the page's date strings, best first
    times: list[str] = field(default_factory=list)  # <time datetime> inside articles
    site_name: str | None = None
    url: str | None = None
    articles: list[tuple[str, list[str]]] = field(default_factory=list)  # (text, dates)


class _Extractor(HTMLParser):
    def __init__(self, use_attributes: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.use_attributes = use_attributes
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, skipped subtree, counted article)
        self.skipping = 0
        self.article_depth = 0
        self.main_depth = 0
        self.article_count = 0
        self.blocks: list[tuple[int, str]] = []  # (article number or 0, text)
        self.buffer: list[str] = []
        self.meta: dict[str, str] = {}
        self.title: list[str] = []
        self.h1: list[str] = []
        self.in_title = self.in_h1 = False
        self.ld_json: list[str] = []
        self.in_ld = False
        self.times: list[tuple[int, str, bool]] = []  # (article, datetime, says published)
        self.canonical: str | None = None

    # -- tags ---------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(a)
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = self.canonical or a.get("href")
        elif tag == "time" and a.get("datetime"):
            published = "published" in (a.get("itemprop", "") + a.get("class", "")).lower() \
                or "pubdate" in a
            self.times.append((self._article(), a["datetime"], published))
        if tag in _VOID:
            if tag in ("br", "hr"):
                self.buffer.append("\n")
            return
        if tag == "body" and any(t == "head" for t, _, _ in self.stack):
            self.handle_endtag("head")  # an unclosed <head> must not swallow the page
        if tag in _BLOCK:
            self._flush()
        skip = self._skips(tag, a)
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self.in_ld = True
        counted = tag == "article" and not self.skipping and not skip
        if counted:
            if self.article_depth == 0:
                self.article_count += 1
            self.article_depth += 1
        if tag == "main":
            self.main_depth += 1
        self.stack.append((tag, skip, counted))
        self.skipping += skip
        if tag == "title":
            self.in_title = True
        if tag == "h1":
            self.in_h1 = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if not any(t == tag for t, _, _ in self.stack):
            return  # a stray end tag
        if tag in _BLOCK:
            self._flush()  # before popping, so the text keeps its article number
        while self.stack:  # close what the page left open inside it
            open_tag, skip, counted = self.stack.pop()
            self.skipping -= skip
            if counted:
                self.article_depth -= 1
            if open_tag == "main":
                self.main_depth = max(0, self.main_depth - 1)
            if open_tag == "title":
                self.in_title = False
            if open_tag == "h1":
                self.in_h1 = False
            if open_tag == "script":
                self.in_ld = False
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.in_ld:
            self.ld_json.append(data)
        if self.in_title:
            self.title.append(data)
            return
        if self.in_h1:
            self.h1.append(data)
        if not self.skipping:
            self.buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush()

    # -- helpers ------------------------------------------------------------------------
    def _article(self) -> int:
        return self.article_count if self.article_depth else 0

    def _skips(self, tag: str, a: dict[str, str]) -> bool:
        if tag == "title":
            return False
        if tag in _SKIP_TAGS:
            return True
        if tag == "header" and not self.article_depth and not self.main_depth:
            return True  # the site's header (logo, menus); an article's header stays
        if "hidden" in a or a.get("aria-hidden") == "true":
            return True
        if "style" in a and _HIDDEN_STYLE.search(a["style"]):
            return True
        if not self.use_attributes or tag in _KEEP_CONTAINERS:
            return False
        if a.get("role", "").lower() in _SKIP_ROLES:
            return True
        names = a.get("class", "") + " " + a.get("id", "")
        return bool(names.strip()) and _furniture_names(names.lower())

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        if key and a.get("content") and key not in self.meta:
            self.meta[key] = a["content"].strip()

    def _flush(self) -> None:
        if not self.buffer:
            return
        text = "".join(self.buffer)
        self.buffer = []
        lines = [" ".join(part.split()) for part in text.split("\n")]
        block = "\n".join(line for line in lines if line)
        if block:
            self.blocks.append((self._article(), block))


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden")


@lru_cache(maxsize=4096)
def _furniture_names(names: str) -> bool:
    """Whether a class/id list marks furniture ("share-buttons", "post-sidebar"), judged
    on each token's first and last part so "has-sidebar" layouts keep their text."""
    for token in names.split():
        if token.startswith(("has-", "with-", "no-", "js-")):
            continue
        parts = re.split(r"[-_]+", token)
        if _FURNITURE_PART.fullmatch(parts[0]) or _FURNITURE_PART.fullmatch(parts[-1]):
            return True
    return False


def parse_html(markup: str) -> Page:
    """Turn an HTML page into text plus metadata (see the module notes)."""
    extractor = _run(markup, use_attributes=True)
    text = _join(b for _, b in extractor.blocks)
    if len(text) < 500:  # class-based dropping may have hit a content wrapper
        plain = _run(markup, use_attributes=False)
        plain_text = _join(b for _, b in plain.blocks)
        if len(plain_text) > 4 * max(len(text), 1):
            extractor, text = plain, plain_text
    page = Page(text=text)
    _metadata(extractor, page)

    by_article: dict[int, list[str]] = {}
    for number, block in extractor.blocks:
        by_article.setdefault(number, []).append(block)
    substantial = [n for n in by_article if n and len(_join(by_article[n])) >= 200]
    h1 = " ".join(" ".join(extractor.h1).split())
    if len(substantial) >= 2:
        for n in substantial:
            dates = [d for a, d, _ in extractor.times if a == n]
            page.articles.append((_join(by_article[n]), dates))
    elif len(substantial) == 1:
        body = _join(by_article[substantial[0]])
        headline = h1 or page.title
        page.text = body if not headline or headline in body else headline + "\n\n" + body
    elif h1 == "" and page.title and page.title not in text:
        page.text = page.title + "\n\n" + text
    return page


def _run(markup: str, use_attributes: bool) -> _Extractor:
    extractor = _Extractor(use_attributes)
    extractor.feed(markup)
    extractor.close()
    return extractor


def _join(blocks) -> str:
    return "\n\n".join(blocks).strip()


def _metadata(extractor: _Extractor, page: Page) -> None:
    meta = extractor.meta
    ld = _json_ld(extractor.ld_json)
    title = " ".join(" ".join(extractor.title).split()) or meta.get("og:title")
    if title:
        # "Headline - Site" / "Headline | Site": keep the headline
        title = re.split(r"\s+[|\-–—]\s+(?=[^|\-–—]{2,40}$)", title)[0].strip()
    page.title = title or ld.get("headline")
    published = [meta[k] for k in _PUBLISHED_META if meta.get(k)]
    if ld.get("datePublished"):
        published.insert(1 if published else 0, ld["datePublished"])
    published += [d for a, d, says in extractor.times if says and not a]
    page.published = list(dict.fromkeys(published))
    page.times = list(dict.fromkeys(d for a, d, _ in extractor.times if a))
    site = next((meta[k] for k in _SITE_META if meta.get(k)), None) or ld.get("publisher")
    page.url = extractor.canonical or meta.get("og:url") or ld.get("url")
    if not site and page.url:
        site = urlparse(page.url).netloc.lower().removeprefix("www.") or None
    page.site_name = site


def _json_ld(chunks: list[str]) -> dict[str, str]:
    """datePublished, publisher, url and headline from the page's JSON-LD, if any."""
    found: dict[str, str] = {}
    for chunk in chunks:
        try:
            data = json.loads(chunk)
        except ValueError:
            continue
        for item in _walk(data):
            kind = item.get("@type")
            kinds = {str(k).lower() for k in (kind if isinstance(kind, list) else [kind])}
            if not kinds & _ARTICLE_TYPES:
                continue
            if isinstance(item.get("datePublished"), str):
                found.setdefault("datePublished", item["datePublished"])
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                found.setdefault("publisher", publisher["name"])
            for key in ("url", "headline"):
                if isinstance(item.get(key), str):
                    found.setdefault(key, item[key])
    return found


def _walk(data):
    if isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, dict | list):
                yield from _walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from _walk(value)
