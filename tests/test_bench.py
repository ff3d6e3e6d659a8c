"""`cleaner bench`: the generated batch is what it claims (sizes, unique article lines), and the figures come out."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cleaner import Cleaner
from cleaner.eval import bench
from cleaner.cli import app
from conftest import ROOT


def test_documents_grow_to_their_sizes_with_unique_article_lines() -> None:
    shapes = bench.templates(ROOT / "corpus")
    docs = bench.documents(shapes, 14, (1, 20))
    assert len(docs) == 14
    for k, doc in enumerate(docs):
        target = (1, 20)[k % 2] * 1024
        assert abs(len(doc.encode()) - target) <= max(0.2 * target, 2500), (k, len(doc.encode()))
    long_lines = [set(line for line in doc.splitlines() if len(line) > 60) for doc in docs]
    assert all(a.isdisjoint(b) for i, a in enumerate(long_lines) for b in long_lines[i + 1:])


def test_the_article_of_a_grown_document_is_kept() -> None:
    shape = bench.templates(ROOT / "corpus")[0]
    doc = bench.documents([shape], 1, (10,))[0]
    article = Cleaner().clean(doc)
    assert len(article.body) >= 10 and not set(shape.head) & set(article.body)


def test_without_a_corpus_documents_come_from_the_rule_examples() -> None:
    shapes = bench.templates(None)
    assert len(shapes) >= 10 and all(shape.body for shape in shapes)
    assert len(bench.documents(shapes, 5, (2,))) == 5


def test_the_command_reports_every_run() -> None:
    result = CliRunner().invoke(app, ["bench", "-n", "80", "--sizes", "1,2", "-j", "2", "--no-peer",
                                      "--corpus", str(ROOT / "corpus"), "--format", "json"])
    assert result.exit_code == 0, result.output
    runs = json.loads(result.output)["runs"]
    assert [r["name"] for r in runs] == ["cleaner, 1 job", "cleaner, 2 jobs"]
    # Both timed after the same warm-up (a two-worker pool's first round of 32-document chunks).
    assert runs[0]["documents"] == runs[1]["documents"] == 80 - 2 * 32
    assert runs[0]["start_up_s"] > 0 and runs[1]["start_up_s"] > 0
    assert all(r["docs_per_s"] > 0 and r["peak_rss_mb"] > 0 for r in runs)
    # This process's CPU time: a single job's rate per CPU second; not a pool's, whose workers are other processes.
    assert runs[0]["docs_per_cpu_s"] > 0 and runs[1]["docs_per_cpu_s"] is None
    bad = CliRunner().invoke(app, ["bench", "--sizes", "big"])
    assert bad.exit_code == 2 and "--sizes" in bad.output


def test_real_renderings_are_timed_beside_trafilatura_on_their_html(tmp_path) -> None:  # type: ignore[no-untyped-def]
    prose = "The council voted on Tuesday to extend the tram line to the northern suburbs of the city. "
    pages = [{"id": str(k), "html": f"<html><body><h1>Tram {k}</h1><p>{prose * 3}</p></body></html>",
              "text_htmltext": f"Home\nNews\nTram {k}\n{prose * 3}\nShare this:"} for k in range(70)]
    path = tmp_path / "pages.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in pages), encoding="utf-8")
    result = CliRunner().invoke(app, ["bench", "--from", str(path), "--mode", "text_htmltext", "-j", "1",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["mode"] == "text_htmltext"
    single, peer = data["runs"]
    assert single["name"] == "cleaner, 1 job" and peer["name"] == "trafilatura.extract"
    assert peer["documents"] == 70
    html_mb = sum(len(p["html"].encode()) for p in pages) / 1e6
    assert abs(peer["megabytes"] - html_mb) < 0.001  # trafilatura's MB/s counts the HTML it read
    assert single["docs_per_cpu_s"] > 0 and peer["docs_per_cpu_s"] > 0
    missing = CliRunner().invoke(app, ["bench", "--from", str(path), "--mode", "text_bs4"])
    assert missing.exit_code == 1 and "text_bs4" in missing.output


def test_cases_with_no_article_are_no_template(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A case whose expected body is empty (a page with no article) has nothing to grow: documents() looped
    for ever on it."""
    for name, body in (("a", []), ("b", ["The council approved the plan on Tuesday after a long debate."])):
        (tmp_path / name).mkdir()
        (tmp_path / name / "raw.txt").write_text("Menu\n" + "\n".join(body) + "\nFooter\n")
        (tmp_path / name / "expected.json").write_text(json.dumps({"headline": None, "body": body}))
    shapes = bench.templates(tmp_path)
    assert len(shapes) == 1
    assert len(bench.documents(shapes, 4, (1,))) == 4
