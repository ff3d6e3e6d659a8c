#!/usr/bin/env python3
"""Cleaning time per MB, from 10 KB to 10 MB documents and on pathological shapes: it must stay flat.

Realistic documents are built from generated article paragraphs (words drawn from a fixed list, so
every paragraph is different) with widget lines between them; pathological ones are one long line
without any sentence end, 1,000,000 one-character lines, 100,000 identical lines, and one boilerplate
phrase repeated on 200,000 lines. Each is cleaned once (after a warm-up on a small document) and the
time per MB is printed beside the time itself; for each shape, the spread of time per MB across sizes (it must stay within 2x).

    python benchmarks/bench_scaling.py [--max-mb 10]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402

WORDS = ("the council said on monday that its plan for the new bridge would cost more than expected because "
         "steel prices rose and workers were scarce while residents asked whether the river crossing could "
         "open before winter and officials promised answers").split()
WIDGETS = ["Share on Facebook", "Read more", "Sign up for our newsletter", "Home | News | Sport", "Comments (3)"]


def realistic(size: int, seed: int = 1) -> str:
    """About `size` bytes of paragraphs with a widget line after every fourth one."""
    rng = random.Random(seed)
    parts, total = ["Bridge costs rise again"], 0
    while total < size:
        paragraph = " ".join(" ".join(rng.choices(WORDS, k=rng.randint(12, 24))).capitalize() + "." for _ in range(3))
        parts.append(paragraph)
        if len(parts) % 4 == 0:
            parts.append(rng.choice(WIDGETS))
        total += len(paragraph) + 1
    return "\n".join(parts) + "\n"


SHAPES: dict[str, Callable[[int], str]] = {
    "realistic": realistic,
    "one long line": lambda size: "word " * (size // 5),
    "one-character lines": lambda size: "x\n" * (size // 2),
    "identical lines": lambda size: "The same line of a template, printed again and again.\n" * (size // 54),
    "repeated boilerplate": lambda size: "Share on Facebook\n" * (size // 18),
}


def measure(cleaner: Cleaner, name: str, text: str) -> float:
    size_mb = len(text.encode()) / 1024 / 1024
    start = time.perf_counter()
    cleaner.clean(text)
    seconds = time.perf_counter() - start
    per_mb = seconds / size_mb
    print(f"{name:<34} {size_mb:8.2f} MB {seconds:8.3f} s {per_mb:8.3f} s/MB")
    return per_mb


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-mb", type=float, default=10.0, help="largest document, in MB (default: %(default)s)")
    args = parser.parse_args()
    cleaner = Cleaner()
    cleaner.clean(realistic(5000))  # warm-up: rule packs compiled, memos primed
    sizes = [s for s in (10 * 1024, 100 * 1024, 1024 * 1024, 10 * 1024 * 1024) if s <= args.max_mb * 1024 * 1024]
    flat = True
    for name, build in SHAPES.items():
        cleaner.clean(build(sizes[0]))  # first use of a shape compiles what it needs (lazily built indexes)
        rates = [measure(cleaner, f"{name} {size // 1024} KB", build(size)) for size in sizes]
        spread = max(rates) / min(rates)
        flat = flat and spread <= 2
        print(f"  {name}: time per MB from {sizes[0] // 1024} KB to {sizes[-1] // 1024} KB within {spread:.2f}x")
    print("time per MB flat within 2x for every shape" if flat else "time per MB NOT flat within 2x")


if __name__ == "__main__":
    main()
