"""The `cleaner` command: clean, explain, rules, eval. Thin: options in, `io` and the engine do the work.

Errors are one line on stderr (`cleaner: <file>: <what> (<what to do>)`); `--debug` adds the traceback.
Exit status: 0 all went well, 1 some input failed, 2 bad usage or a bad rule file (nothing ran).
"""

from __future__ import annotations

import codecs
import glob
import importlib.util
import json
import os
import shutil
import signal
import sys
import threading
import time
import traceback
from collections import Counter
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from functools import partial
from io import BytesIO
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any, BinaryIO, NoReturn, Protocol, TypeVar
from collections.abc import Callable, Iterator, Sequence

import typer

from . import batch, bench, io, site, snippets
from .article import Category
from .engine import Cleaner, LineReport, site_of
from .evaluate import evaluate, render_report
from .io import InputError, InputFormat, OutputFormat, Source
from .record import kind_of
from .heuristics import HEURISTICS, Heuristic
from .rules import Rule, RuleError, builtin_rules, check_unique, load_rule_file

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.table import Table

    from .html import PageExplanation

app = typer.Typer(
    help="Strip boilerplate from scraped article text: keep the headline, the dateline and the body.",
    no_args_is_help=True,
    rich_markup_mode=None,  # help text is plain: "pip install 'cleaner[ray]'" must not lose its "[ray]" as markup
    pretty_exceptions_show_locals=False,  # locals would dump whole documents
)


def _print_version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                                 help="Print the version and exit.")] = False) -> None:
    """Strip boilerplate from scraped article text: keep the headline, the dateline and the body."""


T = TypeVar("T")


class _Writer(Protocol):
    def write(self, text: str, /) -> object: ...


class _Flushing:
    """Stdout flushed after every write, so each JSONL record reaches the next program at once."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


class ReportFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


class Engine(str, Enum):
    """Where documents are cleaned: worker processes on this machine, or actors on a Ray cluster."""

    LOCAL = "local"
    RAY = "ray"


RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FILE", help="Extra rule file (TOML, same format as the built-in packs); repeatable."),
]
UrlOption = Annotated[
    str | None, typer.Option("--url", metavar="URL", help="URL the text comes from, so that site rules apply (a JSONL record's own url wins).")
]
MaxSizeOption = Annotated[float, typer.Option("--max-size", metavar="MB", help="Largest document (or JSONL line) read, in MB.")]


# --max-size at most, in MB: a document is read whole, into a buffer of this size.
MAX_SIZE_MB = 1024


def _max_bytes(megabytes: float) -> int:
    """--max-size in bytes; a size that is not a number from 1 byte to MAX_SIZE_MB (NaN, inf, -1) is bad usage."""
    if not 0 < megabytes <= MAX_SIZE_MB or int(megabytes * 1024 * 1024) < 1:  # NaN fails every comparison
        _fail(f"--max-size takes a number of MB above 0 and at most {MAX_SIZE_MB}, not {megabytes:g}", 2)
    return int(megabytes * 1024 * 1024)


def _utf8_stdout() -> None:
    """Output is UTF-8 whatever the locale says (JSONL must be): a stdout set to ASCII (`LANG=C` on an old
    Python, `PYTHONIOENCODING`) failed on the first character it could not encode."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if codecs.lookup(encoding).name != "utf-8" and hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")


def _stdin() -> BinaryIO:
    """This process's stdin, as bytes; an empty stream when it is closed (`<&-`, as some supervisors start
    programs), which commands reading files only never notice."""
    return sys.stdin.buffer if sys.stdin is not None else BytesIO()


def _fail(message: str, code: int) -> NoReturn:
    typer.secho(f"cleaner: {message}", err=True, fg="red")
    raise typer.Exit(code)


def _cleaner(rule_files: list[Path] | None) -> Cleaner:
    """The engine with the built-in rules and the user's; a bad rule file stops everything (exit 2)."""
    return Cleaner(_user_rules(rule_files))


def _user_rules(rule_files: list[Path] | None) -> list[Rule]:
    """The user's rule files, read and checked (a bad one stops everything, exit 2), not compiled."""
    try:
        rules = [rule for path in rule_files or [] for rule in load_rule_file(path)]
        check_unique([*builtin_rules(), *rules])  # here, not in each worker process that compiles them
        return rules
    except RuleError as exc:
        _fail(str(exc), 2)


