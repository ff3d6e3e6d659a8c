"""HTML in: trafilatura finds the page's main content and metadata, the engine cleans what it lets through.

trafilatura sees the page's structure and drops most furniture; what it lets through (share bars,
newsletter boxes, "read more" teasers, captions, comment remnants) is what the rule packs know. Its
text is therefore cleaned in the engine's `extracted` mode: rules and their blocks only (and teasers
before a bare "Read more" link), no zones, as the extractor already chose the article; a byline line
at its top goes into `byline`, as in text mode, and each line of the page trafilatura left out is
reported as an `extraction` removal. The headline (the heading the page prints), date and author come
from the page's metadata. When trafilatura returns nothing, or much less than the text engine finds in
the page's whole visible text (read line by line), that reading is taken instead, and
`Article.extraction` says so.
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
import lxml.html
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_author, extract_meta_json
from trafilatura.utils import HTML_PARSER, load_html

from .article import Article, Category, RecordError, Removal
from .dates import is_dateline, iso_date
from .defaults import default_cleaner
from .engine import DATELINE_REACH, Cleaner, LineReport, Options, site_of
from .language import detect_lines, pack_of
from .lines import normalize

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
_REFIRE_S = 0.5  # past the limit, the timer fires again this often until the block is left


class ExtractionTimeout(RecordError):
    """A page whose extraction ran past EXTRACTION_TIMEOUT_S."""


class _Expired(BaseException):
    """Raised by the timer: not an Exception, which trafilatura's own handlers would swallow."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise ExtractionTimeout from the block past `seconds`. Signals reach the main thread only: in
    another thread, or under a timer someone else set, the block runs unbounded. Past the limit the
    timer fires again every _REFIRE_S: its exception can land in a callback whose error Python only
    prints (a gc callback), and the block would then run on unbounded."""
    if (not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):
        yield
        return
    expired, armed = False, True

    def expire(signum: int, frame: Any) -> None:
        nonlocal expired
        if armed:
            expired = True
            raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, _REFIRE_S)
    try:
        yield
    except _Expired:
        pass
    finally:
        armed = False
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
    # The lines of the page's visible text that trafilatura left out, with their numbers in it.
    dropped: tuple[tuple[int, str], ...] = ()


class TooDeep(RecordError):
    """A page nested deeper than the HTML parser reads: its article would be lost without a word."""


# libxml2 stops building the tree at 256 levels of nesting and drops what lies deeper, the article with it
# (exit 0, empty body). With `huge_tree` it reads 2,048; deeper than that, the page is an error.
_DEEP_PARSER = lxml.html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                                    remove_comments=True, remove_pis=True, huge_tree=True)


def _parsed(html: str | bytes) -> HtmlElement | None:
    """The page's tree as trafilatura parses it; a page it cut for its depth, parsed again whole."""
    tree = load_html(html)
    if not _cut_for_depth(HTML_PARSER):
        return tree
    tree = lxml.html.fromstring(html.encode("utf-8", "replace") if isinstance(html, str) else html, parser=_DEEP_PARSER)
    if _cut_for_depth(_DEEP_PARSER):
        raise TooDeep("HTML nested deeper than 2,048 elements: the parser cannot read it whole "
                      "(flatten the page, or extract its text with another tool)")
    return tree


def _cut_for_depth(parser: lxml.html.HTMLParser) -> bool:
    return any("Excessive depth" in error.message for error in parser.error_log)


