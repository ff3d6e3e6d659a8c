"""The document while it is being decided: its lines, their features, labels and rule hits, and
the verdicts so far. The passes in `heuristics`, `metadata`, `byline` and their like read a `Page` and mark its lines.

Building it also finds what only the whole page shows and every pass needs: the pieces of a
paragraph a scraper cut (judged whole), hard-wrapped prose, and lines inside a broken sentence.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from itertools import compress

import regex

from .article import Category
from .features import ALL_CLOSERS, Features, Label, known_features, text_features
from .language import stopwords
from .lines import MEMO_MAX_CHARS, Line, normalize
from .rules import Rule

SENTENCE_MIN_WORDS = 4  # a sentence-like short line at the edge of the article stays
UNSPACED_SENTENCE_MIN_CHARS = 10  # and in Chinese or Japanese, this many characters up to its "。"
_UNSPACED_ENDERS = ("。", "！", "？")
# A quotation opens with a quote mark or, in Nordic, Slavic, French and Spanish news style, with a
# dash and a space ("– Vi vill ..., säger hon."): both are passed over before the capital.
_OPENING_QUOTES = "\"'“„«‘‚‹([–— "
SENTENCE_INSIDE = regex.compile(r"\p{L}{2}[.!?] \p{Lu}")
# "o Item": a list bullet (inscriptis draws second-level items so), not a lower-case word.
_BULLET = regex.compile(r"\p{Ll} \p{Lu}")


class Kind(Enum):
    """Where a line ends up."""

    HEADLINE = "headline"
    DATELINE = "dateline"
    BYLINE = "byline"
    BODY = "body"
    REMOVED = "removed"


# Each `Label.X` costs a slow class lookup (see `features`): bound once for the methods called per line.
_GOOD = Label.GOOD


@dataclass(slots=True)
class Verdict:
    """What became of a line. Never changed once made, so one object may stand for many lines."""

    kind: Kind
    category: Category | None = None
    rule: str | None = None


# The verdict of a line kept in the body: shared, as most lines get it and building one is a call
# into Python (the dataclass's __init__).
KEPT = Verdict(Kind.BODY)


# jusText's stoplists hold frequent words ("city", "line", "announced"), not only function words; a short
# frequent word ("in", "of", "the", "der", "le") is a function word: the kind a headline never ends on.
FUNCTION_WORD_MAX_CHARS = 3


@dataclass
class Page:
    """The document while it is being decided: lines, their evidence, and verdicts so far."""

    lines: list[Line]
    features: list[Features | None]
    labels: list[Label]
    hits: list[Rule | None]
    stoplist: frozenset[str]
    verdicts: list[Verdict | None] = field(default_factory=list)
    no_article: str | None = None  # set when the page turns out to hold no article (pagekind.py)
    continues: list[bool] = field(default_factory=list)  # see `_continuations`; fixed once lines are labelled
    # Per line: a piece of a paragraph a scraper cut at its links (`Line.glued`: glued to the line
    # before, or the next is glued to it), or a line of a hard-wrapped paragraph of prose
    # (`_wrapped_groups`). Not a whole line: no menu item, repeated line, headline or date line.
    pieces: list[bool] = field(default_factory=list)
    in_sentence: list[bool] = field(default_factory=list)  # a piece of a cut sentence that, whole, reads as one
    nonblank: list[int] = field(default_factory=list)  # indexes of the non-blank lines: passes skip the blank ones
    digit_starts: list[int] = field(default_factory=list)  # indexes of the lines that start with a digit (`_numbered_list`)

    @classmethod
    def build(cls, lines: list[Line], hits: list[Rule | None], language: str | None) -> Page:
        stoplist = stopwords(language)
        feats = [None if not (text := line.text) else known_features(text, line.norm, stoplist)
                 if len(text) <= MEMO_MAX_CHARS else Features(text, line.norm, stoplist) for line in lines]
        hits = list(hits)
        blank, rule = Label.BLANK, Label.RULE  # an enum member costs a slow class lookup: once, not per line
        labels = [blank if f is None else rule if hit else f.label for f, hit in zip(feats, hits)]
        nonblank = list(compress(range(len(feats)), feats))  # picked out in C: Features are true, None is not
        # The few lines that start in lower case or with a digit, and the few glued ones (`Line.glued`):
        # the steps that need them start from these lists instead of reading every line.
        lower: list[int] = []
        digits: list[int] = []
        for i in nonblank:  # each first character read once
            first = lines[i].text[0]
            if first.islower():
                lower.append(i)
            if first.isdigit():
                digits.append(i)
        glued = [i for i in nonblank if lines[i].joiner is not None]
        in_sentence = [False] * len(lines)
        for group in _glued_groups(glued):
            text, whole = _label_as_one(group, lines, labels, hits, stoplist)
            if _reads_as_sentence(text, whole):
                for i in group:
                    in_sentence[i] = True
        pieces = [False] * len(lines)
        for i in glued:  # a glued line and the one it is glued to
            pieces[i - 1] = pieces[i] = True
        for group in _wrapped_groups(lines, feats, hits, lower):
            if _label_as_one(group, lines, labels, hits, stoplist)[1].label is Label.GOOD:
                for i in group:
                    pieces[i] = True
        page = cls(lines, feats, labels, hits, stoplist, [None] * len(lines))
        page.nonblank = nonblank
        page.digit_starts = digits
        page.continues = _continuations(lines, feats, nonblank, lower)
        page.pieces = pieces
        page.in_sentence = in_sentence
        return page

    def open(self, i: int) -> bool:
        """A non-blank line nothing has decided yet."""
        return self.verdicts[i] is None and self.features[i] is not None  # no features: blank (cheaper than an enum)

    def remove(self, i: int, category: Category, rule: str) -> None:
        self.verdicts[i] = Verdict(Kind.REMOVED, category, rule)

    def good(self, i: int) -> bool:
        return self.labels[i] is _GOOD and self.verdicts[i] is None

    def function_word(self, word: str) -> bool:
        """A short word of the page's stoplist (`FUNCTION_WORD_MAX_CHARS`): an article, a preposition."""
        return len(word) <= FUNCTION_WORD_MAX_CHARS and word.casefold() in self.stoplist

    def goods(self, start: int = 0, stop: int | None = None) -> list[int]:
        labels, verdicts, good = self.labels, self.verdicts, Label.GOOD  # `good` inlined: passes call this often
        nonblank = self.nonblank
        stop_at = len(nonblank) if stop is None else bisect_left(nonblank, stop)
        return [i for i in nonblank[bisect_left(nonblank, start):stop_at] if labels[i] is good and verdicts[i] is None]

    def next_good(self, start: int) -> int | None:
        """The first good undecided line from `start` on (stops there)."""
        labels, verdicts, good = self.labels, self.verdicts, Label.GOOD
        nonblank = self.nonblank
        for i in nonblank[bisect_left(nonblank, start):]:
            if labels[i] is good and verdicts[i] is None:
                return i
        return None

    def any_good(self, start: int) -> bool:
        """Is there a good undecided line from `start` on? (Stops at the first.)"""
        return self.next_good(start) is not None

    def sentence_like(self, i: int) -> bool:
        """A short line that reads as a sentence: capital start (after an opening quote), several
        words, sentence end."""
        f = self.features[i]
        return f is not None and f.ends_sentence and (sentence_shaped(self, i) or _unspaced_sentence(self, i))


