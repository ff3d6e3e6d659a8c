"""Runs of other stories' headlines: a teaser list (related, latest, most read, more from the section)
printed as lines, each headline of several words ending without punctuation, with a kicker, a section
name, a date or a time of a few words beside each, on a line of its own or on the headline's line
("02.05.2024 Council votes ...", "Sport 2024-05-02 Council votes ...", "Council votes ... 02.05.2024").

An article's own lines of that shape come one at a time (a subheading over its paragraphs); a list
inside an article (features, specifications, steps) does not put a short label between its items.
"""

from __future__ import annotations

import regex

from .article import Category
from .dates import date_in
from .language import words
from .page import SENTENCE_INSIDE, Heuristic, Kind, Page

TEASER_MIN_WORDS = 4  # a headline; shorter lines are kickers, section names, dates and times
TEASER_MAX_WORDS = 30
TEASER_LABEL_MAX_WORDS = 3  # ... and longer lines are no such label
TEASER_RUN_MIN = 3  # headlines in the run, each parted from the next by a label
TEASER_DATE_EDGE_WORDS = 1  # a dated headline's date stands at its start or end, a section word beside it at most
_TERMINAL = frozenset(".!?…:;,。！？：；")
_CLOSERS = "\"'”’»)]"
_OPENING_QUOTES = "\"'“„«‘‚‹"
# "Venue: Town Hall, ...", "Date: 2 May, 19:30": a field of a fact box or an event list, not a headline
# (a teaser's kicker before a colon runs longer: "Brexit showdown on Saturday: ...").
_FIELD = regex.compile(r"^\p{L}[\p{L}-]*:\s")
# A dated headline's edges around its date: brackets, bars, dashes ("[ 2 May 2024 ] ...", "... | 02.05.2024").
_DATE_EDGES = " []()|-–—·:,"
HEADLINE, LABEL, DATED = "headline", "label", "dated"


def headline_runs(page: Page) -> None:
    """Headline-shaped lines, each with a label of a few words beside it (kicker, section, date, time),
    three or more in a row: a teaser list, wherever it stands. A headline that carries its date on its
    own line (`_dated_headline`) is headline and label in one: such lines may follow each other. A list
    the line above introduces ("...:") is the article's."""
    run: list[int] = []  # headlines and labels, alternating
    headlines = 0  # of them (counted as they come: shaping each line twice cost half of this pass)
    last = None  # the shape of the run's last line
    introduced = False  # the lines since the last line of neither shape follow one ending in a colon
    for i in [*page.nonblank, None]:
        shape = None if i is None else _shape(page, i)
        if shape is None or (shape == last == HEADLINE):  # the run ends
            if not introduced and headlines >= TEASER_RUN_MIN:
                for j in run:
                    if page.verdicts[j] is None:
                        page.verdicts[j] = HEADLINE_RUN.removal
            run, headlines = [], 0
            if shape is None:
                introduced = i is not None and page.lines[i].text.endswith(":")
                last = None
                continue
        run.append(i)  # type: ignore[arg-type]
        headlines += shape != LABEL
        last = shape


def _shape(page: Page, i: int) -> str | None:
    """A headline (several words, a capital or quote first, no end punctuation), a label (a few words,
    or a line a rule or pass already removed), or neither."""
    f, verdict = page.features[i], page.verdicts[i]
    if f is None or (verdict is not None and verdict.kind is not Kind.REMOVED):
        return None
    if verdict is not None:
        return LABEL
    text = page.lines[i].text
    if page.pieces[i] or text.rstrip(_CLOSERS)[-1:] in _TERMINAL:
        return None
    count = f.words
    if count <= TEASER_LABEL_MAX_WORDS:
        return LABEL
    if TEASER_MIN_WORDS < count <= TEASER_MAX_WORDS and _dated_headline(text):
        return DATED
    if (TEASER_MIN_WORDS <= count <= TEASER_MAX_WORDS and text.lstrip(_OPENING_QUOTES)[:1].isupper()
            and not _FIELD.match(text)):
        return HEADLINE
    return None


def _dated_headline(text: str) -> bool:
    """A headline with its date on its line, at the start or the end, a section word beside the date at
    most: "02.05.2024 Council votes ...", "[ 2 May 2024 ] Council votes ...", "Council votes ... 02.05.2024".
    An agenda's "2 May: Council meeting" is a field, and a sentence inside is prose, not a headline."""
    printed = date_in(text)
    if printed is None:
        return False
    start = text.find(printed)
    before, after = text[:start], text[start + len(printed):]
    if after.lstrip()[:1] == ":":
        return False
    if len(words(before)) <= TEASER_DATE_EDGE_WORDS:
        rest = after
    elif len(words(after)) <= TEASER_DATE_EDGE_WORDS:
        rest = before
    else:
        return False
    rest = rest.strip(_DATE_EDGES)
    return (TEASER_MIN_WORDS <= len(words(rest)) <= TEASER_MAX_WORDS and rest.lstrip(_OPENING_QUOTES)[:1].isupper()
            and not SENTENCE_INSIDE.search(rest))


HEADLINE_RUN = Heuristic("headline-run", Category.RELATED, "Three or more other stories' headlines (several words, no "
                         "end punctuation), each with a kicker, section, date or time of a few words beside it, or "
                         "with its date on its own line (\"02.05.2024 Council votes ...\"): a teaser list.", headline_runs)
