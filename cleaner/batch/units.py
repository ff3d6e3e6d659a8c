"""Reading units: the batch's work, read lazily from its sources in input order.

A `Unit` is a document to clean or a marker the writer needs in order (a source opens, closes, or failed).
`Reader` makes a source's units; it is a picklable value, so that a Ray task can read the files itself.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, BinaryIO
from collections.abc import Iterator

from .. import io
from ..article import Article, RecordError
from ..engine import site_of
from ..io import InputError, InputFormat, OutputFormat, Record, Source
from ..record import Fields, document_of, kind_of

if TYPE_CHECKING:
    from .stats import Tally


@dataclass
class Unit:
    """One item of a batch: a document (`text`) or a marker, with what the caller needs to place it."""

    source: Any  # the caller's handle for where it came from (and where its output goes)
    text: str | bytes | None = None  # text, or an HTML page (str or bytes) when `html`
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # caller data (record fields, line, encoding)
    error: str | None = None  # set by the caller (unreadable input) or by cleaning
    article: Article | None = None
    html: bool = False
    site: str | None = None  # the source whose learned template applies (see `site`)
    output: str | None = None  # with a `Render`: the document's output, in place of `article`...
    tally: Tally | None = None  # ...and what the figures count of it

    @property
    def size(self) -> int:
        """Bytes of input, for figures."""
        return len(self.text.encode(errors="surrogatepass") if isinstance(self.text, str) else self.text or b"")


@dataclass(frozen=True)
class ReadOptions:
    """What `cleaner clean`'s options say about reading: the input kind, the URL, the size limit, the fields."""

    input_format: InputFormat = InputFormat.AUTO
    url: str | None = None
    max_bytes: int = io.MAX_BYTES
    text_field: str = "text"
    html_field: str = "html"


@dataclass(frozen=True)
class Reader:
    """How a source becomes batch units: an opening marker, its documents (or the error that stopped it),
    a closing marker. A value, so that `--engine ray` can send it to the Ray task that reads the files."""

    o: ReadOptions
    output_format: OutputFormat
    stdin_kind: InputFormat = InputFormat.TEXT  # what `--input-format auto` found on stdin

    def kind(self, source: Source) -> InputFormat:
        """What a source is read as before it is opened (`kind_of` by the suffix alone: enough to tell JSONL);
        a file that looks like text is told from a page by its start once it is open (`opened_kind`)."""
        if source.path is None and self.o.input_format is InputFormat.AUTO:
            return self.stdin_kind
        return kind_of(b"", source.path, self.o.input_format)

    def opened_kind(self, source: Source, kind: InputFormat, stream: BinaryIO) -> tuple[InputFormat, BinaryIO]:
        """A file read as text unless declared: a page saved as page.txt is a page, as `explain` reads it."""
        if kind is not InputFormat.TEXT or source.path is None or self.o.input_format is not InputFormat.AUTO:
            return kind, stream
        head, stream = io.peek(stream)
        return kind_of(head, source.path), stream

    def __call__(self, source: Source, stdin: BinaryIO | None = None) -> Iterator[Unit]:
        """One source's units, read lazily; `stdin` is what `-` reads (default: this process's stdin)."""
        if source.error is not None:
            yield Unit(source, error=source.error, meta={"fatal": True})
            return
        kind = self.kind(source)
        jsonl = kind is InputFormat.JSONL
        if jsonl and self.output_format is not OutputFormat.JSONL:
            yield Unit(source, error=str(InputError(source.name, "JSONL input gives JSONL output", "use --output-format jsonl")))
            return
        yield Unit(source, meta={"marker": "open"})
        try:
            with io.open_source(source, io.stdin() if stdin is None else stdin) as stream:
                kind, stream = self.opened_kind(source, kind, stream)
                if jsonl:
                    yield from self.records(source, stream)
                elif kind is InputFormat.HTML:
                    page = io.read_limited(stream, source.name, self.o.max_bytes)
                    yield Unit(source, page, self.o.url, {"encoding": "html"}, html=True)
                else:
                    decoded = io.read_text(stream, source.name, self.o.max_bytes)
                    yield Unit(source, decoded.text, self.o.url, {"encoding": decoded.encoding},
                                     site=self.site_key(self.o.url, source))
        except InputError as exc:
            yield Unit(source, error=str(exc), meta={"fatal": True, "traceback": traceback.format_exc()})
        except OSError as exc:
            yield Unit(source, error=f"{io.quoted(exc.filename or source.name)}: {exc.strerror or exc} (check the disk and permissions)",
                             meta={"fatal": True, "traceback": traceback.format_exc()})
        yield Unit(source, meta={"marker": "close"})

    def records(self, source: Source, stream: BinaryIO) -> Iterator[Unit]:
        fields = Fields(text=self.o.text_field, html=self.o.html_field)
        for item in io.read_jsonl(stream, source.name, self.o.max_bytes):
            if isinstance(item, InputError):
                yield Unit(source, error=str(item), meta={"line": item.line, "fields": item.fields})
                continue
            try:
                field, document = document_of(item.fields, fields)
            except RecordError as exc:
                yield _refused(source, item, str(exc), f"give every record a string '{fields.text}'")
                continue
            if not document.strip():
                # An empty record is an error, as an empty file is: a scrape that failed, not an article to pass on.
                yield _refused(source, item, "empty document", "skip it or check the input")
                continue
            url = item.fields.get("url")
            url = url if isinstance(url, str) else self.o.url
            yield Unit(source, document, url, {"fields": item.fields, "line": item.line, "field": field},
                       html=field == fields.html, site=self.site_key(url, source))

    @staticmethod
    def site_key(url: str | None, source: Source) -> str | None:
        """Whose template a document shares: its URL's domain, else its input folder."""
        domain = site_of(url)
        if domain is not None:
            return domain
        return f"folder:{source.path.parent}" if source.path is not None else None


def _refused(source: Source, record: Record, what: str, todo: str) -> Unit:
    """A record that parsed but holds nothing to clean: its error, with its fields for the error log."""
    return Unit(source, error=str(InputError(source.name, what, todo, record.line)),
                meta={"line": record.line, "fields": record.fields})
