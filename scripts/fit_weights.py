#!/usr/bin/env python3
"""Fit the line-score weights (cleaner/weights.toml) on one half of the development set.

The development set (../shared/devdata/devset.jsonl.xz) has real pages, three scraped-text
renderings each, and snippets a good cleaner keeps ("with") or drops ("without"). For every line the
engine keeps and that the score decides (`score.scored`: not good prose, no final punctuation), the label is
"article" when the line lies inside a "with" snippet (or holds one), "furniture" when inside a
"without" one; other lines are not used. A logistic regression (plain gradient descent, L2) gives
the weights; the threshold is the score below which removing a line removes, on the fitting half,
at least `--precision` furniture per line removed. Pages are split by the first hex digit of
sha1(id): even = half a, odd = half b. Fit on one half, score on the other (cleaner eval --half).

    python scripts/fit_weights.py [--half a] [--devset PATH] [--out cleaner/weights.toml]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import lzma
import math
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import Cleaner  # noqa: E402
from cleaner.page import Kind  # noqa: E402
from cleaner.score import FEATURES, Weights, densest_region, line_features, scored  # noqa: E402

MODES = ("text_htmltext", "text_inscriptis", "text_bs4")
MIN_LINE_CHARS = 3


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def half_of(page_id: str) -> str:
    return "a" if int(hashlib.sha1(page_id.encode()).hexdigest()[0], 16) % 2 == 0 else "b"


def samples(devset: Path, half: str) -> list[tuple[list[float], int]]:
    """(features, 1 article / 0 furniture) for the lines the score decides, on one half's pages."""
    no_removal = Weights(bias=0.0, threshold=-math.inf, weights={k: 0.0 for k in FEATURES})
    cleaner = Cleaner(weights=no_removal)
    out = []
    with lzma.open(devset, "rt", encoding="utf-8") as f:
        for raw in f:
            record = json.loads(raw)
            if half_of(record["id"]) != half:
                continue
            keep = [_norm(s) for s in record["with"]]
            drop = [_norm(s) for s in record["without"]]
            for mode in MODES:
                page, _, _ = cleaner._decide(record[mode] or "", record["url"])
                densest = densest_region(page)
                for i, line in enumerate(page.lines):
                    verdict = page.verdicts[i]
                    if (verdict is None or verdict.kind is not Kind.BODY or not scored(page, i)
                            or len(line.text) < MIN_LINE_CHARS):
                        continue
                    text = _norm(line.text)
                    article = any(text in s or s in text for s in keep)
                    furniture = any(text in s or s in text for s in drop)
                    if article != furniture:
                        x = line_features(page, i, densest)
                        out.append(([x[k] for k in FEATURES], int(article)))
    return out


def fit(data: list[tuple[list[float], int]], steps: int, rate: float, l2: float) -> tuple[float, list[float]]:
    """Logistic regression by full-batch gradient descent; classes weighted to balance."""
    n_features = len(data[0][0])
    positives = sum(y for _, y in data)
    class_weight = {1: len(data) / (2 * positives), 0: len(data) / (2 * (len(data) - positives))}
    bias, w = 0.0, [0.0] * n_features
    for _ in range(steps):
        g_bias, g = 0.0, [0.0] * n_features
        for x, y in data:
            z = bias + sum(wi * xi for wi, xi in zip(w, x))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            err = (p - y) * class_weight[y]
            g_bias += err
            for k, xi in enumerate(x):
                g[k] += err * xi
        bias -= rate * g_bias / len(data)
        w = [wi - rate * (gi / len(data) + l2 * wi) for wi, gi in zip(w, g)]
    return bias, w


def threshold_for(data: list[tuple[list[float], int]], bias: float, w: list[float], precision: float) -> float:
    """The highest score cut whose removals are at least `precision` furniture (else remove nothing)."""
    scored = sorted((bias + sum(wi * xi for wi, xi in zip(w, x)), y) for x, y in data)
    best, furniture = -math.inf, 0
    for k, (s, y) in enumerate(scored, 1):
        furniture += 1 - y
        if furniture / k >= precision and k >= 20:
            best = s + 1e-9
    return best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devdata" / "devset.jsonl.xz")
    ap.add_argument("--half", choices=("a", "b"), default="a")
    ap.add_argument("--precision", type=float, default=0.7)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--out", type=Path, default=ROOT / "cleaner" / "weights.toml")
    a = ap.parse_args()
    data = samples(a.devset, a.half)
    positives = sum(y for _, y in data)
    print(f"{len(data)} lines: {positives} article, {len(data) - positives} furniture (half {a.half})")
    bias, w = fit(data, a.steps, rate=0.5, l2=1e-3)
    threshold = threshold_for(data, bias, w, a.precision)
    removed = [y for x, y in data if bias + sum(wi * xi for wi, xi in zip(w, x)) < threshold]
    print(f"threshold {threshold:.3f}: removes {len(removed)} lines, {len(removed) - sum(removed)} of them furniture")
    lines = [
        "# The line score (cleaner/score.py): score = bias + sum(weight * feature).",
        "# A line the passes left in the article, that is not good prose itself, goes when its score is",
        "# below `threshold` (rule id `line-score`). Fitted by scripts/fit_weights.py on half "
        f"{a.half} of the development set",
        f"# ({len(data)} labelled lines; the threshold keeps removals >= {a.precision:.0%} furniture there"
        + ("" if math.isfinite(threshold) else "; no cut reached that, so the score removes nothing") + ").",
        f"bias = {bias:.4f}",
        f"threshold = {threshold:.4f}" if math.isfinite(threshold) else "threshold = -inf",
        "",
        "[weights]",
        *(f"{k} = {wk:.4f}" for k, wk in zip(FEATURES, w)),
    ]
    a.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
