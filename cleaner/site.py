"""Site templates learned across a batch: lines that recur in many documents of one source.

A site prints its template (menu labels, a footer, a standard disclaimer) on every page, often in
words no rule knows. In a batch, such a line turns up in many documents of the same source (the
same domain, from a record's `url`, or the same input folder), while an article's sentences do not.
The first pass counts, per source, in how many documents each short line appears; lines found in
enough of them are that source's template, and the engine removes them (rule id `site-repeat`).
A line seen under two or more sources is never template: text that several outlets all print (a
quote from a statement, as in a story covered by five outlets) is the news, not furniture.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .lines import MEMO_MAX_CHARS, split_lines

MIN_DOCUMENTS = 5  # a line must recur in at least this many documents of a source...
MIN_SHARE = 0.5  # ...and in at least this share of them
MAX_LINES_PER_SOURCE = 50_000  # distinct lines counted per source: memory stays bounded (a template's
# lines are in half a source's documents, so they are among the first lines seen)
MAX_LINE_CHARS = MEMO_MAX_CHARS  # longer lines are prose, unique to their page: never template


@dataclass
class SiteRepeats:
    """The first pass: documents and line counts per source."""

    min_documents: int = MIN_DOCUMENTS
    min_share: float = MIN_SHARE
    documents: Counter[str] = field(default_factory=Counter)
    counts: defaultdict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, source: str, text: str) -> None:
        """Count one document's distinct short lines under `source`."""
        self.documents[source] += 1
        seen = {line.norm for line in split_lines(text) if line.norm and len(line.norm) <= MAX_LINE_CHARS}
        counts = self.counts[source]
        for norm in seen:
            if norm in counts or len(counts) < MAX_LINES_PER_SOURCE:
                counts[norm] += 1

    def templates(self) -> dict[str, frozenset[str]]:
        """Per source, the lines of its template; lines that several sources print are left out."""
        sources_of: Counter[str] = Counter(norm for counts in self.counts.values() for norm in counts)
        out = {}
        for source, counts in self.counts.items():
            needed = max(self.min_documents, self.min_share * self.documents[source])
            lines = frozenset(norm for norm, n in counts.items() if n >= needed and sources_of[norm] == 1)
            if lines:
                out[source] = lines
        return out

