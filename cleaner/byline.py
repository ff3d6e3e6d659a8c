"""The byline: the author's line near the article start, marked ("By Jane Roe", "Written by", "著者："), a bare
name by the headline or the date line, or a name with its date or outlet ("Jane Roe · Coast Daily · May 9").

The headline's and dateline's search (`metadata`) asks this module whether a line is a byline's, to pass it.
"""

from __future__ import annotations

import re
from itertools import islice

import regex

from .article import Category
from .bios import names_a_trade
from .features import Label
from .page import Heuristic, Kind, Page, Verdict
from .dates import DATE_LABELS, date_in
from .rules import language_words

MARKED_BYLINE_MAX_CHARS = 120  # "By Jane Roe and John Doe, Local Democracy Reporter · Dec 9, 2024, 4:19 PM ET"
MARKED_BYLINE_MAX_WORDS = 12  # words of letters besides the date and its labels
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 4
NAME_MAX_TOKENS = 10  # words of a name line, byline and name particles ("von", "de la") included
# "By", "Von", "Par", "Por", "Di", "Door", "Av", "Af", "Przez", "Автор": a name's byline marker.
BYLINE_PARTICLES = language_words("byline_particles")
BYLINE_VERBS = language_words("byline_verbs")
NAME_PARTICLES = language_words("name_particles")


def byline_like(page: Page, i: int) -> bool:
    """An author line (a byline rule's hit, or "By ..."): the byline pass takes it, date and all."""
    hit = page.hits[i]
    return ((hit is not None and hit.category is Category.BYLINE) or _after_particle(page.lines[i].text) is not None
            or _name_then_stamp(page, page.lines[i].text) or _dated_byline(page, page.lines[i].text))

DATED_BYLINE_GAP_WORDS = 5  # "at 6:08 PM ET", "10:44 am PST": a time between the date and the byline particle


def _dated_byline(page: Page, text: str) -> bool:
    """"March 4, 2025 at 6:08 PM ET by Jane Roe", "4. März 2025 von Anna Berg": a date, maybe its time, then a
    byline particle and a name: the byline (the date is read from it), not a date line."""
    if len(text) > MARKED_BYLINE_MAX_CHARS or (printed := date_in(text)) is None:
        return False
    after = text[text.find(printed) + len(printed):].split()
    k = next((k for k, t in enumerate(after[:DATED_BYLINE_GAP_WORDS + 1]) if t.casefold() in BYLINE_PARTICLES), None)
    return k is not None and name_words(page, " ".join(after[k:]))


def find_byline(page: Page, start: int, stop: int) -> int | None:
    """The byline: the first author line (a byline-category rule hit, or a line a byline particle
    opens) from `start` to `stop`; or else the first author line before `stop`, or a bare name next
    to the headline or the dateline. Other author lines (bios, signatures) are removed. A
    name-shaped byline found while looking for the headline counts as the first."""
    verdicts, byline, author = page.verdicts, Kind.BYLINE, Category.BYLINE  # enum members looked up once, not a line
    found = next((i for i, v in enumerate(verdicts) if v is not None and v.kind is byline), None)
    authors = [i for i, rule in enumerate(page.hits) if rule is not None and rule.category is author and verdicts[i] is None]
    if found is None:
        found = next((i for i in authors if start <= i < stop), None)
        if found is None:
            found = _marked_byline(page, start, stop)
        if found is None:
            found = next((i for i in authors if i < stop), None)
        if found is not None:
            verdicts[found] = Verdict(byline)
    for i in authors:
        if i != found:
            page.remove(i, author, page.hits[i].id)  # type: ignore[union-attr]
    if found is None:
        found = _name_by_metadata(page, start, stop)
    return found