def _unspaced_sentence(page: Page, i: int) -> bool:
    """"…を発表した。", "…的约会软件。": a line of a script without capitals or spaces between words that ends on
    its full-width full stop; a label, a menu item or a headline does not end so."""
    text = page.lines[i].text.rstrip(ALL_CLOSERS)
    return text.endswith(_UNSPACED_ENDERS) and len(text) >= UNSPACED_SENTENCE_MIN_CHARS and not page.features[i].linkish  # type: ignore[union-attr]


def capital_start(text: str) -> bool:
    """Starts in capitals, after an opening quote or dash: a sentence may start there."""
    return text.lstrip(_OPENING_QUOTES)[:1].isupper()


def sentence_shaped(page: Page, i: int) -> bool:
    """Several words, a capital start (after an opening quote), no link: a sentence but for its end."""
    f = page.features[i]
    return (f is not None and f.words >= SENTENCE_MIN_WORDS
            and page.lines[i].text.lstrip(_OPENING_QUOTES)[:1].isupper() and not f.linkish)


def _glued_groups(glued: list[int]) -> list[list[int]]:
    """Runs of lines that a scraper cut out of one paragraph at inline elements (`glued`: the indexes
    of the `Line.glued` lines)."""
    groups: list[list[int]] = []
    for i in glued:
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i - 1, i])
    return groups


