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

A built-in pack (cleaner/packs) also holds its language's data in a `[language]` table (see `Language`):

    [language]
    code = "de"                       # ISO 639-1; "*" in shared.toml, for words of no one language
    stoplist = "German"               # jusText's stoplist
    function_words = ["der", "und"]   # and date_labels, byline_particles, ... (`Language`)
"""

from __future__ import annotations

import math
import operator
import re._constants as C
import tomllib
from bisect import bisect_left
from dataclasses import astuple, dataclass, fields
from functools import cache, cached_property
from itertools import accumulate
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple
from collections.abc import Callable, Iterable, Iterator

import ahocorasick
import regex

from ..article import Category
from ..lines import MEMO_MAX_CHARS, normalize
from . import disk_cache
from . import lint
from .literals import MIN_USEFUL_CHARS, Requirement, leading_literals, parse, required_literals

ANY_LANGUAGE = "*"
ALWAYS_LANGUAGE = "en"
_ID = regex.compile(r"[a-z0-9][a-z0-9-]*")
_KEYS = {"id", "category", "languages", "action", "patterns", "sites", "description", "match", "keep", "tags"}
# What a rule may say of the lines it hits, beyond its category, for a heuristic to read (not its id).
MORE_LINK = "more-link"
TAGS = {
    MORE_LINK: "a bare \"read more\" link: the paragraph before it is a teaser for another page "
               "(heuristic teaser-before-more-link, in extracted text)",
}
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
    tags: frozenset[str] = frozenset()  # from `TAGS`

    @cached_property
    def compiled(self) -> tuple[regex.Pattern[str], ...]:
        """The patterns compiled, on first use (the packs' ~1,300 take a second to compile, and a run
        uses a fraction of them)."""
        return tuple(regex.compile(pattern) for pattern in self.patterns)

    def applies_to(self, language: str | None) -> bool:
        """Rules of the document's language, language-independent ones, and English ones: themes
        and plugins print their English strings untranslated on pages in every language."""
        return (ANY_LANGUAGE in self.languages or language is None or language in self.languages
                or ALWAYS_LANGUAGE in self.languages)

    def hits(self, text: str) -> bool:
        """Slow path for tests and `explain`: does any pattern of this rule hit the line?"""
        norm = normalize(text)
        return any(c.search(norm, timeout=MATCH_TIMEOUT_S) for c in self.compiled)

    def example_problem(self) -> str | None:
        """What is wrong with the rule by its own examples: a `match` line it misses or a `keep` line it hits
        (a keep example is article text: a rule that hits it would remove article sentences)."""
        try:
            for line in self.match:
                if not self.hits(line):
                    return f"misses its match example {line!r}"
            for line in self.keep:
                if self.hits(line):
                    return f"hits its keep example {line!r}, which is article text"
        except TimeoutError:
            return f"takes over {MATCH_TIMEOUT_S} s on one of its own examples"
        return None


def _check(cond: bool, origin: str, rule_id: str, problem: str) -> None:
    if not cond:
        raise RuleError(f"{origin}: rule {rule_id!r}: {problem}")


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _parse_rule(raw: Any, origin: str, index: int, compile_now: bool = True) -> Rule:
    rule_id = raw.get("id", f"#{index + 1}") if isinstance(raw, dict) else f"#{index + 1}"
    _check(isinstance(raw, dict), origin, rule_id, "a rule must be a table")
    unknown = set(raw) - _KEYS
    _check(not unknown, origin, rule_id, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}")
    missing = _REQUIRED - set(raw)
    _check(not missing, origin, rule_id, f"missing key(s) {sorted(missing)}")
    _check(isinstance(rule_id, str) and bool(_ID.fullmatch(rule_id)), origin, str(rule_id),
           "id must be lowercase letters, digits and dashes")
    categories = {c.value for c in Category}
    _check(isinstance(raw["category"], str) and raw["category"] in categories, origin, rule_id,
           f"category must be one of {sorted(categories)}")
    actions = {a.value for a in Action}
    _check(isinstance(raw["action"], str) and raw["action"] in actions, origin, rule_id,
           f"action must be one of {sorted(actions)}")
    for key in ("languages", "patterns", "match", "keep"):
        _check(_strings(raw[key]) and bool(raw[key]), origin, rule_id, f"{key} must be a non-empty list of strings")
    _check(_strings(raw.get("sites", [])), origin, rule_id, "sites must be a list of domains")
    _check(isinstance(raw.get("description", ""), str), origin, rule_id, "description must be a string")
    _check(_strings(raw.get("tags", [])) and set(raw.get("tags", [])) <= TAGS.keys(), origin, rule_id,
           f"tags must be a list of known tags: {', '.join(sorted(TAGS))}")
    for pattern in raw["patterns"]:
        _check("(?P<" not in pattern and "(?<" not in pattern.replace("(?<=", "").replace("(?<!", ""),
               origin, rule_id, f"pattern {pattern!r}: named groups are reserved for the engine")
        if compile_now:
            if why := lint.compile_problem(pattern):  # before compiling: `regex` may take gigabytes
                raise RuleError(f"{origin}: rule {rule_id!r}: bad pattern {pattern!r}: {why}")
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
        tags=frozenset(raw.get("tags", [])),
    )


# A rule file's size, and how many dotted parts a key may have: TOML's parser takes time and memory
# quadratic in a key's parts (16,000: seconds and a gigabyte). The packs shipped have ~100 KB
# files and keys of one part.
MAX_RULE_FILE_CHARS = 4_000_000
MAX_KEY_PARTS = 64
_KEY_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""
_DEEP_KEY = regex.compile(rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_KEY_PARTS}}}")


def parse_rules(source: str, origin: str, compile_now: bool = True) -> list[Rule]:
    """The rules of one pack's TOML text (see `parse_pack`)."""
    return list(parse_pack(source, origin, compile_now).rules)