def _marked_byline(page: Page, start: int, stop: int) -> int | None:
    """The first line from `start` to `stop` that a byline particle opens and, past it, holds a few
    capitalized words, maybe with a date and time, a role or an outlet ("By Jane Roe Dec 9, 2024",
    "Von Anna Berg · 5. Mai 2024, 10:12 Uhr", "by Jane Roe @janeroe"): the byline."""
    for i in range(max(0, start), min(stop, len(page.lines))):
        if not _bylinable(page, i):
            continue
        text = page.lines[i].text
        if page.open(i) and (particle_byline(text) or _name_then_stamp(page, text) or _dated_byline(page, text)
                             or _name_over_handle(page, i)):
            page.verdicts[i] = Verdict(Kind.BYLINE)
            return i
        # "By" alone, the name on a line of its own; either may have gone as a repeated line (an author
        # box at the end prints them again), and the name may be in capitals ("By" / "JANE ROE").
        if _particle_alone(text):
            name = next((j for j in range(i + 1, min(i + 3, len(page.lines))) if page.features[j] is not None), None)
            if name is not None and _bylinable(page, name) and (name_words(page, _uncapped(page.lines[name].text))
                                                                or _unspaced_name(page.lines[name].text)):
                page.verdicts[i] = BYLINE_PARTICLE.removal
                page.verdicts[name] = Verdict(Kind.BYLINE)
                return name
    return None

_CAPITALS = regex.compile(r"\b\p{Lu}{2,}\b")


def _uncapped(text: str) -> str:
    """"JANE ROE", "ABC News Desk" -> "Jane Roe", "Abc News Desk": words in capitals read as a name's."""
    return str(_CAPITALS.sub(lambda m: m[0].title(), text))


def _name_then_stamp(page: Page, text: str) -> bool:
    """"Jane Roe / 18 May 2024", "Jane Roe · Coast Daily · Posted: May 18, 2024", "Jane Roe,
    @janeroe": a name, then after a separator a date, an outlet or a handle."""
    if len(text) > MARKED_BYLINE_MAX_CHARS:
        return False
    parts = NAME_SEPARATOR.split(text, maxsplit=1)
    if (len(parts) < 2 or not name_words(page, parts[0]) or names_a_trade(parts[0])  # "Senior Editor, The Daily"
            or any(w.casefold() in DATE_LABELS for w in parts[0].split())):  # "Published Tue, Dec 20 2016"
        return False
    rest = parts[1]
    return date_in(rest) is not None or rest.lstrip().startswith("@") or particle_byline(f"by {rest}")


_HANDLE = regex.compile(r"@[\w.]{2,30}")  # "@janeroe": a social account's handle alone on its line
HANDLE_REACH = 2  # lines that print a letter, at most, from a name to its handle ("Jane Roe" / "," / "@janeroe")


def _name_over_handle(page: Page, i: int) -> bool:
    """"Jane Roe" over "@janeroe": a name, and its account's handle alone on one of the next lines (a scraper
    printed the author box's pieces one a line): the author."""
    if not name_words(page, page.lines[i].text):
        return False
    lettered = (j for j in range(i + 1, len(page.lines)) if LETTER.search(page.lines[j].text))
    return any(_HANDLE.fullmatch(page.lines[j].text.strip()) for j in islice(lettered, HANDLE_REACH))


def _after_particle(text: str) -> str | None:
    """What follows the byline particle a line opens with ("By", "Written by", "Von:", "著者："), or None."""
    first, _, rest = text.partition(" ")
    if first.casefold() in BYLINE_VERBS:  # "Written by Jane Roe", "Geschrieben von Anna Berg"
        first, _, rest = rest.partition(" ")
    if first.rstrip(":").casefold() in BYLINE_PARTICLES:
        return rest
    first, colon, rest = text.partition("：")  # "著者：後藤大地": a full-width colon, no space
    return rest if colon and first.casefold() in BYLINE_PARTICLES else None


def _particle_alone(text: str) -> bool:
    """"By", "Von:", "Written by", "著者：": a byline particle on a line of its own, the name on the next."""
    return _after_particle(text.rstrip(":：") + " ") == ""


