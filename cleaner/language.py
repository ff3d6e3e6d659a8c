"""Stopword lists (jusText's, installed with trafilatura) and a language guess built on them.

Stopword density is the jusText signal that separates prose from boilerplate; the same lists
tell which language a document is in, well enough to pick rule packs: prose in language X is
dense in X's stopwords and thin in the others'.
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Iterable

import regex

from .lines import remembered

# The languages with rule packs, as ISO 639-1 code -> jusText stoplist name.
LANGUAGES: dict[str, str] = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian",
}
WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
# A guess needs this many stopword hits, and this lead over the runner-up, to be trusted;
# below it the engine applies every pack rather than the wrong one.
MIN_HITS = 8
MIN_LEAD = 1.3
SAMPLE_CHARS = 20_000  # the start of a document tells its language; a 20 MB page needs no full count


def _stoplist_dir() -> Path | None:
    spec = importlib.util.find_spec("justext")  # not imported: jusText's import needs lxml extras
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "stoplists"


@cache
def stopwords(language: str | None) -> frozenset[str]:
    """The stoplist of one language; for None, the union of all pack languages."""
    folder = _stoplist_dir()
    if folder is None:
        return frozenset()
    names = [LANGUAGES[language]] if language in LANGUAGES else list(LANGUAGES.values())
    words: set[str] = set()
    for name in names:
        path = folder / f"{name}.txt"
        if path.is_file():
            words.update(w.casefold() for w in path.read_text(encoding="utf-8").split())
    return frozenset(words)


def words(text: str) -> list[str]:
    """Casefolded word tokens: letters, with inner apostrophes ("don't", "l’homme")."""
    return WORD.findall(text.casefold())


@cache
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Each stopword -> the pack languages that list it: one lookup per token when detecting."""
    index: dict[str, list[str]] = {}
    for code in LANGUAGES:
        for word in stopwords(code):
            index.setdefault(word, []).append(code)
    return {word: tuple(codes) for word, codes in index.items()}


@remembered
def line_tokens(norm: str) -> tuple[str, ...]:
    """Word tokens of a normalized (already casefolded) line; remembered, as lines repeat in a crawl."""
    return tuple(WORD.findall(norm))


def detect(text: str) -> str | None:
    """The pack language whose stopwords cover most tokens, or None when the lead is unclear."""
    return _decide(words(text[:SAMPLE_CHARS]))


def detect_lines(norms: Iterable[str]) -> str | None:
    """`detect` for a document already split into normalized lines (their tokens are remembered)."""
    sample: list[str] = []
    size = 0
    for norm in norms:
        sample.extend(line_tokens(norm))
        size += len(norm)
        if size >= SAMPLE_CHARS:
            break
    return _decide(sample)


def _decide(tokens: list[str]) -> str | None:
    counts = dict.fromkeys(LANGUAGES, 0)
    # Counted per distinct set of languages a token is a stopword of: a few dozen keys, in C.
    for codes, n in Counter(map(_languages_of_word().get, tokens)).items():
        for code in codes or ():
            counts[code] += n
    scores = sorted(((n, code) for code, n in counts.items()), reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    if best < MIN_HITS or best < second * MIN_LEAD:
        return None
    return code
