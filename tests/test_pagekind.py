"""Pages with no article: the markers' examples, and what such a page's Article and record hold."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import cleaner
from cleaner import pagekind
from cleaner.lines import normalize

DATA = tomllib.loads(Path(pagekind.__file__).with_name("pagekinds.toml").read_text(encoding="utf-8"))
KINDS = {kind.id: kind for kind in pagekind.kinds()}

ERROR_PAGE = """Riverside Gazette
News
Sport
Page not found
Sorry, the page you are looking for does not exist or has been moved.
Most read
Bridge repairs to start in spring
Footer links
"""

ARTICLE = """Riverside Gazette
Page not found? Readers report broken links after the site moved
The city's library catalogue moved to a new address on Monday, and many readers found that old bookmarks led nowhere.
Staff said the old addresses would be sent on to the new ones by the end of the week, once the last records were copied.
Until then, the library asks readers to search the catalogue from its home page rather than from saved links.
The move was planned for two years and cost less than the old system's yearly licence, the council said.
"""


@pytest.mark.parametrize(("kind", "example"), [(k, e) for k, spec in DATA.items() for e in spec["match"]])
def test_marker_matches(kind: str, example: str) -> None:
    assert KINDS[kind].marks(normalize(example))


@pytest.mark.parametrize(("kind", "example"), [(k, e) for k, spec in DATA.items() for e in spec["keep"]])
def test_marker_keeps(kind: str, example: str) -> None:
    assert not KINDS[kind].marks(normalize(example))


def test_error_page_has_an_empty_body_and_every_line_removed() -> None:
    article = cleaner.clean(ERROR_PAGE)
    assert article.no_article == "error-page"
    assert article.body == () and article.headline is None
    assert {r.line for r in article.removed} == {n for n, line in enumerate(ERROR_PAGE.splitlines(), 1) if line}


def test_an_article_about_a_missing_page_is_an_article() -> None:
    article = cleaner.clean(ARTICLE)
    assert article.no_article is None
    assert len(article.body) >= 4


def test_the_record_says_so_and_pipelines_can_filter() -> None:
    lines = [json.dumps({"id": "a", "text": ERROR_PAGE}), json.dumps({"id": "b", "text": ARTICLE})]
    out = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--input-format", "jsonl", "--output-format",
                          "jsonl", "-"], input="\n".join(lines) + "\n", capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["id"], r["no_article"]) for r in records] == [("a", "error-page"), ("b", None)]
    assert records[0]["body"] == ""


def test_a_page_joined_onto_one_line_with_a_consent_line_keeps_its_article() -> None:
    """Found by the long property profile: the article's sentences, pieces of one long line, were near-good,
    not good, so the consent line seemed to be the only prose and the page a consent wall."""
    lines = ["The the council said", "The the the the the the the the. The the the the the the the the the the the the.",
             "Privacy & Cookies: This site uses cookies. By continuing to use this website, you agree to their use."] * 11
    article = cleaner.clean("  ".join(lines))
    assert article.no_article is None and article.body


def test_a_section_front_without_time_stamps_is_one() -> None:
    """Titles and summaries in turn, nothing between: the titles (near-good prose) break the run of sentences."""
    teasers = [("Ferry operator orders two electric boats", "The new vessels will halve the crossing's fuel bill."),
               ("Bakery chain opens its tenth shop", "Owners expect forty jobs in the town centre by summer."),
               ("Port authority raises mooring fees", "Fishing crews say the rise will hit small boats hardest."),
               ("Council backs plan for a covered market", "Traders can rent stalls by the week next spring."),
               ("Shipyard wins repair contract for the ferries", "The work keeps sixty welders busy all winter.")]
    page = "Harbour Chronicle\nBusiness\n" + "".join(f"{t}\n{s}\n" for t, s in teasers) + "Older posts\nContact\n"
    article = cleaner.clean(page)
    assert article.no_article == "section-front" and article.body == ()
    paragraphs = "\n".join(s.replace(".", ", as the council said on Monday evening.") for _, s in teasers)
    assert cleaner.clean(f"Harbour Chronicle\n{teasers[0][0]}\n{paragraphs}\nOlder posts\n").no_article is None


def test_widget_lines_between_paragraphs_are_no_teaser_titles() -> None:
    """Found by the property tests: "Load more" and a hashtag line printed twice stood over short paragraphs,
    which read as a teaser list's summaries, and the article was lost as a section front."""
    paragraph = "The the the the the the the the. The the the the the the the the."
    page = "\n".join(["The the council said", paragraph, "#Bundestag", "#Bundestag", "Load more", paragraph, paragraph,
                      "#Ukraine #NATO", paragraph, "#Ukraine #NATO", paragraph])
    article = cleaner.clean(page)
    assert article.no_article is None and article.body.count(paragraph) == 5
