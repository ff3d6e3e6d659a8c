"""cleaner: strip boilerplate from scraped article text, keep the headline, the dateline and the body."""

from __future__ import annotations

from .article import Article, Category, Removal
from .engine import Cleaner, Options

__all__ = ["Article", "Category", "Cleaner", "Options", "Removal", "clean"]

_default: Cleaner | None = None


def clean(text: str, *, source: str | None = None, options: Options | None = None) -> Article:
    """Clean one document with the built-in rules (compiled once, on first use)."""
    global _default
    if options is not None:
        return Cleaner(options=options).clean(text, source=source)
    if _default is None:
        _default = Cleaner()
    return _default.clean(text, source=source)
