"""The JSONL contract in memory: a record (dict) in, the same record with the article's fields out.

The CLI, the process pool, Scrapy, Ray, Spark or Dask all call `clean_record`, so the contract has one
home: the text field is replaced by headline, subheadline, dateline, date, byline, language, body
(paragraphs joined by a blank line) and removed; every other field passes through; the record's `url`
(when a string) is the source for site rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from collections.abc import Iterable

from .article import Article, RecordError
from .defaults import default_cleaner
from .engine import Cleaner, Options

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


def to_record(article: Article, fields: dict[str, Any], text_field: str = DEFAULT_FIELDS.text) -> dict[str, Any]:
    """The public output record: the input's fields but the text, then the article, `body` joined by blank lines."""
    record = {key: value for key, value in fields.items() if key != text_field}
    record.update(article.to_dict())
    record["body"] = "\n\n".join(article.body)
    return record


def document_of(record: dict[str, Any], fields: Fields = DEFAULT_FIELDS) -> str:
    """The record's text, or a `RecordError` naming the record and what is wrong."""
    text = record.get(fields.text)
    if not isinstance(text, str):
        problem = f"no '{fields.text}' field" if fields.text not in record else f"'{fields.text}' is not a string"
        raise RecordError(problem)
    return text


def clean_record(record: dict[str, Any], *, cleaner: Cleaner | None = None, fields: Fields = DEFAULT_FIELDS,
                 source: str | None = None) -> dict[str, Any]:
    """Clean one record; a new dict is returned, the input is left alone.

    `source` is the fallback for site rules when the record has no string URL field. Raises `RecordError`
    for a record without a string text field. Pure and picklable: safe in any process or worker.
    """
    url = record.get(fields.url)
    url = url if isinstance(url, str) else source
    engine = cleaner or default_cleaner(Options())
    if fields.text not in record and isinstance(record.get(fields.html), str):
        from .html import clean_html  # trafilatura's import is paid only by HTML users
        return to_record(clean_html(record[fields.html], url=url, cleaner=engine), record, fields.html)
    article = engine.clean(document_of(record, fields), source=url)
    return to_record(article, record, fields.text)


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