def particle_byline(text: str) -> bool:
    if len(text) > MARKED_BYLINE_MAX_CHARS or (rest := _after_particle(text)) is None:
        return False
    if _unspaced_name(rest.strip()):
        return True
    printed = date_in(rest)
    if printed is not None:
        rest = rest.replace(printed, " ")
    names = [w for w in _BYLINE_WORD.findall(rest) if w.casefold() not in DATE_LABELS]
    capitalized = [w for w in names if w[:1].isupper()]
    return 1 <= len(capitalized) and len(capitalized) * 2 >= len(names) and len(names) <= MARKED_BYLINE_MAX_WORDS

# A name in a script without capitals, written without a space inside it ("後藤大地", "谢若含", "小暮ひさのり",
# "김민준"): a few Han or kana with a Han among them (a line of katakana alone is a loanword: "セキュリティ"), or
# a few Hangul syllables; maybe a space between family and given name.
_UNSPACED_NAME = regex.compile(
    r"(?=.*\p{Han})[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,4}[ \u3000]?[\p{Han}\p{Hiragana}\p{Katakana}ー]{1,4}"
    r"|\p{Hangul}{1,4}[ ]?\p{Hangul}{1,4}")
UNSPACED_NAME_CHARS = range(3, 7)  # letters of such a name, both parts ("記事", "印刷": two are a label's)


def _unspaced_name(text: str) -> bool:
    return (_UNSPACED_NAME.fullmatch(text) is not None
            and len(text.replace(" ", "").replace("\u3000", "")) in UNSPACED_NAME_CHARS)

_NAME_NEIGHBOURS = (Kind.HEADLINE, Kind.DATELINE)  # the lines a bare name is a byline next to
LETTER = regex.compile(r"\p{L}")  # a line without one (a separator, a counter, a running time) says nothing
NAME_REACH = 3  # nonblank lines at most between a bare author name and the headline or date line it stands by
REPEATED = "repeated-line"  # the heuristic that removes a line the page prints again (`repeated_lines`)


def _name_by_metadata(page: Page, start: int, stop: int) -> int | None:
    """A bare author name ("Jane Roe", "Jane Roe | jroe@example.org", none of its words one the prose
    prints in lower case) a few lines from the headline or the date line, with only short lines between (a
    "By" on its own, a reading time, a separator), nearest first, those under first. The name may have gone as a repeated line:
    an author box at the article's end prints it again. A "By" alone right over it goes with it."""
    verdicts, labels = page.verdicts, page.labels
    nonblank = [i for i in range(max(0, start), min(stop, len(page.lines))) if labels[i] is not Label.BLANK]
    anchors = [k for k, i in enumerate(nonblank) if (v := verdicts[i]) is not None and v.kind in _NAME_NEIGHBOURS]
    if not anchors:
        return None
    # The prose's words are read only for a line shaped like a name: on 1,500 bench documents 73 of
    # 387 calls reach one, and reading them all cost the byline pass 45 of its 70 us a document.
    lower: set[str] | None = None
    for side in (1, -1):  # under the headline or date line first: a section label stands over them
        for distance, a in ((d, a) for d in range(1, NAME_REACH + 1) for a in anchors):
            k = a + side * distance
            if not 0 <= k < len(nonblank):
                continue
            i = nonblank[k]
            if any(labels[j] is Label.GOOD for j in nonblank[min(a, k) + 1:max(a, k)]) or not _bylinable(page, i):
                continue
            text = page.lines[i].text
            if _unspaced_name(text):  # no case to tell it from a label: right under the anchor, not in the prose
                between = nonblank[a + 1:k]  # (a section label stands over the headline, "公開日" over its date)
                if (side == 1 and not any(LETTER.search(page.lines[j].text) for j in between)
                        and not any(text in page.lines[g].text for g in page.goods())):
                    verdicts[i] = Verdict(Kind.BYLINE)
                    return i
                continue
            name = NAME_SEPARATOR.split(text, maxsplit=1)[0]
            if not (name_shaped(page, i) or _name_then_mail(page, text) or _names(page, text)):
                continue
            if lower is None:
                lower = _lower_case_words(page)
            if lower.isdisjoint(w.casefold() for w in name.split()):
                verdicts[i] = Verdict(Kind.BYLINE)
                if k > 0 and page.lines[nonblank[k - 1]].text.rstrip(":").casefold() in BYLINE_PARTICLES:
                    page.verdicts[nonblank[k - 1]] = BYLINE_PARTICLE.removal
                return i
    return None


