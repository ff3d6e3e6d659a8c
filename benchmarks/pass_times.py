"""Where the engine's time goes: process time of each step of the pass order, per document.

    python benchmarks/pass_times.py                      # 1,500 corpus cases grown to 5 KB
    python benchmarks/pass_times.py --corpus OLD/corpus --n 3000
    python benchmarks/pass_times.py --from ../shared/devdata/devset.jsonl.xz --mode text_htmltext

A diagnostic beside `cleaner bench` (which measures docs/s against a peer): it wraps each `engine.PASSES`
step in a timer, so the figures include the timer's own cost (~1 us a step) and sum to less than the whole
(splitting, labelling and the rule hits come before the passes).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from cleaner import Cleaner, engine
from cleaner.eval import bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="labelled cases to grow the documents from")
    parser.add_argument("--n", type=int, default=1500, help="documents")
    parser.add_argument("--from", dest="pages", type=Path, default=None, help="a JSONL(.xz) of real pages instead")
    parser.add_argument("--mode", default="text_htmltext", help="the field of --from to clean")
    args = parser.parse_args()
    docs = (bench.renderings(args.pages, args.mode, args.n)[0] if args.pages
            else bench.documents(bench.templates(args.corpus), args.n, [5]))
    cost: Counter[str] = Counter()

    def timed(step: engine.Step) -> engine.Step:
        def run(m: object) -> object:
            start = time.process_time_ns()
            try:
                return step.run(m)  # type: ignore[arg-type]
            finally:
                cost[step.name] += time.process_time_ns() - start
        return engine.Step(step.name, run)  # type: ignore[arg-type]

    engine.PASSES = tuple(timed(step) for step in engine.PASSES)
    cleaner = Cleaner()
    for doc in docs[: len(docs) // 5]:  # warm up: imports, caches
        cleaner.clean(doc)
    cost.clear()
    start = time.process_time()
    for doc in docs:
        cleaner.clean(doc)
    total = time.process_time() - start
    print(f"{len(docs)} documents: {total / len(docs) * 1e6:.0f} us a document, the passes:")
    for name, ns in cost.most_common():
        print(f"  {name:24s} {ns / len(docs) / 1000:7.1f} us  {ns / 1e9 / total:5.1%}")


if __name__ == "__main__":
    main()
