"""Runaway patterns: refused at load when their shape is known to be catastrophic, bounded in time else."""

from __future__ import annotations

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


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a*)*", r"(\w+\s?)*$", r"(a|a)*", r"(a|ab)*c", r"(a{1,2})+"])
def test_catastrophic_shapes_are_named(pattern: str) -> None:
    assert problem(pattern)


@pytest.mark.parametrize("pattern", [r"^(?:share|teilen)$", r"(?:ab)+", r"^\d{1,3}(?:[.,]?\d{3})*$",
                                     r"^(?:[\p{L}\p{N}!&-]+ ){0,4}newsletters?:?$", r"(?>a+)+"])
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
