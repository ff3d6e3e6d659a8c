"""Throughput on a generated batch of realistic scraped documents (`cleaner bench`, benchmarks/bench_batch.py).

Each document is a labelled corpus case (corpus/*/raw.txt with its expected.json) grown to a target
size: the case's furniture above and below its article stays as it is, and the article is lengthened
with the case's own paragraphs, every copy made unique, as is the headline (a crawl's pages share their
template, not their headlines and paragraphs, so the engine's per-line memo helps here as much as on a
real crawl and no more).
Sizes cycle through 1 KB to 200 KB. Without a corpus, documents are built from the rule packs' own
examples: widget lines (`match`) around article sentences (`keep`).

With `--from` a page file (the development set's format: records with `html` and text renderings) gives the
documents instead: one rendering of real pages (`--mode`), and trafilatura runs on the same pages' HTML, so
that both read the same pages as users feed them; MB/s counts each one's own input (text, or HTML).

Measured: the engine in this process, then a process pool of `jobs` workers (the command line's
`batch.clean_units`; its steady rate, start-up reported beside), then trafilatura's `extract` on the same documents
as simple HTML (one <p> per line), all in one run; peak resident memory beside (getrusage).
"""

from __future__ import annotations

import html
import json
import resource
import time
from dataclasses import dataclass
from itertools import cycle
from pathlib import Path
from collections.abc import Callable, Sequence

from .. import batch
from ..batch.errors import UsageError
from . import snippets
from ..engine import Cleaner, Options
from .corpus import EXPECTED, RAW, case_folders
from ..io import InputError
from ..rules import builtin_rules

SIZES_KB = (1, 2, 5, 10, 20, 50, 200)


@dataclass(frozen=True)
class Template:
    """A document's shape: furniture before and after, and the article's paragraphs between."""

    head: list[str]
    body: list[str]
    tail: list[str]
    headline: str | None = None  # the head's headline line, made unique to each document like the paragraphs


def templates(corpus: Path | None) -> list[Template]:
    """One template per corpus case with an article (a page with none has no paragraphs to grow), or,
    without a corpus, per language of the rule packs."""
    if corpus is not None:
        return [t for t in map(_case_template, case_folders(corpus)) if t.body]
    by_language: dict[str, Template] = {}
    for rule in builtin_rules():
        language = sorted(rule.languages)[0]
        t = by_language.setdefault(language, Template([], [], []))
        t.head.extend(rule.match[:1])
        t.body.extend(k for k in rule.keep if len(k) > 40)
        t.tail.extend(rule.match[1:2])
    return [t for t in by_language.values() if t.body]


def _case_template(folder: Path) -> Template:
    lines = (folder / RAW).read_text(encoding="utf-8").splitlines()
    expected = json.loads((folder / EXPECTED).read_text(encoding="utf-8"))
    body = expected["body"]
    places = [i for i, line in enumerate(lines) if line.strip() in set(body)]
    first, last = (places[0], places[-1]) if places else (len(lines), len(lines))
    return Template(lines[:first], lines[first:last + 1] or body, lines[last + 1:], expected.get("headline"))


def documents(shapes: Sequence[Template], n: int, sizes_kb: Sequence[float] = SIZES_KB) -> list[str]:
    """`n` documents cycling through the templates and the sizes; document k's paragraphs carry k."""
    docs = []
    for k, (shape, kb) in enumerate(zip(cycle(shapes), cycle(sizes_kb))):
        if k == n:
            break
        head = "\n".join(f"{line} {k}" if shape.headline and line.strip() == shape.headline else line
                         for line in shape.head)
        tail = "\n".join(shape.tail)
        budget = int(kb * 1024) - len(head.encode()) - len(tail.encode())
        body: list[str] = []
        copy = 0
        while budget > 0 or not body:
            for paragraph in shape.body:
                line = paragraph.replace(" ", f" {k}-{copy} ", 1) if len(paragraph) > 60 else paragraph
                body.append(line)
                budget -= len(line.encode()) + 1
                if budget <= 0:
                    break
            copy += 1
        docs.append("\n".join([head, *body, tail]))
    return docs


@dataclass(frozen=True)
class Figures:
    name: str
    documents: int
    megabytes: float
    seconds: float
    peak_rss_mb: float
    start_up: float = 0.0  # seconds before the measured stretch (a pool's workers starting)
    # This process's CPU seconds over the same stretch (not a pool's: its workers' time is not this process's).
    # On a machine other jobs load, the wall-clock rate falls with the load; the rate per CPU second does not.
    cpu_seconds: float | None = None

    @property
    def rate(self) -> float:
        return self.documents / self.seconds

    @property
    def cpu_rate(self) -> float | None:
        return None if not self.cpu_seconds else self.documents / self.cpu_seconds

    def line(self) -> str:
        start = f"   after {self.start_up:.1f} s start-up" if self.start_up else ""
        cpu = f"   {self.cpu_rate:.1f} docs/CPU-s" if self.cpu_rate is not None else ""
        return (f"{self.name:<26} {self.rate:9.1f} docs/s {self.megabytes / self.seconds:7.2f} MB/s "
                f"{self.seconds:7.2f} s   peak RSS {self.peak_rss_mb:6.0f} MB{cpu}{start}")

    def to_dict(self) -> dict[str, float | str | int | None]:
        return {"name": self.name, "documents": self.documents, "megabytes": round(self.megabytes, 3),
                "seconds": round(self.seconds, 3), "docs_per_s": round(self.rate, 1),
                "mb_per_s": round(self.megabytes / self.seconds, 3), "peak_rss_mb": round(self.peak_rss_mb, 1),
                "start_up_s": round(self.start_up, 3),
                "docs_per_cpu_s": None if self.cpu_rate is None else round(self.cpu_rate, 1)}


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _timed(name: str, docs: list[str], megabytes: float, run: Callable[[], object], who: int) -> Figures:
    start, cpu = time.perf_counter(), time.process_time()
    run()
    return Figures(name, len(docs), megabytes, time.perf_counter() - start, _peak_mb(who),
                   cpu_seconds=time.process_time() - cpu)


