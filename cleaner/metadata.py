"""Headline, dateline (with its ISO date) and byline, found among the lines around the article start.

Month and weekday names come from dateparser's locale data (installed with trafilatura), so a
dateline in any pack language is recognized without a hand-made calendar; dateparser also turns
the printed date into ISO 8601.
"""

from __future__ import annotations

from functools import cache

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
LABEL_MAX_WORDS = 2  # a line this short between headline and text is a label, passed when looking up
LABELS_PASSED_MAX = 2  # both halves of a glued headline/subtitle must be at least this long

# Words that surround printed dates: "Published", "Updated", "on", "at", time-zone names...
DATE_LABELS = frozenset("""
published updated posted last modified on at am pm a.m p.m et est edt cet cest gmt utc bst pst pdt msk eet eest
uhr um veröffentlicht aktualisiert zuletzt stand von publié mis à jour le la à h publicado actualizado
actualización el las los de del a hs hrs pubblicato aggiornato il alle ore gepubliceerd bijgewerkt op om
atualizado atualização em às opublikowano zaktualizowano aktualizacja o godz dnia
опубликовано обновлено обновлён в г года опубліковано оновлено о р року від до
""".split())
_NUMERIC_DATE = r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})"


@cache
def _calendar() -> tuple[frozenset[str], frozenset[str], regex.Pattern[str]]:
    """Month names, weekday names, and a pattern for a printed date, in every pack language."""
    from dateparser.languages import default_loader  # slow import: only when a date is looked for

    months: set[str] = set()
    weekdays: set[str] = set()
    month_keys = ["january", "february", "march", "april", "may", "june", "july", "august",
                  "september", "october", "november", "december"]
    day_keys = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for code in LANGUAGES:
        info = default_loader.get_locale(code).info
        months.update(n.casefold() for k in month_keys for n in info.get(k, []) if len(n) >= 3)
        weekdays.update(n.casefold() for k in day_keys for n in info.get(k, []) if len(n) >= 2)
    month = "|".join(sorted((regex.escape(m) for m in months), key=len, reverse=True))
    pattern = regex.compile(
        rf"(?<!\w)(?:{_NUMERIC_DATE}"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{month})\.?(?:,?\s+(?:de\s+)?\d{{4}})?"
        rf"|(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        rf"|(?:{month})\s+\d{{4}})(?!\w)",
        regex.IGNORECASE,
    )
    return frozenset(months), frozenset(weekdays), pattern


def date_in(text: str) -> str | None:
    """The printed date inside a line, if the line holds one."""
    m = _calendar()[2].search(text)
    return m.group(0) if m else None


def is_dateline(text: str) -> bool:
    """A standalone date line: a printed date, and besides it only labels, times and a place."""
    if len(text) > DATELINE_MAX_CHARS or not any(c.isdigit() for c in text):
        return False
    months, weekdays, pattern = _calendar()
    if not pattern.search(text):
        return False
    rest = pattern.sub(" ", text)
    other = [
        w for w in words(rest)
        if w not in DATE_LABELS and w not in months and w not in weekdays and w.rstrip(".") not in months
    ]
    return len(other) <= DATELINE_MAX_OTHER_WORDS


