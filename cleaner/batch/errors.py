"""The run's error log: each failure one red line on stderr (its traceback too with --debug) and, with
--errors FILE, one JSONL line (source, line, id, reason); the run counts them for its exit status."""

from __future__ import annotations

import sys
import traceback
from typing import IO

import typer

from .. import io
from .stats import RunStats
from .units import Unit


class UsageError(Exception):
    """Options that cannot work together, or an output that cannot be opened: the run stops before anything
    is cleaned (exit 2); the message is the one line users see."""


def echo_error(message: str) -> None:
    """One line on stderr, as every message of the command line: `cleaner: <file>: <what> (<what to do>)`."""
    typer.secho(f"cleaner: {message}", err=True, fg="red")


class ErrorLog:
    """Where a run's failures go: stderr, and the --errors file when there is one (`file`, set by the run)."""

    def __init__(self, stats: RunStats, id_field: str, debug: bool) -> None:
        self.stats, self.id_field, self.debug = stats, id_field, debug
        self.file: IO[str] | None = None

    def report(self, message: str, unit: Unit | None = None) -> None:
        self.stats.failed += 1
        if self.debug and unit is not None and "traceback" in unit.meta:
            sys.stderr.write(unit.meta["traceback"])
        elif self.debug and sys.exc_info()[0] is not None:
            traceback.print_exc()
        echo_error(message)
        if self.file is not None:
            fields = unit.meta.get("fields", {}) if unit else {}
            self.file.write(io.json_line({
                "source": unit.source.name if unit else None, "line": unit.meta.get("line") if unit else None,
                "id": fields.get(self.id_field), "reason": message,
            }))
