"""The JSONL contract in memory: a record (dict) in, the same record with the article's fields out.

The contract has one home: `to_record` builds the output record (the text field is replaced by headline,
subheadline, dateline, date, byline, language, body (paragraphs joined by a blank line) and removed; every
other field passes through; the record's `url`, when a string, is the source for site rules), `kind_of`
decides what an input is read as and `clean_document` cleans it as text or as a page. The CLI's `clean`
and `explain`, the process pool, Scrapy, Ray, datatrove, Spark or Dask all go through them.
"""

from __future__ import annotations

from dataclasses import dataclass
import codecs
import re
from pathlib import PurePath
from typing import TYPE_CHECKING, Any
from collections.abc import Collection, Iterable

from .article import Article, RecordError
from .defaults import default_cleaner
from .engine import Cleaner, Options
from .io import HTML_SUFFIXES, InputFormat, base_suffix

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True)
class Fields:
    """Which record fields hold the document, its id and its URL (pipelines name them differently)."""

    text: str = "text"
    id: str = "id"
    url: str = "url"
    html: str = "html"  # cleaned as a page when the record has no text field


DEFAULT_FIELDS = Fields()


# What starts a page (after a BOM and blank space): a fragment such as "<b>bold</b> text" is text.
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body)\b", re.IGNORECASE)


def kind_of(head: bytes, path: PurePath | None = None, declared: InputFormat = InputFormat.AUTO) -> InputFormat:
    """What an input is read as: the one rule of `cleaner clean`, `cleaner explain` and the batch readers.

    `declared` (`--input-format`) wins over `auto`. Then a file's suffix: `.jsonl` (also compressed) is
    JSONL, `.html`/`.htm`/`.xhtml` HTML. Then its start, `head` (after a BOM and blank space): an HTML
    tag (`<!doctype html>`, `<html>`, `<head>`, `<body>`) is a page whatever the file is named (a page
    saved as `page.txt` is cleaned, and explained, as a page); on stdin (`path` None) `{` is JSONL. Else
    text. A file's JSONL-ness is its suffix's alone, so that a batch's output format is known before reading.

    >>> kind_of(b"<!DOCTYPE html><html>", PurePath("page.txt")).value
    'html'
    >>> kind_of(b'{"text": "x"}', PurePath("notes.txt")).value, kind_of(b'{"text": "x"}').value
    ('text', 'jsonl')
    """
    if declared is not InputFormat.AUTO:
        return declared
    suffix = base_suffix(path) if path is not None else ""
    if suffix == ".jsonl":
        return InputFormat.JSONL
    if suffix in HTML_SUFFIXES:
        return InputFormat.HTML
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if _HTML_START.match(start):
        return InputFormat.HTML
    return InputFormat.JSONL if path is None and start.startswith(b"{") else InputFormat.TEXT


def clean_document(document: str | bytes, *, html: bool, cleaner: Cleaner | None = None, url: str | None = None,
                   template: Collection[str] = frozenset()) -> Article:
    """One document cleaned as a page (`html`: trafilatura first, then the engine) or as text; the one
    place where cleaning branches on the kind. `template`: the site's learned lines (text only)."""
    engine = cleaner or default_cleaner(Options())
    if html:
        from .html import clean_html  # trafilatura's import is paid only by HTML users

        return clean_html(document, url=url, cleaner=engine)
    if not isinstance(document, str):
        raise TypeError(f"text to clean is a str, not {type(document).__name__}")
    return engine.clean(document, source=url, template=template)


def document_of(record: dict[str, Any], fields: Fields = DEFAULT_FIELDS) -> tuple[str, str]:
    """The field the record's document is in and the document: its text field, else (when it has no text
    field) its HTML field, a page. A `RecordError` names what is wrong when neither holds a string.

    >>> document_of({"id": 1, "html": "<p>Hi</p>"}), document_of({"text": "Hi", "html": "<p>Hi</p>"})
    (('html', '<p>Hi</p>'), ('text', 'Hi'))
    """
    field = fields.html if fields.text not in record and isinstance(record.get(fields.html), str) else fields.text
    document = record.get(field)
    if not isinstance(document, str):
        problem = f"no '{fields.text}' field" if fields.text not in record else f"'{fields.text}' is not a string"
        raise RecordError(problem)
    return field, document


def to_record(article: Article, fields: dict[str, Any], text_field: str = DEFAULT_FIELDS.text) -> dict[str, Any]:
    """The public output record: the input's fields but the text, then the article, `body` joined by blank lines."""
    record = {key: value for key, value in fields.items() if key != text_field}
    record.update(article.to_dict())
    record["body"] = "\n\n".join(article.body)
    return record


def clean_record(record: dict[str, Any], *, cleaner: Cleaner | None = None, fields: Fields = DEFAULT_FIELDS,
                 source: str | None = None) -> dict[str, Any]:
    """Clean one record; a new dict is returned, the input is left alone.

    `source` is the fallback for site rules when the record has no string URL field. Raises `RecordError`
    for a record without a string text field. Pure and picklable: safe in any process or worker.
    """
    url = record.get(fields.url)
    url = url if isinstance(url, str) else source
    field, document = document_of(record, fields)
    return to_record(clean_document(document, html=field == fields.html, cleaner=cleaner, url=url), record, field)


def clean_records(records: Iterable[dict[str, Any]], *, cleaner: Cleaner | None = None,
                  fields: Fields = DEFAULT_FIELDS, source: str | None = None) -> list[dict[str, Any]]:
    """Clean a batch in order, one output per input: a record that cannot be cleaned comes back as it
    was plus an `error` field, so one bad record never sinks a partition and nothing is silently dropped."""
    engine = cleaner or default_cleaner(Options())
    out = []
    for record in records:
        try:
            out.append(clean_record(record, cleaner=engine, fields=fields, source=source))
        except RecordError as exc:
            out.append({**record, "error": str(exc)})
        except Exception as exc:  # noqa: BLE001 - a bug in the engine fails one record, as in `cleaner clean`
            out.append({**record, "error": f"internal error: {type(exc).__name__}: {exc}"})
    return out


def clean_dataframe(frame: pandas.DataFrame, *, cleaner: Cleaner | None = None, fields: Fields = DEFAULT_FIELDS,
                    source: str | None = None) -> pandas.DataFrame:
    """`clean_records` for a pandas DataFrame (what Dask's `map_partitions` hands over): one row out per
    row in, same index and order, the contract's columns. A missing value (NaN/None) is a missing field."""
    import pandas  # only for users who have it

    records = [{key: value for key, value in row.items() if not _missing(value)} for row in frame.to_dict("records")]
    return pandas.DataFrame(clean_records(records, cleaner=cleaner, fields=fields, source=source), index=frame.index)


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN is the only value unequal to itself