class Pack(NamedTuple):
    """One pack read: its rules and its language table (None when it has none, as a user's rule file)."""

    rules: tuple[Rule, ...]
    language: Language | None


def parse_pack(source: str, origin: str, compile_now: bool = True) -> Pack:
    """Parse one pack's TOML text; every problem is a `RuleError` naming `origin`. `compile_now`: check
    every pattern's syntax now (the built-in packs, checked by the tests, leave it to first use)."""
    if len(source) > MAX_RULE_FILE_CHARS:
        raise RuleError(f"{origin}: rule file larger than {MAX_RULE_FILE_CHARS:,} characters")
    if _DEEP_KEY.search(source):
        raise RuleError(f"{origin}: a key with more than {MAX_KEY_PARTS} dotted parts; rules need none")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        raise RuleError(f"{origin}: not valid TOML: {exc}") from None
    unknown = set(data) - {"rule", "language"}
    if unknown:
        raise RuleError(f"{origin}: unknown top-level key(s) {sorted(unknown)}; rules go in [[rule]] tables, "
                        "a language's data in [language]")
    raw_rules = data.get("rule", [])
    if not isinstance(raw_rules, list):
        raise RuleError(f"{origin}: 'rule' must be an array of tables ([[rule]])")
    return Pack(tuple(_parse_rule(raw, origin, i, compile_now) for i, raw in enumerate(raw_rules)),
                _parse_language(data["language"], origin) if "language" in data else None)


def load_rule_file(path: str | Path) -> list[Rule]:
    """Read a user's rule file (same format as the built-in packs; a `[language]` table is checked, and
    used only in a built-in pack)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as file:
            source = file.read(MAX_RULE_FILE_CHARS + 1)  # past the limit: refused without reading it all
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"{path}: cannot read rule file: {exc}") from None
    try:
        rules = parse_rules(source, str(path))
    except RecursionError:  # TOML's parser recurses into nested arrays and tables
        raise RuleError(f"{path}: arrays or tables nested too deep; rules need none") from None
    for rule in rules:
        for pattern in rule.patterns:
            if why := lint.problem(pattern):
                raise RuleError(f"{path}: rule {rule.id!r}: pattern {pattern!r} can take for ever on some lines: {why}; "
                                "rewrite it so that each part of a repetition can match a text one way only")
        if why := rule.example_problem():
            raise RuleError(f"{path}: rule {rule.id!r} {why}; fix the pattern or the example")
    return rules


def builtin_rules() -> tuple[Rule, ...]:
    """Every rule of the packs shipped in this package, in file-name order (parsed once per process)."""
    return _builtin()[0]


class PatternFacts(NamedTuple):
    """What the matching index needs to know of a pattern, read from its structure (see `literals`)."""

    anchored: bool
    longest: int | None  # `longest_line`
    need: Requirement | None  # `required_literals`
    lead: Requirement | None  # `leading_literals`, for anchored patterns


def pattern_facts(pattern: str) -> PatternFacts:
    """The pattern's facts, read from its structure: ~1 ms each, a second for the packs (hence `load_packs`)."""
    is_anchored = anchored(pattern)
    return PatternFacts(is_anchored, longest_line(pattern), required_literals(pattern),
                        leading_literals(pattern) if is_anchored else None)


