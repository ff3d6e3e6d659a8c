"""The output plan: where each source's output goes (a file under -o DIR mirroring the input tree, one shared
-o FILE.jsonl, or stdout), which outputs --resume finds done, and outputs that are complete or absent."""

from __future__ import annotations

import signal
import sys
import threading
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import IO, NoReturn, Protocol
from collections.abc import Iterator

from .. import io
from ..io import InputError, InputFormat, OutputFormat, Source
from .errors import UsageError
from .stats import RunStats


class Writer(Protocol):
    def write(self, text: str, /) -> object: ...


class _Flushing:
    """Stdout flushed after every write, so each JSONL record reaches the next program at once."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()


class OutputPlan:
    """Where a run's outputs go, settled before anything is cleaned; the output paths taken so far."""

    def __init__(self, output: Path | None, resume: bool, stats: RunStats) -> None:
        self.output, self.resume, self.stats = output, resume, stats
        self.out_dir: Path | None = None
        self.out_file: Path | None = None
        self.output_format = OutputFormat.TEXT
        self.inputs: list[Path] = []
        self.real_inputs: frozenset[Path] = frozenset()  # resolved once: outputs must not overwrite them
        self.outputs: set[str] = set()  # output paths written, case folded

    def settle(self, sources: list[Source], kinds: list[InputFormat], output_format: OutputFormat | None) -> OutputFormat:
        """The output format and destination from -o, --output-format and the inputs' kinds; `UsageError` for
        what cannot work."""
        one_file = self.output is not None and io.base_suffix(self.output) == ".jsonl" and not self.output.is_dir()
        if output_format not in (None, OutputFormat.JSONL) and InputFormat.JSONL in kinds:
            raise UsageError(f"JSONL input gives JSONL output, not --output-format {output_format.value}")
        self.output_format = output_format or OutputFormat.TEXT
        if output_format is None and ((bool(kinds) and all(k is InputFormat.JSONL for k in kinds)) or one_file):
            self.output_format = OutputFormat.JSONL  # -o out.jsonl says JSONL too
        if one_file:
            if self.output_format is not OutputFormat.JSONL:
                raise UsageError("a single output file takes JSONL output (use --output-format jsonl)")
            self.out_file = self.output
        else:
            self.out_dir = self.output
        if self.out_dir is None and self.out_file is None and len(sources) > 1 and self.output_format is not OutputFormat.JSONL:
            raise UsageError("several inputs need an output folder (use -o DIR, or --output-format jsonl for stdout)")
        if self.resume and self.out_dir is None:
            raise UsageError("--resume needs an output folder (-o DIR)")
        if self.resume and self.out_dir is not None and self.out_dir.is_dir():
            io.remove_temporaries(self.out_dir)  # left by the run that --resume finishes, if it was killed
        self.inputs = [s.path for s in sources if s.path is not None]
        self.real_inputs = frozenset(p.resolve() for p in self.inputs)
        return self.output_format

    def check(self, args: list[str], sources: list[Source], errors: Path | None, stats: Path | None) -> None:
        """Refuse, before anything runs (exit 2), outputs that would destroy each other or an input: two of
        -o FILE, --errors and --stats naming one file, one naming an input or a file of -o DIR, or any
        output inside an input folder, where a later run would read it as input (hidden folders aside)."""
        named = [(option, path.resolve()) for option, path in
                 (("-o", self.output), ("--errors", errors), ("--stats", stats)) if path is not None]
        taken = {str(path).casefold(): "an input" for path in (p.resolve() for p in self.inputs)}
        if self.out_dir is not None:
            out_dir = self.out_dir.resolve()
            taken.update((str(io.output_path(s, out_dir, self.output_format)).casefold(), "the output of an input under -o")
                         for s in sources)
        for option, path in named:
            if (other := taken.get(str(path).casefold())) is not None:
                raise UsageError(f"{option} {io.quoted(path)} is {other} (give each output its own file)")
            taken[str(path).casefold()] = f"the {option} file"
        folders = [Path(arg).resolve() for arg in args if arg != "-" and Path(arg).is_dir()]
        for option, path in named:
            for folder in folders:
                if path.is_relative_to(folder) and not any(part.startswith(".") for part in path.relative_to(folder).parts):
                    raise UsageError(f"{option} {io.quoted(path)} is inside the input folder {io.quoted(folder)}, where "
                                     "a later run would read it as input (write it elsewhere)")

    def done(self, source: Source) -> bool:
        """With --resume: the source's output is there already (and the source counts as skipped). An
        output name an earlier source of the run took, case folded, is not done: `sink` refuses it."""
        if not self.resume or self.out_dir is None:
            return False
        path = io.output_path(source, self.out_dir, self.output_format)
        key = str(path).casefold()
        if key in self.outputs or not path.exists():
            return False
        self.outputs.add(key)
        self.stats.skipped += 1
        return True

    @contextmanager
    def sink(self, source: Source) -> Iterator[Writer]:
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

    def open_whole(self, path: Path, stack: ExitStack) -> IO[str]:
        """An output of the whole run (-o FILE, --errors), opened in `stack`: one that cannot be created stops
        the run (`UsageError`)."""
        try:
            return stack.enter_context(io.atomic_open(path, self.real_inputs))
        except InputError as exc:
            raise UsageError(str(exc)) from exc


@contextmanager
def sigterm_exits() -> Iterator[None]:
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


def discard(sink: ExitStack) -> None:
    """Drop a half-written output: its input failed part-way."""
    reason = _Discarded()
    sink.__exit__(_Discarded, reason, None)
