"""The command line: outputs, errors and exit codes, and the public JSONL contract (run as a real process)."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.engine import Cleaner
from conftest import ROOT

ARTICLE = """Home › News
Otters return to the river

Wildlife volunteers recorded thirty otters along the river during their annual spring survey, the highest figure yet.

The survey relies on volunteers who walk the banks at dawn looking for tracks and feeding signs, and this year many more took part.
Share this:
"""

SITE_RULE = """[[rule]]
id = "test-mugs"
category = "advert"
languages = ["*"]
action = "drop"
patterns = ['^buy our mugs$']
sites = ["example.com"]
description = "A shop teaser on example.com."
match = ["Buy our mugs"]
keep = ["We bought mugs."]
"""

runner = CliRunner()
ENGINE = Cleaner()  # built once: compiling the packs is the slow part


def run(*args: str, input: str | bytes | None = None, columns: int = 100):
    return runner.invoke(app, list(args), input=input, env={"COLUMNS": str(columns)})


def test_single_file_goes_to_stdout_as_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("clean", str(tmp_path / "a.txt"))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ENGINE.clean(ARTICLE).to_text()
    assert "volunteers recorded thirty otters" in result.stdout


def test_json_output_names_source_and_encoding(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(("Заголовок статьи\n\n" + "Это первый абзац статьи, в котором есть достаточно слов для проверки. " * 3).encode("cp1251"))
    result = run("clean", str(path), "--output-format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["source"] == str(path) and data["encoding"] == "cp1251"
    assert any("первый абзац" in p for p in data["body"])


def test_markdown_output(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    result = run("clean", str(tmp_path / "a.txt"), "--output-format", "markdown")
    assert result.stdout == ENGINE.clean(ARTICLE).to_markdown()


def test_folder_is_mirrored_under_the_output_folder(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(ARTICLE)
    (src / "sub" / "b.text").write_text(ARTICLE)
    (src / ".hidden.txt").write_text(ARTICLE)
    result = run("clean", str(src), "-o", str(tmp_path / "out"), "--output-format", "markdown")
    assert result.exit_code == 0, result.stderr
    written = sorted(str(p.relative_to(tmp_path / "out")) for p in (tmp_path / "out").rglob("*"))
    assert written == ["a.md", "sub", "sub/b.md"]
    assert (tmp_path / "out" / "sub" / "b.md").read_text() == ENGINE.clean(ARTICLE).to_markdown()


def test_several_inputs_without_output_folder(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE)
    refused = run("clean", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"))
    assert refused.exit_code == 2
    assert "-o DIR" in refused.stderr and refused.stdout == ""
    result = run("clean", str(tmp_path), "--output-format", "jsonl")
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]


def test_a_bad_input_fails_alone_in_one_line(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.bin").write_bytes(b"\x00\x01\x02 binary")
    (src / "b.txt").write_text(ARTICLE)
    (src / "c.txt").write_text("  \n")
    result = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"cleaner: {src / 'a.bin'}: looks like a binary file, not text (pass text files only)",
        f"cleaner: {src / 'c.txt'}: empty document (skip it or check the input)",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b.txt"]
    debug = run("clean", str(src / "a.bin"), "--debug")
    assert "Traceback" in debug.stderr and debug.exit_code == 1


def test_bad_rule_file_stops_before_anything_runs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "bad.toml").write_text("[[rule]\nid=")
    result = run("clean", str(tmp_path / "a.txt"), "--rules", str(tmp_path / "bad.toml"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [result.stderr.strip()] and "bad.toml: not valid TOML" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_output_onto_the_inputs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("clean", str(tmp_path), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "would overwrite an input" in result.stderr
    assert (tmp_path / "a.txt").read_text() == ARTICLE
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_stdin_starting_with_a_brace_is_read_as_jsonl() -> None:
    result = run("clean", "-", input='\n{"id": "x", "text": "Some text of an article that is long enough to stay."}\n')
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["id"] == "x" and "body" in record and "text" not in record


def test_jsonl_input_with_text_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    result = run("clean", str(tmp_path / "a.jsonl"), "--output-format", "text")
    assert result.exit_code == 1 and "--output-format jsonl" in result.stderr


def test_jsonl_file_to_output_folder(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "batch.jsonl").write_text('{"id": 1, "text": "One paragraph of text."}\nnot json\n{"id": 2, "text": "Two."}\n')
    result = run("clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"{tmp_path / 'in' / 'batch.jsonl'}:2: invalid JSON" in result.stderr
    lines = (tmp_path / "out" / "batch.jsonl").read_text().splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2]


# --- the public JSONL contract, through a real process ---------------------------------------------

CONTRACT = ["clean", "--input-format", "jsonl", "--output-format", "jsonl", "-"]


def _process(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", *args]


def _env() -> dict[str, str]:
    """The package from this checkout, and stdout buffered as it is in a real pipeline."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}
    return {**env, "PYTHONPATH": str(ROOT)}


