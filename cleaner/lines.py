"""Text to `Line` records: the one place where input is split and normalized."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import regex

_SPACE = regex.compile(r"[\s\p{Zs}\u200b\u200c\u200d\u2060\ufeff]+")
# ASCII controls that str.split() takes for spaces but Unicode does not (so `_SPACE` keeps them).
_ASCII_NOT_SPACE = regex.compile(r"[\x1c-\x1f]")
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff")
_EDGE_SPACE = regex.compile(r"^[\s\p{Zs}\u200b\u200c\u200d\u2060\ufeff]+|[\s\p{Zs}\u200b\u200c\u200d\u2060\ufeff]+$")
# Every line break Python's str.splitlines knows, so "\r", "\u2028" and friends split too.
# Lines remembered with their trimmed and normalized forms (and, in `heuristics`, their features):
# a crawl repeats its templates' lines on every page. Bounded, so memory stays flat on any batch.
LINE_MEMO = 100_000
_BREAK = regex.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Line:
    """One input line: its 1-based number, its text trimmed, and a normalized form for matching."""

    number: int
    text: str
    norm: str

    @property
    def blank(self) -> bool:
        return not self.text


def normalize(text: str) -> str:
    """Casefolded NFKC text with runs of any whitespace (zero-width included) as one space.

    Rules and repeat detection match this form, so "Notify  of", "NOTIFY OF" and "Notify\u00a0of"
    are one string.
    """
    if text.isascii() and not _ASCII_NOT_SPACE.search(text):
        return " ".join(text.split()).lower()  # the same result, without NFKC and the Unicode classes
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def trim(text: str) -> str:
    """Trim whitespace, including zero-width characters that scrapers leave at line ends."""
    text = text.strip()
    if text[:1] in _ZERO_WIDTH or text[-1:] in _ZERO_WIDTH:
        text = _EDGE_SPACE.sub("", text)
    return text


def split_lines(text: str) -> list[Line]:
    """Split on every kind of line break; numbering is what an editor would show."""
    return [Line(i, *_forms(raw)) for i, raw in enumerate(_BREAK.split(text), 1)]


@lru_cache(maxsize=LINE_MEMO)
def _forms(raw: str) -> tuple[str, str]:
    text = trim(raw)
    return text, normalize(text)
