"""The engine as a whole: the public API, explain, site rules, trigger words in real sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

import cleaner
from cleaner import Article, Cleaner, Options

HEAD = "Bakery chain reports a strong year"
P1 = ("The bakery chain said on Monday that sales rose by a fifth last year, helped by new shops "
      "in three cities and a bread subscription that proved more popular than expected.")
P2 = ("Its chief executive told analysts that rye flour prices had stabilised and that the company "
      "would open another twelve shops before the end of next year.")


@pytest.mark.parametrize("sentence", [
    "The company declined to comment.",
    "Shares fell 4% after the announcement, before recovering in afternoon trading.",
    "Subscription revenue rose 12% in the quarter, the company said in a statement.",
    "The bakery sells cookies baked with rye flour and honey from local farms.",
    "Readers can share their views at a public meeting on Friday evening.",
])
def test_sentences_with_trigger_words_stay(sentence: str) -> None:
    article = cleaner.clean("\n".join([HEAD, P1, sentence, P2]))
    assert sentence in article.body


def test_article_shape_and_rendering() -> None:
    article = cleaner.clean("\n".join([HEAD, "", P1, "", P2]))
    assert isinstance(article, Article)
    assert article.headline == HEAD and article.body == (P1, P2)
    assert article.to_text() == f"{HEAD}\n\n{P1}\n\n{P2}\n"
    data = article.to_dict()
    assert data["body"] == [P1, P2] and data["language"] == "en"


def test_explain_agrees_with_clean() -> None:
    doc = "\n".join(["Menu", HEAD, P1, P2, "Tags"])
    c = Cleaner()
    article = c.clean(doc)
    reports = c.explain(doc)
    assert [r.text for r in reports if r.verdict == "body"] == list(article.body)
    assert {r.text: r.rule for r in reports if r.rule} == {r.text: r.rule for r in article.removed}
    assert all(r.features for r in reports if r.verdict != "blank")


def test_user_rule_file_and_site_rules(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(
        '[[rule]]\nid = "bakery-promo"\ncategory = "advert"\nlanguages = ["*"]\naction = "drop"\n'
        'patterns = ["^order fresh bread online today$"]\nsites = ["bakery.example"]\n'
        'match = ["Order fresh bread online today"]\nkeep = ["Customers order fresh bread."]\n',
        encoding="utf-8")
    c = Cleaner.from_rule_files([rules])
    doc = "\n".join([HEAD, P1, "Order fresh bread online today", P2])
    on_site = c.clean(doc, source="https://www.bakery.example/news/1")
    assert [(r.rule, r.category.value) for r in on_site.removed] == [("bakery-promo", "advert")]
    assert "Order fresh bread online today" in c.clean(doc, source="https://other.example/x").body


def test_forced_language_option() -> None:
    assert cleaner.clean("\n".join([HEAD, P1, P2]), options=Options(language="de")).language == "de"
