"""Cleaning many documents: in this process or in a pool of worker processes, in input order.

Work flows as `Unit`s: a document to clean, or a marker the caller needs in order (a source opens,
a source failed). Workers get chunks of documents and send back articles, or, given a `Render`,
the documents' finished output; the caller gets every unit back in input order with its article
(or output) or its error. At most a few chunks, and a few MB of text, per worker are in flight, so
memory stays flat whatever the input size and the documents' sizes; a worker that dies costs its
chunk, not the batch, and workers end with the process that started them. Each worker builds its
`Cleaner` once (half a second, and rule patterns then compile on first use), never per document.

Rendering in the workers keeps the caller's process, which reads and writes for all of them, light:
an article sent back costs more to pickle and unpickle than its rendered text, and on a machine
with few cores the caller's work is taken from the workers'.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any
from collections.abc import Iterable, Iterator, Mapping, Sequence

from ..article import Article, RecordError
from ..engine import Cleaner, Options
from ..io import InputError, quoted
from ..record import clean_document
from .output import Render
from .stats import Tally, tally_of
from .units import Unit

CHUNK = 32  # documents per task sent to a worker: enough to make the round trip cheap...
CHUNK_CHARS = 1 << 20  # ...and at most about this much text: a big document travels alone
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker: keeps workers busy, bounds memory...
# ...and text queued per worker, at most: 100 records of 5 MB under -j 2 once took 5.8 GB of RSS, all
# of them in flight at once (3 chunks of 32 per worker); with this bound, under 1 GB (benchmarks/
# bench_batch_scaling.py records).
IN_FLIGHT_CHARS_PER_JOB = 8 << 20
PARENT_CHECK_S = 1.0  # how often a worker checks that the process that started it is still there


Result = tuple[Article | None, str | None, str | None, Tally | None]  # article, error, output, tally


@dataclass(frozen=True)
class WorkerSpec:
    """What a worker builds its engine from, sent once to each worker process (or Ray actor): the rule files
    and options (compiled rules do not travel: each worker compiles its own), the learned site templates by
    `Unit.site`, and, when workers render, how."""

    rule_files: tuple[str | Path, ...] = ()
    options: Options | None = None
    templates: Mapping[str, frozenset[str]] = field(default_factory=dict)
    render: Render | None = None

    def cleaner(self) -> Cleaner:
        return Cleaner.from_rule_files(self.rule_files, self.options)


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
    `tally`) or `error` set.

    With `jobs` > 1 a process pool cleans (at most one worker per core); its workers build a cleaner from `rule_files` and `options`
    (which must give the same engine as `cleaner`, used when `jobs` is 1: it may be None otherwise).
    `templates`: the learned site templates, by `Unit.site` (sent to each worker once).
    """
    spec = WorkerSpec(tuple(rule_files), options, dict(templates or {}), render)
    jobs = min(jobs, default_jobs())  # more workers than cores only cost memory (and -j 100000, the machine)
    if jobs <= 1:
        if cleaner is None:
            cleaner = spec.cleaner()
        for unit in units:
            if unit.text is not None and unit.error is None:
                _settle(unit, _clean(cleaner, unit.text, unit.url, unit.html, unit.site, unit.meta, _name(unit),
                                     spec.templates, render))
            yield unit
        return
    yield from _Pool(jobs, spec).run(units)


