"""This checkout's engine against another commit's, on the same documents, in one run, rounds alternated.

    git worktree add ../old v0.1.0            # or any commit
    python benchmarks/bench_versions.py ../old                         # 3,000 documents of 5 KB, 3 rounds
    python benchmarks/bench_versions.py ../old --corpus ../old/corpus --rounds 5
    python benchmarks/bench_versions.py ../old --from ../shared/devdata/devset.jsonl.xz --n 300

The documents are built once, here (`cleaner bench`'s generator, from `--corpus`, or real pages with
`--from`), and each tree cleans them in a process of its own (`Cleaner().clean`, the API every version has),
after the same warm-up. Each run reports documents/s and MB/s by the clock and per CPU second of its process:
on a machine other jobs load the clock's figures swing with the load, the CPU second's much less; the rounds
alternate the trees so that a slow stretch of the machine falls on both.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from cleaner.eval import bench

WARM_UP = 64  # documents cleaned before the clock starts: rule patterns compile on first use

# Run in each tree's own interpreter: reads the documents, cleans them, prints the timings as JSON.
_RUN = """
import json, sys, time
from cleaner import Cleaner
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
warm_up = int(sys.argv[2])
cleaner = Cleaner()
for doc in docs[:warm_up]:
    cleaner.clean(doc)
rest = docs[warm_up:]
wall, cpu = time.perf_counter(), time.process_time()
for doc in rest:
    cleaner.clean(doc)
print(json.dumps({"documents": len(rest), "megabytes": sum(len(d.encode()) for d in rest) / 1e6,
                  "seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu}))
"""


def run(tree: Path, path: Path, warm_up: int) -> dict[str, float]:
    """One tree's timings on the documents in `path` (a JSON string a line)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run([sys.executable, "-c", _RUN, str(path), str(warm_up)], env=env, cwd=tree,
                         capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other commit's checkout (a worktree)")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="labelled cases to grow the documents from (default: ./corpus when there is one)")
    parser.add_argument("--sizes", default="5", help="document sizes in KB (default: %(default)s)")
    parser.add_argument("--n", type=int, default=3000, help="documents")
    parser.add_argument("--from", dest="pages", type=Path, default=None, help="a JSONL(.xz) of real pages instead")
    parser.add_argument("--mode", default="text_htmltext", help="the field of --from to clean")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each tree, alternated")
    args = parser.parse_args()
    here = Path(__file__).resolve().parent.parent
    docs, _, corpus = bench.inputs(args.n, args.sizes, args.corpus, args.pages, args.mode)  # as `cleaner bench` builds them
    trees = {"this checkout": here, "other": args.other.resolve()}
    origin = f"{args.pages} ({args.mode})" if args.pages else corpus or "the rule packs' examples"
    print(f"{len(docs)} documents from {origin}, {sum(len(d.encode()) for d in docs) / 1e6:.1f} MB; "
          f"other = {trees['other']}")
    rates: dict[str, list[float]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "docs.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        for k in range(args.rounds):
            for name, tree in trees.items():
                t = run(tree, path, min(WARM_UP, len(docs) - 1))
                rates[name].append(t["documents"] / t["cpu_seconds"])
                print(f"round {k + 1}  {name:<14} {t['documents'] / t['seconds']:8.1f} docs/s "
                      f"{t['megabytes'] / t['seconds']:6.2f} MB/s   {t['documents'] / t['cpu_seconds']:8.1f} docs/CPU-s "
                      f"{t['megabytes'] / t['cpu_seconds']:6.2f} MB/CPU-s", flush=True)
    mine, other = (sorted(rates[name])[len(rates[name]) // 2] for name in trees)
    print(f"median docs/CPU-s: this checkout {mine:.1f}, other {other:.1f}: {mine / other:.0%} of the other's")


if __name__ == "__main__":
    main()
