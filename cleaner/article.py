"""The vocabulary every other module speaks: what a cleaned article is and what was removed."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Category(str, Enum):
    """Why a line is not article text: the closed set of boilerplate families."""

    PAYWALL = "paywall"
    COMMENTS = "comments"
    SUBSCRIPTION = "subscription"
    SHARE = "share"
    NAVIGATION = "navigation"
    CAPTION = "caption"
    ADVERT = "advert"
    COOKIE = "cookie"
    RELATED = "related"
    FOOTER = "footer"
    BYLINE = "byline"
    EXTRACTION = "extraction"  # HTML: a line of the page that trafilatura's extraction left out
    OTHER = "other"


@dataclass(frozen=True, init=False)
class Removal:
    """One dropped input line: where it was, what it said, and which rule or heuristic dropped it."""

    line: int  # 1-based line number in the input
    text: str
    category: Category
    rule: str

    def __init__(self, line: int, text: str, category: Category, rule: str) -> None:
        # The generated frozen __init__ sets each field through object.__setattr__; one dict for
        # them all takes half the time, and a document drops dozens of lines (~0.4 us each).
        object.__setattr__(self, "__dict__", {"line": line, "text": text, "category": category, "rule": rule})

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "category": self.category.value, "rule": self.rule}


@dataclass(frozen=True)
class Article:
    """The cleaned document: metadata lines and body paragraphs, all taken verbatim from the input.

    `subheadline` holds the tail of a headline line that carried its subtitle glued on; the text
    rendering prints the two on one line again, so cleaning the rendering gives the same article.
    """

    headline: str | None = None
    subheadline: str | None = None
    dateline: str | None = None
    date: str | None = None
    byline: str | None = None
    body: tuple[str, ...] = ()
    language: str | None = None
    removed: tuple[Removal, ...] = field(default=())
    extraction: str | None = None  # for HTML: "trafilatura", "fallback" (the page's whole text), "text" (no markup)
    no_article: str | None = None  # a page with no article: its kind ("error-page", "consent-wall" ...); body empty
    timed_out: tuple[str, ...] = ()  # rules whose match ran out of time on this document (missed, not fatal)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; `body` stays a list of paragraphs (the JSONL record joins them);
        `extraction` only for HTML input, `timed_out` only when a rule ran out of time."""
        # Field by field, not dataclasses.asdict: that deep-copies every removal through the generic
        # machinery, measured at 0.6 ms a document, half of the cleaning time, in the main process.
        data: dict[str, Any] = {
            "headline": self.headline, "subheadline": self.subheadline, "dateline": self.dateline,
            "date": self.date, "byline": self.byline, "body": list(self.body), "language": self.language,
            "removed": [r.to_dict() for r in self.removed], "no_article": self.no_article,
        }
        if self.extraction:
            data["extraction"] = self.extraction
        if self.timed_out:
            data["timed_out"] = list(self.timed_out)
        return data

    def headline_line(self) -> str | None:
        """The headline as printed in the input (subtitle glued back on)."""
        if self.headline and self.subheadline:
            return f"{self.headline} {self.subheadline}"
        return self.headline

    def to_text(self) -> str:
        """Plain text: headline, dateline, byline, a blank line, paragraphs separated by blank lines."""
        head = [x for x in (self.headline_line(), self.dateline, self.byline) if x]
        parts = ["\n".join(head)] if head else []
        parts.extend(self.body)
        return "\n\n".join(parts) + "\n" if parts else ""

    def to_markdown(self) -> str:
        """Markdown: the headline as a title, the subtitle and metadata in emphasis, then paragraphs."""
        parts: list[str] = []
        if self.headline:
            parts.append(f"# {self.headline}")
        if self.subheadline:
            parts.append(f"## {self.subheadline}")
        meta = " · ".join(x for x in (self.dateline, self.byline) if x)
        if meta:
            parts.append(f"*{meta}*")
        parts.extend(self.body)
        return "\n\n".join(parts) + "\n" if parts else ""


class RecordError(ValueError):
    """A document or record that cannot be cleaned (no text field, not a string, a page past the HTML
    limits): no bug, the document's own error; the message says which and why."""
