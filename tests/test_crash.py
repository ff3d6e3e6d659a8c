"""Crash safety: a folder run killed with SIGKILL at random moments never leaves a half-written output
under its final name, and `--resume` finishes the job with outputs identical to an uninterrupted run.

The number of kills is CLEANER_KILLS (5 by default, 50 in CI: see .ci/run)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from cleaner import batch

KILLS = int(os.environ.get("CLEANER_KILLS", "5"))
WORDS = "river bridge council winter steel workers ferry harbour storm repairs volunteers survey".split()


def _documents(folder: Path, n: int) -> None:
    rng = random.Random(7)
    for i in range(n):
        paragraphs = [" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(12)]
        sub = folder / f"part{i % 4}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"doc{i:04d}.txt").write_text(f"Story {i} about the river\n" + "\n".join(paragraphs) + "\nShare on Facebook\n")


def _run(src: Path, out: Path, *extra: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out), "-j", "1", "-q", *extra],
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _outputs(folder: Path) -> dict[str, bytes]:
    """Every output under its final name (temporary files are hidden: a dot first)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_random_kills_then_resume_give_the_uninterrupted_outputs(tmp_path: Path) -> None:
    src, reference, out = tmp_path / "in", tmp_path / "reference", tmp_path / "out"
    _documents(src, 400)
    assert _run(src, reference).wait(timeout=300) == 0
    expected = _outputs(reference)
    assert len(expected) == 400
    rng = random.Random(11)
    counts = []
    for _ in range(KILLS):
        before = len(_outputs(out))
        proc = _run(src, out, "--resume")
        # Kill at a random moment once it writes (start-up compiles the rule packs first): whatever
        # the machine's load, the kill lands inside the work, or the run finished on its own.
        deadline = time.monotonic() + 120
        while proc.poll() is None and len(_outputs(out)) == before and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(rng.uniform(0.0, 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        done = _outputs(out)
        for name, data in done.items():
            assert data == expected[name], f"{name} is half-written or wrong after a kill"
        counts.append(len(done))
    assert any(0 < n < len(expected) for n in counts), f"no kill landed mid-run: {counts}"
    assert _run(src, out, "--resume").wait(timeout=300) == 0
    assert _outputs(out) == expected


def _children(pid: int) -> list[int]:
    """Live processes whose parent is `pid` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            _, after = (entry / "stat").read_text().rsplit(")", 1)
        except (OSError, ValueError):
            continue
        state, parent = after.split()[:2]
        if int(parent) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists() or batch.default_jobs() < 2, reason="needs /proc and two cores")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_the_main_process(tmp_path: Path, stop: signal.Signals) -> None:
    """Issue 16, item 22: a killed `cleaner clean -j 2` leaves no worker behind (reparented to init), and
    a terminated one no temporary file either."""
    rng = random.Random(3)
    data, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    data.write_text("".join(json.dumps({"id": i, "text": " ".join(rng.choices(WORDS, k=300))}) + "\n" for i in range(20_000)))
    proc = subprocess.Popen([sys.executable, "-m", "cleaner", "clean", str(data), "-o", str(out), "-j", "2", "-q",
                             "--no-site-repeat"], env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = _children(proc.pid)
    assert len(workers) >= 2, "the pool did not start"
    time.sleep(1)  # into the work: the output's temporary file is open
    proc.send_signal(stop)
    assert proc.wait(timeout=60) == (-stop if stop == signal.SIGKILL else 128 + stop)
    deadline = time.monotonic() + 15
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [w for w in workers if _alive(w)] == []
    if stop == signal.SIGTERM:
        assert list(tmp_path.iterdir()) == [data], "a terminated run deletes what it was writing"
