"""Language detection: the article's prose decides, not the menu; unsure means every pack."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.language import SAMPLE_CHARS, detect, pack_of, sample

GERMAN = ("Die Freiwilligen zählten in diesem Frühjahr dreißig Otter am Fluss, so viele wie noch nie seit "
          "Beginn der Zählung.")
POLISH = "Wolontariusze policzyli tej wiosny trzydzieści wydr nad rzeką, najwięcej od początku badań."
HUNGARIAN = "Az önkéntesek idén tavasszal harminc vidrát számoltak meg a folyó mentén, többet, mint valaha."
MENU = "Home\nNews\nSports\nWeather\nSign in\nSubscribe"


def test_the_prose_decides_not_the_english_theme_strings() -> None:
    assert detect(f"{MENU}\n{GERMAN}\nShare on Facebook\nLeave a Reply") == "de"
    assert detect(f"{MENU}\n{POLISH}") == "pl"


def test_no_prose_or_no_letters_is_unknown() -> None:
    assert detect("") is None
    assert detect(MENU) is None
    assert detect("12 34 56 78 90 12 34 56 78 90\n" * 3) is None


def test_the_sample_is_the_longest_prose_lines_and_bounded() -> None:
    text = sample([MENU, POLISH, GERMAN, "short line", GERMAN * 20])
    assert text == (GERMAN * 20)[:SAMPLE_CHARS]
    assert len(POLISH) < len(HUNGARIAN) < SAMPLE_CHARS  # no line is sample enough: the longest ones, longest first
    shorter = sample([MENU, POLISH, "short line", HUNGARIAN])
    assert shorter == f"{HUNGARIAN} {POLISH}"[:SAMPLE_CHARS] and "Home" not in shorter


def test_a_language_without_a_pack_is_reported_and_gets_every_pack() -> None:
    article = Cleaner().clean(f"Vidrák a folyón\n{HUNGARIAN}\n{HUNGARIAN}\nDiesen Artikel teilen\nJetzt abonnieren")
    assert article.language == "hu" and pack_of("hu") is None and pack_of("de") == "de"
    assert article.body == (HUNGARIAN, HUNGARIAN)
    assert [r.rule.split("-")[0] for r in article.removed] == ["de", "de"]  # German widget rules applied


def test_function_words_decide_a_clear_language_without_the_model(monkeypatch) -> None:
    from cleaner import language
    english = ("The council said that the plan would be published in the spring, and that there were "
               "no delays from the contractors, which have been paid for their work.")
    assert language.clear_language(english) == "en"
    assert language.clear_language("Die Freiwilligen sagen, dass der Fluss sauber ist und dass die Otter "
                                   "sich auf den Inseln mit den Jungen zeigen, auch im Winter.") == "de"
    assert language.clear_language(POLISH) is None, "too few function words: the model decides"
    assert language.clear_language(english + " " + "Die Otter sind auf der Insel und im Fluss, das ist nicht neu, "
                                   "sagt der Förster mit einem Lachen.") is None, "two languages: the model decides"
    monkeypatch.setattr(language, "_model", lambda: (_ for _ in ()).throw(AssertionError("model asked")))
    assert detect(english) == "en"


def test_function_word_lists_share_no_word() -> None:
    from cleaner.language import FUNCTION_WORDS
    seen: dict[str, str] = {}
    for code, words in FUNCTION_WORDS.items():
        for word in words:
            assert seen.setdefault(word, code) == code, f"{word!r} is in both {seen[word]} and {code}"


def test_when_the_longest_line_is_a_list_of_names_more_prose_decides() -> None:
    """The longest line of a page was a list of a panel's names (a product list, a log elsewhere): neither the
    vote nor the model was sure of it, the page had no language, and its "10/04/2016" date was read day first."""
    names = ", ".join(f"{first} {last}" for first in ("Anna", "Bert", "Carla", "Dirk", "Elke", "Fred")
                      for last in ("Okafor", "Lindqvist", "Moreau", "Haddad", "Kowalczyk", "Brennan"))
    prose = ["The panel met on Tuesday to hear the county's plans for the old railway yard, which has stood "
             "empty since the depot closed.",
             "Most of its members said they would back the housing scheme if the council kept the footpath "
             "along the river open to the public.",
             "A final vote is expected in the spring, after the council has published the costs of the work."]
    page = "\n".join(["County panel backs housing on railway yard", "10/04/2016 05:07 AM EDT", *prose,
                      "The members of the panel:", names])
    article = Cleaner().clean(page)
    assert article.language == "en"
    assert article.date == "2016-10-04"


def test_prose_written_without_spaces_has_a_language() -> None:
    """A Japanese or Chinese page's prose has no spaces to count words by: no line was prose enough to sample,
    and such pages had no language."""
    japanese = "川沿いの古い倉庫が改修され、来月から地域の図書館として使われることが市の発表で明らかになった。"
    chinese = "市政府周一宣布，河边的旧仓库将改建为社区图书馆，预计明年春天对外开放，届时将提供自习室。"
    assert detect(f"{MENU}\n{japanese}\n{japanese}") == "ja"
    assert detect(f"{MENU}\n{chinese}") == "zh"
    assert detect("ニュース\nスポーツ\n天気") is None, "menu words are not prose"