def extract(html: str | bytes, text_cleaner: Cleaner, url: str | None = None) -> Extraction | None:
    """trafilatura's reading of the page, or None when the page does not parse."""
    html = _SURROGATE.sub("\ufffd", html) if isinstance(html, str) else html  # lxml refuses a page holding one
    tree = _parsed(html)
    if tree is None:
        return None
    meta = _meta(tree)
    headline, byline = page_headline(tree, meta, url), _trafilatura_author(tree) or _author(meta)
    lines = visible_lines(tree)
    byline = _printed_byline(byline, lines)
    # The date as htmldate finds it in the markup, else the date line printed by the headline, else
    # htmldate's search of the page's text (a one-off cost of ~1.5 s a process, in dateparser's start;
    # it takes the oldest date it sees, a teaser's as soon as one is), unless all it found is a year.
    date = find_date(tree, extensive_search=False, original_date=True, url=url) or _dated_by(headline, lines)
    if date is None:
        found = find_date(tree, extensive_search=True, original_date=True, url=url)
        date = None if found is None or found.endswith(YEAR_ONLY) else found
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    assert not isinstance(document, dict)  # as_dict is off: a Document or None
    text = (document.text if document is not None else None) or ""
    if len(text.strip()) < NEAR_NOTHING_CHARS:  # next to nothing: did trafilatura miss the article?
        visible = "\n".join(lines)
        whole = text_cleaner.clean(visible, source=url)
        article_chars = sum(map(len, whole.body))
        if not text.strip() or (article_chars >= MIN_VISIBLE_CHARS and len(text) < MIN_EXTRACTED_SHARE * article_chars):
            return Extraction(visible, True, headline, byline, date, whole)
    return Extraction(text, False, headline, byline, date, dropped=left_out(lines, text, (headline, byline)))


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
        headline = extraction.headline or whole.headline
        return dataclasses.replace(
            whole, headline=headline, subheadline=whole.subheadline if headline == whole.headline else None,
            date=whole.date or extraction.date, byline=whole.byline or extraction.byline, extraction="fallback")
    article = text_cleaner.for_extracted_text().clean(extraction.text, source=url)
    body = list(article.body)
    if _title_again(body[:1], extraction.headline):
        del body[0]
    byline = article.byline
    if (found := byline_at_top(body, text_cleaner, article.language, url)) is not None:
        byline = byline or body[found[0]]
        del body[found[0]]
    return dataclasses.replace(
        article,
        headline=extraction.headline or article.headline,
        date=article.date or extraction.date,
        byline=byline or extraction.byline,
        body=tuple(body),
        removed=(*(Removal(n, line, Category.EXTRACTION, LEFT_OUT) for n, line in extraction.dropped), *article.removed),
        extraction="trafilatura",
    )


LEFT_OUT = "trafilatura"  # the rule id of a line trafilatura's extraction left out
SHORT_LINE_CHARS = 20  # letters and digits: a shorter line is kept only when a kept line is just it


def left_out(visible: Sequence[str], text: str, metadata: Sequence[str | None] = ()) -> tuple[tuple[int, str], ...]:
    """The lines of the page's visible text that are not in trafilatura's text, numbered from 1 in
    it; the headline and byline lines (given again as the page's metadata) are not among them. Compared by letters
    and digits alone, as trafilatura marks list items and table cells. A line is in the text when a
    line of it is that line; a line long enough not to be met by chance, also when the text holds it
    or it holds the start of a line of the text (trafilatura kept part of it: a paragraph without
    its "read more" link)."""
    kept = [_letters(line) for line in text.splitlines()]
    kept_lines = set(kept)
    kept_text = "\n".join(kept)
    starts = {line[:SHORT_LINE_CHARS] for line in kept if len(line) >= SHORT_LINE_CHARS}
    given = {_letters(line) for line in metadata if line}
    dropped = []
    for number, line in enumerate(visible, 1):
        letters = _letters(line)
        if not letters or letters in given or letters in kept_lines:
            continue
        if len(letters) < SHORT_LINE_CHARS or not (
            letters in kept_text
            or any(letters[i:i + SHORT_LINE_CHARS] in starts for i in range(len(letters) - SHORT_LINE_CHARS + 1))
        ):
            dropped.append((number, line))
    return tuple(dropped)


def _letters(text: str) -> str:
    letters: str = _NOT_LETTER.sub("", text)
    return letters.casefold()


_NOT_LETTER = regex.compile(r"[^\p{L}\p{N}]+")


# Elements whose text is not shown, and elements that start a line of their own (HTML's block-level
# and table elements, list items, line breaks): what a browser would print as separate lines.
_UNSHOWN = frozenset("head script style noscript template svg math iframe object embed canvas select".split())
_BLOCK = frozenset(
    "address article aside blockquote body br caption dd details dialog div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr html legend li main nav ol p pre section summary table tbody td "
    "tfoot th thead tr ul".split())