@app.command()
def clean(
    paths: Annotated[list[str] | None, typer.Argument(metavar="PATH", show_default=False, help=(
        "Files, folders (read recursively, hidden files skipped) or - for stdin; none: stdin, when it is not a "
        "terminal."))] = None,
    input_file: Annotated[Path | None, typer.Option("--input-file", metavar="LIST", help=(
        "A file naming the inputs, one path or glob pattern per line (blank lines and lines starting with # "
        "skipped), for crawls too large for the command line; with PATHs, both."))] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="DIR|FILE", help=(
        "Output folder (it mirrors the input tree), or one JSONL file for all records "
        "(a name ending in .jsonl, .jsonl.gz, .jsonl.bz2, .jsonl.xz or .jsonl.zst)."))] = None,
    input_format: Annotated[InputFormat, typer.Option(
        help=("auto: JSONL for .jsonl files (also compressed) and stdin starting with '{'; HTML for .html/.htm "
              "files and any input starting with an HTML tag (as explain reads it); text otherwise."))] = InputFormat.AUTO,
    output_format: Annotated[OutputFormat | None, typer.Option(
        help="Default: jsonl for JSONL input, text otherwise.", show_default=False)] = None,
    rules: RulesOption = None,
    url: UrlOption = None,
    max_size: MaxSizeOption = io.MAX_BYTES / 1024 / 1024,
    text_field: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    html_field: Annotated[str, typer.Option(help="JSONL field holding HTML (used when a record has no text field).")] = "html",
    id_field: Annotated[str, typer.Option(help="JSONL field holding the record's id (named in error reports).")] = "id",
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", metavar="N", help=(
        "Worker processes. Default: all cores for folders and JSONL files; 1 for one document and for stdin "
        "(a pipeline step answers each record as it comes; with -j N stdin records are cleaned in chunks)."),
        show_default=False)] = None,
    errors: Annotated[Path | None, typer.Option("--errors", metavar="FILE", help=(
        "Write every failed input or record here, as JSONL (source, line, id, reason)."))] = None,
    stats: Annotated[Path | None, typer.Option("--stats", metavar="FILE", help="Write the run's figures here, as JSON.")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="With -o DIR: skip inputs whose output is already there.")] = False,
    site_repeat: Annotated[bool, typer.Option("--site-repeat/--no-site-repeat", help=(
        "Learn each source's template across the batch (a first pass over the inputs; not for stdin): lines "
        "that recur in many documents of one domain or folder are removed as site-repeat."))] = True,
    site_repeat_min: Annotated[int, typer.Option(metavar="DOCS", help="Documents of a source a template line must recur in, at least.")] = site.MIN_DOCUMENTS,
    site_repeat_share: Annotated[float, typer.Option(metavar="SHARE", help="...and this share of the source's documents, at least.")] = site.MIN_SHARE,
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help=(
        "Enter symlinked folders and read symlinked files that point outside an input folder."))] = False,
    engine: Annotated[Engine, typer.Option(help=(
        "local: worker processes on this machine; ray: actors on a Ray cluster (pip install 'cleaner[ray]'; files "
        "only, no stdin: Ray tasks read them, so on several machines they must be on storage all of them see)."))] = Engine.LOCAL,
    address: Annotated[str | None, typer.Option(metavar="ADDRESS", help=(
        "With --engine ray: the running cluster to use (auto, or ray://HEAD:10001); default: a new Ray instance "
        "on this machine with --jobs CPUs. --jobs is the number of actors (default: one per CPU)."))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary on a terminal.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks with errors.")] = False,
) -> None:
    """Clean documents: to stdout for one input (or JSONL output), else into -o DIR (or one -o FILE.jsonl).

    JSONL in and out (`--input-format jsonl --output-format jsonl -`): one object per line with `id`
    and `text` in; one object per line out, in the same order, with every input field but `text`
    plus headline, subheadline, dateline, date, byline, language, body (paragraphs joined by a blank
    line) and removed (line, text, category, rule). The record's `url` field, if any, is the source
    for site rules. A bad line is reported on stderr as `<stdin>:<line>` and left out of the output,
    so the output can have fewer records than the input; the exit status is then 1.
    """
    _utf8_stdout()
    paths = [*(paths or []), *(_listed(input_file) if input_file is not None else [])] or _stdin_or_usage()
    options = _Options(output, input_format, output_format, url, _max_bytes(max_size), text_field, html_field,
                       id_field, resume, quiet, debug)
    run = _Run(_user_rules(rules), list(rules or []), options)
    skipped: Counter[str] = Counter()
    sources = [source for arg in paths
               for source in run.attempt(arg, partial(io.expand, arg, follow_symlinks, skipped)) or []]
    if skipped and not quiet:
        kinds = ", ".join(f"{suffix or 'no suffix'}: {n}" for suffix, n in skipped.most_common())
        typer.echo(f"cleaner: skipped {sum(skipped.values())} files in folders that are not documents by their "
                   f"suffix ({kinds}); name them to clean them", err=True)
    run.start(sources, jobs, engine, address)
    run.check_outputs(paths, sources, errors, stats)
    templates = run.learn(sources, site_repeat_min, site_repeat_share) if site_repeat else {}
    try:
        with run.reporting(errors), run.cleaned(sources, templates) as units:
            run.write_all(units)
    except OSError as exc:  # an output that cannot be written (a full disk): what was not complete is not kept
        where = f"{io.quoted(exc.filename)}: cannot write" if exc.filename else "cannot write the outputs"
        _fail(f"{where}: {exc.strerror or exc} (check the disk and permissions; with -o DIR, --resume goes on "
              "where this run stopped)", 1)
    run.finish(stats)
    raise typer.Exit(1 if run.stats.failed else 0)


