"""Refuse rule patterns whose shape can backtrack for ever: a user's rule file must not hang a batch.

The known catastrophic shapes are a repetition of variable length inside an unbounded repetition
(`(a+)+`, `(a*)*`, `(\\w+\\s?)*`) and alternatives that can match the same text inside one (`(a|a)*`, `(a|ab)*`): on a
line that almost matches, the engine tries every way of splitting it. Patterns are parsed (with
Python's own regex parser; `regex`-only syntax such as `\\p{L}` is read as a character class), not
searched for substrings. Every match is also bounded in time (see `CompiledRules`), for what this
cannot see.
"""

from __future__ import annotations

import re._constants as C
from typing import Any
from collections.abc import Iterable

from .literals import parse

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)


def problem(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically, or None when its shape is safe."""
    parsed = parse(pattern)
    if parsed is None:
        return None  # `regex` syntax Python cannot parse: the time bound still applies
    return _walk(list(parsed), inside_unbounded=False)


def _walk(items: list[tuple[Any, Any]], inside_unbounded: bool) -> str | None:
    for op, arg in items:
        if op in _REPEATS:
            low, high, body = arg
            unbounded = high is C.MAXREPEAT
            if inside_unbounded and high > max(low, 1):  # a fixed count ({3}) or an optional (?) item splits text one way
                return "a repetition inside an unbounded repetition (like (a+)+)"
            if unbounded and _overlapping_alternatives(list(body)):
                return "alternatives that can match the same text inside an unbounded repetition (like (a|a)*)"
            found = _walk(list(body), inside_unbounded or unbounded)
        elif op is C.SUBPATTERN:
            found = _walk(list(arg[-1]), inside_unbounded)
        elif op is C.BRANCH:
            found = next((f for alt in arg[1] if (f := _walk(list(alt), inside_unbounded))), None)
        elif op in (C.ASSERT, C.ASSERT_NOT):
            found = _walk(list(arg[1]), inside_unbounded)
        elif op is C.ATOMIC_GROUP:
            found = None  # no backtracking into an atomic group
        else:
            found = None
        if found:
            return found
    return None


def _overlapping_alternatives(items: list[tuple[Any, Any]]) -> bool:
    """A branch (directly in the repeated body) with two alternatives that can start alike and where
    one is a prefix of the other or they are equal: `(a|a)`, `(a|ab)`."""
    for op, arg in items:
        if op is C.SUBPATTERN:
            return _overlapping_alternatives(list(arg[-1]))
        if op is C.BRANCH:
            texts = [_literal(list(alt)) for alt in arg[1]]
            known = [t for t in texts if t is not None]
            return any(a != b and b.startswith(a) or (a == b and i != j)
                       for i, a in enumerate(known) for j, b in enumerate(known) if i != j)
    return False


def _literal(items: list[tuple[Any, Any]]) -> str | None:
    if all(op is C.LITERAL for op, _ in items):
        return "".join(chr(code) for _, code in items)
    return None


def problems(patterns: Iterable[str]) -> list[tuple[str, str]]:
    """(pattern, problem) for every refused pattern."""
    return [(p, why) for p in patterns if (why := problem(p))]
