"""Splitting and trimming lines: what is joined, and what costs time in proportion to the input."""

from __future__ import annotations

import sys
import time

import cleaner
from cleaner.lines import _EDGE_CHARS, _SPACE, split_lines, trim

# Invented Chinese paragraphs: neither ends in a full stop (a heading, a caption, a list item may not).
ZH1 = "市议会周二投票通过了延长电车线路的计划"
ZH2 = "施工预计明年春天开始并持续两年时间"


def test_edge_characters_are_what_the_space_pattern_matches() -> None:
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        assert (c in _EDGE_CHARS) == bool(_SPACE.fullmatch(c)), hex(cp)


def test_trim_strips_zero_width_and_spaces_at_both_edges_only() -> None:
    assert trim(" \u200b \u3000word  word\u200b\ufeff ") == "word  word"
    assert trim("\u200b\u200c") == ""


def test_trimming_a_line_with_a_long_inner_run_of_spaces_is_linear() -> None:
    """A zero-width character at the edge sent the line to a search for a run of spaces at its end,
    restarted at every space inside it: 16,000 spaces took 4 s."""
    line = "\u200bword" + " " * 16_000 + "end"
    start = time.perf_counter()
    assert trim(line) == line[1:]
    assert time.perf_counter() - start < 0.5


def _seconds_per_mb(text: str) -> float:
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        cleaner.clean(text)
        best = min(best, time.perf_counter() - start)
    return best / (len(text) / 1e6)


def test_a_paragraph_cut_into_many_lines_is_joined_in_linear_time() -> None:
    """Each cut line was added to the growing paragraph: time per MB grew with the paragraph."""
    line = "the council voted on tuesday to extend the tram line and "  # ends in a space: cut
    small = "\n".join([line] * (250_000 // len(line)))
    large = "\n".join([line] * (2_000_000 // len(line)))
    article = cleaner.clean(small)
    assert len(article.body) == 1 and article.body[0] == small.replace("\n", "").strip()
    assert _seconds_per_mb(large) < 2.5 * _seconds_per_mb(small)


def test_two_chinese_paragraphs_stay_two_lines_in_text_mode() -> None:
    lines = split_lines(f"{ZH1}\n{ZH2}")
    assert [line.glued for line in lines] == [False, False]


def test_japanese_cut_at_a_link_is_still_glued() -> None:
    """A Hiragana letter at the break (a particle, an ending) tells that the break cuts a sentence."""
    assert [line.glued for line in split_lines("新しい\n法律\nができました。\n次")] == [False, True, True, False]


def test_an_extractors_lines_are_never_glued() -> None:
    """trafilatura gives paragraphs: a line break there is a boundary, whatever the lines end with."""
    text = "新しい\nができました。\nthe storm tore the \nroof off"
    assert not any(line.glued for line in split_lines(text, cut=False))
