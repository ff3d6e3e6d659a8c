#!/usr/bin/env python3
"""Hash the cleaner's outputs, so that a move of code can show it changed no output.

Runs a checkout's cleaner through the JSONL contract over the corpus, the seeds and the development sets of
../shared/devdata (devset and metaset: each text rendering, and the HTML), and writes one SHA-256 per record
and one per set. `compare` runs it again and names every record whose output differs.

    python benchmarks/output_hash.py save /tmp/before.json           # on the commit before the move
    python benchmarks/output_hash.py compare /tmp/before.json        # after it: exit 1 if anything differs
    python benchmarks/output_hash.py compare /tmp/before.json --tree /work/wt-x   # another checkout's code

`--tree` runs the cleaner of another checkout (`PYTHONPATH=TREE python -m cleaner`); `--quick` hashes the
corpus, the seeds and the first 100 pages of each set only (and compares them with a full save's records).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
COMMAND = [sys.executable, "-m", "cleaner", "clean", "--input-format", "jsonl", "--output-format", "jsonl", "-"]
MODES = ["text_htmltext", "text_inscriptis", "text_bs4", "html"]
QUICK_PAGES = 100


def inputs(corpus: Path, quick: bool) -> dict[str, list[dict[str, object]]]:
    """Every set of input records, by name: the corpus, the seeds, and each development set in each mode."""
    sets: dict[str, list[dict[str, object]]] = {
        "corpus": [{"id": case.name, "text": (case / "raw.txt").read_text(encoding="utf-8")}
                   for case in sorted(corpus.iterdir()) if (case / "raw.txt").is_file()],
        "seeds": [{"id": seed.name, "text": seed.read_text(encoding="utf-8")}
                  for seed in sorted((SHARED / "seeds").glob("*.txt"))],
    }
    for name in ("devset", "metaset"):
        with lzma.open(SHARED / "devdata" / f"{name}.jsonl.xz", "rt", encoding="utf-8") as lines:
            pages = [json.loads(line) for line in lines]
        if quick:
            pages = pages[:QUICK_PAGES]
        for mode in MODES:
            field = "html" if mode == "html" else "text"
            sets[f"{name}/{mode}"] = [{"id": p["id"], "url": p.get("url"), field: p[mode]} for p in pages]
    return sets


def hashes(tree: Path, corpus: Path, quick: bool) -> dict[str, dict[str, str]]:
    """Per set, the SHA-256 of each record's output line, by id, and of the whole output under `*`."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    result: dict[str, dict[str, str]] = {}
    for name, records in inputs(corpus, quick).items():
        feed = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        run = subprocess.run(COMMAND, input=feed, capture_output=True, text=True, env=env, cwd="/")
        if run.returncode != 0:
            sys.exit(f"{name}: the cleaner exited {run.returncode}: {run.stderr.strip()[-500:]}")
        lines = run.stdout.splitlines()
        if len(lines) != len(records):
            sys.exit(f"{name}: {len(records)} records in, {len(lines)} out")
        digest = {str(r["id"]): hashlib.sha256(line.encode()).hexdigest() for r, line in zip(records, lines)}
        digest["*"] = hashlib.sha256(run.stdout.encode()).hexdigest()
        result[name] = digest
        print(f"{name}: {len(records)} records", file=sys.stderr)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("action", choices=["save", "compare"])
    ap.add_argument("file", type=Path, help="the hashes: written by save, read by compare")
    ap.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose cleaner runs (default: this one)")
    ap.add_argument("--quick", action="store_true", help=f"only the first {QUICK_PAGES} pages of each set")
    a = ap.parse_args()
    tree = a.tree.resolve()
    now = hashes(tree, tree / "corpus", a.quick)
    if a.action == "save":
        a.file.write_text(json.dumps(now, indent=1, sort_keys=True) + "\n")
        print(f"saved {sum(len(d) - 1 for d in now.values())} record hashes to {a.file}")
        return 0
    before = json.loads(a.file.read_text())
    changed = 0
    for name, digest in now.items():
        old = before.get(name)
        if old is None:
            print(f"{name}: not in {a.file}")
            changed += 1
            continue
        differ = [key for key in digest if key != "*" and old.get(key) != digest[key]]
        if differ or (len(old) == len(digest) and old.get("*") != digest["*"]):
            changed += 1
            print(f"{name}: {len(differ)} of {len(digest) - 1} records differ: {' '.join(differ[:20])}")
        else:
            print(f"{name}: identical ({len(digest) - 1} records)")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
