"""Stopword lists (jusText's, installed with trafilatura) and a language guess built on them.

Stopword density is the jusText signal that separates prose from boilerplate; the same lists
tell which language a document is in, well enough to pick rule packs: prose in language X is
dense in X's stopwords and thin in the others'.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import regex

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


def detect(text: str) -> str | None:
    """The pack language whose stopwords cover most tokens, or None when the lead is unclear."""
    index = _languages_of_word()
    counts = dict.fromkeys(LANGUAGES, 0)
    for token in words(text[:20000]):
        for code in index.get(token, ()):
            counts[code] += 1
    scores = sorted(((n, code) for code, n in counts.items()), reverse=True)
    (best, code), (second, _) = scores[0], scores[1]
    if best < MIN_HITS or best < second * MIN_LEAD:
        return None
    return code