def renderings(path: Path, mode: str, n: int = 0) -> tuple[list[str], list[str]]:
    """Real pages from a page file: their `mode` rendering and their HTML, the first `n` (0: all)."""
    pages = snippets.load(path, n, required=("html",))
    if not pages or mode not in pages[0]:
        raise InputError(str(path), f"has no '{mode}' rendering", f"pick one of {', '.join(snippets.modes_of(pages))}")
    return [page[mode] for page in pages], [page["html"] for page in pages]


def inputs(n: int, sizes: str, corpus: Path | None, pages: Path | None,
           mode: str) -> tuple[list[str], list[str] | None, Path | None]:
    """`cleaner bench`'s documents: `n` real pages' `mode` renderings (and their HTML, for the peer) from
    the page file `pages`, or documents built from `corpus` (default: ./corpus when there is one) in the given
    sizes ("1,5,200", KB); and the corpus used. Sizes that are not numbers are bad usage (UsageError)."""
    try:
        kilobytes = [float(size) for size in sizes.split(",")]
    except ValueError:
        raise UsageError(f"--sizes takes numbers separated by commas, not {sizes!r}") from None
    if pages is not None:
        return *renderings(pages, mode, n), corpus
    if corpus is None and Path("corpus").is_dir():
        corpus = Path("corpus")
    return documents(templates(corpus), n, kilobytes), None, corpus


def measure(docs: list[str], jobs: Sequence[int] = (2,), peer: bool = True,
            pages: list[str] | None = None) -> list[Figures]:
    """The engine in this process, in pools of each of `jobs`, and trafilatura, on the same documents
    (or on `pages`, the same documents' HTML, when given).

    Peak RSS: of this process for one job and for trafilatura, of the largest worker for a pool."""
    cleaner = Cleaner()
    figures = [_single(docs, cleaner)]
    figures += [_pool(docs, cleaner, n) for n in jobs if n > 1]
    if peer:
        import trafilatura  # imported late: its import is not part of either figure

        if pages is None:
            pages = ["<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in d.splitlines() if line.strip())
                     + "</body></html>" for d in docs]
            megabytes = sum(len(d.encode()) for d in docs) / 1e6
        else:
            megabytes = sum(len(p.encode()) for p in pages) / 1e6
        trafilatura.extract(pages[0])
        figures.append(_timed("trafilatura.extract", pages, megabytes,
                              lambda: [trafilatura.extract(p) for p in pages], resource.RUSAGE_SELF))
    return figures


def _single(docs: list[str], cleaner: Cleaner) -> Figures:
    """One process's steady rate, timed as a pool's is: after as many documents as a two-worker pool's
    first round (rule patterns compile on first use: compile time is start-up, not throughput)."""
    warm_up = min(len(docs) - 1, batch.CHUNK * 2)
    start = time.perf_counter()
    for doc in docs[:warm_up]:
        cleaner.clean(doc)
    warm, cpu = time.perf_counter(), time.process_time()
    rest = docs[warm_up:]
    for doc in rest:
        cleaner.clean(doc)
    return Figures("cleaner, 1 job", len(rest), sum(len(d.encode()) for d in rest) / 1e6,
                   time.perf_counter() - warm, _peak_mb(resource.RUSAGE_SELF), warm - start,
                   cpu_seconds=time.process_time() - cpu)


def _pool(docs: list[str], cleaner: Cleaner, jobs: int) -> Figures:
    """A pool's steady rate: timed from when its first round of chunks is back (workers take ~1 s to
    start and compile the rules, which would swamp a small batch), over the documents after it."""
    warm_up = min(len(docs) - 1, batch.CHUNK * jobs)
    start = time.perf_counter()
    warm = start
    units = (batch.Unit(source=None, text=d) for d in docs)
    for i, _ in enumerate(batch.clean_units(units, cleaner, jobs=jobs, options=Options())):
        if i + 1 == warm_up:
            warm = time.perf_counter()
    rest = docs[warm_up:]
    return Figures(f"cleaner, {jobs} jobs", len(rest), sum(len(d.encode()) for d in rest) / 1e6,
                   time.perf_counter() - warm, _peak_mb(resource.RUSAGE_CHILDREN), warm - start)


def report(docs: list[str], figures: list[Figures]) -> str:
    sizes = sorted(len(d.encode()) for d in docs)
    lines = [f"{len(docs)} documents, {sum(sizes) / 1e6:.1f} MB, {sizes[0] / 1024:.0f} KB to {sizes[-1] / 1024:.0f} KB "
             f"(median {sizes[len(sizes) // 2] / 1024:.0f} KB)"]
    lines += [f.line() for f in figures]
    peer = next((f for f in figures if f.name == "trafilatura.extract"), None)
    if peer:
        lines += [f"ratio {f.name} / trafilatura: {f.rate / peer.rate:.2f}x" for f in figures if f is not peer]
    return "\n".join(lines) + "\n"
