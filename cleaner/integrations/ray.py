"""Ray: clean a `ray.data.Dataset` of records with actors that compile the rules once each.

    import ray
    from cleaner.integrations.ray import CleanBatch, clean_dataset

    ds = ray.data.read_parquet("crawl/")                        # rows with a "text" column
    ds = clean_dataset(ds, rules=["my-rules.toml"], concurrency=8)
    # the same, by hand:
    ds = ds.map_batches(CleanBatch, fn_constructor_kwargs={"rules": ["my-rules.toml"]},
                        batch_format="pyarrow", compute=ray.data.ActorPoolStrategy(size=8))

A row is `clean_records`' output record in a table: all rows of a dataset share its columns, so every
row has the article's columns and `error`, null where `clean_records` leaves a key out (`as_record`
drops those again). `cleaner clean --engine ray` uses `clean_units` instead: it sends the command
line's own batch units through Ray, whole, so that its JSONL output is byte for byte the local
engine's (a table would reorder a record's keys, add the keys other records have, and refuse a field
that is a number in one record and a string in another).
"""

from __future__ import annotations

import logging
import os
import pickle
import sys
import warnings
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, TypeVar
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import pyarrow as pa
import ray

from ..article import Article
from ..batch import CHUNK, Unit, WorkerSpec, clean_units as clean_here
from ..engine import Cleaner, Options
from ..record import DEFAULT_FIELDS, Fields, clean_records

# The contract's columns after the input's, typed here so that every block of a dataset has one schema
# (left to inference, a block whose records removed nothing would get a list of nulls). The names are the
# record's own, in its order (an article with every optional field set), then `error`; text unless listed.
_NOT_TEXT = {
    "removed": pa.list_(pa.struct([("line", pa.int64()), ("text", pa.string()), ("category", pa.string()),
                                   ("rule", pa.string())])),
    "timed_out": pa.list_(pa.string()),
}
ARTICLE = pa.schema([(name, _NOT_TEXT.get(name, pa.string()))
                     for name in [*Article(extraction="-", timed_out=("-",)).to_dict(), "error"]])
OPTIONAL = frozenset({"extraction", "timed_out", "error"})  # keys `clean_records` gives only when they are set
# Ray shares out blocks, not rows, among actors, so one file must make many blocks: 256 KB is about 50 ms
# of cleaning, against Ray's few ms per block.
BLOCK_BYTES = 256 * 1024

S = TypeVar("S")


class CleanBatch:
    """A `map_batches` callable (batch_format="pyarrow") cleaning each row as `clean_records` does.

    Ray builds one per actor, so the rules compile once per actor. `rules`: extra rule files; `fields`:
    which columns hold the text, the HTML, the URL; `source`: the site for rows without a URL.
    """

    def __init__(self, rules: Sequence[str | Path] = (), fields: Fields = DEFAULT_FIELDS, source: str | None = None) -> None:
        self.cleaner = Cleaner.from_rule_files(rules)
        self.fields, self.source = fields, source

    def __call__(self, batch: pa.Table) -> pa.Table:
        if not isinstance(batch, pa.Table):
            raise TypeError(f"CleanBatch takes pyarrow tables, not {type(batch).__name__}: use batch_format='pyarrow'")
        # The column that holds the documents goes, as the text field leaves a record (HTML when there is no text).
        document = self.fields.text if self.fields.text in batch.column_names else self.fields.html
        # A null in a table is a record without the field: such a record is cleaned from its HTML, or fails.
        records = [{k: v for k, v in row.items() if not (k == self.fields.text and v is None)} for row in batch.to_pylist()]
        cleaned = clean_records(records, cleaner=self.cleaner, fields=self.fields, source=self.source)
        kept = [f for f in batch.schema if f.name != document and f.name not in ARTICLE.names]
        return pa.Table.from_pylist(cleaned, schema=pa.schema(kept + list(ARTICLE)))


def as_record(row: Mapping[str, Any]) -> dict[str, Any]:
    """A row of a cleaned dataset as `clean_records` gives it: the null keys that a record only has when
    they are set (`error`, `extraction`, `timed_out`; the article's, on a record that failed) are dropped."""
    failed = row.get("error") is not None
    return {key: value for key, value in row.items()
            if not (value is None and (key in OPTIONAL or failed and key in ARTICLE.names))}


def clean_dataset(ds: ray.data.Dataset, *, rules: Sequence[str | Path] = (), fields: Fields = DEFAULT_FIELDS,
                  source: str | None = None, concurrency: int | None = None) -> ray.data.Dataset:
    """`ds` cleaned by `CleanBatch` actors: `concurrency` of them, else as many as Ray sees fit, up to
    one per CPU of the cluster (a fixed pool that takes every CPU would starve the tasks that read `ds`)."""
    compute = (ray.data.ActorPoolStrategy(size=concurrency) if concurrency
               else ray.data.ActorPoolStrategy(min_size=1, max_size=_cpus()))
    return ds.map_batches(CleanBatch, fn_constructor_kwargs={"rules": [str(r) for r in rules], "fields": fields, "source": source},
                          batch_format="pyarrow", batch_size=CHUNK, compute=compute)


