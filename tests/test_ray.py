"""Ray: datasets cleaned by actors give `clean_records`' records, and `--engine ray` writes what the local engine writes.

One Ray instance (2 CPUs) serves the module: Ray takes seconds to start. The command line runs as a
real process that joins it with --address, except in the first test, which lets it start its own.
"""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import subprocess
import sys
from pathlib import Path
from typing import Any
from collections.abc import Iterator

import pytest

ray = pytest.importorskip("ray")

from typer.testing import CliRunner  # noqa: E402

from cleaner import Cleaner, Fields, clean_records  # noqa: E402
from cleaner.cli import app  # noqa: E402
from cleaner.integrations.ray import CleanBatch, as_record, clean_dataset  # noqa: E402
from conftest import CORPUS  # noqa: E402

TEMPLATE_LINE = "Ashbridge Courier newsroom, call 0800 555 0100"
BROKEN = '{"id": "no-text", "url": null}\nnot json\n'
MUG_RULE = """[[rule]]
id = "test-mugs"
category = "advert"
languages = ["*"]
action = "drop"
patterns = ['^buy our mugs$']
description = "A shop teaser."
match = ["Buy our mugs"]
keep = ["We bought mugs."]
"""


def corpus_records(n: int) -> list[dict[str, Any]]:
    """`n` records made from the corpus cases; every other one comes from one site whose template line it carries."""
    cases = sorted(path.parent for path in CORPUS.glob("*/raw.txt"))
    records = []
    for i in range(n):
        case = cases[i % len(cases)]
        text = (case / "raw.txt").read_text(encoding="utf-8")
        on_site = i % 2 == 0
        records.append({"id": f"{i}-{case.name}", "text": text + f"\n{TEMPLATE_LINE}\n" if on_site else text,
                        "url": f"https://courier.example/{i}" if on_site else None})
    return records


def jsonl(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)


def clean_cli(*args: str, address: str | None = None) -> subprocess.CompletedProcess[str]:
    """`cleaner clean --engine ray` as a real process (Ray cannot start twice in the test process)."""
    where = ["--address", address] if address else []
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", "--engine", "ray", *where, *args],
                          capture_output=True, text=True, timeout=300)


def clean_local(*args: str) -> Any:
    return CliRunner().invoke(app, ["clean", "-j", "1", *args])


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("cleaner:")]


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL file of 180 corpus records (more than one block: several actors share it), one record
    without text and a line that is not JSON, and the same compressed."""
    folder = tmp_path_factory.mktemp("ray")
    text = jsonl(corpus_records(180)) + BROKEN
    (folder / "in.jsonl").write_text(text, encoding="utf-8")
    (folder / "in.jsonl.gz").write_bytes(gzip.compress(text.encode()))
    (folder / "in.jsonl.bz2").write_bytes(bz2.compress(text.encode()))
    (folder / "in.jsonl.xz").write_bytes(lzma.compress(text.encode()))
    return folder


# First, before the module's instance starts: the command line starting a Ray instance of its own.
def test_cli_on_its_own_ray_instance_writes_what_the_local_engine_writes(data: Path) -> None:
    local = clean_local(str(data / "in.jsonl"), "-o", str(data / "local.jsonl"))
    on_ray = clean_cli("-j", "2", "-q", str(data / "in.jsonl"), "-o", str(data / "ray.jsonl"))
    assert (local.exit_code, on_ray.returncode) == (1, 1), on_ray.stderr
    assert (data / "ray.jsonl").read_bytes() == (data / "local.jsonl").read_bytes()
    # The same failures, named the same way, and left out of the output (no half-written file either).
    # -q: the command line's own error lines and nothing of Ray's (it printed five log lines, one at error level).
    assert on_ray.stderr.splitlines() == errors(on_ray.stderr)
    assert errors(on_ray.stderr) == errors(local.stderr) == [
        f"cleaner: {data / 'in.jsonl'}:181: no 'text' field (give every record a string 'text')",
        f"cleaner: {data / 'in.jsonl'}:182: invalid JSON: Expecting value at column 1 (fix or remove the line)",
    ]
    out = [json.loads(line) for line in (data / "ray.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in out] == [r["id"] for r in corpus_records(180)], "input order"
    # The site template learned in the first pass reached the actors.
    assert all(any(r["rule"] == "site-repeat" for r in record["removed"]) for record in out[::2])
    assert not [p.name for p in data.iterdir() if p.name.startswith(".")]


@pytest.fixture(scope="module")
def address() -> Iterator[str]:
    context = ray.init(num_cpus=2, include_dashboard=False)
    ray.data.DataContext.get_current().execution_options.preserve_order = True
    try:
        yield context.address_info["gcs_address"]
    finally:
        ray.shutdown()


def test_clean_dataset_rows_are_clean_records(address: str) -> None:
    records = corpus_records(50) + [{"id": "no-text", "url": None}]
    rows = clean_dataset(ray.data.from_items(records), concurrency=2).take_all()
    assert [as_record(row) for row in rows] == clean_records(records)
    # In the table every row has every column: null where clean_records leaves the key out.
    assert rows[0]["error"] is None and rows[0]["body"]
    assert rows[-1]["error"] == "no 'text' field" and rows[-1]["headline"] is None and "text" not in rows[-1]


def test_clean_batch_takes_rule_files_and_field_names(address: str, tmp_path: Path) -> None:
    (tmp_path / "mugs.toml").write_text(MUG_RULE, encoding="utf-8")
    records = [{"key": i, "content": "Buy our mugs\n" + r["text"]} for i, r in enumerate(corpus_records(4))]
    fields = Fields(text="content", id="key")
    ds = ray.data.from_items(records).map_batches(
        CleanBatch, fn_constructor_kwargs={"rules": [str(tmp_path / "mugs.toml")], "fields": fields},
        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=1))
    rows = [as_record(row) for row in ds.take_all()]
    assert rows == clean_records(records, cleaner=Cleaner.from_rule_files([tmp_path / "mugs.toml"]), fields=fields)
    assert all(r["removed"][0] == {"line": 1, "text": "Buy our mugs", "category": "advert", "rule": "test-mugs"} for r in rows)


def test_clean_batch_refuses_other_batch_formats() -> None:
    pandas = pytest.importorskip("pandas")
    with pytest.raises(TypeError, match="batch_format='pyarrow'"):
        CleanBatch()(pandas.DataFrame({"text": ["A line."]}))


def test_cli_on_a_running_cluster_reads_compressed_files(address: str, data: Path) -> None:
    inputs = [str(data / name) for name in ("in.jsonl.gz", "in.jsonl.bz2", "in.jsonl.xz")]
    local = clean_local(*inputs, "-o", str(data / "local-packed.jsonl"))
    on_ray = clean_cli(*inputs, "-o", str(data / "ray-packed.jsonl"), address=address)
    assert (local.exit_code, on_ray.returncode) == (1, 1), on_ray.stderr
    assert (data / "ray-packed.jsonl").read_bytes() == (data / "local-packed.jsonl").read_bytes()
    assert errors(on_ray.stderr) == errors(local.stderr) and len(errors(on_ray.stderr)) == 6


def test_cli_refuses_stdin_with_ray() -> None:
    result = CliRunner().invoke(app, ["clean", "--engine", "ray", "-"], input='{"text": "x"}\n')
    assert result.exit_code == 2
    assert "--engine ray reads files, not stdin" in result.stderr

