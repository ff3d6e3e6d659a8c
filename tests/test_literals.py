"""Required literals and line-length bounds must never filter out a line that a pattern matches."""

import pytest
import regex

from cleaner.lines import normalize
from cleaner.rules import builtin_rules, longest_line
from cleaner.rules.literals import leading_literals, required_literals


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"^.{0,150}\ball rights reserved\b", {"all rights reserved"}),
    (r"^(?:share|teilen) (?:on|auf)$", {"share", "teilen"}),
    (r"^(?:[\p{L}\p{N}!&-]+ ){0,4}newsletters?:?$", {"newsletter"}),
    (r"^(?=.{0,250}\b(?:error|typo)\b).{0,250}\bctrl ?\+ ?enter\b", {"enter"}),
    (r"^(?:read more)?$", None),  # may match the empty line: no literal is required
    (r"^x$", None),  # too short to be worth scanning for
    (r"(?i)^share$", None),  # case-insensitive: lines are case-folded, the literal's case is unknown
    (r"^(?:foo|\d+) bar", {" bar"}),
])
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    need = required_literals(pattern)
    assert (set(need) if need is not None else None) == expected


def test_every_rule_example_that_a_pattern_matches_contains_its_required_literal() -> None:
    """The filter is sound on every example line of the built-in packs."""
    checked = 0
    for rule in builtin_rules():
        for example in rule.match + rule.keep:
            norm = normalize(example)
            for compiled in rule.compiled:
                need = required_literals(compiled.pattern)
                if need is not None and compiled.search(norm):
                    checked += 1
                    assert any(literal in norm for literal in need), (rule.id, compiled.pattern, example)
    assert checked > 500


def test_unparseable_patterns_are_always_tried() -> None:
    assert required_literals(r"(?|(a)|(b))") is None  # `regex`-only syntax `re` cannot parse
    assert regex.compile(r"(?|(a)|(b))").search("b")


def test_a_rare_symbol_is_a_literal_worth_scanning_for() -> None:
    assert required_literals(r"^@[\w.]{1,30}$") == {"@"}
    assert required_literals(r"^\w+(?: ?[|•] ?\w+){3,}$") == {"|", "•"}
    assert required_literals(r"^\w+(?: ?[.,] ?\w+){3,}$") is None  # commas are in every other line


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"^(?:load|show) (?:more|all)$", {"load more", "load all", "show more", "show all"}),
    (r"^(?:facebook|x|x \(formerly twitter\))$", {"facebook", "x", "x (formerly "}),
    (r"^(?:foo\d)bar", {"foo"}),  # the group goes on non-literally: only its opening is known
    (r"^(?:ab|cd)+x", {"ab", "cd"}),
    (r"^(?:|a)b", {"b", "ab"}),
    (r"^(?:a|b)?c", None),  # an optional opening: anything may come first
    (r"^.{0,40}share", None),
    (r"share$", None),  # not anchored at the start
])
def test_leading_literals(pattern: str, expected: set[str] | None) -> None:
    lead = leading_literals(pattern)
    assert (set(lead) if lead is not None else None) == expected


def test_every_rule_example_that_an_anchored_pattern_matches_starts_with_its_opening() -> None:
    checked = 0
    for rule in builtin_rules():
        for example in rule.match + rule.keep:
            norm = normalize(example)
            for compiled in rule.compiled:
                lead = leading_literals(compiled.pattern)
                if lead is not None and compiled.match(norm):
                    checked += 1
                    assert norm.startswith(tuple(lead)), (rule.id, compiled.pattern, example)
    assert checked > 300


def test_longest_line_bounds_whole_line_patterns_only() -> None:
    assert longest_line(r"^share on (?:facebook|x)$") == len("share on facebook")
    assert longest_line(r"^.{0,150}\ball rights reserved\b.{0,20}$") == 150 + 19 + 20
    assert longest_line(r"^\p{L}{2,5} ?:$") == 7  # regex syntax read as a class
    assert longest_line(r"^share\b.*$") is None  # unbounded
    assert longest_line(r"^share on") is None  # not whole-line
    assert longest_line(r"^a$|^b$") is None and longest_line(r"^a|b$") is None  # top-level alternation
    assert longest_line(r"^costs \$") is None  # an escaped dollar is no anchor


def test_no_built_in_pattern_matches_a_line_longer_than_its_bound() -> None:
    for rule in builtin_rules():
        for pattern, example in ((p, m) for p in rule.patterns for m in rule.match):
            bound = longest_line(pattern)
            if bound is not None and regex.search(pattern, normalize(example)):
                assert len(normalize(example)) <= bound, (rule.id, pattern, example)
