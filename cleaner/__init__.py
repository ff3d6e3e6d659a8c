"""cleaner: strip boilerplate from scraped article text, keep the headline, the dateline and the body."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .article import Article, Category, RecordError, Removal
from .defaults import default_cleaner
from .engine import Cleaner, Options
from .record import Fields, clean_dataframe, clean_record, clean_records

if TYPE_CHECKING:
    from .html import clean_html

__version__ = "0.2.0"

__all__ = [
    "Article", "Category", "Cleaner", "Fields", "Options", "RecordError", "Removal", "__version__", "clean",
    "clean_dataframe", "clean_html", "clean_record", "clean_records",
]


def clean(text: str, *, source: str | None = None, options: Options | None = None) -> Article:
    """Clean one document with the built-in rules; `source` (URL or domain) enables site rules."""
    return default_cleaner(options or Options()).clean(text, source=source)


def __getattr__(name: str) -> Any:
    """`clean_html` is imported on first use: trafilatura and lxml cost start-up time that text users never need."""
    if name == "clean_html":
        from .html import clean_html

        return clean_html
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
