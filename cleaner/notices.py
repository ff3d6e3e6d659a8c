"""Site notices that read like prose: consent and cookie texts, newsletter sign-up terms, comment
guidelines, registration and password messages, affiliate and tracking disclosures, printed inside
or around an article page.

Their sentences are prose-shaped (the line score and the article's clusters take them for text), but
they speak of the site itself: its cookies, the reader's e-mail address and data, consent, sign-up,
comments and their moderation. One such word is common in an article (a story about data or
newsletters); three different kinds of them in one line are the notice's own vocabulary. The kinds
are counted, not the words: an article on cookies names cookies many times, but one kind. And a notice
speaks to the reader or for the site (you, your, we, our): an article tells of others.
"""

from __future__ import annotations

import operator
import re

import ahocorasick

from .article import Category
from .page import Heuristic, Page
from .lines import remembered
from .rules import language_words

NOTICE_MIN_KINDS = 3  # different kinds of site words in one line (two is common in articles on the web)
STEM_KEY = 4  # stems are looked up by their first letters (the shortest stem's): most words match none
NOTICE_MIN_WORDS = 8  # shorter lines are buttons and labels, left to the rules and the short-line passes

# Kinds of site words: a word, a stem (ending in "*": the word's inflections) or a phrase of several words
# (joined by "_"), each kind a word list of the packs' language tables (`notice_cookie`...), every pack's
# together. A kind counts once per line however often its words occur.
KINDS = ("cookie", "newsletter", "mail", "privacy", "consent", "subscribe", "password", "browser", "site", "terms",
         "revoke", "ads", "data", "moderation", "tracking")
# The site's voice: a notice speaks to the reader or for the site ("your e-mail", "we use"); an article
# about such things tells of others ("the authors advise sites ..."). Words and stems ("*"), as above.
_VOICE = language_words("site_voice")
_VOICE_WORDS = frozenset(w for w in _VOICE if not w.endswith("*"))
_VOICE_STEMS = tuple(sorted(w[:-1] for w in _VOICE if w.endswith("*")))


# A word: letters, with the hyphens and apostrophes inside it ("e-mail", "d'utilisation").
_TOKEN = re.compile(r"[\w'’-]+")


def _index() -> tuple[dict[str, str], dict[str, list[tuple[str, str]]], list[tuple[str, str]]]:
    """Words, stems (by their first letters) and phrases of the kinds, each with its kind."""
    words: dict[str, str] = {}
    stems: dict[str, list[tuple[str, str]]] = {}
    phrases: list[tuple[str, str]] = []
    for kind in KINDS:
        for entry in sorted(language_words(f"notice_{kind}")):
            if "_" in entry:
                phrases.append((" " + entry.replace("_", " "), kind))
            elif entry.endswith("*"):
                stems.setdefault(entry[:STEM_KEY], []).append((entry[:-1], kind))
            else:
                words[entry] = kind
    return words, stems, phrases


_WORDS, _STEMS, _PHRASES = _index()
_STEM_KEY = operator.itemgetter(slice(STEM_KEY))
# The first letters of every site word and stem: a cheap first look at a line.
_KEYS = frozenset(map(_STEM_KEY, [*_WORDS, *_STEMS]))


def _key_scanner() -> ahocorasick.Automaton:
    """The keys as a line's words start with them: after a space, and a key shorter than `STEM_KEY` (a whole
    word) before one too; scanned in `" " + line + " "`."""
    scan = ahocorasick.Automaton()
    for key in _KEYS:
        scan.add_word(f" {key} " if len(key) < STEM_KEY else f" {key}", key)
    scan.make_automaton()
    return scan


_KEY_SCAN = _key_scanner()


def _key_count(folded: str) -> int:
    """How many keys the casefolded line's words (as `str.split` cuts them) start with. In printable text the only
    whitespace is the space: one scan in C finds them (measured 3.3 -> 2.0 us a bench line, where splitting
    makes a string of every word and slices each); other text is split."""
    if folded.isprintable():
        return len({key for _, key in _KEY_SCAN.iter(f" {folded} ")})
    return len(_KEYS.intersection(map(_STEM_KEY, folded.split())))


def notice_kinds(text: str) -> int:
    """How many different kinds of site words the line holds."""
    folded = text.casefold()
    tokens = _tokens(folded)
    return _count(folded, tokens, set(map(_STEM_KEY, tokens)))


def _tokens(folded: str) -> set[str]:
    """The line's words, and the parts of its hyphenated ones ("tracking-cookies": also "tracking", "cookies")."""
    tokens = set(_TOKEN.findall(folded))
    if "-" in folded:
        tokens.update(part for token in [*tokens] if "-" in token for part in token.split("-"))
    return tokens