def visible_lines(tree: HtmlElement) -> list[str]:
    """The page's visible text, one line per block (paragraph, heading, list item, cell, menu entry),
    spaces collapsed, blank lines left out: what trafilatura chose from, line by line."""
    lines: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if line := " ".join("".join(run).split()):
            lines.append(line)
        run.clear()

    walk = etree.iterwalk(tree, events=("start", "end"))
    for event, element in walk:
        tag = element.tag if isinstance(element.tag, str) else None  # comments and processing instructions: None
        if event == "start":
            if tag in _UNSHOWN or tag is None:
                walk.skip_subtree()
                continue
            if tag in _BLOCK:
                flush()
            run.append(element.text or "")
            continue
        if tag in _BLOCK:
            flush()
        run.append(element.tail or "")
    flush()
    return lines


HEAD_REACH = 3  # paragraphs at the top of trafilatura's text where the byline line stands


def byline_at_top(paragraphs: Sequence[str], cleaner: Cleaner, language: str | None,
                  url: str | None = None) -> tuple[int, str] | None:
    """The byline line among the first paragraphs of the text ("By Jane Doe, Transport Correspondent",
    "Von Erika Muster"), as the byline rules know it: its index and the rule's id. The text engine
    takes such a line out of the body into `byline`; in trafilatura's text it is the same line."""
    top = list(paragraphs[:HEAD_REACH])
    hits = cleaner.rules.first_hits([normalize(p) for p in top], pack_of(language), site_of(url))
    return next(((i, rule.id) for i, rule in enumerate(hits) if rule is not None and rule.category is Category.BYLINE), None)


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
        kept = [r.text for r in self.reports if r.text and r.verdict != Category.EXTRACTION.value]
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
        body = [i for i, r in enumerate(reports) if r.verdict == "body"]
        if body and _title_again([reports[body[0]].text], extraction.headline):
            reports[body[0]] = dataclasses.replace(reports[body[0]], verdict="headline", rule=TITLE_AGAIN)
            del body[0]
        language = engine.options.language or detect_lines(r.text for r in reports)
        if (found := byline_at_top([reports[i].text for i in body], text_cleaner, language, url)) is not None:
            i, rule = body[found[0]], found[1]
            reports[i] = dataclasses.replace(reports[i], verdict="byline", rule=rule)
        reports = [LineReport(n, line, Category.EXTRACTION.value, LEFT_OUT, label="") for n, line in extraction.dropped] + reports
    return PageExplanation(extraction, visible_chars, reports)


TITLE_AGAIN = "page-title"  # the first body line repeats the page's headline: it is the headline


def _title_again(first: Sequence[str], headline: str | None) -> bool:
    """The text starts by printing the page's title again."""
    return bool(headline and first and normalize(first[0]) == normalize(headline))


# How titles append the site's name: "Storm closes port | Harbour News".
_SITE_SEPARATOR = regex.compile(r"\s+[|–—·•»:-]\s+|\s+::\s+")


def page_headline(tree: HtmlElement, meta: dict[str, list[str]] | None = None, url: str | None = None) -> str | None:
    """The page's headline: the heading it prints (<h1>) over the title it gives search engines and
    social sites (og:title, <title>), which often is a shorter or older wording; the title, without
    the site's name, when no <h1> is the article's. Of several <h1>, the one the title names. Not the
    article's: a heading that is the site's name or logo, one printed twice (a sticky header's copy),
    one that shares no word with the title (a widget's or a section's label)."""
    h1s: list[tuple[str, bool]] = []
    title_texts = []
    meta = _meta(tree) if meta is None else meta
    for element in tree.iter("h1", "title"):  # one walk over the tree (each `//` XPath is one more)
        if element.tag == "h1":
            h1s.append((" ".join("".join(element.itertext()).split()), _logo(element)))
        elif element.text:
            title_texts.append(element.text)
    titles = [" ".join(t.split()) for t in (*meta.get("property=og:title", []), *title_texts) if t and t.strip()]
    names = _site_names(meta, url)
    title = _without_site(titles[0], names) if titles else None
    printed = [normalize(h) for h, _ in h1s]
    title_words = _words(" ".join(titles))
    headings = [h for h, logo in h1s if h and not logo and printed.count(normalize(h)) == 1
                and not _site_name(h, names) and (not titles or _words(h) & title_words)]
    if title:
        for h1 in headings:
            if normalize(h1) == normalize(title) or (len(h1) >= 15 and normalize(h1) in normalize(titles[0])):
                return h1
    return headings[0] if headings else title


