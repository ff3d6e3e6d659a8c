"""Required literals: strings a line must contain for a pattern to have any chance of matching it.

Most lines of a page hit no rule, and trying hundreds of patterns on each of them is most of the
cost of cleaning. A pattern such as `^.{0,150}\\ball rights reserved\\b` can only match a line that
contains "all rights reserved"; one Aho-Corasick scan of the line for every such literal of every
pattern tells which few patterns are worth running. The extraction is conservative: when in doubt
it returns None (the pattern is always tried), never a literal the pattern could match without.
"""

from __future__ import annotations

import re._constants as C
import re._parser as sre
from functools import lru_cache
from typing import Any

import regex

# `regex` syntax that Python's `re` parser does not know; for literal extraction a Unicode property
# is just some character class, which ends a literal run like any class does.
_PROPERTY = regex.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")
# A literal shorter than this (spaces aside) is in nearly every line: no use as a filter...
MIN_USEFUL_CHARS = 2
# ...unless it is a symbol that prose seldom prints: breadcrumb arrows, list bullets, "@", "#", "©".
_COMMON_CHARS = frozenset(".,:;!?-–—'\"’‘“”()[]/&%+*")

Requirement = frozenset[str]


@lru_cache(maxsize=1)
def parse(pattern: str) -> sre.SubPattern | None:
    """The pattern's structure as Python's regex parser sees it, or None for syntax it does not know.
    The last one is remembered: the rule index asks several questions of each pattern in a row."""
    try:
        return sre.parse(standard(pattern))
    except (C.error, OverflowError, RecursionError):
        return None


def standard(pattern: str) -> str:
    """The pattern in the syntax Python's parser reads: Unicode properties as `\\w`."""
    plain: str = _PROPERTY.sub(r"\\w", pattern)
    return plain


def required_literals(pattern: str) -> Requirement | None:
    """Strings of which every match of `pattern` contains at least one, or None when none is known."""
    parsed = parse(pattern)
    if parsed is None:
        return None
    if parsed.state.flags & (C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_VERBOSE):
        return None  # lines are case-folded; a case-insensitive pattern would need every case variant
    need = _sequence(list(parsed))
    return need if need is not None and _selectivity(need) >= MIN_USEFUL_CHARS else None


LEADING_MAX_CHARS = 12  # a line's first characters looked up, at most: longer openings are cut to this


def leading_literals(pattern: str) -> Requirement | None:
    """For a pattern anchored at the line start: strings one of which every matching line starts
    with (cut to LEADING_MAX_CHARS), or None. "^(?:load|show) more" gives {"load more", "show more"}."""
    parsed = list(parse(pattern) or ())
    if not parsed or parsed[0] != (C.AT, C.AT_BEGINNING):
        return None
    found = _starts(parsed[1:])
    if found is None:
        return None
    starts = found[0] | found[1]
    if not starts or "" in starts:
        return None
    return frozenset(start[:LEADING_MAX_CHARS] for start in starts)


MAX_STARTS = 64  # beyond this many ways to begin, an opening is no use as a filter

Starts = tuple[set[str], set[str]]  # (the whole sequence, literally; openings it goes on from)


def _starts(items: list[tuple[Any, Any]]) -> Starts | None:
    """How a sequence can begin: strings it can be in full, and literal openings after which it goes
    on in a way that is not literal (None: its first item is not literal at all)."""
    if not items:
        return {""}, set()
    op, arg = items[0]
    head: Starts | None
    if op is C.LITERAL:
        head = {chr(arg)}, set()
    elif op is C.IN and arg and all(kind is C.LITERAL for kind, _ in arg):
        head = {chr(code) for _, code in arg}, set()
    elif op is C.SUBPATTERN:
        head = _starts(list(arg[-1]))
    elif op is C.BRANCH:
        alternatives = [_starts(list(alternative)) for alternative in arg[1]]
        if any(a is None for a in alternatives):
            return None
        head = set().union(*(a[0] for a in alternatives)), set().union(*(a[1] for a in alternatives))  # type: ignore[index]
    elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and arg[0] >= 1:
        body = _starts(list(arg[2]))
        head = None if body is None else (set(), body[0] | body[1])  # what follows one repetition is unknown
    else:
        return None
    if head is None or len(head[0]) + len(head[1]) > MAX_STARTS:
        return None
    whole, cut = head
    if whole and min(len(w) for w in whole) < LEADING_MAX_CHARS:
        tail = _starts(items[1:])
        if tail is None or len(whole) * (len(tail[0]) + len(tail[1])) > MAX_STARTS:
            cut = cut | whole
            whole = set()
        else:
            cut = cut | {w + t for w in whole for t in tail[1]}
            whole = {w + t for w in whole for t in tail[0]}
    return whole, cut


def _selectivity(need: Requirement) -> int:
    """How rare the weakest alternative is likely to be: its length without spaces (a rare symbol
    counts as two characters)."""
    return min(_rarity(s.strip()) for s in need)


def _rarity(literal: str) -> int:
    if len(literal) == 1 and not literal.isalnum() and literal not in _COMMON_CHARS:
        return MIN_USEFUL_CHARS
    return len(literal)


def _best(options: list[Requirement]) -> Requirement | None:
    """The requirement to index: the longest weakest literal, then the fewest alternatives."""
    return max(options, key=lambda need: (_selectivity(need), -len(need)), default=None)


def _sequence(items: list[tuple[Any, Any]]) -> Requirement | None:
    """A concatenation needs all of its parts: any one part's requirement is one for the whole."""
    options: list[Requirement] = []
    run: list[str] = []

    def close_run() -> None:
        if run:
            options.append(frozenset(["".join(run)]))
            run.clear()

    for op, arg in items:
        if op is C.LITERAL:
            run.append(chr(arg))
            continue
        close_run()
        need = _item(op, arg)
        if need is not None:
            options.append(need)
    close_run()
    return _best(options)


def _item(op: Any, arg: Any) -> Requirement | None:
    if op is C.IN and arg and all(kind is C.LITERAL for kind, _ in arg):
        return frozenset(chr(code) for _, code in arg)  # a class of listed characters: one of them
    if op is C.SUBPATTERN:
        return _sequence(list(arg[-1]))
    if op is C.BRANCH:
        needs = [_sequence(list(alternative)) for alternative in arg[1]]
        if any(need is None for need in needs):
            return None
        return frozenset().union(*needs)  # type: ignore[arg-type]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, _, body = arg
        return _sequence(list(body)) if low >= 1 else None
    if op is C.ATOMIC_GROUP:
        return _sequence(list(arg))
    if op is C.ASSERT and arg[0] == 1:  # a lookahead's text is in the line too
        return _sequence(list(arg[1]))
    return None
