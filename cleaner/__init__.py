"""cleaner: strip boilerplate from scraped article text, keep the headline, the dateline and the body."""

from __future__ import annotations

from functools import lru_cache

from .article import Article, Category, Removal
from .engine import Cleaner, Options

__all__ = ["Article", "Category", "Cleaner", "Options", "Removal", "clean"]


@lru_cache(maxsize=8)
def _cleaner(options: Options) -> Cleaner:
    """Compiling the rule packs costs far more than cleaning one document: do it once per options."""
    return Cleaner(options=options)


def clean(text: str, *, source: str | None = None, options: Options | None = None) -> Article:
    """Clean one document with the built-in rules; `source` (URL or domain) enables site rules."""
    return _cleaner(options or Options()).clean(text, source=source)
