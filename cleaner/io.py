"""Reading and writing documents: bytes to text, inputs to outputs, JSONL records. No cleaning here.

Every problem a user can meet is an `InputError` whose message is one line:
`<file>[:<line>]: <what> (<what to do>)`.
"""

from __future__ import annotations

import bz2
from collections import Counter
import codecs
import gzip
import io
import json
import lzma
import os
import re
import stat
import sys
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from pathlib import Path, PurePath
from typing import IO, Any, BinaryIO, Literal
from collections.abc import Collection, Iterator

from charset_normalizer import CharsetMatch, from_bytes


MAX_BYTES = 20 * 1024 * 1024
# Nesting levels of a JSONL record, at most: a record is pickled to worker processes, and pickle
# recurses (measured: 800 levels broke a -j 2 run); real records nest a few levels.
MAX_JSON_DEPTH = 200
# Decompressed bytes read from one compressed input, at most: a "zip bomb" gets an error, not the disk.
MAX_DECOMPRESSED = 50 * 1024 * 1024 * 1024
COMPRESSED = (".gz", ".bz2", ".xz", ".zst")
STDIN = "<stdin>"
# How much of the head tells binary from text, and JSONL from text: a file shows its nature early.
SNIFF_BYTES = 8192
# Share of C0 control bytes (other than tab, newlines, form feed, escape) above which input is binary.
MAX_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\v\f\x1b")
# Tie-breaker for equally good guesses: legacy encodings by how common they are on the web.
CHAOS_MARGIN, COHERENCE_MARGIN = 0.1, 0.05  # how close to the best guess a web encoding may be
_WEB_ENCODINGS = ("cp1252", "cp1251", "cp1250", "shift_jis", "euc_jp", "gb2312", "euc_kr")
# UTF-32 before UTF-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


class InputError(Exception):
    """A document, record or output that cannot be handled; the message is the one line users see."""

    def __init__(self, source: str | os.PathLike[str], what: str, todo: str, line: int | None = None) -> None:
        where = f"{quoted(source)}:{line}" if line is not None else quoted(source)
        super().__init__(f"{where}: {what} ({todo})")
        self.line = line
        self.fields: dict[str, Any] = {}  # the record, when it parsed but cannot be cleaned


def quoted(name: str | os.PathLike[str]) -> str:
    """A file name as messages show it: as it is, unless it holds what is not printable (a newline or a
    terminal escape would forge or hide lines of stderr): then as a quoted Python string, escaped."""
    text = os.fspath(name)
    return text if text.isprintable() else repr(text)


class InputFormat(str, Enum):
    AUTO = "auto"
    TEXT = "text"
    JSONL = "jsonl"
    HTML = "html"


class OutputFormat(str, Enum):
    TEXT = "text"
    JSON = "json"
    JSONL = "jsonl"
    MARKDOWN = "markdown"

    @property
    def suffix(self) -> str:
        return {"text": ".txt", "json": ".json", "jsonl": ".jsonl", "markdown": ".md"}[self.value]


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass(frozen=True)
class Source:
    """One input: a file (or stdin when `path` is None) and its place in the tree the outputs mirror."""

    path: Path | None
    relative: PurePath
    error: str | None = None  # why it cannot be read: a folder the walk could not list
    # A folder walk found a plain file here: a symlink swapped in since (to a file outside the tree)
    # must not be read in its place.
    no_follow: bool = False

    @property
    def name(self) -> str:
        return STDIN if self.path is None else str(self.path)


@dataclass(frozen=True)
class Record:
    """One JSONL object; `line` is its 1-based line number in the source."""

    line: int
    fields: dict[str, Any]


