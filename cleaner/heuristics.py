"""Named, small decisions over lines: features, a context-free label, then passes that use context.

The shape follows jusText: each line first gets a label from its own features (good prose,
near-good, short, or hit by a rule), then passes revise lines from their neighbours and their
position (the zone before the article, the article, the tail after it). Every pass that removes
a line names itself in the `Verdict`, and that name is what `Removal.rule` and `explain` show.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from collections.abc import Collection
from itertools import accumulate, compress
import re
from enum import Enum

import regex

from .article import Category
from .dates import date_in
from .language import line_tokens, stopwords
from .lines import CLOSERS, MEMO_MAX_CHARS, Line, known, normalize
from .rules import Action, Rule

# Thresholds (characters, shares). A good line is prose: long enough and dense in stopwords,
# like jusText's good paragraphs; 0.20 rather than jusText's 0.30 because single scraped lines
# are shorter than its HTML paragraphs. A short line has too little text to judge on its own.
GOOD_MIN_CHARS = 80
GOOD_MIN_STOPWORDS = 0.20
LONG_PROSE_CHARS = 150  # this long and ending like a sentence: prose, whatever the stoplist says
SHORT_MAX_CHARS = 40
SENTENCE_MIN_WORDS = 4  # a sentence-like short line at the edge of the article stays
BLOCK_MAX_LINES = 20  # a widget block (drop-block) never runs longer than this
RUN_MIN_LINES = 3  # short title-case lines in a row this long are a menu or a list of links
RUN_MIN_TITLE_CASE = 0.6
CAPTION_MIN_CHARS = 60  # a line this long that stops mid-sentence under a headline is a cut caption
HEADING_MAX_WORDS = 12  # a subheading in the article's last part
REPEATED_MENU_MAX_WORDS = 2  # a repeated line this short is a menu or section word, its first print too
COMMENTS_ARTICLE_SHARE = 0.3  # good text before a comment opener, relative to after, to cut there
# Fitted on the development set (F1 by gap 4/5/6/8/10 and share 0.2/0.3/0.4/0.6; recall falls
# fast below a gap of 5). A cluster this far from the others, and this much smaller than the
# largest, is a sidebar or footer.
CLUSTER_GAP_LINES = 5
CLUSTER_KEEP_SHARE = 0.3
# Within the last cluster, a final group of good lines after two or more unpunctuated lines,
# under a tenth of the largest cluster, is a footer sentence ("Download our app for iOS and
# Android."). Fitted on the dev set: gaps 1/2/3, shares 0.06/0.1/0.13/0.15/0.2.
FOOTER_GAP_LINES = 2
FOOTER_MAX_SHARE = 0.1
MORE_LINK_RULES = "-nav-more-links"  # the packs' rules for a bare "Read more" / "Weiterlesen" link
# A list article ("the ten best...", "40 costume ideas") prints numbered headings in sequence, each
# over its own prose: this many items in a row make the whole list one article, however far apart.
LIST_MIN_ITEMS = 3
LIST_ITEM_MAX_CHARS = 100  # a numbered heading, not a numbered paragraph

# A reader comment's stamp: a short line with a date and a clock time ("4. November 2023 um 9:29 Uhr",
# "Jane on May 5, 2024 at 3:12 pm said:", "17.10.2019, 14:14 Reply Quote"). Two of them after the
# article's opening paragraphs start a comment thread; one may be the article's own dateline.
STAMP_MAX_CHARS = 80
THREAD_MIN_STAMPS = 2
THREAD_MIN_GOODS_BEFORE = 2  # good paragraphs before the first stamp: the article, not a list of posts
THREAD_MAX_GAP = 12  # non-blank lines from one comment's stamp to the next
# Good text above the thread, relative to below it: comments may outweigh the article several times,
# but a page whose prose mostly follows the stamps has its article there (reviews above a guide).
THREAD_ARTICLE_SHARE = 0.1
_CLOCK_TIME = regex.compile(r"(?<![\d:])(?:[01]?\d|2[0-3])(?::[0-5]\d|h[0-5]\d)(?![\d:])")

# A line of archive months or categories with their post counts ("Januar 2020 (4) Dezember 2019 (3)
# ...", "Fotografie (615) Reisen (48) ..."): this many counts in one line.
COUNTED_LIST_MIN_COUNTS = 4
_POST_COUNT = regex.compile(r"\w\s?\(\d{1,5}\)")

# Teasers of other stories are cut to a fixed length and end in an ellipsis ("... bei solide..."):
# lines this long that end so, this many within `TRUNCATED_WINDOW` non-blank lines of each other,
# are a teaser list. An article ends a paragraph so now and then, seldom two close together.
TRUNCATED_MIN_CHARS = 40
TRUNCATED_MIN_LINES = 2
TRUNCATED_WINDOW = 2
_ELLIPSES = ("…", "...")

# A line ends like a sentence, or at least with punctuation (`terminal`), by its last character
# before any closing quotes and brackets. Lines are trimmed, so no space follows them.
_SENTENCE_ENDERS = frozenset(".!?…。！？")  # with the full-width marks of Chinese and Japanese
_TERMINATORS = frozenset(".!?…:;。！？：；")
_CLOSERS = CLOSERS + "」』）】》〉"  # and the full-width closing quotes and brackets
# A line mostly in Chinese, Japanese or Korean script says in one character what a Latin-script line
# says in about three (a Japanese news paragraph runs 60-150 characters): its length counts so.
CJK_CHAR_WEIGHT = 3
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
# A character from U+3000 on (no CJK character comes before it): a line without one is not CJK. A
# regex search, not `max(text) >= "\u3000"`: measured 0.017 s against 0.11 s on 20,000 non-ASCII devset
# lines, where `max` makes a string of each character.
_CJK_POSSIBLE = regex.compile("[\u3000-\U0010FFFF]")
# A word (as str.split() cuts them) that starts with a capital letter.
_CAPITALIZED = regex.compile(r"(?<![^\s\x1c-\x1f])\p{Uppercase}")
# A smiley after a word, as blogs and posts end their sentences ("... 😉", "... :)"); matched on a
# line's last characters only.
_SMILEY_END = regex.compile(r"\p{L}[.!?…]? ?(?:[\U0001F600-\U0001F64F\U0001F910-\U0001F92F\U0001F970-\U0001F97A]|[:;]-?[)(PpD])$")
_SMILEY_LAST = frozenset(")(PpD")
# A quotation opens with a quote mark or, in Nordic, Slavic, French and Spanish news style, with a
# dash and a space ("– Vi vill ..., säger hon."): both are passed over before the capital.
_OPENING_QUOTES = "\"'“„«‘‚‹([–— "
_SENTENCE_INSIDE = regex.compile(r"\p{L}{2}[.!?] \p{Lu}")
_INNER_SENTENCE_END = regex.compile(r"\p{Ll}{2}[.!?] \p{Lu}|\d{4}[.!?] \p{Lu}")
# "o Item": a list bullet (inscriptis draws second-level items so), not a lower-case word.
_BULLET = regex.compile(r"\p{Ll} \p{Lu}")
# "7. Name", "10) Title", "8.Name": a number, a full stop or bracket, then a word.
_LIST_ITEM = regex.compile(r"^(\d{1,3}) ?[.)] *\p{L}")
# The standard library's engine: over twice as fast as `regex` on this literal-led alternation.
_LINKISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b|@\w|#\w")


class Label(Enum):
    """Context-free label of a line (jusText's classes, plus a rule hit)."""

    BLANK = "blank"
    RULE = "rule"
    GOOD = "good"
    NEAR_GOOD = "near-good"
    SHORT = "short"


class Kind(Enum):
    """Where a line ends up."""

    HEADLINE = "headline"
    DATELINE = "dateline"
    BYLINE = "byline"
    BODY = "body"
    REMOVED = "removed"


class Features:
    """What a line says about itself; `explain` prints these.

    The word-level figures (tokens, stopwords, capitalized words) cost most, and most lines never
    need them: a long line that ends like a sentence is prose on its length alone. They are worked
    out on first use. The line's `label` is kept with them: a remembered line is labelled once.
    """

    __slots__ = ("chars", "ends_sentence", "terminal", "label", "_text", "_norm", "_stoplist",
                 "_words", "_stopword_density", "_title_case", "_linkish")

    def __init__(self, text: str, norm: str, stoplist: frozenset[str]) -> None:
        self.chars = len(text)
        if not text.isascii() and _CJK_POSSIBLE.search(text) and len(_CJK.findall(text)) * 2 >= self.chars:
            self.chars *= CJK_CHAR_WEIGHT
        last = text.rstrip(_CLOSERS)[-1:]  # a string method where two regex searches cost several times more
        self.ends_sentence = last in _SENTENCE_ENDERS or _ends_in_smiley(text)
        self.terminal = last in _TERMINATORS
        self._text, self._norm, self._stoplist = text, norm, stoplist
        self._words: int | None = None
        self._stopword_density = 0.0
        self._title_case: float | None = None
        self._linkish: bool | None = None
        self.label = label(self)

    @property
    def linkish(self) -> bool:
        """Holds a URL, a domain, a handle or a hashtag."""
        if self._linkish is None:
            self._linkish = _LINKISH.search(self._text) is not None
        return self._linkish

    @property
    def words(self) -> int:
        if self._words is None:
            self._count_words()
        return self._words  # type: ignore[return-value]

    @property
    def stopword_density(self) -> float:
        if self._words is None:
            self._count_words()
        return self._stopword_density

    @property
    def title_case(self) -> float:
        """Share of the words (as str.split cuts them) that start with a capital letter."""
        if self._title_case is None:
            self._title_case = len(_CAPITALIZED.findall(self._text)) / max(1, len(self._text.split()))
        return self._title_case

    def _count_words(self) -> None:
        tokens = line_tokens(self._norm)
        self._words = n = len(tokens)
        self._stopword_density = sum(map(self._stoplist.__contains__, tokens)) / n if n else 0.0

    def to_dict(self) -> dict[str, float | int | bool]:
        return {
            "chars": self.chars, "words": self.words, "stopwords": round(self.stopword_density, 2),
            "title_case": round(self.title_case, 2), "sentence_end": self.ends_sentence,
        }


def features(line: Line, stoplist: frozenset[str]) -> Features:
    return _features(line.text, line.norm, stoplist)


# Features of short lines are remembered: a crawl prints its templates' lines (menus, widgets) on
# every page. `Page.build` asks this memo itself.
_known_features = known(Features)


def _features(text: str, norm: str, stoplist: frozenset[str]) -> Features:
    return _known_features(text, norm, stoplist) if len(text) <= MEMO_MAX_CHARS else Features(text, norm, stoplist)


def _ends_in_smiley(text: str) -> bool:
    last = text[-1:]
    return (last in _SMILEY_LAST or last >= "\U0001F600") and bool(_SMILEY_END.search(text[-6:]))


def label(f: Features) -> Label:
    """jusText's context-free step: good prose, near-good, or short."""
    if f.chars >= GOOD_MIN_CHARS and ((f.chars >= LONG_PROSE_CHARS and f.ends_sentence) or f.stopword_density >= GOOD_MIN_STOPWORDS):
        return _GOOD
    if f.chars > SHORT_MAX_CHARS and (f.ends_sentence or f.stopword_density >= GOOD_MIN_STOPWORDS):
        return _NEAR_GOOD
    return _SHORT


# For the functions called once per line: each `Label.X` costs a slow class lookup on Python 3.11
# (EnumType's __getattr__ hook, ~800 instructions); the passes bind the members they need once.
_GOOD, _NEAR_GOOD, _SHORT = Label.GOOD, Label.NEAR_GOOD, Label.SHORT


@dataclass(slots=True)
class Verdict:
    """What became of a line. Never changed once made, so one object may stand for many lines."""

    kind: Kind
    category: Category | None = None
    rule: str | None = None


# The verdict of a line kept in the body: shared, as most lines get it and building one is a call
# into Python (the dataclass's __init__).
KEPT = Verdict(Kind.BODY)


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
        feats = [None if not (text := line.text) else _known_features(text, line.norm, stoplist)
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
        return f is not None and f.ends_sentence and _sentence_shaped(self, i)


def _sentence_shaped(page: Page, i: int) -> bool:
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
    f = _features(text, normalize(text), stoplist)
    whole = f.label
    for i in group:
        if whole is Label.GOOD:
            labels[i] = Label.GOOD
            hits[i] = None
        elif whole is Label.NEAR_GOOD and labels[i] is Label.SHORT:
            labels[i] = Label.NEAR_GOOD
    return text, f


# --- passes -----------------------------------------------------------------------------------

def rule_hits(page: Page) -> None:
    """Every line a rule hits is removed, except author lines: metadata decides those."""
    verdicts, byline, removed = page.verdicts, Category.BYLINE, Kind.REMOVED
    made: dict[str, Verdict] = {}  # one verdict per rule (ids are unique): a rule often hits several lines
    for i, rule in enumerate(page.hits):
        if rule is not None and rule.category is not byline and verdicts[i] is None:
            verdict = made.get(rule.id)
            if verdict is None:
                verdict = made[rule.id] = Verdict(removed, rule.category, rule.id)
            verdicts[i] = verdict


def rule_blocks(page: Page) -> None:
    """Block actions of the rules that hit: the widget lines after a header, or the whole tail.

    Runs after the headline is found, so that a widget header above the article (a "Top News"
    label) cannot take the headline with it. The good lines are listed once (blocks never take a
    good line, and after a cut nothing is left to decide), so a page with thousands of openers costs
    no more per line than one with a single one.
    """
    goods: list[int] | None = None
    chars_before: list[int] = []
    drop_block, cut_tail = Action.DROP_BLOCK, Action.CUT_TAIL  # enum members are slow to look up: once
    for i, rule in enumerate(page.hits):
        if rule is None:
            continue
        if rule.action is drop_block:
            _drop_block(page, i, rule)
        elif rule.action is cut_tail:
            if goods is None:  # at the first cut: blocks before it took no good line
                goods = page.goods()
                chars_before = [0, *accumulate(page.features[i].chars for i in goods)]  # type: ignore[union-attr]
            if _cut_tail(page, i, rule, goods, chars_before):
                return


def _drop_block(page: Page, start: int, rule: Rule) -> None:
    """The widget lines after a header: short, not sentences, up to the next article paragraph.
    A near-good line that ends like a sentence (one cut at a link may start in lower case) is
    article text too: tags and widget labels are short and do not end so."""
    taken, nonblank, labels, verdicts = 0, page.nonblank, page.labels, page.verdicts
    good, near_good = Label.GOOD, Label.NEAR_GOOD
    removal = None  # one verdict for the block's lines, made at the first
    for j in nonblank[bisect_right(nonblank, start):]:
        f = page.features[j]
        # A sentence (`page.sentence_like`) or a near-good line ending like one, that no rule hit.
        if taken >= BLOCK_MAX_LINES or labels[j] is good or (f.ends_sentence and (  # type: ignore[union-attr]
                _sentence_shaped(page, j) or (labels[j] is near_good and page.hits[j] is None))):
            return
        if verdicts[j] is None:
            verdicts[j] = removal = removal or Verdict(Kind.REMOVED, rule.category, rule.id)
        taken += 1


def _cut_tail(page: Page, start: int, rule: Rule, goods: list[int], chars_before: list[int]) -> bool:
    """Everything after the line goes when no article paragraph follows it (returns True then).

    A comment section is cut even when long comments follow, provided an article stands before
    it: comments read like prose, and the widget opener is the evidence that they are not the
    article. A comment counter above most of the text ("12 comments" beside the date) is no such
    opener: the article must hold a fair share of the good text before it.
    """
    split = bisect_right(goods, start)  # goods[:split] stand before the line, goods[split:] after it
    chars_after = chars_before[-1] - chars_before[split]
    article_first = (
        rule.category is Category.COMMENTS and split >= 2
        and chars_before[split] >= COMMENTS_ARTICLE_SHARE * chars_after
    )
    if split < len(goods) and not article_first:
        _drop_block(page, start, rule)
        return False
    removal, verdicts, nonblank, hits = Verdict(Kind.REMOVED, rule.category, rule.id), page.verdicts, page.nonblank, page.hits
    for j in nonblank[bisect_right(nonblank, start):]:
        header = hits[j]
        if header is not None and header.action is not Action.DROP and header.category is not Category.BYLINE:
            # A later widget header (a "Related articles" under a paywall notice): the lines under it
            # are its widget's, and are counted so.
            removal = Verdict(Kind.REMOVED, header.category, header.id)
        if verdicts[j] is None:  # `page.open`, the line being non-blank
            verdicts[j] = removal  # one verdict for every line it takes
    return True


def teasers_before_more_links(page: Page) -> None:
    """A paragraph whose next line is a bare "read more" link is a teaser for another page (a list of
    teasers, each with its link, under the article): the link's rule names it, the paragraph goes
    with it. Rules that only name such links end in `MORE_LINK_RULES`."""
    previous = None
    for i, rule in enumerate(page.hits):
        if page.labels[i] is Label.BLANK:
            continue
        if rule is not None and rule.id.endswith(MORE_LINK_RULES) and previous is not None and page.open(previous):
            page.remove(previous, Category.RELATED, "teaser-before-more-link")
        previous = i


def _chars(page: Page, goods: list[int]) -> int:
    features = page.features  # a good line is not blank: it has features
    return sum([features[i].chars for i in goods])  # type: ignore[union-attr,misc]


def site_template(page: Page, template: Collection[str]) -> None:
    """Lines of the site's template, learned across the batch (see `site`)."""
    for i, line in enumerate(page.lines):
        if page.open(i) and line.norm in template:
            page.remove(i, Category.NAVIGATION, "site-repeat")


def repeated_lines(page: Page) -> None:
    """A short line printed again in one document (menus at top and bottom, repeated labels).
    Sentences are left alone: an article may repeat one (a quote in a recap). A section or menu
    word printed again goes at its first print too: a word or two is no article line the page
    prints twice, where a longer one may be a subheading under its table-of-contents entry."""
    lines, labels, verdicts, features = page.lines, page.labels, page.verdicts, page.features
    continues, pieces, good = page.continues, page.pieces, Label.GOOD  # an enum member: looked up once
    seen: dict[str, int] = {}  # each line's first print
    removal = None  # one verdict for every line it removes, made at the first
    for i in page.nonblank:
        # The last test is `page.sentence_like`, inlined: its line-end test spares most calls.
        if (labels[i] is good or continues[i] or pieces[i]
                or (features[i].ends_sentence and _sentence_shaped(page, i))):  # type: ignore[union-attr]
            continue
        norm = lines[i].norm
        if norm in seen and verdicts[i] is None:
            verdicts[i] = removal = removal or Verdict(Kind.REMOVED, Category.NAVIGATION, "repeated-line")
            first = seen[norm]
            if verdicts[first] is None and features[first].words <= REPEATED_MENU_MAX_WORDS:  # type: ignore[union-attr]
                verdicts[first] = removal  # a menu word: its first print is the menu's too
        seen.setdefault(norm, i)


def widget_neighbours(page: Page) -> None:
    """A line between two lines that rules removed belongs to their widget (jusText's revision of
    a paragraph from its neighbours): the pitch inside a newsletter box, a button label.
    Good prose stays, whatever surrounds it, and so does a paragraph of several sentences: a
    widget's pitch is one sentence, an article paragraph between two widgets often more."""
    nonblank, verdicts, labels, hits = page.nonblank, page.verdicts, page.labels, page.hits
    for before, i, after in zip(nonblank, nonblank[1:], nonblank[2:]):
        # The hits first: most lines have none, and then neither neighbour was removed by a rule.
        if (hits[before] is not None and hits[after] is not None and verdicts[i] is None and labels[i] is not Label.GOOD
                and _rule_removed(page, before) and _rule_removed(page, after) and not several_sentences(page, i)):
            page.remove(i, verdicts[after].category or Category.OTHER, "widget-neighbour")  # type: ignore[union-attr]


def several_sentences(page: Page, i: int) -> bool:
    """Two sentences or more: one ends inside the line and the line ends like a sentence."""
    f = page.features[i]
    return f is not None and f.ends_sentence and bool(_SENTENCE_INSIDE.search(page.lines[i].text))


def short_line_runs(page: Page) -> None:
    """Runs of short title-case lines: menus, section lists, tag lists, lists of teaser links."""
    run: list[int] = []
    labels, features, continues, pieces, n = page.labels, page.features, page.continues, page.pieces, len(page.lines)
    short, rule = Label.SHORT, Label.RULE  # enum members are slow to look up: once, not per line
    removal = None  # one verdict for every line it removes, made at the first
    for i in [*page.nonblank, n]:  # n: the end, where the last run closes
        if i < n:
            label = labels[i]
            if (label is short or label is rule) and not continues[i] and not pieces[i] and _menu_item(features[i]):  # type: ignore[arg-type]
                run.append(i)
                continue
        if not run:
            continue
        if len(run) >= RUN_MIN_LINES and not _between_paragraphs(page, run, i):
            for j in run:
                if page.verdicts[j] is None:  # a run's lines are not blank
                    page.verdicts[j] = removal = removal or Verdict(Kind.REMOVED, Category.NAVIGATION, "short-line-run")
        run = []


def _between_paragraphs(page: Page, run: list[int], after: int) -> bool:
    """A list set between two paragraphs of prose, none of its lines named by a rule: the article's
    own list (the ten best albums, the hotel's amenities), not a menu."""
    k = bisect_left(page.nonblank, run[0])  # the run's first line is non-blank: the one before it is at k - 1
    return (
        k > 0 and after < len(page.lines) and page.good(page.nonblank[k - 1]) and page.good(after)
        and all(page.hits[j] is None for j in run)
    )


def _menu_item(f: Features) -> bool:
    """A short line or a rule's hit that is no piece of a cut sentence or line (the caller checks
    those first, as cheaper) reads as a menu item: no sentence, title case or a word or two."""
    return not f.ends_sentence and (f.title_case >= RUN_MIN_TITLE_CASE or f.words <= 2)


def comment_thread(page: Page) -> None:
    """Reader comments after the article: each comment's header carries a date and a clock time
    (`comment_stamp`), whatever the widget and the language. A thread is a run of such stamps, each
    close below the one before and each at a different time, with prose between most of them (the
    comments' bodies); it follows the article when the article's opening paragraphs stand above
    it, and less prose follows the last stamp (the last comment, the footer) than stands above its
    first (the article, not prices or reviews inside it). From its first stamp all goes: comment bodies read like prose, and the stamps are the
    evidence that they are not the article. The short line right above the first stamp is its
    commenter's name ("Jane Roe says:") and goes with it."""
    nonblank, labels = page.nonblank, page.labels
    goods = page.goods()
    # Stamps above the article's opening paragraphs are its own dateline, not a comment's.
    stamps = [(k, stamp) for k, i in enumerate(nonblank) if labels[i] is not _GOOD
              and bisect_left(goods, i) >= THREAD_MIN_GOODS_BEFORE and (stamp := comment_stamp(page, i))]
    if len(stamps) < THREAD_MIN_STAMPS:
        return
    chars = [0, *accumulate(page.features[i].chars for i in goods)]  # type: ignore[union-attr]
    runs: list[list[tuple[int, str]]] = []
    for k, stamp in stamps:
        if runs and k - runs[-1][-1][0] <= THREAD_MAX_GAP and stamp != runs[-1][-1][1]:
            runs[-1].append((k, stamp))
        else:
            runs.append([(k, stamp)])
    for run in runs:
        before = chars[bisect_left(goods, nonblank[run[0][0]])]
        after = chars[-1] - chars[bisect_left(goods, nonblank[stamps[-1][0]])]  # a long comment may part two runs
        if (len(run) >= THREAD_MIN_STAMPS and before >= THREAD_ARTICLE_SHARE * (chars[-1] - before) and after < before
                and 2 * _gaps_with_prose(page, [k for k, _ in run]) >= len(run) - 1):
            break
    else:
        return
    k = run[0][0]
    if k > 0 and labels[nonblank[k - 1]] is _SHORT and page.verdicts[nonblank[k - 1]] is None:
        k -= 1
    removal = Verdict(Kind.REMOVED, Category.COMMENTS, "comment-thread")
    for j in nonblank[k:]:
        if page.verdicts[j] is None:
            page.verdicts[j] = removal


def _gaps_with_prose(page: Page, ks: list[int]) -> int:
    """How many of the gaps between consecutive stamps (indexes into `page.nonblank`) hold a line of
    prose, good or near-good: a comment's body, where a product box has prices and shop names."""
    nonblank, labels = page.nonblank, page.labels
    return sum(any(labels[nonblank[j]] in (_GOOD, _NEAR_GOOD) for j in range(a + 1, b)) for a, b in zip(ks, ks[1:]))


def comment_stamp(page: Page, i: int) -> str | None:
    """A short line holding a date and, besides it, a clock time: a comment's header. Returns the
    date and time as printed."""
    f, text = page.features[i], page.lines[i].text
    if f is None or f.chars > STAMP_MAX_CHARS or f.ends_sentence:
        return None
    # A clock time prints ":" or "h" ("9:14", "9h14"): two string tests spare the regex two thirds of
    # the short devset lines; and the clock search goes before the sentence search, as it fails on 98%
    # of them (measured on 30,000: the searches take 0.016 and 0.020 s, the string tests 0.001 s).
    if (":" not in text and "h" not in text) or _CLOCK_TIME.search(text) is None:  # far cheaper than date_in
        return None
    if _SENTENCE_INSIDE.search(text):
        return None  # a stamp is no sentence, nor holds one ("Price may have risen. Price of 2 May, 9:14")
    printed = date_in(text)
    if printed is None:
        return None
    clock = _CLOCK_TIME.search(text.replace(printed, " "))
    return None if clock is None else f"{printed} {clock.group()}"


def counted_lists(page: Page) -> None:
    """A line of items each followed by a count in brackets: an archive or category widget a scraper
    printed as one line, ending in its last count, with no commas between its items. Prose that holds
    as many (ages, years) ends in a full stop; a team's line-up with ratings lists its players with
    commas."""
    for i in page.nonblank:
        text = page.lines[i].text
        if (page.verdicts[i] is None and text.endswith(")") and "," not in text and text.count("(") >= COUNTED_LIST_MIN_COUNTS
                and len(_POST_COUNT.findall(text)) >= COUNTED_LIST_MIN_COUNTS):
            page.remove(i, Category.NAVIGATION, "counted-list")


def truncated_teasers(page: Page) -> None:
    """Lines cut short with an ellipsis, close together: the summaries of a teaser list (related,
    latest, most read), before, between or after the article's paragraphs."""
    nonblank = page.nonblank
    cut = [k for k, i in enumerate(nonblank) if page.verdicts[i] is None
           and page.features[i].chars >= TRUNCATED_MIN_CHARS and page.lines[i].text.endswith(_ELLIPSES)  # type: ignore[union-attr]
           and not _INNER_SENTENCE_END.search(page.lines[i].text)]  # a teaser is cut inside its first sentence
    group: list[int] = []
    for k in [*cut, None]:
        if k is not None and (not group or k - group[-1] <= TRUNCATED_WINDOW):
            group.append(k)
            continue
        if len(group) >= TRUNCATED_MIN_LINES:
            for g in group:
                page.remove(nonblank[g], Category.RELATED, "truncated-teasers")
        group = [] if k is None else [k]


def caption_near_headline(page: Page, headline: int) -> None:
    """A long line under the headline, dated, that stops mid-sentence after a full one: a cut caption.

    Scrapers cut photo captions at a fixed length: "... Friday, Feb. 16, 2024. The 60th Munich
    Security". Agency captions carry the photo's date. A standfirst may lack its final period,
    and a scraper may break a paragraph into lines, but neither holds a dated finished sentence
    followed by an unfinished one. Only lines up to the first good paragraph are looked at.
    """
    nonblank, good = page.nonblank, Label.GOOD
    for j in nonblank[bisect_right(nonblank, headline):]:
        if page.verdicts[j] is not None:
            continue
        f = page.features[j]
        text = page.lines[j].text
        if (f is not None and f.chars >= CAPTION_MIN_CHARS and not f.terminal and _INNER_SENTENCE_END.search(text)
                and date_in(text) and page.any_good(j + 1)):
            page.remove(j, Category.CAPTION, "caption-near-headline")
        elif page.labels[j] is good:
            return


def article_end(page: Page) -> int:
    """The last good line of the article: the end of its last large cluster of good paragraphs.

    Good lines split into clusters where several lines that end without punctuation (so neither
    sentences nor list items) and that no rule removed stand between them (a sidebar, a footer,
    a menu between two texts). After the largest cluster, a cluster much smaller than it is page furniture; one nearly as large is article
    too (broken by a widget the rules do not know), so that in doubt text stays. Clusters before
    the largest are left to the headline and top-zone logic: cutting them lost article openings.
    The clusters of a list article's items (`_numbered_list`) are one cluster: each item's text is
    small, and the pictures, credits and links between items part them.
    """
    clusters = _clusters(page, page.goods(), CLUSTER_GAP_LINES)
    items = _numbered_list(page)
    if items is not None:
        clusters = _merged(clusters, *items)
    weight = [_chars(page, c) for c in clusters]
    largest = weight.index(max(weight))
    kept = [k for k, w in enumerate(weight) if k >= largest and w >= CLUSTER_KEEP_SHARE * weight[largest]]
    last = clusters[kept[-1]]
    # A last paragraph or two set apart by a short gap and tiny next to the article: a footer line
    # (but not the text of the list's last item).
    last_item_text = next(iter(page.goods(items[1] + 1)), -1) if items is not None else -1
    pieces = _clusters(page, last, FOOTER_GAP_LINES)
    while len(pieces) > 1 and _chars(page, pieces[-1]) < FOOTER_MAX_SHARE * weight[largest] and pieces[-1][0] > last_item_text:
        pieces.pop()
    return pieces[-1][-1]


def _numbered_list(page: Page) -> tuple[int, int] | None:
    """The first and last line of the longest run of numbered headings in sequence (counting up or
    down: "1." to "10.", or "10." to "1."), with good prose between each two; at least
    `LIST_MIN_ITEMS` of them. Pagination ("1", "2", "3") has no text after its numbers."""
    lines = page.lines
    items = [(i, int(m.group(1))) for i in page.digit_starts
             if len(lines[i].text) <= LIST_ITEM_MAX_CHARS and (m := _LIST_ITEM.match(lines[i].text))]
    best: list[tuple[int, int]] = []
    for step in (1, -1):
        run: list[tuple[int, int]] = []
        for i, n in items:
            if run and n == run[-1][1] + step and any(page.good(j) for j in range(run[-1][0] + 1, i)):
                run.append((i, n))
            else:
                run = [(i, n)]
            if len(run) > len(best):
                best = list(run)
    return (best[0][0], best[-1][0]) if len(best) >= LIST_MIN_ITEMS else None


def _merged(clusters: list[list[int]], first: int, last: int) -> list[list[int]]:
    """Clusters with the clusters that reach into the span from `first` to `last` made one."""
    out: list[list[int]] = []
    for cluster in clusters:
        if out and cluster[0] <= last and out[-1][-1] >= first:
            out[-1] = out[-1] + cluster
        else:
            out.append(cluster)
    return out


def _clusters(page: Page, goods: list[int], gap_lines: int) -> list[list[int]]:
    """Good lines grouped where fewer than `gap_lines` unpunctuated, rule-free lines part them."""
    clusters: list[list[int]] = [[goods[0]]]
    for a, b in zip(goods, goods[1:]):
        if b - a > gap_lines and _parted(page, a, b, gap_lines):  # fewer lines between them cannot part them
            clusters.append([b])
        else:
            clusters[-1].append(b)
    return clusters


def _parted(page: Page, a: int, b: int, gap_lines: int) -> bool:
    """At least `gap_lines` unpunctuated, rule-free lines between lines `a` and `b` (counts no further)."""
    features, gap = page.features, 0
    for j in range(a + 1, b):
        f = features[j]  # None for a blank line: cheaper to test than its label
        if f is not None and not f.terminal and not _rule_removed(page, j):
            gap += 1
            if gap == gap_lines:
                return True
    return False


def edge_zones(page: Page, first: int, last: int) -> None:
    """Before the article and after it, what no pass claimed is page furniture.

    Before the first good paragraph, sentences directly above it stay: a short opening paragraph.
    After the last good paragraph the article may go on in shorter lines: sentences, list items,
    a subheading followed by sentences. Lines removed by rules are passed over (a newsletter box
    inside the article's end), and so is a short line right before such a removed block (the
    box's title). The first line that is none of these ends the article; the rest goes.
    """
    opening = True  # sentences right above the first good paragraph open the article: they stay
    nonblank, verdicts = page.nonblank, page.verdicts  # `page.open` is `verdicts[i] is None` on these lines
    for i in reversed(nonblank[:bisect_left(nonblank, first)]):
        if verdicts[i] is not None:
            opening = False
            continue
        opening = opening and page.sentence_like(i)
        if opening:
            verdicts[i] = KEPT
        else:
            page.remove(i, Category.NAVIGATION, "top-zone")
    tail = nonblank[bisect_right(nonblank, last):]
    closing = True
    previous = last
    for k, i in enumerate(tail):
        if verdicts[i] is not None:
            continue
        following = tail[k + 1] if k + 1 < len(tail) else None
        if closing and (_closing_line(page, i) or _list_item_after(page, previous, i)):
            page.verdicts[i] = KEPT
            previous = i
            continue
        if closing and following is not None and _closing_line(page, following) \
                and page.features[i].words <= HEADING_MAX_WORDS:  # type: ignore[union-attr]  # tail lines are non-blank
            page.verdicts[i] = KEPT  # a subheading over more article text
            previous = i
            continue
        if not (following is not None and _rule_removed(page, following) and page.labels[i] is Label.SHORT):
            closing = False
        page.remove(i, Category.FOOTER, "tail-zone")


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


def _list_item_after(page: Page, previous: int, i: int) -> bool:
    """An item of a list the article introduced ("three measures:") and goes on with ("...;")."""
    f = page.features[i]
    return (
        page.lines[previous].text.endswith((":", ";")) and f is not None and f.words >= 2
        and page.lines[i].text.endswith((";", ".", ",")) and not f.linkish
    )


def _closing_line(page: Page, i: int) -> bool:
    """A sentence the article may end on, or a piece of one cut at its links; or one that ends in a
    colon, introducing what follows ("The full report is available here:", "Sources used:")."""
    f = page.features[i]
    if not page.open(i) or f is None:
        return False
    if page.in_sentence[i]:
        return True
    if f.stopword_density == 0:
        return False
    return page.sentence_like(i) or (page.lines[i].text.endswith(":") and _sentence_shaped(page, i))


def _rule_removed(page: Page, i: int) -> bool:
    if page.hits[i] is None:  # first: most lines have no hit, and the enum lookup below is slow
        return False
    v = page.verdicts[i]
    return v is not None and v.kind is Kind.REMOVED


@dataclass(frozen=True)
class Heuristic:
    """A pass that removes lines by what it sees rather than by a pattern: its id is the `Removal.rule` of
    what it removes, so `cleaner rules ID` and `explain` can say why a line went."""

    id: str
    category: Category | None  # None: the category of the widget or rule it follows
    description: str


# Every heuristic id a removal can carry, listed by `cleaner rules` beside the rules (a test checks that
# whatever the engine removes names a rule or one of these).
HEURISTICS: tuple[Heuristic, ...] = (
    Heuristic("top-zone", Category.NAVIGATION, "Above the article's first paragraph (and its headline, dateline and "
              "byline), what no rule named and no pass kept: menus, section names, the site's name."),
    Heuristic("tail-zone", Category.FOOTER, "After the article's end (its last run of prose and the shorter lines that "
              "go on like it), what no rule named: footers, teaser lists, widgets."),
    Heuristic("repeated-line", Category.NAVIGATION, "A short line the document prints twice (a menu at the top and the "
              "bottom, a repeated label); a one- or two-word menu word goes at its first print too."),
    Heuristic("short-line-run", Category.NAVIGATION, "A run of short title-case lines: a menu, a section or tag "
              "list, a list of teaser links."),
    Heuristic("widget-neighbour", None, "A line between two lines one rule family removed: the pitch inside a "
              "newsletter box, a button label (good prose and paragraphs of several sentences stay)."),
    Heuristic("comment-thread", Category.COMMENTS, "Reader comments after the article: a run of comment headers, "
              "each a short line with a date and a clock time, with the comments' prose between them."),
    Heuristic("counted-list", Category.NAVIGATION, "A line of items each followed by a count in brackets: an "
              "archive or category widget printed on one line."),
    Heuristic("truncated-teasers", Category.RELATED, "Lines cut short with an ellipsis, close together: a teaser "
              "list's summaries."),
    Heuristic("caption-near-headline", Category.CAPTION, "A long dated line under the headline that stops "
              "mid-sentence after a full one: a photo caption a scraper cut at a fixed length."),
    Heuristic("teaser-before-more-link", Category.RELATED, "A paragraph whose next line is a bare \"read more\" "
              "link: a teaser for another page (HTML mode)."),
    Heuristic("site-repeat", Category.NAVIGATION, "A line of the site's template, learned across a batch: it "
              "recurs in many documents of one domain or folder."),
    Heuristic("title-line", Category.NAVIGATION, "The page's title line (\"Headline | Site\"), printed first by "
              "scrapers of the whole page: the headline is its repeat below, or it stands for the headline itself."),
    Heuristic("above-headline", Category.NAVIGATION, "What stands above a headline that the title line or the "
              "URL surely names (menus, teasers, notices), unless the prose above outweighs the article below."),
    Heuristic("share-button", Category.SHARE, "A share button or a line of networks near the headline (\"Share on "
              "X\", \"Dela på Facebook\", \"Поделиться ВКонтакте\"): passed over as a headline, removed."),
    Heuristic("link-bar", Category.NAVIGATION, "A bar of short links near the headline (\"Sign in | Register\"): "
              "passed over as a headline, removed."),
    Heuristic("byline-particle", Category.BYLINE, "\"By\" (or its like) alone on a line over the author's name: "
              "part of the byline."),
    Heuristic("line-score", Category.OTHER, "A line the fitted line score puts below its threshold (off in the "
              "shipped weights: the threshold is -inf)."),
    Heuristic("date-list", Category.NAVIGATION, "A line whose dates fill most of it: an archive widget's months "
              "(\"Select month June 2024 May 2024 ...\") or a calendar's days, printed on one line."),
    Heuristic("headline-run", Category.RELATED, "Three or more other stories' headlines (several words, no end "
              "punctuation), each with a kicker, section, date or time of a few words beside it: a teaser list."),
    Heuristic("site-notice", Category.OTHER, "A line that speaks of the site in three kinds of its words (cookies, "
              "e-mail, data, consent, sign-up, comments, terms): a consent, newsletter or comment-rules notice."),
    Heuristic("author-bio", Category.BYLINE, "The article's last lines that open with a name and name a writer's "
              "trade (\"Jane Roe covers transport ...\", \"... ist freie Journalistin\"): the author's bio."),
)
