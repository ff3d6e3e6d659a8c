"""Refuse rule patterns whose shape can backtrack for ever: a user's rule file must not hang a batch.

The known catastrophic shapes are repetitions (bounded ones too: `{11}` of a body that can split a
line in many ways is n^11) of a body that can match the same text in more than one way: a body that
can match nothing (`(a?){25}`, `(a*)*`), a variable-length part that can also take what follows it or
what starts the next round (`(a+)+`, `(\\w+\\s?)*`, `(.*?,){11}`), alternatives that can match the same
text (`(a|a)*`, `(\\w|\\d)*`). On a line that almost matches, the engine tries every way of splitting
it. Patterns are parsed (with Python's own regex parser; `\\p{L}` is read as a character class),
not searched for substrings; syntax that parser does not know (`(?|...)`, fuzzy matching) cannot be
checked and is refused. Every match of a user's rule is also bounded in time (see `CompiledRules`),
for what this cannot see.
"""

from __future__ import annotations

import re._compiler as sre_compile
import re._constants as C
import re._parser as sre
from functools import lru_cache
from typing import Any
from collections.abc import Iterable

from .literals import standard

_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT)
# Ways a repetition may split a line before it counts as runaway: a byline pattern's optional
# "de " or "van " in a name repeated up to four times splits a line 2^4 ways, an optional space
# between up to 15 share-button names 2^15: harmless at the cost of a few milliseconds.
MAX_SPLITS = 5000
# The deepest product of repeat counts (`(?:a{300}){300}` is 90,000): `regex` unrolls counted
# repetitions when it compiles, and `(?:a{65535}){65535}` took 24 GB.
MAX_REPEAT_PRODUCT = 100_000
# Characters tried to tell whether two parts of a pattern can match the same character: lines are
# case-folded and their spaces single, so lower-case ASCII, digits, punctuation and a few letters,
# digits and marks of other scripts stand for the rest.
_PROBES = "".join(chr(c) for c in range(0x20, 0x7F)) + "\t\xa0éßøжщαλ中あア٣—–“”«»…•·|©€"


def problem(pattern: str) -> str | None:
    """Why `pattern` can backtrack catastrophically (or cannot be checked, or compiles to a huge
    program), or None when its shape is safe."""
    if why := compile_problem(pattern):
        return why
    parsed = _branches_kept(pattern)  # parsed by `compile_problem`: remembered
    return _walk(list(parsed), parsed.state, inside_unbounded=False)


def compile_problem(pattern: str) -> str | None:
    """Why `pattern` must not even be compiled: syntax this module cannot check (the `regex` module
    would compile `(?|(?:a{65535}){65535})` for ever), or repetition counts that multiply past
    MAX_REPEAT_PRODUCT. None when it may be compiled."""
    try:
        parsed = _branches_kept(pattern)
    except (C.error, OverflowError, RecursionError) as exc:
        return f"not in the standard syntax the safety check reads (regex-module extensions such as (?|...)): {exc}"
    if _repeat_product(list(parsed)) > MAX_REPEAT_PRODUCT:
        return f"nested repetition counts multiply past {MAX_REPEAT_PRODUCT:,} (like (?:a{{999}}){{999}})"
    return None


@lru_cache(maxsize=1)
def _branches_kept(pattern: str) -> sre.SubPattern:
    """The pattern parsed with every alternative but the first marked by an empty lookahead: Python's
    parser would merge one-character alternatives (`\\w|\\d`) into one class and hide the overlap.
    Raises the parser's error. (The last one is remembered: `problem` asks twice in a row.)"""
    out, i, in_class = [], 0, False
    while i < len(pattern):
        c = pattern[i]
        out.append(pattern[i:i + 2] if c == "\\" else c)
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":
                out.append("]")
                i += 1
        elif c == "|":
            out.append("(?=)")
        i += 1
    return sre.parse(standard("".join(out)))


def _repeat_product(items: list[tuple[Any, Any]]) -> int:
    """The largest product of repetition counts along one nesting path."""
    best = 1
    for op, arg in items:
        if op in (*_REPEATS, C.POSSESSIVE_REPEAT):
            low, high, body = arg
            best = max(best, max(low, 1 if high is C.MAXREPEAT else high, 1) * _repeat_product(list(body)))
        else:
            best = max([best, *(_repeat_product(list(sub)) for sub in _children(op, arg))])
    return best


