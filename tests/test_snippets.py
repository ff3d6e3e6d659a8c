"""`cleaner eval` on snippet files (the development set's format): scores, halves, renderings, errors."""

from __future__ import annotations

import json
import lzma
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.engine import Cleaner
from cleaner.eval.snippets import SnippetScore, half_of, load, modes_of, run_cleaner, run_peer, score_page

PARAGRAPHS = [
    "Wildlife volunteers recorded thirty otters along the river during their annual spring survey, the highest figure yet.",
    "The survey relies on volunteers who walk the banks at dawn looking for tracks and feeding signs, and many took part.",
]
WIDGETS = ["Share on Facebook", "Leave a Reply Cancel reply"]
PAGE_TEXT = "\n".join(["Otters return to the river", *PARAGRAPHS, *WIDGETS])


def page(number: int) -> dict[str, object]:
    return {
        "id": f"page-{number}", "url": f"https://example.org/{number}", "text_plain": PAGE_TEXT,
        "text_raw": PAGE_TEXT.replace("\n", "\n\n"), "with": PARAGRAPHS[:1], "without": WIDGETS,
    }


def snippet_file(tmp_path: Path, pages: int = 6) -> Path:
    path = tmp_path / "set.jsonl.xz"
    with lzma.open(path, "wt", encoding="utf-8") as out:
        for number in range(pages):
            out.write(json.dumps(page(number)) + "\n")
    return path


def test_score_counts_kept_and_dropped_snippets_after_whitespace_normalization() -> None:
    score, miss = score_page(page(0), "Wildlife volunteers recorded  thirty otters\nalong the river during their annual "
                                      "spring survey, the highest figure yet. Share on Facebook")
    assert score == SnippetScore(tp=1, fp=1, fn=0, tn=1)
    assert miss is not None and miss.kept == ("Share on Facebook",) and miss.lost == ()
    assert score.precision == 0.5 and score.recall == 1.0 and round(score.f1, 3) == 0.667 and score.accuracy == 2 / 3


def test_halves_split_the_pages_and_together_make_the_whole(tmp_path: Path) -> None:
    path = snippet_file(tmp_path, pages=40)
    a, b = load(path, half="a"), load(path, half="b")
    assert a and b and len(a) + len(b) == 40
    assert {p["id"] for p in a}.isdisjoint(p["id"] for p in b)
    assert all(half_of(str(p["id"])) == "a" for p in a)
    assert len(load(path, limit=3)) == 3


def test_cleaner_keeps_the_article_and_drops_the_widgets_in_every_rendering(tmp_path: Path) -> None:
    pages = load(snippet_file(tmp_path))
    assert modes_of(pages) == ["text_plain", "text_raw"]
    for mode in modes_of(pages):
        run = run_cleaner(pages, mode, Cleaner())
        assert run.score == SnippetScore(tp=6, fp=0, fn=0, tn=12), mode
        identity = run_peer(pages, mode)
        assert identity.score == SnippetScore(tp=6, fp=12, fn=0, tn=0)


def test_cli_prints_the_table_and_json(tmp_path: Path) -> None:
    path = snippet_file(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(path), "--mode", "text_plain", "--peers"])
    assert result.exit_code == 0, result.output
    rows = result.output.splitlines()
    assert rows[1].split()[:3] == ["cleaner", "text_plain", "1.000"]
    assert rows[2].startswith("identity (text as scraped)")
    result = CliRunner().invoke(app, ["eval", str(path), "--format", "json", "--half", "b"])
    data = json.loads(result.output)
    assert data["half"] == "b" and [run["mode"] for run in data["runs"]] == ["text_plain", "text_raw"]
    assert data["pages"] == sum(half_of(f"page-{n}") == "b" for n in range(6))


def test_cli_names_a_missing_rendering_and_a_bad_line(tmp_path: Path) -> None:
    path = snippet_file(tmp_path)
    result = CliRunner().invoke(app, ["eval", str(path), "--mode", "text_bs4"])
    assert result.exit_code == 2 and "no pages carry text_bs4" in result.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(page(0)) + "\n{not json\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad)])
    assert result.exit_code == 1 and f"{bad}:2" in result.output
