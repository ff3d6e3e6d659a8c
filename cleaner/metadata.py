"""Headline, dateline (with its ISO date) and byline, found among the lines around the article start.

Month and weekday names come from dateparser's locale data (installed with trafilatura), so a
dateline in any pack language is recognized without a hand-made calendar. The printed date is
turned into ISO 8601 here, from those names: dateparser's own parser costs about a millisecond a
call and fills a missing year from the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Iterable

import regex

from .article import Category
from .heuristics import Kind, Label, Page, Verdict
from .language import LANGUAGES, words

DATELINE_MAX_CHARS = 100
DATELINE_MAX_OTHER_WORDS = 2  # words besides the date and its labels: a place ("Kyiv"), a zone
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 250
DECK_MIN_WORDS = 5  # a line under the headline this long, not a caption, is a standfirst: body
SPLIT_MIN_WORDS = 3
# jusText's stoplists hold frequent words ("city", "line"), not only function words; a short
# frequent word ("in", "of", "the") is the kind a headline never ends on.
FUNCTION_WORD_MAX_CHARS = 3
LABEL_MAX_WORDS = 2  # a line this short between headline and text is a label, passed when looking up
LABELS_PASSED_MAX = 2
NAME_MIN_WORDS = 2
NAME_MAX_WORDS = 4
TITLE_ABOVE_REACH = 5
# "By", "Von", "Par", "Por", "Di", "Door", "Av", "Af", "Przez", "Автор": a name's byline marker.
BYLINE_PARTICLES = frozenset("by von par por di door av af przez автор".split())
NAME_PARTICLES = frozenset("de da di del della van von der den le la du dos das".split())  # lines (blank ones included) between a headline and a bare author name  # both halves of a glued headline/subtitle must be at least this long

# Words that surround printed dates: "Published", "Updated", "on", "at", time-zone names...
DATE_LABELS = frozenset("""
published updated posted last modified on at am pm a.m p.m et est edt cet cest gmt utc bst pst pdt msk eet eest
uhr um veröffentlicht aktualisiert zuletzt stand von publié mis à jour le la à h publicado actualizado
actualización el las los de del a hs hrs pubblicato aggiornato il alle ore gepubliceerd bijgewerkt op om
atualizado atualização em às opublikowano zaktualizowano aktualizacja o godz dnia
опубликовано обновлено обновлён в г года опубліковано оновлено о р року від до
""".split())
_NUMERIC_DATE = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"


@dataclass(frozen=True)
class Calendar:
    """Month and weekday names of every pack language, and a pattern for a printed date."""

    month_numbers: dict[str, int]  # "february", "feb", "lutego", "févr" -> 2
    weekdays: frozenset[str]
    pattern: regex.Pattern[str]


@cache
def _calendar() -> Calendar:
    from dateparser.languages import default_loader  # slow import: only when a date is looked for

    months: dict[str, int] = {}
    weekdays: set[str] = set()
    month_keys = ["january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december"]
    day_keys = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for code in LANGUAGES:
        info = default_loader.get_locale(code).info
        for number, key in enumerate(month_keys, 1):
            months.update((n.casefold().rstrip("."), number) for n in info.get(key, []) if len(n) >= 3)
        weekdays.update(n.casefold() for k in day_keys for n in info.get(k, []) if len(n) >= 2)
    month = "|".join(sorted((regex.escape(m) for m in months), key=len, reverse=True))
    pattern = regex.compile(
        rf"(?<!\w)(?:{_NUMERIC_DATE}"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{month})\.?(?:,?\s+(?:de\s+)?\d{{4}})?"
        rf"|(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        rf"|(?:{month})\s+\d{{4}})(?!\w)",
        regex.IGNORECASE,
    )
    return Calendar(months, frozenset(weekdays), pattern)


def date_in(text: str) -> str | None:
    """The printed date inside a line, if the line holds one."""
    m = _calendar().pattern.search(text)
    return m.group(0) if m else None


def is_dateline(text: str) -> bool:
    """A standalone date line: a printed date, and besides it only labels, times and a place."""
    if len(text) > DATELINE_MAX_CHARS or not any(c.isdigit() for c in text):
        return False
    calendar = _calendar()
    if not calendar.pattern.search(text):
        return False
    rest = calendar.pattern.sub(" ", text)
    other = [
        w for w in words(rest)
        if w not in DATE_LABELS and w not in calendar.month_numbers and w not in calendar.weekdays
    ]
    return len(other) <= DATELINE_MAX_OTHER_WORDS


def iso_date(text: str) -> str | None:
    """ISO 8601 date of the printed date in `text`, when it names day, month and year.

    A date without a year gets none: guessing it would need the clock, and the core reads no clock.
    Numeric dates are read day first ("27.02.2024"), unless the first number cannot be a month's
    day order ("02/27/2024" is read as US).
    """
    printed = date_in(text)
    if printed is None:
        return None
    numbers = [int(n) for n in regex.findall(r"\d+", printed)]
    if m := regex.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", printed):
        year, month, day = (int(g) for g in m.groups())
    elif regex.fullmatch(_NUMERIC_DATE, printed):
        day, month, year = numbers
        if month > 12 >= day:
            day, month = month, day
        if year < 100:
            year += 2000 if year < 70 else 1900
    else:
        names = [w.rstrip(".") for w in words(printed)]
        month = next((_calendar().month_numbers[w] for w in names if w in _calendar().month_numbers), 0)
        years = [n for n in numbers if n >= 1000]
        days = [n for n in numbers if n < 100]
        if not (month and years and days):
            return None
        year, day = years[0], days[0]
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# A wire dateline opening the first paragraph: "KYIV, Feb 27 (Reuters) - ", "BERLIN (dpa) – ",
# "WASHINGTON — ". The place is in capitals (or any case, before an agency in parentheses), then the
# sentence after the dash starts with a capital (so "NATO - the alliance - said" is no dateline).
_WIRE = regex.compile(
    r"^(?P<dateline>\p{Lu}[\p{L}\p{M}'’. -]{2,40}?"
    r"(?:,\s*[^,()\n–—-]{2,40}?){0,2}"
    r"(?:\s*\([^()\n]{2,40}\))?)"
    r"\s*(?:-|–|—|--)\s+[\p{Lu}\p{N}\"'“‘«]"
)


def wire_dateline(paragraph: str) -> str | None:
    m = _WIRE.match(paragraph)
    if not m:
        return None
    dateline = m.group("dateline").strip()
    place = dateline.split(",")[0].split("(")[0].strip()
    return dateline if sum(c.isalpha() for c in place) >= 3 and ("(" in dateline or place.isupper()) else None


# --- finding them on a page ------------------------------------------------------------------

def find_dateline(page: Page, start: int, stop: int) -> int | None:
    """The first standalone date line around the article start (a few lines above the headline
    to a few lines into the article)."""
    for i in range(max(0, start), min(len(page.lines), stop)):
        if page.open(i) and page.labels[i] is not Label.GOOD and is_dateline(page.lines[i].text):
            page.verdicts[i] = Verdict(Kind.DATELINE)
            return i
    return None


def find_byline(page: Page, start: int, stop: int) -> int | None:
    """The byline: the first author line (a byline-category rule hit) before `stop`, or else a
    bare name next to the headline or the dateline; other author lines (bios, signatures) are
    removed. A name-shaped byline found while looking for the headline counts as the first."""
    found = next((i for i, v in enumerate(page.verdicts) if v is not None and v.kind is Kind.BYLINE), None)
    for i, rule in enumerate(page.hits):
        if rule is None or rule.category is not Category.BYLINE or page.verdicts[i] is not None:
            continue
        if found is None and i < stop:
            page.verdicts[i] = Verdict(Kind.BYLINE)
            found = i
        else:
            page.remove(i, Category.BYLINE, rule.id)
    if found is None:
        found = _name_by_metadata(page, start, stop)
    return found


def _name_by_metadata(page: Page, start: int, stop: int) -> int | None:
    nonblank = [i for i in range(max(0, start), min(stop, len(page.lines))) if page.labels[i] is not Label.BLANK]
    for k, i in enumerate(nonblank):
        neighbours = nonblank[max(0, k - 1):k] + nonblank[k + 1:k + 2]
        if page.open(i) and _name_shaped(page, i) and any(
            page.verdicts[j] is not None and page.verdicts[j].kind in (Kind.HEADLINE, Kind.DATELINE) for j in neighbours
        ):
            page.verdicts[i] = Verdict(Kind.BYLINE)
            return i
    return None


def _title_like(page: Page, i: int) -> bool:
    f = page.features[i]
    text = page.lines[i].text
    return (
        f is not None and page.labels[i] is not Label.RULE and not f.linkish
        and HEADLINE_MIN_WORDS <= f.words <= HEADLINE_MAX_WORDS and f.chars <= HEADLINE_MAX_CHARS
        and not f.ends_sentence and not text.endswith((":", ",", ";")) and not is_dateline(text)
        and len(_TRAIL_SEPARATOR.findall(text)) < 2
    )


def find_headline(page: Page, first_good: int) -> int | None:
    """The title-like line nearest above the first good paragraph, or that paragraph itself.

    Walking up, sentences are the standfirst (body) and are passed, and so are a few one- or
    two-word labels (a section name, "Video") that sites print between title and text; the first
    title-like line is the headline. What stands above it (breadcrumbs, menus) is left for the top
    zone. A long headline reads as a good paragraph itself: when nothing above qualifies, a first
    good line that is title-shaped (no sentence end) and has prose after it is the headline.
    """
    headline = _headline_above(page, first_good)
    if headline is None and _title_like(page, first_good) and page.goods(first_good + 1):
        headline = first_good
    if headline is not None:
        page.verdicts[headline] = Verdict(Kind.HEADLINE)
    return headline


def title_over_sentences(page: Page) -> int | None:
    """In a short document with no long paragraph: a first line that is a title over sentences."""
    lines = [i for i in range(len(page.lines)) if page.open(i)]
    if len(lines) >= 2 and _title_like(page, lines[0]) and page.sentence_like(lines[1]):
        page.verdicts[lines[0]] = Verdict(Kind.HEADLINE)
        return lines[0]
    return None


def _headline_above(page: Page, first_good: int) -> int | None:
    labels_passed = 0
    for i in range(first_good - 1, -1, -1):
        if not page.open(i):
            continue
        f = page.features[i]
        if page.sentence_like(i) and page.lines[i].text.endswith((".", "…", '"', "”", "»")):
            continue
        hit = page.hits[i]
        if is_dateline(page.lines[i].text) or (hit is not None and hit.category is Category.BYLINE):
            continue
        if _name_shaped(page, i) and _title_above(page, i):
            page.verdicts[i] = Verdict(Kind.BYLINE)  # "Jane Doe" between headline and text
            continue
        if _title_like(page, i):
            return i
        if f is None or f.words > LABEL_MAX_WORDS or labels_passed >= LABELS_PASSED_MAX:
            return None
        labels_passed += 1
    return None


def _name_shaped(page: Page, i: int) -> bool:
    """Two to four capitalized words of letters, no short function word: how a bare author
    name looks ("Jane Doe", "Tomasz Nowicki", "J. R. Smith"), maybe after a byline particle
    ("Di Marco Rossi", "Door Anna de Vries"). Stoplists hold frequent first names, so stopword
    density cannot decide this."""
    tokens = page.lines[i].text.split()
    if tokens and tokens[0].casefold() in BYLINE_PARTICLES:
        tokens = tokens[1:]
    tokens = [t for t in tokens if t.casefold() not in NAME_PARTICLES]
    return (
        NAME_MIN_WORDS <= len(tokens) <= NAME_MAX_WORDS
        and all(_NAME_TOKEN.fullmatch(t) for t in tokens)
        and not any(len(t) <= FUNCTION_WORD_MAX_CHARS and t.casefold() in page.stoplist for t in tokens)
    )


def _title_above(page: Page, i: int) -> bool:
    """Is there a title-like line just above line i (a name under a headline is its byline)?
    A date line between the two is passed over."""
    for j in range(i - 1, max(-1, i - 1 - TITLE_ABOVE_REACH), -1):
        if not page.open(j) or is_dateline(page.lines[j].text):
            continue
        return _title_like(page, j) and not _name_shaped(page, j)
    return False


def keep_standfirst(page: Page, headline: int, first_good: int) -> None:
    """Sentences and decks between the headline and the first good paragraph are article text."""
    for i in range(headline + 1, first_good):
        f = page.features[i]
        if page.open(i) and f is not None and (
            page.sentence_like(i) or (f.words >= DECK_MIN_WORDS and f.stopword_density > 0 and not f.linkish)
        ):
            page.verdicts[i] = Verdict(Kind.BODY)


# "... to Ukraine The alliance's chief asserts": a capitalized word that starts a clause, glued
# after a lower-case word, in a headline written in sentence case.
_TRAIL_SEPARATOR = regex.compile(r" (?:/|>|»|›|\||·|•) ")  # "Home / World / Europe": a breadcrumb
_NAME_TOKEN = regex.compile(r"\p{Lu}(?:\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)*|\.)")
_GLUE = regex.compile(r"(?<=[\p{Ll}\p{N}'’)])\s+(?=\p{Lu}\p{Ll}*\b)")


def split_headline(text: str, stoplist: frozenset[str], lowercase_words: Iterable[str] = ()) -> tuple[str, str | None]:
    """Split a headline from a subtitle glued on after it, when the evidence is clear.

    Evidence: the headline is in sentence case (no stopword after its first word is capitalized),
    a capitalized word follows a lower-case one, and that word is not a name: it is a stopword
    ("The") or the document itself prints it in lower case elsewhere ("researchers"). The
    headline half may not end on a stopword ("... in Berlin" is one title), and both halves have
    a few words.
    """
    if len(text.split()) < 2 * SPLIT_MIN_WORDS:
        return text, None
    common = set(lowercase_words)
    for m in _GLUE.finditer(text):
        head, tail = text[: m.start()], text[m.end():]
        head_words, tail_words = head.split(), tail.split()
        first = tail_words[0].casefold()
        if len(head_words) < SPLIT_MIN_WORDS or len(tail_words) < SPLIT_MIN_WORDS:
            continue
        last = head_words[-1].casefold()
        if last in stoplist and len(last) <= FUNCTION_WORD_MAX_CHARS:
            continue
        # A capitalized stopword starts a new clause; any other capitalized word only does when
        # the document prints it in lower case elsewhere and it does not follow a capitalized
        # word ("Eastmoor Airport" is one name).
        if first not in stoplist and (first not in common or not head_words[-1][:1].islower()):
            continue
        rest = head_words[1:]
        capitalized_stop = [w for w in rest if w[:1].isupper() and w.casefold() in stoplist]
        lower = sum(1 for w in rest if w[:1].islower())
        if not capitalized_stop and lower >= len(rest) / 2:
            return head, tail
    return text, None
