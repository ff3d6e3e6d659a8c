"""Shared fixtures: where the seeds and the corpus live."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CORPUS = ROOT / "corpus"
