"""One `cleaner clean` run: sources read into units, cleaned here or on Ray, written in input order, counted.

The command line builds a `Run` from its options and calls, in order: `start` (settle the outputs, the
engine and the workers), `plan.check`, `learn` (site templates), `reporting` and `cleaned` around
`write_all`, then `finish`. Options that cannot work raise `UsageError` before anything is cleaned.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import os
import sys
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from enum import Enum
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar
from collections.abc import Callable, Iterator

from .. import io, site
from ..engine import Cleaner
from ..io import InputError, InputFormat, OutputFormat, Source
from ..record import kind_of
from ..rules import Rule
from .errors import ErrorLog, UsageError
from .output import output
from .plan import OutputPlan, Writer, discard, sigterm_exits
from .pool import clean_units, default_jobs
from .stats import RunStats, tally_of
from .units import ReadOptions, Reader, Unit

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

T = TypeVar("T")


class Engine(str, Enum):
    """Where documents are cleaned: worker processes on this machine, or actors on a Ray cluster."""

    LOCAL = "local"
    RAY = "ray"


@dataclass(frozen=True)
class RunOptions:
    """`cleaner clean`'s options about reading, writing and reporting."""

    output: Path | None
    input_format: InputFormat
    output_format: OutputFormat | None
    url: str | None
    max_bytes: int
    text_field: str
    html_field: str
    id_field: str
    resume: bool
    quiet: bool
    debug: bool

    @property
    def reading(self) -> ReadOptions:
        return ReadOptions(self.input_format, self.url, self.max_bytes, self.text_field, self.html_field)


