"""The cache of what is derived from the rule packs: served only for the very packs and code it was
built from, identical to deriving anew, and never in the way when it cannot be used."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from cleaner import rules as rules_module
from cleaner.engine import Cleaner
from cleaner.rules import CompiledRules, _derived, _mask, load_packs, shipped_packs
from cleaner.rules import disk_cache

PACK = b"""
[[rule]]
id = "invented-share-bar"
category = "share"
languages = ["*"]
action = "drop"
patterns = ['^share (?:on|via) (?:mail|print)$']
match = ["Share via mail"]
keep = ["We share via mail our notes."]

[[rule]]
id = "invented-newsletter"
category = "subscription"
languages = ["en"]
action = "drop"
patterns = ['^.{0,40}\\bsign up for our tram bulletin\\b']
match = ["Sign up for our tram bulletin"]
keep = ["The tram bulletin was read aloud."]
"""
CODE = [b"the code that derives the facts, version 1"]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(disk_cache.ENV_VAR, str(folder))
    return folder


def _no_deriving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make deriving fail, so that a result can only come from the cache."""
    def refuse(*_: object) -> None:
        raise AssertionError("derived again instead of read from the cache")
    monkeypatch.setattr(rules_module, "_derived", refuse)


def test_a_second_load_is_served_from_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_packs([("x.toml", PACK)], CODE)
    assert (cache_dir / disk_cache.FILE_NAME).is_file()
    _no_deriving(monkeypatch)
    assert load_packs([("x.toml", PACK)], CODE) == first


def test_a_changed_pack_is_not_served_from_the_cache(cache_dir: Path) -> None:
    load_packs([("x.toml", PACK)], CODE)
    changed = PACK.replace(b"(?:mail|print)", b"(?:mail|print|fax)")
    rules, facts = load_packs([("x.toml", changed)], CODE)
    assert rules[0].patterns == ("^share (?:on|via) (?:mail|print|fax)$",)
    assert set(facts) == {"^share (?:on|via) (?:mail|print|fax)$", r"^.{0,40}\bsign up for our tram bulletin\b"}
    assert (rules, facts) == _derived([("x.toml", changed)])


def test_a_renamed_pack_or_changed_code_is_not_served_from_the_cache(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load_packs([("x.toml", PACK)], CODE)
    assert load_packs([("y.toml", PACK)], CODE)[0][0].origin == "cleaner/packs/y.toml"
    calls: list[int] = []
    real = rules_module._derived

    def counted(packs: list[tuple[str, bytes]]) -> object:
        calls.append(1)
        return real(packs)
    monkeypatch.setattr(rules_module, "_derived", counted)
    load_packs([("y.toml", PACK)], [b"the code that derives the facts, version 2"])
    assert calls == [1]


def test_an_unwritable_cache_folder_means_no_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A file where the folder should be: no folder can be made there, whoever runs the test (root too).
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(disk_cache.ENV_VAR, str(blocker / "cleaner"))
    assert load_packs([("x.toml", PACK)], CODE) == _derived([("x.toml", PACK)])
    assert blocker.read_text() == "not a folder"


def test_a_damaged_entry_is_derived_again_and_replaced(cache_dir: Path) -> None:
    expected = load_packs([("x.toml", PACK)], CODE)
    entry = cache_dir / disk_cache.FILE_NAME
    entry.write_bytes(entry.read_bytes()[:1000])  # cut short, as by a full disk
    assert load_packs([("x.toml", PACK)], CODE) == expected
    entry.write_bytes(b"\x00garbage")
    assert load_packs([("x.toml", PACK)], CODE) == expected
    wrongs: list[object] = [{"not": "rules"}, ([("too", "short")], {}), ([], 5)]
    for wrong in wrongs:  # the right key over a value of another shape
        disk_cache.store(disk_cache.key([*CODE, b"x.toml", PACK]), wrong)
        assert load_packs([("x.toml", PACK)], CODE) == expected
    assert disk_cache.load(disk_cache.key([*CODE, b"x.toml", PACK])) is not None  # written anew


def test_an_empty_setting_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(disk_cache.ENV_VAR, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert disk_cache.folder() is None
    load_packs([("x.toml", PACK)], CODE)
    assert list(tmp_path.iterdir()) == []


def test_the_folder_follows_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(disk_cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert disk_cache.folder() == tmp_path / "cleaner"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says to ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert disk_cache.folder() == tmp_path / "home" / ".cache" / "cleaner"


def test_the_shipped_packs_read_from_the_cache_equal_the_packs_derived_anew(cache_dir: Path) -> None:
    packs = shipped_packs()
    derived = _derived(packs)
    assert load_packs(packs, CODE) == derived  # a miss: derived and stored
    assert load_packs(packs, CODE) == derived  # a hit: read back


def test_a_changed_user_rule_file_takes_effect(cache_dir: Path, tmp_path: Path) -> None:
    rule_file = tmp_path / "mine.toml"
    rule_file.write_bytes(PACK)
    line = "share via fax"
    assert Cleaner.from_rule_files([rule_file]).rules.first_hit(line) is None
    rule_file.write_bytes(PACK.replace(b"(?:mail|print)", b"(?:mail|print|fax)"))
    hit = Cleaner.from_rule_files([rule_file]).rules.first_hit(line)
    assert hit is not None and hit.id == "invented-share-bar"


def test_the_length_filter_holds_the_patterns_that_fit() -> None:
    compiled = CompiledRules(rules_module.builtin_rules())
    bounds = [*compiled._bounds, math.inf]
    assert compiled._fitting == [_mask(p for p, b in enumerate(compiled._longest) if b >= bound) for bound in bounds]
