#!/usr/bin/env python3
"""Throughput on seed-sized documents: the cleaner against trafilatura's `extract` on the same text.

Builds N documents of about --kb KB (default 3: 2-4 KB) by cycling the seed texts (../shared/seeds/*.txt beside the checkout,
else corpus/*/raw.txt; read at run time, never copied) with a numbered closing line and every
prose line made unique to its document, cleans them in
one process with one `Cleaner`, then runs trafilatura's `extract` on the same documents wrapped as
simple HTML (one <p> per non-blank line). MB/s counts the text bytes for both, so rates compare.

    python benchmarks/bench_seeds.py [--n 2000] [--kb 5] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import html
import sys
import time
from pathlib import Path
from collections.abc import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing

from cleaner import Cleaner  # noqa: E402

PROSE_CHARS = 80


def seed_texts(corpus: Path | None) -> list[str]:
    """The texts to cycle: *.txt in --corpus (or its */raw.txt), else the shared seeds, else the repo corpus."""
    folders = [corpus] if corpus else [ROOT.parent / "shared" / "seeds", ROOT / "corpus"]
    for folder in folders:
        paths = sorted(folder.glob("*.txt")) or sorted(folder.glob("*/raw.txt"))
        if paths:
            return [p.read_text(encoding="utf-8") for p in paths]
    sys.exit(f"bench_seeds: no *.txt or */raw.txt in {', '.join(map(str, folders))} (pass --corpus DIR)")


def unique_prose(text: str, number: int) -> str:
    """Make every long line (the article's prose) unique to this document, as in a real crawl,
    where pages share their template's short lines but not their paragraphs. Without this the
    cleaner's per-line memo would answer every line from the second copy on."""
    return "\n".join(
        line.replace(" ", f" {number} ", 1) if len(line) > PROSE_CHARS else line for line in text.split("\n")
    )


def sized(text: str, number: int, kb: float = 3.0) -> str:
    """A variant of a seed of 2/3 to 4/3 of `kb` KB: repeated to reach the low end, cut at a line to
    stay under the high end, numbered."""
    low, high = int(kb * 1024 * 2 / 3), int(kb * 1024 * 4 / 3)
    text = unique_prose(text, number)
    suffix = f"\nDocument {number} of the benchmark set.\n"
    while len(text.encode()) < low:
        text += "\n" + unique_prose(text, number + len(text))
    while len((text + suffix).encode()) > high and "\n" in text.rstrip("\n"):
        text = text.rstrip("\n").rsplit("\n", 1)[0]
    return text.rstrip("\n") + "\n" + suffix


def as_html(text: str) -> str:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    return f"<html><body>{paragraphs}</body></html>"


def rate(name: str, run: Callable[[str], object], docs: Sequence[str], megabytes: float) -> float:
    """Run over all documents; print and return documents per second."""
    start = time.perf_counter()
    for doc in docs:
        run(doc)
    seconds = time.perf_counter() - start
    print(f"{name:<24} {len(docs) / seconds:10.1f} docs/s {megabytes / seconds:8.2f} MB/s ({seconds:.2f} s)")
    return len(docs) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="number of documents (default: %(default)s)")
    parser.add_argument("--kb", type=float, default=3.0, help="typical document size in KB (default: %(default)s)")
    parser.add_argument("--corpus", type=Path, help="folder of *.txt or */raw.txt to cycle")
    args = parser.parse_args()

    seeds = seed_texts(args.corpus)
    docs = [sized(seeds[i % len(seeds)], i, args.kb) for i in range(args.n)]
    megabytes = sum(len(d.encode()) for d in docs) / 1e6
    print(f"{len(docs)} documents from {len(seeds)} seeds, {megabytes:.2f} MB of text")

    cleaner = Cleaner()
    for seed in seeds:  # steady state: each language's rule patterns compile on first use
        cleaner.clean(seed)
    ours = rate("cleaner.clean", cleaner.clean, docs, megabytes)

    import trafilatura  # imported late: its import time is not part of either figure

    pages = [as_html(d) for d in docs]
    trafilatura.extract(pages[0])
    theirs = rate("trafilatura.extract", trafilatura.extract, pages, megabytes)
    print(f"ratio cleaner / trafilatura: {ours / theirs:.1f}x")


if __name__ == "__main__":
    main()
