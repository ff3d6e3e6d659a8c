"""The command line: outputs, errors and exit codes, and the public JSONL contract (run as a real process)."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from typer.testing import CliRunner

import cleaner.io as cleaner_io
from cleaner import batch
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
    assert data["id"] == str(path) and data["encoding"] == "cp1251"
    assert "первый абзац" in data["body"]
    # One shape for JSON and JSONL: the same record, on one line or indented.
    line = run("clean", str(path), "--output-format", "jsonl")
    assert json.loads(line.stdout) == data


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
    (src / "a.txt").write_bytes(b"\x00\x01\x02 binary")
    (src / "b.txt").write_text(ARTICLE)
    (src / "c.txt").write_text("  \n")
    result = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"cleaner: {src / 'a.txt'}: looks like a binary file, not text (pass text files only)",
        f"cleaner: {src / 'c.txt'}: empty document (skip it or check the input)",
    ]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["b.txt"]
    debug = run("clean", str(src / "a.txt"), "--debug")
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
    assert result.exit_code == 2
    assert result.stderr == f"cleaner: -o {tmp_path} is inside the input folder {tmp_path}, where a later run would read it as input (write it elsewhere)\n"
    assert (tmp_path / "a.txt").read_text() == ARTICLE
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_outputs_that_collide_or_land_in_the_input_tree_are_refused(tmp_path: Path) -> None:
    """-o and --errors on one file left the empty errors file; --stats could overwrite a document's output;
    -o equal to an input was a traceback; an output inside the input folder is read by the next run."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(ARTICLE)
    (src / "b.jsonl").write_text('{"id": 1, "text": "One."}\nnot json\n')
    out, same = tmp_path / "out", tmp_path / "same.jsonl"
    cases = {
        ("clean", str(src / "b.jsonl"), "-o", str(same), "--errors", str(same)): f"--errors {same} is the -o file",
        ("clean", str(src / "b.jsonl"), "-o", str(src / "b.jsonl")): f"-o {src / 'b.jsonl'} is an input",
        ("clean", str(src), "-o", str(out), "--stats", str(out / "a.jsonl")):
            f"--stats {out / 'a.jsonl'} is the output of an input under -o",
        ("clean", str(src), "-o", str(src / "cleaned")): f"-o {src / 'cleaned'} is inside the input folder {src}",
        ("clean", str(src), "-o", str(out), "--errors", str(src / "errors.jsonl")):
            f"--errors {src / 'errors.jsonl'} is inside the input folder {src}",
    }
    for args, message in cases.items():
        result = run(*args, "--output-format", "jsonl")
        assert (result.exit_code, result.stderr.splitlines()[0].split(" (")[0].split(", where")[0]) == (2, f"cleaner: {message}")
        assert sorted(p.name for p in tmp_path.iterdir()) == ["in"] and sorted(p.name for p in src.iterdir()) == ["a.txt", "b.jsonl"]
    hidden = run("clean", str(src), "-o", str(src / ".cleaned"), "--output-format", "jsonl")  # hidden: never read as input
    assert hidden.exit_code == 1 and (src / ".cleaned" / "b.jsonl").is_file()


def test_stdin_starting_with_a_brace_is_read_as_jsonl() -> None:
    result = run("clean", "-", input='\n{"id": "x", "text": "Some text of an article that is long enough to stay."}\n')
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["id"] == "x" and "body" in record and "text" not in record


def test_jsonl_input_with_text_output_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n')
    result = run("clean", str(tmp_path / "a.jsonl"), "--output-format", "text")
    assert result.exit_code == 2 and "JSONL input gives JSONL output" in result.stderr


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
    assert all("*" in r["languages"] or "de" in r["languages"] or "en" in r["languages"] for r in data)


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


def _one_line_exit(result, code: int, start: str) -> None:
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert result.exit_code == code and result.stderr.startswith(f"cleaner: {start}"), result.stderr