def _children(op: Any, arg: Any) -> list[Any]:
    """The sub-sequences of a node that are searched with backtracking (atomic groups are not)."""
    if op is C.SUBPATTERN:
        return [arg[-1]]
    if op is C.BRANCH:
        return list(arg[1])
    if op in (C.ASSERT, C.ASSERT_NOT):
        return [arg[1]]
    return []


def _walk(items: list[tuple[Any, Any]], state: Any, inside_unbounded: bool) -> str | None:
    for op, arg in items:
        found = None
        if op in _REPEATS:
            low, high, body = arg
            unbounded = high is C.MAXREPEAT
            if inside_unbounded and high > max(low, 1):  # a fixed count ({3}) or an optional (?) item splits text one way
                return "a repetition inside an unbounded repetition (like (a+)+)"
            if unbounded or high > 1:
                found = _ambiguous_body(list(body), state, high)
            found = found or _walk(list(body), state, inside_unbounded or unbounded)
        else:
            found = next((f for sub in _children(op, arg) if (f := _walk(list(sub), state, inside_unbounded))), None)
        if found:
            return found
    return None


def _ambiguous_body(body: list[tuple[Any, Any]], state: Any, rounds: int) -> str | None:
    """Why a body repeated up to `rounds` times (MAXREPEAT: unbounded) can split one text in more
    than MAX_SPLITS ways, or None. A part of variable length splits text many ways when it can take
    all that must follow it before it comes round again (`.*?` the "," of `(.*?,){11}`, `\\w+` the
    next round's `\\w+`): the rounds' boundaries can then fall anywhere."""
    seq = _flat(body)
    if sre.SubPattern(state, seq).getwidth()[0] == 0 and _splits(C.MAXREPEAT, rounds):
        return "a repetition of something that can match nothing (like (a?){25} or (a*)*)"
    for index, (op, arg) in enumerate(seq):
        cycle = seq[index + 1:] + seq[:index + 1]  # what follows, round the repetition to this part again
        if op in _REPEATS:
            low, high, inner = arg
            if high > low and _splits(C.MAXREPEAT if high is C.MAXREPEAT else high - low + 1, rounds):
                chars = _chars(list(inner), state)
                if all(chars & need for need in _mandatory(cycle, state)):
                    return ("a repetition whose variable-length part can also take what follows it "
                            "(like (\\w+\\s?)* or (.*?,){11})")
        elif op is C.BRANCH and _splits(len(arg[1]), rounds) and _overlapping(arg[1], cycle, state):
            return "alternatives that can match the same text inside a repetition (like (a|a)* or (\\w|\\d)*)"
    return None


def _mandatory(items: list[tuple[Any, Any]], state: Any) -> list[frozenset[str]]:
    """For each part of a sequence that must match some text, the characters that text can start
    with (a variable-length part can take it only if it can take its start)."""
    needs = []
    for op, arg in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op in (*_REPEATS, C.POSSESSIVE_REPEAT, C.SUBPATTERN, C.BRANCH, C.ATOMIC_GROUP):
            first, nullable = _first([(op, arg)], state)
            if not nullable:
                needs.append(first)
        elif op is not C.GROUPREF:
            needs.append(_one_char(op, arg, state))
    return needs


def _splits(choices: int, rounds: int) -> bool:
    """More than MAX_SPLITS ways to split: `choices` per round (MAXREPEAT: unbounded), `rounds` rounds."""
    if choices <= 1:
        return False
    if choices is C.MAXREPEAT or rounds is C.MAXREPEAT:
        return True
    return bool(choices ** min(rounds, 64) > MAX_SPLITS)


