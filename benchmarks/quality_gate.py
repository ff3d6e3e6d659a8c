#!/usr/bin/env python3
"""The quality gate: the development-set figures may not drop unnoticed.

Runs the scorers of ../shared/devdata (densescore.py on devset and metaset, devscore.py, metascore.py; every
mode each offers) through the installed `cleaner` and compares each figure with the committed baseline
(benchmarks/quality_baseline.json). A figure more than TOLERANCE below its baseline fails the gate. To accept
a drop, a commit lowers the figure in the baseline and, in the same commit, adds a CHANGELOG.md line that
mentions the baseline and says why; `check` verifies that for every commit in the history that lowered one.

    python benchmarks/quality_gate.py check            # CI: measure, compare, verify the baseline's history
    python benchmarks/quality_gate.py update           # measure and rewrite the baseline (commit it with a reason)
    python benchmarks/quality_gate.py measure          # print the figures only

The installed `cleaner` runs; `--cmd` gives the scorers another command speaking the JSONL contract (e.g.
`env PYTHONPATH=/path/to/checkout python -m cleaner clean --input-format jsonl --output-format jsonl -`, with an
absolute path: the scorers run in ../shared/devdata, so that the current folder's package shadows nothing).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVDATA = ROOT.parent / "shared" / "devdata"
BASELINE = ROOT / "benchmarks" / "quality_baseline.json"
TOLERANCE = 0.005  # the noise-free scorers move by one page's weight; this is a real change, not jitter

# name -> scorer arguments; every mode of each scorer runs by default
SCORERS = {
    "dense-devset": ["densescore.py", "--set", "devset"],
    "dense-metaset": ["densescore.py", "--set", "metaset"],
    "snippets": ["devscore.py"],
    "meta": ["metascore.py"],
}
# columns that are counts or speeds, not scores where higher is better
NOT_SCORES = {"docs/s", "none", "acc"}
# a column named like this qualifies the one before it ("headline lenient", "byline any", "date ±1")
QUALIFIERS = {"lenient", "any", "±1"}


def parse_table(output: str) -> dict[str, float]:
    """The cleaner's rows of a scorer's table, as {"mode/column": value}.

    >>> parse_table("system mode F1 P docs/s\\ncleaner text_bs4 0.875 0.811 170.2\\nidentity x 0.1 0.2 1")
    {'text_bs4/F1': 0.875, 'text_bs4/P': 0.811}
    >>> parse_table("system mode headline lenient none\\ncleaner html 0.77 0.784 15")
    {'html/headline': 0.77, 'html/headline lenient': 0.784}
    """
    columns: list[str] = []
    figures: dict[str, float] = {}
    for line in output.splitlines():
        cells = line.split()
        if cells[:2] == ["system", "mode"]:
            columns = []
            for name in cells[2:]:
                columns.append(f"{columns[-1].split()[0]} {name}" if name in QUALIFIERS and columns else name)
        elif cells[:1] == ["cleaner"] and columns:
            mode, values = cells[1], cells[2:]
            for name, value in zip(columns, values):
                if name.split()[-1] not in NOT_SCORES:
                    figures[f"{mode}/{name}"] = float(value)
    return figures


def measure(cmd: str | None = None) -> dict[str, dict[str, float]]:
    """Every scorer's figures, by scorer name."""
    if not DEVDATA.is_dir():
        sys.exit(f"quality gate: {DEVDATA} not found; it sits beside the checkout (../shared/devdata)")
    out = {}
    for name, args in SCORERS.items():
        start = time.perf_counter()
        command = [sys.executable, str(DEVDATA / args[0]), *args[1:], *(["--cmd", cmd] if cmd else [])]
        # Not from the checkout: `python -m cleaner` in a --cmd would import the package of the current folder
        # first, whatever the command's PYTHONPATH says (another tree's figures were measured on this one's code).
        run = subprocess.run(command, capture_output=True, text=True, cwd=DEVDATA)
        if run.returncode:
            sys.exit(f"quality gate: {name} failed (exit {run.returncode}): {run.stderr.strip()[-300:]}")
        out[name] = parse_table(run.stdout)
        if not out[name]:
            sys.exit(f"quality gate: {name} printed no figures for the cleaner:\n{run.stdout}")
        print(f"{name}: {len(out[name])} figures in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return out


def drops(baseline: dict[str, dict[str, float]], now: dict[str, dict[str, float]]) -> list[str]:
    """The figures more than TOLERANCE below the baseline, or missing, one line each.

    >>> drops({"s": {"m/F1": 0.9, "m/P": 0.8}}, {"s": {"m/F1": 0.896, "m/P": 0.79}})
    ['s m/P: 0.790 < baseline 0.800']
    """
    lines = []
    for scorer, figures in baseline.items():
        for key, value in figures.items():
            got = now.get(scorer, {}).get(key)
            if got is None:
                lines.append(f"{scorer} {key}: not measured (baseline {value:.3f})")
            elif got < value - TOLERANCE:
                lines.append(f"{scorer} {key}: {got:.3f} < baseline {value:.3f}")
    return lines


def unexplained_lowerings() -> list[str]:
    """Commits that lowered a baseline figure without a CHANGELOG line about the baseline in the same commit."""
    rel = str(BASELINE.relative_to(ROOT))
    log = subprocess.run(["git", "-C", str(ROOT), "log", "--format=%H", "--", rel], capture_output=True, text=True)
    if log.returncode:
        sys.exit(f"quality gate: git log failed: {log.stderr.strip()}")
    bad = []
    for commit in log.stdout.split():
        before = _baseline_at(f"{commit}^", rel)
        lowered = drops(before, _baseline_at(commit, rel)) if before else []
        if not lowered:
            continue
        diff = subprocess.run(["git", "-C", str(ROOT), "show", "--format=", commit, "--", "CHANGELOG.md"],
                              capture_output=True, text=True).stdout
        added = [line for line in diff.splitlines() if line.startswith("+") and "baseline" in line.lower()]
        if not added:
            bad.append(f"{commit[:10]} lowers {lowered[0]} (and {len(lowered) - 1} more) without a CHANGELOG "
                       f"line about the baseline")
    return bad


def _baseline_at(revision: str, rel: str) -> dict[str, dict[str, float]]:
    show = subprocess.run(["git", "-C", str(ROOT), "show", f"{revision}:{rel}"], capture_output=True, text=True)
    return json.loads(show.stdout)["figures"] if show.returncode == 0 else {}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("action", choices=["check", "update", "measure"])
    ap.add_argument("--cmd", help="the cleaner command the scorers run (default: the installed `cleaner`)")
    args = ap.parse_args()
    action = args.action
    now = measure(args.cmd)
    if action == "measure":
        print(json.dumps(now, indent=1, ensure_ascii=False))
        return 0
    if action == "update":
        BASELINE.write_text(json.dumps({"tolerance": TOLERANCE, "figures": now}, indent=1, ensure_ascii=False)
                            + "\n", encoding="utf-8")
        print(f"wrote {BASELINE}: commit it with a CHANGELOG line saying why any figure went down")
        return 0
    failures = drops(json.loads(BASELINE.read_text(encoding="utf-8"))["figures"], now)
    failures += unexplained_lowerings()
    for line in failures:
        print(f"quality gate: {line}")
    print(f"quality gate: {'FAILED' if failures else 'passed'} "
          f"({sum(map(len, now.values()))} figures, tolerance {TOLERANCE})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