def _listed(list_file: Path) -> list[str]:
    """The inputs a list file names: each line a path, or a glob pattern (`crawl/**/*.html`) expanded in order."""
    try:
        lines = list_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        _fail(f"{io.quoted(list_file)}: cannot read the input list: {exc}", 2)
    paths: list[str] = []
    for number, line in enumerate(lines, 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if glob.has_magic(entry):
            matched = sorted(glob.glob(entry, recursive=True))
            if not matched:
                _fail(f"{io.quoted(list_file)}:{number}: the pattern {entry!r} names no file", 2)
            paths.extend(matched)
        else:
            paths.append(entry)
    if not paths:
        _fail(f"{io.quoted(list_file)}: names no input", 2)
    return paths


def _stdin_or_usage() -> list[str]:
    """No path: read stdin as trafilatura does (`cat page.txt | cleaner clean`), unless a person is typing."""
    if sys.stdin is None or sys.stdin.closed or sys.stdin.isatty():
        _fail("no input: give a file, a folder or - (or pipe a document into stdin)", 2)
    return ["-"]


@dataclass(frozen=True)
class _Options:
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


@dataclass(frozen=True)
class _Reader:
    """How a source becomes batch units: an opening marker, its documents (or the error that stopped it),
    a closing marker. A value, so that `--engine ray` can send it to the Ray task that reads the files."""

    o: _Options
    output_format: OutputFormat
    stdin_kind: InputFormat = InputFormat.TEXT  # what `--input-format auto` found on stdin

    def kind(self, source: Source) -> InputFormat:
        """What a source is read as before it is opened (`kind_of` by the suffix alone: enough to tell JSONL);
        a file that looks like text is told from a page by its start once it is open (`opened_kind`)."""
        if source.path is None and self.o.input_format is InputFormat.AUTO:
            return self.stdin_kind
        return kind_of(b"", source.path, self.o.input_format)

    def opened_kind(self, source: Source, kind: InputFormat, stream: BinaryIO) -> tuple[InputFormat, BinaryIO]:
        """A file read as text unless declared: a page saved as page.txt is a page, as `explain` reads it."""
        if kind is not InputFormat.TEXT or source.path is None or self.o.input_format is not InputFormat.AUTO:
            return kind, stream
        head, stream = io.peek(stream)
        return kind_of(head, source.path), stream

    def __call__(self, source: Source, stdin: BinaryIO | None = None) -> Iterator[batch.Unit]:
        """One source's units, read lazily; `stdin` is what `-` reads (default: this process's stdin)."""
        if source.error is not None:
            yield batch.Unit(source, error=source.error, meta={"fatal": True})
            return
        kind = self.kind(source)
        jsonl = kind is InputFormat.JSONL
        if jsonl and self.output_format is not OutputFormat.JSONL:
            yield batch.Unit(source, error=str(InputError(source.name, "JSONL input gives JSONL output", "use --output-format jsonl")))
            return
        yield batch.Unit(source, meta={"marker": "open"})
        try:
            with io.open_source(source, _stdin() if stdin is None else stdin) as stream:
                kind, stream = self.opened_kind(source, kind, stream)
                if jsonl:
                    yield from self.records(source, stream)
                elif kind is InputFormat.HTML:
                    page = io.read_limited(stream, source.name, self.o.max_bytes)
                    yield batch.Unit(source, page, self.o.url, {"encoding": "html"}, html=True)
                else:
                    decoded = io.read_text(stream, source.name, self.o.max_bytes)
                    yield batch.Unit(source, decoded.text, self.o.url, {"encoding": decoded.encoding},
                                     site=self.site_key(self.o.url, source))
        except InputError as exc:
            yield batch.Unit(source, error=str(exc), meta={"fatal": True, "traceback": traceback.format_exc()})
        except OSError as exc:
            yield batch.Unit(source, error=f"{io.quoted(exc.filename or source.name)}: {exc.strerror or exc} (check the disk and permissions)",
                             meta={"fatal": True, "traceback": traceback.format_exc()})
        yield batch.Unit(source, meta={"marker": "close"})

    def records(self, source: Source, stream: BinaryIO) -> Iterator[batch.Unit]:
        for item in io.read_jsonl(stream, source.name, self.o.max_bytes, self.o.text_field, self.o.html_field):
            if isinstance(item, InputError):
                yield batch.Unit(source, error=str(item), meta={"line": item.line, "fields": item.fields})
                continue
            url = item.fields.get("url")
            url = url if isinstance(url, str) else self.o.url
            yield batch.Unit(source, item.text, url, {"fields": item.fields, "line": item.line, "field": item.text_field},
                             html=item.text_field == self.o.html_field, site=self.site_key(url, source))

    @staticmethod
    def site_key(url: str | None, source: Source) -> str | None:
        """Whose template a document shares: its URL's domain, else its input folder."""
        domain = site_of(url)
        if domain is not None:
            return domain
        return f"folder:{source.path.parent}" if source.path is not None else None


class _Run:
    """One `cleaner clean` invocation: where outputs go, and the run's figures."""

    def __init__(self, user_rules: list[Rule], rule_files: list[Path], options: _Options) -> None:
        self.user_rules, self.rule_files, self.o = user_rules, rule_files, options
        self.reader = _Reader(options, options.output_format or OutputFormat.TEXT)
        self.out_dir: Path | None = None
        self.out_file: Path | None = None
        self.stdin = _stdin()
        self.engine = Engine.LOCAL
        self.address: str | None = None  # with --engine ray: the cluster (None: a new local instance)...
        self.actors: int | None = None  # ...and the number of actors (None: one per CPU)
        self.inputs: list[Path] = []
        self.real_inputs: frozenset[Path] = frozenset()  # resolved once: outputs must not overwrite them
        self.outputs: set[str] = set()  # output paths written, case folded
        self.jobs = 1
        self.source_count = 0
        self.stats = RunStats()
        self.error_log: IO[str] | None = None
        self.progress: Progress | None = None

    def start(self, sources: list[Source], jobs: int | None, engine: Engine = Engine.LOCAL, address: str | None = None) -> None:
        """Settle the output format, destination and number of workers before anything is cleaned."""
        if self.o.input_format is InputFormat.AUTO and any(s.path is None for s in sources):
            head, self.stdin = io.peek(self.stdin)
            self.reader = replace(self.reader, stdin_kind=kind_of(head))
        kinds = [self.reader.kind(s) for s in sources]
        one_file = self.o.output is not None and io.base_suffix(self.o.output) == ".jsonl" and not self.o.output.is_dir()
        if self.o.output_format not in (None, OutputFormat.JSONL) and InputFormat.JSONL in kinds:
            _fail(f"JSONL input gives JSONL output, not --output-format {self.o.output_format.value}", 2)
        if self.o.output_format is None and ((bool(kinds) and all(k is InputFormat.JSONL for k in kinds)) or one_file):
            self.reader = replace(self.reader, output_format=OutputFormat.JSONL)  # -o out.jsonl says JSONL too
        if one_file:
            if self.output_format is not OutputFormat.JSONL:
                _fail("a single output file takes JSONL output (use --output-format jsonl)", 2)
            self.out_file = self.o.output
        else:
            self.out_dir = self.o.output
        if self.out_dir is None and self.out_file is None and len(sources) > 1 and self.output_format is not OutputFormat.JSONL:
            _fail("several inputs need an output folder (use -o DIR, or --output-format jsonl for stdout)", 2)
        if self.o.resume and self.out_dir is None:
            _fail("--resume needs an output folder (-o DIR)", 2)
        if self.o.resume and self.out_dir is not None and self.out_dir.is_dir():
            io.remove_temporaries(self.out_dir)  # left by the run that --resume finishes, if it was killed
        self.inputs = [s.path for s in sources if s.path is not None]
        self.real_inputs = frozenset(p.resolve() for p in self.inputs)
        self.source_count = len(sources)
        on_stdin = any(s.path is None for s in sources)
        if engine is Engine.RAY:
            self.start_ray(on_stdin, address, jobs)
        elif address is not None:
            _fail("--address is for --engine ray", 2)
        one_document = len(sources) == 1 and self.reader.kind(sources[0]) is not InputFormat.JSONL
        # Workers cost a second each to start (they compile the rules): not for stdin, not for one page.
        self.jobs = jobs if jobs is not None else (1 if on_stdin or one_document else batch.default_jobs())
        if self.jobs < 1:
            _fail("--jobs must be at least 1", 2)

    def check_outputs(self, args: list[str], sources: list[Source], errors: Path | None, stats: Path | None) -> None:
        """Refuse, before anything runs (exit 2), outputs that would destroy each other or an input: two of
        -o FILE, --errors and --stats naming one file, one naming an input or a file of -o DIR, or any
        output inside an input folder, where a later run would read it as input (hidden folders aside)."""
        named = [(option, path.resolve()) for option, path in
                 (("-o", self.o.output), ("--errors", errors), ("--stats", stats)) if path is not None]
        taken = {str(path).casefold(): "an input" for path in (p.resolve() for p in self.inputs)}
        if self.out_dir is not None:
            out_dir = self.out_dir.resolve()
            taken.update((str(io.output_path(s, out_dir, self.output_format)).casefold(), "the output of an input under -o")
                         for s in sources)
        for option, path in named:
            if (other := taken.get(str(path).casefold())) is not None:
                _fail(f"{option} {io.quoted(path)} is {other} (give each output its own file)", 2)
            taken[str(path).casefold()] = f"the {option} file"
        folders = [Path(arg).resolve() for arg in args if arg != "-" and Path(arg).is_dir()]
        for option, path in named:
            for folder in folders:
                if path.is_relative_to(folder) and not any(part.startswith(".") for part in path.relative_to(folder).parts):
                    _fail(f"{option} {io.quoted(path)} is inside the input folder {io.quoted(folder)}, where a later run "
                          "would read it as input (write it elsewhere)", 2)

    @property
    def output_format(self) -> OutputFormat:
        return self.reader.output_format

    def start_ray(self, on_stdin: bool, address: str | None, actors: int | None) -> None:
        """--engine ray: refuse what it cannot do before anything starts."""
        if on_stdin:
            _fail("--engine ray reads files, not stdin (Ray's workers cannot read this process's input)", 2)
        if importlib.util.find_spec("ray") is None:
            _fail("--engine ray needs Ray: pip install 'cleaner[ray]'", 2)
        self.engine, self.address, self.actors = Engine.RAY, address, actors

    @contextmanager
    def reporting(self, errors: Path | None) -> Iterator[None]:
        """The errors file (complete or absent, like every output) and the progress bar, for the run."""
        with ExitStack() as stack:
            if errors is not None:
                self.error_log = self.attempt_open(errors, stack)
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
        if not self.inputs or len(self.inputs) != self.source_count or any(io.compression_of(p) for p in self.inputs):
            return None
        return sum(p.stat().st_size for p in self.inputs)

    def attempt_open(self, path: Path, stack: ExitStack) -> IO[str]:
        """An output of the whole run, opened in `stack`: one that cannot be created stops the run (exit 2)."""
        try:
            return stack.enter_context(io.atomic_open(path, self.real_inputs))
        except InputError as exc:
            _fail(str(exc), 2)

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
    def cleaned(self, sources: list[Source], templates: dict[str, frozenset[str]]) -> Iterator[Iterator[batch.Unit]]:
        """Every source's units, documents cleaned, in input order: by worker processes here (--jobs), or by
        Ray actors (--jobs of them, default one per CPU), the sources read by a Ray task."""
        if self.engine is Engine.LOCAL:
            # With workers, this process only reads and writes: it does not compile the rules (~1 s of a core).
            cleaner = Cleaner(self.user_rules) if self.jobs <= 1 else None
            render = partial(batch.output, fmt=self.output_format)  # workers send back text, not articles
            yield batch.clean_units(self.units(sources), cleaner, self.jobs, self.rule_files, templates=templates,
                                    render=render)
            return
        from .integrations import ray as on_ray
        with ExitStack() as session:
            try:
                session.enter_context(on_ray.connected(self.address, self.actors, self.o.quiet))
            except Exception as exc:  # Ray's errors for a bad address or a failed start are many and vary by version
                _fail(f"cannot start Ray{f' at {self.address}' if self.address else ''}: {exc}", 2)
            todo = [source for source in sources if not self.done(source)]
            yield on_ray.clean_units(todo, self.reader, rule_files=self.rule_files, templates=templates, actors=self.actors)

    def write_all(self, units: Iterator[batch.Unit]) -> None:
        """Outputs written in input order as the units come: one file per source, one shared file, or stdout."""
        with ExitStack() as whole_run:
            whole_run.enter_context(_sigterm_exits())
            if self.out_file is not None:
                shared = self.attempt_open(self.out_file, whole_run)
            sink: ExitStack | None = None
            out: _Writer | None = None
            try:
                for unit in units:
                    kind = unit.meta.get("marker")
                    if kind == "open":
                        if self.out_file is not None:
                            out = shared
                        else:
                            sink = ExitStack()
                            # a generator context: opening the file (and failing) happens on enter, inside attempt
                            out = self.attempt(unit.source.name, partial(sink.enter_context, self.sink(unit.source)))
                    elif kind == "close":
                        if sink is not None:
                            self.attempt(unit.source.name, sink.close)
                        sink = out = None
                    elif unit.error is not None:
                        self.report(unit.error, unit)
                        if unit.meta.get("fatal") and sink is not None:
                            _discard(sink)
                            sink = out = None
                    elif (unit.article is not None or unit.output is not None) and out is not None:
                        self.write(out, unit)
            except BrokenPipeError:
                # The reader went away (`| head`): stop quietly, as other Unix tools do.
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
                raise typer.Exit(1) from None

    def units(self, sources: list[Source], learning: bool = False) -> Iterator[batch.Unit]:
        """The work, read lazily in order (see `_Reader`). Learning reads every source, finished or not, so
        that a resumed run learns the same templates as an uninterrupted one."""
        for source in sources:
            if learning or not self.done(source):
                yield from self.reader(source, self.stdin)

    def done(self, source: Source) -> bool:
        """With --resume: the source's output is there already (and the source counts as skipped). An
        output name an earlier source of the run took, case folded, is not done: `sink` refuses it."""
        if not self.o.resume or self.out_dir is None:
            return False
        path = io.output_path(source, self.out_dir, self.output_format)
        key = str(path).casefold()
        if key in self.outputs or not path.exists():
            return False
        self.outputs.add(key)
        self.stats.skipped += 1
        return True

    def write(self, out: _Writer, unit: batch.Unit) -> None:
        """A document's output: rendered by the worker that cleaned it, or here (Ray sends articles back)."""
        text, tally = unit.output, unit.tally
        if text is None or tally is None:
            assert unit.article is not None
            text = batch.output(unit.article, unit.meta, unit.source.name, self.output_format)
            tally = batch.tally_of(unit.article)
        out.write(text)
        self.stats.add(tally, unit.size, len(text.encode()))
        if self.progress is not None:
            self.progress.update(self.task, advance=1 if self.progress.tasks[0].total is None else unit.size,
                                 rate=f"{self.stats.rate():.0f} docs/s", docs=self.stats.documents)

    @contextmanager
    def sink(self, source: Source) -> Iterator[_Writer]:
        """Stdout (flushed per write, so pipelines stream) or the source's file under the output folder."""
        if self.out_dir is None:
            yield _Flushing(sys.stdout)
            return
        path = io.output_path(source, self.out_dir, self.output_format)
        # Case folded: on a case-insensitive disk "A.txt" and "a.txt" are one file.
        if str(path).casefold() in self.outputs:
            raise InputError(path, "two inputs map to this output file (names may differ only by case)", "rename one of them")
        self.outputs.add(str(path).casefold())
        with io.atomic_open(path, self.real_inputs) as out:
            yield out

    def attempt(self, name: str, action: Callable[[], T]) -> T | None:
        """Run one unit of work; an error is reported and counted, and the batch goes on."""
        try:
            return action()
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except InputError as exc:
            self.report(str(exc))
        except OSError as exc:
            self.report(f"{io.quoted(exc.filename or name)}: {exc.strerror or exc} (check the disk and permissions)")
        except Exception as exc:  # a bug must not stop the batch
            self.report(f"{io.quoted(name)}: internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)")
        return None

    def report(self, message: str, unit: batch.Unit | None = None) -> None:
        self.stats.failed += 1
        if self.o.debug and unit is not None and "traceback" in unit.meta:
            sys.stderr.write(unit.meta["traceback"])
        elif self.o.debug and sys.exc_info()[0] is not None:
            traceback.print_exc()
        typer.secho(f"cleaner: {message}", err=True, fg="red")
        if self.error_log is not None:
            fields = unit.meta.get("fields", {}) if unit else {}
            self.error_log.write(io.json_line({
                "source": unit.source.name if unit else None, "line": unit.meta.get("line") if unit else None,
                "id": fields.get(self.o.id_field), "reason": message,
            }))

    def finish(self, stats: Path | None) -> None:
        """The summary on a terminal, and the figures as JSON with --stats."""
        if stats is not None:
            try:
                io.write_atomic(stats, json.dumps(self.stats.to_dict(), indent=2) + "\n", self.real_inputs)
            except InputError as exc:
                self.report(str(exc))
            except OSError as exc:
                self.report(f"{io.quoted(stats)}: cannot write: {exc.strerror or exc} (check the disk and permissions)")
        if sys.stderr.isatty() and not self.o.quiet and (self.stats.documents + self.stats.failed) > 1:
            from rich.console import Console

            Console(stderr=True).print(self.stats.table())


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """SIGTERM (a supervisor stopping the run) exits as Ctrl-C would: outputs being written are deleted,
    not left as temporary files; by default it ends the process on the spot."""
    if threading.current_thread() is not threading.main_thread():  # only the main thread may set handlers
        yield
        return
    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _exit_on_signal(signum: int, _frame: object) -> NoReturn:
    raise SystemExit(128 + signum)


class _Discarded(Exception):
    """Thrown into an output's context so that its temporary file is deleted, not renamed."""


def _discard(sink: ExitStack) -> None:
    """Drop a half-written output: its input failed part-way."""
    reason = _Discarded()
    sink.__exit__(_Discarded, reason, None)


class RunStats:
    """What a run did: documents, bytes, removed lines per category and per rule or heuristic, pages with
    no article per kind, failures, time."""

    def __init__(self) -> None:
        self.documents = self.failed = self.skipped = self.bytes_in = self.bytes_out = 0
        self.removed: Counter[str] = Counter()
        self.removed_by_rule: Counter[str] = Counter()
        self.no_article: Counter[str] = Counter()
        self.started = time.perf_counter()

    def add(self, tally: batch.Tally, bytes_in: int, bytes_out: int) -> None:
        """One document written: its bytes, and what its tally counts."""
        self.documents += 1
        self.bytes_in += bytes_in
        self.bytes_out += bytes_out
        self.removed.update(category for category, _ in tally.removed)
        self.removed_by_rule.update(rule for _, rule in tally.removed)
        if tally.no_article is not None:
            self.no_article[tally.no_article] += 1

    def rate(self) -> float:
        return self.documents / max(1e-9, time.perf_counter() - self.started)

    def to_dict(self) -> dict[str, Any]:
        seconds = time.perf_counter() - self.started
        return {
            "documents": self.documents, "failed": self.failed, "skipped": self.skipped,
            "bytes_in": self.bytes_in, "bytes_out": self.bytes_out, "seconds": round(seconds, 3),
            "documents_per_second": round(self.documents / max(seconds, 1e-9), 1),
            "megabytes_per_second": round(self.bytes_in / 1e6 / max(seconds, 1e-9), 3),
            "no_article": sum(self.no_article.values()),
            "no_article_by_kind": dict(sorted(self.no_article.items())),
            "removed": dict(sorted(self.removed.items())),
            "removed_by_rule": dict(self.removed_by_rule.most_common()),
        }

    def table(self) -> Table:
        from rich.table import Table

        data = self.to_dict()
        table = Table(title="cleaner clean", show_header=False)
        for key in ("documents", "failed", "skipped", "no_article", "bytes_in", "bytes_out", "seconds",
                    "documents_per_second"):
            table.add_row(key.replace("_", " "), str(data[key]))
        for category, count in data["removed"].items():
            table.add_row(f"removed: {category}", str(count))
        return table


class DocumentFormat(str, Enum):
    """What `explain` reads: one document (JSONL holds many)."""

    AUTO = "auto"
    TEXT = "text"
    HTML = "html"


@app.command()
def explain(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A text or HTML file, or - for stdin.")],
    rules: RulesOption = None,
    url: UrlOption = None,
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TEXT,
    input_format: Annotated[DocumentFormat, typer.Option(
        help="auto: HTML for .html/.htm files and for content starting with an HTML tag; text otherwise.")] = DocumentFormat.AUTO,
    max_size: MaxSizeOption = io.MAX_BYTES / 1024 / 1024,
) -> None:
    """Show every input line with its verdict and the rule or heuristic that decided it.

    For a page: first trafilatura's part as one line (what its extraction kept and dropped) and the
    page's metadata, then each line of the text it let through, as `clean` decides it."""
    _utf8_stdout()
    cleaner = _cleaner(rules)
    limit = _max_bytes(max_size)
    try:
        if Path(file).is_dir():
            raise InputError(file, "is a folder", "explain takes one file")
        [source] = io.expand(file)
        with io.open_source(source, _stdin()) as stream:
            head, stream = io.peek(stream)
            kind = kind_of(head, source.path, InputFormat(input_format.value))
            if kind is InputFormat.JSONL:
                raise InputError(source.name, "is JSONL", "explain takes one document: put its text in a file")
            data = io.read_limited(stream, source.name, limit) if kind is InputFormat.HTML else None
            decoded = None if data is not None else io.read_text(stream, source.name, limit)
    except InputError as exc:
        _fail(str(exc), 1)
    if data is not None:
        from .html import explain_html  # trafilatura's import (~0.2 s, 30 MB) only for pages

        _explain_page(explain_html(data, url=url, cleaner=cleaner), format)
        return
    assert decoded is not None  # text whenever it is not a page
    reports = cleaner.explain(decoded.text, source=url)
    if format is ReportFormat.JSON:
        typer.echo(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2))
        return
    for line in _explain_lines(reports, shutil.get_terminal_size().columns):
        typer.echo(line)