# The code whose output is cached with the packs: a change to it is a change of cache key.
_DERIVING_CODE = (("cleaner.rules", "__init__.py"), ("cleaner.rules", "literals.py"), ("cleaner", "article.py"))


def _deriving_code() -> list[bytes] | None:
    """The source of `_DERIVING_CODE`; None when installed without sources: no key to trust."""
    try:
        return [resources.files(package).joinpath(name).read_bytes() for package, name in _DERIVING_CODE]
    except OSError:
        return None


@cache
def _builtin() -> tuple[tuple[Rule, ...], dict[str, PatternFacts]]:
    """The built-in rules and their patterns' facts, from the cache when the packs and code are those it was built from."""
    code = _deriving_code()
    if code is None:
        return _derived(shipped_packs())
    return load_packs(shipped_packs(), code)


PACKS = "packs"  # the folder of the built-in packs, in the `cleaner` package


def shipped_packs() -> list[tuple[str, bytes]]:
    """The packs of this package (cleaner/packs): (file name, bytes), in file-name order."""
    folder = resources.files("cleaner").joinpath(PACKS)
    return [(entry.name, entry.read_bytes()) for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".toml")]


def load_packs(packs: list[tuple[str, bytes]], code: list[bytes]) -> tuple[tuple[Rule, ...], dict[str, PatternFacts]]:
    """Packs (file name, bytes) parsed and their patterns' facts; served from the cache when it holds them
    for these very packs and this code (`code`: the source of what derives them), else derived and kept."""
    return disk_cache.cached(_key_parts(packs, code), lambda: _derived(packs), lambda derived: _to_plain(*derived), _from_plain)


def _key_parts(packs: list[tuple[str, bytes]], code: list[bytes]) -> list[bytes]:
    return [*code, *(part for name, source in packs for part in (name.encode(), source))]


@cache
def _shipped_pack(name: str, source: bytes) -> Pack:
    """A built-in pack parsed, once a process: the rules and the language tables are derived from the same parse."""
    return parse_pack(source.decode("utf-8"), f"cleaner/{PACKS}/{name}", compile_now=False)


def _derived(packs: list[tuple[str, bytes]]) -> tuple[tuple[Rule, ...], dict[str, PatternFacts]]:
    rules = tuple(rule for name, source in packs for rule in _shipped_pack(name, source).rules)
    return rules, {pattern: pattern_facts(pattern) for rule in rules for pattern in rule.patterns}


_PlainRule = tuple[str, str, frozenset[str], str, tuple[str, ...], frozenset[str], str, tuple[str, ...], tuple[str, ...], str,
                   frozenset[str]]
_Plain = tuple[list[_PlainRule], dict[str, tuple[Any, ...]]]


def _to_plain(rules: Iterable[Rule], facts: dict[str, PatternFacts]) -> _Plain:
    """Rules and facts as the plain values `marshal` keeps."""
    return ([(r.id, r.category.value, r.languages, r.action.value, r.patterns, r.sites, r.description, r.match, r.keep, r.origin,
              r.tags) for r in rules], {pattern: tuple(f) for pattern, f in facts.items()})


def _from_plain(plain: _Plain) -> tuple[tuple[Rule, ...], dict[str, PatternFacts]]:
    rules, facts = plain
    return (tuple(Rule(id, Category(category), languages, Action(action), patterns, sites, description, match, keep, origin, tags)
                  for id, category, languages, action, patterns, sites, description, match, keep, origin, tags in rules),
            {pattern: PatternFacts(*f) for pattern, f in facts.items()})