def _reads_as_sentence(text: str, f: Features) -> bool:
    """`Page.sentence_like` with a stopword (`_closing_line`), for the text of a sentence cut into pieces."""
    return (f.ends_sentence and f.words >= SENTENCE_MIN_WORDS and f.stopword_density > 0
            and text.lstrip(_OPENING_QUOTES)[:1].isupper() and not f.linkish)


def _wrapped_groups(lines: list[Line], feats: list[Features | None], hits: list[Rule | None],
                    lower: list[int]) -> list[list[int]]:
    """Runs of lines that hard-wrapped text (fixed-width pages, `<pre>` blocks, mailing-list posts)
    breaks one paragraph into: each line starts in lower case right under one that does not end a
    sentence. No rule hit any of them, and none is a piece of a cut or long line. (`lower`: the
    indexes of the lines that start in lower case.)"""
    groups: list[list[int]] = []
    for i in lower:
        before, line, f = lines[i - 1], lines[i], feats[i - 1]
        if (i == 0 or f is None or line.joiner is not None or f.ends_sentence or _BULLET.match(line.text)
                or hits[i] is not None or hits[i - 1] is not None or before.whole is not None or line.whole is not None):
            continue
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i - 1, i])
    return groups


def _label_as_one(group: list[int], lines: list[Line], labels: list[Label], hits: list[Rule | None],
                  stoplist: frozenset[str]) -> tuple[str, Features]:
    """A paragraph cut into pieces is judged whole: when it reads as prose, every piece is good
    prose, and a rule that hits one piece (a linked country name) does not count: rules describe
    whole lines. When it reads as a near-good line, its short pieces are no menu items. Returns the
    whole's text and features."""
    text = " ".join(lines[i].text for i in group)
    f = text_features(text, normalize(text), stoplist)
    whole = f.label
    for i in group:
        if whole is Label.GOOD:
            labels[i] = Label.GOOD
            hits[i] = None
        elif whole is Label.NEAR_GOOD and labels[i] is Label.SHORT:
            labels[i] = Label.NEAR_GOOD
    return text, f



def several_sentences(page: Page, i: int) -> bool:
    """Two sentences or more: one ends inside the line and the line ends like a sentence."""
    f = page.features[i]
    return f is not None and f.ends_sentence and bool(SENTENCE_INSIDE.search(page.lines[i].text))



def _continuations(lines: list[Line], feats: list[Features | None], nonblank: list[int], lower: list[int]) -> list[bool]:
    """Per line: is it inside a sentence a scraper broke? The nearest non-blank line before it (at
    most 3 lines up) stops mid-sentence, and this line or the nearest one after it (at most 3 lines
    down) starts in lower case. (`lower`: the indexes of the lines that start in lower case.)"""
    result = [False] * len(lines)
    # So only a line that starts in lower case, or the nearest line above it, can be one. Few lines
    # start so, and each is found among the non-blank lines by bisection.
    for j in lower:
        k = bisect_left(nonblank, j)  # nonblank[k] is j
        for p in (k, k - 1):  # j itself; the line above, when j is at most 3 lines under it
            if p < 1 or j - nonblank[p] > 3:
                continue
            i, before = nonblank[p], nonblank[p - 1]
            if i - before <= 3 and not feats[before].ends_sentence and not lines[before].text.endswith(":"):  # type: ignore[union-attr]
                result[i] = True
    return result


@dataclass(frozen=True)
class Heuristic:
    """A pass that removes lines by what it sees rather than by a pattern: its id is the `Removal.rule` of
    what it removes, so `cleaner rules ID` and `explain` can say why a line went."""

    id: str
    category: Category | None  # None: the category of the widget or rule it follows
    description: str
    function: Callable[..., object] | None = None  # the pass that decides (None: a page kind, see `pagekind`)
    # The verdict of a line it removes, made once: verdicts are never changed, so one serves every line.
    removal: Verdict = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "removal", Verdict(Kind.REMOVED, self.category, self.id))
