"""Printed dates: recognizing a date line in any pack language and reading its ISO 8601 date.

Month and weekday names come from dateparser's locale data (installed with trafilatura), so a
dateline in any pack language is recognized without a hand-made calendar. The printed date is
turned into ISO 8601 here, from those names: dateparser's own parser costs about a millisecond a
call and fills a missing year from the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from collections.abc import Iterable

import regex

from .language import LANGUAGES, words
from .lines import remembered
from .rules import builtin_languages, language_words

DATELINE_MAX_CHARS = 100
DATELINE_MAX_OTHER_WORDS = 2  # words besides the date and its labels: a place ("Kyiv"), a zone

# Words that surround printed dates: "Published", "Updated", "on", "at", time-zone names... (the packs' `date_labels`)
DATE_LABELS = language_words("date_labels")
_DIGIT = regex.compile(r"\d")  # every date pattern needs one: a line without is no dateline
# Year first: ISO 8601 (a timestamp's time and zone included: "2025-03-04T09:42:00Z"), and the
# "2019/04/21", "2019.04.25" of East Asian pages; or day and month first, in either order.
_YEAR_FIRST = r"\d{4}(?:-\d{1,2}-\d{1,2}(?:T\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?|([./])\d{1,2}\1\d{1,2})"
# "14. 01. 2020": a day and month with a space after their full stops (comment stamps), the year in full.
_NUMERIC_DATE = rf"{_YEAR_FIRST}|\d{{1,2}}[./]\d{{1,2}}[./](?:\d{{4}}|\d{{2}})|\d{{1,2}}\. \d{{1,2}}\. \d{{4}}"
# "2019年3月2日" (Chinese, Japanese): followed by a time without a space ("2019年3月2日09:18"), so not bounded
# by a word end; "2025년 3월 4일" (Korean) spaces its parts.
_CJK_DATE = r"(?<!\d)\d{4}(?:年\d{1,2}月\d{1,2}日|년 ?\d{1,2}월 ?\d{1,2}일)"
# Compiled once: the module-level `regex` functions look the pattern up in a cache on every call.
_NUMBERS = regex.compile(r"\d+")
_ISO_PARTS = regex.compile(r"(\d{4})(?:[-./年]|년 ?)(\d{1,2})(?:[-./月]|월 ?)(\d{1,2})")
_WHOLE_NUMERIC_DATE = regex.compile(r"\d{1,2}[./]\d{1,2}[./](?:\d{4}|\d{2})|\d{1,2}\. \d{1,2}\. \d{4}")
_WORD = regex.compile(r"\w+")  # a month name is one (`Calendar.pattern_for`)


@dataclass(frozen=True)
class Calendar:
    """Month and weekday names of every pack language, and a pattern for a printed date."""

    month_numbers: dict[str, int]  # "february", "feb", "lutego", "févr" -> 2
    weekdays: frozenset[str]
    pattern: regex.Pattern[str]
    numeric: regex.Pattern[str]  # `pattern` without its month names: what it matches in a line that names no month

    def pattern_for(self, text: str) -> regex.Pattern[str]:
        """`pattern`, or `numeric` where the line names no month: the same matches, found ~8 times faster
        (`pattern` tries the month names at every word before a number, ~30 us a line on the bench and the
        devset). A month name matches a whole word (they are words, checked by the tests, and the pattern
        puts a non-word character or the line's edge on both sides), so a line none of whose words is one
        (casefolded, as the names are) has no match but `numeric`'s. "İ" matches "i" here but casefolds
        to two characters: a line with one is searched whole."""
        if "\u0130" in text or not self.month_numbers.keys().isdisjoint(map(str.casefold, _WORD.findall(text))):
            return self.pattern
        return self.numeric


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
    # Month names are words (checked by the tests): the lookahead lets only a word followed by a
    # number try the ~250 names, where every word of a long line tried them all (~50 us a line).
    pattern = regex.compile(
        rf"(?<!\w)(?:{_NUMERIC_DATE}"
        rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:{month})\.?(?:,?\s+(?:de\s+)?\d{{4}})?"
        rf"|(?=\w+\.?\s+\d)(?:(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        rf"|(?:{month})\s+\d{{4}}))(?!\w)|{_CJK_DATE}",
        regex.IGNORECASE,
    )
    numeric = regex.compile(rf"(?<!\w)(?:{_NUMERIC_DATE})(?!\w)|{_CJK_DATE}", regex.IGNORECASE)
    return Calendar(months, frozenset(weekdays), pattern, numeric)


@remembered
def date_in(text: str) -> str | None:
    """The printed date inside a line, if the line holds one. Remembered: the month-name search is
    slow (5-10 us), and `iso_date` reads the date of a line `is_dateline` has just looked at. Every
    date has a digit: a line without one is not searched (on 1,500 bench documents, its search cost
    ~7 us, the test for a digit ~0.3)."""
    if not _DIGIT.search(text):
        return None
    m = _calendar().pattern_for(text).search(text)
    return m.group(0) if m else None


def printed_dates(text: str) -> list[tuple[int, int]]:
    """Where each printed date stands in a line (start, end): a line of them is an archive or a calendar."""
    return [m.span() for m in _calendar().pattern_for(text).finditer(text)]


@remembered
def is_dateline(text: str) -> bool:
    """A standalone date line: a printed date, and besides it only labels, times and a place.
    Remembered: the month-name search is slow, and sites print the same date lines on many pages."""
    if len(text) > DATELINE_MAX_CHARS or not _DIGIT.search(text):
        return False
    if date_in(text) is None:
        return False
    calendar = _calendar()
    rest = calendar.pattern_for(text).sub(" ", text)
    other = [
        w for w in words(rest)
        if w not in DATE_LABELS and w not in calendar.month_numbers and w not in calendar.weekdays
    ]
    return len(other) <= DATELINE_MAX_OTHER_WORDS


@remembered
def iso_date(text: str, month_first: bool = False) -> str | None:
    """ISO 8601 date of the printed date in `text`, when it names day, month and year.

    A date without a year gets none: guessing it would need the clock, and the core reads no clock.
    Numeric dates are read day first ("27.02.2024"), or month first when `month_first` (US order,
    see `month_first`), unless the first number cannot be a month or the second a day ("02/27/2024"
    is read as US either way). Remembered like `is_dateline`: a site's pages of a day print one
    date line.
    """
    printed = date_in(text)
    if printed is None:
        return None
    numbers = [int(n) for n in _NUMBERS.findall(printed)]
    if m := _ISO_PARTS.match(printed):
        year, month, day = (int(g) for g in m.groups())
    elif _WHOLE_NUMERIC_DATE.fullmatch(printed):
        day, month, year = numbers
        if month_first:
            day, month = month, day
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


_NUMERIC_DAY_FIRST = regex.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./](?:\d{4}|\d{2})(?!\d)")
# US order ("03/04/2025" is March 4) unless the page says otherwise: the packs with `month_first`
MONTH_FIRST_LANGUAGES = frozenset(pack.code for pack in builtin_languages() if pack.month_first)


def ambiguous(text: str) -> bool:
    """Does the line's date read as two dates, day first and month first ("03/04/2025")?"""
    printed = date_in(text)
    if printed is None or not _WHOLE_NUMERIC_DATE.fullmatch(printed):
        return False
    first, second = (int(n) for n in _NUMBERS.findall(printed)[:2])
    return first != second and first <= 12 and second <= 12


def month_first(texts: Iterable[str], language: str | None) -> bool:
    """Does the page print numeric dates month first? An English page does, unless one of its dates
    cannot be read so ("27/02/2024"); any other page does only when one of its dates must be
    ("02/27/2024")."""
    default = language in MONTH_FIRST_LANGUAGES
    for text in texts:
        if "/" not in text and "." not in text:
            continue
        for first, second in _NUMERIC_DAY_FIRST.findall(text):
            if int(first) > 12 >= int(second):
                return False
            if int(second) > 12 >= int(first):
                return True
    return default
