"""Author bios at the end of an article: "Jane Roe covers transport for the paper. Follow her on ...",
"Max Muster ist freier Journalist und lebt in Köln.", "Ana Ruiz es periodista y escribe sobre ...".

A bio is prose, so the article's end takes it in. It opens with a person's name (capitalized words)
and names the writer's trade (reporter, Journalistin, rédactrice, periodista, ...) or what the writer
covers within its first words; and it stands last in the article, after its paragraphs. In the middle
of an article a line of that shape is a person the story is about, and stays. Under the author's name alone on
its line ("Jane Roe" / "Freie Autorin in Berlin, schreibt über ...") the bio need not repeat the name: there a
line that names the trade within its first words is the bio too.
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
BIO_NAME_REACH = 3  # short lines looked at above a bio for the author's name ("Jane Roe" / "Staff writer")


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
_BYLINE_PARTICLES = language_words("byline_particles")  # "By Jane Roe", "Von Max Muster": the name after it
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


def names_the_trade_early(text: str) -> bool:
    """"Freie Autorin in Berlin ...", "Schreibt seit 2008 für ... War Korrespondent ...": a line that opens a
    sentence (not a line broken mid-sentence) and names the trade within its first words, the name left to the
    line above."""
    return text[:1].isupper() and _CUE.search(" ".join(text.split()[:BIO_CUE_REACH])) is not None


def name_above(page: Page, at: int) -> int | None:
    """The line of the author's name alone ("Jane Roe", "By Jane Roe") among the short lines right above
    `page.nonblank[at]`, or None: a long line ends the look."""
    for i in reversed(page.nonblank[max(0, at - BIO_NAME_REACH):at]):
        f = page.features[i]
        if f is None or f.words > BIO_SHORT_MAX_WORDS:
            return None
        words = page.lines[i].text.split()
        if words and words[0].casefold() in _BYLINE_PARTICLES:
            words = words[1:]
        name = " ".join(words) + " "  # the pattern takes each name word with the space after it
        if (match := _NAME.match(name)) is not None and match.end() == len(name) \
                and words[0].casefold() not in page.stoplist:
            return i
    return None


def author_bios(page: Page) -> None:
    """From the article's last line back, bios go; short lines between are passed over, and the first
    other line of the article ends the search."""
    body = Kind.BODY  # an enum member: looked up once, not a line
    for at in range(len(page.nonblank) - 1, -1, -1):
        i = page.nonblank[at]
        verdict, f = page.verdicts[i], page.features[i]
        if verdict is not None and verdict.kind is not body:
            continue  # removed, or the headline and metadata: not the article's text
        if f is None or f.words <= BIO_SHORT_MAX_WORDS:
            continue
        text = page.lines[i].text
        if f.words < BIO_MIN_WORDS:
            return
        if is_bio(text, page.stoplist):
            page.verdicts[i] = AUTHOR_BIO.removal
            continue
        name = name_above(page, at) if names_the_trade_early(text) else None
        if name is None:
            return
        page.verdicts[i] = AUTHOR_BIO.removal
        if (v := page.verdicts[name]) is None or v.kind is body:  # the name heads the bio's box
            page.verdicts[name] = AUTHOR_BIO.removal


AUTHOR_BIO = Heuristic("author-bio", Category.BYLINE, "The article's last lines that open with a name and name a "
                       "writer's trade (\"Jane Roe covers transport ...\", \"... ist freie Journalistin\"), or name "
                       "it under the author's name alone on its line (\"Jane Roe\" / \"Staff writer. Has covered "
                       "...\"): the author's bio.", author_bios)
