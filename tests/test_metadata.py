"""Datelines, wire datelines, ISO dates and headline splitting."""

from __future__ import annotations

import pytest

from cleaner.language import stopwords
import regex

from cleaner.dates import _calendar, date_in, is_dateline, iso_date
from cleaner.metadata import split_headline, wire_dateline


@pytest.mark.parametrize("line, iso", [
    ("Tuesday, 27 February 2024", "2024-02-27"),
    ("Published 27.02.2024, 14:05", "2024-02-27"),
    ("Feb. 27, 2024 Updated 3:15 p.m. ET", "2024-02-27"),
    ("27 лютого 2024", "2024-02-27"),
    ("27. Februar 2024, 10:12 Uhr", "2024-02-27"),
    ("Publié le 27 février 2024 à 14h05", "2024-02-27"),
    ("27 de febrero de 2024", "2024-02-27"),
    ("2024-02-27", "2024-02-27"),
    ("Kyiv, 27 February 2024", "2024-02-27"),
    ("02/27/2024", "2024-02-27"),
    ("27 lutego 2024, 14:05", "2024-02-27"),
    ("5. Juni 2024", "2024-06-05"),
    ("14/01/2025 - 12:10", "2025-01-14"),
    ("14. 01. 2025, 20:29", "2025-01-14"),
])
def test_datelines_are_recognized_and_parsed(line: str, iso: str) -> None:
    assert is_dateline(line)
    assert iso_date(line) == iso


@pytest.mark.parametrize("line", [
    "On 27 February 2024 the council voted to close the old bridge for repairs.",
    "Shares fell 4% on Tuesday.",
    "The 2024 budget",
    "Top News",
])
def test_sentences_with_dates_are_not_datelines(line: str) -> None:
    assert not is_dateline(line)


@pytest.mark.parametrize("paragraph, dateline", [
    ("KYIV, Feb 27 (Reuters) - Ukraine's parliament voted on Tuesday to extend martial law.", "KYIV, Feb 27 (Reuters)"),
    ("BERLIN (dpa) – Die Bahn hat am Montag neue Fahrpläne vorgestellt.", "BERLIN (dpa)"),
    ("WASHINGTON — The Senate passed the bill late on Friday.", "WASHINGTON"),
])
def test_wire_datelines(paragraph: str, dateline: str) -> None:
    assert wire_dateline(paragraph) == dateline


@pytest.mark.parametrize("paragraph", [
    "The council - which meets monthly - voted against it.",
    "In 2024 - a year of elections - turnout was high.",
    "NATO - the alliance - said nothing.",
])
def test_dashes_inside_sentences_are_not_wire_datelines(paragraph: str) -> None:
    assert wire_dateline(paragraph) is None


def test_glued_subtitle_is_split_in_sentence_case() -> None:
    head, sub = split_headline("City council approves new tram line The vote ends a decade of debate", stopwords("en"))
    assert (head, sub) == ("City council approves new tram line", "The vote ends a decade of debate")


@pytest.mark.parametrize("title", [
    "NATO Rules Out Sending Combat Troops To Ukraine",
    "How The City Plans To Pay For The Bridge",
    "Scholz and Macron meet in Paris",
    "Flooding closes roads",
])
def test_title_case_and_short_headlines_are_not_split(title: str) -> None:
    assert split_headline(title, stopwords("en")) == (title, None)


def test_a_date_without_a_year_gets_no_iso_date() -> None:
    assert is_dateline("Tuesday, 27 February")
    assert iso_date("Tuesday, 27 February") is None


def test_month_names_are_words_so_the_date_pattern_may_look_ahead_for_one() -> None:
    """The date pattern lets a word try the month names only when a number follows it: right only while
    every month name is a word."""
    months = _calendar().month_numbers
    assert len(months) > 100 and all(regex.fullmatch(r"\w+", name) for name in months)


@pytest.mark.parametrize("text, printed", [
    ("Crowds gather in the square on Friday, Feb. 16, 2024. The council said", "Feb. 16, 2024"),
    ("Opened on 3rd March 2023 and closed in June 2024.", "3rd March 2023"),
    ("Veröffentlicht am 27. Februar 2024 um 10:15 Uhr", "27. Februar 2024"),
    ("Publicado el 5 de marzo de 2024", "5 de marzo de 2024"),
    ("Updated June 2024", "June 2024"),
    ("The report of 12.03.2024 says so", "12.03.2024"),
    ("Marching bands and the may pole", None),
])
def test_date_in_finds_the_printed_date(text: str, printed: str | None) -> None:
    assert date_in(text) == printed
def test_a_piece_of_a_cut_sentence_is_neither_headline_nor_dateline() -> None:
    """A sentence cut at its links starts with a piece that looks like a title or a date line; it is
    the article's first paragraph. A line ending in an open bracket goes on below it, too."""
    import cleaner

    rest = ("Repairs began in the autumn and have cost less than planned, the authority said, and the money "
            "left over will go to a new waiting room for passengers at the southern pier.")
    opening = ("The harbour authority announced on \nTuesday\n that the northern pier will reopen for ferries "
               "in spring, after divers found the foundations in better shape than feared.")
    article = cleaner.clean(f"Home\n{opening}\n{rest}\n")
    assert article.headline is None
    assert article.body == (opening.replace("\n", ""), rest)

    dated = "Tuesday, 27 February 2024 \nwas\n a good day for the ferries."
    article = cleaner.clean(f"Home\nPier reopens for ferries\n{rest}\n{dated}\n{rest}\n")
    assert article.dateline is None
    assert article.body == (rest, dated.replace("\n", ""), rest)

    bracketed = "The pier (\nsee map\n) reopens for ferries after repairs that took most of the winter."
    article = cleaner.clean(f"Home\n{bracketed}\n{rest}\n")
    assert article.headline is None
    assert article.body == (bracketed.replace("\n", ""), rest)


_OPENING = ("The ferry company said on Tuesday that the night crossing to the islands will run again from May, "
            "after a winter in which storms kept the old boat in port for weeks.")
_SECOND = ("Islanders had asked for the service for years, and the council agreed to pay part of the cost "
           "of the new boat, which carries twice as many cars as the old one.")


def _page(title: str, heading: str) -> str:
    return "\n".join([title, "", "Home", "News", "Travel", "Log in", "", heading, "", _OPENING, "", _SECOND, ""])


@pytest.mark.parametrize("title, heading", [
    ("Night ferry to the islands returns in May | The Harbour Gazette", "Night ferry to the islands returns in May"),
    ("Coast Daily - Night ferry to the islands returns in May", "Night ferry to the islands returns in May"),
    # The heading edited from the title: the site gone, a word changed, another kind of quotes.
    ("Night ferry to the 'islands' returns after winter | Coast Daily", "Night ferry to the ‘islands’ returns in May"),
    ("Nachtfähre zu den Inseln fährt ab Mai wieder - Küstenbote", "Nachtfähre zu den Inseln fährt ab Mai wieder"),
    ("離島への夜行フェリーが五月に運航再開：海辺新聞", "離島への夜行フェリーが五月に運航再開"),
])
def test_the_title_lines_repeat_is_the_headline_and_the_title_line_goes(title: str, heading: str) -> None:
    """Scrapers print the page's title first; its repeat as the article's heading is the headline,
    however far down, and the title line is removed by `title-line`."""
    import cleaner

    article = cleaner.clean(_page(title, heading))
    assert article.headline == heading
    assert article.subheadline is None
    assert [(r.text, r.rule) for r in article.removed if r.rule == "title-line"] == [(title, "title-line")]
    assert article.body[0] == _OPENING


@pytest.mark.parametrize("pieces, headline", [
    (["Night Ferry", ": back to the islands in May"], "Night Ferry: back to the islands in May"),
    (["Nachtfähre", ", die wieder fährt: ab Mai zu den Inseln"], "Nachtfähre, die wieder fährt: ab Mai zu den Inseln"),
])
def test_a_heading_a_scraper_cut_before_its_punctuation_is_joined_as_printed(pieces: list[str], headline: str) -> None:
    """A scraper that prints each inline element on its own line cuts the heading before the colon after its
    emphasised words: the pieces join as the page printed them, not with a space before the colon."""
    import cleaner

    article = cleaner.clean(_page(f"{headline} | Coast Daily", "\n".join(pieces)))
    assert article.headline == headline
    assert article.body[0] == _OPENING


def test_a_title_line_no_line_repeats_leaves_the_headline_empty() -> None:
    """A title with a site's name that no line repeats names a headline the page does not print as a
    line: no other line is guessed the headline (a wrong headline is worse than none)."""
    import cleaner

    article = cleaner.clean(_page("Weather warning for the coast | Coast Daily", "Night ferry to the islands returns in May"))
    assert article.headline is None
    assert not any(r.rule == "title-line" for r in article.removed)
    assert article.body[0] == _OPENING
    # Without a site separator, the first line names nothing: the headline is looked for as before.
    article = cleaner.clean(_page("Weather warning for the coast", "Night ferry to the islands returns in May"))
    assert article.headline == "Night ferry to the islands returns in May"


