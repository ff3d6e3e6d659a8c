"""Rule packs: TOML data files, validated and compiled here and nowhere else.

A pack is a TOML file with a `[[rule]]` table per rule:

    [[rule]]
    id = "wpdiscuz-notify"            # unique, lowercase, letters/digits/dashes
    category = "comments"             # one of article.Category
    languages = ["en"]                # ISO 639-1 codes, or ["*"] for any language
    action = "drop"                   # drop | drop-block | cut-tail
    patterns = ['^notify of$']        # `regex` syntax, searched in the normalized line
    sites = ["example.com"]           # optional: only for documents from these domains
    description = "why this is boilerplate"
    match = ["Notify of"]             # lines the rule must hit (tests run them)
    keep = ["He was notified of it."] # lines it must not hit

Patterns see the line casefolded, NFKC-normalized, with whitespace runs as one space and
trimmed (`lines.normalize`), so they are written in lower case. Nothing in a pack is executed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any, Iterable

import regex

from ..article import Category
from ..lines import normalize

ANY_LANGUAGE = "*"
_ID = regex.compile(r"[a-z0-9][a-z0-9-]*")
_KEYS = {"id", "category", "languages", "action", "patterns", "sites", "description", "match", "keep"}
_REQUIRED = {"id", "category", "languages", "action", "patterns", "match", "keep"}


class Action(str, Enum):
    """What a rule does to the document around the line it hits."""

    DROP = "drop"  # the line only
    DROP_BLOCK = "drop-block"  # the line and the widget lines after it, up to the next article paragraph
    CUT_TAIL = "cut-tail"  # the line and everything after it, when no article paragraph follows


class RuleError(ValueError):
    """A rule file that cannot be used; the message names the file and the rule."""


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    languages: frozenset[str]
    action: Action
    patterns: tuple[str, ...]
    sites: frozenset[str] = frozenset()
    description: str = ""
    match: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    origin: str = ""  # the file it came from, for messages

    def applies_to(self, language: str | None) -> bool:
        return ANY_LANGUAGE in self.languages or language is None or language in self.languages

    def hits(self, text: str) -> bool:
        """Slow path for tests and `explain`: does any pattern of this rule hit the line?"""
        norm = normalize(text)
        return any(regex.search(p, norm) for p in self.patterns)


def _check(cond: bool, origin: str, rule_id: str, problem: str) -> None:
    if not cond:
        raise RuleError(f"{origin}: rule {rule_id!r}: {problem}")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _parse_rule(raw: Any, origin: str, index: int) -> Rule:
    rule_id = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
    _check(isinstance(raw, dict), origin, rule_id, "a rule must be a table")
    unknown = set(raw) - _KEYS
    _check(not unknown, origin, rule_id, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    missing = _REQUIRED - set(raw)
    _check(not missing, origin, rule_id, f"missing key(s) {sorted(missing)}")
    _check(isinstance(rule_id, str) and bool(_ID.fullmatch(rule_id)), origin, str(rule_id),
           "id must be lowercase letters, digits and dashes")
    categories = {c.value for c in Category}
    _check(raw["category"] in categories, origin, rule_id, f"category must be one of {sorted(categories)}")
    actions = {a.value for a in Action}
    _check(raw["action"] in actions, origin, rule_id, f"action must be one of {sorted(actions)}")
    for key in ("languages", "patterns", "match", "keep"):
        _check(_strings(raw[key]) and bool(raw[key]), origin, rule_id, f"{key} must be a non-empty list of strings")
    _check(_strings(raw.get("sites", [])), origin, rule_id, "sites must be a list of domains")
    _check(isinstance(raw.get("description", ""), str), origin, rule_id, "description must be a string")
    for pattern in raw["patterns"]:
        _check("(?P<" not in pattern and "(?<" not in pattern.replace("(?<=", "").replace("(?<!", ""),
               origin, rule_id, f"pattern {pattern!r}: named groups are reserved for the engine")
        try:
            regex.compile(pattern)
        except regex.error as exc:
            raise RuleError(f"{origin}: rule {rule_id!r}: bad pattern {pattern!r}: {exc}") from None
    return Rule(
        id=rule_id,
        category=Category(raw["category"]),
        languages=frozenset(raw["languages"]),
        action=Action(raw["action"]),
        patterns=tuple(raw["patterns"]),
        sites=frozenset(s.lower().removeprefix("www.") for s in raw.get("sites", [])),
        description=raw.get("description", ""),
        match=tuple(raw["match"]),
        keep=tuple(raw["keep"]),
        origin=origin,
    )


def parse_rules(source: str, origin: str) -> list[Rule]:
    """Parse one pack's TOML text; every problem is a `RuleError` naming `origin`."""
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: not valid TOML: {exc}") from None
    unknown = set(data) - {"rule"}
    if unknown:
        raise RuleError(f"{origin}: unknown top-level key(s) {sorted(unknown)}; rules go in [[rule]] tables")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{origin}: 'rule' must be an array of tables ([[rule]])")
    return [_parse_rule(raw, origin, i) for i, raw in enumerate(raw_rules)]


