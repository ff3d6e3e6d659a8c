"""A datatrove pipeline step: each `Document`'s text cleaned, the article's metadata kept in `doc.metadata`.

    from datatrove.pipeline.readers import JsonlReader
    from cleaner.integrations.datatrove import CleanArticles
    pipeline = [JsonlReader("crawl/"), CleanArticles(rules=["my-rules.toml"]), ...]

`doc.text` becomes the body (paragraphs joined by a blank line); `doc.metadata` gains the JSONL record's
fields (`headline`, `subheadline`, `dateline`, `date`, `byline`, `language`, `no_article`, and
`extraction` for HTML) but `body` and `removed`, whose size goes to the step's stats instead. Documents
with no article (or an empty body) are dropped, counted as datatrove counts drops: `dropped_<reason>`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from datatrove.data import Document, DocumentsPipeline
from datatrove.pipeline.base import PipelineStep

from ..engine import Cleaner
from ..record import clean_document, to_record


class CleanArticles(PipelineStep):  # type: ignore[misc]  # datatrove has no type information
    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, rules: Sequence[str] = (), html: bool = False, url_key: str = "url",
                 keep_no_article: bool = False) -> None:
        """`html`: the documents' text is a page's HTML; `url_key`: the metadata key of the page's URL (site
        rules); `keep_no_article`: pass pages with no article on (empty text) instead of dropping them."""
        super().__init__()
        self.rules, self.html, self.url_key, self.keep_no_article = list(rules), html, url_key, keep_no_article
        self._cleaner: Cleaner | None = None

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> Iterator[Document]:
        if self._cleaner is None:
            self._cleaner = Cleaner.from_rule_files(self.rules)  # in the worker: compiled rules do not travel
        for doc in data:
            self.stat_update("documents")
            with self.track_time():
                record = self._record(doc, self._cleaner)
            for removal in record.pop("removed"):
                self.stat_update(f"removed_{removal['category']}")
            body = record.pop("body")
            if record["no_article"] is not None and not self.keep_no_article:
                self.stat_update(f"dropped_no_article_{record['no_article']}")
                continue
            if not body and not self.keep_no_article:
                self.stat_update("dropped_empty_body")
                continue
            doc.text = body
            doc.metadata.update(record)
            self.update_doc_stats(doc)
            yield doc

    def _record(self, doc: Document, cleaner: Cleaner) -> dict[str, Any]:
        url = doc.metadata.get(self.url_key)
        url = url if isinstance(url, str) else None
        return to_record(clean_document(doc.text, html=self.html, cleaner=cleaner, url=url), {})