@pytest.mark.parametrize("url", [
    "https://news.example/2024/05/07/night-ferry-islands-returns-may-8731",
    "https://news.example/travel/night_ferry_to_the_islands_returns",
])
def test_the_urls_slug_names_the_headline(url: str) -> None:
    """Without a title line, the URL's slug is the evidence: the line that shares its words is the
    headline, even when a closer line above the text would look like one; the first line stays."""
    import cleaner

    text = "\n".join(["Travel news", "", "Night ferry to the islands returns in May", "",
                      "Storm closes the harbour road again", "", _OPENING, "", _SECOND, ""])
    article = cleaner.clean(text, source=url)
    assert article.headline == "Night ferry to the islands returns in May"
    assert not any(r.rule == "title-line" for r in article.removed)
    assert cleaner.clean(text).headline == "Storm closes the harbour road again"  # without the URL: the nearest title-like line


def test_a_headline_the_title_line_confirms_is_not_split() -> None:
    """"... hires Major ..." looks like a glued subtitle when the body prints "major" in lower case,
    but the title line prints the same words as one headline."""
    import cleaner

    heading = "City council hires Major Events Office to run the summer festival"
    body = "The festival is the major event of the summer, and the council said it wanted it run well this year."
    text = "\n".join([f"{heading} | Town Herald", "", "Home", "News", "", heading, "", _OPENING, "", body, ""])
    article = cleaner.clean(text)
    assert (article.headline, article.subheadline) == (heading, None)
    assert cleaner.clean("\n".join(text.split("\n")[2:])).subheadline is not None  # without the title line: split


def test_a_title_and_heading_wrapped_over_lines_are_read_whole() -> None:
    """A scraper that keeps the HTML source's line breaks (BeautifulSoup's get_text) wraps the title
    and the heading over lines: both are read whole, and the headline is the heading joined."""
    import cleaner

    text = "\n".join([
        "", "    Night ferry to the islands returns in May after a winter", "    of storms - The Harbour Gazette", "",
        "Home", "", "Travel", "",
        "Night ferry to the islands returns in May", "              after a winter of storms", "",
        _OPENING, "", _SECOND, "",
    ])
    article = cleaner.clean(text)
    assert article.headline == "Night ferry to the islands returns in May after a winter of storms"
    assert [r.rule for r in article.removed[:2]] == ["title-line", "title-line"]
    assert article.body[0] == _OPENING


def test_a_long_title_in_a_script_without_spaces_is_matched() -> None:
    """Titles in scripts without spaces are compared by character pairs, and a long one has more
    pairs than a headline has words."""
    import cleaner

    heading = "離島への夜行フェリーが冬の嵐で長く運休した後五月から再び運航することが決まり島民は歓迎している"
    opening = "フェリー会社は火曜日、冬の間運休していた夜行便を五月から再開すると発表した。島の住民は長い間この便の再開を求めていた。"
    article = cleaner.clean("\n".join([f"{heading} | 海辺新聞", "", "ホーム", "", heading, "", opening, ""]))
    assert article.headline == heading


@pytest.mark.parametrize("line, iso", [
    ("2025-03-04T09:42:00Z", "2025-03-04"),
    ("2025-03-04T09:42:00+01:00", "2025-03-04"),
    ("2019年3月2日09:18", "2019-03-02"),
    ("公開日 2019年2月13日", "2019-02-13"),
    ("2025년 3월 4일", "2025-03-04"),
    ("입력 2025년 3월 4일 오후 3:15", "2025-03-04"),
    ("2019/04/21 11:51", "2019-04-21"),
    ("2019.04.25", "2019-04-25"),
])
def test_year_first_dates_and_timestamps_are_datelines(line: str, iso: str) -> None:
    """An ISO timestamp line is a date line (never a headline), and so are the year-first dates of
    East Asian pages (Korean ones spaced: "2025년 3월 4일"), with or without a time after them."""
    assert is_dateline(line)
    assert iso_date(line) == iso


def test_numeric_dates_on_english_pages_are_month_first_unless_the_page_says_otherwise() -> None:
    import cleaner

    body = f"{_OPENING}\n\n{_SECOND}\n"
    assert cleaner.clean(f"Night ferry returns in May\n\n03/04/2025\n\n{body}", options=cleaner.Options(language="en")).date == "2025-03-04"
    # One date on the page that can only be day first ("27/02/2025") says the page prints day first.
    text = f"Night ferry returns in May\n\n03/04/2025\n\n{body}\nEarlier: storm damage, 27/02/2025\n"
    assert cleaner.clean(text, options=cleaner.Options(language="en")).date == "2025-04-03"
    assert cleaner.clean(f"Nachtfähre fährt wieder\n\n03/04/2025\n\n{body}", options=cleaner.Options(language="de")).date == "2025-04-03"


@pytest.mark.parametrize("byline, iso", [
    ("By Jane Roe Dec 9, 2024", "2024-12-09"),
    ("By: Jane Roe October 2, 2024", "2024-10-02"),
    ("by Jane Roe @janeroe November 29, 2024: 3:42 PM ET", "2024-11-29"),
    ("Von Anna Berg, 5. Mai 2024, 10:12 Uhr", "2024-05-05"),
])
def test_a_byline_may_carry_the_date(byline: str, iso: str) -> None:
    """A byline line with a date in it is the byline, and its date is the article's date."""
    import cleaner

    text = "\n".join(["Night ferry to the islands returns in May", "", byline, "", _OPENING, "", _SECOND, ""])
    article = cleaner.clean(text)
    assert (article.byline, article.date) == (byline, iso)
    assert byline not in article.body


def test_a_date_stamp_with_other_words_near_the_headline_gives_the_date() -> None:
    import cleaner

    stamp = "Story published on 5 May 2024 · 4 min read · Travel desk"
    text = "\n".join(["Night ferry to the islands returns in May", "", stamp, "", _OPENING, "", _SECOND, ""])
    article = cleaner.clean(text)
    assert (article.dateline, article.date) == (stamp, "2024-05-05")


@pytest.mark.parametrize("widget", [
    "2025-03-04T09:42:00Z",  # an ISO timestamp
    "Share your feedback on this story",
    "Dela på X",
    "Поделиться ВКонтакте",
    "Share on Facebook",
    "0:49",  # a video player's countdown
    "9:14 pm",  # a bare time
    "Sign in | Register",
    "Permalink",
    "Top stories",  # a section label
])
def test_widget_lines_under_the_headline_are_never_the_headline(widget: str) -> None:
    """A line a widget prints between the headline and the text (a timestamp, a share button, a
    player's countdown, sign-in links, a section label) is passed over when looking up for the
    headline: the headline above it stays the headline."""
    import cleaner

    text = "\n".join(["Night ferry to the islands returns in May", widget, "", _OPENING, "", _SECOND, ""])
    article = cleaner.clean(text)
    assert article.headline == "Night ferry to the islands returns in May"
    assert article.body == (_OPENING, _SECOND)


def test_prose_above_the_headline_goes_when_the_article_outweighs_it() -> None:
    """A teaser that reads as prose above the headline is page furniture: the
    body starts at the article's first words (`above-headline`). When the prose above outweighs the
    article below, the headline may be a repeat in a list: nothing above goes."""
    import cleaner

    notice = "Our travel desk has picked the best island walks for the spring, with maps and timetables for each."
    third = "The first crossing is planned for the second Friday in May, weather permitting, the company added."
    title = "Night ferry to the islands returns in May | Coast Daily"
    text = "\n".join([title, "", notice, "", "Night ferry to the islands returns in May", "",
                      _OPENING, "", _SECOND, "", third, ""])
    article = cleaner.clean(text)
    assert article.body == (_OPENING, _SECOND, third)
    assert [r.rule for r in article.removed if r.text == notice] == ["above-headline"]

    long_above = "\n\n".join([_OPENING, _SECOND, third])
    text = "\n".join([title, "", long_above, "", "Night ferry to the islands returns in May", "", notice, ""])
    assert cleaner.clean(text).body[:3] == (_OPENING, _SECOND, third)


@pytest.mark.parametrize("lines, byline", [
    (["By", "", "Jane Roe"], "Jane Roe"),  # a scraper that prints each text node on a line of its own
    (["Jane Roe / May 18, 2024"], "Jane Roe / May 18, 2024"),
    (["Jane Roe · Coast Daily · Posted: May 18, 2024 9:27 AM"], "Jane Roe · Coast Daily · Posted: May 18, 2024 9:27 AM"),
    (["Jane Roe, @janeroe"], "Jane Roe, @janeroe"),
])
def test_bylines_split_from_their_particle_or_followed_by_a_stamp(lines: list[str], byline: str) -> None:
    import cleaner

    text = "\n".join(["Night ferry to the islands returns in May", "", *lines, "", _OPENING, "", _SECOND, ""])
    article = cleaner.clean(text)
    assert article.byline == byline
    assert article.body == (_OPENING, _SECOND)


def test_a_line_the_slug_names_loosely_clears_nothing_above_it() -> None:
    """A line that shares only a few words with the URL's slug may be the headline, but it is no sure
    start of the article: the paragraph above it stays."""
    import cleaner

    third = "The first crossing is planned for the second Friday in May, weather permitting, the company added."
    fourth = "Tickets for the night crossing go on sale next week, and islanders will pay half the normal fare."
    heading = "Island ferry summer deals for walkers"  # five words: a shorter line is too weak a match to be one
    text = "\n".join([_OPENING, "", heading, "", _SECOND, "", third, "", fourth, ""])
    article = cleaner.clean(text, source="https://news.example/2024/05/ferry-timetable-changes-islands-summer")
    assert article.headline == heading
    assert article.body == (_OPENING, _SECOND, third, fourth)


