"""The five seed documents (read from ../shared/seeds, never copied here) come out clean.

Expectations are line numbers of the seed files, so no seed text lives in the repository.
"""

from __future__ import annotations

import pytest

import cleaner
from conftest import SEEDS

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"seed folder {SEEDS} not found (it sits beside the repo in CI)")

# seed prefix -> (headline line, dateline line or None, body lines, lines that must be removed)
EXPECTED = {
    "000": (9, None, [13, 15, 17, 19, 21, 23], [1, 2, 3, 4, 5, 6, 7, 11, 25, *range(27, 39)]),
    "001": (1, 3, list(range(5, 24, 2)), [25]),
    "002": (1, None, list(range(2, 12)), []),
    "003": (1, None, list(range(3, 20, 2)), list(range(21, 27))),
    "004": (1, None, list(range(3, 16, 2)), [17, 20, 21]),
}


def _seed(prefix: str) -> list[str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_seed(prefix: str) -> None:
    lines = _seed(prefix)
    headline, dateline, body, removed = EXPECTED[prefix]
    article = cleaner.clean("\n".join(lines))
    assert article.headline_line() == lines[headline - 1]
    assert article.dateline == (lines[dateline - 1] if dateline else None)
    assert list(article.body) == [lines[n - 1] for n in body]
    assert {r.line for r in article.removed} >= set(removed)


def test_glued_subtitle_is_split_off_the_headline() -> None:
    line = _seed("002")[0]
    article = cleaner.clean("\n".join(_seed("002")))
    assert article.subheadline and line.startswith(article.headline + " ")
    assert len(article.headline.split()) == 9


def test_dateline_is_parsed_to_iso() -> None:
    assert cleaner.clean("\n".join(_seed("001"))).date == "2024-02-27"
