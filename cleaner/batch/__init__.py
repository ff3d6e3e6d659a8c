"""Many documents: units read from sources (`units`), a worker pool that cleans them in input order (`pool`),
their output (`output`), where it goes (`plan`), the error log (`errors`), the figures (`stats`), and one
`cleaner clean` run that ties them together (`run`)."""

from __future__ import annotations

from .output import Render, output, render
from .pool import CHUNK, WorkerSpec, clean_units, default_jobs
from .stats import RunStats, Tally, tally_of
from .units import Reader, ReadOptions, Unit

__all__ = ["CHUNK", "ReadOptions", "Reader", "Render", "RunStats", "Tally", "Unit", "WorkerSpec", "clean_units", "default_jobs",
           "output", "render", "tally_of"]