def _flat(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """A sequence with its groups opened: `(?:a+)b` is `a+ b`, as far as splitting text goes."""
    out: list[tuple[Any, Any]] = []
    for op, arg in items:
        if op is C.SUBPATTERN and not (arg[1] or arg[2]):  # no flags set inside the group
            out.extend(_flat(list(arg[-1])))
        else:
            out.append((op, arg))
    return out


def _overlapping(alternatives: list[Any], cycle: list[tuple[Any, Any]], state: Any) -> bool:
    """Two alternatives that can match the same text: equal literals, one literal the start of
    another (when the branch is all that is repeated, or when the longer one's rest is what follows
    the shorter one round to the branch again: `cycle`), or two one-character classes in common."""
    texts = [_literal(list(alt)) for alt in alternatives]
    try:
        next_round = sre_compile.compile(sre.SubPattern(state, cycle), state.flags).fullmatch
    except (C.error, TypeError, ValueError, RecursionError):
        next_round = None
    singles = [_single(list(alt), state) for alt in alternatives]
    for i in range(len(alternatives)):
        for j in range(i + 1, len(alternatives)):
            a, b = texts[i], texts[j]
            if a is not None and b is not None:
                short, long = sorted((a, b), key=len)
                if a == b or (long.startswith(short) and (len(cycle) == 1 or (next_round is not None and next_round(long[len(short):])))):
                    return True
            elif (x := singles[i]) is not None and (y := singles[j]) is not None and x & y:
                return True
    return False


def _single(items: list[tuple[Any, Any]], state: Any) -> frozenset[str] | None:
    """The probe characters of an alternative that is one character item (after the marking
    lookahead), or None."""
    items = [(op, arg) for op, arg in items if not _empty_lookahead(op, arg)]
    if len(items) == 1 and items[0][0] in (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY):
        return _one_char(*items[0], state)
    return None


def _literal(items: list[tuple[Any, Any]]) -> str | None:
    items = [(op, arg) for op, arg in items if not _empty_lookahead(op, arg)]
    if all(op is C.LITERAL for op, _ in items):
        return "".join(chr(code) for _, code in items)
    return None


def _empty_lookahead(op: Any, arg: Any) -> bool:
    return op is C.ASSERT and not list(arg[1])


def _first(items: list[tuple[Any, Any]], state: Any) -> tuple[frozenset[str], bool]:
    """The probe characters a match of the sequence can start with, and whether it can match nothing."""
    found: set[str] = set()
    for op, arg in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue  # zero-width
        if op in (*_REPEATS, C.POSSESSIVE_REPEAT):
            low, _, body = arg
            head, nullable = _first(_flat(list(body)), state)
            found |= head
            if low > 0 and not nullable:
                return frozenset(found), False
            continue
        if op is C.SUBPATTERN:
            head, nullable = _first(_flat(list(arg[-1])), state)
        elif op is C.BRANCH:
            heads = [_first(_flat(list(alt)), state) for alt in arg[1]]
            head, nullable = frozenset().union(*(h for h, _ in heads)), any(n for _, n in heads)
        elif op is C.ATOMIC_GROUP:
            head, nullable = _first(_flat(list(arg)), state)
        elif op is C.GROUPREF:
            return frozenset(_PROBES), True  # a back reference: any text
        else:
            head, nullable = _one_char(op, arg, state), False
        found |= head
        if not nullable:
            return frozenset(found), False
    return frozenset(found), True


def _chars(items: list[tuple[Any, Any]], state: Any) -> frozenset[str]:
    """Every probe character the sequence can match anywhere."""
    found: set[str] = set()
    for op, arg in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op in (*_REPEATS, C.POSSESSIVE_REPEAT):
            found |= _chars(list(arg[2]), state)
        elif op is C.SUBPATTERN:
            found |= _chars(list(arg[-1]), state)
        elif op is C.BRANCH:
            for alt in arg[1]:
                found |= _chars(list(alt), state)
        elif op is C.ATOMIC_GROUP:
            found |= _chars(list(arg), state)
        elif op is C.GROUPREF:
            return frozenset(_PROBES)
        else:
            found |= _one_char(op, arg, state)
    return frozenset(found)


def _one_char(op: Any, arg: Any, state: Any) -> frozenset[str]:
    """The probe characters one single-character item (a literal, a class, `.`) matches."""
    key = (repr((op, arg)), state.flags)
    found = _probed.get(key)
    if found is None:
        try:
            matcher = sre_compile.compile(sre.SubPattern(state, [(op, arg)]), state.flags)
            found = frozenset(c for c in _PROBES if matcher.fullmatch(c))
        except (C.error, TypeError, ValueError):
            found = frozenset(_PROBES)  # unknown: assume it can match anything
        if len(_probed) >= PROBED_MAX:
            _probed.clear()
        _probed[key] = found
    return found


PROBED_MAX = 4096  # remembered items: the packs' ~1,300 patterns share a few hundred classes
_probed: dict[tuple[str, int], frozenset[str]] = {}


def problems(patterns: Iterable[str]) -> list[tuple[str, str]]:
    """(pattern, problem) for every refused pattern."""
    return [(p, why) for p in patterns if (why := problem(p))]
