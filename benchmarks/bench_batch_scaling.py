#!/usr/bin/env python3
"""Batch runs as a user starts them: wall time against the number of files in a folder, and the peak
memory (RSS summed over the process tree: the main process and its workers) on big JSONL records.

A crawl of 100,000 files must cost about 100,000 times one file (time per file flat from 250 files up),
and big records must not pile up in memory (100 records of 5 MB under -j 2 stay under 1 GB).

    python benchmarks/bench_batch_scaling.py folder [--files 250,2000] [-j 1]
    python benchmarks/bench_batch_scaling.py records [--records 100] [--mb 5] [-j 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("the council said on monday that its plan for the new bridge would cost more than expected because "
         "steel prices rose and workers were scarce while residents asked whether the river crossing could "
         "open before winter").split()
POLL_S = 0.05


def _paragraph(rng: random.Random, words: int = 40) -> str:
    return " ".join(rng.choices(WORDS, k=words)).capitalize() + "."


def _tree_rss(root: int) -> int:
    """Bytes of RSS of `root` and every process below it (read from /proc)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = int(fields[21]) * page
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    return sum(rss.get(p, 0) for p in tree)


def _run(args: list[str]) -> tuple[float, int, int]:
    """Seconds, peak tree RSS in bytes, exit status of `cleaner clean ARGS` run from this checkout."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", "-q", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(POLL_S)
    return time.perf_counter() - started, peak, proc.returncode


def folder(counts: list[int], jobs: int) -> None:
    rng = random.Random(5)
    for n in counts:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            for i in range(n):
                sub = src / f"part{i % 20}"
                sub.mkdir(parents=True, exist_ok=True)
                (sub / f"doc{i:06d}.txt").write_text(f"Story {i}\n" + "\n".join(_paragraph(rng) for _ in range(4)) + "\n")
            seconds, peak, status = _run([str(src), "-o", str(Path(tmp) / "out"), "-j", str(jobs), "--no-site-repeat"])
            print(f"{n:>7} files  -j {jobs}: {seconds:7.1f} s  {1000 * seconds / n:6.2f} ms/file  "
                  f"peak RSS {peak / 2**20:6.0f} MB  exit {status}")


def records(count: int, megabytes: float, jobs: int) -> None:
    rng = random.Random(6)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "big.jsonl"
        with data.open("w") as out:
            for i in range(count):
                paragraphs: list[str] = []
                size = 0
                while size < megabytes * 2**20:
                    paragraphs.append(_paragraph(rng, 60))
                    size += len(paragraphs[-1]) + 1
                out.write(json.dumps({"id": i, "text": "\n".join(paragraphs)}) + "\n")
        seconds, peak, status = _run([str(data), "-o", str(Path(tmp) / "out.jsonl"), "-j", str(jobs),
                                      "--no-site-repeat", "--max-size", str(2 * megabytes)])
        print(f"{count} records of {megabytes} MB  -j {jobs}: {seconds:.1f} s  peak RSS of the tree "
              f"{peak / 2**20:.0f} MB  exit {status}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    f = sub.add_parser("folder")
    f.add_argument("--files", default="250,2000")
    f.add_argument("-j", type=int, default=1)
    r = sub.add_parser("records")
    r.add_argument("--records", type=int, default=100)
    r.add_argument("--mb", type=float, default=5)
    r.add_argument("-j", type=int, default=2)
    args = parser.parse_args()
    if args.what == "folder":
        folder([int(n) for n in args.files.split(",")], args.j)
    else:
        records(args.records, args.mb, args.j)


if __name__ == "__main__":
    main()
