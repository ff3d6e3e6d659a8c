"""What a line says about itself: its features and its context-free label."""

from __future__ import annotations

import regex
from hypothesis import given, strategies as st

from cleaner.features import Features, Label, _ends_in_smiley, features, label
from cleaner.language import stopwords
from cleaner.lines import normalize, split_lines

PROSE = ("The city council voted on Tuesday to extend the tram line to the northern suburbs, "
         "a project that residents have requested for more than a decade.")


def test_labels_follow_length_and_stopwords() -> None:
    stop = stopwords("en")
    assert label(features(split_lines(PROSE)[0], stop)) is Label.GOOD
    assert label(features(split_lines("Top News")[0], stop)) is Label.SHORT
    assert label(features(split_lines("The vote was close and the mayor said so.")[0], stop)) is Label.NEAR_GOOD


# What `Features` reads from a line's end, as patterns searched from the end of the line.
# With the full-width marks and closers of Chinese and Japanese ("。", "」").
_SENTENCE_END = regex.compile(r"(?r)[.!?…。！？][\"'”’»)\]」』）】》〉]*$")
_TERMINAL = regex.compile(r"(?r)[.!?…:;。！？：；][\"'”’»)\]」』）】》〉]*$|[.!?…。！？][\"'”’»)\]」』）】》〉]+\s*$")


@given(st.text(alphabet="a .!?…:;\"'”’»)]([ 😉。！？：；」』）") | st.text())
def test_line_ends_are_read_as_the_patterns_define_them(text: str) -> None:
    """`Features` reads a trimmed line's end with a string method: it says what the patterns say."""
    text = text.strip()
    f = Features(text, normalize(text), frozenset())
    assert f.terminal == bool(_TERMINAL.search(text))
    assert f.ends_sentence == (bool(_SENTENCE_END.search(text)) or _ends_in_smiley(text))


def test_regex_whitespace_is_trimmed_by_str_strip() -> None:
    """No space the patterns know is left at a line's end once `str.strip` trimmed it."""
    for cp in range(0x110000):
        c = chr(cp)
        if not 0xD800 <= cp <= 0xDFFF and regex.fullmatch(r"\s", c):
            assert c.isspace(), hex(cp)
