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
