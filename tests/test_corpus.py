"""Every corpus case comes out as its expected.json says: headline, dateline and body paragraphs.

The cases are data (corpus/<case>/raw.txt and expected.json) and this one parametrized test runs them all.
Known misses are listed below as strict xfails: a fix makes the case pass, the xfail then fails, and the
entry must go, so a fixed case is noticed and stays fixed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.engine import Cleaner
from cleaner.eval.corpus import EXPECTED, RAW, case_folders, load_expected, score_case
from cleaner.io import decode
from conftest import CORPUS

# case -> what goes wrong today (from `cleaner eval corpus/`)
KNOWN_MISSES = {
    "en-09-medium-member-only": "the author's bio line after the article stays in the body",
    "en-11-glued-subtitle-science": "the subtitle glued onto the headline line is not split off",
    "nl-03-nieuwsbrief-cookies": "the last paragraph (a one-sentence date notice) is removed",
    "uk-05-rozsylka-podilytysia": "the newsletter pitch sentence stays in the body",
    "uk-06-related-bio-footer": "a short closing paragraph ('Вітаємо переможців!') is removed",
}

CASES = case_folders(CORPUS)


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner()


def _param(folder: Path) -> object:
    reason = KNOWN_MISSES.get(folder.name)
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(folder, id=folder.name, marks=marks)


def test_known_misses_name_existing_cases() -> None:
    assert set(KNOWN_MISSES) <= {folder.name for folder in CASES}


@pytest.mark.parametrize("folder", [_param(folder) for folder in CASES])
def test_case(folder: Path, cleaner: Cleaner) -> None:
    expected = load_expected(folder / EXPECTED)
    raw = decode((folder / RAW).read_bytes(), str(folder / RAW))
    article = cleaner.clean(raw.text)
    result = score_case(folder.name, article, expected)
    assert article.no_article == expected.get("no_article"), "page with or without an article"
    assert result.headline_ok, f"headline: expected {result.expected_headline!r}, got {result.headline!r}"
    assert result.dateline_ok, f"dateline: expected {result.expected_dateline!r}, got {result.dateline!r}"
    assert not result.missing, f"article paragraphs lost: {result.missing}"
    assert not result.extra, f"boilerplate kept: {result.extra}"