def test_jsonl_contract(tmp_path: Path) -> None:
    rules = tmp_path / "site.toml"
    rules.write_text(SITE_RULE)
    good = [
        {"id": "first", "url": "https://news.example.com/a", "text": ARTICLE + "Buy our mugs\n", "lang": "en", "n": [1, 2]},
        {"id": 2, "text": "Ein kurzer Text.\n\nNoch ein Absatz mit mehreren Wörtern, der bleiben soll.", "meta": {"k": None}},
        {"id": "third", "text": ARTICLE},
    ]
    lines = [json.dumps(good[0]), "{broken", json.dumps(good[1]), json.dumps({"id": "no-text"}), "", json.dumps(good[2])]
    proc = subprocess.run(_process(*CONTRACT, "--rules", str(rules)), input="\n".join(lines) + "\n",
                          capture_output=True, text=True, env=_env(), timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == [
        "cleaner: <stdin>:2: invalid JSON: Expecting property name enclosed in double quotes at column 2 (fix or remove the line)",
        "cleaner: <stdin>:4: no 'text' field (give every record a string 'text')",
    ]
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == ["first", 2, "third"]
    engine = Cleaner.from_rule_files([rules])
    for record, got in zip(good, out):
        article = engine.clean(record["text"], source=record.get("url"))
        assert got["body"] == "\n\n".join(article.body)
        assert got["removed"] == [r.to_dict() for r in article.removed]
        for key in ("headline", "subheadline", "dateline", "date", "byline", "language"):
            assert got[key] == getattr(article, key)
        for key, value in record.items():
            if key != "text":
                assert got[key] == value
        assert "text" not in got
    assert "otters" in out[0]["body"]


def test_jsonl_contract_all_good_exits_0_and_console_script_if_installed() -> None:
    record = json.dumps({"id": "a", "text": "Eine Zeile Text."}) + "\n"
    commands = [_process(*CONTRACT)]
    if script := _console_script():
        commands.append([script, *CONTRACT])
    for command in commands:
        proc = subprocess.run(command, input=record, capture_output=True, text=True, env=_env(), timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["a"]


def _console_script() -> str | None:
    script = Path(sys.executable).with_name("cleaner")
    return str(script) if script.exists() else None


def test_jsonl_output_is_flushed_per_record() -> None:
    """A pipeline gets each record as soon as it is cleaned, before stdin is closed."""
    proc = subprocess.Popen(_process(*CONTRACT), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=_env())
    try:
        proc.stdin.write(json.dumps({"id": "live", "text": "A first paragraph of text."}) + "\n")
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no output while stdin is still open"
        assert json.loads(proc.stdout.readline())["id"] == "live"
    finally:
        proc.stdin.close()
        proc.wait(timeout=60)
    assert proc.returncode == 0


# --- explain, rules, eval --------------------------------------------------------------------------

def test_explain_text_shows_every_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("explain", str(tmp_path / "a.txt"), columns=60)
    assert result.exit_code == 0, result.stderr
    reports = ENGINE.explain(ARTICLE)
    numbered = [line for line in result.stdout.splitlines() if line[:4].strip().isdigit()]
    assert [int(line.split()[0]) for line in numbered] == [r.line for r in reports]
    assert [line.split()[1] for line in numbered] == [r.verdict for r in reports]
    assert all(len(line) <= 60 for line in result.stdout.splitlines())
    assert any(line.endswith("…") for line in result.stdout.splitlines())


def test_explain_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    result = run("explain", str(tmp_path / "a.txt"), "--format", "json")
    data = json.loads(result.stdout)
    assert data == [r.to_dict() for r in ENGINE.explain(ARTICLE)]
    assert {"line", "text", "verdict", "rule", "fired", "features"} <= set(data[0])


def test_explain_refuses_a_folder(tmp_path: Path) -> None:
    result = run("explain", str(tmp_path))
    assert result.exit_code == 1 and "explain takes one file" in result.stderr


def test_rules_lists_user_rules_and_filters(tmp_path: Path) -> None:
    (tmp_path / "site.toml").write_text(SITE_RULE)
    listed = run("rules", "--rules", str(tmp_path / "site.toml"))
    assert listed.exit_code == 0
    line = next(line for line in listed.stdout.splitlines() if line.startswith("test-mugs"))
    assert line.split()[:4] == ["test-mugs", "advert", "*", "drop"]
    assert "test-mugs" not in run("rules", "--rules", str(tmp_path / "site.toml"), "--category", "share").stdout
    data = json.loads(run("rules", "--rules", str(tmp_path / "site.toml"), "--language", "de", "--format", "json").stdout)
    mugs = next(r for r in data if r["id"] == "test-mugs")
    assert mugs["sites"] == ["example.com"] and mugs["origin"] == str(tmp_path / "site.toml")
    assert all("*" in r["languages"] or "de" in r["languages"] for r in data)


def test_eval_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    case = tmp_path / "corpus" / "case-1"
    case.mkdir(parents=True)
    (case / "raw.txt").write_text(ARTICLE)
    article = ENGINE.clean(ARTICLE)
    (case / "expected.json").write_text(json.dumps(
        {"language": "en", "headline": article.headline, "dateline": article.dateline, "byline": None,
         "body": list(article.body), "notes": "the cleaner's own output"}))
    text = run("eval", str(tmp_path / "corpus"))
    assert text.exit_code == 0
    assert text.stdout.startswith("cases 1, perfect 1;")
    data = json.loads(run("eval", str(tmp_path / "corpus"), "--format", "json").stdout)
    assert data["cases"] == 1 and data["body"]["f1"] == 1.0
    missing = run("eval", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1 and "not a folder" in missing.stderr


def test_an_unreadable_file_in_a_folder_fails_alone(tmp_path: Path, monkeypatch) -> None:
    """chmod cannot make a file unreadable for root (CI runs as root), so the OS refusal is simulated."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (src / "b.txt").write_text(ARTICLE, encoding="utf-8")
    real_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):
        if self.name == "b.txt" and args[:1] == ("rb",):
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    result = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "b.txt: cannot read: Permission denied" in result.stderr
    assert (tmp_path / "out" / "a.txt").is_file() and not (tmp_path / "out" / "b.txt").exists()


def test_a_lone_surrogate_in_a_record_does_not_sink_the_batch(tmp_path: Path) -> None:
    r"""'\ud800' in any field (id, text, a passed-through one) used to abort with a UnicodeEncodeError:
    neither -o nor --errors was written."""
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"id": "a\\ud800", "text": "Word \\ud83d and more words of a sentence here.", "x": ["\\udfff"]}\n'
        '{"id": "b", "text": "Plain text of the second record."}\n'
        '{"id": "c", "text": "Third.", "n": NaN}\n', encoding="utf-8")
    result = run("clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--errors", str(tmp_path / "err.jsonl"))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == ["a\ud800", "b"]
    assert out[0]["body"] == "Word \ud83d and more words of a sentence here." and out[0]["x"] == ["\udfff"]
    (error,) = [json.loads(line) for line in (tmp_path / "err.jsonl").read_text().splitlines()]
    assert error["line"] == 3 and "NaN is not a JSON number" in error["reason"]


def test_a_bad_url_names_no_site_in_a_record_or_from_the_option(tmp_path: Path) -> None:
    """`http://[::1` made urlsplit raise: 0 records out from a JSONL file, a failure from --url."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "One paragraph.", "url": "http://[::1"}\n{"id": 2, "text": "Two."}\n')
    result = run("clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--url", "http://[zz]/")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()] == [1, 2]
    (tmp_path / "a.txt").write_text(ARTICLE)
    text = run("clean", str(tmp_path / "a.txt"), "--url", "http://[::1")
    assert text.exit_code == 0 and "Otters return to the river" in text.stdout


def test_jsonl_from_a_pipe_path_or_a_fifo_is_read_once(tmp_path: Path) -> None:
    """The learning pass read the pipe to its end: 0 records out, exit 0; a FIFO's second open waited forever."""
    records = '{"id": 1, "text": "One paragraph."}\n{"id": 2, "text": "Two."}\n'
    piped = subprocess.run(_process("clean", "--input-format", "jsonl", "/dev/stdin"), input=records,
                           capture_output=True, text=True, env=_env(), timeout=120)
    assert piped.returncode == 0 and [json.loads(line)["id"] for line in piped.stdout.splitlines()] == [1, 2]
    fifo = tmp_path / "records.fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen(_process("clean", "--input-format", "jsonl", str(fifo)), stdout=subprocess.PIPE,
                               text=True, env=_env())
    try:
        with fifo.open("w") as writer:  # opens when the process does
            writer.write(records)
        out, _ = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 0 and [json.loads(line)["id"] for line in out.splitlines()] == [1, 2]