def decode(data: bytes, source: str) -> Decoded:
    """Bytes to text: a BOM decides, then strict UTF-8 (a last character cut short is replaced by U+FFFD),
    then charset-normalizer's best guess.

    >>> decode("Привет".encode("utf-16"), "x").encoding
    'utf-16'
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_as(data, encoding, source), encoding, source)
    if b"\x00" in data[:SNIFF_BYTES] and (utf16 := _utf16_without_bom(data)) is not None:
        return _checked(utf16[0], utf16[1], source)
    _refuse_binary(data[:SNIFF_BYTES], source)
    try:
        return _checked(data.decode("utf-8"), "utf-8", source)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":  # UTF-8 to its last character, cut inside it (a byte cap)
            return _checked(data[: exc.start].decode("utf-8") + "\ufffd", "utf-8", source)
    guess = _guess(data)
    if guess is None:
        raise InputError(source, "cannot tell the text encoding", "convert the file to UTF-8")
    return _checked(str(guess), guess.encoding, source)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text that has no BOM (Windows tools write it), and its encoding; None for anything else.

    Its spaces and newlines put NUL bytes in it, which made it "binary". It must decode strictly (a
    binary file soon holds a lone surrogate) to printable characters and line breaks only; of the two
    byte orders, the one that reads spaces and newlines where the other reads U+2000 and U+0A00 wins.
    """
    best: tuple[int, str, str] | None = None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not all(c.isprintable() or c in "\t\n\r\f" for c in text[:SNIFF_BYTES]):
            continue
        spaces = text.count(" ", 0, SNIFF_BYTES) + text.count("\n", 0, SNIFF_BYTES)
        if spaces and (best is None or spaces > best[0]):
            best = (spaces, text, encoding)
    return None if best is None else (best[1], best[2])


def _guess(data: bytes) -> CharsetMatch | None:
    """charset-normalizer's best match; among nearly as good ones, the encoding most used on the web.

    Short Western text scores (nearly) the same in cp1250, cp1257 and cp1252, and charset-normalizer
    may list a Central European or Baltic page first, turning "è" into "č" (measured: a French
    latin-1 file read as cp1257 with chaos 0.0 against 0.07 for cp1252).
    """
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    tied = {m.encoding: m for m in matches
            if m.chaos <= best.chaos + CHAOS_MARGIN and m.coherence >= best.coherence - COHERENCE_MARGIN}
    return next((tied[e] for e in _WEB_ENCODINGS if e in tied), best)


def _decode_as(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"not valid {encoding} despite its byte order mark: {exc.reason}",
                         "convert the file to UTF-8") from None


def _refuse_binary(head: bytes, source: str) -> None:
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if b"\x00" in head or (head and controls / len(head) > MAX_CONTROL_SHARE):
        raise InputError(source, "looks like a binary file, not text", "pass text files only")


def _checked(text: str, encoding: str, source: str) -> Decoded:
    if not text.strip():
        raise InputError(source, "empty document", "skip it or check the input")
    return Decoded(text, encoding)


def read_limited(stream: BinaryIO, source: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a whole stream, but never more than `max_bytes` + 1 bytes (enough to know it is too big)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(source, f"larger than the {_megabytes(max_bytes)} limit", "split it or raise --max-size")
    return data


def _megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n} bytes"


def read_text(stream: BinaryIO, name: str, max_bytes: int = MAX_BYTES) -> Decoded:
    """Read and decode one whole document."""
    return decode(read_limited(stream, name, max_bytes), name)


def stdin() -> BinaryIO:
    """This process's stdin, as bytes; an empty stream when it is closed (`<&-`, as some supervisors start
    programs), which commands reading files only never notice."""
    return sys.stdin.buffer if sys.stdin is not None else io.BytesIO()


@contextmanager
def open_source(source: Source, stdin: BinaryIO) -> Iterator[BinaryIO]:
    """The source's bytes: `stdin` (left open) for `-`, else the file; an OS error becomes an `InputError`."""
    if source.path is None:
        yield stdin
        return
    try:
        stream = source.path.open("rb")
    except OSError as exc:
        raise InputError(source.name, f"cannot read: {exc.strerror}", "check the path and its permissions") from None
    with stream:
        if source.no_follow and _not_opened(source.path, stream):
            raise InputError(source.name, "became a symlink after its folder was read",
                             "symlinks are not followed without --follow-symlinks")
        compression = compression_of(source.path)
        if compression is None:
            yield stream
            return
        with _decompressing(stream, compression, source.name) as plain:
            yield plain


def _not_opened(path: Path, stream: BinaryIO) -> bool:
    """Whether `path` itself is not the file `stream` opened: a symlink now, or swapped since."""
    try:
        named = os.lstat(path)
    except OSError:
        return True
    opened = os.fstat(stream.fileno())
    return stat.S_ISLNK(named.st_mode) or (named.st_dev, named.st_ino) != (opened.st_dev, opened.st_ino)