def load_rule_file(path: str | Path) -> list[Rule]:
    """Read a user's rule file (same format as the built-in packs)."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    return parse_rules(source, str(path))


def builtin_rules() -> list[Rule]:
    """Every rule of the packs shipped in this package, in file-name order."""
    rules: list[Rule] = []
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            rules.extend(parse_rules(entry.read_text(encoding="utf-8"), f"cleaner/rules/{entry.name}"))
    return rules


def check_unique(rules: Iterable[Rule]) -> None:
    """Rule ids name removals, so two rules may not share one."""
    seen: dict[str, str] = {}
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"{rule.origin}: rule {rule.id!r} is already defined in {seen[rule.id]}")
        seen[rule.id] = rule.origin


def anchored(pattern: str) -> bool:
    """True when every match must start at the line's start: `^` first and no top-level `|`.

    Such patterns are run with `match`, which tries one position instead of every position of the
    line: with hundreds of rules that is most of the matching cost.
    """
    if not pattern.startswith("^"):
        return False
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if pattern[i + 1:i + 2] == "]":  # a literal "]" right after "[" belongs to the class
                i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


class CompiledRules:
    """The patterns of a rule set compiled into a few alternations, so a line is matched at most thrice.

    Each rule becomes a named group `r<index>` whose name tells which rule hit. Patterns anchored
    at the line start are grouped by the first character a line can have for them (the `regex`
    module's partial matching says whether a one-character string can begin a match), and run
    with `match`; so a line meets only the rules that can start with its first character, not
    hundreds. The other patterns form one alternation run with `search`. Site rules form one more
    alternation per site, tried first, and only for that site's documents.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        check_unique(self.rules)
        # (rule index, pattern source, compiled, anchored) for every pattern, in pack order
        self._patterns = [
            (i, p, regex.compile(p), anchored(p)) for i, rule in enumerate(self.rules) for p in rule.patterns
        ]
        self._by_selection: dict[tuple[int, ...], regex.Pattern[str] | None] = {}
        self._by_key: dict[tuple[str, str | None, str], regex.Pattern[str] | None] = {}

    def _applicable(self, index: int, language: str | None, site: str | None) -> bool:
        rule = self.rules[index]
        return rule.applies_to(language) and (not rule.sites or (site is not None and _site_matches(site, rule.sites)))

    def _alternation(self, selection: list[int]) -> regex.Pattern[str] | None:
        """One pattern for the selected patterns (indexes into `_patterns`), compiled once per selection."""
        key = tuple(selection)
        if key not in self._by_selection:
            by_rule: dict[int, list[str]] = {}
            for n in selection:
                rule_index, source, _, _ = self._patterns[n]
                by_rule.setdefault(rule_index, []).append(f"(?:{source})")
            groups = [f"(?P<r{i}>{'|'.join(sources)})" for i, sources in by_rule.items()]
            self._by_selection[key] = regex.compile("|".join(groups)) if groups else None
        return self._by_selection[key]

    def _select(self, kind: str, language: str | None, site: str | None, first: str) -> regex.Pattern[str] | None:
        key = (kind, language, site if kind == "site" else first)
        if key not in self._by_key:
            selection = []
            for n, (i, _, compiled, is_anchored) in enumerate(self._patterns):
                rule = self.rules[i]
                if not rule.applies_to(language) or bool(rule.sites) != (kind == "site"):
                    continue
                if kind == "site":
                    keep = site is not None and _site_matches(site, rule.sites)
                elif kind == "start":
                    keep = is_anchored and compiled.match(first, partial=True) is not None
                else:
                    keep = not is_anchored
                if keep:
                    selection.append(n)
            self._by_key[key] = self._alternation(selection)
        return self._by_key[key]

    def first_hit(self, norm: str, language: str | None = None, site: str | None = None) -> Rule | None:
        """The rule that hits a normalized line (site rules, then anchored rules, first), or None."""
        if not norm:
            return None
        m = None
        if site is not None and (pattern := self._select("site", language, site, "")) is not None:
            m = pattern.search(norm)
        if m is None and (pattern := self._select("start", language, None, norm[0])) is not None:
            m = pattern.match(norm)
        if m is None and (pattern := self._select("anywhere", language, None, "")) is not None:
            m = pattern.search(norm)
        return self.rules[int(m.lastgroup[1:])] if m and m.lastgroup else None

    def all_hits(self, norm: str, language: str | None = None, site: str | None = None) -> list[Rule]:
        """Every rule that hits (for `explain`); slower, one search per pattern."""
        hits = {i for i, _, compiled, _ in self._patterns if self._applicable(i, language, site) and compiled.search(norm)}
        return [self.rules[i] for i in sorted(hits)]


def _site_matches(site: str, sites: frozenset[str]) -> bool:
    return any(site == s or site.endswith("." + s) for s in sites)