@dataclass(frozen=True)
class Language:
    """A pack's `[language]` table: what the engine knows of a language besides its rules. Words are
    compared with the page's words casefolded, so they are written in lower case, one word each."""

    code: str  # ISO 639-1 ("de"); "*" (shared.toml): words of no one pack language, read with every pack's
    stoplist: str = ""  # the name of jusText's stoplist (installed with trafilatura): the lines' stopword density
    month_first: bool = False  # numeric dates print the month first: "03/04/2025" is March 4
    function_words: tuple[str, ...] = ()  # frequent words no other pack language writes alike (`language.clear_language`)
    date_labels: tuple[str, ...] = ()  # words around a printed date: "published", "um", "h" (`dates`)
    byline_particles: tuple[str, ...] = ()  # the word before an author's name: "by", "von" (`metadata`)
    byline_verbs: tuple[str, ...] = ()  # a word before the particle: "written" by, "geschrieben" von (`metadata`)
    name_particles: tuple[str, ...] = ()  # lower-case words inside a name: "van", "de"
    share_verbs: tuple[str, ...] = ()  # a share button's first word: "share", "teilen"
    share_objects: tuple[str, ...] = ()  # the word after it: "on", "via", "auf"
    social_networks: tuple[str, ...] = ()  # networks' names in a share button: "facebook", "vk"
    # Site words, by kind (`notices`): words, stems ("abonn*": the word's inflections) and phrases ("sign_up").
    notice_cookie: tuple[str, ...] = ()  # "cookies", "ciasteczk*"
    notice_newsletter: tuple[str, ...] = ()  # "newsletter*", "nieuwsbrie*"
    notice_mail: tuple[str, ...] = ()  # "e-mail*", "courriel"
    notice_privacy: tuple[str, ...] = ()  # "privacy", "datenschutz*"
    notice_consent: tuple[str, ...] = ()  # "consent*", "einwillig*"
    notice_subscribe: tuple[str, ...] = ()  # "subscri*", "sign_up"
    notice_password: tuple[str, ...] = ()  # "passw*", "mot_de_passe"
    notice_browser: tuple[str, ...] = ()  # "browser*", "navigateur*"
    notice_site: tuple[str, ...] = ()  # "website", "this_site"
    notice_terms: tuple[str, ...] = ()  # "agb", "terms_of_use"
    notice_revoke: tuple[str, ...] = ()  # "widerruf*", "at_any_time"
    notice_ads: tuple[str, ...] = ()  # "advertis*", "werbung"
    notice_data: tuple[str, ...] = ()  # "data", "personal_information"
    notice_moderation: tuple[str, ...] = ()  # "moderat*", "comments"
    notice_tracking: tuple[str, ...] = ()  # "tracking", "third_party"
    site_voice: tuple[str, ...] = ()  # a site speaking to the reader or for itself: "your", "we", "unser*" (`notices`)
    writer_trades: tuple[str, ...] = ()  # a writer's trade, or what a writer does: "reporter*", "writes_about" (`bios`)
    # Words a bio's name may hold ("Ortega y Gasset", "von und zu", "ter Horst": `bios`) that are no name particle
    # to the byline search: "Ana y Luis" are two people, "zu" is a preposition (a comment stamp "... von Leser zu"
    # was taken for a byline).
    name_joiners: tuple[str, ...] = ()


_PER_LANGUAGE = ("stoplist", "month_first", "function_words")  # what the code reads by language: not in the "*" table
_WORD_LISTS = tuple(f.name for f in fields(Language) if f.name not in ("code", "stoplist", "month_first"))
_LANGUAGE_KEYS = {"code", "stoplist", "month_first", *_WORD_LISTS}
_LANGUAGE_CODE = regex.compile(r"[a-z]{2,3}")
_WORD = r"[^\s*_]+"
_ONE_WORD = regex.compile(_WORD)
# The lists read with stems ("abonn*") and phrases ("sign_up") besides words, and what else they take.
_STEMS_AND_PHRASES = regex.compile(rf"{_WORD}(?:\*|(?:_{_WORD})+)?")
_WORD_FORMS = ({key: (_STEMS_AND_PHRASES, ', a stem ("word*") or a phrase ("two_words")')
                for key in _WORD_LISTS if key.startswith("notice_") or key == "writer_trades"}
               | {"site_voice": (regex.compile(rf"{_WORD}\*?"), ' or a stem ("word*")')})


