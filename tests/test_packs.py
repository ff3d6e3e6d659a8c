"""The packs in cleaner/packs: one file a language, with its rules and its language table, checked at load
as rules are."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import bios, byline, dates, language, metadata, notices
from cleaner.cli import app
from cleaner.rules import (ANY_LANGUAGE, Language, RuleError, _languages, builtin_languages, disk_cache,
                           language_words, load_rule_file, parse_pack, shipped_packs)

PACKS = {name: parse_pack(source.decode("utf-8"), name, compile_now=False) for name, source in shipped_packs()}
# An invented pack of a language the package has none of (Swedish): its table and one rule.
SWEDISH = """
[language]
code = "sv"
stoplist = "Swedish"
function_words = ["och", "att", "det", "som", "för"]
date_labels = ["publicerad", "uppdaterad"]
byline_particles = ["av"]

[[rule]]
id = "sv-comments-leave"
category = "comments"
languages = ["sv"]
action = "cut-tail"
patterns = ['^lämna en kommentar$']
match = ["Lämna en kommentar"]
keep = ["Hon ville lämna en kommentar till tidningen om bron."]
"""


def test_every_pack_has_a_language_table_named_as_its_file() -> None:
    for name, pack in PACKS.items():
        assert pack.language is not None, f"{name}: no [language] table"
        assert pack.language.code == (ANY_LANGUAGE if name == "shared.toml" else name.removesuffix(".toml"))


def test_every_rule_of_a_pack_is_of_its_language() -> None:
    for name, pack in PACKS.items():
        assert pack.language is not None
        assert {rule.id for rule in pack.rules if rule.languages != {pack.language.code}} == set(), name


@pytest.mark.parametrize("name", sorted(n for n in PACKS if n != "shared.toml"))
def test_every_language_pack_has_the_data_the_code_reads(name: str) -> None:
    table = PACKS[name].language
    assert table is not None
    for key in ("stoplist", "function_words", "date_labels", "byline_particles", "share_verbs", "share_objects",
                "site_voice", "writer_trades"):
        assert getattr(table, key), f"{name}: [language] has no {key}"
    kinds = [kind for kind in notices.KINDS if getattr(table, f"notice_{kind}")]
    assert len(kinds) >= notices.NOTICE_MIN_KINDS, f"{name}: site words of too few kinds for a notice: {kinds}"
    assert (language._stoplist_dir() / f"{table.stoplist}.txt").is_file(), f"{name}: jusText has no stoplist {table.stoplist!r}"
    assert language.LANGUAGES[table.code] == table.stoplist and language.FUNCTION_WORDS[table.code] == table.function_words


def test_the_code_reads_every_packs_words() -> None:
    """The modules' word sets are the union of the tables, the shared table's included."""
    tables = [pack.language for pack in PACKS.values() if pack.language is not None]
    assert builtin_languages() == tuple(tables)
    for words, key in ((dates.DATE_LABELS, "date_labels"), (byline.BYLINE_PARTICLES, "byline_particles"),
                       (byline.BYLINE_VERBS, "byline_verbs"),
                       (byline.NAME_PARTICLES, "name_particles"), (metadata.SHARE_VERBS, "share_verbs"),
                       (metadata.SHARE_OBJECTS, "share_objects"), (metadata.SOCIAL_NETWORKS, "social_networks")):
        assert words == {w for table in tables for w in getattr(table, key)} == language_words(key)
    assert {"utc", "gmt"} <= dates.DATE_LABELS and "av" in byline.BYLINE_PARTICLES  # from shared.toml
    voice = {w for table in tables for w in table.site_voice}
    assert notices._VOICE_WORDS | {stem + "*" for stem in notices._VOICE_STEMS} == voice == language_words("site_voice")
    for trade in language_words("writer_trades"):  # each pack's trades, the stems' and phrases' included
        assert bios._CUE.fullmatch(trade.removesuffix("*").replace("_", " ").capitalize()), trade
    for particle in language_words("name_particles") | language_words("name_joiners"):
        name = bios._NAME.match(f"Ana {particle} Ruiz Soler es periodista")
        assert name is not None and name.group() == f"Ana {particle} Ruiz Soler ", particle
    assert dates.MONTH_FIRST_LANGUAGES == {"en"}
    with pytest.raises(KeyError, match="no word list"):
        language_words("stoplist")


def test_a_new_language_is_one_file(tmp_path: Path) -> None:
    pack = parse_pack(SWEDISH, "sv.toml")
    assert pack.language == Language("sv", "Swedish", False, ("och", "att", "det", "som", "för"),
                                     ("publicerad", "uppdaterad"), ("av",))
    assert [rule.id for rule in pack.rules] == ["sv-comments-leave"]
    (tmp_path / "sv.toml").write_text(SWEDISH, encoding="utf-8")
    assert [rule.id for rule in load_rule_file(tmp_path / "sv.toml")] == ["sv-comments-leave"]
    checked = CliRunner().invoke(app, ["rules", "--check", str(tmp_path / "sv.toml")])
    assert checked.exit_code == 0 and "1 rules, 2 examples: all as they say" in checked.stdout


@pytest.mark.parametrize(("table", "problem"), [
    ('code = "sv"\nstoplist = "Swedish"\ncolour = "blue"', r"unknown key\(s\) \['colour'\]"),
    ('stoplist = "Swedish"', "code must be an ISO 639-1 code"),
    ('code = "Swedish"\nstoplist = "Swedish"', "code must be an ISO 639-1 code"),
    ('code = "sv"', "stoplist must name jusText's stoplist"),
    ('code = "sv"\nstoplist = ["Swedish"]', "stoplist must name jusText's stoplist"),
    ('code = "sv"\nstoplist = "Swedish"\nfunction_words = "och att"', "function_words must be a list of words"),
    ('code = "sv"\nstoplist = "Swedish"\ndate_labels = [1]', "date_labels must be a list of words"),
    ('code = "sv"\nstoplist = "Swedish"\nbyline_particles = ["Av"]', "byline_particles: 'Av' is not one word in lower case"),
    ('code = "sv"\nstoplist = "Swedish"\nshare_verbs = ["dela på"]', "share_verbs: 'dela på' is not one word"),
    ('code = "sv"\nstoplist = "Swedish"\nshare_objects = ["på", "på"]', "share_objects lists a word twice"),
    ('code = "sv"\nstoplist = "Swedish"\nmonth_first = "yes"', "month_first must be true or false"),
    ('code = "sv"\nstoplist = "Swedish"\nwriter_trades = "journalist"', "writer_trades must be a list of words"),
    ('code = "sv"\nstoplist = "Swedish"\nnotice_cookie = [["kaka"]]', "notice_cookie must be a list of words"),
    ('code = "sv"\nstoplist = "Swedish"\nnotice_subscribe = ["prenumer*era"]',
     r"notice_subscribe: 'prenumer\*era' is not one word, a stem"),
    ('code = "sv"\nstoplist = "Swedish"\nnotice_site = ["_webbplats"]', "notice_site: '_webbplats' is not one word, a stem"),
    ('code = "sv"\nstoplist = "Swedish"\nsite_voice = ["ni_själva"]', r"site_voice: 'ni_själva' is not one word or a stem"),
    ('code = "sv"\nstoplist = "Swedish"\nshare_verbs = ["del*"]', r"share_verbs: 'del\*' is not one word in lower case"),
    ('code = "sv"\nstoplist = "Swedish"\nwriter_trades = ["Journalist*"]', r"writer_trades: 'Journalist\*' is not one word"),
    ('code = "*"\nstoplist = "Swedish"', r"\['stoplist'\] belong to one language"),
])
def test_a_bad_language_table_is_refused_naming_the_file(table: str, problem: str) -> None:
    with pytest.raises(RuleError, match=rf"^sv\.toml: \[language\]: {problem}"):
        parse_pack(f"[language]\n{table}\n", "sv.toml")


def test_a_language_key_outside_the_table_is_refused() -> None:
    with pytest.raises(RuleError, match=r"unknown top-level key\(s\) \['function_words'\]"):
        parse_pack('function_words = ["och"]\n', "sv.toml")
    with pytest.raises(RuleError, match=r"\[language\]: must be a table"):
        parse_pack('language = "sv"\n', "sv.toml")


def test_the_language_tables_read_from_the_cache_equal_the_tables_parsed_anew(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(disk_cache.ENV_VAR, str(tmp_path))
    derived = _languages(shipped_packs())
    assert builtin_languages.__wrapped__() == derived  # a miss: parsed and stored
    assert (tmp_path / "languages.marshal").is_file()
    monkeypatch.setattr("cleaner.rules._languages", lambda packs: pytest.fail("parsed again instead of read from the cache"))
    assert builtin_languages.__wrapped__() == derived  # a hit: read back
