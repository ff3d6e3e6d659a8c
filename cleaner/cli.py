"""The `cleaner` command: clean, explain, rules, eval. Thin: options in, `io` and the engine do the work.

Errors are one line on stderr (`cleaner: <file>: <what> (<what to do>)`); `--debug` adds the traceback.
Exit status: 0 all went well, 1 some input failed, 2 bad usage or a bad rule file (nothing ran).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import traceback
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, Annotated, Callable, Iterator, NoReturn, Protocol, TypeVar

import typer

from . import io
from .article import Category
from .engine import Cleaner, LineReport
from .evaluate import evaluate, render_report
from .io import InputError, InputFormat, OutputFormat, Source
from .record import to_record
from .rules import Rule, RuleError

app = typer.Typer(
    help="Strip boilerplate from scraped article text: keep the headline, the dateline and the body.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,  # locals would dump whole documents
)


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


RulesOption = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FILE", help="Extra rule file (TOML, same format as the built-in packs); repeatable."),
]
UrlOption = Annotated[
    str | None, typer.Option("--url", metavar="URL", help="URL the text comes from, so that site rules apply (a JSONL record's own url wins).")
]
MaxSizeOption = Annotated[float, typer.Option("--max-size", metavar="MB", help="Largest document (or JSONL line) read, in MB.")]


def _fail(message: str, code: int) -> NoReturn:
    typer.secho(f"cleaner: {message}", err=True, fg="red")
    raise typer.Exit(code)


def _cleaner(rule_files: list[Path] | None) -> Cleaner:
    """The engine with the built-in rules and the user's; a bad rule file stops everything (exit 2)."""
    try:
        return Cleaner.from_rule_files(rule_files or [])
    except RuleError as exc:
        _fail(str(exc), 2)


@app.command()
def clean(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Files, folders (read recursively, hidden files skipped) or - for stdin.")],
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="DIR", help="Output folder; it mirrors the input tree.")] = None,
    input_format: Annotated[InputFormat, typer.Option(
        help="auto: JSONL for .jsonl files and for stdin starting with '{', text otherwise.")] = InputFormat.AUTO,
    output_format: Annotated[OutputFormat | None, typer.Option(
        help="Default: jsonl for JSONL input, text otherwise.", show_default=False)] = None,
    rules: RulesOption = None,
    url: UrlOption = None,
    max_size: MaxSizeOption = io.MAX_BYTES / 1024 / 1024,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks with errors.")] = False,
) -> None:
    """Clean documents: to stdout for one input (or JSONL output), else into -o DIR.

    JSONL in and out (`--input-format jsonl --output-format jsonl -`): one object per line with `id`
    and `text` in; one object per line out, in the same order, with every input field but `text`
    plus headline, subheadline, dateline, date, byline, language, body (paragraphs joined by a blank
    line) and removed (line, text, category, rule). The record's `url` field, if any, is the source
    for site rules. A bad line is reported on stderr as `<stdin>:<line>` and left out of the output,
    so the output can have fewer records than the input; the exit status is then 1.
    """
    run = _Run(_cleaner(rules), output, input_format, output_format, url, int(max_size * 1024 * 1024), debug)
    sources = [source for arg in paths for source in run.attempt(arg, lambda arg=arg: io.expand(arg)) or []]
    run.start(sources)
    for source in sources:
        run.attempt(source.name, lambda source=source: run.clean(source))
    if sys.stderr.isatty() and len(sources) > 1:
        typer.echo(f"cleaned {run.cleaned} documents, {run.failed} failed", err=True)
    raise typer.Exit(1 if run.failed else 0)