def iso_date(text: str, language: str | None) -> str | None:
    """ISO 8601 date of the printed date in `text`, when dateparser can read it."""
    printed = date_in(text)
    if printed is None:
        return None
    import dateparser

    settings = {"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False}
    if regex.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", printed):
        settings["DATE_ORDER"] = "YMD"
    try:
        # Naming the languages keeps dateparser from trying all of its 200 locales (10 ms a call).
        parsed = dateparser.parse(printed, languages=[language] if language else list(LANGUAGES), settings=settings)
    except (ValueError, OverflowError, LookupError):
        return None
    return parsed.date().isoformat() if parsed else None


# A wire dateline opening the first paragraph: "KYIV, Feb 27 (Reuters) - ", "BERLIN (dpa) – ",
# "WASHINGTON — ". The place is in capitals, then an agency in parentheses and/or a dash, and the
# sentence after the dash starts with a capital (so "NATO - the alliance - said" is no dateline).
_WIRE = regex.compile(
    r"^(?P<dateline>\p{Lu}[\p{Lu}\p{M}'’. -]{2,40}?"
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

def find_dateline(page: Page, first_good: int) -> int | None:
    """The first standalone date line before the article starts or just after its first paragraph."""
    for i in range(min(len(page.lines), first_good + 4)):
        if page.open(i) and page.labels[i] is not Label.GOOD and is_dateline(page.lines[i].text):
            page.verdicts[i] = Verdict(Kind.DATELINE)
            return i
    return None


def find_byline(page: Page, first_good: int) -> int | None:
    """The first author line (a byline-category rule hit) near the article start becomes the byline;
    author lines elsewhere (bios, signatures) are removed."""
    found: int | None = None
    for i, rule in enumerate(page.hits):
        if rule is None or rule.category is not Category.BYLINE or page.verdicts[i] is not None:
            continue
        if found is None and i <= first_good + 3:
            page.verdicts[i] = Verdict(Kind.BYLINE)
            found = i
        else:
            page.remove(i, Category.BYLINE, rule.id)
    return found


def _title_like(page: Page, i: int) -> bool:
    f = page.features[i]
    text = page.lines[i].text
    return (
        f is not None and page.labels[i] is not Label.RULE and not f.linkish
        and HEADLINE_MIN_WORDS <= f.words <= HEADLINE_MAX_WORDS and f.chars <= HEADLINE_MAX_CHARS
        and not text.endswith((".", ":", ",", ";")) and not is_dateline(text)
    )


def find_headline(page: Page, first_good: int) -> int | None:
    """The title-like line nearest above the first good paragraph.

    Walking up, sentences are the standfirst (body) and are passed, and so are a few one- or
    two-word labels (a section name, "Video") that sites print between title and text; the first
    title-like line is the headline. What stands above it (breadcrumbs, menus) is left for the top zone.
    """
    labels_passed = 0
    for i in range(first_good - 1, -1, -1):
        if not page.open(i):
            continue
        f = page.features[i]
        if page.sentence_like(i) and page.lines[i].text.endswith((".", "…", '"', "”", "»")):
            continue
        if _title_like(page, i):
            page.verdicts[i] = Verdict(Kind.HEADLINE)
            return i
        if f is None or f.words > LABEL_MAX_WORDS or labels_passed >= LABELS_PASSED_MAX:
            return None
        labels_passed += 1
    return None


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
_GLUE = regex.compile(r"(?<=[\p{Ll}\p{N}'’)])\s+(?=\p{Lu}\p{Ll}*\b)")


def split_headline(text: str, stoplist: frozenset[str]) -> tuple[str, str | None]:
    """Split a headline from a subtitle glued on after it, when the evidence is clear.

    Evidence: the headline is in sentence case (no lower-case stopword elsewhere is capitalized,
    so a capitalized stopword mid-line starts a new sentence), and both halves have a few words.
    """
    tokens = text.split()
    if len(tokens) < 2 * SPLIT_MIN_WORDS:
        return text, None
    for m in _GLUE.finditer(text):
        head, tail = text[: m.start()], text[m.end():]
        first = tail.split()[0]
        if first.casefold() not in stoplist or len(head.split()) < SPLIT_MIN_WORDS or len(tail.split()) < SPLIT_MIN_WORDS:
            continue
        head_words = head.split()[1:]
        capitalized_stop = [w for w in head_words if w[:1].isupper() and w.casefold() in stoplist]
        lower = sum(1 for w in head_words if w[:1].islower())
        if not capitalized_stop and lower >= len(head_words) / 2:
            return head, tail
    return text, None