def compression_of(path: PurePath) -> str | None:
    """The compression a file name says (".gz", ".bz2", ".xz", ".zst"), or None."""
    return path.suffix.lower() if path.suffix.lower() in COMPRESSED else None


def base_suffix(path: PurePath) -> str:
    """The suffix that names the content: ".jsonl" for "dump.jsonl.gz"."""
    return (path.with_suffix("") if compression_of(path) else path).suffix.lower()


@contextmanager
def _decompressing(stream: BinaryIO, compression: str, name: str) -> Iterator[BinaryIO]:
    if compression == ".zst":
        try:
            import zstandard
        except ImportError:
            raise InputError(name, "a .zst file needs the zstandard package", "pip install 'cleaner[zstd]'") from None
        plain: BinaryIO = zstandard.ZstdDecompressor().stream_reader(stream)
    else:
        plain = _codec(compression, stream, "rb")
    with plain:
        yield io.BufferedReader(_Capped(plain, name, MAX_DECOMPRESSED))


def _codec(compression: str, stream: BinaryIO, mode: Literal["rb", "wb"]) -> BinaryIO:
    """A gzip, bzip2 or xz stream over `stream` (which it leaves open when closed)."""
    if compression == ".gz":  # level 6, as the gzip command: level 9 costs twice the time for ~1% less
        return gzip.GzipFile(fileobj=stream, mode=mode, compresslevel=6)  # type: ignore[return-value]
    if compression == ".bz2":
        return bz2.BZ2File(stream, mode)  # type: ignore[return-value]
    return lzma.LZMAFile(stream, mode)  # type: ignore[return-value]


class _Capped(io.RawIOBase):
    """A decompressed stream that fails past `limit` bytes, and turns corrupt data into an `InputError`."""

    def __init__(self, stream: BinaryIO, name: str, limit: int) -> None:
        self.stream, self.name, self.limit, self.read_so_far = stream, name, limit, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.stream.read(len(buffer))
        except (OSError, EOFError, lzma.LZMAError, ValueError) as exc:
            raise InputError(self.name, f"corrupt compressed data: {exc}", "check or re-create the file") from None
        self.read_so_far += len(data)
        if self.read_so_far > self.limit:
            raise InputError(self.name, f"decompresses to more than {_megabytes(self.limit)}",
                             "split it; a file that expands this much may be a decompression bomb")
        buffer[: len(data)] = data
        return len(data)


# What a folder walk takes for documents, by the suffix under any compression's: text (a file without a
# suffix too: mirrors save pages so), HTML and JSONL. Anything else in a folder (a case's expected.json, images,
# a crawl's logs) is skipped and counted; a file named on the command line is cleaned whatever its name.
DOCUMENT_SUFFIXES = frozenset({"", ".txt", ".text", ".md", ".jsonl", ".html", ".htm", ".xhtml"})


def expand(arg: str, follow_symlinks: bool = False, skipped: Counter[str] | None = None) -> list[Source]:
    """An argument as sources: `-` is stdin, a file is itself, a directory is its documents, recursively
    (files whose suffix is not in DOCUMENT_SUFFIXES are counted in `skipped`, by suffix).

    Directories are walked in sorted order; hidden files and folders are skipped. Unless
    `follow_symlinks`, symlinked folders are not entered and symlinked files pointing outside the
    tree are skipped: an input tree does not reach beyond itself without being asked to.
    """
    if arg == "-":
        return [Source(None, PurePath("stdin"))]
    path = Path(arg)
    if path.is_dir():
        if not (sources := list(_walk(path, follow_symlinks, skipped))):
            raise InputError(arg, "no documents in this folder (hidden files and other suffixes are skipped)",
                             "check the path, or name the files")
        return sources
    if not path.exists():
        raise InputError(arg, "no such file or directory", "check the path")
    return [Source(path, PurePath(path.name))]


