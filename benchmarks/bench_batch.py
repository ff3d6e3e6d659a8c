#!/usr/bin/env python3
"""Batch throughput: `cleaner bench` from a checkout (documents/s, MB/s and peak memory on generated
documents of 1 KB to 200 KB built from corpus/, in one process and with workers, beside trafilatura's
`extract` in the same run). See cleaner/eval/bench.py for how documents are built.

    python benchmarks/bench_batch.py [-n 2000] [-j 2] [--sizes 1,5,200] [--no-peer] [--format json]
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from cleaner.cli import app  # noqa: E402

if __name__ == "__main__":
    app(["bench", "--corpus", str(ROOT / "corpus"), *sys.argv[1:]])
