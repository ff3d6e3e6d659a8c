"""The line score: weights from a data file, a decision on leftover lines, shown by explain."""

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.score import FEATURES, Weights, shipped

ARTICLE = (
    "Harbour roof repaired before winter\n"
    "Workers finished the new roof of the harbour hall on Monday, two weeks before the first winter storms were due.\n"
    "Sponsored Listings From Partners\n"
    "The hall reopens to passengers on Friday, and the ticket office moves back from the temporary cabin by the pier.\n"
)


def test_shipped_weights_name_every_feature() -> None:
    weights = shipped()
    assert set(weights.weights) == set(FEATURES)


def test_a_weights_file_with_an_unknown_feature_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.toml"
    path.write_text("bias = 0\nthreshold = 0\n[weights]\nshoe_size = 1.0\n", encoding="utf-8")
    with pytest.raises(ValueError, match="shoe_size"):
        Weights.load(path)


def test_a_leftover_line_scoring_below_the_threshold_goes() -> None:
    """Weights that punish title case remove the unpunctuated title-case line inside the article;
    the prose, good or punctuated, is never scored away."""
    punish_title_case = Weights(bias=0.0, threshold=-0.5, weights={**{k: 0.0 for k in FEATURES}, "title_case": -1.0})
    article = Cleaner(weights=punish_title_case).clean(ARTICLE)
    assert [r.rule for r in article.removed] == ["line-score"]
    assert article.removed[0].text == "Sponsored Listings From Partners"
    assert len(article.body) == 2
    neutral = Weights(bias=0.0, threshold=-0.5, weights={k: 0.0 for k in FEATURES})
    assert "Sponsored Listings From Partners" in Cleaner(weights=neutral).clean(ARTICLE).body


def test_explain_shows_the_score_and_its_terms() -> None:
    weights = Weights(bias=0.5, threshold=-0.5, weights={**{k: 0.0 for k in FEATURES}, "title_case": -1.0})
    report = Cleaner(weights=weights).explain(ARTICLE)[2]
    assert report.score is not None
    assert report.score.total == pytest.approx(0.5 - 1.0)
    assert report.score.main_terms()[0] == ("title_case", -1.0)
    assert report.to_dict()["terms"]["title_case"] == -1.0