def _walk(root: Path, follow_symlinks: bool = False, skipped: Counter[str] | None = None) -> Iterator[Source]:
    """The files under `root`; a folder that cannot be listed comes as a source with its `error` (os.walk
    would skip it without a word), in its place."""
    real_root = root.resolve()
    unlisted: list[OSError] = []
    entered: set[tuple[int, int]] = set()  # (device, inode) of the folders walked: a symlink loop is entered once
    for folder, dirs, files in os.walk(root, followlinks=follow_symlinks, onerror=unlisted.append):
        yield from _unlisted(unlisted, root)
        if follow_symlinks:
            found = os.stat(folder)
            if (found.st_dev, found.st_ino) in entered:
                dirs[:] = []
                continue
            entered.add((found.st_dev, found.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))  # by default os.walk does not enter symlinked folders
        for name in sorted(files):
            path = Path(folder) / name
            if name.startswith(".") or not path.is_file():
                continue
            if (suffix := base_suffix(path)) not in DOCUMENT_SUFFIXES:
                if skipped is not None:
                    skipped[suffix] += 1
                continue
            if not follow_symlinks and not path.resolve().is_relative_to(real_root):
                continue
            yield Source(path, path.relative_to(root), no_follow=not follow_symlinks and not path.is_symlink())
    yield from _unlisted(unlisted, root)


def _unlisted(errors: list[OSError], root: Path) -> Iterator[Source]:
    while errors:
        error = errors.pop(0)
        folder = Path(error.filename or root)
        what = f"cannot read folder: {error.strerror or error}"
        yield Source(folder, folder.relative_to(root), str(InputError(folder, what, "check the path and its permissions")))


def output_path(source: Source, out_dir: Path, fmt: OutputFormat) -> Path:
    """Where a source's output goes: its place in the input tree, under `out_dir`, with the format's
    suffix (and the input's compression: "a.jsonl.gz" gives "a.jsonl.gz")."""
    compression = compression_of(source.relative)
    relative = source.relative.with_suffix("") if compression else source.relative
    return out_dir / relative.with_suffix(fmt.suffix + (compression or ""))


def peek(stream: BinaryIO) -> tuple[bytes, BinaryIO]:
    """The stream's start (at least up to its first non-blank byte, when there is one, and at most about
    SNIFF_BYTES), and a stream that replays it, so that `record.kind_of` can tell what the stream holds.

    Reads only what is available, so a pipeline's first record is not held back.
    """
    head = b""
    while len(head) < SNIFF_BYTES and not head.lstrip(codecs.BOM_UTF8).strip():
        chunk = _read_some(stream, SNIFF_BYTES)
        if not chunk:
            break
        head += chunk
    return head, io.BufferedReader(_Replay(head, stream))


HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class _Replay(io.RawIOBase):
    """A raw stream that yields `head` and then the rest of `stream`."""

    def __init__(self, head: bytes, stream: BinaryIO) -> None:
        self._head, self._stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._head[: len(buffer)] if self._head else _read_some(self._stream, len(buffer))
        self._head = self._head[len(data):]
        buffer[: len(data)] = data
        return len(data)


def _read_some(stream: BinaryIO, n: int) -> bytes:
    """What is available now (at most `n` bytes), so a pipe is not waited on for a full block."""
    return stream.read1(n) if hasattr(stream, "read1") else stream.read(n)


def read_jsonl(stream: BinaryIO, source: str, max_bytes: int = MAX_BYTES) -> Iterator[Record | InputError]:
    """Records one at a time (constant memory); each bad line is yielded as an `InputError` and reading goes on.

    Blank lines are skipped. A line longer than `max_bytes` is an error and is skipped without being kept.
    """
    number = 0
    while line := stream.readline(max_bytes + 1):
        number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            _skip_line(stream, max_bytes)
            yield InputError(source, f"record larger than the {_megabytes(max_bytes)} limit",
                             "split it or raise --max-size", number)
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if line.strip():
            yield _record(line, source, number)


def _skip_line(stream: BinaryIO, chunk: int) -> None:
    while (rest := stream.readline(chunk)) and not rest.endswith(b"\n"):
        pass


