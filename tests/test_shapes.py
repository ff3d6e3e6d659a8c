"""Time per MB of the shapes that once cost superlinear time (benchmarks/bench_shapes.py), at 64 KB and
at CLEANER_SHAPES_MB megabytes: the long profile (16 in CI: see .ci/run); skipped when it is 0."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_shapes import EXTRACTION_TIMEOUT_S, SLOW_RULE, Cleaner, parse_rules, seconds_per_mb, shapes  # noqa: E402

MB = float(os.environ.get("CLEANER_SHAPES_MB", "0"))
pytestmark = pytest.mark.skipif(MB <= 0, reason="long profile: set CLEANER_SHAPES_MB")
SMALL = 64 * 1024
# One time bound per document, whatever its size: the small document pays it most; an element's
# attributes past the cap cost nothing.
SUBLINEAR = {"commas-user-rule", "html-attributes"}


@pytest.fixture(scope="module")
def table() -> dict:
    return shapes(Cleaner(), Cleaner(parse_rules(SLOW_RULE, "bench")))


@pytest.mark.parametrize("name", ["edge-spaces-one-line", "edge-spaces-lines", "cut-lines", "cut-lines-japanese",
                                  "commas-user-rule", "explain", "html-attributes", "html-table"])
def test_time_per_mb_stays_within_twice_its_small_figure(table: dict, name: str) -> None:
    build, run = table[name]
    run(build(4096))
    _, small, _ = seconds_per_mb(name, build, run, SMALL)
    size, large, over_the_limit = seconds_per_mb(name, build, run, int(MB * 1024 * 1024))
    if over_the_limit:  # a page over the HTML time limit stops there: an error line
        assert large * size < EXTRACTION_TIMEOUT_S + 5
    else:
        assert large <= 2 * small if name not in SUBLINEAR else large <= small