def _count(folded: str, tokens: set[str], keys: set[str], words_first: int = 0) -> int:
    """`notice_kinds` of a line's casefolded text, its words and their first letters. The phrases are
    looked for only when the words give `words_first` kinds or more (each costs a pass over the line)."""
    kinds = {_WORDS[token] for token in tokens.intersection(_WORDS)}
    if not keys.isdisjoint(_STEMS):  # in C: most lines have no word of a stem's first letters
        kinds.update(kind for token in tokens if token[:STEM_KEY] in _STEMS
                     for stem, kind in _STEMS[token[:STEM_KEY]] if token.startswith(stem))
    if len(kinds) >= words_first:
        kinds.update(kind for phrase, kind in _PHRASES if phrase in folded)
    return len(kinds)


def site_notices(page: Page) -> None:
    """Lines of several words that hold three kinds of site words or more, in the site's voice, go as a
    site notice, unless they outweigh the page's other prose: then the page is about such things (a
    privacy policy, a guide to browser settings) and its text stays."""
    found = [i for i in page.nonblank if page.verdicts[i] is None and _notice(page, i)]
    if not found:
        return
    found_set = set(found)  # their length in characters: words are counted only where needed (Features)
    notice_chars = sum(f.chars for i in found if (f := page.features[i]) is not None)
    prose_chars = sum(f.chars for i in page.goods() if i not in found_set and (f := page.features[i]) is not None)
    if notice_chars >= prose_chars:
        return
    for i in found:
        page.verdicts[i] = SITE_NOTICE.removal
    _notice_neighbours(page, found)


def _notice_neighbours(page: Page, found: list[int]) -> None:
    """A notice's own block goes on in lines with fewer of its words ("Please understand that comments are
    moderated ...", under comment rules that name e-mail and terms): a line next to a notice (the nearest line
    that prints something, over or under it), in the site's voice, with one kind of site word or more, is
    the notice's too; and so on along the block."""
    nonblank = page.nonblank
    position = {i: k for k, i in enumerate(nonblank)}
    todo = list(found)
    while todo:
        k = position[todo.pop()]
        for m in (k - 1, k + 1):
            if 0 <= m < len(nonblank) and page.open(j := nonblank[m]) and _neighbour_notice(page.lines[j].text):
                page.verdicts[j] = SITE_NOTICE.removal
                todo.append(j)


def _neighbour_notice(text: str) -> bool:
    folded = text.casefold()
    if text.count(" ") < NOTICE_MIN_WORDS - 1 or _key_count(folded) == 0:
        return False
    tokens = _tokens(folded)
    return _in_voice(tokens) and _count(folded, tokens, set(map(_STEM_KEY, tokens)), 1) >= 1


def _notice(page: Page, i: int) -> bool:
    """Three kinds of site words or more, in the site's voice, in a line of several words."""
    text = page.lines[i].text
    return (page.features[i] is not None and text.count(" ") >= NOTICE_MIN_WORDS - 1  # words, cheaply
            and _voiced_kinds(text) >= NOTICE_MIN_KINDS)


@remembered
def _voiced_kinds(text: str) -> int:
    """Kinds of site words in a line in the site's voice; 0 for a line in another voice. Remembered: a
    crawl prints its templates' notices on every page."""
    folded = text.casefold()
    if _key_count(folded) < NOTICE_MIN_KINDS - 1:
        return 0  # too few site words to look closer (in C: most lines of prose end here)
    tokens = _tokens(folded)
    # The voice before the kinds: it costs less than counting them, and two in three of the lines that pass
    # the test above are in another voice (bench and devset lines; this function over a page's lines:
    # 131 -> 121 us a bench document, 298 -> 282 a devset page).
    if not _in_voice(tokens):
        return 0
    return _count(folded, tokens, set(map(_STEM_KEY, tokens)), NOTICE_MIN_KINDS - 1)  # a phrase or two makes no notice alone


def _in_voice(tokens: set[str]) -> bool:
    """Does the line speak to the reader or for the site (a word or stem of `_VOICE`)?"""
    return not tokens.isdisjoint(_VOICE_WORDS) or any(token.startswith(_VOICE_STEMS) for token in tokens)


SITE_NOTICE = Heuristic("site-notice", Category.OTHER, "A line that speaks of the site in three kinds of its words "
                        "(cookies, e-mail, data, consent, sign-up, comments, terms): a consent, newsletter or "
                        "comment-rules notice; and the lines next to it, in the site's voice, with one kind of "
                        "them (its block).", site_notices)
