"""The engine a process shares: compiled once per options, for `clean`, `clean_html` and `clean_record`."""

from __future__ import annotations

from functools import lru_cache

from .engine import Cleaner, Options


@lru_cache(maxsize=8)
def default_cleaner(options: Options) -> Cleaner:
    """One compiled engine per process and options: workers pay for the rules once, not per record."""
    return Cleaner(options=options)
