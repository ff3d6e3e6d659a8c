"""Which language a document is in (fastText's language-ID model) and its stopwords (jusText's
lists, installed with trafilatura).

The language picks the rule packs; stopword density is the jusText signal that separates prose
from boilerplate.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from collections.abc import Iterable

import fasttext
import regex

from .rules import ANY_LANGUAGE, builtin_languages

# The languages with packs, as ISO 639-1 code -> jusText stoplist name (cleaner/packs/*.toml, `[language]`).
LANGUAGES: dict[str, str] = {pack.code: pack.stoplist for pack in builtin_languages() if pack.code != ANY_LANGUAGE}
WORD = regex.compile(r"\p{L}+(?:['’]\p{L}+)*")
_ASCII_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")  # WORD on casefolded ASCII, by the faster standard engine
# Below this confidence the language is unknown and the engine applies every pack rather than the
# wrong one. On the development set, the 13 pages of 884 under 0.5 were tag lists, code, scripts or mixed languages.
MIN_CONFIDENCE = 0.5
# Model time grows with the sample and is mostly cache misses inside a cleaning run: 100 characters
# cost about half of 200 there, and scored the same on the development set (F1 within 0.001 in every
# text mode; the chosen pack differed on 15 of 1,768 renderings).
SAMPLE_CHARS = 100
PROSE_MIN_WORDS = 8
# Prose in a script written without spaces (Chinese, Japanese, Thai) has no words to count: a run of this
# many of its letters is a sentence's worth. Such pages had no language.
_UNSPACED_PROSE = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}ー、。，；：！？「」（）]{20}")
# Frequent function words of each pack language (its `function_words`) that no other European language
# writes alike ("de", "la", "en", "die", "was" are left out). When a document's prose (a sample of VOTE_CHARS) holds at
# least CLEAR_MIN_WORDS of one language's and CLEAR_RATIO times as many as of any other's, it is in
# that language and the model is not asked: inside a cleaning run the model costs ~60-150 us a
# document, mostly cache misses, the count a few. On the development set's 2,718 renderings, 86%
# were decided so; 10 differ from the model, all pages it was unsure of (several languages mixed).
FUNCTION_WORDS: dict[str, tuple[str, ...]] = {
    pack.code: pack.function_words for pack in builtin_languages() if pack.function_words
}
VOTE_CHARS = 300
# When neither the vote nor the model is sure of the longest lines (a list of names, a product list, a
# log), both are asked again on this much prose.
WIDE_VOTE_CHARS = 3000
CLEAR_MIN_WORDS = 4
CLEAR_RATIO = 4


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
    folded = text.casefold()
    found: list[str] = (_ASCII_WORD if folded.isascii() else WORD).findall(folded)
    return found


def line_tokens(norm: str) -> tuple[str, ...]:
    """Word tokens of a normalized (already casefolded) line (not remembered: `features.text_features`,
    which calls it, is)."""
    return tuple((_ASCII_WORD if norm.isascii() else WORD).findall(norm))


def detect(text: str) -> str | None:
    """The language (ISO 639-1) of a document, or None when the model is unsure."""
    return detect_lines(text.splitlines())


def detect_lines(texts: Iterable[str]) -> str | None:
    """The language of a document given as lines: the one its function words clearly say, else
    fastText's language-ID model on a sample of its longest prose lines (`sample`), trusted from
    MIN_CONFIDENCE on."""
    texts = list(texts)  # read twice when the first sample leaves the language unsure
    prose = sample(texts, VOTE_CHARS)
    clear = clear_language(prose)
    if clear is not None:
        return clear
    text = prose[:SAMPLE_CHARS]  # what `sample(texts)` gives: the longest lines come first
    if not text:
        return None
    found = _predicted(text)
    if found is None:  # the longest lines were a list of names, products or log lines: read more prose
        wide = sample(texts, WIDE_VOTE_CHARS)
        found = clear_language(wide) or _predicted(wide[:WIDE_VOTE_CHARS])
    return found


def _predicted(text: str) -> str | None:
    """fastText's language for `text`, or None under MIN_CONFIDENCE."""
    # fastText takes UTF-8, which a lone surrogate (from JSON's "\ud800" or a Windows file name) is not
    (label,), (confidence,) = _model().predict(text.encode("utf-8", "replace").decode("utf-8"), k=1)
    return label.removeprefix("__label__") if confidence >= MIN_CONFIDENCE else None


def pack_of(language: str | None) -> str | None:
    """The rule pack for a language; None (every pack) for a language without one."""
    return language if language in LANGUAGES else None


def clear_language(text: str) -> str | None:
    """The pack language whose function words `text` clearly uses (see FUNCTION_WORDS), if one does."""
    counts: dict[str, int] = {}
    for word in text.casefold().split():  # a word with punctuation attached is not counted: there are enough
        if (language := _FUNCTION_WORD.get(word)) is not None:
            counts[language] = counts.get(language, 0) + 1
    most, second, first = 0, 0, None
    for language, n in counts.items():
        if n > most:
            most, second, first = n, most, language
        elif n > second:
            second = n
    return first if most >= CLEAR_MIN_WORDS and most >= CLEAR_RATIO * second else None


_FUNCTION_WORD = {word: code for code, words in FUNCTION_WORDS.items() for word in words}


def sample(texts: Iterable[str], chars: int = SAMPLE_CHARS) -> str:
    """The longest lines with PROSE_MIN_WORDS words or more (or a run of unspaced prose), up to `chars`, on
    one line.

    Prose, not the top of the page: menus, titles and widgets there are often in the theme's
    language (English) rather than the article's, and short. Model cost grows with the sample
    (measured ~0.13 us a character in a tight loop), so a hundred characters of prose are all it gets.
    """
    picked: list[str] = []
    size = 0
    for text in sorted(texts, key=len, reverse=True):
        if size >= chars:
            break
        if text.count(" ") >= PROSE_MIN_WORDS - 1 or _UNSPACED_PROSE.search(text):
            picked.append(text.strip())
            size += len(text)
    return " ".join(picked)[:chars]  # lines hold no line break: fastText refuses one


@cache
def _model() -> fasttext.FastText._FastText:
    """fastText's compressed language-ID model (lid.176.ftz, 176 languages, <1 MB, CC BY-SA 3.0: see
    data/NOTICE.md), carried in the package: no download, no second package to find it in."""
    return fasttext.load_model(str(Path(__file__).with_name("data") / "lid.176.ftz"))
