"""Scoring against labelled cases: used by `cleaner eval` and by the tests.

A corpus is a folder of case folders, each with `raw.txt` (the scraped text) and `expected.json`:
`{"language", "headline", "subheadline"?, "dateline", "byline", "body": [paragraphs], "notes"}`,
where the body paragraphs are exact trimmed lines of raw.txt. A case is scored on its headline and
dateline (right or wrong, whitespace-normalized; an expected null must come out null) and on its body
as a multiset of paragraphs (true/false positives, false negatives).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from collections.abc import Iterable

from ..article import Article
from ..engine import Cleaner
from ..io import InputError, decode, truncate

RAW = "raw.txt"
EXPECTED = "expected.json"


class _Cleans(Protocol):
    def clean(self, text: str, *, source: str | None = None) -> Article: ...


@dataclass(frozen=True)
class BodyScore:
    """Paragraph counts and the figures derived from them.

    With nothing to measure a ratio is 1 (nothing kept means no false positive).
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: BodyScore) -> BodyScore:
        return BodyScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass(frozen=True)
class CaseResult:
    """One case: what was expected and found for the metadata, and the body paragraphs lost or kept wrongly."""

    name: str
    expected_headline: str | None
    headline: str | None
    expected_dateline: str | None
    dateline: str | None
    body: BodyScore
    missing: tuple[str, ...]  # expected paragraphs the cleaner dropped
    extra: tuple[str, ...]  # paragraphs the cleaner kept that are not article text

    @property
    def headline_ok(self) -> bool:
        return _norm(self.headline) == _norm(self.expected_headline)

    @property
    def dateline_ok(self) -> bool:
        return _norm(self.dateline) == _norm(self.expected_dateline)

    @property
    def perfect(self) -> bool:
        return self.headline_ok and self.dateline_ok and not self.missing and not self.extra

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "perfect": self.perfect,
            "headline_ok": self.headline_ok, "expected_headline": self.expected_headline, "headline": self.headline,
            "dateline_ok": self.dateline_ok, "expected_dateline": self.expected_dateline, "dateline": self.dateline,
            "body": self.body.to_dict(), "missing": list(self.missing), "extra": list(self.extra),
        }


@dataclass(frozen=True)
class Report:
    """All cases, with micro-averaged body figures (every paragraph counts once) and metadata accuracy."""

    cases: tuple[CaseResult, ...]

    @property
    def body(self) -> BodyScore:
        return sum((case.body for case in self.cases), BodyScore())

    @property
    def headline_accuracy(self) -> float:
        return _share(case.headline_ok for case in self.cases)

    @property
    def dateline_accuracy(self) -> float:
        return _share(case.dateline_ok for case in self.cases)

    @property
    def perfect(self) -> int:
        return sum(case.perfect for case in self.cases)

    def to_dict(self) -> dict[str, Any]:
        return {
            "cases": len(self.cases), "perfect": self.perfect, "body": self.body.to_dict(),
            "headline_accuracy": round(self.headline_accuracy, 4),
            "dateline_accuracy": round(self.dateline_accuracy, 4),
            "results": [case.to_dict() for case in self.cases],
        }


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 1.0


def _norm(text: str | None) -> str | None:
    """Whitespace-normalized text, so line wrapping and double spaces do not count as errors."""
    return " ".join(text.split()) if text is not None else None


def _unmatched(items: Iterable[str], others: Iterable[str]) -> tuple[str, ...]:
    """The items, in order, that are left over once each is paired with an equal one in `others` (a multiset difference).

    >>> _unmatched(["a", "a", "b"], ["a ", "c"])
    ('a', 'b')
    """
    left = Counter(map(_norm, others))
    out = []
    for item in items:
        if left[_norm(item)]:
            left[_norm(item)] -= 1
        else:
            out.append(item)
    return tuple(out)


def score_case(name: str, article: Article, expected: dict[str, Any]) -> CaseResult:
    """Compare one cleaned article with its expectation."""
    body = expected["body"]
    missing = _unmatched(body, article.body)
    extra = _unmatched(article.body, body)
    return CaseResult(
        name=name,
        expected_headline=expected.get("headline"),
        headline=article.headline,
        expected_dateline=expected.get("dateline"),
        dateline=article.dateline,
        body=BodyScore(tp=len(body) - len(missing), fp=len(extra), fn=len(missing)),
        missing=missing,
        extra=extra,
    )


def load_expected(path: Path) -> dict[str, Any]:
    """Read and check one expected.json; a malformed one is an `InputError` naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(path, f"cannot read the expectation: {exc}", "fix the file") from None
    if not isinstance(data, dict) or not isinstance(data.get("body"), list) \
            or not all(isinstance(p, str) for p in data["body"]):
        raise InputError(path, "needs an object with 'body': a list of strings", "fix the file")
    for key in ("headline", "dateline"):
        if not isinstance(data.get(key), (str, type(None))):
            raise InputError(path, f"'{key}' must be a string or null", "fix the file")
    return data


def case_folders(corpus: Path) -> list[Path]:
    """The case folders of a corpus, by name: the visible subfolders that hold a raw.txt."""
    if not corpus.is_dir():
        raise InputError(corpus, "not a folder", "pass the corpus folder")
    folders = sorted(p for p in corpus.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / RAW).is_file())
    if not folders:
        raise InputError(corpus, f"no cases (folders with {RAW} and {EXPECTED})", "check the path")
    return folders


def evaluate(corpus: Path, cleaner: _Cleans | None = None) -> Report:
    """Clean every case of the corpus (with the built-in rules unless a cleaner is given) and score it."""
    cleaner = cleaner or Cleaner()
    results = []
    for folder in case_folders(corpus):
        expected = load_expected(folder / EXPECTED)
        raw = decode((folder / RAW).read_bytes(), str(folder / RAW))
        results.append(score_case(folder.name, cleaner.clean(raw.text), expected))
    return Report(tuple(results))


def render_report(report: Report, width: int = 100) -> str:
    """A summary line, then each case that is not perfect with what went wrong (paragraphs cut to `width`)."""
    body = report.body
    lines = [
        f"cases {len(report.cases)}, perfect {report.perfect}; "
        f"body P {body.precision:.3f} R {body.recall:.3f} F1 {body.f1:.3f} (tp {body.tp}, fp {body.fp}, fn {body.fn}); "
        f"headline {report.headline_accuracy:.3f}, dateline {report.dateline_accuracy:.3f}"
    ]
    for case in report.cases:
        if not case.perfect:
            lines.extend(_case_lines(case, width))
    return "\n".join(lines) + "\n"


def _case_lines(case: CaseResult, width: int) -> list[str]:
    lines = [f"{case.name}: body F1 {case.body.f1:.3f} (tp {case.body.tp}, fp {case.body.fp}, fn {case.body.fn})"]
    if not case.headline_ok:
        lines.append(truncate(f"  headline: expected {case.expected_headline!r}, got {case.headline!r}", width))
    if not case.dateline_ok:
        lines.append(truncate(f"  dateline: expected {case.expected_dateline!r}, got {case.dateline!r}", width))
    lines += [truncate(f"  - missing: {p}", width) for p in case.missing]
    lines += [truncate(f"  + extra:   {p}", width) for p in case.extra]
    return lines