def clean_units(sources: Sequence[S], read: Callable[[S], Iterable[Unit]], *, rule_files: Sequence[str | Path] = (),
                options: Options | None = None, templates: Mapping[str, frozenset[str]] | None = None,
                actors: int | None = None) -> Iterator[Unit]:
    """`batch.clean_units` on Ray: the units that `read` makes of each source (in a Ray task), cleaned by
    `actors` actors (default: one per CPU of the cluster), back in input order.

    Sets the current `DataContext` to keep order and to cut small blocks, and puts it back at the end.
    """
    if not sources:
        return
    context = ray.data.DataContext.get_current()
    saved = context.execution_options.preserve_order, context.target_max_block_size
    context.execution_options.preserve_order = True
    context.target_max_block_size = BLOCK_BYTES
    try:
        ds: Any = ray.data.from_items([{"source": pickle.dumps(source)} for source in sources])
        # Reading takes no CPU from the actors: a reader waiting for a CPU that they hold would wait forever.
        ds = ds.flat_map(_read, fn_kwargs={"read": read}, num_cpus=0)
        spec = WorkerSpec(tuple(str(f) for f in rule_files), options, dict(templates or {}))
        ds = ds.map_batches(_CleanUnits, fn_constructor_kwargs={"spec": spec},
            batch_format="pyarrow", batch_size=CHUNK, compute=ray.data.ActorPoolStrategy(size=actors or _cpus()))
        for row in ds.iter_rows():
            yield pickle.loads(row["unit"])
    finally:
        context.execution_options.preserve_order, context.target_max_block_size = saved


def _read(row: dict[str, Any], read: Callable[[Any], Iterable[Unit]]) -> Iterator[dict[str, bytes]]:
    for unit in read(pickle.loads(row["source"])):
        yield {"unit": pickle.dumps(unit)}


class _CleanUnits:
    """The actor behind `clean_units`: the local engine's own loop, on pickled units."""

    def __init__(self, spec: WorkerSpec) -> None:
        self.cleaner, self.templates = spec.cleaner(), spec.templates

    def __call__(self, batch: pa.Table) -> pa.Table:
        units = [pickle.loads(data) for data in batch.column("unit").to_pylist()]
        return pa.table({"unit": [pickle.dumps(unit) for unit in clean_here(units, self.cleaner, templates=self.templates)]})


@contextmanager
def connected(address: str | None = None, cpus: int | None = None, quiet: bool = False) -> Iterator[None]:
    """Ray for one run of the command line: the cluster at `address` ("auto", "ray://head:10001"), else a
    new instance on this machine with `cpus` CPUs (default: all); shut down, or left, at the end.
    `quiet` (-q): none of Ray's own log lines either."""
    # Ray's warnings (authentication set-up, actors a small input leaves idle) are not the user's business;
    # its errors still show, unless quiet. Ray Data resets its own logger on every run, from the environment.
    with ExitStack() as stack:
        if quiet:
            os.environ.setdefault("RAY_DATA_LOG_LEVEL", "CRITICAL")
            stack.enter_context(_python_alone_on_stderr())
        yield from _connected(address, cpus)


@contextmanager
def _python_alone_on_stderr() -> Iterator[None]:
    """Ray's C++ parts and its helper processes write their logs to file descriptor 2 whatever Python's logging
    says: for the run, descriptor 2 is /dev/null and `sys.stderr` (the command line's own error lines) writes
    to a copy of the real one."""
    sys.stderr.flush()
    real = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    python_stderr = sys.stderr
    sys.stderr = open(real, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    try:
        yield
    finally:
        sys.stderr.flush()
        sys.stderr = python_stderr
        os.dup2(real, 2)
        os.close(real)


def _connected(address: str | None, cpus: int | None) -> Iterator[None]:
    if address is None:  # "local": a new instance even when RAY_ADDRESS names a cluster
        ray.init(address="local", num_cpus=cpus, include_dashboard=False, logging_level=logging.ERROR)
    else:
        ray.init(address=address, logging_level=logging.ERROR)
    warnings.filterwarnings("ignore", category=UserWarning, module=r"ray\.data")
    ray.data.DataContext.get_current().enable_progress_bars = False  # the command line draws its own
    try:
        yield
    finally:
        ray.shutdown()


def _cpus() -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))  # type: ignore[no-untyped-call]