def test_rule_files_that_crashed_the_loader_are_one_line(tmp_path: Path) -> None:
    """Deep nesting (RecursionError), a category as a list or table (unhashable), a duplicate id (raised
    while compiling, and under -j 2 in every worker: BrokenProcessPool)."""
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.jsonl").write_text('{"id": 1, "text": "One."}\n')
    (tmp_path / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    (tmp_path / "list.toml").write_text(SITE_RULE.replace('category = "advert"', 'category = ["advert"]'))
    (tmp_path / "table.toml").write_text(SITE_RULE.replace('category = "advert"', 'category = {a = 1}'))
    (tmp_path / "action.toml").write_text(SITE_RULE.replace('action = "drop"', 'action = ["drop"]'))
    builtin = ENGINE.rules.rules[0]
    (tmp_path / "dup.toml").write_text(SITE_RULE.replace('id = "test-mugs"', f'id = "{builtin.id}"'))
    (tmp_path / "twice.toml").write_text(SITE_RULE + SITE_RULE)
    for name, start in (("deep", "arrays or tables nested too deep"), ("list", "rule 'test-mugs': category must be"),
                        ("table", "rule 'test-mugs': category must be"), ("action", "rule 'test-mugs': action must be"),
                        ("dup", f"rule '{builtin.id}' is already defined in {builtin.origin}"),
                        ("twice", f"rule 'test-mugs' is already defined in {tmp_path / 'twice.toml'}")):
        rules = str(tmp_path / f"{name}.toml")
        _one_line_exit(run("clean", str(tmp_path / "a.txt"), "--rules", rules), 2, f"{rules}: {start}")
    rules = str(tmp_path / "dup.toml")
    pooled = run("clean", str(tmp_path / "a.txt"), str(tmp_path / "b.jsonl"), "--output-format", "jsonl", "-j", "2", "--rules", rules)
    _one_line_exit(pooled, 2, f"{rules}: rule '{builtin.id}'")


def test_bad_max_size_is_bad_usage(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    for value in ("-1", "inf", "nan", "1e300", "0"):
        for command in ("clean", "explain"):
            _one_line_exit(run(command, str(tmp_path / "a.txt"), "--max-size", value), 2, "--max-size takes a number of MB")
    assert run("clean", str(tmp_path / "a.txt"), "--max-size", "0.01").exit_code == 0


def test_unwritable_or_full_outputs_are_one_line(tmp_path: Path, monkeypatch) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 1, "text": "One."}\nnot json\n')
    (tmp_path / "file").write_text("")
    for option in ("-o", "--errors"):
        target = tmp_path / "file" / "x.jsonl"  # a folder that is a file: cannot be made
        args = ["-o", str(target)] if option == "-o" else ["-o", str(tmp_path / "out.jsonl"), "--errors", str(target)]
        _one_line_exit(run("clean", str(source), *args), 2, f"{target}: cannot write")
    assert not (tmp_path / "out.jsonl").exists()

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cleaner_io.os, "fsync", full)
    result = run("clean", str(source), "-o", str(tmp_path / "out.jsonl"), "--errors", str(tmp_path / "err.jsonl"))
    assert "Traceback" not in result.stderr and result.exit_code == 1
    assert result.stderr.splitlines()[-1].startswith("cleaner: cannot write the outputs: No space left on device")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "in.jsonl"], "no partial output, no temporary file"


def test_a_stdout_that_cannot_encode_utf8_gets_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE.replace("Otters", "Ötters"), encoding="utf-8")
    result = subprocess.run(_process("clean", str(tmp_path / "a.txt")), capture_output=True,
                            env={**_env(), "PYTHONIOENCODING": "ascii"}, timeout=120)
    assert result.returncode == 0 and b"Traceback" not in result.stderr
    assert "Ötters return to the river" in result.stdout.decode("utf-8")