LOGO_REACH = 2  # the heading and its parent: a logo's class sits on them (further up, it names a layout)
SITE_HEADING_MAX_WORDS = 4  # "Daily Example Logo": the site's name and a word or two of the logo's label


def _logo(element: HtmlElement) -> bool:
    """A heading that holds the site's logo: it or its parent is classed or named "logo"."""
    return any("logo" in f"{e.get('class') or ''} {e.get('id') or ''}".casefold()
               for e, _ in zip((element, *element.iterancestors()), range(LOGO_REACH)))


def _site_names(meta: dict[str, list[str]], url: str | None) -> set[str]:
    """The site's names, without spaces: what its meta tags call it, its domain and the domain's name."""
    names = {*meta.get("property=og:site_name", []), *meta.get("name=application-name", [])}
    host = site_of(url) or ""
    if host.count(".") >= 1:
        names.update((host, host.split(".")[-2]))
    return {n for n in (normalize(name).replace(" ", "") for name in names) if n}


def _site_name(text: str, names: set[str]) -> bool:
    """Does the text print the site's name, alone or before a word or two ("Daily Example Logo")?"""
    words = normalize(text).split()
    if "".join(words) in names:
        return True
    return len(words) <= SITE_HEADING_MAX_WORDS and any("".join(words[:k]) in names for k in range(1, len(words)))


SHARED_WORD_MIN_CHARS = 3  # shorter words ("of", "le") are shared by chance


def _words(text: str) -> set[str]:
    """The words of a text that can tie a heading to a title: words of three letters or more, and
    each pair of adjacent letters in scripts written without spaces."""
    words = {w for w in _WORD.findall(normalize(text)) if len(w) >= SHARED_WORD_MIN_CHARS}
    for run in _UNSPACED_RUN.findall(text):
        words.update(run[i:i + 2] for i in range(len(run) - 1))
    return words


_WORD = regex.compile(r"[\p{L}\p{N}]+")
_UNSPACED_RUN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]{2,}")


def _without_site(title: str, names: set[str]) -> str:
    """The title cut at the separators sites put before or after their name: the longest part that
    is not the site's name."""
    parts: list[str] = [p.strip() for p in _SITE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    named = [p for p in parts if not _site_name(p, names)]
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


def _trafilatura_author(tree: HtmlElement) -> str | None:
    """The author as trafilatura's metadata gives it (meta tags, JSON-LD, byline elements), its
    other fields (categories, licence, ...) not worked out: half the cost of `extract_metadata`."""
    found = examine_meta(tree)
    if found.author and " " not in found.author:  # as extract_metadata: one word ("admin") is no name
        found.author = None
    return extract_meta_json(tree, found).author or extract_author(tree)


# htmldate's search of the text reads a year alone ("© 2024") as its 1 January: no date; on the metadata
# set every such date was wrong.
YEAR_ONLY = "-01-01"


def _dated_by(headline: str | None, lines: Sequence[str]) -> str | None:
    """The ISO date of the date line nearest the headline in the page's visible text, within the
    reach the text engine looks for a dateline in ("4 March 2025" under the heading)."""
    at = next((i for i, line in enumerate(lines) if headline and normalize(line) == normalize(headline)), None)
    if at is None:
        return None
    near = sorted(range(max(0, at - DATELINE_REACH), min(len(lines), at + DATELINE_REACH + 1)), key=lambda i: abs(i - at))
    return next((iso for i in near if is_dateline(lines[i]) and (iso := iso_date(lines[i]))), None)


BYLINE_LINE_MAX_WORDS = 12  # "By Jane Roe, Staff Writer | March 4, 2025, 9:14 am": a byline line, not prose
BYLINE_LEAD_MAX_CHARS = 20  # letters before the name: "By", "Posted by", a date; not a breadcrumb


def _printed_byline(author: str | None, lines: Sequence[str]) -> str | None:
    """The page's own byline line for the author that its metadata names: the first short line of
    its visible text that prints the name near its start ("By T.C. Roe, Staff Writer"), verbatim,
    where the metadata's form drops the periods of initials or glues a date word on. Else the name."""
    key = _letters(author or "")
    if not key:
        return author
    for line in lines:
        if len(line.split()) <= BYLINE_LINE_MAX_WORDS and 0 <= _letters(line).find(key) <= BYLINE_LEAD_MAX_CHARS:
            return line
    return author


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
