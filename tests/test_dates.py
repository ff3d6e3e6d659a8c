"""The date pattern's fast path (`Calendar.pattern_for`): the same matches as the whole pattern."""

from __future__ import annotations

import pytest

from cleaner.dates import _calendar, date_in, printed_dates

LINES = [
    "Posted 12.03.2024 at 10:15, updated 2024-03-14T09:42:00Z",
    "Archive 2019/04/21 2019.04.25 3/4/25 and 2019年3月2日09:18",
    "The 7-0 chain said 212 stores sold 45,000 items on 04/11",
    "Published May 18, 2024 by Jane Roe",
    "Veröffentlicht am 27. Februar 2024 um 10:15 Uhr",
    "Opened on 3rd MARCH 2023 and closed in June 2024.",
    "Publicado el 5 de marzo de 2024",
    "You may 3 times ask, in may 2020",
    "Published APRİL 5, 2024",  # a dotted capital I matches the pattern's "i"
    "Updated 4:40 p.m. ET, no date here but 1999",
]


@pytest.mark.parametrize("text", LINES)
def test_pattern_for_a_line_matches_as_the_whole_pattern(text: str) -> None:
    calendar = _calendar()
    fast = calendar.pattern_for(text)
    assert [m.span() for m in fast.finditer(text)] == [m.span() for m in calendar.pattern.finditer(text)]
    assert fast.sub(" ", text) == calendar.pattern.sub(" ", text)


def test_a_line_without_a_month_name_is_searched_without_the_month_names() -> None:
    calendar = _calendar()
    assert calendar.pattern_for(LINES[0]) is calendar.numeric
    assert calendar.pattern_for(LINES[3]) is calendar.pattern
    assert printed_dates(LINES[1]) == [(8, 18), (19, 29), (30, 36), (41, 50)]


def test_a_dotted_capital_i_reads_as_i_in_a_month_name() -> None:
    """"İ" matches the pattern's "i" but casefolds to two characters: the fast path must not skip such a line."""
    assert date_in(LINES[8]) == "APRİL 5, 2024"
