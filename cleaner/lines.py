"""Text to `Line` records: the one place where input is split and normalized."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import TypeVar
from collections.abc import Callable

import regex

_SPACE = regex.compile(r"[\s\p{Zs}\u200b\u200c\u200d\u2060\ufeff]+")
# Control characters (escape, bell, ...) are invisible debris: matching ignores them.
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
# ASCII controls other than spaces: str.split() takes some for spaces, and `_CONTROL` drops them all.
_ASCII_NOT_SPACE = regex.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# What `_SPACE` matches, as characters to strip: `str.strip` reads a line's edges once, where a
# search for a run at the line's end starts again at every space inside the line (quadratic).
_EDGE_CHARS = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u200b\u200c\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
# Closing quotes and brackets: a line ends a sentence (or a phrase) by its last character before them.
CLOSERS = "\"'”’»)]"
_SENTENCE_ENDERS = frozenset(".!?:…")  # a line ending in one (before closers) is no piece of a cut sentence
_PHRASE_CLOSERS = frozenset(",.;:!?)]»”’")
_PHRASE_OPENERS = ("(", "[", "„")  # a line ending in one goes on in the next: "(" + link + ")"
# Scripts written without spaces: a node boundary between two of their letters falls inside a sentence.
_UNSPACED = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]")
_UNSPACED_FROM = "\u3040"  # no letter of these scripts comes before Hiragana: a cheap test first
# ...but two such lines are as often two menu items or two paragraphs: see `_unspaced_cut`.
_KANA_FROM, _KANA_TO = "\u3041", "\u309f"  # Hiragana: particles and endings ("が", "さんや", "新しい")
UNSPACED_LINK_CHARS = 12  # a link's text inside a Chinese or Japanese sentence: a name, a term
# Short lines are remembered with what is worked out from them (forms, features, rule hits):
# a crawl repeats its templates' lines (menus, widgets) on every page. Long lines are prose, unique
# to their page, and not kept. Bounded, so memory stays flat on any batch.
MEMO_LINES = 10_000
MEMO_MAX_CHARS = 200
# A line longer than this may hold a whole page (some scrapers join everything): it is cut into
# pieces, so that a menu glued before the first paragraph or a share bar after the last can go.
LONG_LINE_CHARS = 2000
# Where such a line is cut: after a sentence end, before what can start a sentence; at the
# separators of menus and share bars; at runs of spaces or a tab.
_PIECE_BREAK = regex.compile(
    r"(?<=[.!?…][\"'”’»)\]]*)\s+(?=[\p{Lu}\p{N}\"'“„«‘(\[])|\s+[|•·›»]\s+|\s{2,}|\t"
)
# Every line break, as str.splitlines knows them: "\r", "\u2028" and friends split too.
_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


@dataclass(slots=True)
class Line:
    """One input line: its 1-based number, its text trimmed, and a normalized form for matching.

    Never changed once made (not frozen only because a frozen dataclass is four times slower to
    build, and a document makes one per line)."""

    number: int
    text: str
    norm: str
    joiner: str | None = None  # broken off the line before inside a sentence: the space between (see `split_lines`)
    whole: str | None = None  # for a piece of a long line: the whole (trimmed) line...
    start: int = 0  # ...and where the piece starts in it

    @property
    def blank(self) -> bool:
        return not self.text

    @property
    def glued(self) -> bool:
        return self.joiner is not None


def normalize(text: str) -> str:
    """Casefolded NFKC text with runs of any whitespace (zero-width included) as one space.

    Rules and repeat detection match this form, so "Notify  of", "NOTIFY OF" and "Notify\u00a0of"
    are one string.
    """
    # Control characters are not printable, and most lines are: `isprintable` scans several times
    # faster than a search for them.
    printable = text.isprintable()
    if text.isascii() and (printable or not _ASCII_NOT_SPACE.search(text)):
        # The same result, without NFKC and the Unicode classes.
        return (_spaces_collapsed(text) if printable else " ".join(text.split())).lower()
    text = unicodedata.normalize("NFKC", text if printable else _CONTROL.sub("", text))
    if printable:
        # The NFKC form of printable text is printable (the tests check every code point): no
        # zero-width character, and no whitespace but the space.
        return _spaces_collapsed(text).casefold()
    if any(z in text for z in _ZERO_WIDTH):
        text = _SPACE.sub(" ", text)
    # Without zero-width characters, str.split's whitespace is `_SPACE` exactly (checked over every
    # code point by the tests), and splitting is several times faster than the substitution.
    return " ".join(text.split()).casefold()


def _spaces_collapsed(printable: str) -> str:
    """Runs of spaces as one, no edge space: printable text has no other whitespace, and a line
    without a double or edge space needs no split."""
    if "  " in printable or printable[:1] == " " or printable[-1:] == " ":
        return " ".join(printable.split())
    return printable


def trim(text: str) -> str:
    """Trim whitespace, including zero-width characters that scrapers leave at line ends."""
    text = text.strip()
    if text[:1] in _ZERO_WIDTH or text[-1:] in _ZERO_WIDTH:
        text = text.strip(_EDGE_CHARS)
    return text


def split_lines(text: str, cut: bool = True) -> list[Line]:
    """Split on every kind of line break; numbering is what an editor would show.

    A line is `glued` when a scraper that puts every HTML text node on a line of its own (as
    BeautifulSoup's get_text does) cut a sentence at an inline element, a link or a bold word: the
    raw line before it ends in a space without ending a sentence, or it starts with a space and a
    lower-case letter, or with punctuation that closes a phrase. Its `joiner` is what stood between
    the two in the page: a space, or nothing (", where" after a link). `cut`: False for text an
    extractor gave as paragraphs (trafilatura's), where every line break is a boundary.
    """
    raws = text.splitlines()
    if not text or text[-1] in _BREAKS:  # as a split at every break would: an empty last line
        raws.append("")
    lines = []
    previous: Line | None = None  # the line before, when it is not blank
    for number, raw in enumerate(raws, 1):
        if not raw or raw.isspace():
            lines.append(Line(number, "", ""))
            previous = None
            continue
        trimmed, norm = _known_forms(raw) if len(raw) <= MEMO_MAX_CHARS else _forms_of(raw)
        joiner = None
        if (cut and previous is not None and trimmed and previous.text.rstrip(CLOSERS)[-1:] not in _SENTENCE_ENDERS
                and _glued(raws[number - 2], previous, raw, trimmed)):  # tested here: most lines end so
            joiner = " " if raws[number - 2][-1:].isspace() or raw[:1].isspace() else ""
        lines.append(line := Line(number, trimmed, norm, joiner))
        previous = line if trimmed else None  # zero-width characters alone make a blank line
    if max(map(len, raws)) > LONG_LINE_CHARS and any(len(line.text) > LONG_LINE_CHARS for line in lines):
        return [piece for line in lines for piece in (pieces(line) if len(line.text) > LONG_LINE_CHARS else (line,))]
    return lines


def pieces(line: Line) -> list[Line]:
    """A long line cut at sentence ends and separators; each piece knows its place in the line."""
    out, start = [], 0
    for cut in [*_PIECE_BREAK.finditer(line.text), None]:
        end = cut.start() if cut else len(line.text)
        text = line.text[start:end]
        lead = len(text) - len(text.lstrip())
        text = text.strip()
        if text:
            out.append(Line(line.number, text, normalize(text), None, line.text, start + lead))
        start = cut.end() if cut else end
    return out


def joined(first: Line, last: Line) -> str:
    """The stretch of a long line from piece `first` to piece `last`, as the input has it."""
    assert first.whole is not None and first.whole is last.whole
    return first.whole[first.start:last.start + len(last.text)]


def _glued(raw_before: str, previous: Line, raw: str, text: str) -> bool:
    """Text nodes keep the single space that stood next to the inline element; a layout renderer
    (inscriptis) indents by several spaces instead, which says nothing of sentences. (`previous`
    does not end a sentence: `split_lines` tests that first.)"""
    if _indented(raw_before) or _indented(raw):
        return False
    before = previous.text
    return (
        (raw_before.endswith(" ") and not raw_before.endswith("  "))
        or (raw.startswith(" ") and text[:1].islower())
        or text[:1] in _PHRASE_CLOSERS or before.endswith(_PHRASE_OPENERS)
        or (raw[:1] == "-" and raw[1:2].isalpha())  # a word's second half after a linked first ("Radon" + "-Messung")
        or (raw.startswith(" (") and not raw_before[-1:].isspace())  # a bracket opened after a space
        or (before[-1] >= _UNSPACED_FROM and raw[:1] >= _UNSPACED_FROM
            and bool(_UNSPACED.match(before[-1])) and bool(_UNSPACED.match(raw))
            and _unspaced_cut(previous, text))
    )


def _unspaced_cut(previous: Line, text: str) -> bool:
    """Two lines of Chinese or Japanese letters are one sentence cut at a link when the second starts
    in Hiragana, or is a link's few words after a Hiragana letter or inside a long sentence:
    two long lines are two paragraphs, two short ones two menu items."""
    before = previous.text
    return (_KANA_FROM <= text[0] <= _KANA_TO
            or (len(text) <= UNSPACED_LINK_CHARS and (_KANA_FROM <= before[-1] <= _KANA_TO or UNSPACED_LINK_CHARS < len(before)))
            or (previous.joiner is not None and len(before) <= UNSPACED_LINK_CHARS < len(text)))


def _indented(raw: str) -> bool:
    return raw.startswith("  ") or raw.startswith("\t")


R = TypeVar("R")


def known(work: Callable[..., R]) -> Callable[..., R]:
    """`work(line, ...)` with its answers remembered, for a caller that asks it about short lines
    only (see MEMO_LINES) and checks their length itself, in its own loop: a call less per line."""
    return lru_cache(maxsize=MEMO_LINES)(work)


def remembered(work: Callable[..., R]) -> Callable[..., R]:
    """`work(line, ...)` with its answers for short lines remembered (see MEMO_LINES)."""
    cached = known(work)

    @wraps(work)
    def call(line: str, *rest: object) -> R:
        return cached(line, *rest) if len(line) <= MEMO_MAX_CHARS else work(line, *rest)
    return call


def _forms_of(raw: str) -> tuple[str, str]:
    """A raw line's text (trimmed) and normalized form."""
    text = trim(raw)
    return text, normalize(text)


_known_forms = known(_forms_of)