class _Pool:
    """Worker processes cleaning chunks of units, at most a few chunks and a few MB of text in flight.

    A worker that dies (the OOM killer's SIGKILL) breaks the whole `ProcessPoolExecutor`: a new one is
    started, and the chunks that were in flight are cleaned again one at a time, so that only the
    chunk whose worker dies again is lost (each of its documents an error) and the batch goes on.
    """

    def __init__(self, jobs: int, spec: WorkerSpec) -> None:
        self.jobs, self.spec = jobs, spec
        self.executor = self._start()
        self.broken = False  # a worker died: the executor takes no more work
        self.pending: deque[tuple[list[Unit], Future[list[Result]]]] = deque()
        self.in_flight = 0  # characters of text in `pending`

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, initializer=_start_worker, initargs=(os.getpid(), self.spec))

    def run(self, units: Iterable[Unit]) -> Iterator[Unit]:
        try:
            for chunk in _chunks(units):
                self.pending.append((chunk, self._submit(chunk)))
                self.in_flight += _chars(chunk)
                while len(self.pending) >= IN_FLIGHT_PER_JOB * self.jobs or self.in_flight > IN_FLIGHT_CHARS_PER_JOB * self.jobs:
                    yield from self._collect()
            while self.pending:
                yield from self._collect()
        finally:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _submit(self, chunk: list[Unit]) -> Future[list[Result]]:
        try:
            return self.executor.submit(_clean_chunk, self._work(chunk))
        except BrokenProcessPool as exc:  # a worker died since the last chunk was collected
            self.broken = True
            lost: Future[list[Result]] = Future()
            lost.set_exception(exc)
            return lost

    def _work(self, chunk: list[Unit]) -> list[tuple[str | bytes, str | None, bool, str | None, dict[str, Any], str]]:
        return [(u.text, u.url, u.html, u.site, u.meta if self.spec.render else {}, _name(u))
                for u in chunk if u.text is not None and u.error is None]

    def _collect(self) -> Iterator[Unit]:
        chunk, future = self.pending.popleft()
        self.in_flight -= _chars(chunk)
        try:
            yield from _settled(chunk, future.result())
        except BrokenProcessPool:
            self.broken = True
            lost = [chunk, *(c for c, _ in self.pending)]
            self.pending.clear()
            self.in_flight = 0
            for chunk in lost:
                yield from self._alone(chunk)

    def _alone(self, chunk: list[Unit]) -> Iterator[Unit]:
        """A chunk that was in flight when a worker died, cleaned again on a new pool by itself."""
        if self.broken:
            self.executor.shutdown(wait=True, cancel_futures=True)
            self.executor, self.broken = self._start(), False
        try:
            results = self.executor.submit(_clean_chunk, self._work(chunk)).result()
        except BrokenProcessPool:
            self.broken = True
            for unit in chunk:
                if unit.text is not None and unit.error is None:
                    unit.error = str(InputError(
                        _name(unit), "lost: the worker process cleaning it died (killed, perhaps by the system for lack of memory)",
                        "clean it again, alone or with fewer --jobs", unit.meta.get("line")))
                yield unit
            return
        yield from _settled(chunk, results)


def _chunks(units: Iterable[Unit]) -> Iterator[list[Unit]]:
    """Units in chunks of at most CHUNK units and about CHUNK_CHARS characters."""
    chunk: list[Unit] = []
    chars = 0
    for unit in units:
        chunk.append(unit)
        if unit.text is not None and unit.error is None:
            chars += len(unit.text)
        if len(chunk) >= CHUNK or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _chars(chunk: list[Unit]) -> int:
    """Characters (bytes, for pages) of text a chunk sends: what its workers hold, about, in memory."""
    return sum(len(u.text) for u in chunk if u.text is not None and u.error is None)


def _name(unit: Unit) -> str:
    return str(getattr(unit.source, "name", ""))


def _settled(chunk: list[Unit], results: list[Result]) -> Iterator[Unit]:
    found = iter(results)
    for unit in chunk:
        if unit.text is not None and unit.error is None:
            _settle(unit, next(found))
        yield unit


def _settle(unit: Unit, result: Result) -> None:
    unit.article, unit.error, unit.output, unit.tally = result


def _clean(cleaner: Cleaner, text: str | bytes, url: str | None, html: bool, site: str | None, meta: dict[str, Any],
           name: str, templates: Mapping[str, frozenset[str]], render: Render | None) -> Result:
    template = templates.get(site, frozenset()) if site else frozenset()
    article, error = _attempt(cleaner, text, url, html, template)
    if error is not None:
        return None, _located(error, name, meta), None, None
    if article is None or render is None:
        return article, None, None, None
    try:
        return None, None, render(article, meta, name), tally_of(article)
    except Exception as exc:  # noqa: BLE001 - reported per document
        error = f"internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)"
        return None, _located(error, name, meta), None, None


def _located(error: str, name: str, meta: dict[str, Any]) -> str:
    """A document's error as one line names it: `file:line: what` (a record's line, when it has one)."""
    if not name:
        return error
    line = meta.get("line")
    return f"{quoted(name)}{f':{line}' if line else ''}: {error}"


def _attempt(cleaner: Cleaner, text: str | bytes, url: str | None, html: bool,
             template: frozenset[str] = frozenset()) -> tuple[Article | None, str | None]:
    """A bug in the engine fails one document, not the batch."""
    try:
        return clean_document(text, html=html, cleaner=cleaner, url=url, template=template), None
    except RecordError as exc:  # a page over the HTML time limit: no bug, the document's own error
        return None, str(exc)
    except Exception as exc:  # noqa: BLE001 - reported per document
        return None, f"internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)"


_worker: Cleaner | None = None
_spec = WorkerSpec()


def _start_worker(parent: int, spec: WorkerSpec) -> None:
    global _worker, _spec
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle: it stops the pool
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    _worker, _spec = spec.cleaner(), spec


def _exit_with(parent: int) -> None:
    """End this worker once the process that started it is gone (SIGKILLed: it could not stop us), so
    that no worker outlives its batch."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_S)
    os._exit(1)


def _clean_chunk(work: list[tuple[str | bytes, str | None, bool, str | None, dict[str, Any], str]]) -> list[Result]:
    assert _worker is not None, "pool started without its initializer"
    return [_clean(_worker, text, url, html, site, meta, name, _spec.templates, _spec.render)
            for text, url, html, site, meta, name in work]
