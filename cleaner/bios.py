"""Author bios at the end of an article: "Jane Roe covers transport for the paper. Follow her on ...",
"Max Muster ist freier Journalist und lebt in Köln.", "Ana Ruiz es periodista y escribe sobre ...".

A bio is prose, so the article's end takes it in. It opens with a person's name (capitalized words)
and names the writer's trade (reporter, Journalistin, rédactrice, periodista, ...) or what the writer
covers within its first words; and it stands last in the article, after its paragraphs. In the middle
of an article a line of that shape is a person the story is about, and stays.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .article import Category
from .page import Heuristic, Kind, Page
from .rules import language_words

BIO_NAME_MAX_WORDS = 4  # a name's capitalized words ("Jean-Luc de la Tour" counts its particles too)
BIO_CUE_REACH = 25  # the trade is named within the line's first words
BIO_MIN_WORDS = 8  # a shorter line is a name or a link ("More articles by ..."), left to other passes
BIO_SHORT_MAX_WORDS = 6  # short lines after a bio ("Follow her on X") are passed over, not taken


def _alternation(words: Iterable[str]) -> str:
    """Words of the packs' tables as a regex alternation: a stem ("reporter*") takes the word's endings, a
    phrase ("writes_about") its words in a row."""
    return "|".join(regex.escape(word[:-1]) + r"\w*" if word.endswith("*") else regex.escape(word.replace("_", " "))
                    for word in sorted(words))


# A name: capitalized words (initials, hyphens, apostrophes), with the lower-case particles of names between them
# and the words that join two surnames.
_PARTICLES = _alternation(language_words("name_particles") | language_words("name_joiners"))
_NAME = regex.compile(
    rf"^(?:\p{{Lu}}[\p{{L}}'’.-]*\s+(?:(?:{_PARTICLES})\s+)?)"
    f"{{2,{BIO_NAME_MAX_WORDS}}}")
# The writer's trade, or what a writer does, in the pack languages.
_CUE = regex.compile(rf"(?<!\p{{L}})(?:{_alternation(language_words('writer_trades'))})(?!\p{{L}})", regex.IGNORECASE)


def names_a_trade(text: str) -> bool:
    """"Senior Politics Editor", "Staff Writer": a writer's trade, which a person's name never holds."""
    return _CUE.search(text) is not None


def is_bio(text: str, stoplist: frozenset[str]) -> bool:
    """A line that opens with a name (not with a word of the language's stoplist: "The Mayor said ...")
    and names a writer's trade within its first words."""
    name = _NAME.match(text)
    if name is None or text.split(maxsplit=1)[0].casefold() in stoplist:
        return False
    rest = " ".join(text[name.end():].split()[:BIO_CUE_REACH])
    return rest[:1].islower() and _CUE.search(rest) is not None


def author_bios(page: Page) -> None:
    """From the article's last line back, bios go; short lines between are passed over, and the first
    other line of the article ends the search."""
    body = Kind.BODY  # an enum member: looked up once, not a line
    for i in reversed(page.nonblank):
        verdict, f = page.verdicts[i], page.features[i]
        if verdict is not None and verdict.kind is not body:
            continue  # removed, or the headline and metadata: not the article's text
        if f is None or f.words <= BIO_SHORT_MAX_WORDS:
            continue
        if f.words < BIO_MIN_WORDS or not is_bio(page.lines[i].text, page.stoplist):
            return
        page.verdicts[i] = AUTHOR_BIO.removal


AUTHOR_BIO = Heuristic("author-bio", Category.BYLINE, "The article's last lines that open with a name and name a "
                       "writer's trade (\"Jane Roe covers transport ...\", \"... ist freie Journalistin\"): the "
                       "author's bio.", author_bios)
