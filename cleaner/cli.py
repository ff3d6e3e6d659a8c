"""The `cleaner` command: clean, explain, rules, eval. Thin: options in, `batch`, `io` and the engine do the work.

Errors are one line on stderr (`cleaner: <file>: <what> (<what to do>)`); `--debug` adds the traceback.
Exit status: 0 all went well, 1 some input failed, 2 bad usage or a bad rule file (nothing ran).
"""

from __future__ import annotations

import codecs
import json
import shutil
import sys
from collections import Counter
from functools import partial
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import batch, io, reports, site
from .article import Category
from .batch.errors import UsageError
from .batch.run import Engine, Run, RunOptions, listed_inputs
from .engine import Cleaner
from .eval import bench, snippets
from .eval.corpus import evaluate, render_report
from .io import InputError, InputFormat, OutputFormat
from .record import kind_of
from .rules import Rule, RuleError, builtin_rules, check_unique, load_rule_file

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
    options = RunOptions(output, input_format, output_format, url, _max_bytes(max_size), text_field, html_field,
                         id_field, resume, quiet, debug)
    run = Run(_user_rules(rules), list(rules or []), options)
    skipped: Counter[str] = Counter()
    sources = [source for arg in paths
               for source in run.attempt(arg, partial(io.expand, arg, follow_symlinks, skipped)) or []]
    if skipped and not quiet:
        kinds = ", ".join(f"{suffix or 'no suffix'}: {n}" for suffix, n in skipped.most_common())
        typer.echo(f"cleaner: skipped {sum(skipped.values())} files in folders that are not documents by their "
                   f"suffix ({kinds}); name them to clean them", err=True)
    try:
        run.start(sources, jobs, engine, address)
        run.plan.check(paths, sources, errors, stats)
    except UsageError as exc:
        _fail(str(exc), 2)
    templates = run.learn(sources, site_repeat_min, site_repeat_share) if site_repeat else {}
    try:
        with run.reporting(errors), run.cleaned(sources, templates) as units:
            run.write_all(units)
    except UsageError as exc:
        _fail(str(exc), 2)
    except OSError as exc:  # an output that cannot be written (a full disk): what was not complete is not kept
        where = f"{io.quoted(exc.filename)}: cannot write" if exc.filename else "cannot write the outputs"
        _fail(f"{where}: {exc.strerror or exc} (check the disk and permissions; with -o DIR, --resume goes on "
              "where this run stopped)", 1)
    run.finish(stats)
    raise typer.Exit(1 if run.stats.failed else 0)


def _listed(list_file: Path) -> list[str]:
    try:
        return listed_inputs(list_file)
    except UsageError as exc:
        _fail(str(exc), 2)


def _stdin_or_usage() -> list[str]:
    """No path: read stdin as trafilatura does (`cat page.txt | cleaner clean`), unless a person is typing."""
    if sys.stdin is None or sys.stdin.closed or sys.stdin.isatty():
        _fail("no input: give a file, a folder or - (or pipe a document into stdin)", 2)
    return ["-"]


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
        with io.open_source(source, io.stdin()) as stream:
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

        page = explain_html(data, url=url, cleaner=cleaner)
        if format is ReportFormat.JSON:
            typer.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
            return
        lines = reports.page_lines(page, shutil.get_terminal_size().columns)
    else:
        assert decoded is not None  # text whenever it is not a page
        explained = cleaner.explain(decoded.text, source=url)
        if format is ReportFormat.JSON:
            typer.echo(json.dumps([r.to_dict() for r in explained], ensure_ascii=False, indent=2))
            return
        lines = reports.explain_lines(explained, shutil.get_terminal_size().columns)
    for line in lines:
        typer.echo(line)


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
        if (explanation := reports.explained(rule_id, every)) is None:
            _fail(f"no rule or heuristic {rule_id!r} (cleaner rules lists them)", 2)
        typer.echo(explanation, nl=False)
        return
    chosen, passes = reports.chosen(every, category, language)
    if format is ReportFormat.JSON:
        typer.echo(json.dumps([reports.rule_dict(rule) for rule in chosen] + [reports.heuristic_dict(h) for h in passes],
                              ensure_ascii=False, indent=2))
        return
    for line in reports.rule_table(chosen, passes, shutil.get_terminal_size().columns):
        typer.echo(line)


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
        docs, html_pages, corpus = bench.inputs(documents, sizes, corpus, pages, mode)
    except UsageError as exc:
        _fail(str(exc), 2)
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
        try:
            pages, runs = snippets.evaluate(corpus, cleaner, mode, half, limit, peers)
        except UsageError as exc:
            _fail(str(exc), 2)
        except InputError as exc:
            _fail(str(exc), 1)
        if format is ReportFormat.JSON:
            typer.echo(json.dumps({"pages": pages, "half": half, "runs": [run.to_dict() for run in runs]}, indent=2))
        else:
            typer.echo(snippets.render(runs, show), nl=False)
        return
    try:
        report = evaluate(corpus, cleaner)
    except InputError as exc:
        _fail(str(exc), 1)
    if format is ReportFormat.JSON:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(render_report(report, shutil.get_terminal_size().columns), nl=False)
