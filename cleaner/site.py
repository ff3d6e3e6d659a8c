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

from collections import Counter, OrderedDict
from dataclasses import dataclass, field

from .lines import MEMO_MAX_CHARS, split_lines

MIN_DOCUMENTS = 5  # a line must recur in at least this many documents of a source...
MIN_SHARE = 0.5  # ...and in at least this share of them
MAX_LINE_CHARS = MEMO_MAX_CHARS  # longer lines are prose, unique to their page: never template
# Memory stays bounded whatever the batch (a crawl of thousands of domains, millions of pages) by
# lossy counting (Manku and Motwani, 2002): every BUCKET_DOCUMENTS documents of a source, the lines
# it printed in fewer than one in BUCKET_DOCUMENTS of its documents since they were first counted are
# forgotten. A template line, in half of them or more, never is; a page's one-off lines soon are.
BUCKET_DOCUMENTS = 10
# Lines held over all sources at once (~40 MB). Past it the line seen longest ago goes (whoever printed
# it, shared marks included), so that later sources keep learning; one that is its source's template
# by then is kept, apart, as settled (a template is a few lines per source, the candidates are many).
MAX_LINES = 200_000
_SHARED = ""  # the owner of a line that two sources or more printed


@dataclass
class SiteRepeats:
    """The first pass: documents and line counts per source."""

    min_documents: int = MIN_DOCUMENTS
    min_share: float = MIN_SHARE
    documents: Counter[str] = field(default_factory=Counter)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    # Per counted line: the bucket of its source it was first counted in, when not the first, so that
    # a line counted late is not held to the documents it could not have been counted in.
    since: dict[str, dict[str, int]] = field(default_factory=dict)
    # Per held line, least recently seen first: the one source that counts it, or _SHARED. A line
    # two sources printed is no longer counted; it stays marked shared while sources keep printing it.
    owner: OrderedDict[str, str] = field(default_factory=OrderedDict)
    # Lines that were their source's template when they made room for later ones, by line.
    settled: dict[str, str] = field(default_factory=dict)

    def add(self, source: str, text: str) -> None:
        """Count one document's distinct short lines under `source`."""
        self.documents[source] += 1
        seen = {line.norm for line in split_lines(text) if line.norm and len(line.norm) <= MAX_LINE_CHARS}
        counts = self.counts.setdefault(source, {})
        since = self.since.setdefault(source, {})
        bucket = (self.documents[source] - 1) // BUCKET_DOCUMENTS
        for norm in seen:
            owner = self.owner.get(norm)
            if owner == source:
                counts[norm] += 1
            elif owner is None:
                if self.settled.get(norm, source) != source:
                    del self.settled[norm]
                    self.owner[norm] = _SHARED
                    continue
                counts[norm] = 1
                if bucket:
                    since[norm] = bucket
                self.owner[norm] = source
                continue
            elif owner != _SHARED:
                self._uncount(owner, norm)
                self.owner[norm] = _SHARED
            self.owner.move_to_end(norm)  # the most recently seen: the last to make room
        while len(self.owner) > MAX_LINES:
            self._make_room()
        if self.documents[source] % BUCKET_DOCUMENTS == 0:
            self._forget(source, bucket + 1)

    def _uncount(self, source: str, norm: str) -> None:
        del self.counts[source][norm]
        self.since[source].pop(norm, None)

    def _make_room(self) -> None:
        """The line seen longest ago goes; settled first, if it is its source's template."""
        norm, owner = self.owner.popitem(last=False)
        if owner != _SHARED:
            if self.counts[owner][norm] >= self._needed(owner):
                self.settled[norm] = owner
            self._uncount(owner, norm)

    def _forget(self, source: str, buckets: int) -> None:
        """Lossy counting's step: a line counted fewer times than the buckets since it was first counted goes."""
        counts, since = self.counts[source], self.since[source]
        for norm in [norm for norm, n in counts.items() if n + since.get(norm, 0) <= buckets]:
            self._uncount(source, norm)
            del self.owner[norm]

    def _needed(self, source: str) -> float:
        return max(self.min_documents, self.min_share * self.documents[source])

    def templates(self) -> dict[str, frozenset[str]]:
        """Per source, the lines of its template; lines that several sources print are left out."""
        out: dict[str, set[str]] = {}
        for source, counts in self.counts.items():
            needed = self._needed(source)
            lines = {norm for norm, n in counts.items() if n >= needed}
            if lines:
                out[source] = lines
        for norm, source in self.settled.items():
            out.setdefault(source, set()).add(norm)
        return {source: frozenset(lines) for source, lines in out.items()}

    @property
    def size(self) -> int:
        """Lines held (counted, or marked shared): bounded by MAX_LINES."""
        return len(self.owner)
