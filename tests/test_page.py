"""The page state the passes read: what `Page.build` works out from the whole page."""

from __future__ import annotations

from hypothesis import given, strategies as st

from cleaner.lines import split_lines
from cleaner.page import Page


def _continuations_by_the_definition(page: Page) -> list[bool]:
    nonblank = [i for i, line in enumerate(page.lines) if line.text]
    result = [False] * len(page.lines)
    for k, i in enumerate(nonblank):
        before = nonblank[k - 1] if k > 0 and i - nonblank[k - 1] <= 3 else None
        if before is None or page.features[before].ends_sentence or page.lines[before].text.endswith(":"):
            continue
        after = nonblank[k + 1] if k + 1 < len(nonblank) and nonblank[k + 1] - i <= 3 else None
        result[i] = page.lines[i].text[:1].islower() or (after is not None and page.lines[after].text[:1].islower())
    return result


@given(st.lists(st.sampled_from(["", "", "", "the tram", "The tram", "runs north.", "Timetables:", "and then", "Home"]), max_size=30))
def test_continuations_are_found_from_the_lower_case_lines(texts: list[str]) -> None:
    """`Page.continues` looks only at lines that start in lower case and the line above each: it
    marks what the definition over every line marks."""
    lines = split_lines("\n".join(texts))
    page = Page.build(lines, [None] * len(lines), "en")
    assert page.continues == _continuations_by_the_definition(page)