def _parse_language(raw: Any, origin: str) -> Language:
    """A `[language]` table checked as rules are: unknown keys, wrong types and words the code cannot meet are errors."""
    def check(cond: bool, problem: str) -> None:
        if not cond:
            raise RuleError(f"{origin}: [language]: {problem}")

    check(isinstance(raw, dict), "must be a table")
    unknown = set(raw) - _LANGUAGE_KEYS
    check(not unknown, f"unknown key(s) {sorted(unknown)}; allowed: {sorted(_LANGUAGE_KEYS)}")
    code = raw.get("code")
    check(code == ANY_LANGUAGE or (isinstance(code, str) and bool(_LANGUAGE_CODE.fullmatch(code))),
          f'code must be an ISO 639-1 code ("de"), or "{ANY_LANGUAGE}" for words of no one language')
    if code == ANY_LANGUAGE:
        per_language = sorted(set(raw) & set(_PER_LANGUAGE))
        check(not per_language, f"{per_language} belong to one language, not to the {ANY_LANGUAGE!r} table")
    else:
        check(isinstance(raw.get("stoplist"), str) and bool(raw.get("stoplist")),
              'stoplist must name jusText\'s stoplist of the language ("German")')
    check(isinstance(raw.get("month_first", False), bool), "month_first must be true or false")
    for key in _WORD_LISTS:
        words = raw.get(key, [])
        check(_strings(words), f"{key} must be a list of words")
        form, forms = _WORD_FORMS.get(key, (_ONE_WORD, ""))
        for word in words:
            check(bool(form.fullmatch(word)) and word == word.casefold(), f"{key}: {word!r} is not one word{forms} in lower case")
        check(len(set(words)) == len(words), f"{key} lists a word twice")
    return Language(code, raw.get("stoplist", ""), raw.get("month_first", False),
                    *(tuple(raw.get(key, [])) for key in _WORD_LISTS))


LANGUAGES_FILE = "languages.marshal"  # the disk cache's entry for the packs' language tables


@cache
def builtin_languages() -> tuple[Language, ...]:
    """The language tables of the packs shipped, in file-name order. `language`, `dates` and `metadata` read
    them when imported, so they come from the disk cache (a small entry) rather than from parsing the packs."""
    packs, code = shipped_packs(), _deriving_code()
    if code is None:
        return _languages(packs)
    return disk_cache.cached(_key_parts(packs, code), lambda: _languages(packs),
                             lambda languages: [astuple(language) for language in languages],
                             lambda plain: tuple(Language(*language) for language in plain), LANGUAGES_FILE)


def _languages(packs: list[tuple[str, bytes]]) -> tuple[Language, ...]:
    return tuple(language for name, source in packs if (language := _shipped_pack(name, source).language) is not None)


def language_words(field: str) -> frozenset[str]:
    """One word list of the language tables (`date_labels`, `share_verbs`...), every built-in pack's
    together: for the code that does not tell languages apart."""
    if field not in _WORD_LISTS:
        raise KeyError(f"no word list {field!r} in a [language] table; there are {', '.join(_WORD_LISTS)}")
    return frozenset(word for language in builtin_languages() for word in getattr(language, field))


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


def longest_line(pattern: str) -> int | None:
    """The longest line a whole-line pattern (`anchored` and ending in `$`) can match, when its
    repetitions are bounded; None when it has no such bound. A longer line is not worth trying:
    most patterns describe widgets of under a hundred characters, most prose lines are longer."""
    if not (anchored(pattern) and pattern.endswith("$") and not pattern.endswith("\\$")):
        return None
    parsed = parse(pattern)
    longest = parsed.getwidth()[1] if parsed is not None else C.MAXREPEAT
    return longest if longest < C.MAXREPEAT else None


OPENING_KEY_CHARS = 4
LONG_LINE_SCAN = 100  # see `CompiledRules._scan_long`; of 100, 150 and 200, 100 measured best
# Partial matching reads the end of a line's start as the end of the line inside lookarounds and
# `\B` ("1788" is a whole year to `(?!...\d\d$)`): a pattern with one cannot be ruled out so.
_PARTIAL_UNSOUND = ("(?=", "(?!", "(?<=", "(?<!", "\\B")
# Matches on lines this long are bounded in time: a pattern the linter let through must not hang a
# batch on a 10 MB line. (The bound costs ~2 us per match, so short lines go without, for the
# built-in packs: a user's rule is timed on every line, as an 80-character line can hang one.)
TIMED_MIN_CHARS = 1000
MATCH_TIMEOUT_S = 0.25
ANSWERS_MAX = 20_000  # remembered short line -> rule answers; the memo is emptied when it is full
_UNKNOWN = object()  # not yet in the memo (None is an answer: no rule hits)