def _explain_page(page: PageExplanation, format: ReportFormat) -> None:
    if format is ReportFormat.JSON:
        typer.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
        return
    width = shutil.get_terminal_size().columns
    typer.echo(page.summary())  # whole: it is the only account of what trafilatura dropped
    e = page.extraction
    if e is not None:
        for name, value in (("headline", e.headline), ("date", e.date), ("byline", e.byline)):
            typer.echo(io.truncate(f"{name} (page metadata): {value or '-'}", width))
    for line in _explain_lines(page.reports, width):
        typer.echo(line)


def _explain_lines(reports: list[LineReport], width: int) -> Iterator[str]:
    """Aligned columns (line, verdict, rule, text); under each text line, its label, features and rule hits."""
    number_w = len(str(max((r.line for r in reports), default=1)))
    verdict_w = max((len(r.verdict) for r in reports), default=1)
    rule_w = max((len(r.rule or "-") for r in reports), default=1)
    indent = " " * (2 + number_w + 2)
    for r in reports:
        yield io.truncate(f"  {r.line:>{number_w}}  {r.verdict:<{verdict_w}} {r.rule or '-':<{rule_w}} {r.text}".rstrip(), width)
        for details in _details(r):
            yield io.truncate(indent + details, width)


def _details(report: LineReport) -> list[str]:
    """Under a line: `rule fired=a,b score=-1.20 (title_case -0.80, ...)`, then its features."""
    if not report.features:
        return []  # a blank line
    head = [report.label] + (["fired=" + ",".join(report.fired)] if report.fired else [])
    if report.score is not None:
        terms = ", ".join(f"{name} {value:+.2f}" for name, value in report.score.main_terms())
        head.append(f"score={report.score.total:+.2f} ({terms})")
    return [" ".join(head), " ".join(f"{key}={_short(value)}" for key, value in report.features.items())]


