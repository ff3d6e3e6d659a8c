"""Date lists: an archive widget's months ("Januar 2020 Dezember 2019 ...") or a calendar's days, printed
as one line by a scraper that joins a drop-down or a table of links.

Prose may name several dates, but words stand between them; in a date list the dates are most of the
line, whatever the language and whether or not post counts follow them (`counted-list` takes the lines
that end in counts; this takes those too when a label or a cut hides the last count).
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from itertools import accumulate

import regex

from .article import Category
from .dates import printed_dates
from .page import Heuristic, Page

DATE_LIST_MIN_DATES = 4
# Share of the line's characters inside its dates (and the post counts after them): the label before
# the list ("Archiv Monat auswählen", "Select Month") and separators take the rest. A prose sentence
# with four dates stays far below (about a quarter); archive lines fall between 0.55 and 0.9.
DATE_LIST_MIN_SHARE = 0.5
_YEAR = regex.compile(r"(?<!\d)\d{4}(?!\d)")  # every printed date in such a list has its year
_COUNT_AFTER = regex.compile(r"\s*\(\d{1,5}\)")


def date_lists(page: Page) -> None:
    """A line whose dates, one after another, fill most of it: an archive's months or a calendar."""
    lines = page.lines
    undecided = [i for i in page.nonblank if page.verdicts[i] is None]
    # Four years first: a cheap test that only list lines and a few prose lines pass. The years are found in
    # one search of the undecided lines joined, not one search a line (no year spans a line break), and each
    # counted to its line by where it starts: the ends of the lines in the joined text, separator included.
    ends = list(accumulate(len(lines[i].text) + 1 for i in undecided))
    years = Counter(bisect_right(ends, m.start()) for m in _YEAR.finditer("\n".join(lines[i].text for i in undecided)))
    for k, found in years.items():
        if found < DATE_LIST_MIN_DATES:
            continue
        i = undecided[k]
        text = lines[i].text
        spans = printed_dates(text)
        if len(spans) < DATE_LIST_MIN_DATES:
            continue
        covered = sum(end - start + _counted(text, end) for start, end in spans)
        if covered >= DATE_LIST_MIN_SHARE * len(text):
            page.verdicts[i] = DATE_LIST.removal


def _counted(text: str, end: int) -> int:
    """The length of a post count right after a date ("(4)"), or 0."""
    m = _COUNT_AFTER.match(text, end)
    return 0 if m is None else m.end() - end


DATE_LIST = Heuristic("date-list", Category.NAVIGATION, "A line whose dates fill most of it: an archive widget's months "
                      "(\"Select month June 2024 May 2024 ...\") or a calendar's days, printed on one line.", date_lists)
