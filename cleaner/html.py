"""HTML in: trafilatura finds the page's main content and metadata, the engine cleans what it lets through.

trafilatura sees the page's structure and drops most furniture; what it lets through (share bars,
newsletter boxes, "read more" teasers, captions, comment remnants) is what the rule packs know. Its
text is therefore cleaned in the engine's `extracted` mode: rules and their blocks only (and teasers
before a bare "Read more" link), no zones, as the extractor already chose the article. The headline,
date and author come from the page's metadata. When trafilatura returns nothing, or much less than the text engine finds in the page's
whole visible text, that reading is taken instead, and `Article.extraction` says so.
"""

from __future__ import annotations

import dataclasses
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import Any
from collections.abc import Iterator, Sequence

import regex
import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from .article import Article
from .engine import Cleaner, LineReport, Options
from .lines import normalize
from .record import RecordError, default_cleaner

# trafilatura's text under this share of the article the text engine finds in the page's whole
# visible text, when that article is this long, means it missed the article: the text engine's
# reading is taken instead.
MIN_EXTRACTED_SHARE = 0.2
MIN_VISIBLE_CHARS = 2000
NEAR_NOTHING_CHARS = 250  # and only when trafilatura's text is shorter than this: measured on the dev
# set, a larger cut swaps trafilatura's short but right answers for whole pages of furniture


# A page's extraction (parsing, trafilatura, the fallback's text engine) is bounded in time: libxml2
# takes time quadratic in the attributes of one element, trafilatura more than linear in a table's
# cells. A page over the limit is an error (a record's error line): the batch goes on.
EXTRACTION_TIMEOUT_S = 20.0


class ExtractionTimeout(RecordError):
    """A page whose extraction ran past EXTRACTION_TIMEOUT_S."""


