"""evaluate: case scoring, micro averages and the report, on tiny corpora made here."""

from __future__ import annotations

import doctest
import json
from pathlib import Path
from typing import Any

import pytest

import cleaner.eval.corpus
from cleaner.article import Article
from cleaner.engine import Cleaner
from cleaner.eval.corpus import BodyScore, evaluate, render_report, score_case
from cleaner.io import InputError


class Canned:
    """A stand-in cleaner that returns a prepared article per raw text, so scores do not depend on the engine."""

    def __init__(self, articles: dict[str, Article]) -> None:
        self.articles = articles

    def clean(self, text: str, *, source: str | None = None) -> Article:
        return self.articles[text]


def _case(corpus: Path, name: str, raw: str, **expected: Any) -> None:
    folder = corpus / name
    folder.mkdir(parents=True)
    (folder / "raw.txt").write_text(raw, encoding="utf-8")
    (folder / "expected.json").write_text(json.dumps({"language": "en", "byline": None, "notes": "", **expected}))


def test_doctests() -> None:
    assert doctest.testmod(cleaner.eval.corpus).failed == 0


def test_perfect_case() -> None:
    article = Article(headline="Otters  return", dateline="14 May 2024", body=("One.", "Two  words."))
    result = score_case("c", article, {"headline": "Otters return", "dateline": "14 May 2024", "body": ["One.", "Two words."]})
    assert result.perfect and result.headline_ok and result.dateline_ok
    assert result.body == BodyScore(tp=2, fp=0, fn=0)
    assert result.body.f1 == 1.0


def test_body_is_a_multiset_of_paragraphs() -> None:
    article = Article(headline=None, body=("Repeated.", "Repeated.", "Menu", "Kept."))
    expected = {"headline": None, "dateline": None, "body": ["Repeated.", "Kept.", "Lost paragraph."]}
    result = score_case("c", article, expected)
    assert result.body == BodyScore(tp=2, fp=2, fn=1)
    assert result.extra == ("Repeated.", "Menu")
    assert result.missing == ("Lost paragraph.",)
    assert result.body.precision == 0.5 and result.body.recall == pytest.approx(2 / 3)
    assert result.body.f1 == pytest.approx(4 / 7)
    assert not result.perfect


def test_null_headline_must_stay_null() -> None:
    found = score_case("c", Article(headline="Menu"), {"headline": None, "dateline": None, "body": []})
    assert not found.headline_ok and found.dateline_ok and not found.perfect
    lost = score_case("c", Article(), {"headline": "A headline", "dateline": None, "body": []})
    assert not lost.headline_ok


def test_empty_scores() -> None:
    assert BodyScore().f1 == 1.0
    assert BodyScore(fn=3).f1 == 0.0 and BodyScore(fp=1).precision == 0.0


def test_overall_figures_are_micro_averaged(tmp_path: Path) -> None:
    _case(tmp_path, "b-small", "raw b", headline="B", dateline=None, body=["x", "y"])
    _case(tmp_path, "a-big", "raw a", headline="A", dateline="Monday", body=[f"p{i}" for i in range(8)])
    (tmp_path / "notes").mkdir()  # no raw.txt: not a case
    canned = Canned({
        "raw a": Article(headline="A", dateline="Monday", body=tuple(f"p{i}" for i in range(8))),
        "raw b": Article(headline="Wrong", body=("x", "junk")),
    })
    report = evaluate(tmp_path, canned)
    assert [c.name for c in report.cases] == ["a-big", "b-small"]
    assert report.body == BodyScore(tp=9, fp=1, fn=1)
    assert report.body.precision == pytest.approx(0.9)  # per-case averaging would give (1 + 0.5) / 2
    assert report.headline_accuracy == 0.5 and report.dateline_accuracy == 1.0 and report.perfect == 1
    data = report.to_dict()
    assert data["cases"] == 2 and data["perfect"] == 1 and data["body"]["tp"] == 9
    assert data["results"][1]["missing"] == ["y"] and data["results"][1]["extra"] == ["junk"]
    json.dumps(data)


def test_report_lists_only_imperfect_cases_with_their_paragraphs(tmp_path: Path) -> None:
    long = "A very long paragraph " * 20
    _case(tmp_path, "good", "g", headline="G", dateline=None, body=["g"])
    _case(tmp_path, "bad", "b", headline="B", dateline=None, body=[long, "kept"])
    report = evaluate(tmp_path, Canned({"g": Article(headline="G", body=("g",)),
                                        "b": Article(headline="B", body=("kept", "Share this"))}))
    text = render_report(report, width=60)
    lines = text.splitlines()
    assert lines[0].startswith("cases 2, perfect 1;")
    assert not any(line.startswith("good") for line in lines)
    assert "bad: body F1 0.500 (tp 1, fp 1, fn 1)" in lines
    assert "  + extra:   Share this" in lines
    missing = next(line for line in lines if line.startswith("  - missing:"))
    assert len(missing) == 60 and missing.endswith("…")


def test_bad_expectation_names_the_file(tmp_path: Path) -> None:
    _case(tmp_path, "c", "raw", headline="H", dateline=None, body="not a list")
    with pytest.raises(InputError, match=r"c/expected\.json: needs an object with 'body'"):
        evaluate(tmp_path, Canned({}))
    (tmp_path / "c" / "expected.json").write_text("{")
    with pytest.raises(InputError, match=r"c/expected\.json: cannot read"):
        evaluate(tmp_path, Canned({}))


def test_folder_without_cases(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no cases"):
        evaluate(tmp_path, Canned({}))


def test_real_cleaner_agrees_with_its_own_output(tmp_path: Path) -> None:
    raw = "Otters return to the river\n\nVolunteers recorded thirty otters along the river during the spring survey.\n"
    article = Cleaner().clean(raw)
    _case(tmp_path, "own", raw, headline=article.headline, dateline=article.dateline, body=list(article.body))
    report = evaluate(tmp_path)
    assert report.perfect == 1 and report.body.f1 == 1.0
