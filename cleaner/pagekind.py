"""Pages with no article: error pages, consent walls, search and tag pages, section fronts.

A page the engine is merely unsure about keeps its text. These pages are different: a line says what the
page is (a marker from pagekinds.toml) and no run of article prose stands on it. Their body is then empty and every line is reported as
removed, so that a pipeline can drop the record by its `no_article` field instead of keeping a menu as text.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from .article import Category
from .features import Label
from .page import Kind, Page

TOP_LINES = 12  # a page's top: its first non-blank lines, where error and search headings stand
ARTICLE_RUN = 3  # an article has this many prose paragraphs in a row somewhere; a list of teasers has one
# Past this many characters of prose (markers' lines aside; ~150 words), a marker is an aside on an article.
# Characters, not words: a line's length is known, its words are counted only when a pass needs them.
MAX_ARTICLE_CHARS = 900
# Both must hold: a short article under a consent banner has its paragraphs in a row, an error page's
# teaser list has many words but one summary at a time.
CONSENT_MIN = 2  # a consent wall prints several consent lines (text, buttons); one is a footer link
# A section front is a list of teasers: titles, each with a line or two of summary. The shape alone is not
# enough (on the development sets it also took slideshows and listicles, 18 of 3,117 renderings); with a
# marker of a list's paging ("Load more", "Older posts", "Page 2 of 9") it took none.
TEASERS_MIN = 4  # titles with a summary under them
TEASER_SHARE = 0.8  # of the page's sentences, in characters, that stand under a title
TEASER_MAX_CHARS = 400  # a summary is a sentence or two; an article's paragraph is often longer
TITLE_WORDS = (2, 20)  # the line above a summary: a title, not a label ("News") nor a paragraph
_PROSE = (Label.GOOD, Label.NEAR_GOOD)  # looked up once: an enum member costs ~0.2 us a lookup on Python 3.11


@dataclass(frozen=True)
class PageKind:
    """One kind of page with no article: its id (the `no_article` value and the rule of its removals)."""

    id: str
    category: Category
    top_only: bool
    other_prose: int  # characters of prose, the marked lines aside, that such a page may still hold
    teaser_list: bool  # its prose is a list of teasers (any amount of it), not other_prose characters of any shape
    pattern: regex.Pattern[str]  # the kind's patterns as one alternation

    def marks(self, norm: str) -> bool:
        return self.pattern.search(norm) is not None


@lru_cache(maxsize=1)
def kinds() -> tuple[PageKind, ...]:
    """The marker kinds of pagekinds.toml, compiled once, each kind's patterns into one alternation (they
    hold no backreference or inline flag, so it hits where one of them does): one search of a line instead
    of one per pattern, measured on 1,200 bench documents: the marker searches 0.048 -> 0.037 s."""
    data = tomllib.loads((Path(__file__).with_name("pagekinds.toml")).read_text(encoding="utf-8"))
    return tuple(PageKind(name, Category(spec["category"]), spec["where"] == "top", spec.get("other_prose", 0),
                          spec.get("shape") == "teaser-list", regex.compile("|".join(f"(?:{p})" for p in spec["patterns"]))) for name, spec in data.items())


def no_article(page: Page) -> str | None:
    """The kind of a page with no article, or None when it has one (or the engine is only unsure)."""
    nonblank = page.nonblank
    if not nonblank:
        return None
    # Prose: good and near-good lines (a short sentence, a piece of a long line cut at a sentence end).
    labels = page.labels
    prose = [i for i in nonblank if labels[i] in _PROSE]
    if _longest_run(nonblank, set(prose)) >= ARTICLE_RUN and _chars(page, prose) > 2 * MAX_ARTICLE_CHARS \
            and not _teaser_list(page, prose):
        return None  # the common case, an article, is decided without a regex
    teasers: bool | None = None  # whether the prose is a teaser list, worked out once and only when asked
    for kind in kinds():
        if kind.teaser_list:  # the shape first: it needs no regex, and most pages fail it
            if teasers is None:
                teasers = _teaser_list(page, prose)
            if teasers and any(kind.marks(page.lines[i].norm) for i in nonblank):
                return kind.id
            continue
        found = {i for i in (nonblank[:TOP_LINES] if kind.top_only else nonblank) if kind.marks(page.lines[i].norm)}
        if len(found) < (CONSENT_MIN if kind.category is Category.COOKIE else 1):
            continue
        rest = [i for i in prose if i not in found]  # the consent text itself reads as prose
        if _chars(page, rest) <= kind.other_prose and _longest_run(nonblank, set(rest)) < ARTICLE_RUN:
            return kind.id
    return None


def mark_no_article(page: Page, kind_id: str) -> None:
    """Every line the article would have kept (body and metadata) is removed under the page's kind."""
    category = next((k.category for k in kinds() if k.id == kind_id), Category.RELATED)
    for i in page.nonblank:
        v = page.verdicts[i]
        if v is None or v.kind is not Kind.REMOVED:
            page.remove(i, category, kind_id)


def _teaser_list(page: Page, prose: list[int]) -> bool:
    """Whether the page's prose is summaries under titles: enough of them, most of the prose, none long, and
    no run of sentences as an article's paragraphs make (a title, near-good prose too, ends no sentence)."""
    features, nonblank = page.features, page.nonblank
    if any((f := features[i]) is not None and f.chars > TEASER_MAX_CHARS for i in prose):
        return False
    sentences = _sentences(page, prose)
    if _longest_run(nonblank, set(sentences)) >= ARTICLE_RUN:
        return False
    previous = dict(zip(nonblank[1:], nonblank))
    summaries = [i for i in sentences if (title := previous.get(i)) is not None and _title(page, title)]
    # Each story's title is its own: a line printed twice ("#Ukraine #NATO" between paragraphs) is a widget.
    if len({page.lines[previous[i]].norm for i in summaries}) < len(summaries):
        return False
    return len(summaries) >= TEASERS_MIN and _chars(page, summaries) >= TEASER_SHARE * _chars(page, sentences)


def _title(page: Page, i: int) -> bool:
    """A line shaped like a story's title: a few words, no sentence end, and no widget a rule names ("Load
    more", hashtags): found by the property tests, where such lines stood over an article's paragraphs."""
    f = page.features[i]
    return (f is not None and not f.ends_sentence and page.hits[i] is None
            and TITLE_WORDS[0] <= len(page.lines[i].text.split()) <= TITLE_WORDS[1])


def _sentences(page: Page, prose: list[int]) -> list[int]:
    """The prose lines that end a sentence: paragraphs and summaries, not titles."""
    features = page.features
    return [i for i in prose if (f := features[i]) is not None and f.ends_sentence]


def _chars(page: Page, indexes: list[int]) -> int:
    features = page.features
    return sum(f.chars for i in indexes if (f := features[i]) is not None)


def _longest_run(nonblank: list[int], prose: set[int]) -> int:
    """The most prose lines in a row (blank lines between paragraphs do not break a run)."""
    best = current = 0
    for i in nonblank:
        current = current + 1 if i in prose else 0
        if current > best:  # not `max`: a call a line was a third of the no-article test (bench documents)
            best = current
    return best
