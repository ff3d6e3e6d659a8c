#!/usr/bin/env python3
"""Start-up: the time a user waits for `cleaner clean small.txt`, and `Cleaner()` alone, each the median
of N runs in fresh processes (wall clock and CPU time: on a loaded machine CPU time moves less).

    python benchmarks/bench_startup.py [-n 11] [--no-cache]

Runs the `cleaner` that `python` imports from this checkout (PYTHONPATH set to it). The cache of what is
derived from the rule packs (see cleaner/rules/disk_cache.py) is the user's, warmed by one untimed run;
`--no-cache` measures every start without it.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# An invented short article, the size of a small scraped page's text.
SMALL = """Council votes to extend the tram line
By Jane Doe
The city council voted on Tuesday to extend the tram line to the eastern districts, after years of debate.
Construction is expected to begin next spring and to last two years, the transport office said.
Share this article
"""
# Prints the seconds of wall clock and of CPU that `Cleaner()` takes, imports excluded.
CONSTRUCT = """import time
import cleaner
wall, cpu = time.perf_counter(), time.process_time()
cleaner.Cleaner()
print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and CPU seconds of one run of `command` in a fresh process, and what it printed."""
    cpu, wall = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - wall, _children_cpu() - cpu, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", "--runs", type=int, default=11, help="runs of each command (default 11)")
    parser.add_argument("--no-cache", action="store_true", help="start without the rule cache")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    if args.no_cache:
        env["CLEANER_CACHE_DIR"] = ""
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp) / "small.txt"
        small.write_text(SMALL, encoding="utf-8")
        clean = [sys.executable, "-m", "cleaner", "clean", str(small)]
        construct = [sys.executable, "-c", CONSTRUCT]
        _timed(clean, env)  # warms the cache (and the disk's)
        clean_runs = [_timed(clean, env)[:2] for _ in range(args.runs)]
        construct_runs = [tuple(map(float, _timed(construct, env)[2].split())) for _ in range(args.runs)]
    print(f"load average {load:.1f} -> {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; "
          f"{args.runs} runs each, {'no cache' if args.no_cache else 'cache warm'}; medians:")
    for name, runs in (("cleaner clean small.txt", clean_runs), ("Cleaner()", construct_runs)):
        walls, cpus = zip(*runs)
        print(f"  {name:<24} {statistics.median(walls):.3f} s wall, {statistics.median(cpus):.3f} s CPU "
              f"(wall {min(walls):.3f}-{max(walls):.3f})")


if __name__ == "__main__":
    main()
