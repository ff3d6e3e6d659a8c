#!/usr/bin/env python3
"""Time per MB at 64 KB, 1 MB and 16 MB for the input shapes that once cost more than linear time
(issue 16: hangs and superlinear cost). No shape's time per MB may grow past 2x its 64 KB figure;
some fall (a fixed cost per document, a cap on what is read, a page stopped by the time limit).

Shapes: a zero-width character at a line's edge before a long run of spaces (trimming); lines a
scraper cut inside sentences, in English and Japanese (joining); lines of commas under a user rule
that backtracks (time bounds on short lines: one bound per document, as a rule that ran out of
time is not tried again on it, so small documents pay it most); `explain` on an ordinary document; HTML with thousands
of attributes on one element (libxml2) and with a big table (trafilatura, bounded per page). A page
over the HTML time limit is reported as such: its time is the limit's.

    python benchmarks/bench_shapes.py [--sizes 64K,1M,16M] [--shapes cut-lines,explain]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_scaling import realistic  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.html import EXTRACTION_TIMEOUT_S, ExtractionTimeout, clean_html  # noqa: E402
from cleaner.rules import parse_rules  # noqa: E402

# A rule the linter refuses (a user's file could not load it), built directly to test the time bound.
SLOW_RULE = """[[rule]]
id = "slow-commas"
category = "other"
languages = ["*"]
action = "drop"
patterns = ['^(.*?,){11}p']
match = [",,,,,,,,,,,p"]
keep = ["nothing"]
"""
MIN_SECONDS = 0.5  # a size is run again until this much time has passed: a 64 KB document takes milliseconds
CUT = "the council voted on tuesday to extend the tram line and "  # ends in a space: a cut sentence


def _lines(line: str, size: int) -> str:
    return line * max(1, size // len(line.encode()))


def _commas(size: int) -> str:
    """Lines of 80 commas, each different (a remembered answer would spare the match)."""
    return "".join(f"{',' * 80}{i}\n" for i in range(max(1, size // 86)))


def _table(size: int) -> str:
    row = "<tr><td>cell {0} of the table</td><td>{0} units</td><td>more text for row {0}</td></tr>"
    rows, total, i = [], 0, 0
    while total < size:
        rows.append(row.format(i))
        total += len(rows[-1])
        i += 1
    return f"<html><body><article><h1>Results by district</h1><table>{''.join(rows)}</table></article></body></html>"


def _attributes(size: int) -> str:
    attributes = " ".join(f'data-x{i}="1"' for i in range(size // 14))
    paragraph = "The harbour closed on Monday as the storm arrived, the port authority said. " * 5
    return f"<html><body><article {attributes}><h1>Storm</h1><p>{paragraph}</p></article></body></html>"


# name -> (build a document of about `size` bytes, what to do with it)
Run = Callable[[str], object]


def shapes(plain: Cleaner, slow: Cleaner) -> dict[str, tuple[Callable[[int], str], Run]]:
    return {
        "edge-spaces-one-line": (lambda size: "\u200bword" + " " * (size - 10) + "end\n", plain.clean),
        "edge-spaces-lines": (lambda size: _lines("\u200bword" + " " * 500 + "end\n", size), plain.clean),
        "cut-lines": (lambda size: _lines(CUT + "\n", size), plain.clean),
        "cut-lines-japanese": (lambda size: _lines("新しい\n法律\nができました\n", size), plain.clean),
        "commas-user-rule": (_commas, slow.clean),
        "explain": (realistic, plain.explain),
        "html-attributes": (_attributes, lambda html: clean_html(html, cleaner=plain)),
        "html-table": (_table, lambda html: clean_html(html, cleaner=plain)),
    }


def _size(text: str) -> int:
    units = {"K": 1024, "M": 1024 * 1024}
    return int(float(text[:-1]) * units[text[-1].upper()]) if text[-1].upper() in units else int(text)


def seconds_per_mb(name: str, build: Callable[[int], str], run: Run, size: int) -> tuple[float, float, str]:
    """(MB, seconds per MB, note) for one shape at one size. Small documents run several times (the
    mean); not under the slow rule, whose answers the cleaner remembers per line after the first run
    (the time bound would be paid once). CPU time of this process, not wall time: on a machine other jobs
    load, one slow wall-clock run of the large document made a shape look superlinear (CI, 2026-12-07)."""
    text = build(size)
    mb = len(text.encode()) / 1024 / 1024
    note, runs, start = "", 0, time.process_time()
    while not runs or (name != "commas-user-rule" and time.process_time() - start < MIN_SECONDS):
        try:
            run(text)
        except ExtractionTimeout:
            note = f"  (over the {EXTRACTION_TIMEOUT_S:g} s HTML limit: an error line)"
        runs += 1
    return mb, (time.process_time() - start) / runs / mb, note


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="64K,1M,16M", help="document sizes (default: %(default)s)")
    parser.add_argument("--shapes", default="", help="comma-separated shape names (default: all)")
    args = parser.parse_args()
    sizes = [_size(s) for s in args.sizes.split(",")]
    plain, slow = Cleaner(), Cleaner(parse_rules(SLOW_RULE, "bench"))
    table = shapes(plain, slow)
    chosen = args.shapes.split(",") if args.shapes else list(table)
    flat = True
    for name in chosen:
        build, run = table[name]
        run(build(4096))  # warm-up: what the shape uses is compiled, trafilatura set up
        rates = []
        for size in sizes:
            mb, rate, note = seconds_per_mb(name, build, run, size)
            rates.append(rate)
            print(f"{name:<22} {mb:8.2f} MB {rate * mb:9.3f} s {rate:8.3f} s/MB{note}", flush=True)
        growth, spread = max(rates) / rates[0], max(rates) / min(rates)
        flat = flat and growth <= 2
        print(f"  {name}: time per MB at most {growth:.2f}x its {sizes[0] // 1024} KB figure up to "
              f"{sizes[-1] // 1024} KB (largest over smallest: {spread:.2f}x)", flush=True)
    print("no shape's time per MB grows past 2x" if flat else "time per MB grows past 2x for some shape")


if __name__ == "__main__":
    main()
