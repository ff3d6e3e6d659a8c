"""Cleaning many documents: in this process or in a pool of worker processes, in input order.

Work flows as `Unit`s: a document to clean, or a marker the caller needs in order (a source opens,
a source failed). Workers get chunks of documents and send back articles; the caller gets every unit
back in input order with its article or its error. At most a few chunks per worker are in flight, so
memory stays flat whatever the input size. Each worker builds its `Cleaner` once (the rule packs
take about a second to compile), never per document.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .article import Article
from .engine import Cleaner, Options

CHUNK = 32  # documents per task sent to a worker: enough to make the round trip cheap
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker: keeps workers busy, bounds memory


@dataclass
class Unit:
    """One item of a batch: a document (`text`) or a marker, with what the caller needs to place it."""

    source: Any  # the caller's handle for where it came from (and where its output goes)
    text: str | bytes | None = None  # text, or an HTML page (str or bytes) when `html`
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # caller data (record fields, line, encoding)
    error: str | None = None  # set by the caller (unreadable input) or by cleaning
    article: Article | None = None
    html: bool = False

    @property
    def size(self) -> int:
        """Bytes of input, for figures."""
        return len(self.text.encode() if isinstance(self.text, str) else self.text or b"")


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def clean_units(units: Iterable[Unit], cleaner: Cleaner, jobs: int = 1,
                rule_files: Sequence[Path] = (), options: Options | None = None) -> Iterator[Unit]:
    """Every unit back, in order, documents with `article` or `error` set.

    With `jobs` > 1 a process pool cleans; its workers build a cleaner from `rule_files` and `options`
    (which must give the same engine as `cleaner`, used when `jobs` is 1).
    """
    if jobs <= 1:
        for unit in units:
            _clean_one(cleaner, unit)
            yield unit
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(tuple(rule_files), options)) as pool:
        pending: deque[tuple[list[Unit], Future[list[tuple[Article | None, str | None]]]]] = deque()
        iterator = iter(units)
        while chunk := list(islice(iterator, CHUNK)):
            work = [(u.text, u.url, u.html) for u in chunk if u.text is not None and u.error is None]
            pending.append((chunk, pool.submit(_clean_chunk, work)))
            if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(chunk: list[Unit], future: Future[list[tuple[Article | None, str | None]]]) -> Iterator[Unit]:
    results = iter(future.result())
    for unit in chunk:
        if unit.text is not None and unit.error is None:
            unit.article, unit.error = next(results)
        yield unit


def _clean_one(cleaner: Cleaner, unit: Unit) -> None:
    if unit.text is not None and unit.error is None:
        unit.article, unit.error = _attempt(cleaner, unit.text, unit.url, unit.html)


def _attempt(cleaner: Cleaner, text: str | bytes, url: str | None, html: bool) -> tuple[Article | None, str | None]:
    """A bug in the engine fails one document, not the batch."""
    try:
        if html:
            from .html import clean_html  # trafilatura's import is paid only when pages come
            return clean_html(text, url=url, cleaner=cleaner), None
        assert isinstance(text, str)
        return cleaner.clean(text, source=url), None
    except Exception as exc:  # noqa: BLE001 - reported per document
        return None, f"internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)"


_worker: Cleaner | None = None


def _start_worker(rule_files: tuple[Path, ...], options: Options | None) -> None:
    global _worker
    _worker = Cleaner.from_rule_files(rule_files, options)


def _clean_chunk(work: list[tuple[str | bytes, str | None, bool]]) -> list[tuple[Article | None, str | None]]:
    assert _worker is not None, "pool started without its initializer"
    return [_attempt(_worker, text, url, html) for text, url, html in work]
