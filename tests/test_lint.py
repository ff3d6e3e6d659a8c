"""Runaway patterns: refused at load when their shape is known to be catastrophic, bounded in time else."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import app
from cleaner.rules import RuleError, builtin_rules, load_rule_file, parse_rules
from cleaner.rules.lint import problem

RULE = """[[rule]]
id = "{id}"
category = "other"
languages = ["*"]
action = "drop"
patterns = ['{pattern}']
description = "test"
match = ["{match}"]
keep = ["nothing here"]
"""


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a*)*", r"(\w+\s?)*$", r"(a|a)*", r"(a|ab)*c", r"(a{1,2})+",
                                     # bounded repetitions of variable-length bodies, overlapping classes
                                     r"^(.*?,){11}p", r"(\w|\d)*", r"(?:\w+\s?){1,1000}", r"(a?){25}a{25}",
                                     r"(?|(a+)|(b+))", r"^(?:a{65535}){65535}$"])
def test_catastrophic_shapes_are_named(pattern: str) -> None:
    assert problem(pattern)


@pytest.mark.parametrize("pattern", [r"^(?:share|teilen)$", r"(?:ab)+", r"^\d{1,3}(?:[.,]?\d{3})*$",
                                     r"^(?:[\p{L}\p{N}!&-]+ ){0,4}newsletters?:?$", r"(?>a+)+",
                                     r"^(?:\w+ ){1,20}said$", r"^(?:a{300}){300}$"])
def test_safe_shapes_pass(pattern: str) -> None:
    assert problem(pattern) is None


def test_every_built_in_pattern_passes_the_linter() -> None:
    refused = [(rule.id, p) for rule in builtin_rules() for p in rule.patterns if problem(p)]
    assert refused == []


def test_a_user_rule_file_with_a_runaway_pattern_is_refused_at_load(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(RULE.format(id="bad-one", pattern="(a+)+$", match="aaa"))
    with pytest.raises(RuleError, match=r"mine.toml: rule 'bad-one': pattern '\(a\+\)\+\$'"):
        load_rule_file(path)
    result = CliRunner().invoke(app, ["clean", "--rules", str(path), "-"], input="Some text.\n")
    assert result.exit_code == 2
    assert "bad-one" in result.stderr and "(a+)+$" in result.stderr


def test_a_match_that_runs_out_of_time_is_a_recorded_miss() -> None:
    """A shape the linter cannot see (overlapping classes) meets a long line that almost matches."""
    [rule] = parse_rules(RULE.format(id="slow-digits", pattern=r"^(\d|\d\d)+!$", match="12!"), "slow.toml")
    cleaner = Cleaner([rule])
    line = "1" * 3000 + "!x"
    article = cleaner.clean(f"A title for the page\n{line}\n")
    assert article.timed_out == ("slow-digits",)
    assert line in article.body
    assert cleaner.clean("Another document, with nothing slow in it at all.").timed_out == ()


@pytest.mark.parametrize(("name", "source", "message"), [
    ("huge.toml", RULE.format(id="huge", pattern="^(?:a{65535}){65535}$", match="a"), "multiply past"),
    ("deep.toml", "a" + ".a" * 16_000 + " = 1\n", "dotted parts"),
], ids=["repeat-product", "key-depth"])
def test_a_rule_file_that_would_take_gigabytes_is_refused_in_one_line(tmp_path: Path, name: str, source: str,
                                                                      message: str) -> None:
    """`regex` compiled (?:a{65535}){65535} to 24 GB; TOML's parser took seconds and a gigabyte on a
    key of 16,000 parts."""
    path = tmp_path / name
    path.write_text(source)
    result = CliRunner().invoke(app, ["clean", "--rules", str(path), "-"], input="Some text.\n")
    assert result.exit_code == 2
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_user_rule_is_bounded_in_time_on_a_short_line_in_clean_and_explain() -> None:
    """A short line got no time bound: 30 commas took a pattern the linter missed 16 s (80 hung)."""
    [rule] = parse_rules(RULE.format(id="slow-commas", pattern=r"^(.*?,){11}p", match=",,,,,,,,,,,p"), "slow.toml")
    cleaner = Cleaner([rule])
    line = "," * 30
    start = time.perf_counter()
    article = cleaner.clean(f"A title for the page\n{line}\n")
    assert time.perf_counter() - start < 8
    assert article.timed_out == ("slow-commas",)
    start = time.perf_counter()
    reports = cleaner.explain(f"A title for the page\n{line}\n")
    assert time.perf_counter() - start < 8
    assert [r.fired for r in reports if r.text == line] == [()]