def test_ctrl_c_under_jobs_is_not_a_worker_traceback() -> None:
    """Ctrl-C reaches the process group: each idle worker printed its KeyboardInterrupt traceback."""
    process = subprocess.Popen(_process("clean", "-j", "2", "--input-format", "jsonl", "-"), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(), start_new_session=True)
    try:
        assert process.stdin is not None
        process.stdin.write(b'{"id": 1, "text": "One paragraph of text."}\n' * (batch.CHUNK + 1))
        process.stdin.flush()
        time.sleep(5)  # a chunk went: the workers are up, waiting for the next one
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert b"Traceback" not in err and b"KeyboardInterrupt" not in err, err.decode()


def test_resume_keeps_refusing_names_that_differ_only_by_case(tmp_path: Path) -> None:
    """The first run refuses b.txt's twin B.txt; --resume used to write it beside (or, on a case-insensitive
    disk, over) the first's output."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "B.txt").write_text(ARTICLE)
    (src / "b.txt").write_text(ARTICLE.replace("Otters", "Beavers"))
    for args in ((), ("--resume",)):
        result = run("clean", str(src), "-o", str(tmp_path / "out"), *args)
        assert result.exit_code == 1 and "two inputs map to this output file" in result.stderr
        assert [p.name for p in (tmp_path / "out").iterdir()] == ["B.txt"]


def test_file_names_with_a_newline_or_an_escape_are_quoted(tmp_path: Path) -> None:
    """A name holding a newline forged a second stderr line; a terminal escape could hide or recolour one."""
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a\ncleaner: all good.txt", "b\x1b[2K.txt"):
        (src / name).write_bytes(b"\x00\x01 binary")
    (src / "c.txt").write_text(ARTICLE)
    result = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"cleaner: {str(src / 'a')!r}"[:-1] + "\\ncleaner: all good.txt': looks like a binary file, not text (pass text files only)",
        f"cleaner: {str(src / 'b')!r}"[:-1] + "\\x1b[2K.txt': looks like a binary file, not text (pass text files only)",
    ]


def test_a_closed_stdin_does_not_matter_with_file_inputs(tmp_path: Path) -> None:
    """`cleaner clean a.txt <&-` (some supervisors start programs so): sys.stdin is None, an AttributeError."""
    (tmp_path / "a.txt").write_text(ARTICLE)
    for command in ("clean", "explain"):
        result = subprocess.run(_process(command, str(tmp_path / "a.txt")), capture_output=True, text=True, env=_env(),
                                timeout=120, preexec_fn=lambda: os.close(0))
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
        assert "Otters return to the river" in result.stdout


def test_an_unreadable_subfolder_is_reported_like_an_unreadable_file(tmp_path: Path, monkeypatch) -> None:
    """os.walk skips a folder it cannot list without a word. chmod does not stop root: the refusal is simulated."""
    src = tmp_path / "in"
    (src / "locked").mkdir(parents=True)
    (src / "locked" / "x.txt").write_text(ARTICLE)
    (src / "z.txt").write_text(ARTICLE)
    real_scandir = os.scandir

    def refusing_scandir(path="."):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing_scandir)
    result = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"cleaner: {src / 'locked'}: cannot read folder: Permission denied (check the path and its permissions)"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["z.txt"]


def test_rules_for_a_language_lists_every_rule_that_applies() -> None:
    """`rules --language de` listed the German pack alone (82 rules) where 159 apply: English and shared ones too."""
    listed = [line.split()[0] for line in run("rules", "--language", "de", columns=400).stdout.splitlines()]
    applying = [rule.id for rule in ENGINE.rules.rules if rule.applies_to("de")]
    assert listed[:len(applying)] == applying  # then the heuristics, which apply to every language
    assert "tail-zone" in listed[len(applying):]
    assert any(rule.id in listed for rule in ENGINE.rules.rules if "en" in rule.languages)


def test_help_keeps_brackets_that_are_not_markup() -> None:
    assert "cleaner[ray]" in " ".join(run("clean", "--help", columns=400).stdout.split())


def test_explain_offers_only_one_document_formats() -> None:
    result = run("explain", "-", "--input-format", "jsonl", input="text")
    assert result.exit_code == 2 and "jsonl" in result.output


def test_jsonl_input_with_a_text_output_format_is_bad_usage(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "1", "text": ARTICLE}) + "\n")
    result = run("clean", str(path), "--output-format", "text")
    assert result.exit_code == 2 and "JSONL input gives JSONL output" in result.stderr


def test_an_empty_record_is_an_error_as_an_empty_file_is(tmp_path: Path) -> None:
    records = [{"id": "a", "text": ARTICLE}, {"id": "b", "text": "  \n"}, {"id": "c", "text": ARTICLE}]
    result = run("clean", "--input-format", "jsonl", "-", input="".join(json.dumps(r) + "\n" for r in records))
    assert result.exit_code == 1 and "<stdin>:2: empty document (skip it or check the input)" in result.stderr
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", "c"]
    (tmp_path / "empty.txt").write_text("")
    empty_file = run("clean", str(tmp_path / "empty.txt"))
    assert empty_file.exit_code == 1 and "empty document" in empty_file.stderr


def test_an_output_file_named_jsonl_means_jsonl(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for name in ("out.jsonl", "out.jsonl.gz"):
        result = run("clean", str(tmp_path / "a.txt"), "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / name).exists()
    assert json.loads((tmp_path / "out.jsonl").read_text())["id"] == str(tmp_path / "a.txt")


def test_no_path_reads_a_piped_stdin() -> None:
    piped = subprocess.run([sys.executable, "-m", "cleaner", "clean"], input=ARTICLE, capture_output=True, text=True)
    assert piped.returncode == 0 and "volunteers recorded thirty otters" in piped.stdout


def test_a_folder_run_cleans_documents_and_says_what_it_skipped(tmp_path: Path) -> None:
    """`cleaner clean corpus/ -o cleaned/` cleaned every case's expected.json as an article: 122 outputs for 61."""
    src = tmp_path / "src"
    (src / "case").mkdir(parents=True)
    (src / "case" / "raw.txt").write_text(ARTICLE)
    (src / "case" / "expected.json").write_text('{"body": []}')
    (src / "page.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>")
    (src / "notes").write_text(ARTICLE)  # no suffix: saved pages often have none
    result = run("clean", str(src), "-o", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    outputs = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*") if p.is_file())
    assert outputs == ["case/raw.txt", "notes.txt", "page.txt"]  # text output, named after each input
    assert "skipped 1 files" in result.stderr and ".json: 1" in result.stderr
    named = run("clean", str(src / "case" / "expected.json"))
    assert named.exit_code == 0  # a file named on the command line is cleaned whatever its suffix


def test_rules_explains_one_rule_or_heuristic() -> None:
    rule = ENGINE.rules.rules[0]
    shown = run("rules", rule.id, columns=400)
    assert shown.exit_code == 0 and f"{rule.id}: rule, category {rule.category.value}" in shown.stdout
    assert f"removes: {rule.match[0]}" in shown.stdout and f"keeps:   {rule.keep[0]}" in shown.stdout
    heuristic = run("rules", "tail-zone")
    assert heuristic.exit_code == 0 and heuristic.stdout.startswith("tail-zone: heuristic, category footer")
    unknown = run("rules", "no-such-rule")
    assert unknown.exit_code == 2 and "no rule or heuristic 'no-such-rule'" in unknown.stderr


def test_an_input_list_names_paths_and_globs(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    (crawl / "a").mkdir(parents=True)
    for name in ("a/one.txt", "a/two.txt", "three.txt"):
        (crawl / name).write_text(ARTICLE)
    listing = tmp_path / "list.txt"
    listing.write_text(f"# the crawl\n{crawl / 'three.txt'}\n\n{crawl}/a/*.txt\n")
    result = run("clean", "--input-file", str(listing), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0, result.stderr
    ids = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert ids == [str(crawl / "three.txt"), str(crawl / "a" / "one.txt"), str(crawl / "a" / "two.txt")]
    listing.write_text(f"{crawl}/nothing/*.txt\n")
    bad = run("clean", "--input-file", str(listing))
    assert bad.exit_code == 2 and "names no file" in bad.stderr
