"""Scoring against snippet sets: real pages with text a good cleaner keeps and text it drops.

The format of trafilatura's evaluation data and of the development set (`devset.jsonl.xz`): one
JSON object per line with `id`, `url`, the page as `html` and/or text renderings of it (`text` or
`text_*` fields), and two lists of snippets, `with` (article text) and `without` (boilerplate).
A kept `with` snippet is a true positive, a missing one a false negative; a kept `without` snippet
a false positive, a dropped one a true negative. Matching is substring after whitespace
normalization, as the development set's own scorer does, so `cleaner eval` prints its figures.
Each page goes through `clean_record`, as a JSONL line through `cleaner clean` would.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any
from collections.abc import Callable, Iterator

from ..batch.errors import UsageError
from ..engine import Cleaner
from ..io import InputError, Source, open_source
from ..record import clean_record

HALVES = ("a", "b")


@dataclass(frozen=True)
class SnippetScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / max(1, self.tp + self.tn + self.fp + self.fn)

    def __add__(self, other: SnippetScore) -> SnippetScore:
        return SnippetScore(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn, self.tn + other.tn)

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True)
class Miss:
    """A page where something was lost or kept wrongly: what `--show` prints."""

    id: str
    lost: tuple[str, ...]
    kept: tuple[str, ...]


@dataclass(frozen=True)
class Run:
    """One system on one rendering of the pages."""

    system: str
    mode: str
    score: SnippetScore
    seconds: float
    pages: int
    misses: tuple[Miss, ...] = field(default=(), compare=False)

    @property
    def rate(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system, "mode": self.mode, "pages": self.pages,
                "pages_per_second": round(self.rate, 1), **self.score.to_dict()}


def half_of(page_id: str) -> str:
    """A fixed split of pages into halves "a" and "b" (first hex digit of the id's SHA-1 even or odd),
    to fit on one half and report on the other."""
    return HALVES[int(hashlib.sha1(page_id.encode("utf-8")).hexdigest()[0], 16) % 2]


SNIPPET_FIELDS = ("with", "without")


def load(path: Path, limit: int = 0, half: str | None = None,
         required: tuple[str, ...] = SNIPPET_FIELDS) -> list[dict[str, Any]]:
    """The pages of a snippet file (plain or compressed JSONL), the first `limit` of the chosen half;
    each page must have an `id` and the `required` fields (the bench reads pages for their HTML alone)."""
    pages = []
    for page in _read(path, required):
        if half is None or half_of(str(page["id"])) == half:
            pages.append(page)
            if len(pages) == limit:
                break
    return pages


def _read(path: Path, required: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    with open_source(Source(path, PurePath(path.name)), sys.stdin.buffer) as stream:
        for number, line in enumerate(stream, 1):
            if not line.strip():
                continue
            try:
                page = json.loads(line)
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise InputError(path, f"not a JSON line: {exc}", "fix or remove the line", number) from None
            if not isinstance(page, dict) or "id" not in page or not set(required) <= page.keys():
                raise InputError(path, "not a page record", f"give each line id, {', '.join(required)}", number)
            yield page


def modes_of(pages: list[dict[str, Any]]) -> list[str]:
    """The renderings the pages carry: `text`/`text_*` fields, then `html`."""
    fields = dict.fromkeys(key for page in pages for key in page if key == "text" or key.startswith("text_"))
    return sorted(fields) + (["html"] if any("html" in page for page in pages) else [])


def score_page(page: dict[str, Any], body: str) -> tuple[SnippetScore, Miss | None]:
    kept_text = _norm(body)
    lost = tuple(s for s in page["with"] if _norm(s) not in kept_text)
    kept = tuple(s for s in page["without"] if _norm(s) in kept_text)
    score = SnippetScore(len(page["with"]) - len(lost), len(kept), len(lost), len(page["without"]) - len(kept))
    return score, (Miss(str(page["id"]), lost, kept) if lost or kept else None)


def _norm(text: str) -> str:
    return " ".join((text or "").split())  # str.split's whitespace is re's \s: devscore.py's matching


def _run(system: str, mode: str, pages: list[dict[str, Any]], body_of: Callable[[dict[str, Any]], str]) -> Run:
    total, misses, seconds = SnippetScore(), [], 0.0
    for page in pages:
        start = time.perf_counter()
        body = body_of(page)
        seconds += time.perf_counter() - start
        score, miss = score_page(page, body)
        total += score
        if miss:
            misses.append(miss)
    return Run(system, mode, total, seconds, len(pages), tuple(misses))


def run_cleaner(pages: list[dict[str, Any]], mode: str, cleaner: Cleaner) -> Run:
    """The cleaner on one rendering, each page as the JSONL record `cleaner clean` would get."""
    field = "html" if mode == "html" else "text"

    def body_of(page: dict[str, Any]) -> str:
        record = {"id": page["id"], "url": page.get("url"), field: page.get(mode) or ""}
        return str(clean_record(record, cleaner=cleaner)["body"])

    cleaner.rules.compile_all()  # patterns compile on first use: start-up, not pages/s
    if pages:
        body_of(pages[0])  # and the HTML libraries' own first-call set-up, as for the peer
    return _run("cleaner", mode, pages, body_of)


def run_peer(pages: list[dict[str, Any]], mode: str) -> Run:
    """The yardstick on the same pages: trafilatura's `extract` on the HTML, the text as scraped otherwise."""
    if mode != "html":
        return _run("identity (text as scraped)", mode, pages, lambda page: page.get(mode) or "")
    import trafilatura  # imported only when compared with

    def extract(page: dict[str, Any]) -> str:
        return trafilatura.extract(page.get("html") or "", url=page.get("url"), include_comments=False) or ""

    if pages:
        extract(pages[0])  # its first-call set-up is not pages/s either
    return _run("trafilatura.extract", mode, pages, extract)


def evaluate(path: Path, cleaner: Cleaner, modes: list[str] | None = None, half: str | None = None, limit: int = 0,
             peers: bool = False) -> tuple[int, list[Run]]:
    """`cleaner eval FILE`: the number of pages read and a run per rendering (all the file carries, or `modes`),
    each beside its peer with `peers`. A bad half or a rendering no page carries is bad usage (UsageError)."""
    if half not in (None, *HALVES):
        raise UsageError(f"--half must be one of {', '.join(HALVES)}")
    pages = load(path, limit, half)
    present = modes_of(pages)
    if unknown := [m for m in modes or () if m not in present]:
        raise UsageError(f"{path}: no pages carry {', '.join(unknown)} (they carry: {', '.join(present) or 'nothing'})")
    runs = []
    for mode in modes or present:
        runs.append(run_cleaner(pages, mode, cleaner))
        if peers:
            runs.append(run_peer(pages, mode))
    return len(pages), runs


def render(runs: list[Run], show: int = 0) -> str:
    """The table devscore.py prints, then up to `show` pages with misses per cleaner run."""
    rows = [f"{'system':28} {'mode':16} {'F1':>6} {'P':>6} {'R':>6} {'acc':>6} {'pages/s':>8}"]
    for run in runs:
        s = run.score
        rows.append(f"{run.system:28} {run.mode:16} {s.f1:6.3f} {s.precision:6.3f} {s.recall:6.3f} "
                    f"{s.accuracy:6.3f} {run.rate:8.1f}")
    for run in runs:
        for miss in run.misses[:show] if run.system == "cleaner" else ():
            rows.append(f"  {run.mode} {miss.id}: lost {list(miss.lost[:3])} kept {list(miss.kept[:3])}")
    return "\n".join(rows) + "\n"