@pytest.mark.parametrize("item", ["* Share on Reddit", "+ Weekend travel deals", "• Most read stories"])
def test_a_list_item_is_never_the_headline(item: str) -> None:
    """Scrapers draw list items with a bullet ("* ", "+ "): a menu or share list above the text."""
    import cleaner

    article = cleaner.clean("\n".join(["Home", "", item, "", _OPENING, "", _SECOND, ""]))
    assert article.headline is None


def test_the_byline_near_the_headline_wins_over_an_author_line_in_the_menu() -> None:
    """An author-shaped line in the menu above ("By Topic Ferry News") is no byline when a byline
    stands under the headline."""
    import cleaner

    text = "\n".join(["By Topic Ferry News", "Weather", "Sport", "Business", "Travel", "", "Night ferry to the islands returns in May", "",
                      "By Jane Roe Dec 9, 2024", "", _OPENING, "", _SECOND, ""])
    article = cleaner.clean(text)
    assert (article.byline, article.date) == ("By Jane Roe Dec 9, 2024", "2024-12-09")


def test_a_page_without_prose_the_stoplists_know_gets_its_date_near_the_headline() -> None:
    """A language without a stoplist has no good lines: the page stays whole, but the date line under
    the headline is still its date."""
    import cleaner

    heading = "離島への夜行フェリーが五月に運航再開"
    opening = "フェリー会社は火曜日、冬の間運休していた夜行便を五月から再開すると発表した。"
    article = cleaner.clean("\n".join([f"{heading}：海辺新聞", "", heading, "", "2025年3月4日 09時42分", "", opening, ""]))
    assert (article.headline, article.date) == (heading, "2025-03-04")
    assert opening in article.body


def test_a_headline_with_its_source_after_a_dash_over_a_clean_article_stays_the_headline() -> None:
    """"Headline – Source" on the first line, right over the text, is the article's own headline even
    though nothing repeats it."""
    import cleaner

    headline = "Night ferry to the islands returns in May – harbour master"
    article = cleaner.clean("\n".join([headline, "", _OPENING, "", _SECOND, ""]))
    assert article.headline == headline


def test_a_run_of_paragraphs_above_a_headline_repeat_stays() -> None:
    """The title repeats in a linked story below the real heading: the paragraphs above are the article and
    stay (they went as `above-headline`, article text lost); a lone teaser summary above still goes."""
    import cleaner

    title = "Night ferry to the islands returns in May | Coast Daily"
    first = "The night ferry will sail again from the second week of May, the operator said on Monday morning."
    second = "Tickets go on sale next week, and cabins can be booked for the first time since the service stopped."
    below = [f"{p} Readers may also like the stories linked from this page, which cover the coast in depth."
             for p in (_OPENING, _SECOND, _OPENING.replace("a", "o"), _SECOND.replace("e", "a"))]
    text = "\n".join([title, "", first, "", second, "", "Night ferry to the islands returns in May", "",
                      *(line + "\n" for line in below)])
    article = cleaner.clean(text)
    assert first in article.body and second in article.body
    assert not [r for r in article.removed if r.rule == "above-headline" and r.text in (first, second)]


_STAMPED_PAGES = {
    "en": ("Night ferry to the islands returns in May", "The crossing was the busiest on the coast.", "By Jane Roe",
           "March 4, 2025", "2025-03-04",
           ["The night ferry will sail again from the second week of May, the operator said on Monday, after a winter "
            "in which the islands were served by a single day boat that was often full by the early afternoon.",
            "Tickets go on sale next week, and cabins can be booked for the first time since the service stopped, "
            "which the harbour master said would bring back the walkers and the cyclists who used to come in spring."]),
    "de": ("Die Nachtfähre zu den Inseln fährt ab Mai wieder", "Die Verbindung war die beliebteste der Küste.",
           "Von Anna Berg", "4. März 2025", "2025-03-04",
           ["Die Nachtfähre soll ab der zweiten Maiwoche wieder fahren, wie die Reederei am Montag mitteilte, nachdem "
            "die Inseln den ganzen Winter über nur von einem einzigen Tagesschiff angefahren worden waren.",
            "Die Fahrkarten gibt es ab der kommenden Woche, und zum ersten Mal seit der Einstellung können auch wieder "
            "Kabinen gebucht werden, was nach Ansicht des Hafenmeisters die Wanderer und Radfahrer zurückbringt."]),
    "fr": ("Le ferry de nuit vers les îles reprend en mai", "La liaison était la plus fréquentée de la côte.",
           "Par Jeanne Martin", "4 mars 2025", "2025-03-04",
           ["Le ferry de nuit reprendra la mer dès la deuxième semaine de mai, a annoncé lundi la compagnie, après un "
            "hiver pendant lequel les îles n'étaient desservies que par un seul bateau de jour, souvent complet.",
            "Les billets seront mis en vente la semaine prochaine, et les cabines pourront de nouveau être réservées, ce "
            "qui devrait selon le capitaine du port faire revenir les randonneurs et les cyclistes au printemps."]),
}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_without_a_title_line_the_heading_over_the_byline_is_the_headline(language: str) -> None:
    """A scraper that prints no title line (inscriptis) leaves the page's menus, then a list of other stories
    (a title over a date and a one-line summary each), then the article: heading, deck, byline, date, text.
    The heading over the article's byline is the headline, not a teaser's title nor a menu item; the
    byline and the date are the article's."""
    import cleaner

    heading, deck, byline, printed, iso, paragraphs = _STAMPED_PAGES[language]
    menu = ["* Home", "* Sport", "* Weather", "* Business", "* Travel"]
    teasers = []
    for n in (1, 2, 3):
        teasers += [f"Harbour Council Item {n} Of The Week", "", printed.replace("4", str(n), 1), "", f"{deck[:-1]} {n}.", ""]
    page = [*menu, "", *teasers, heading, "", deck, "", byline, printed, "", *(p + "\n" for p in paragraphs), *menu]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.byline, article.date) == (heading, byline, iso)
    assert paragraphs[0] in article.body


def test_a_list_item_first_line_is_no_title_line() -> None:
    """A page that starts with a menu's list item has no title line: the item's repeat further down the menu
    is not the headline (it was read as the title's repeat)."""
    import cleaner

    heading, deck, byline, printed, iso, paragraphs = _STAMPED_PAGES["en"]
    page = ["* Harbour News Today", "* Sport", "", "* Harbour News Today", "", heading, "", byline, "",
            *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading


@pytest.mark.parametrize("language, reading, box", [
    ("en", "| 4 min read", "Jane Roe covers the harbour and the islands."),
    ("de", "| Lesedauer: 4 Minuten", "Anna Berg schreibt über den Hafen und die Inseln."),
    ("fr", "| Lecture : 4 min", "Jeanne Martin suit le port et les îles."),
])
def test_a_bare_name_a_few_lines_under_the_date_is_the_byline(language: str, reading: str, box: str) -> None:
    """The author's name stands two lines under the date line, a reading time between, and the author box at
    the end prints it again (so it went as a repeated line): it is the byline. A title-case label near the
    headline made of words the prose prints in lower case ("Harbour News") is no name."""
    import cleaner

    heading, _, byline, printed, _, paragraphs = _STAMPED_PAGES[language]
    name = byline.split(maxsplit=1)[1]
    page = ["Harbour News", "", heading, "", printed, reading, "", name, "", *(p + "\n" for p in paragraphs),
            name, box, ""]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.byline) == (heading, name)


def test_a_title_case_label_by_the_headline_is_no_byline() -> None:
    """"Harbour News" right over the headline is name-shaped, but the prose prints "harbour" and "news" in lower
    case: a section label, no byline."""
    import cleaner

    heading, _, _, printed, _, paragraphs = _STAMPED_PAGES["en"]
    text = paragraphs[0] + " The harbour news came late."
    page = ["Harbour News", "", heading, "", printed, "", text + "\n", paragraphs[1]]
    assert cleaner.clean("\n".join(page)).byline is None


@pytest.mark.parametrize("language, label", [("en", "Posted on "), ("de", "Veröffentlicht am "), ("fr", "Publié le ")])
def test_a_date_a_scraper_cut_from_its_label_is_the_dateline(language: str, label: str) -> None:
    """"Posted on <a>March 4, 2025</a>": the scraper prints the link's text on a line of its own, glued to the
    label; the two lines whole are a date line, so the date is the page's (a piece of a cut sentence is none)."""
    import cleaner

    heading, _, _, printed, iso, paragraphs = _STAMPED_PAGES[language]
    page = [f"{heading} | Coast Daily", "", heading, "", f"{label}\n{printed}\n", *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.date) == (heading, iso)


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_date_line_under_the_opening_paragraph_and_its_widgets_is_found(language: str) -> None:
    """The date line stands under the first paragraph (a summary) and a picture's widgets, nine lines down."""
    import cleaner

    heading, _, _, printed, iso, paragraphs = _STAMPED_PAGES[language]
    widgets = ["Social Sharing", "", "Facebook", "X", "", "Jane Roe/Coast Daily", ""]
    page = [f"{heading} | Coast Daily", "", heading, "", paragraphs[0], "", *widgets, printed, "", paragraphs[1], ""]
    assert cleaner.clean("\n".join(page)).date == iso