Position = tuple[int, str, bool]  # (rule index, pattern, anchored)


class CompiledRules:
    """A rule set ready to match lines fast.

    Nearly every pattern needs some literal text in the line ("all rights reserved", "newsletter"),
    or, anchored at the line start, one of a few openings ("load more", "show all"): a lookup of the
    line's first characters and one Aho-Corasick scan of the line for all those literals (see
    `literals`) name the few patterns worth running, and only those are run, in pack order. The few patterns without such a literal are
    indexed by the line's first characters when anchored (the `regex` module's partial matching
    tells whether a pattern can match some line beginning with a given prefix), else always tried.
    Site rules are tried first, and only for their site's documents.

    Measured on real pages before the literal scan: a line was tried against ~80 patterns on
    average (patterns like `^.{0,150}...` defeat a prefix index), most of the cleaning time.
    """

    def __init__(self, rules: Iterable[Rule]) -> None:
        self.rules = list(rules)
        check_unique(self.rules)
        known = _builtin()[1]  # the packs' patterns' facts, derived once (see `load_packs`)
        facts: list[PatternFacts] = []
        self._patterns: list[Position] = []
        for i, rule in enumerate(self.rules):
            for pattern in rule.patterns:
                facts.append(known.get(pattern) or pattern_facts(pattern))
                self._patterns.append((i, pattern, facts[-1].anchored))
        self._compiled: list[regex.Pattern[str] | None] = [None] * len(self._patterns)  # on first use
        self._site_positions = [position for position, (i, _, _) in enumerate(self._patterns) if self.rules[i].sites]
        trusted = {id(rule) for rule in builtin_rules()}  # the packs shipped, linted and tested here
        self._untrusted = _mask(position for position, (i, _, _) in enumerate(self._patterns) if id(self.rules[i]) not in trusted)
        # The longest line each pattern can match (see `longest_line`): prose lines skip most patterns.
        self._longest: list[float] = []
        needs: dict[str, list[int]] = {}
        openings: dict[str, list[int]] = {}
        self._unfiltered: list[int] = []  # positions of general patterns with neither kind of literal
        for position, ((i, _, _), fact) in enumerate(zip(self._patterns, facts)):
            self._longest.append(fact.longest or math.inf)
            if self.rules[i].sites:
                continue
            need, lead = fact.need, fact.lead
            if lead is not None and (need is None or min(map(len, lead)) >= MIN_USEFUL_CHARS):
                for opening in lead:
                    openings.setdefault(opening, []).append(position)
            elif need is not None:
                for literal in need:
                    needs.setdefault(literal, []).append(position)
            else:
                self._unfiltered.append(position)
        # Of those, the ones every line start makes candidates (unanchored, or what partial matching cannot
        # judge), worked out once, not at each new line start; the others are matched partially (`_start`).
        self._always = _mask(p for p in self._unfiltered if not self._patterns[p][2]
                             or any(x in self._patterns[p][1] for x in _PARTIAL_UNSOUND))
        self._partial = [p for p in self._unfiltered if not self._always >> p & 1]
        # Sets of pattern positions are bit masks (bit p: position p): a union is one `|`, the filters
        # below one `&`, and the lowest bit first is pack order.
        self._scan = _automaton({literal: _mask(positions) for literal, positions in needs.items()})
        # A line longer than LONG_LINE_SCAN is scanned for the literals of the patterns that can match
        # one only: most patterns are bounded short, and their literals are common words in prose
        # ("that", "people"), found in every paragraph for nothing. A smaller automaton, fewer hits.
        self._scan_long = _automaton({literal: _mask(p for p in positions if self._longest[p] > LONG_LINE_SCAN)
                                      for literal, positions in needs.items()
                                      if any(self._longest[p] > LONG_LINE_SCAN for p in positions)})
        # Openings (~5,000, most 12 characters long) by their first OPENING_KEY_CHARS characters
        # (shorter ones by themselves), read once per line start (`_start`).
        self._openings: dict[str, list[tuple[str, int]]] = {}
        for opening, positions in openings.items():
            self._openings.setdefault(opening[:OPENING_KEY_CHARS], []).append((opening, _mask(positions)))
        # Patterns that can match a line of a given length: by the distinct bounds, ascending.
        self._bounds = sorted({b for b in self._longest if b != math.inf})
        # `_fitting[bisect_left(_bounds, size)]`: the patterns that can match a line of `size` characters
        # (the last entry, past every bound: the unbounded ones).
        # Built from the longest bound down, each entry the next one's patterns plus those of its own bound
        # (one mask per bound over every pattern was ~40 ms of each start).
        of_bound: dict[float, int] = {}
        for position, bound in enumerate(self._longest):
            of_bound[bound] = of_bound.get(bound, 0) | 1 << position
        self._fitting = list(accumulate((of_bound.get(b, 0) for b in reversed([*self._bounds, math.inf])), operator.or_))[::-1]
        self._usable: dict[str | None, int] = {}
        self._starts: dict[str, tuple[int, tuple[tuple[str, int], ...]]] = {}
        self._answers: dict[tuple[str | None, str | None], dict[str, Rule | None]] = {}
        self._answered = 0  # lines remembered in `_answers`, all keys together
        self._by_site: dict[tuple[str | None, str], list[int]] = {}

    def _applicable(self, index: int, language: str | None, site: str | None) -> bool:
        rule = self.rules[index]
        return rule.applies_to(language) and (not rule.sites or (site is not None and _site_matches(site, rule.sites)))

    def _general(self, language: str | None) -> int:
        """The patterns that may hit documents in `language` whatever their site (a mask)."""
        if language not in self._usable:
            self._usable[language] = _mask(
                p for p, (i, _, _) in enumerate(self._patterns) if not self.rules[i].sites and self.rules[i].applies_to(language)
            )
        return self._usable[language]

    def _start(self, head: str) -> tuple[int, tuple[tuple[str, int], ...]]:
        """What a line's first OPENING_KEY_CHARS characters (`head`) tell: the patterns they make
        candidates (openings the head holds; unfiltered anchored patterns that can match a line so
        begun, by the `regex` module's partial matching), and the longer openings still to check."""
        start = self._starts.get(head)
        if start is None:
            if len(self._starts) >= ANSWERS_MAX:
                self._starts.clear()
            candidates = self._always | _mask(
                position for position in self._partial if self._regex(position).match(head, partial=True) is not None
            )
            longer: list[tuple[str, int]] = []
            for end in range(1, len(head) + 1):  # openings are listed by themselves or their first 4 characters
                for opening, found in self._openings.get(head[:end], ()):
                    if len(opening) <= end:
                        candidates |= found  # the head is this opening
                    else:
                        longer.append((opening, found))
            start = self._starts[head] = (candidates, tuple(longer))
        return start

    def _site_patterns(self, language: str | None, site: str) -> list[int]:
        if not self._site_positions:
            return self._site_positions
        key = (language, site)
        if key not in self._by_site:  # a crawl has many sites, and few rules name one: those are listed once
            if len(self._by_site) >= ANSWERS_MAX:
                self._by_site.clear()
            self._by_site[key] = [position for position in self._site_positions
                                  if self._applicable(self._patterns[position][0], language, site)]
        return self._by_site[key]

    def compile_all(self) -> None:
        """Compile every pattern now, not on first use: for timing, and for a long-lived process that
        wants no first-use pauses."""
        for position in range(len(self._patterns)):
            self._regex(position)

    def _regex(self, position: int) -> regex.Pattern[str]:
        compiled = self._compiled[position]
        if compiled is None:
            compiled = self._compiled[position] = regex.compile(self._patterns[position][1])
        return compiled

    def first_hit(self, norm: str, language: str | None = None, site: str | None = None) -> Rule | None:
        """The first rule (site rules, then pack order) whose pattern hits a normalized line."""
        return self.first_hits([norm], language, site)[0]

    def first_hits(self, norms: Iterable[str], language: str | None = None, site: str | None = None,
                   timed_out: list[str] | None = None) -> list[Rule | None]:
        """`first_hit` of each line of one document (None for a blank one), which share the lookups
        of their language and site. `timed_out`: the caller's, per document (threads share a cleaner),
        receives the ids of rules whose match ran out of time.

        Answers are remembered per language and line (and site, where site rules apply): a crawl
        repeats its templates' lines (menus, footers, widgets) across documents, and those are the
        lines rules hit.
        """
        site_positions = self._site_patterns(language, site) if site is not None else []
        if self._answered >= ANSWERS_MAX:
            self._answers.clear()
            self._answered = 0
        answers = self._answers.setdefault((language, site if site_positions else None), {})
        before = len(answers)
        usable = self._general(language)
        timed_out = [] if timed_out is None else timed_out
        hits: list[Rule | None] = []
        for norm in norms:
            if not norm:
                hits.append(None)
            elif len(norm) > MEMO_MAX_CHARS:
                hits.append(self._first_hit(norm, usable, site_positions, timed_out))
            elif (rule := answers.get(norm, _UNKNOWN)) is not _UNKNOWN:
                hits.append(rule)  # type: ignore[arg-type]
            else:
                hits.append(answers.setdefault(norm, self._first_hit(norm, usable, site_positions, timed_out)))
        self._answered += len(answers) - before
        return hits

    def _first_hit(self, norm: str, usable: int, site_positions: list[int], timed_out: list[str]) -> Rule | None:
        """The first hit among the site's patterns (`site_positions`), then the usable ones (a mask)."""
        index = next(self._hit_indexes(norm, usable, site_positions, timed_out), None)
        return None if index is None else self.rules[index]

    def _hit_indexes(self, norm: str, usable: int, site_positions: list[int], timed_out: list[str]) -> Iterator[int]:
        """The index of the rule of every pattern that hits the line, in the order `_first_hit` tries
        them (a rule with several patterns that hit comes as often)."""
        timed = ~0 if len(norm) >= TIMED_MIN_CHARS else self._untrusted  # positions whose match is bounded in time
        for position in site_positions:
            i, search = self._patterns[position][0], self._regex(position).search
            if (search(norm) is not None) if not timed >> position & 1 else self._hits(i, search, norm, MATCH_TIMEOUT_S, timed_out):
                yield i
        candidates, longer = self._start(norm[:OPENING_KEY_CHARS])
        for opening, found in longer:
            if norm.startswith(opening):
                candidates |= found
        scan = self._scan_long if len(norm) > LONG_LINE_SCAN else self._scan
        if scan is not None:
            for _, found in scan.iter(norm):
                candidates |= found
        if not candidates:
            return
        candidates &= usable & self._fitting[bisect_left(self._bounds, len(norm))]
        while candidates:
            lowest = candidates & -candidates
            candidates ^= lowest
            position = lowest.bit_length() - 1
            i, _, is_anchored = self._patterns[position]
            compiled = self._compiled[position] or self._regex(position)
            match = compiled.match if is_anchored else compiled.search
            if (match(norm) is not None) if not lowest & timed else self._hits(i, match, norm, MATCH_TIMEOUT_S, timed_out):
                yield i

    def _hits(self, index: int, match: Callable[..., Any], norm: str, timeout: float, timed_out: list[str]) -> bool:
        """One match on a long line (short ones are matched inline, without this call's cost); one that runs out of time is a miss, and the rule is recorded in `timed_out`.
        A rule that ran out once on a document is not tried again on it: a page cut into many long
        pieces costs each slow rule one time bound, not one per piece."""
        if self.rules[index].id in timed_out:
            return False
        try:
            return match(norm, timeout=timeout) is not None
        except TimeoutError:
            timed_out.append(self.rules[index].id)
            return False

    def all_hits(self, norm: str, language: str | None = None, site: str | None = None,
                 timed_out: list[str] | None = None) -> list[Rule]:
        """Every rule that hits (for `explain`), found and bounded in time as `first_hits` finds the first;
        `timed_out` as there (a document's, so a slow rule costs one time bound per document)."""
        if not norm:
            return []
        site_positions = self._site_patterns(language, site) if site is not None else []
        hits = set(self._hit_indexes(norm, self._general(language), site_positions, [] if timed_out is None else timed_out))
        return [self.rules[i] for i in sorted(hits)]


def _mask(positions: Iterable[int]) -> int:
    """A set of pattern positions as a bit mask."""
    mask = 0
    for position in positions:
        mask |= 1 << position
    return mask


def _automaton(needs: dict[str, int]) -> ahocorasick.Automaton | None:
    """One scanner for every required literal, each naming the patterns that need it (a mask)."""
    if not needs:
        return None  # pyahocorasick refuses to scan with an empty automaton
    scan = ahocorasick.Automaton()
    for literal, positions in needs.items():
        scan.add_word(literal, positions)
    scan.make_automaton()
    return scan


def _site_matches(site: str, sites: frozenset[str]) -> bool:
    return any(site == s or site.endswith("." + s) for s in sites)
