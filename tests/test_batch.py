"""Batches: worker processes, compressed files, the errors file, figures, resuming a folder run."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
PARAGRAPH = ("Volunteers counted {n} otters along the river this spring, the highest figure since the survey "
             "began, and the council promised to keep the banks free of new building for another ten years.")


def _records(n: int, bad_every: int = 0) -> str:
    lines = []
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            lines.append(f'{{"id": {i}, "text": ')  # cut off: not JSON
            continue
        text = f"Share on Facebook\nOtter count {i}\n{PARAGRAPH.format(n=i)}\n{PARAGRAPH.format(n=i + 1)}\n"
        lines.append(json.dumps({"id": i, "text": text, "source_name": "river-news"}))
    return "\n".join(lines) + "\n"


def run(*args: str):
    return runner.invoke(app, list(args))


def test_workers_give_the_same_output_in_the_same_order(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(_records(300))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("clean", str(data), "-o", str(one), "-j", "1").exit_code == 0
    assert run("clean", str(data), "-o", str(two), "-j", "2").exit_code == 0
    assert one.read_bytes() == two.read_bytes()
    ids = [json.loads(line)["id"] for line in one.read_text().splitlines()]
    assert ids == list(range(300))


def test_compressed_inputs_and_outputs_by_extension(tmp_path: Path) -> None:
    text = _records(5)
    for suffix, opener in ((".gz", gzip.open), (".bz2", bz2.open), (".xz", lzma.open)):
        source = tmp_path / f"in{suffix}.jsonl{suffix}"
        with opener(source, "wt", encoding="utf-8") as f:
            f.write(text)
        target = tmp_path / f"out{suffix}.jsonl{suffix}"
        result = run("clean", str(source), "-o", str(target))
        assert result.exit_code == 0, result.stderr
        with opener(target, "rt", encoding="utf-8") as f:
            out = [json.loads(line) for line in f]
        assert [o["id"] for o in out] == list(range(5)) and all(o["source_name"] == "river-news" for o in out)


def test_a_corrupt_compressed_file_is_one_error(tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl.gz"
    source.write_bytes(gzip.compress(_records(3).encode())[:40])
    result = run("clean", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 1
    assert "bad.jsonl.gz" in result.stderr and "corrupt compressed data" in result.stderr
    assert (tmp_path / "out.jsonl").read_text() == "", "no record could be read, none is written"


def test_bad_records_go_to_the_errors_file_and_the_rest_is_written(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(_records(200, bad_every=100))
    errors, stats, out = tmp_path / "errors.jsonl", tmp_path / "stats.json", tmp_path / "out.jsonl"
    result = run("clean", str(data), "-o", str(out), "--errors", str(errors), "--stats", str(stats), "-j", "2")
    assert result.exit_code == 1
    failed = [json.loads(line) for line in errors.read_text().splitlines()]
    assert [(f["line"], f["source"]) for f in failed] == [(100, str(data)), (200, str(data))]
    assert all("invalid JSON" in f["reason"] for f in failed)
    assert len(out.read_text().splitlines()) == 198
    figures = json.loads(stats.read_text())
    assert figures["documents"] == 198 and figures["failed"] == 2
    assert figures["removed"]["share"] == 198


def test_field_names_are_options(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"key": "k1", "content": PARAGRAPH.format(n=3)}) + "\n" + json.dumps({"key": "k2"}) + "\n")
    errors = tmp_path / "errors.jsonl"
    result = run("clean", str(data), "--text-field", "content", "--id-field", "key", "--errors", str(errors))
    assert result.exit_code == 1
    [out] = [json.loads(line) for line in result.stdout.splitlines()]
    assert out["key"] == "k1" and "content" not in out and out["body"]
    assert json.loads(errors.read_text())["id"] == "k2"


def test_resume_skips_finished_outputs(tmp_path: Path) -> None:
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text(PARAGRAPH.format(n=i))
    assert run("clean", str(src), "-o", str(out)).exit_code == 0
    (out / "1.txt").unlink()
    (out / "0.txt").write_text("kept as it was")
    stats = tmp_path / "stats.json"
    assert run("clean", str(src), "-o", str(out), "--resume", "--stats", str(stats)).exit_code == 0
    assert (out / "0.txt").read_text() == "kept as it was"
    assert (out / "1.txt").read_text().strip() == PARAGRAPH.format(n=1)
    assert json.loads(stats.read_text())["skipped"] == 2


def test_inputs_whose_names_differ_only_by_case_do_not_overwrite_each_other(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "Story.txt").write_text(PARAGRAPH.format(n=1))
    (src / "story.txt").write_text(PARAGRAPH.format(n=2))
    result = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "names may differ only by case" in result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["Story.txt"]


def test_symlinks_out_of_the_tree_are_followed_only_when_asked(tmp_path: Path) -> None:
    src, elsewhere = tmp_path / "in", tmp_path / "elsewhere"
    src.mkdir()
    elsewhere.mkdir()
    (src / "own.txt").write_text(PARAGRAPH.format(n=1))
    (elsewhere / "far.txt").write_text(PARAGRAPH.format(n=2))
    (src / "link.txt").symlink_to(elsewhere / "far.txt")
    (src / "linked").symlink_to(elsewhere, target_is_directory=True)
    assert run("clean", str(src), "-o", str(tmp_path / "out")).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").rglob("*.txt")) == ["own.txt"]
    assert run("clean", str(src), "-o", str(tmp_path / "out2"), "--follow-symlinks").exit_code == 0
    assert sorted(str(p.relative_to(tmp_path / "out2")) for p in (tmp_path / "out2").rglob("*.txt")) == [
        "link.txt", "linked/far.txt", "own.txt"]


def test_a_folder_run_costs_each_file_the_same_whatever_their_number(tmp_path: Path, monkeypatch) -> None:
    """Path lookups (resolving symlinks: a system call per path part) grow with the files, not with
    their square: a crawl of 100,000 files costs 100,000 times one (issue 16, item 14)."""
    calls = 0
    resolve = Path.resolve

    def counted(self: Path, strict: bool = False) -> Path:
        nonlocal calls
        calls += 1
        return resolve(self, strict)

    monkeypatch.setattr(Path, "resolve", counted)
    per_run = []
    for n in (40, 160):
        src = tmp_path / f"in{n}"
        src.mkdir()
        for i in range(n):
            (src / f"{i}.txt").write_text(PARAGRAPH.format(n=i))
        calls = 0
        assert run("clean", str(src), "-o", str(tmp_path / f"out{n}"), "-j", "1", "--no-site-repeat").exit_code == 0
        per_run.append(calls)
    assert per_run[1] <= 4 * per_run[0] * 1.2, per_run


def _render_or_die(article, meta: dict, name: str) -> str:
    """A `batch.Render` whose worker is killed (as by the OOM killer) on the record marked "poison"."""
    import os
    import signal

    if meta["fields"].get("poison"):
        os.kill(os.getpid(), signal.SIGKILL)
    return json.dumps(meta["fields"]["id"]) + "\n"


def test_a_killed_worker_costs_its_chunk_not_the_batch(monkeypatch) -> None:
    """Issue 16, item 9: the pool is started again, the lost chunk's documents are errors (one each),
    every other document is cleaned, in order."""
    from pathlib import PurePath

    from cleaner.batch import pool as batch
    from cleaner.io import Source

    monkeypatch.setattr(batch, "CHUNK", 4)
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)  # a pool even on one core: the render kills its process
    source = Source(Path("in.jsonl"), PurePath("in.jsonl"))
    units = [batch.Unit(source, PARAGRAPH.format(n=i), meta={"fields": {"id": i, "poison": i == 17}, "line": i + 1})
             for i in range(40)]
    out = list(batch.clean_units(units, None, jobs=2, render=_render_or_die))
    assert [u.meta["line"] for u in out] == list(range(1, 41))
    failed = [u for u in out if u.error is not None]
    lost = range(16, 20)  # the poisoned record's chunk
    assert [u.meta["line"] - 1 for u in failed] == list(lost)
    assert all(str(u.error).startswith(f"in.jsonl:{u.meta['line']}: lost: the worker process") for u in failed)
    assert [json.loads(u.output or "") for u in out if u.error is None] == [i for i in range(40) if i not in lost]


def test_resume_removes_the_temporary_files_of_a_killed_run(tmp_path: Path) -> None:
    """Issue 16, item 22: a run killed mid-write leaves its temporary file; --resume deletes it."""
    src, out = tmp_path / "in", tmp_path / "out"
    (src / "sub").mkdir(parents=True)
    (src / "sub" / "a.txt").write_text(PARAGRAPH.format(n=1))
    (out / "sub").mkdir(parents=True)
    left = out / "sub" / ".a.txt.k3x_9q2z.tmp"
    left.write_text("half an output")
    (out / ".notes").write_text("the user's own")
    assert run("clean", str(src), "-o", str(out), "--resume").exit_code == 0
    assert not left.exists() and (out / ".notes").exists()
    assert (out / "sub" / "a.txt").read_text().strip() == PARAGRAPH.format(n=1)


def test_workers_are_one_per_core_at_most(monkeypatch) -> None:
    """-j 100000 must not start 100,000 processes (issue 16, item 22)."""
    from cleaner.batch import pool as batch

    started = []

    class Recorded(batch.ProcessPoolExecutor):
        def __init__(self, workers: int, **kwargs) -> None:
            started.append(workers)
            assert workers <= 2, "more workers than cores"
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Recorded)
    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    units = [batch.Unit(None, PARAGRAPH.format(n=i)) for i in range(3)]
    out = list(batch.clean_units(units, None, jobs=100_000))
    assert started == [2] and all(u.article is not None and u.article.body for u in out)


def test_text_in_flight_is_bounded_in_characters_not_documents(monkeypatch) -> None:
    """Issue 16, item 20: big documents do not pile up between reading and writing (100 records of
    5 MB under -j 2 once held 2 GB); here the bounds are shrunk so that small documents test them."""
    from cleaner.batch import pool as batch

    monkeypatch.setattr(batch, "default_jobs", lambda: 2)
    monkeypatch.setattr(batch, "CHUNK_CHARS", 5_000, raising=False)
    monkeypatch.setattr(batch, "IN_FLIGHT_CHARS_PER_JOB", 20_000, raising=False)
    document = "\n".join(PARAGRAPH.format(n=i) for i in range(50))  # ~10,000 characters
    read = written = peak = 0

    def units():
        nonlocal read
        for i in range(30):
            read += len(document)
            yield batch.Unit(None, document, meta={"i": i})

    for unit in batch.clean_units(units(), None, jobs=2):
        assert unit.article is not None
        written += len(document)
        peak = max(peak, read - written)
    assert written == 30 * len(document)
    assert peak <= 2 * 20_000 + 2 * len(document), f"{peak} characters in flight"


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    """Issue 16, item 18: --follow-symlinks enters each folder once, whatever links lead back to it."""
    from itertools import islice

    from cleaner.io import _walk

    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(PARAGRAPH.format(n=1))
    (src / "sub" / "b.txt").write_text(PARAGRAPH.format(n=2))
    (src / "sub" / "back").symlink_to(src, target_is_directory=True)
    (src / "sub" / "here").symlink_to(src / "sub", target_is_directory=True)
    walked = islice(_walk(src, follow_symlinks=True), 10)  # lazily: before the fix, the walk had no end
    assert sorted(str(s.relative) for s in walked) == ["a.txt", "sub/b.txt"]


def test_a_file_swapped_for_a_symlink_after_the_walk_is_not_followed(tmp_path: Path) -> None:
    """Issue 16, item 18: the walk found a plain file; a symlink put in its place is not read through."""
    import sys

    import pytest

    from cleaner.io import InputError, expand, open_source

    src, secret = tmp_path / "in", tmp_path / "secret.txt"
    src.mkdir()
    secret.write_text("not for the batch")
    (src / "a.txt").write_text(PARAGRAPH.format(n=1))
    [source] = expand(str(src))
    (src / "a.txt").unlink()
    (src / "a.txt").symlink_to(secret)
    with pytest.raises(InputError, match="became a symlink after its folder was read"), \
            open_source(source, sys.stdin.buffer) as stream:
        stream.read()


def test_stats_count_removals_per_rule_and_pages_with_no_article(tmp_path: Path) -> None:
    error_page = "Site\nNews\nPage not found\nSorry, the page you are looking for does not exist.\nFooter\n"
    data = tmp_path / "in.jsonl"
    data.write_text(_records(40) + json.dumps({"id": "404", "text": error_page}) + "\n")
    stats, out = tmp_path / "stats.json", tmp_path / "out.jsonl"
    for jobs in ("1", "2"):
        assert run("clean", str(data), "-o", str(out), "--stats", str(stats), "-j", jobs).exit_code == 0
        figures = json.loads(stats.read_text())
        assert figures["documents"] == 41
        assert figures["no_article"] == 1 and figures["no_article_by_kind"] == {"error-page": 1}
        assert sum(figures["removed_by_rule"].values()) == sum(figures["removed"].values())
        assert figures["removed_by_rule"]["error-page"] >= 4


def test_the_reader_and_the_worker_spec_travel_by_pickle(tmp_path: Path) -> None:
    """Workers and Ray get what they build from by pickle: the worker spec (rule files, options, templates,
    how to render) and the reader (how a source becomes units); each must come back able to do its work."""
    import pickle
    from functools import partial
    from pathlib import PurePath

    from cleaner.batch import ReadOptions, Reader, WorkerSpec, output
    from cleaner.io import OutputFormat, Source

    spec = pickle.loads(pickle.dumps(WorkerSpec(render=partial(output, fmt=OutputFormat.TEXT))))
    article = spec.cleaner().clean(f"Share on Facebook\n{PARAGRAPH.format(n=1)}")
    assert spec.render is not None and spec.render(article, {}, "a.txt") == PARAGRAPH.format(n=1) + "\n"
    page = tmp_path / "page.txt"
    page.write_text(f"<!DOCTYPE html><html><body><article><p>{PARAGRAPH.format(n=2)}</p></article></body></html>")
    reader = pickle.loads(pickle.dumps(Reader(ReadOptions(), OutputFormat.TEXT)))
    [opened, document, closed] = reader(Source(page, PurePath("page.txt")))
    assert opened.meta == {"marker": "open"} and closed.meta == {"marker": "close"}
    assert document.html and isinstance(document.text, bytes)  # a page by its start, whatever its name