def _record(line: bytes, source: str, number: int) -> Record | InputError:
    try:
        data = json.loads(line.decode("utf-8"), parse_constant=_refuse_constant)
    except UnicodeDecodeError:
        return InputError(source, "line is not UTF-8", "JSONL must be UTF-8; re-encode the file", number)
    except json.JSONDecodeError as exc:
        # json's message for a raw control character already ends in "at" ("Invalid control character at")
        message = exc.msg.removesuffix(" at")
        return InputError(source, f"invalid JSON: {message} at column {exc.colno}", "fix or remove the line", number)
    except RecursionError:
        return _too_deep(source, number)
    except ValueError as exc:  # an integer of more digits than Python converts, or NaN/Infinity
        return InputError(source, f"invalid JSON: {str(exc).split(';')[0]}", "fix or remove the line", number)
    if not isinstance(data, dict):
        return InputError(source, f"a JSON {type(data).__name__}, not an object", "write one object per line", number)
    if _deeper_than(data, MAX_JSON_DEPTH):
        return _too_deep(source, number)
    return Record(number, data)


def _too_deep(source: str, number: int) -> InputError:
    return InputError(source, f"JSON nested deeper than {MAX_JSON_DEPTH} levels", "flatten the record", number)


def _deeper_than(data: Any, limit: int) -> bool:
    """Whether lists and objects nest more than `limit` levels (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > limit:
            return True
        children = value.values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def json_line(data: dict[str, Any]) -> str:
    """One JSONL line; non-ASCII stays readable."""
    return json_text(data) + "\n"


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_text(data: Any, indent: int | None = None) -> str:
    """Strict JSON (no NaN), non-ASCII readable but a lone surrogate escaped as JSON allows: "\\ud800" in a
    record is valid JSON, and comes out as it went in, but it has no UTF-8 form to be written raw."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def truncate(text: str, width: int) -> str:
    """Cut a line for a terminal `width` columns wide (never narrower than 40), marking the cut.

    >>> truncate("x" * 50, 40)[-3:]
    'xx…'
    """
    width = max(width, 40)
    return text if len(text) <= width else text[: width - 1] + "…"


# atomic_open's temporary files: "." + the output's name + "." + mkstemp's 8 random characters + ".tmp"
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


def remove_temporaries(folder: Path) -> None:
    """Delete the temporary files that a run killed mid-write left under `folder` (see `atomic_open`)."""
    for parent, _, files in os.walk(folder):
        for name in files:
            if _TEMPORARY.fullmatch(name):
                (Path(parent) / name).unlink(missing_ok=True)


@contextmanager
def atomic_open(path: Path, inputs: Collection[Path] = ()) -> Iterator[IO[str]]:
    """A UTF-8 text file that appears under `path` complete or not at all.

    Writes go to a temporary file in the same folder, which is fsynced and renamed over `path` when the
    block ends without error (and deleted otherwise). Refuses a `path` that is one of `inputs`, given
    as real paths (`Path.resolve()`d once by the caller: a batch writes one output per input).
    """
    target = path.resolve()
    if target in inputs:
        raise InputError(path, "output would overwrite an input file", "choose another output folder")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 is for secrets: an output is as any file the user makes
    except OSError as exc:
        raise InputError(path, f"cannot write: {exc.strerror}", "check the output folder and its permissions") from None
    try:
        with os.fdopen(fd, "wb") as raw:
            with _compressing(raw, compression_of(path), path) as packed, \
                    io.TextIOWrapper(packed, encoding="utf-8", newline="") as out:
                yield out
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process's umask (reading it means setting it: set back at once)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


@contextmanager
def _compressing(raw: BinaryIO, compression: str | None, path: Path) -> Iterator[BinaryIO]:
    """`raw` itself, or a compressor writing into it (closed at the end, leaving `raw` open)."""
    if compression is None:
        yield _Unclosed(raw)  # type: ignore[misc]
        return
    if compression == ".zst":
        try:
            import zstandard
        except ImportError:
            raise InputError(path, "a .zst output needs the zstandard package", "pip install 'cleaner[zstd]'") from None
        packed: BinaryIO = zstandard.ZstdCompressor().stream_writer(raw, closefd=False)
    else:
        packed = _codec(compression, raw, "wb")
    with packed:
        yield packed


class _Unclosed(io.RawIOBase):
    """Writes through to a stream that a wrapper's close must leave open (the caller fsyncs it)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        return self.stream.write(data)


def write_atomic(path: Path, text: str, inputs: Collection[Path] = ()) -> None:
    """Write a whole text file atomically (see `atomic_open`)."""
    with atomic_open(path, inputs) as out:
        out.write(text)
