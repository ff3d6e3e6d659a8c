"""cleaner: strip boilerplate from scraped article text, keep the headline, the dateline and the body."""

from __future__ import annotations

from .article import Article, Category, Removal
from .engine import Cleaner, Options
from .record import Fields, RecordError, default_cleaner, clean_dataframe, clean_record, clean_records

__all__ = [
    "Article", "Category", "Cleaner", "Fields", "Options", "RecordError", "Removal", "clean", "clean_dataframe", "clean_record", "clean_records",
]


def clean(text: str, *, source: str | None = None, options: Options | None = None) -> Article:
    """Clean one document with the built-in rules; `source` (URL or domain) enables site rules."""
    return default_cleaner(options or Options()).clean(text, source=source)
