"""What `cleaner clean` writes for a cleaned document, in each output format.

Workers call `output` (a `Render`) so that they send back text, not articles.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..article import Article
from ..io import OutputFormat, json_line, json_text
from ..record import to_record

# How a cleaned document is written: (article, unit meta, source name) -> text. Picklable: workers call it.
Render = Callable[[Article, dict[str, Any], str], str]


def output(article: Article, meta: dict[str, Any], name: str, fmt: OutputFormat) -> str:
    """A cleaned document as `cleaner clean` writes it: for a JSONL record, the record (its input fields,
    see `to_record`); else the article in `fmt`. A `Render` (workers call it)."""
    if "fields" in meta:
        return json_line(to_record(article, meta["fields"], meta["field"]))
    return render(article, fmt, name, meta.get("encoding", "utf-8"))


def render(article: Article, fmt: OutputFormat, name: str, encoding: str) -> str:
    """One document's output. JSON and JSONL write the same record (`id`: where it came from, `encoding`: how
    it was decoded, `body` joined by blank lines), JSON indented over lines, JSONL on one."""
    if fmt is OutputFormat.TEXT:
        return article.to_text()
    if fmt is OutputFormat.MARKDOWN:
        return article.to_markdown()
    record = to_record(article, {"id": name, "encoding": encoding})
    return json_text(record, indent=2) + "\n" if fmt is OutputFormat.JSON else json_line(record)
