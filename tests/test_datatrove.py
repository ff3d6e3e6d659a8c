"""The datatrove step: the body as the document's text, the article's metadata kept, drops counted."""

from __future__ import annotations

import pytest

pytest.importorskip("datatrove")

from datatrove.data import Document  # noqa: E402

from cleaner.integrations.datatrove import CleanArticles  # noqa: E402

P1 = ("Volunteers counted forty otters along the river this spring, the highest figure since the survey "
      "began, and the council promised to keep the banks free of new building.")
P2 = ("The survey relies on people who walk the banks at dawn looking for tracks, and this year many more "
      "took part than before, the organisers said at the town hall on Friday.")
ARTICLE = f"Home | News\nOtters return to the river\n12 March 2024\nBy Jane Roe\n{P1}\nShare on Facebook\n{P2}\n"
ERROR_PAGE = "Site\nNews\nPage not found\nSorry, the page you are looking for does not exist.\nFooter\n"


def test_documents_keep_the_article_and_its_metadata() -> None:
    step = CleanArticles()
    docs = [Document(text=ARTICLE, id="a", metadata={"url": "https://river.example/otters"}),
            Document(text=ERROR_PAGE, id="b")]
    out = list(step.run(docs))
    assert [d.id for d in out] == ["a"]
    [doc] = out
    assert doc.text == f"{P1}\n\n{P2}"
    assert doc.metadata["headline"] == "Otters return to the river"
    assert doc.metadata["date"] == "2024-03-12" and doc.metadata["byline"] == "By Jane Roe"
    assert doc.metadata["url"] == "https://river.example/otters" and doc.metadata["no_article"] is None
    assert "removed" not in doc.metadata and "body" not in doc.metadata
    stats = step.stats.to_dict()["stats"]
    assert stats["dropped_no_article_error-page"] == 1  # datatrove shows a count alone when nothing varies
    assert stats["removed_share"] >= 1 and stats["documents"] == 2


def test_pages_with_no_article_can_be_kept_empty() -> None:
    [doc] = list(CleanArticles(keep_no_article=True).run([Document(text=ERROR_PAGE, id="b")]))
    assert doc.text == "" and doc.metadata["no_article"] == "error-page"
