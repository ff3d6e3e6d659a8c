"""Every built-in rule is valid and its own examples hold: no rule lands untested."""

from __future__ import annotations

import pytest

from cleaner.lines import normalize
from cleaner.rules import CompiledRules, RuleError, builtin_rules, check_unique, load_rule_file, parse_rules

RULES = builtin_rules()
COMPILED = CompiledRules(RULES)


def test_builtin_rules_load_and_ids_are_unique() -> None:
    assert len(RULES) > 0
    check_unique(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_examples(rule) -> None:
    assert rule.example_problem() is None, f"{rule.origin}: {rule.id} {rule.example_problem()}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_combined_pattern_finds_each_rule(rule) -> None:
    """The one-alternation fast path must hit every positive example (maybe via another rule)."""
    for line in rule.match:
        assert COMPILED.first_hit(normalize(line), next(iter(rule.languages)) if "*" not in rule.languages else None,
                                  next(iter(rule.sites), None)) is not None


def test_unknown_key_is_an_error() -> None:
    text = '[[rule]]\nid="x"\ncategory="share"\nlanguages=["en"]\naction="drop"\npatterns=["^x$"]\nmatch=["x"]\nkeep=["y"]\ncolour="red"\n'
    with pytest.raises(RuleError, match="unknown key"):
        parse_rules(text, "user.toml")


def test_tags_are_read_and_an_unknown_tag_is_an_error() -> None:
    text = '[[rule]]\nid="x"\ncategory="navigation"\nlanguages=["en"]\naction="drop"\npatterns=["^x$"]\nmatch=["x"]\nkeep=["y"]\n'
    assert parse_rules(text + 'tags=["more-link"]\n', "user.toml")[0].tags == {"more-link"}
    assert parse_rules(text, "user.toml")[0].tags == frozenset()
    with pytest.raises(RuleError, match="tags must be a list of known tags: more-link"):
        parse_rules(text + 'tags=["moar-link"]\n', "user.toml")


def test_the_packs_read_more_rules_carry_the_more_link_tag() -> None:
    """Rules are selected by their tags: the packs' "read more" rules carry `more-link`."""
    assert {rule.id for rule in RULES if "more-link" in rule.tags} == {f"{lang}-nav-more-links" for lang in ("de", "en", "es", "fr")}


def test_malformed_toml_names_the_file() -> None:
    with pytest.raises(RuleError, match="user.toml: not valid TOML"):
        parse_rules("[[rule]\nid=", "user.toml")


def test_bad_pattern_is_refused() -> None:
    text = '[[rule]]\nid="x"\ncategory="share"\nlanguages=["en"]\naction="drop"\npatterns=["(unclosed"]\nmatch=["x"]\nkeep=["y"]\n'
    with pytest.raises(RuleError, match="bad pattern"):
        parse_rules(text, "user.toml")


def test_site_rule_only_applies_to_its_site() -> None:
    text = ('[[rule]]\nid="promo"\ncategory="advert"\nlanguages=["*"]\naction="drop"\npatterns=["^buy our mugs$"]\n'
            'sites=["example.com"]\nmatch=["Buy our mugs"]\nkeep=["We bought mugs."]\n')
    compiled = CompiledRules(parse_rules(text, "user.toml"))
    assert compiled.first_hit("buy our mugs", "en", "news.example.com") is not None
    assert compiled.first_hit("buy our mugs", "en", "other.org") is None
    assert compiled.first_hit("buy our mugs", "en", None) is None


def test_lookaround_pattern_is_not_ruled_out_by_the_line_start() -> None:
    """The start index must not read "1788" (the start of "17880") as a whole line: a year."""
    text = ('[[rule]]\nid="counter"\ncategory="share"\nlanguages=["*"]\naction="drop"\n'
            'patterns=["^(?!(?:1[5-9]|20)\\\\d\\\\d$)\\\\d{1,6}$"]\nmatch=["17880"]\nkeep=["1788"]\n')
    compiled = CompiledRules(parse_rules(text, "user.toml"))
    assert compiled.first_hit("1788") is None
    assert compiled.first_hit("17880") is not None


def test_the_index_finds_what_trying_every_pattern_finds() -> None:
    """On every line of the corpus, short and long (a long line is scanned with fewer literals), in
    several packs: the literal index and the line-length filter lose no hit and change no order."""
    from pathlib import Path

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    norms = {normalize(line) for path in corpus.glob("*/raw.txt") for line in path.read_text(encoding="utf-8").splitlines()}
    norms.discard("")
    assert any(len(n) > 100 for n in norms) and any(len(n) <= 100 for n in norms)
    compared = 0
    for language in (None, "en", "de", "ru"):
        for norm in sorted(norms):
            everything = COMPILED.all_hits(norm, language)
            assert COMPILED.first_hit(norm, language) == (everything[0] if everything else None), (language, norm)
            compared += bool(everything)
    assert compared > 100


KEEP_HIT = ('[[rule]]\nid="x-share"\ncategory="share"\nlanguages=["en"]\naction="drop"\npatterns=["share"]\n'
            'description="Share prompts."\nmatch=["Share this"]\nkeep=["Shares rose by four percent on Tuesday."]\n')


def test_a_user_rule_that_hits_its_own_keep_example_is_refused_at_load(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Such a rule loaded silently and removed article sentences."""
    path = tmp_path / "user.toml"
    path.write_text(KEEP_HIT)
    with pytest.raises(RuleError, match="'x-share' hits its keep example 'Shares rose"):
        load_rule_file(path)
    path.write_text(KEEP_HIT.replace('patterns=["share"]', 'patterns=["^share this$"]').replace("Share this", "Share  this"))
    assert [rule.id for rule in load_rule_file(path)] == ["x-share"]


def test_rules_check_names_the_rule_and_the_example(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from cleaner.cli import app

    path = tmp_path / "user.toml"
    path.write_text(KEEP_HIT.replace('match=["Share this"]', 'match=["Share this", "Tell a friend"]')
                    .replace('patterns=["share"]', 'patterns=["^share this$"]'))
    bad = CliRunner().invoke(app, ["rules", "--check", str(path)])
    assert bad.exit_code == 2 and "'x-share' misses its match example 'Tell a friend'" in bad.output
    path.write_text(KEEP_HIT.replace('patterns=["share"]', 'patterns=["^share this$"]'))
    good = CliRunner().invoke(app, ["rules", "--check", str(path)])
    assert good.exit_code == 0 and "1 rules, 2 examples" in good.output
