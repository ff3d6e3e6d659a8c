"""The figures of a run: documents, bytes, time, and what was removed per category and per rule or heuristic id
(as datatrove counts `dropped_<reason>`), pages with no article per kind, failures."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..article import Article

if TYPE_CHECKING:
    from rich.table import Table


@dataclass(frozen=True)
class Tally:
    """What the run's figures count of one document: its removed lines' (category, rule), and whether it
    was a page with no article. Small, so that workers send it back in place of the article."""

    removed: tuple[tuple[str, str], ...] = ()
    no_article: str | None = None


def tally_of(article: Article) -> Tally:
    """What the figures count of a cleaned article."""
    return Tally(tuple((r.category.value, r.rule) for r in article.removed), article.no_article)


class RunStats:
    """What a run did: documents, bytes, removed lines per category and per rule or heuristic, pages with
    no article per kind, failures, time."""

    def __init__(self) -> None:
        self.documents = self.failed = self.skipped = self.bytes_in = self.bytes_out = 0
        self.removed: Counter[str] = Counter()
        self.removed_by_rule: Counter[str] = Counter()
        self.no_article: Counter[str] = Counter()
        self.started = time.perf_counter()

    def add(self, tally: Tally, bytes_in: int, bytes_out: int) -> None:
        """One document written: its bytes, and what its tally counts."""
        self.documents += 1
        self.bytes_in += bytes_in
        self.bytes_out += bytes_out
        self.removed.update(category for category, _ in tally.removed)
        self.removed_by_rule.update(rule for _, rule in tally.removed)
        if tally.no_article is not None:
            self.no_article[tally.no_article] += 1

    def rate(self) -> float:
        return self.documents / max(1e-9, time.perf_counter() - self.started)

    def to_dict(self) -> dict[str, Any]:
        seconds = time.perf_counter() - self.started
        return {
            "documents": self.documents, "failed": self.failed, "skipped": self.skipped,
            "bytes_in": self.bytes_in, "bytes_out": self.bytes_out, "seconds": round(seconds, 3),
            "documents_per_second": round(self.documents / max(seconds, 1e-9), 1),
            "megabytes_per_second": round(self.bytes_in / 1e6 / max(seconds, 1e-9), 3),
            "no_article": sum(self.no_article.values()),
            "no_article_by_kind": dict(sorted(self.no_article.items())),
            "removed": dict(sorted(self.removed.items())),
            "removed_by_rule": dict(self.removed_by_rule.most_common()),
        }

    def table(self) -> Table:
        from rich.table import Table

        data = self.to_dict()
        table = Table(title="cleaner clean", show_header=False)
        for key in ("documents", "failed", "skipped", "no_article", "bytes_in", "bytes_out", "seconds",
                    "documents_per_second"):
            table.add_row(key.replace("_", " "), str(data[key]))
        for category, count in data["removed"].items():
            table.add_row(f"removed: {category}", str(count))
        return table