class Run:
    """One `cleaner clean` invocation: where outputs go, and the run's figures."""

    def __init__(self, user_rules: list[Rule], rule_files: list[Path], options: RunOptions) -> None:
        self.user_rules, self.rule_files, self.o = user_rules, rule_files, options
        self.reader = Reader(options.reading, options.output_format or OutputFormat.TEXT)
        self.stats = RunStats()
        self.plan = OutputPlan(options.output, options.resume, self.stats)
        self.errors = ErrorLog(self.stats, options.id_field, options.debug)
        self.stdin = io.stdin()
        self.engine = Engine.LOCAL
        self.address: str | None = None  # with --engine ray: the cluster (None: a new local instance)...
        self.actors: int | None = None  # ...and the number of actors (None: one per CPU)
        self.jobs = 1
        self.source_count = 0
        self.progress: Progress | None = None
        self.task: TaskID | None = None

    def start(self, sources: list[Source], jobs: int | None, engine: Engine = Engine.LOCAL, address: str | None = None) -> None:
        """Settle the output format, destination and number of workers before anything is cleaned."""
        if self.o.input_format is InputFormat.AUTO and any(s.path is None for s in sources):
            head, self.stdin = io.peek(self.stdin)
            self.reader = replace(self.reader, stdin_kind=kind_of(head))
        output_format = self.plan.settle(sources, [self.reader.kind(s) for s in sources], self.o.output_format)
        self.reader = replace(self.reader, output_format=output_format)
        self.source_count = len(sources)
        on_stdin = any(s.path is None for s in sources)
        if engine is Engine.RAY:
            self.start_ray(on_stdin, address, jobs)
        elif address is not None:
            raise UsageError("--address is for --engine ray")
        one_document = len(sources) == 1 and self.reader.kind(sources[0]) is not InputFormat.JSONL
        # Workers cost a second each to start (they compile the rules): not for stdin, not for one page.
        self.jobs = jobs if jobs is not None else (1 if on_stdin or one_document else default_jobs())
        if self.jobs < 1:
            raise UsageError("--jobs must be at least 1")

    @property
    def output_format(self) -> OutputFormat:
        return self.reader.output_format

    def start_ray(self, on_stdin: bool, address: str | None, actors: int | None) -> None:
        """--engine ray: refuse what it cannot do before anything starts."""
        if on_stdin:
            raise UsageError("--engine ray reads files, not stdin (Ray's workers cannot read this process's input)")
        if importlib.util.find_spec("ray") is None:
            raise UsageError("--engine ray needs Ray: pip install 'cleaner[ray]'")
        self.engine, self.address, self.actors = Engine.RAY, address, actors

    @contextmanager
    def reporting(self, errors: Path | None) -> Iterator[None]:
        """The errors file (complete or absent, like every output) and the progress bar, for the run."""
        with ExitStack() as stack:
            if errors is not None:
                self.errors.file = self.plan.open_whole(errors, stack)
            if sys.stderr.isatty() and not self.o.quiet:
                from rich.console import Console  # here: importing rich costs ~20 ms of every start
                from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

                self.progress = stack.enter_context(Progress(
                    TextColumn("{task.fields[docs]:>8} documents"), BarColumn(), TaskProgressColumn(),
                    TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=Console(stderr=True),
                    transient=True))
                self.task = self.progress.add_task("clean", total=self.total_bytes(), rate="", docs=0)
            yield

    def total_bytes(self) -> int | None:
        """What the progress bar counts to: the inputs' sizes, when they are the text read (plain files,
        no stdin); else None, and the bar counts documents."""
        inputs = self.plan.inputs
        if not inputs or len(inputs) != self.source_count or any(io.compression_of(p) for p in inputs):
            return None
        return sum(p.stat().st_size for p in inputs)

    def learn(self, sources: list[Source], min_documents: int, min_share: float) -> dict[str, frozenset[str]]:
        """The first pass of site-template learning: every text document of the regular-file inputs, read
        once more. Stdin, a pipe given as a path (`/dev/stdin`, `<(...)`) or a FIFO cannot be read twice:
        learning from them left the cleaning pass nothing (or waiting forever), so they are left out."""
        files = [s for s in sources if s.path is not None and s.path.is_file()]
        learner = site.SiteRepeats(min_documents, min_share)
        for unit in self.units(files, learning=True):
            if isinstance(unit.text, str) and unit.site and not unit.html:
                learner.add(unit.site, unit.text)
        return learner.templates()

    @contextmanager
    def cleaned(self, sources: list[Source], templates: dict[str, frozenset[str]]) -> Iterator[Iterator[Unit]]:
        """Every source's units, documents cleaned, in input order: by worker processes here (--jobs), or by
        Ray actors (--jobs of them, default one per CPU), the sources read by a Ray task."""
        if self.engine is Engine.LOCAL:
            # With workers, this process only reads and writes: it does not compile the rules (~1 s of a core).
            cleaner = Cleaner(self.user_rules) if self.jobs <= 1 else None
            render = partial(output, fmt=self.output_format)  # workers send back text, not articles
            yield clean_units(self.units(sources), cleaner, self.jobs, self.rule_files, templates=templates, render=render)
            return
        from ..integrations import ray as on_ray
        with ExitStack() as session:
            try:
                session.enter_context(on_ray.connected(self.address, self.actors, self.o.quiet))
            except Exception as exc:  # Ray's errors for a bad address or a failed start are many and vary by version
                raise UsageError(f"cannot start Ray{f' at {self.address}' if self.address else ''}: {exc}") from exc
            todo = [source for source in sources if not self.plan.done(source)]
            yield on_ray.clean_units(todo, self.reader, rule_files=self.rule_files, templates=templates, actors=self.actors)

    def write_all(self, units: Iterator[Unit]) -> None:
        """Outputs written in input order as the units come: one file per source, one shared file, or stdout."""
        with ExitStack() as whole_run:
            whole_run.enter_context(sigterm_exits())
            if self.plan.out_file is not None:
                shared = self.plan.open_whole(self.plan.out_file, whole_run)
            sink: ExitStack | None = None
            out: Writer | None = None
            try:
                for unit in units:
                    kind = unit.meta.get("marker")
                    if kind == "open":
                        if self.plan.out_file is not None:
                            out = shared
                        else:
                            sink = ExitStack()
                            # a generator context: opening the file (and failing) happens on enter, inside attempt
                            out = self.attempt(unit.source.name, partial(sink.enter_context, self.plan.sink(unit.source)))
                    elif kind == "close":
                        if sink is not None:
                            self.attempt(unit.source.name, sink.close)
                        sink = out = None
                    elif unit.error is not None:
                        self.errors.report(unit.error, unit)
                        if unit.meta.get("fatal") and sink is not None:
                            discard(sink)
                            sink = out = None
                    elif (unit.article is not None or unit.output is not None) and out is not None:
                        self.write(out, unit)
            except BrokenPipeError:
                _reader_gone()

    def units(self, sources: list[Source], learning: bool = False) -> Iterator[Unit]:
        """The work, read lazily in order (see `Reader`). Learning reads every source, finished or not, so
        that a resumed run learns the same templates as an uninterrupted one."""
        for source in sources:
            if learning or not self.plan.done(source):
                yield from self.reader(source, self.stdin)

    def write(self, out: Writer, unit: Unit) -> None:
        """A document's output: rendered by the worker that cleaned it, or here (Ray sends articles back)."""
        text, tally = unit.output, unit.tally
        if text is None or tally is None:
            assert unit.article is not None
            text = output(unit.article, unit.meta, unit.source.name, self.output_format)
            tally = tally_of(unit.article)
        out.write(text)
        self.stats.add(tally, unit.size, len(text.encode()))
        if self.progress is not None and self.task is not None:
            self.progress.update(self.task, advance=1 if self.progress.tasks[0].total is None else unit.size,
                                 rate=f"{self.stats.rate():.0f} docs/s", docs=self.stats.documents)

    def attempt(self, name: str, action: Callable[[], T]) -> T | None:
        """Run one unit of work; an error is reported and counted, and the batch goes on."""
        try:
            return action()
        except BrokenPipeError:
            _reader_gone()
        except InputError as exc:
            self.errors.report(str(exc))
        except OSError as exc:
            self.errors.report(f"{io.quoted(exc.filename or name)}: {exc.strerror or exc} (check the disk and permissions)")
        except Exception as exc:  # a bug must not stop the batch
            self.errors.report(f"{io.quoted(name)}: internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)")
        return None

    def finish(self, stats: Path | None) -> None:
        """The summary on a terminal, and the figures as JSON with --stats."""
        if stats is not None:
            try:
                io.write_atomic(stats, json.dumps(self.stats.to_dict(), indent=2) + "\n", self.plan.real_inputs)
            except InputError as exc:
                self.errors.report(str(exc))
            except OSError as exc:
                self.errors.report(f"{io.quoted(stats)}: cannot write: {exc.strerror or exc} (check the disk and permissions)")
        if sys.stderr.isatty() and not self.o.quiet and (self.stats.documents + self.stats.failed) > 1:
            from rich.console import Console

            Console(stderr=True).print(self.stats.table())


def listed_inputs(list_file: Path) -> list[str]:
    """The inputs a list file names: each line a path, or a glob pattern (`crawl/**/*.html`) expanded in order."""
    try:
        lines = list_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{io.quoted(list_file)}: cannot read the input list: {exc}") from exc
    paths: list[str] = []
    for number, line in enumerate(lines, 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if glob.has_magic(entry):
            matched = sorted(glob.glob(entry, recursive=True))
            if not matched:
                raise UsageError(f"{io.quoted(list_file)}:{number}: the pattern {entry!r} names no file")
            paths.extend(matched)
        else:
            paths.append(entry)
    if not paths:
        raise UsageError(f"{io.quoted(list_file)}: names no input")
    return paths


def _reader_gone() -> NoReturn:
    """The reader of stdout went away (`| head`): stop quietly, exit 1, as other Unix tools do."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    raise SystemExit(1) from None
