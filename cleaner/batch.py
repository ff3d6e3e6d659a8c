"""Cleaning many documents: in this process or in a pool of worker processes, in input order.

Work flows as `Unit`s: a document to clean, or a marker the caller needs in order (a source opens,
a source failed). Workers get chunks of documents and send back articles, or, given a `Render`,
the documents' finished output; the caller gets every unit back in input order with its article
(or output) or its error. At most a few chunks per worker are in flight, so memory stays flat
whatever the input size. Each worker builds its `Cleaner` once (half a second, and rule patterns
then compile on first use), never per document.

Rendering in the workers keeps the caller's process, which reads and writes for all of them, light:
an article sent back costs more to pickle and unpickle than its rendered text, and on a machine
with few cores the caller's work is taken from the workers'.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

from .article import Article
from .engine import Cleaner, Options
from .record import RecordError

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
    site: str | None = None  # the source whose learned template applies (see `site`)
    output: str | None = None  # with a `Render`: the document's output, in place of `article`...
    categories: tuple[str, ...] = ()  # ...and the categories of its removed lines, for figures

    @property
    def size(self) -> int:
        """Bytes of input, for figures."""
        return len(self.text.encode() if isinstance(self.text, str) else self.text or b"")


# How a cleaned document is written: (article, unit meta, source name) -> text. Picklable: workers call it.
Render = Callable[[Article, dict[str, Any], str], str]
Result = tuple[Article | None, str | None, str | None, tuple[str, ...]]  # article, error, output, categories


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def clean_units(units: Iterable[Unit], cleaner: Cleaner | None, jobs: int = 1, rule_files: Sequence[Path] = (),
                options: Options | None = None, templates: Mapping[str, frozenset[str]] | None = None,
                render: Render | None = None) -> Iterator[Unit]:
    """Every unit back, in order, documents with `article` (or, with `render`, `output` and
    `categories`) or `error` set.

    With `jobs` > 1 a process pool cleans; its workers build a cleaner from `rule_files` and `options`
    (which must give the same engine as `cleaner`, used when `jobs` is 1: it may be None otherwise).
    `templates`: the learned site templates, by `Unit.site` (sent to each worker once).
    """
    templates = dict(templates or {})
    if jobs <= 1:
        if cleaner is None:
            cleaner = Cleaner.from_rule_files(rule_files, options)
        for unit in units:
            if unit.text is not None and unit.error is None:
                _settle(unit, _clean(cleaner, unit.text, unit.url, unit.html, unit.site, unit.meta, _name(unit),
                                     templates, render))
            yield unit
        return
    with ProcessPoolExecutor(jobs, initializer=_start_worker,
                             initargs=(tuple(rule_files), options, templates, render)) as pool:
        pending: deque[tuple[list[Unit], Future[list[Result]]]] = deque()
        iterator = iter(units)
        while chunk := list(islice(iterator, CHUNK)):
            work = [(u.text, u.url, u.html, u.site, u.meta if render else {}, _name(u))
                    for u in chunk if u.text is not None and u.error is None]
            pending.append((chunk, pool.submit(_clean_chunk, work)))
            if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _name(unit: Unit) -> str:
    return str(getattr(unit.source, "name", ""))


def _collect(chunk: list[Unit], future: Future[list[Result]]) -> Iterator[Unit]:
    results = iter(future.result())
    for unit in chunk:
        if unit.text is not None and unit.error is None:
            _settle(unit, next(results))
        yield unit


def _settle(unit: Unit, result: Result) -> None:
    unit.article, unit.error, unit.output, unit.categories = result


def _clean(cleaner: Cleaner, text: str | bytes, url: str | None, html: bool, site: str | None, meta: dict[str, Any],
           name: str, templates: Mapping[str, frozenset[str]], render: Render | None) -> Result:
    template = templates.get(site, frozenset()) if site else frozenset()
    article, error = _attempt(cleaner, text, url, html, template)
    if article is None or render is None:
        return article, error, None, ()
    try:
        return None, None, render(article, meta, name), tuple(r.category.value for r in article.removed)
    except Exception as exc:  # noqa: BLE001 - reported per document
        return None, f"internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)", None, ()


def _attempt(cleaner: Cleaner, text: str | bytes, url: str | None, html: bool,
             template: frozenset[str] = frozenset()) -> tuple[Article | None, str | None]:
    """A bug in the engine fails one document, not the batch."""
    try:
        if html:
            from .html import clean_html  # trafilatura's import is paid only when pages come
            return clean_html(text, url=url, cleaner=cleaner), None
        assert isinstance(text, str)
        return cleaner.clean(text, source=url, template=template), None
    except RecordError as exc:  # a page over the HTML time limit: no bug, the document's own error
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - reported per document
        return None, f"internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)"


_worker: Cleaner | None = None
_templates: dict[str, frozenset[str]] = {}
_render: Render | None = None


def _start_worker(rule_files: tuple[Path, ...], options: Options | None, templates: dict[str, frozenset[str]],
                  render: Render | None) -> None:
    global _worker, _templates, _render
    _worker = Cleaner.from_rule_files(rule_files, options)
    _templates, _render = templates, render


def _clean_chunk(work: list[tuple[str | bytes, str | None, bool, str | None, dict[str, Any], str]]) -> list[Result]:
    assert _worker is not None, "pool started without its initializer"
    return [_clean(_worker, text, url, html, site, meta, name, _templates, _render)
            for text, url, html, site, meta, name in work]