class _Expired(BaseException):
    """Raised by the timer: not an Exception, which trafilatura's own handlers would swallow."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout from the block past `seconds`. Signals reach the main thread only: in
    another thread, or under a timer someone else set, the block runs unbounded."""
    if (not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return
    expired = False

    def expire(signum: int, frame: Any) -> None:
        nonlocal expired
        expired = True
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if expired:  # also when a bare `except:` inside swallowed it
        raise ExtractionTimeout(f"HTML extraction took longer than {seconds:g} s")


# libxml2 checks each attribute of an element against all before it (32,000 on one element: 16 s,
# in C, where no timer reaches): past this many, the rest of an element's attributes are dropped
# before parsing. They carry no text; a real page's element has a few dozen at most.
MAX_ATTRIBUTES = 1000
_ATTRIBUTE_MIN_CHARS = 4  # ' a=1': the shortest an attribute can be, so a start tag with MAX_ATTRIBUTES is this long
_CROWDED_TAG = regex.compile(rf"<[A-Za-z][^<>]{{{MAX_ATTRIBUTES * _ATTRIBUTE_MIN_CHARS},}}>")
_CROWDED_TAG_BYTES = regex.compile(_CROWDED_TAG.pattern.encode())
_ATTRIBUTE = regex.compile(r"""\s+[^\s=<>"'/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]*))?""")
_ATTRIBUTE_BYTES = regex.compile(_ATTRIBUTE.pattern.encode())


def _uncrowded(html: str | bytes) -> str | bytes:
    """The page with no element holding more than MAX_ATTRIBUTES attributes."""
    tag, attribute = (_CROWDED_TAG, _ATTRIBUTE) if isinstance(html, str) else (_CROWDED_TAG_BYTES, _ATTRIBUTE_BYTES)

    def cut(match: Any) -> Any:
        text = match.group()
        attributes = list(islice(attribute.finditer(text), MAX_ATTRIBUTES + 1))
        if len(attributes) <= MAX_ATTRIBUTES:
            return text
        return text[:attributes[MAX_ATTRIBUTES - 1].end()] + text[-1:]

    uncrowded: str | bytes = tag.sub(cut, html)
    return uncrowded


@dataclass(frozen=True)
class Extraction:
    """What trafilatura makes of a page, before the engine's pass: the text to clean and the
    page's metadata. `fallback`: trafilatura missed the article, the text is the page's whole
    visible text, cleaned by the full text engine."""

    text: str
    fallback: bool
    headline: str | None = None
    byline: str | None = None
    date: str | None = None
    whole: Article | None = None  # on a fallback: the text engine's article, cleaned once to decide


def extract(html: str | bytes, text_cleaner: Cleaner, url: str | None = None) -> Extraction | None:
    """trafilatura's reading of the page, or None when the page does not parse."""
    html = _SURROGATE.sub("\ufffd", html) if isinstance(html, str) else html  # lxml refuses a page holding one
    tree = load_html(html)
    if tree is None:
        return None
    meta = _meta(tree)
    headline, byline = page_headline(tree, meta), _author(meta)
    date = find_date(tree, extensive_search=False, original_date=True, url=url)  # before extraction prunes the tree
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    assert not isinstance(document, dict)  # as_dict is off: a Document or None
    text = (document.text if document is not None else None) or ""
    if len(text.strip()) < NEAR_NOTHING_CHARS:  # next to nothing: did trafilatura miss the article?
        visible = trafilatura.html2txt(html) or ""
        whole = text_cleaner.clean(visible, source=url)
        article_chars = sum(map(len, whole.body))
        if not text.strip() or (article_chars >= MIN_VISIBLE_CHARS and len(text) < MIN_EXTRACTED_SHARE * article_chars):
            return Extraction(visible, True, headline, byline, date, whole)
    return Extraction(text, False, headline, byline, date)


def clean_html(html: str | bytes, *, url: str | None = None, options: Options | None = None,
               cleaner: Cleaner | None = None) -> Article:
    """Clean one HTML page: the same `Article` as for text, with metadata from the page.

    `cleaner` (with its rules and options) is used when given, else one with the built-in rules.
    Raises ExtractionTimeout (a RecordError) for a page whose extraction takes too long.
    """
    text_cleaner = cleaner or default_cleaner(options or Options())
    with _time_limit(EXTRACTION_TIMEOUT_S):
        extraction = extract(_uncrowded(html), text_cleaner, url)
    if extraction is None:
        return _not_a_page(html, text_cleaner, url)
    if extraction.whole is not None:
        whole = extraction.whole
        return dataclasses.replace(whole, headline=extraction.headline or whole.headline, extraction="fallback")
    article = text_cleaner.for_extracted_text().clean(extraction.text, source=url)
    body = article.body
    if _title_again(body[:1], extraction.headline):
        body = body[1:]
    return dataclasses.replace(
        article,
        headline=extraction.headline or article.headline,
        date=article.date or extraction.date,
        byline=article.byline or extraction.byline,
        body=body,
        extraction="trafilatura",
    )


@dataclass(frozen=True)
class PageExplanation:
    """`explain` for a page: trafilatura's part summarized, then the engine's line by line."""

    extraction: Extraction | None
    visible_chars: int  # the page's whole visible text (trafilatura's html2txt, spaces collapsed)
    reports: list[LineReport]

    def summary(self) -> str:
        """trafilatura's own drops, as one line."""
        if self.extraction is None:
            return "page: not parseable as HTML; nothing to keep"
        if self.extraction.fallback:
            return (f"page: trafilatura kept next to nothing; the text engine reads the page's whole visible "
                    f"text ({self.visible_chars:,} characters)")
        kept = [r.text for r in self.reports if r.text]
        chars = len(" ".join(kept))
        dropped = max(0, self.visible_chars - chars)
        lines = f"{len(kept):,} line{'' if len(kept) == 1 else 's'}"
        return (f"page: trafilatura kept {lines}, {chars:,} of the page's {self.visible_chars:,} "
                f"visible characters; its extraction dropped {dropped:,} ({dropped / max(1, self.visible_chars):.0%})")

    def to_dict(self) -> dict[str, Any]:
        e = self.extraction
        return {
            "summary": self.summary(),
            "extraction": None if e is None else ("fallback" if e.fallback else "trafilatura"),
            "headline": e and e.headline, "date": e and e.date, "byline": e and e.byline,
            "visible_chars": self.visible_chars,
            "lines": [r.to_dict() for r in self.reports],
        }


def explain_html(html: str | bytes, *, url: str | None = None, cleaner: Cleaner | None = None) -> PageExplanation:
    """`Cleaner.explain` for a page: trafilatura's reading summarized, then a report for each line of
    the text it let through (of the whole visible text on a fallback), as `clean_html` decides them."""
    text_cleaner = cleaner or default_cleaner(Options())
    with _time_limit(EXTRACTION_TIMEOUT_S):
        extraction = extract(_uncrowded(html), text_cleaner, url)
    visible_chars = len(" ".join((trafilatura.html2txt(html) or "").split()))
    if extraction is None:
        return PageExplanation(None, visible_chars, [])
    engine = text_cleaner if extraction.fallback else text_cleaner.for_extracted_text()
    reports = engine.explain(extraction.text, source=url)
    if not extraction.fallback:
        first_body = next((i for i, r in enumerate(reports) if r.verdict == "body"), None)
        if first_body is not None and _title_again([reports[first_body].text], extraction.headline):
            reports[first_body] = dataclasses.replace(reports[first_body], verdict="headline", rule=TITLE_AGAIN)
    return PageExplanation(extraction, visible_chars, reports)


TITLE_AGAIN = "page-title"  # the first body line repeats the page's headline: it is the headline


def _title_again(first: Sequence[str], headline: str | None) -> bool:
    """The text starts by printing the page's title again."""
    return bool(headline and first and normalize(first[0]) == normalize(headline))


# How titles append the site's name: "Storm closes port | Harbour News".
_SITE_SEPARATOR = regex.compile(r"\s+[|–—·•»:-]\s+|\s+::\s+")


def page_headline(tree: HtmlElement, meta: dict[str, list[str]] | None = None) -> str | None:
    """The page's headline: an <h1> that the title (or og:title) names, else that title without the
    site's name, else the first <h1>."""
    h1s, title_texts = [], []
    meta = _meta(tree) if meta is None else meta
    for element in tree.iter("h1", "title"):  # one walk over the tree (each `//` XPath is one more)
        if element.tag == "h1":
            h1s.append(" ".join(" ".join(element.itertext()).split()))
        elif element.text:
            title_texts.append(element.text)
    h1s = [h for h in h1s if h]
    titles = [t for t in (*meta.get("property=og:title", []), *title_texts) if t and t.strip()]
    site = " ".join((meta.get("property=og:site_name") or [""])[0].split())
    title = _without_site(" ".join(titles[0].split()), site) if titles else None
    if title:
        for h1 in h1s:
            if normalize(h1) == normalize(title) or (len(h1) >= 15 and normalize(h1) in normalize(titles[0])):
                return h1
        return title
    return h1s[0] if h1s else None


def _without_site(title: str, site: str = "") -> str:
    """The title cut at the separators sites put before or after their name: the part that is not
    the site's name (og:site_name), the longest when that is unknown."""
    parts: list[str] = [p.strip() for p in _SITE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    named = [p for p in parts if normalize(p) != normalize(site)] if site else parts
    return max(named or parts, key=len)


def _meta(tree: HtmlElement) -> dict[str, list[str]]:
    """The content of the page's <meta> tags, by "property=..." and "name=...", in page order: one
    walk over the tree for all the metadata read here."""
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = element.get("content")
        if content is None:
            continue
        for attribute in ("property", "name"):
            if (value := element.get(attribute)) is not None:
                found.setdefault(f"{attribute}={value}", []).append(content)
    return found


def _author(meta: dict[str, list[str]]) -> str | None:
    names = meta.get("name=author") or meta.get("property=article:author")
    name = " ".join(names[0].split()) if names else ""
    return name if name and "://" not in name else None


_MARKUP = regex.compile(r"<[A-Za-z!/]")
_SURROGATE = regex.compile(r"[\ud800-\udfff]")  # lone ones (JSON's "\ud800"): no character, in no encoding


def _not_a_page(html: str | bytes, text_cleaner: Cleaner, url: str | None) -> Article:
    """What trafilatura refuses as no page: plain text is cleaned as text (`extraction` says "text"; it came
    back empty, without a word); a bare fragment ("<p>...</p>") is read again inside a page."""
    text = html.decode("utf-8", "replace") if isinstance(html, bytes) else html
    if not _MARKUP.search(text):
        return dataclasses.replace(text_cleaner.clean(text, source=url), extraction="text")
    if not text.lstrip().lower().startswith("<html"):
        return clean_html(f"<html><body>{text}</body></html>", url=url, cleaner=text_cleaner)
    return Article(extraction="fallback")  # a page that does not parse: an empty article, nothing to keep