_TEASERS = {
    "en": "The council has approved a new cycle path along the harbour, which will be built over the summer and "
          "should open to the public before the schools go back in September.",
    "de": "Der Stadtrat hat einen neuen Radweg am Hafen beschlossen, der im Sommer gebaut werden und noch vor dem "
          "Ende der Schulferien im September für alle geöffnet sein soll.",
    "fr": "Le conseil municipal a approuvé une nouvelle piste cyclable le long du port, qui sera construite cet été "
          "et devrait ouvrir au public avant la rentrée des classes en septembre.",
}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_lone_teaser_above_a_stamped_heading_goes(language: str) -> None:
    """Over the heading that stands over its byline, a lone paragraph among menus is another story's teaser:
    the article starts at its headline, as it does under a title line's repeat."""
    import cleaner

    heading, deck, byline, printed, iso, paragraphs = _STAMPED_PAGES[language]
    page = ["* Home", "* Sport", "", _TEASERS[language], "", "* Weather", "* Travel", "", heading, "", deck, "",
            byline, printed, "", *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert article.headline == heading
    assert article.body == (deck, *paragraphs)


@pytest.mark.parametrize("language, title, first, second", [
    ("en", "The night ferry returns to the islands in May | Coast Daily",
     "A fond farewell after a long winter for the", "night ferry returns in May"),
    ("de", "Die Nachtfähre fährt ab Mai wieder zu den Inseln | Küstenbote",
     "Nach einem langen Winter auf der Werft kehrt die", "Nachtfähre ab Mai zu den Inseln zurück"),
    ("fr", "Le ferry de nuit reprend la mer en mai vers les îles | Le Côtier",
     "Après un long hiver au chantier naval, le", "ferry de nuit reprend la mer en mai"),
])
def test_a_heading_wrapped_after_a_function_word_is_read_whole(language: str, title: str, first: str,
                                                              second: str) -> None:
    """The page edits its title, and the scraper wraps the heading after "the" / "die" / "le": the second
    line alone matches the title best, but the heading is both lines (it was cut to the second)."""
    import cleaner

    paragraphs = _STAMPED_PAGES[language][5]
    article = cleaner.clean("\n".join([title, "", "Home", "News", "", first, second, "", *(p + "\n" for p in paragraphs)]))
    assert article.headline == f"{first} {second}"
    assert article.body == tuple(paragraphs)


@pytest.mark.parametrize("language, thread, says", [
    ("en", "Leave a Reply", "Tom says:"), ("de", "Kommentar verfassen", "Tom sagt:"), ("fr", "Laisser un commentaire", "Tom dit :"),
])
def test_a_dated_comment_under_the_thread_heading_names_no_headline(language: str, thread: str, says: str) -> None:
    """Under the article, a picture's credit, then the comment thread: each comment's date line has a title-like
    line over it, and the replies read as prose. A comment thread's heading between them ends the article: no
    heading over a comment's date is the headline, and nothing over the thread goes."""
    import cleaner

    _, _, _, printed, _, paragraphs = _STAMPED_PAGES[language]
    page = ["* Home", "* Sport", "", *(p + "\n" for p in paragraphs), "More Pictures From The Harbour Works", "",
            thread, "", says, printed, "", *(p + "\n" for p in reversed(paragraphs)), *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert article.headline is None
    assert article.body[:2] == tuple(paragraphs)


def test_a_first_line_in_a_run_of_menu_lines_is_no_title_line() -> None:
    """A first line no site separator names, with more menu lines right under it, is a menu's first item, not
    the page's title line: its repeat in the menu further down is not the headline, the heading over the text is."""
    import cleaner

    heading, _, byline, printed, _, paragraphs = _STAMPED_PAGES["en"]
    menu = ["Harbour News Today", "Sport", "Weather", "Travel", "Business", "Culture"]
    page = [*menu, "", "Log in", "", *menu, "", heading, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading


def test_a_photo_credit_with_its_agency_is_no_stamped_heading() -> None:
    """"JANE ROE / AFP - Coast Images" between the heading and the byline is the picture's credit, passed over."""
    import cleaner

    heading, _, byline, printed, _, paragraphs = _STAMPED_PAGES["en"]
    page = ["* Home", "", heading, "", "JANE ROE / AFP - Coast Images", "", byline, printed, "",
            *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading


_OTHER_SLUGS = {  # the slug of another story than the page's heading: none of its words is the heading's
    "en": ("https://news.example/2025/03/04/mayor-opens-library-wing", "https://news.example/2025/03/04/night-ferry-islands-returns-may"),
    "de": ("https://news.example/2025/03/04/bürgermeister-eröffnet-bibliothek", "https://news.example/2025/03/04/nachtfähre-zu-den-inseln-ab-mai"),
    "fr": ("https://news.example/2025/03/04/le-maire-ouvre-la-bibliotheque", "https://news.example/2025/03/04/le-ferry-de-nuit-reprend-en-mai"),
}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_stamped_heading_the_slug_does_not_name_is_no_headline(language: str) -> None:
    """The URL's slug names the article; a heading over a byline and a date that shares none of its words is
    another block's (an author box, a teaser over its date): no headline is better than that one. Under a
    slug that names it, the same heading is the headline."""
    import cleaner

    heading, deck, byline, printed, iso, paragraphs = _STAMPED_PAGES[language]
    page = "\n".join(["* Home", "* Sport", "", heading, "", deck, "", byline, printed, "", *(p + "\n" for p in paragraphs)])
    other, own = _OTHER_SLUGS[language]
    assert cleaner.clean(page, source=other).headline is None
    assert cleaner.clean(page, source=own).headline == heading
    assert cleaner.clean(page).headline == heading  # no URL: the stamp is the evidence


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_no_headline_is_guessed_deep_in_a_page_without_a_title_line(language: str) -> None:
    """No title line, no slug, no byline: the title-like line over the first paragraph is guessed the headline
    near the top only. Under two dozen menu and teaser lines it is as likely a widget's or another story's title."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    menu = [f"* Section {n}" for n in range(1, 25)]
    page = [heading, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(["* Home", "", *page])).headline == heading
    assert cleaner.clean("\n".join([*menu, "", *page])).headline is None


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_heading_over_a_stamp_after_the_article_is_no_headline(language: str) -> None:
    """No title line and no heading over the article's text; under it, a reader's comment: a title-like first
    line over its date and its prose. Standing after most of the page's prose, it is a comment's heading, not the
    article's (`_after_article`): no headline, and the comment's title stays where it is."""
    import cleaner

    _, _, _, printed, _, paragraphs = _STAMPED_PAGES[language]
    article = [p + "\n" for p in paragraphs * 4]
    comment = "Loved reading about the night ferry"
    page = ["* Home", "* Sport", "", *article, comment, "", printed, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline is None


def test_a_japanese_heading_the_breadcrumb_ends_with_is_the_headline() -> None:
    """A Japanese heading is one run of characters, one word to the line's features: counted in pairs of
    characters it is a heading, and the breadcrumb printed glued before it ("ホームお知らせ<heading>") names it.
    A menu item that ends with a line's words names a section, not a heading."""
    import cleaner

    heading = "港の夜行フェリーが五月に運航を再開へ"
    paragraphs = ["港と島々を結ぶ夜行フェリーは、冬の間は昼の便だけで運航されていたが、運航会社は月曜日に五月の第二週から"
                  "夜の便を再開すると発表した。島の旅館や商店からは、春の観光客が戻るとの期待の声が上がっている。",
                  "切符は来週から販売され、客室の予約も再びできるようになる。港長によると、春に訪れていた登山客や自転車の"
                  "旅行者が戻ってくると期待されている。運航会社は夏に向けて便数を増やすことも検討している。"]
    menu = [f"* 項目{n}" for n in range(1, 25)]
    page = ["* ホーム", "", *menu, "", f"ホームお知らせ{heading}", "", heading, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading
    page = ["* ホーム", "", *menu, f"* 港の{heading}", "", heading, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline is None


def test_of_the_headings_printed_twice_over_the_prose_the_nearest_is_the_headline() -> None:
    """A list of most-read stories stands between the menus and the article, and its first title is printed
    twice too: the heading printed twice nearest over the article's prose is the headline."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES["en"]
    teaser = "Harbour council votes on the new cycle path"
    menu = [f"* Section {n}" for n in range(1, 25)]
    page = ["* Home", "", teaser, "", *menu, "", teaser, "Storm closes the coast road for a day", heading, "",
            *(p + "\n" for p in paragraphs), heading]
    assert cleaner.clean("\n".join(page)).headline == heading


def test_a_page_with_a_title_line_takes_no_heading_printed_twice() -> None:
    """A title line stands first (a scraper of the whole page prints it); no line repeats it, and a subheading
    the page prints twice stands over prose: the title line, not the repeat, is the evidence, and the repeat is
    not taken for the headline."""
    from cleaner.engine import Cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES["en"]
    sub = "Cabins can be booked again this spring"
    page = ["Coast Daily harbour news", "Night ferry", "", "* Home", "", sub, "", *(p + "\n" for p in paragraphs),
            sub, ""]
    assert not [r for r in Cleaner().explain("\n".join(page)) if r.rule == "heading-repeat"]


def test_a_menu_line_printed_twice_is_no_heading() -> None:
    """Menus print their lines twice (at the top and the foot): a nested list's item printed twice over the text
    ("o Harbour and coast news", its bullet printed as "o") is no heading printed twice, and a numbered menu item
    ("4. Notes from the night ferry") that ends with a line's words does not name it a heading either."""
    import cleaner

    _, _, _, _, _, paragraphs = _STAMPED_PAGES["en"]
    menu = [f"* Section {n}" for n in range(1, 25)]
    widget = "o Harbour and coast news"
    text = "\n".join(["* Home", "", widget, "", *menu, "", widget, "", *(p + "\n" for p in paragraphs)])
    assert cleaner.clean(text).headline is None
    label = "Notes from the night ferry"
    text = "\n".join(["* Home", "", f"4. {label}", "", *menu, "", label, "", *(p + "\n" for p in paragraphs)])
    assert cleaner.clean(text).headline is None


@pytest.mark.parametrize("heading", ["Harbour talks to resume at the U.N.", "Night ferry plan goes to Washington, D.C."])
def test_a_heading_ending_with_an_abbreviation_is_a_heading(heading: str) -> None:
    """"... at the U.N.": the full stop is the abbreviation's, not a sentence's end; the heading over the byline is
    the headline. A line ending with a word's full stop is still a sentence."""
    import cleaner

    _, _, byline, printed, _, paragraphs = _STAMPED_PAGES["en"]
    page = ["* Home", "* Sport", "", heading, "", byline, printed, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading
    page[3] = "Harbour talks will resume at the council."
    assert cleaner.clean("\n".join(page)).headline is None


def test_a_slug_spells_a_name_with_marks_without_them() -> None:
    """The slug writes "B&B" as "bb": the heading over the byline shares that word with it, so the slug does not
    reject it as another block's."""
    import cleaner

    _, _, byline, printed, _, paragraphs = _STAMPED_PAGES["en"]
    heading = "B&B rooms fill up as the night ferry returns"
    page = "\n".join(["* Home", "* Sport", "", heading, "", byline, printed, "", *(p + "\n" for p in paragraphs)])
    assert cleaner.clean(page, source="https://coast.example/2025/03/bb-tourism-harbour-islands").headline == heading
    assert cleaner.clean(page, source="https://coast.example/2025/03/cc-tourism-harbour-islands").headline is None


@pytest.mark.parametrize("heading, headline", [
    ("Night ferry to the islands returns in May | Coast Daily", "Night ferry to the islands returns in May"),
    ("Jane Roe · The Harbour Book", "Jane Roe · The Harbour Book"),  # a dot parts an author from a book's title
])
def test_a_heading_that_repeats_the_title_line_whole_loses_the_sites_name(heading: str, headline: str) -> None:
    """The page prints its title line again as the article's heading, the site's name after a bar included: the
    headline goes without it, as a title line standing for the headline does."""
    import cleaner

    _, _, _, _, _, paragraphs = _STAMPED_PAGES["en"]
    page = [heading, "", "* Home", "", heading, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == headline


def test_a_heading_printed_twice_clears_nothing_over_it() -> None:
    """A heading printed twice is the headline, but not surely enough to clear the page over it (as a heading over
    a byline does): a paragraph over it stays in the body."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES["en"]
    above = "The harbour museum opens a new room on the history of the island ferries, with photographs and tickets."
    menu = [f"* Section {n}" for n in range(1, 25)]
    page = ["* Home", "", f"Coast Daily | {heading}", "", above, "", *menu, "", heading, "",
            *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert article.headline == heading
    assert above in article.body


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_heading_the_page_prints_twice_over_its_prose_is_the_headline(language: str) -> None:
    """No title line, no slug, no byline, the heading deep under menus: the page's header bar prints the heading
    too ("Coast Daily | <heading>", or the same line again), and that repeat names it the headline. A title-like
    line over the prose that the page prints once is still no headline there, and a repeated line under the
    article's first paragraphs is another block's."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    menu = [f"* Section {n}" for n in range(1, 25)]
    body = [heading, "", *(p + "\n" for p in paragraphs)]
    for bar in (f"Coast Daily | {heading}", heading):
        assert cleaner.clean("\n".join(["* Home", "", bar, "", *menu, "", *body])).headline == heading
    assert cleaner.clean("\n".join(["* Home", "", "Coast Daily | Harbour Council", "", *menu, "", *body])).headline is None
    later = [*menu, "", paragraphs[0] + "\n", paragraphs[1] + "\n", "Harbour Council Item Of The Week", "",
             *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(["* Home", "", "Harbour Council Item Of The Week", "", *later])).headline is None


@pytest.mark.parametrize("language, line", [
    ("en", "Choose your edition Europe Americas Asia Pacific"), ("de", "Suche in allen Rubriken und Archiven"),
    ("fr", "Politique, Économie, Jeanne Martin, Météo du jour"),
])
def test_a_line_printed_twice_that_the_prose_never_speaks_of_is_no_headline(language: str, line: str) -> None:
    """An edition picker, a search box's label or the tags, printed over the text and again: title-like, printed
    twice, over prose, but they name nothing the article speaks of (or are a list of tags), so none is its
    headline (on the development set's inscriptis pages, 14 of 50 such headlines were a language picker, a
    search label, a share bar, a credit or tags)."""
    import cleaner

    _, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    menu = [f"* Section {n}" for n in range(1, 25)]
    page = ["* Home", "", line, "", *menu, "", line, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline is None


@pytest.mark.parametrize("language, bar", [("en", "Log in Subscribe"), ("de", "Anmelden Abonnieren"), ("fr", "Connexion S'abonner")])
def test_a_first_line_the_slug_does_not_name_is_no_title_line(language: str, bar: str) -> None:
    """A scraper that prints no title line starts with a widget (a sign-in bar) the page prints again further
    down: it shares no word with the URL's slug, so it is no title line and its repeat no headline; the line
    the slug names is."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    page = [bar, "", "* Home", "* Sport", "", bar, "", heading, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page), source=_OTHER_SLUGS[language][1]).headline == heading


@pytest.mark.parametrize("language, url", [
    ("de", "https://news.example/2025/03/04/nachtfahre-fahrt-ab-sommer"),
    ("fr", "https://news.example/2025/03/04/iles-reprise-ete"),
])
def test_a_slug_without_accents_names_a_title_with_them(language: str, url: str) -> None:
    """Slugs drop accents ("nachtfahre" for "Nachtfähre"): a title line whose words the slug spells so is the
    page's title, and its repeat the headline."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    page = [heading, "", "* Home", "* Sport", "", heading, "", *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page), source=url)
    assert article.headline == heading
    assert [r.text for r in article.removed if r.rule == "title-line"] == [heading]


@pytest.mark.parametrize("language, tag", [("en", "Ferry Islands"), ("de", "Nachtfähre Inseln"), ("fr", "Ferry Mai")])
def test_a_short_line_the_slug_matches_loosely_is_no_headline(language: str, tag: str) -> None:
    """A tag line of two words the slug shares ("Ferry Islands") is no headline: a name or a tag list matches a slug
    as well. The page's heading, which the slug names as loosely, is."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    url = _OTHER_SLUGS[language][1]
    tagged = "\n".join(["* Home", "", tag, "", *(p + "\n" for p in paragraphs)])
    assert cleaner.clean(tagged, source=url).headline is None
    assert cleaner.clean(tagged.replace(tag, heading), source=url).headline == heading


@pytest.mark.parametrize("line, headline", [
    ("Travel | Night ferry to the islands returns in May", "Night ferry to the islands returns in May"),
    ("Startseite › Die Nachtfähre zu den Inseln fährt ab Mai wieder", "Die Nachtfähre zu den Inseln fährt ab Mai wieder"),
    ("Accueil > Le ferry de nuit vers les îles reprend en mai", "Le ferry de nuit vers les îles reprend en mai"),
    ("Night Ferry | Coast Daily", "Night Ferry | Coast Daily"),  # no longer headline after it: kept whole
    ("Island life and the sea | A night on the ferry", "Island life and the sea | A night on the ferry"),
])
def test_a_section_label_before_the_headline_is_cut(line: str, headline: str) -> None:
    from cleaner.metadata import section_cut

    assert section_cut(line) == headline


@pytest.mark.parametrize("language, label", [("en", "Travel | "), ("de", "Reise | "), ("fr", "Voyage | ")])
def test_a_section_label_before_the_headline_on_its_line_goes(language: str, label: str) -> None:
    """"Travel | <headline>", "Home › <headline>": a section label or a breadcrumb's first step printed on the
    heading's line (over its byline here) is not part of the headline."""
    import cleaner

    heading, deck, byline, printed, _, paragraphs = _STAMPED_PAGES[language]
    page = ["* Home", "* Sport", "", label + heading, "", deck, "", byline, printed, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading


@pytest.mark.parametrize("language, stamp, byline", [
    ("en", "March 4, 2025 at 6:08 PM ET by Jane Roe", "Jane Roe"),
    ("en", "Tuesday March 4, 2025 10:44 am PST by Jane Roe", "Jane Roe"),
    ("de", "4. März 2025 von Anna Berg", "Anna Berg"),
    ("fr", "4 mars 2025 par Jeanne Martin", "Jeanne Martin"),
])
def test_a_date_then_its_author_is_the_byline(language: str, stamp: str, byline: str) -> None:
    """"<date> [time] by <name>": the line is the byline, and the date is read from it."""
    import cleaner

    heading, _, _, _, iso, paragraphs = _STAMPED_PAGES[language]
    article = cleaner.clean("\n".join(["* Home", "", heading, "", stamp, "", *(p + "\n" for p in paragraphs)]))
    assert (article.headline, article.byline, article.date) == (heading, stamp, iso)
    assert byline in article.byline


def test_a_date_then_no_name_is_no_byline() -> None:
    """"March 4, 2025 by the harbour": no name after the particle, a date line."""
    import cleaner

    heading, _, _, _, iso, paragraphs = _STAMPED_PAGES["en"]
    stamp = "March 4, 2025 by the harbour"
    article = cleaner.clean("\n".join(["* Home", "", heading, "", stamp, "", *(p + "\n" for p in paragraphs)]))
    assert (article.byline, article.dateline, article.date) == (None, stamp, iso)


@pytest.mark.parametrize("byline", ["By Jane Roe", "Von Anna Berg", "Par Jeanne Martin"])
def test_the_byline_reach_counts_lines_that_print_something(byline: str) -> None:
    """A scraper's blank lines between the first paragraph, a credit, a share button and the byline do not
    count against BYLINE_REACH: the byline stood past six lines, blanks included, and was lost."""
    import cleaner

    p1 = ("The ferry company that runs the bay crossing has ordered two electric boats, its first new vessels in "
          "twenty years, and expects them in service next spring.")
    p2 = ("Each boat will carry three hundred passengers and forty cars, about as many as the diesel ferries they "
          "replace, and will charge at both ends of the crossing.")
    p3 = "The operator said the boats would halve its fuel bill within five years, and that fares would not rise."
    doc = "\n".join(["Ferry operator orders two electric boats", "", p1, "", "", "Photo: harbour archive", "", "",
                     "Share", "", "", byline, "", p2, p3])
    article = cleaner.clean(doc)
    assert article.byline == byline
    assert article.body[0] == p1 and p2 in article.body


@pytest.mark.parametrize("language, name", [
    ("en", "JANE ROE"), ("en", "J.R. Roe"), ("de", "ANNA BERG"), ("fr", "JEANNE MARTIN"),
])
def test_a_particle_alone_over_a_name_in_capitals_or_initials_is_the_byline(language: str, name: str) -> None:
    """A scraper prints "By" and the name on lines of their own; the name may be in capitals or carry joined
    initials, and both lines may come again in an author box at the end (so they went as repeated lines)."""
    import cleaner

    heading, _, byline, printed, iso, paragraphs = _STAMPED_PAGES[language]
    particle = byline.split()[0]
    page = [f"{heading} | Coast Daily", "", heading, "", particle, "", name, "", printed, "",
            *(p + "\n" for p in paragraphs), particle, name, ""]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.byline, article.date) == (heading, name, iso)
    assert article.body == tuple(paragraphs)


@pytest.mark.parametrize("language, stamp, name", [
    ("en", "Published Tue, Mar 4 2025", "Jane McAllister"), ("de", "Veröffentlicht Di, 4. März 2025", "Anna Berg"),
    ("fr", "Publié Mar, 4 mars 2025", "Jeanne Martin"),
])
def test_a_name_over_its_handle_is_the_byline_and_a_labelled_date_is_not_a_name(language: str, stamp: str,
                                                                                 name: str) -> None:
    """A scraper prints the author box's pieces one a line: the name, a comma, the account's handle. A
    "Published Tue, <date>" line is the date line: "Published Tue" read as a name before a comma took the byline."""
    import cleaner

    heading, _, _, _, iso, paragraphs = _STAMPED_PAGES[language]
    handle = "@" + name.replace(" ", "").lower()
    page = [heading, "", stamp, "10:32 AM", name, ",", handle, "", *paragraphs]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.byline, article.date) == (heading, name, iso)
    assert article.body == tuple(paragraphs)


@pytest.mark.parametrize("language, names", [
    ("en", "Jane Roe , John McAllister , View Profile Ann Lee-Park , Sam Okafor"),
    ("de", "Anna Berg, Jonas Weber, Lea Schmitt"), ("fr", "Jeanne Martin ; Luc Moreau ; Inès Haddad"),
])
def test_a_list_of_authors_under_the_headline_is_the_byline(language: str, names: str) -> None:
    """A paper or a report names its authors in one line under the headline, between commas (a profile link
    printed among them): the byline, not the start of the body. A list of places is no list of names."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    title = f"{heading} | Coast Daily"
    article = cleaner.clean("\n".join([title, "", heading, "", names, "", *paragraphs]))
    assert (article.headline, article.byline) == (heading, names)
    assert article.body == tuple(paragraphs)
    places = "Paris, Lyon, Lille"
    assert cleaner.clean("\n".join([title, "", heading, "", places, "", *paragraphs])).byline is None


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_the_byline_reach_does_not_count_lines_without_a_letter(language: str) -> None:
    """Between the standfirst and "By" stand a video's title and running time, the date, a separator and the
    update stamp: the lines without a letter ("01:46", "/") do not count against BYLINE_REACH."""
    import cleaner

    heading, _, byline, printed, _, (standfirst, opening) = _STAMPED_PAGES[language]
    particle, name = byline.split(maxsplit=1)
    page = [heading, "", standfirst, "", "Harbour Video Clip", "01:46", printed, "/", f"{printed} 10:15", particle,
            name, opening]
    article = cleaner.clean("\n".join(page))
    assert article.byline == name
    assert opening in article.body


_UNSPACED_PAGES = {
    "ja": ("湾岸の夜行フェリー、5月に運航再開へ", "後藤花子", "2025年3月4日 10時15分", "著者：",
           ["運航会社は月曜日、冬の間は昼の便だけだった島への航路で、5月の第2週から夜行フェリーの運航を再開すると発表した。"
            "島の住民や観光客からは、朝早く島に着ける便を求める声が多く寄せられていたという。",
            "乗船券は来週から販売され、運航休止以来初めて個室の予約もできるようになる。港の関係者は、春に訪れていた"
            "ハイキング客やサイクリストが戻ってくることに期待を寄せている。"]),
    "zh": ("海湾夜班渡轮五月恢复运营", "王晓梅", "2025-03-04 10:15", "作者：",
           ["运营公司周一宣布，冬季期间只有白天班次的海岛航线将从五月第二周起恢复夜班渡轮。岛上居民和游客此前多次"
            "希望能有一早抵达海岛的班次，公司表示已经听取了这些意见。",
            "船票将于下周开始发售，这也是停航以来首次可以预订客舱。港口方面希望，春季常来的徒步者和骑行者能够因此回来，"
            "为岛上的民宿和餐馆带来更多生意。"]),
    "ko": ("섬으로 가는 야간 여객선 5월 운항 재개", "김민준", "2025.03.04 10:15", "기자:",
           ["운항사는 월요일 겨울 동안 낮 배만 다니던 섬 항로에서 5월 둘째 주부터 야간 여객선 운항을 다시 시작한다고 밝혔다. "
            "섬 주민과 관광객들은 그동안 아침 일찍 섬에 도착하는 배편을 요구해 왔다.",
            "승선권은 다음 주부터 판매되며 운항 중단 이후 처음으로 객실 예약도 가능해진다. 항구 관계자들은 봄마다 찾던 "
            "등산객과 자전거 여행객들이 다시 돌아올 것으로 기대하고 있다."]),
}


@pytest.mark.parametrize("language", sorted(_UNSPACED_PAGES))
def test_a_name_in_a_script_without_capitals_right_under_the_headline_is_the_byline(language: str) -> None:
    """A name in Han, kana or Hangul between the headline and the date line (or right under the date, a counter
    between) is the byline; a short section label over the headline is not."""
    import cleaner

    heading, name, printed, _, paragraphs = _UNSPACED_PAGES[language]
    body = [p + "\n" for p in paragraphs]
    under_headline = [f"{heading} | Coast", "", "記事", "", heading, "", name, "", printed, "", *body]
    article = cleaner.clean("\n".join(under_headline))
    assert (article.headline, article.byline) == (heading, name)
    assert article.body == tuple(paragraphs)
    under_date = [f"{heading} | Coast", "", heading, "", printed, "", "6,762", "", name, "", *body]
    assert cleaner.clean("\n".join(under_date)).byline == name
    label_over = [f"{heading} | Coast", "", "国際ニュース", "", heading, "", printed, "", *body]
    assert cleaner.clean("\n".join(label_over)).byline is None


@pytest.mark.parametrize("language", ["ja", "zh"])
def test_a_particle_with_a_full_width_colon_marks_the_byline(language: str) -> None:
    """"著者：後藤花子" on one line, or "著者：" alone over the name: the byline."""
    import cleaner

    heading, name, printed, particle, paragraphs = _UNSPACED_PAGES[language]
    body = [p + "\n" for p in paragraphs]
    one_line = [f"{heading} | Coast", "", heading, "", printed, "", "Tweet", "", f"{particle}{name}", "", *body]
    assert cleaner.clean("\n".join(one_line)).byline == f"{particle}{name}"
    own_line = [f"{heading} | Coast", "", heading, "", printed, "", "Tweet", "", particle, "", name, "", *body]
    assert cleaner.clean("\n".join(own_line)).byline == name


@pytest.mark.parametrize("language, opening", [
    ("ja", "運航会社は月曜日、島への夜行便を再開すると発表した。"),
    ("zh", "运营公司周一宣布恢复夜班渡轮。"),
    ("zh-Hant", "營運公司週一宣布恢復夜班渡輪。"),
])
def test_a_short_opening_sentence_in_a_script_without_spaces_stays(language: str, opening: str) -> None:
    """A short first paragraph in Chinese or Japanese ends on its full-width full stop: it opens the article,
    though it has no capital and no spaces between its words; the menu words over the headline still go."""
    import cleaner

    heading, name, printed, _, paragraphs = _UNSPACED_PAGES[language.split("-")[0]]
    page = [f"{heading} | Coast", "", "ホーム", "", "ニュース", "", heading, "", printed, "", opening, "",
            *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert article.body == (opening, *paragraphs)


@pytest.mark.parametrize("language, stamp", [
    ("en", "Written by Jane Roe in Travel on March 4, 2025 at 08:34 PM EDT. 51 Comments"),
    ("de", "Geschrieben von Anna Berg in Reisen am 4. März 2025 um 20:34 Uhr"),
    ("fr", "Écrit par Jeanne Martin dans Voyages le 4 mars 2025 à 20 h 34"),
])
def test_a_participle_before_the_byline_particle_marks_the_byline(language: str, stamp: str) -> None:
    """"Written by", "Geschrieben von", "Écrit par": the line is the byline, and the date is read from it; it
    is no date line."""
    import cleaner

    heading, _, _, _, iso, paragraphs = _STAMPED_PAGES[language]
    page = [f"{heading} | Coast Daily", "", heading, "", stamp, "", *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert (article.byline, article.dateline, article.date) == (stamp, None, iso)
    assert article.body == tuple(paragraphs)


@pytest.mark.parametrize("language, role", [
    ("en", "Senior Transport Editor, Coast Daily"),
    ("de", "Leitende Redakteurin, Küstenbote"),
    ("fr", "Rédactrice Principale, Le Courrier"),
])
def test_a_role_and_outlet_under_the_name_is_not_the_byline(language: str, role: str) -> None:
    """"Jane Roe" over "Senior Transport Editor, Coast Daily": the role names a writer's trade, so it is no name
    before an outlet; the bare name over it is the byline."""
    import cleaner

    heading, _, byline, printed, _, paragraphs = _STAMPED_PAGES[language]
    name = byline.split(maxsplit=1)[1]
    page = [f"{heading} | Coast", "", heading, "", printed, "", name, "", role, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).byline == name
_OUTLETS = {"en": "Jane Roe, HARBOUR WIRE", "de": "Anna Berg, KÜSTENBOTE", "fr": "Jeanne Martin, LE CÔTIER"}
_SHARE_ITEMS = {"en": ["* Share on Facebook", "* Share on X", "* Share by email"],
                "de": ["* Teilen auf Facebook", "* Teilen auf X", "* Teilen per E-Mail"],
                "fr": ["* Partager sur Facebook", "* Partager sur X", "* Partager par e-mail"]}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_share_items_and_a_name_with_its_outlet_stand_between_a_heading_and_its_stamp(language: str) -> None:
    """Under the heading, a share bar drawn as list items, then "Name, OUTLET" over the date: the buttons are
    passed without counting as lines, and the name with its outlet is the author's, not a heading: the
    heading over them is the headline."""
    import cleaner

    heading, _, _, printed, iso, paragraphs = _STAMPED_PAGES[language]
    page = ["* Home", "* Sport", "", heading, "", *_SHARE_ITEMS[language], "", _OUTLETS[language], printed, "",
            *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.date) == (heading, iso)


_TRAILS = {"en": ("Home › Harbour news › Local transport › Article", "Harbour news Local transport"),
           "de": ("Startseite › Hafen aktuell › Verkehr und Umwelt › Artikel", "Hafen aktuell Verkehr und Umwelt"),
           "fr": ("Accueil › Port et littoral › Transports publics › Article", "Port et littoral Transports publics")}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_breadcrumbs_sections_over_the_date_are_a_label_not_the_headline(language: str) -> None:
    """The breadcrumb's sections printed again as a label over the date, the heading and its summary above:
    the label is passed as one, and the heading is the headline. A breadcrumb's piece ("Harbour >") over the
    date is no headline either."""
    import cleaner

    heading, deck, _, printed, iso, paragraphs = _STAMPED_PAGES[language]
    trail, label = _TRAILS[language]
    page = [trail, "", heading, "", deck, "", label, printed, "", *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.date) == (heading, iso)
    piece = f"{trail.split(' › ')[1]} >"
    article = cleaner.clean("\n".join(["* Home", "* Sport", "", piece, printed, "", *(p + "\n" for p in paragraphs)]))
    assert article.headline is None


_REPLIES = {"en": "Hi Tom, we asked the operator again. The cabins are back from May",
            "de": "Hallo Tom, wir haben nochmals bei der Reederei gefragt. Die Kabinen gibt es ab Mai",
            "fr": "Bonjour Tom, nous avons redemandé à la compagnie. Les cabines reviennent en mai"}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_readers_reply_over_its_stamp_is_no_headline(language: str) -> None:
    """Under an article with no heading, a comment thread: a reply of two sentences in sentence case, with no
    final stop, over the next comment's name and date, and prose under it: a reader's comment, not a heading
    over its stamp."""
    import cleaner

    _, _, _, printed, _, paragraphs = _STAMPED_PAGES[language]
    page = ["* Home", "* Sport", "", *(p + "\n" for p in paragraphs), "Tom", printed, "", _REPLIES[language], "",
            "Harbour Desk", printed, "", *(p + "\n" for p in reversed(paragraphs))]
    assert cleaner.clean("\n".join(page)).headline is None


_FIELDS = {"en": ("Registration Status : Open", "First Posted :"), "de": ("Anmeldestatus: Offen", "Erstmals veröffentlicht:"),
           "fr": ("Statut de l'inscription : Ouvert", "Première publication :")}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_records_field_over_its_date_field_is_no_headline(language: str) -> None:
    """A record page printed as label-value fields: a field of a word or two ("Status : Open") over the record's
    date field, then prose, is no heading over a stamp: weak evidence, so no headline, where the same page
    with a heading in its place names it."""
    import cleaner

    heading, _, _, printed, _, paragraphs = _STAMPED_PAGES[language]
    field, posted = _FIELDS[language]
    for top, expected in ((field, None), (heading, heading)):
        page = ["* Home", "* Sport", "", top, f"{posted} {printed}", "", *(p + "\n" for p in paragraphs)]
        assert cleaner.clean("\n".join(page)).headline == expected


_LONG_SLUGS = {  # a slug sharing a word or two with the heading, among many of the article's other words
    "en": "https://news.example/2025/03/04/night-ferry-timetable-cabins-booking-operator-winter-service",
    "de": "https://news.example/2025/03/04/nachtfähre-fahrplan-kabinen-buchung-reederei-winter-dienst",
    "fr": "https://news.example/2025/03/04/ferry-nuit-horaires-cabines-reservation-compagnie-hiver",
}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_heading_the_slug_names_is_the_headline_under_a_long_menu(language: str) -> None:
    """No title line and no byline: the title-like line over the first paragraph stands deep under two dozen menu
    lines. A URL whose long slug shares a word or two with it (too few for a repeat of the title) names it the
    headline there; a slug of another story's words does not, nor does a page that names none."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    other, own = _OTHER_SLUGS[language][0], _LONG_SLUGS[language]
    page = "\n".join([*(f"* Section {n}" for n in range(1, 25)), "", heading, "", *(p + "\n" for p in paragraphs)])
    assert cleaner.clean(page, source=own).headline == heading
    assert cleaner.clean(page, source=other).headline is None
    assert cleaner.clean(page).headline is None


_KEY_HINTS = {"en": "Press J to jump to the feed. Press question mark to see the keyboard shortcuts",
              "de": "Drücke J, um zum Feed zu springen. Drücke das Fragezeichen für die Tastenkürzel",
              "fr": "Appuyez sur J pour aller au fil. Appuyez sur le point d'interrogation pour les raccourcis"}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_first_line_the_slug_contradicts_is_no_headline(language: str) -> None:
    """A scraper that prints no title line starts with a widget's hint; a URL with a slug of words names the page,
    and no line repeats it. The first line, which shares none of the slug's words, is not let stand as the
    headline."""
    import cleaner

    _, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    page = "\n".join([_KEY_HINTS[language], "", *(p + "\n" for p in paragraphs)])
    assert cleaner.clean(page, source=_OTHER_SLUGS[language][0]).headline is None


@pytest.mark.parametrize("url, slug", [
    ("https://example.org/themen/arbeit", {"arbeit"}), ("https://example.org/sujets/travail/", {"travail"}),
    ("https://example.org/topics/harbour", {"harbour"}), ("https://example.org/2025/night-ferry-returns", {"night", "ferry", "returns"}),
])
def test_of_path_segments_with_as_many_words_the_last_is_the_slug(url: str, slug: set[str]) -> None:
    """"/themen/arbeit": a section, then the page's own name; the slug is the last of the segments with most words."""
    from cleaner.metadata import slug_words

    assert slug_words(url) == slug


_TAGLINES = {  # a title line: the headline, the site's name, and the site's tagline, longer than the headline
    "en": ("Ferry cabins return", "Coast Daily", "Independent News From Every Harbour Along the Coast",
           "https://news.example/2025/03/04/ferry-cabins-return"),
    "de": ("Fährkabinen kehren zurück", "Küstenbote", "Unabhängige Nachrichten aus jedem Hafen an der Küste",
           "https://news.example/2025/03/04/faehrkabinen-kehren-zurueck"),
    "fr": ("Les cabines du ferry reviennent", "Le Côtier", "Des nouvelles indépendantes de chaque port de la côte",
           "https://news.example/2025/03/04/les-cabines-du-ferry-reviennent"),
}


@pytest.mark.parametrize("language", sorted(_TAGLINES))
def test_the_slug_names_the_headline_among_the_title_lines_parts(language: str) -> None:
    """"Headline — Site — Tagline": the tagline is the title line's longest part, and the page prints it again in its
    footer. The slug shares the headline's words: the heading that repeats that part is the headline."""
    import cleaner

    headline, site, tagline, url = _TAGLINES[language]
    paragraphs = _STAMPED_PAGES[language][5]
    page = [f"{headline} — {site} — {tagline}", "", "* Home", "* Sport", "", headline, "",
            *(p + "\n" for p in paragraphs), tagline, "", "* Contact"]
    assert cleaner.clean("\n".join(page), source=url).headline == headline


@pytest.mark.parametrize("language, title, headline", [
    ("en", "Night ferry to the islands returns in May | Coast Daily", "Night ferry to the islands returns in May"),
    ("de", "Die Nachtfähre zu den Inseln fährt ab Mai wieder : Küstenbote", "Die Nachtfähre zu den Inseln fährt ab Mai wieder"),
    ("fr", "Le ferry de nuit vers les îles reprend en mai · Le Côtier", "Le ferry de nuit vers les îles reprend en mai"),
    ("en", "Ferry cabins stay closed until June – Harbour Master", "Ferry cabins stay closed until June – Harbour Master"),
])
def test_a_title_line_standing_as_the_headline_loses_the_sites_name(language: str, title: str, headline: str) -> None:
    """No line repeats the title line, and it stands over the text as the headline: the site's name
    after a bar, a colon or a dot goes from the headline, as they go from a heading found by the title. After a dash, a
    name may be who spoke: it stays."""
    import cleaner

    paragraphs = _STAMPED_PAGES[language][5]
    article = cleaner.clean("\n".join([title, "", *(p + "\n" for p in paragraphs)]))
    assert article.headline == headline


_UPDATED = {"en": "Last updated: 4 March 2025", "de": "Zuletzt aktualisiert: 4. März 2025", "fr": "Mis à jour le 4 mars 2025"}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_date_line_printed_first_is_no_title_line(language: str) -> None:
    """A scraper that prints no title line starts with the page's "last updated" date, which the footer prints
    again: the date line is no title line and its repeat no headline; the heading over the text is."""
    import cleaner

    heading, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    page = [_UPDATED[language], "", "* Home", "* Sport", "", heading, "", *(p + "\n" for p in paragraphs),
            _UPDATED[language], ""]
    assert cleaner.clean("\n".join(page)).headline == heading


_PRODUCT_SLUGS = {  # a slug naming a product the page describes, its name printed under the description
    "en": ("https://shop.example/news/2025/harbour-lamp-classic-brass-edition", "Harbour Lamp Classic Brass Edition"),
    "de": ("https://shop.example/news/2025/hafenlampe-klassik-messing-ausgabe", "Hafenlampe Klassik Messing Ausgabe Neu"),
    "fr": ("https://shop.example/news/2025/lampe-du-port-classique-laiton", "Lampe Du Port Classique Laiton"),
}


@pytest.mark.parametrize("language", sorted(_STAMPED_PAGES))
def test_a_line_the_slug_names_after_the_article_is_no_headline(language: str) -> None:
    """No title line: the line the slug names stands after the article's text (a product's name under its
    description, a link to the page in the footer). A heading stands over its text: that line is no headline."""
    import cleaner

    _, _, _, _, _, paragraphs = _STAMPED_PAGES[language]
    url, name = _PRODUCT_SLUGS[language]
    page = ["* Home", "* Sport", "", *(p + "\n" for p in paragraphs), *(p + "\n" for p in paragraphs), name, "", "* Contact"]
    assert cleaner.clean("\n".join(page), source=url).headline is None
    page = ["* Home", "* Sport", "", name, "", *(p + "\n" for p in paragraphs), *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page), source=url).headline == name  # over the text, it is


def test_a_related_lists_item_over_a_byline_is_no_headline() -> None:
    """After the article, a related list's heading, three other stories' titles, then the article's byline and
    date and more prose: the last title over the byline is the list's, not the headline."""
    import cleaner

    _, _, byline, printed, _, paragraphs = _STAMPED_PAGES["en"]
    page = ["* Home", "* Sport", "", *(p + "\n" for p in paragraphs), "Related articles", "",
            "Lighthouse Keepers Remember The Long Winter", "", "Island Choir Tours The Mainland Towns", "",
            "Harbour Lights Festival Returns In August", "", byline, printed, "", *(p + "\n" for p in reversed(paragraphs))]
    assert cleaner.clean("\n".join(page)).headline != "Harbour Lights Festival Returns In August"


@pytest.mark.parametrize("language, heading", [
    ("en", "Will The Night Ferry Return To The Islands In May?"),
    ("de", "Kommt Die Nachtfähre Im Mai Zu Den Inseln Zurück?"),
    ("fr", "Le Ferry De Nuit Reviendra-t-il Aux Îles En Mai ?"),
])
def test_a_heading_that_asks_in_title_case_stands_over_its_stamp(language: str, heading: str) -> None:
    """No title line: a heading that asks (a question mark ends it, as it ends a sentence) but is written in
    title case, over its deck and its date: the headline."""
    import cleaner

    _, deck, _, printed, iso, paragraphs = _STAMPED_PAGES[language]
    page = ["* Home", "* Sport", "", heading, "", deck, "", printed, "", *(p + "\n" for p in paragraphs)]
    article = cleaner.clean("\n".join(page))
    assert (article.headline, article.date) == (heading, iso)


_LONG_DECKS = {
    "en": ("Night Ferry Returns: 'We Missed It Every Single Day!'",
           "The operator explained why the crossing stopped for a whole winter and what changes for the walkers and cyclists"),
    "de": ("Nachtfähre Fährt Wieder: 'Wir Haben Sie Jeden Tag Vermisst!'",
           "Die Reederei erklärt, warum die Verbindung einen ganzen Winter lang ruhte und was sich für die Wanderer ändert"),
    "fr": ("Le Ferry De Nuit Revient : « Il Nous A Manqué Chaque Jour ! »",
           "La compagnie explique pourquoi la traversée s'est arrêtée tout l'hiver et ce qui change pour les randonneurs"),
}


@pytest.mark.parametrize("language", sorted(_LONG_DECKS))
def test_a_heading_in_title_case_over_a_long_deck_in_sentence_case_is_the_headline(language: str) -> None:
    """Over the byline, a long deck in sentence case with no final stop reads as a heading; the line over it, in
    title case and exclaiming, is the page's heading: the headline, not the deck."""
    import cleaner

    heading, deck = _LONG_DECKS[language]
    _, _, byline, printed, _, paragraphs = _STAMPED_PAGES[language]
    page = ["* Home", "* Sport", "", heading, "", deck, "", byline, printed, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading


@pytest.mark.parametrize("text, cut", [
    ("> Night ferry to the islands returns in May", "Night ferry to the islands returns in May"),
    ("› Die Nachtfähre zu den Inseln fährt ab Mai wieder", "Die Nachtfähre zu den Inseln fährt ab Mai wieder"),
    ("» Le ferry de nuit vers les îles reprend en mai", "Le ferry de nuit vers les îles reprend en mai"),
    ("»Wir fahren wieder« sagt die Reederei", "»Wir fahren wieder« sagt die Reederei"),  # a quote opens it: kept
])
def test_a_breadcrumb_separator_before_the_headline_goes(text: str, cut: str) -> None:
    from cleaner.metadata import section_cut

    assert section_cut(text) == cut


@pytest.mark.parametrize("language, heading", [
    ("en", "Night ferry back in May? The operator says yes, cabins and all"),
    ("de", "Nachtfähre ab Mai? Die Reederei sagt ja, mit Kabinen"),
    ("fr", "Le ferry de nuit en mai ? La compagnie dit oui, cabines comprises"),
])
def test_a_heading_in_sentence_case_with_a_question_inside_stands_over_its_stamp(language: str, heading: str) -> None:
    """A question inside a heading in sentence case is no reader's reply (a full stop inside is): the heading over the
    byline and the date is the headline."""
    import cleaner

    _, _, byline, printed, iso, paragraphs = _STAMPED_PAGES[language]
    menu = [f"* Section {n}" for n in range(1, 25)]  # deep: only the stamp names the heading there
    page = [*menu, "", heading, "", byline, printed, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading


def test_a_heading_right_under_a_related_lists_heading_is_the_headline() -> None:
    """"Latest News" (a related list's heading for the rules) printed as the article's kicker, the heading right under
    it, then the date: no other item stands between, so it is the headline, not a list's item."""
    import cleaner

    heading, _, _, printed, iso, paragraphs = _STAMPED_PAGES["en"]
    menu = [f"* Section {n}" for n in range(1, 25)]  # deep: only the stamp names the heading there
    page = [*menu, "", "Latest News", heading, printed, "", *(p + "\n" for p in paragraphs)]
    assert cleaner.clean("\n".join(page)).headline == heading