def _lower_case_words(page: Page) -> set[str]:
    """The words the page's prose prints in lower case: a title-case label ("World News", "Saved Studies")
    is made of them, a person's name is not."""
    texts = [page.lines[i].text for i in page.goods()]
    return {w for text in texts for w in (_ASCII_BYLINE_WORD if text.isascii() else _BYLINE_WORD).findall(text) if w[0].islower()}


def _bylinable(page: Page, i: int) -> bool:
    """Undecided, or removed only for being printed twice (a name the author box repeats)."""
    v = page.verdicts[i]
    return page.open(i) or (v is not None and v.rule == REPEATED and page.hits[i] is None)


NAMES_MIN = 2  # names in a list of authors ("Jane Roe, John Doe, Ann Lee")
NAMES_MAX_CHARS = 1000  # a paper's list of twenty authors; longer is prose
_NAME_LIST_SEPARATOR = regex.compile(r"\s*[,;&]\s*")


def _names(page: Page, text: str) -> bool:
    """"Jane Roe , John Doe , Ann Lee": a list of authors, two names or more and two in three of its items names
    (a scraper prints a profile link among them: "View Profile Jane Roe")."""
    if len(text) > NAMES_MAX_CHARS:
        return False
    items = [item for item in _NAME_LIST_SEPARATOR.split(text) if item]
    named = sum(1 for item in items if name_words(page, item))
    return named >= NAMES_MIN and 3 * named >= 2 * len(items)


def _name_then_mail(page: Page, text: str) -> bool:
    """"Jane Roe | jroe@example.org": a name, then after a separator a mail address."""
    parts = NAME_SEPARATOR.split(text, maxsplit=1)
    return len(parts) == 2 and "@" in parts[1] and len(parts[1].split()) == 1 and name_words(page, parts[0])


def name_shaped(page: Page, i: int) -> bool:
    """Two to four capitalized words of letters, no short function word: how a bare author
    name looks ("Jane Doe", "Tomasz Nowicki", "J. R. Smith"), maybe after a byline particle
    ("Di Marco Rossi", "Door Anna de Vries"). Stoplists hold frequent first names, so stopword
    density cannot decide this."""
    return name_words(page, page.lines[i].text)


def name_words(page: Page, text: str) -> bool:
    tokens = text.split()
    if len(tokens) > NAME_MAX_TOKENS:  # prose: spare the look at every word
        return False
    if tokens and tokens[0].casefold() in BYLINE_PARTICLES:
        tokens = tokens[1:]
    tokens = [t for t in tokens if t.casefold() not in NAME_PARTICLES]
    return (
        NAME_MIN_WORDS <= len(tokens) <= NAME_MAX_WORDS
        and all(_NAME_TOKEN.fullmatch(t) for t in tokens)
        and not any(page.function_word(t) for t in tokens)
    )


# "Jane", "J.", "T.C.", "Lloyd-Jones", and a surname's prefix joined to a capital ("McDonald", "DiCaprio")
_NAME_TOKEN = regex.compile(r"(?:Mc|Mac|Di|De|Du|La|Le)?\p{Lu}(?:\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|\.(?:\p{Lu}\.)*)")
NAME_SEPARATOR = regex.compile(r"\s+[/·•|–—-]\s+|,\s+")  # after a byline's name: "Jane Roe / May 18"
_BYLINE_WORD = regex.compile(r"(?<![@#\w])\p{L}[\p{L}\p{M}'’.-]*")  # words, not handles or hashtags
_ASCII_BYLINE_WORD = re.compile(r"(?<![@#\w])[A-Za-z][A-Za-z'.-]*")  # the same on ASCII text, by the faster standard engine


BYLINE_PARTICLE = Heuristic("byline-particle", Category.BYLINE, "\"By\" (or its like) alone on a line over the "
                            "author's name: part of the byline.", find_byline)
