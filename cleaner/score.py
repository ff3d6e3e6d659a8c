"""The line score: one small logistic model over a line's evidence, with its weights in a data file.

The passes in `heuristics` settle most lines (rules, zones, runs of short lines). What they leave
inside the article is kept, and that is where leftover furniture hides: a bio line, a "Photo:"
credit no rule knows, a teaser title between paragraphs. Only lines that are not good prose and do
not end in punctuation are decided by the score (`scored`). The score weighs what the line says of
itself (length, stopwords, sentence end, title case, digits, symbols, links) with its context (its
neighbours, a run of short lines around it, its distance from the article's densest part, its place
in the page); a line that scores below the threshold goes, with rule id `line-score`. The weights
live in `weights.toml` (fitted by `scripts/fit_weights.py` on half of the development set, checked on
the other half), and `cleaner explain` prints each line's score and its largest terms.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from collections.abc import Mapping

import regex

from .features import Label
from .page import Page

FEATURES = (
    "log_chars", "stopword_density", "ends_sentence", "terminal", "title_case", "digit_share",
    "symbol_share", "linkish", "short_neighbours", "good_neighbours", "in_short_run", "article_distance",
    "position",
)
_DIGIT = regex.compile(r"\d")
_SYMBOL = regex.compile(r"[^\w\s.,;:!?'\"’“”()\-–—]")
SHORT_RUN_WINDOW = 2  # non-blank lines on each side looked at for `in_short_run`


@dataclass(frozen=True)
class Weights:
    """The model: score = bias + sum(weight * feature); below `threshold` a leftover line goes."""

    bias: float
    threshold: float
    weights: Mapping[str, float]

    @classmethod
    def load(cls, path: str | Path | None = None) -> Weights:
        """The shipped weights, or a file of the same shape (for fitting and experiments)."""
        text = Path(path).read_text(encoding="utf-8") if path else \
            resources.files(__package__).joinpath("weights.toml").read_text(encoding="utf-8")
        data = tomllib.loads(text)
        weights = data["weights"]
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"weights file: unknown features {sorted(unknown)} (known: {', '.join(FEATURES)})")
        return cls(float(data["bias"]), float(data["threshold"]), {k: float(weights.get(k, 0.0)) for k in FEATURES})


@cache
def shipped() -> Weights:
    return Weights.load()


@dataclass(frozen=True)
class LineScore:
    total: float
    terms: dict[str, float]  # weight * feature, per feature

    def main_terms(self, n: int = 4) -> list[tuple[str, float]]:
        """The terms that moved the score most, for `explain`."""
        return sorted(((k, v) for k, v in self.terms.items() if v), key=lambda kv: -abs(kv[1]))[:n]


def line_features(page: Page, i: int, densest: tuple[int, int]) -> dict[str, float]:
    """The evidence for line `i`, each scaled to roughly 0..1 (log_chars to 0..~9)."""
    f = page.features[i]
    assert f is not None, "blank lines are not scored"
    text = page.lines[i].text
    chars = max(1, f.chars)
    before, after = _neighbours(page, i, 1)
    near = before + after
    around = _neighbours(page, i, SHORT_RUN_WINDOW)
    start, end = densest
    distance = 0 if start <= i <= end else min(abs(i - start), abs(i - end))
    return {
        "log_chars": math.log1p(f.chars),
        "stopword_density": f.stopword_density,
        "ends_sentence": float(f.ends_sentence),
        "terminal": float(f.terminal),
        "title_case": f.title_case,
        "digit_share": len(_DIGIT.findall(text)) / chars,
        "symbol_share": len(_SYMBOL.findall(text)) / chars,
        "linkish": float(f.linkish),
        "short_neighbours": sum(page.labels[j] is Label.SHORT for j in near) / max(1, len(near)),
        "good_neighbours": sum(page.labels[j] is Label.GOOD for j in near) / max(1, len(near)),
        "in_short_run": float(all(page.labels[j] is Label.SHORT for j in around[0] + around[1]) and f.chars <= 40),
        "article_distance": min(1.0, distance / 20),
        "position": i / max(1, len(page.lines) - 1),
    }


def _neighbours(page: Page, i: int, n: int) -> tuple[list[int], list[int]]:
    """Up to `n` non-blank lines before and after line `i`."""
    return _first_non_blank(page, range(i - 1, -1, -1), n), _first_non_blank(page, range(i + 1, len(page.lines)), n)


def _first_non_blank(page: Page, indexes: range, n: int) -> list[int]:
    found: list[int] = []
    for j in indexes:
        if len(found) == n:
            break
        if page.labels[j] is not Label.BLANK:
            found.append(j)
    return found


def scored(page: Page, i: int) -> bool:
    """Lines the score may remove: neither good prose nor ending in punctuation."""
    f = page.features[i]
    return f is not None and page.labels[i] is not Label.GOOD and not f.terminal


def densest_region(page: Page) -> tuple[int, int]:
    """First and last good line of the article as the passes found it (its densest stretch of prose)."""
    goods = [i for i, label in enumerate(page.labels) if label is Label.GOOD]
    return (goods[0], goods[-1]) if goods else (0, -1)


def score(features: Mapping[str, float], weights: Weights) -> LineScore:
    terms = {k: weights.weights[k] * features[k] for k in FEATURES}
    return LineScore(weights.bias + sum(terms.values()), terms)