class _Run:
    """One `cleaner clean` invocation: where outputs go, and how many documents went well or failed."""

    def __init__(self, cleaner: Cleaner, out_dir: Path | None, input_format: InputFormat,
                 output_format: OutputFormat | None, url: str | None, max_bytes: int, debug: bool) -> None:
        self.cleaner, self.out_dir, self.url, self.max_bytes, self.debug = cleaner, out_dir, url, max_bytes, debug
        self.input_format, self.output_format = input_format, output_format or OutputFormat.TEXT
        self.explicit_output = output_format is not None
        self.stdin, self.stdin_is_jsonl = sys.stdin.buffer, False
        self.inputs: list[Path] = []
        self.outputs: set[Path] = set()
        self.cleaned = self.failed = 0

    def start(self, sources: list[Source]) -> None:
        """Settle the output format and destination before anything is cleaned."""
        if self.input_format is InputFormat.AUTO and any(s.path is None for s in sources):
            self.stdin_is_jsonl, self.stdin = io.sniff_jsonl(self.stdin)
        if not self.explicit_output and sources and all(self.kind(s) is InputFormat.JSONL for s in sources):
            self.output_format = OutputFormat.JSONL
        if self.out_dir is None and len(sources) > 1 and self.output_format is not OutputFormat.JSONL:
            _fail("several inputs need an output folder (use -o DIR, or --output-format jsonl for stdout)", 2)
        self.inputs = [s.path for s in sources if s.path is not None]

    def kind(self, source: Source) -> InputFormat:
        if self.input_format is not InputFormat.AUTO:
            return self.input_format
        if source.path is None:
            return InputFormat.JSONL if self.stdin_is_jsonl else InputFormat.TEXT
        return InputFormat.JSONL if source.path.suffix.lower() == ".jsonl" else InputFormat.TEXT

    def clean(self, source: Source) -> None:
        """Clean one input (a document, or a JSONL file of records) into its output."""
        jsonl = self.kind(source) is InputFormat.JSONL
        if jsonl and self.output_format is not OutputFormat.JSONL:
            raise InputError(source.name, "JSONL input gives JSONL output", "use --output-format jsonl")
        with io.open_source(source, self.stdin) as stream, self.sink(source) as out:
            if jsonl:
                self.records(source, stream, out)
            else:
                decoded = io.read_text(stream, source.name, self.max_bytes)
                article = self.cleaner.clean(decoded.text, source=self.url)
                out.write(io.render(article, self.output_format, source.name, decoded.encoding))
                self.cleaned += 1

    def records(self, source: Source, stream: IO[bytes], out: _Writer) -> None:
        """Clean JSONL records in order; a bad record is reported and left out."""
        for item in io.read_jsonl(stream, source.name, self.max_bytes):
            if isinstance(item, InputError):
                self.report(str(item))
                continue
            url = item.fields.get("url")
            url = url if isinstance(url, str) else self.url
            article = self.attempt(f"{source.name}:{item.line}", lambda: self.cleaner.clean(item.text, source=url))
            if article is not None:
                out.write(io.json_line(to_record(article, item.fields)))
                self.cleaned += 1

    @contextmanager
    def sink(self, source: Source) -> Iterator[_Writer]:
        """Stdout (flushed per write, so pipelines stream) or the source's file under the output folder."""
        if self.out_dir is None:
            yield _Flushing(sys.stdout)
            return
        path = io.output_path(source, self.out_dir, self.output_format)
        if path in self.outputs:
            raise InputError(path, "two inputs map to this output file", "rename one of them")
        self.outputs.add(path)
        with io.atomic_open(path, self.inputs) as out:
            yield out

    def attempt(self, name: str, action: Callable[[], T]) -> T | None:
        """Run one unit of work; an error is reported and counted, and the batch goes on."""
        try:
            return action()
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as other Unix tools do.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(1) from None
        except InputError as exc:
            self.report(str(exc))
        except OSError as exc:
            self.report(f"{exc.filename or name}: {exc.strerror or exc} (check the disk and permissions)")
        except Exception as exc:  # a bug in the engine must not stop the batch
            self.report(f"{name}: internal error: {type(exc).__name__}: {exc} (please report it; --debug shows where)")
        return None

    def report(self, message: str) -> None:
        self.failed += 1
        if self.debug and sys.exc_info()[0] is not None:
            traceback.print_exc()
        typer.secho(f"cleaner: {message}", err=True, fg="red")


@app.command()
def explain(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A text file, or - for stdin.")],
    rules: RulesOption = None,
    url: UrlOption = None,
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TEXT,
    max_size: MaxSizeOption = io.MAX_BYTES / 1024 / 1024,
) -> None:
    """Show every input line with its verdict and the rule or heuristic that decided it."""
    cleaner = _cleaner(rules)
    try:
        if Path(file).is_dir():
            raise InputError(file, "is a folder", "explain takes one file")
        [source] = io.expand(file)
        with io.open_source(source, sys.stdin.buffer) as stream:
            decoded = io.read_text(stream, source.name, int(max_size * 1024 * 1024))
    except InputError as exc:
        _fail(str(exc), 1)
    reports = cleaner.explain(decoded.text, source=url)
    if format is ReportFormat.JSON:
        typer.echo(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2))
        return
    for line in _explain_lines(reports, shutil.get_terminal_size().columns):
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
    category: Annotated[Category | None, typer.Option(help="Only rules of this category.")] = None,
    language: Annotated[str | None, typer.Option(help="Only rules that apply to this language (ISO 639-1).")] = None,
    rules: RulesOption = None,
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TEXT,
) -> None:
    """List the rules: the built-in packs plus --rules files."""
    chosen = [
        rule for rule in _cleaner(rules).rules.rules
        if (category is None or rule.category is category) and (language is None or language in rule.languages or "*" in rule.languages)
    ]
    if format is ReportFormat.JSON:
        typer.echo(json.dumps([_rule_dict(rule) for rule in chosen], ensure_ascii=False, indent=2))
        return
    rows = [(r.id, r.category.value, ",".join(sorted(r.languages)), r.action.value, _rule_note(r)) for r in chosen]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    width = shutil.get_terminal_size().columns
    for row in rows:
        typer.echo(io.truncate("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4], width))


def _rule_dict(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id, "category": rule.category.value, "languages": sorted(rule.languages),
        "action": rule.action.value, "sites": sorted(rule.sites), "description": rule.description,
        "origin": rule.origin,
    }


def _rule_note(rule: Rule) -> str:
    sites = f" [sites: {', '.join(sorted(rule.sites))}]" if rule.sites else ""
    return rule.description + sites


@app.command("eval")
def eval_corpus(
    corpus: Annotated[Path, typer.Argument(metavar="DIR", help="Folder of cases, each with raw.txt and expected.json.")],
    rules: RulesOption = None,
    format: Annotated[ReportFormat, typer.Option("--format")] = ReportFormat.TEXT,
) -> None:
    """Score the cleaner on a labelled corpus: body precision/recall/F1, headline and dateline accuracy."""
    cleaner = _cleaner(rules)
    try:
        report = evaluate(corpus, cleaner)
    except InputError as exc:
        _fail(str(exc), 1)
    if format is ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_report(report, shutil.get_terminal_size().columns), nl=False)