def _short(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


@app.command("rules")
def list_rules(
    rule_id: Annotated[str | None, typer.Argument(metavar="[ID]", show_default=False, help=(
        "Explain one rule, heuristic or page kind: what it removes, its category, its patterns and examples."))] = None,
    category: Annotated[Category | None, typer.Option(help="Only rules of this category.")] = None,
    language: Annotated[str | None, typer.Option(help="Only rules that apply to this language (ISO 639-1).")] = None,
    rules: RulesOption = None,
    check: Annotated[Path | None, typer.Option("--check", metavar="FILE", help=(
        "Check a rule file and exit: its format, its patterns (the linter) and each rule against its own "
        "match and keep examples."))] = None,
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TEXT,
) -> None:
    """List the rules: the built-in packs plus --rules files. With --language, every rule that applies to a
    document in that language: its pack's, the language-independent ones and the English ones."""
    if check is not None:
        checked = _user_rules([check])
        examples = sum(len(rule.match) + len(rule.keep) for rule in checked)
        typer.echo(f"{check}: {len(checked)} rules, {examples} examples: all as they say")
        return
    every = _cleaner(rules).rules.rules
    if rule_id is not None:
        typer.echo(_explained(rule_id, every), nl=False)
        return
    chosen = [
        rule for rule in every
        if (category is None or rule.category is category) and (language is None or rule.applies_to(language))
    ]
    passes = [h for h in _heuristics() if category is None or h.category in (category, None)]
    if format is ReportFormat.JSON:
        typer.echo(json.dumps([_rule_dict(rule) for rule in chosen] + [_heuristic_dict(h) for h in passes],
                              ensure_ascii=False, indent=2))
        return
    rows = [(r.id, r.category.value, ",".join(sorted(r.languages)), r.action.value, _rule_note(r)) for r in chosen]
    rows += [(h.id, h.category.value if h.category else "(its rule's)", "*", "heuristic", h.description) for h in passes]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    width = shutil.get_terminal_size().columns
    for row in rows:
        typer.echo(io.truncate("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4], width))


def _heuristics() -> list[Heuristic]:
    """The engine's heuristics and the page kinds (a page with no article), which remove lines by what they see."""
    from .pagekind import kinds

    return [*HEURISTICS, *(Heuristic(k.id, k.category, f"A page with no article ({k.id.replace('-', ' ')}): a marker "
                                     "line says so and no article prose stands on the page; every line goes.")
                           for k in kinds())]


def _heuristic_dict(heuristic: Heuristic) -> dict[str, object]:
    return {"id": heuristic.id, "category": heuristic.category.value if heuristic.category else None,
            "languages": ["*"], "action": "heuristic", "description": heuristic.description}


def _explained(rule_id: str, rules: Sequence[Rule]) -> str:
    """`cleaner rules ID`: one rule with its patterns and examples, or one heuristic; bad usage if neither."""
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is not None:
        lines = [f"{rule.id}: rule, category {rule.category.value}, action {rule.action.value}, languages "
                 f"{', '.join(sorted(rule.languages))}" + (f", sites {', '.join(sorted(rule.sites))}" if rule.sites else ""),
                 f"  {rule.description}", f"  from {rule.origin}"]
        lines += [f"  pattern: {p}" for p in rule.patterns]
        lines += [f"  removes: {m}" for m in rule.match] + [f"  keeps:   {k}" for k in rule.keep]
        return "\n".join(lines) + "\n"
    heuristic = next((h for h in _heuristics() if h.id == rule_id), None)
    if heuristic is None:
        _fail(f"no rule or heuristic {rule_id!r} (cleaner rules lists them)", 2)
    category = heuristic.category.value if heuristic.category else "that of the rule it follows"
    return f"{heuristic.id}: heuristic, category {category}\n  {heuristic.description}\n"


def _rule_dict(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id, "category": rule.category.value, "languages": sorted(rule.languages),
        "action": rule.action.value, "sites": sorted(rule.sites), "description": rule.description,
        "origin": rule.origin,
    }


def _rule_note(rule: Rule) -> str:
    sites = f" [sites: {', '.join(sorted(rule.sites))}]" if rule.sites else ""
    return rule.description + sites


@app.command("bench")
def bench_command(
    documents: Annotated[int, typer.Option("--documents", "-n", metavar="N", help="Documents to generate.")] = 2000,
    jobs: Annotated[list[int] | None, typer.Option("--jobs", "-j", metavar="N", help=(
        "Also clean with a pool of N workers (repeatable). Default: all cores, when more than one."))] = None,
    corpus: Annotated[Path | None, typer.Option(metavar="DIR", help=(
        "Labelled cases to build documents from. Default: ./corpus when there is one, else the rule packs' examples."))] = None,
    sizes: Annotated[str, typer.Option(metavar="KB,KB,...", help="Document sizes to cycle through, in KB.")] = ",".join(map(str, bench.SIZES_KB)),
    peer: Annotated[bool, typer.Option("--peer/--no-peer", help="Also run trafilatura's extract on the same documents.")] = True,
    pages: Annotated[Path | None, typer.Option("--from", metavar="FILE", help=(
        "Real pages instead of generated documents: a page file (JSONL, also compressed) with `html` and text "
        "renderings, such as ../shared/devdata/devset.jsonl.xz; trafilatura then reads the pages' HTML."))] = None,
    mode: Annotated[str, typer.Option(metavar="FIELD", help="With --from: the rendering to clean.")] = "text_htmltext",
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TEXT,
) -> None:
    """Measure throughput (documents/s, MB/s) and peak memory on a generated batch of realistic
    scraped documents, in one process and with workers, beside trafilatura in the same run."""
    try:
        kilobytes = [float(size) for size in sizes.split(",")]
    except ValueError:
        _fail(f"--sizes takes numbers separated by commas, not {sizes!r}", 2)
    if corpus is None and Path("corpus").is_dir():
        corpus = Path("corpus")
    html_pages = None
    try:
        if pages is not None:
            docs, html_pages = bench.renderings(pages, mode, documents)
        else:
            docs = bench.documents(bench.templates(corpus), documents, kilobytes)
    except InputError as exc:
        _fail(str(exc), 1)
    pools = jobs if jobs is not None else [n for n in [batch.default_jobs()] if n > 1]
    figures = bench.measure(docs, pools, peer, html_pages)
    origin = f"{pages} ({mode}; trafilatura on their HTML)" if pages else corpus or "the rule packs’ examples"
    if format is ReportFormat.JSON:
        typer.echo(json.dumps({"corpus": str(corpus) if corpus and not pages else None,
                               "pages": str(pages) if pages else None, "mode": mode if pages else None,
                               "runs": [f.to_dict() for f in figures]}, indent=2))
    else:
        typer.echo(f"built from {origin}: " + bench.report(docs, figures), nl=False)


@app.command("eval")
def eval_corpus(
    corpus: Annotated[Path, typer.Argument(metavar="DIR|FILE", help=(
        "A folder of cases (raw.txt and expected.json each), or a snippet file: JSONL (also compressed) "
        "of pages with id, url, html and/or text renderings, and `with`/`without` snippet lists."))],
    rules: RulesOption = None,
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TEXT,
    mode: Annotated[list[str] | None, typer.Option(
        "--mode", metavar="FIELD", help="Snippet file: the rendering(s) to clean (e.g. text_bs4, html). Default: all.")] = None,
    half: Annotated[str | None, typer.Option(
        help="Snippet file: only half a or b of the pages (SHA-1 of the id), to report on pages not fitted on.")] = None,
    limit: Annotated[int, typer.Option(metavar="N", help="Snippet file: only the first N pages (0: all).")] = 0,
    peers: Annotated[bool, typer.Option(
        "--peers", help="Snippet file: also score trafilatura's extract (html) and the text as scraped (text).")] = False,
    show: Annotated[int, typer.Option(metavar="N", help="Snippet file: print N pages with misses per rendering.")] = 0,
) -> None:
    """Score the cleaner: on a labelled corpus (body precision/recall/F1, headline and dateline accuracy),
    or on a snippet file such as the development set (precision, recall, F1, accuracy per rendering)."""
    cleaner = _cleaner(rules)
    if corpus.is_file():
        _eval_snippets(corpus, cleaner, format, mode, half, limit, peers, show)
        return
    try:
        report = evaluate(corpus, cleaner)
    except InputError as exc:
        _fail(str(exc), 1)
    if format is ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_report(report, shutil.get_terminal_size().columns), nl=False)


def _eval_snippets(path: Path, cleaner: Cleaner, format: ReportFormat, modes: list[str] | None, half: str | None,
                   limit: int, peers: bool, show: int) -> None:
    if half not in (None, *snippets.HALVES):
        _fail(f"--half must be one of {', '.join(snippets.HALVES)}", 2)
    try:
        pages = snippets.load(path, limit, half)
    except InputError as exc:
        _fail(str(exc), 1)
    present = snippets.modes_of(pages)
    if unknown := [m for m in modes or () if m not in present]:
        _fail(f"{path}: no pages carry {', '.join(unknown)} (they carry: {', '.join(present) or 'nothing'})", 2)
    runs = []
    for mode in modes or present:
        runs.append(snippets.run_cleaner(pages, mode, cleaner))
        if peers:
            runs.append(snippets.run_peer(pages, mode))
    if format is ReportFormat.JSON:
        typer.echo(json.dumps({"pages": len(pages), "half": half, "runs": [run.to_dict() for run in runs]}, indent=2))
    else:
        typer.echo(snippets.render(runs, show), nl=False)
