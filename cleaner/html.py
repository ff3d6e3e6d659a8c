"""HTML in: trafilatura finds the page's main content and metadata, the engine cleans what it lets through.

trafilatura sees the page's structure and drops most furniture; what it lets through (share bars,
newsletter boxes, "read more" teasers, captions, comment remnants) is what the rule packs know. Its
text is therefore cleaned in the engine's `extracted` mode: rules and their blocks only, no zones, as
the extractor already chose the article. The headline, date and author come from the page's
metadata. When trafilatura returns nothing, or much less than the text engine finds in the page's
whole visible text, that reading is taken instead, and `Article.extraction` says so.
"""

from __future__ import annotations

import dataclasses
import regex
import trafilatura
from htmldate import find_date
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from .article import Article
from .engine import Cleaner, Options
from .lines import normalize
from .record import default_cleaner

# trafilatura's text under this share of the article the text engine finds in the page's whole
# visible text, when that article is this long, means it missed the article: the text engine's
# reading is taken instead.
MIN_EXTRACTED_SHARE = 0.2
MIN_VISIBLE_CHARS = 2000
NEAR_NOTHING_CHARS = 250  # and only when trafilatura's text is shorter than this: measured on the dev
# set, a larger cut swaps trafilatura's short but right answers for whole pages of furniture


def clean_html(html: str | bytes, *, url: str | None = None, options: Options | None = None,
               cleaner: Cleaner | None = None) -> Article:
    """Clean one HTML page: the same `Article` as for text, with metadata from the page.

    `cleaner` (with its rules and options) is used when given, else one with the built-in rules.
    """
    text_cleaner = cleaner or default_cleaner(options or Options())
    extracted_cleaner = text_cleaner.for_extracted_text()
    tree = load_html(html)
    if tree is None:
        return Article(extraction="fallback")  # nothing parseable: an empty article, nothing to keep
    headline, byline = page_headline(tree), _author(tree)
    date = find_date(tree, extensive_search=False, original_date=True, url=url)  # before extraction prunes the tree
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False)
    text = (document.text if document is not None else None) or ""
    if len(text.strip()) < NEAR_NOTHING_CHARS:  # next to nothing: did trafilatura miss the article?
        whole = text_cleaner.clean(trafilatura.html2txt(html) or "", source=url)
        article_chars = sum(map(len, whole.body))
        if not text.strip() or (article_chars >= MIN_VISIBLE_CHARS and len(text) < MIN_EXTRACTED_SHARE * article_chars):
            return dataclasses.replace(whole, headline=headline or whole.headline, extraction="fallback")
    article = extracted_cleaner.clean(text, source=url)
    body = article.body
    if headline and body and normalize(body[0]) == normalize(headline):
        body = body[1:]  # the title printed again at the top of the text
    return dataclasses.replace(
        article,
        headline=headline or article.headline,
        date=article.date or date,
        byline=article.byline or byline,
        body=body,
        extraction="trafilatura",
    )


# How titles append the site's name: "Storm closes port | Harbour News".
_SITE_SEPARATOR = regex.compile(r"\s+[|–—·•»:-]\s+|\s+::\s+")


def page_headline(tree: HtmlElement) -> str | None:
    """The page's headline: an <h1> that the title (or og:title) names, else that title without the
    site's name, else the first <h1>."""
    h1s = [" ".join(" ".join(h.itertext()).split()) for h in tree.iter("h1")]
    h1s = [h for h in h1s if h]
    titles = [t for t in (*tree.xpath('//meta[@property="og:title"]/@content'), *tree.xpath("//title/text()"))
              if t and t.strip()]
    site = " ".join((tree.xpath('//meta[@property="og:site_name"]/@content') or [""])[0].split())
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
    parts = [p.strip() for p in _SITE_SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    named = [p for p in parts if normalize(p) != normalize(site)] if site else parts
    return max(named or parts, key=len)


def _author(tree: HtmlElement) -> str | None:
    names = tree.xpath('//meta[@name="author"]/@content') or tree.xpath('//meta[@property="article:author"]/@content')
    name = " ".join(names[0].split()) if names else ""
    return name if name and "://" not in name else None
