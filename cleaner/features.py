"""What a line says about itself, context-free: its features and its label.

The shape follows jusText's first stage: each line gets a label from its own features (good prose,
near-good, short); `page` adds the rule hits and the context, and the passes in `heuristics` revise
lines from their neighbours.
"""

from __future__ import annotations

from enum import Enum
import re

import regex

from .language import line_tokens
from .lines import CLOSERS, MEMO_MAX_CHARS, Line, known

# Thresholds (characters, shares). A good line is prose: long enough and dense in stopwords,
# like jusText's good paragraphs; 0.20 rather than jusText's 0.30 because single scraped lines
# are shorter than its HTML paragraphs. A short line has too little text to judge on its own.
GOOD_MIN_CHARS = 80
GOOD_MIN_STOPWORDS = 0.20
LONG_PROSE_CHARS = 150  # this long and ending like a sentence: prose, whatever the stoplist says
SHORT_MAX_CHARS = 40

# A line ends like a sentence, or at least with punctuation (`terminal`), by its last character
# before any closing quotes and brackets. Lines are trimmed, so no space follows them.
_SENTENCE_ENDERS = frozenset(".!?…。！？")  # with the full-width marks of Chinese and Japanese
_TERMINATORS = frozenset(".!?…:;。！？：；")
ALL_CLOSERS = CLOSERS + "」』）】》〉"  # and the full-width closing quotes and brackets
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
# The standard library's engine: over twice as fast as `regex` on this literal-led alternation.
_LINKISH = re.compile(r"https?://|www\.|\.(?:com|org|net|html?)\b|@\w|#\w")


class Label(Enum):
    """Context-free label of a line (jusText's classes, plus a rule hit)."""

    BLANK = "blank"
    RULE = "rule"
    GOOD = "good"
    NEAR_GOOD = "near-good"
    SHORT = "short"


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
        last = text.rstrip(ALL_CLOSERS)[-1:]  # a string method where two regex searches cost several times more
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
    return text_features(line.text, line.norm, stoplist)


# Features of short lines are remembered: a crawl prints its templates' lines (menus, widgets) on
# every page. `Page.build` asks this memo itself.
known_features = known(Features)


def text_features(text: str, norm: str, stoplist: frozenset[str]) -> Features:
    return known_features(text, norm, stoplist) if len(text) <= MEMO_MAX_CHARS else Features(text, norm, stoplist)


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

