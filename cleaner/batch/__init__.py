"""Many documents: units read from sources, a worker pool that cleans them in input order, their output."""

from __future__ import annotations

from .output import Render, output, render
from .pool import CHUNK, Tally, Unit, clean_units, default_jobs, tally_of

__all__ = ["CHUNK", "Render", "Tally", "Unit", "clean_units", "default_jobs", "output", "render", "tally_of"]
