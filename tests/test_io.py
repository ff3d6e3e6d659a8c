"""io: decoding, refusals, limits, input trees, atomic writes and JSONL records."""

from __future__ import annotations

import dataclasses
import doctest
import io as stdio
import os
from pathlib import Path, PurePath

import pytest

import cleaner.io
from cleaner.article import Article, Category, Removal
from cleaner.io import (
    InputError, OutputFormat, Record, Source, atomic_open, decode, expand, output_path, read_jsonl,
    peek, read_limited, write_atomic,
)

RUSSIAN = ("Москва — столица России. В городе живут более двенадцати миллионов человек, "
           "и каждый день по улицам проезжают тысячи машин.\nЭто второй абзац для проверки кодировки.")
FRENCH = ("Le café de la crème brûlée à Noël, où l'été est très chaud et où les élèves sont déçus.\n"
          "Ça va très bien, merci beaucoup.")


def test_doctests() -> None:
    assert doctest.testmod(cleaner.io).failed == 0


def test_cp1251_is_detected() -> None:
    decoded = decode(RUSSIAN.encode("cp1251"), "ru.txt")
    assert decoded.text == RUSSIAN
    assert decoded.encoding == "cp1251"


def test_latin1_is_read_as_western_not_central_european() -> None:
    # cp1250 ties with cp1252 on this text and would turn "è" into "č".
    assert decode(FRENCH.encode("latin-1"), "fr.txt").text == FRENCH


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_bom_decides_and_is_dropped(codec: str) -> None:
    data = RUSSIAN.encode(codec)
    if codec == "utf-16-be":  # Python writes no BOM for explicit-endian codecs
        data = b"\xfe\xff" + data
    decoded = decode(data, "x.txt")
    assert decoded.text == RUSSIAN
    assert decoded.encoding == {"utf-16-be": "utf-16"}.get(codec, codec)


def test_plain_utf8() -> None:
    assert decode("Grüße aus Köln".encode(), "x").encoding == "utf-8"


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", b"text\x00more text", b"\x01\x02\x03\x04abc" * 20])
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^img\.bin: looks like a binary file, not text \(.+\)$"):
        decode(data, "img.bin")


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n", "\ufeff \n".encode("utf-8"), " \n".encode("utf-16")])
def test_empty_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"^e\.txt: empty document \("):
        decode(data, "e.txt")


class CountingStream(stdio.BytesIO):
    """Records how many bytes were asked for, to prove an oversize stream is not read whole."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.delivered = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.delivered += len(chunk)
        return chunk


def test_size_limit() -> None:
    assert read_limited(stdio.BytesIO(b"x" * 10), "ok.txt", max_bytes=10) == b"x" * 10
    big = CountingStream(b"x" * 100_000)
    with pytest.raises(InputError, match=r"^big\.txt: larger than the 1000 bytes limit \(.*--max-size\)$"):
        read_limited(big, "big.txt", max_bytes=1000)
    assert big.delivered == 1001


def test_error_message_is_one_line_with_place_and_advice() -> None:
    assert str(InputError("a.jsonl", "bad", "fix it", line=7)) == "a.jsonl:7: bad (fix it)"
    assert str(InputError(Path("d/a.txt"), "bad", "fix it")) == "d/a.txt: bad (fix it)"


def _tree(root: Path, outside: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/z.txt", "sub/deeper/y.md", ".hidden.txt", ".git/config", "sub/.cache/x.txt"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("text\n")
    outside.write_text("secret\n")
    (root / "link-out.txt").symlink_to(outside)
    (root / "link-in.txt").symlink_to(root / "a.txt")
    (root / "linked-dir").symlink_to(root / "sub", target_is_directory=True)


def test_directory_walk_is_sorted_and_skips_hidden_and_escaping_links(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _tree(root, tmp_path / "outside.txt")
    sources = expand(str(root))
    assert [str(s.relative) for s in sources] == ["a.txt", "b.txt", "link-in.txt", "sub/z.txt", "sub/deeper/y.md"]
    assert all(s.path is not None and s.path.is_file() for s in sources)


def test_outputs_mirror_the_tree_with_the_format_suffix(tmp_path: Path) -> None:
    root = tmp_path / "in"
    _tree(root, tmp_path / "outside.txt")
    out = tmp_path / "out"
    paths = [output_path(s, out, OutputFormat.MARKDOWN) for s in expand(str(root))]
    assert out / "sub/deeper/y.md" in paths and out / "sub/z.md" in paths
    assert output_path(expand(str(root / "sub" / "z.txt"))[0], out, OutputFormat.JSONL) == out / "z.jsonl"
    assert output_path(expand("-")[0], out, OutputFormat.TEXT) == out / "stdin.txt"


def test_missing_path_and_empty_folder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        expand(str(tmp_path / "nope"))
    (tmp_path / "empty" / ".hidden").mkdir(parents=True)
    with pytest.raises(InputError, match="no documents"):
        expand(str(tmp_path / "empty"))


def test_stdin_source() -> None:
    assert expand("-") == [Source(None, PurePath("stdin"))]
    assert expand("-")[0].name == "<stdin>"


def test_atomic_write(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "out.txt"
    write_atomic(target, "héllo\n")
    assert target.read_text(encoding="utf-8") == "héllo\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.txt"]


def test_failed_write_leaves_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old\n")
    fresh = tmp_path / "fresh.txt"
    for path in (target, fresh):
        with pytest.raises(RuntimeError), atomic_open(path) as out:
            out.write("half of the new cont")
            raise RuntimeError("disk on fire")
    assert target.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_failed_rename_leaves_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError):
        write_atomic(tmp_path / "out.txt", "content")
    assert list(tmp_path.iterdir()) == []


def test_never_writes_onto_an_input(tmp_path: Path) -> None:
    source = tmp_path / "in" / "a.txt"
    source.parent.mkdir()
    source.write_text("original\n")
    (tmp_path / "alias").symlink_to(source.parent, target_is_directory=True)
    for spelling in (source, tmp_path / "in" / ".." / "in" / "a.txt", tmp_path / "alias" / "a.txt"):
        with pytest.raises(InputError, match="would overwrite an input"):
            write_atomic(spelling, "clobbered", inputs=[source])
    assert source.read_text() == "original\n"
    assert sorted(p.name for p in source.parent.iterdir()) == ["a.txt"]


def test_jsonl_bad_lines_are_errors_and_reading_goes_on() -> None:
    lines = [
        '{"id": 1, "text": "one"}',
        "{not json",
        "",
        '["a list"]',
        '{"id": 4}',
        '{"id": 5, "text": null}',
        '{"id": 6, "text": "six", "url": "https://example.com/6"}',
    ]
    items = list(read_jsonl(stdio.BytesIO(("\n".join(lines)).encode()), "<stdin>"))
    records = [i for i in items if isinstance(i, Record)]
    errors = [str(i) for i in items if isinstance(i, InputError)]
    # Whether an object holds a document to clean is the record contract's to say (`record.document_of`).
    assert [(r.line, r.fields["id"]) for r in records] == [(1, 1), (5, 4), (6, 5), (7, 6)]
    assert [e.split(" (")[0] for e in errors] == [
        "<stdin>:2: invalid JSON: Expecting property name enclosed in double quotes at column 2",
        "<stdin>:4: a JSON list, not an object",
    ]
    assert all("\n" not in e for e in errors)


def test_jsonl_bom_and_non_utf8_lines() -> None:
    data = b'\xef\xbb\xbf{"text": "a"}\n{"text": "\xe9t\xe9"}\n{"text": "b"}\n'
    items = list(read_jsonl(stdio.BytesIO(data), "f.jsonl"))
    assert isinstance(items[0], Record) and items[0].fields["text"] == "a"
    assert str(items[1]).startswith("f.jsonl:2: line is not UTF-8")
    assert isinstance(items[2], Record) and items[2].line == 3


def test_jsonl_oversize_line_is_skipped_without_losing_the_next() -> None:
    data = b'{"text": "' + b"x" * 5000 + b'"}\n{"text": "small"}\n'
    items = list(read_jsonl(stdio.BytesIO(data), "f.jsonl", max_bytes=100))
    assert str(items[0]).startswith("f.jsonl:1: record larger than the 100 bytes limit")
    assert isinstance(items[1], Record) and items[1].fields["text"] == "small" and items[1].line == 2


def test_jsonl_is_read_record_by_record() -> None:
    data = "".join(f'{{"id": {i}, "text": "t{i}"}}\n' for i in range(10_000)).encode()
    stream = stdio.BytesIO(data)
    first = next(read_jsonl(stream, "big.jsonl"))
    assert isinstance(first, Record) and first.fields["id"] == 0
    assert stream.tell() < len(data) // 100


@pytest.mark.parametrize("head", [b'\n  \n{"text": "x"}\n', b"\xef\xbb\xbf{}", b"", b"  <!DOCTYPE html><html>"])
def test_peek_replays_what_it_read(head: bytes) -> None:
    seen, stream = peek(stdio.BytesIO(head + b"rest"))
    assert seen and (head + b"rest").startswith(seen)  # the start, up to something to tell its kind by
    assert stream.read() == head + b"rest"


def test_article_dict_has_every_field_and_leaves_out_only_unset_optional_ones() -> None:
    full = Article(headline="H", subheadline="S", dateline="D", date="2024-01-02", byline="B", body=("p",),
                   language="de", removed=(Removal(1, "x", Category.OTHER, "r"),), extraction="trafilatura",
                   timed_out=("slow",))
    assert set(full.to_dict()) == {f.name for f in dataclasses.fields(Article)}
    assert full.to_dict()["timed_out"] == ["slow"] and full.to_dict()["body"] == ["p"]
    assert set(Article().to_dict()) == {f.name for f in dataclasses.fields(Article)} - {"extraction", "timed_out"}


def test_removal_is_the_frozen_dataclass_its_fields_say() -> None:
    # Removal writes its own __init__ (for speed): it must set every field, and stay frozen.
    removal = Removal(3, "Share", Category.SHARE, "share-bar")
    assert vars(removal) == {f.name: getattr(removal, f.name) for f in dataclasses.fields(Removal)}
    assert removal == Removal(line=3, text="Share", category=Category.SHARE, rule="share-bar")
    assert hash(removal) == hash(dataclasses.replace(removal))
    with pytest.raises(dataclasses.FrozenInstanceError):
        removal.line = 4  # type: ignore[misc]


def test_a_raw_control_character_is_named_once() -> None:
    """json says "Invalid control character at"; the error must not read "at at column"."""
    (error,) = read_jsonl(stdio.BytesIO(b'{"id": 1, "text": "tab\there"}\n'), "<stdin>")
    assert str(error).startswith("<stdin>:1: invalid JSON: Invalid control character at column 23")


def test_jsonl_deep_nesting_and_huge_integers_fail_their_record_only() -> None:
    """A record nested 100,000 deep (RecursionError in json) or one past MAX_JSON_DEPTH (pickle recurses
    when it goes to a worker), or an integer of 5,000 digits (ValueError): one error each, reading goes on."""
    depth = cleaner.io.MAX_JSON_DEPTH
    lines = [
        b'{"id": 1, "text": "a", "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"id": 2, "text": "b", "x": ' + b"[" * depth + b"]" * depth + b"}",
        b'{"id": 3, "text": "c", "n": ' + b"7" * 5000 + b"}",
        b'{"id": 4, "text": "d", "x": ' + b"[" * (depth - 1) + b"]" * (depth - 1) + b"}",
    ]
    items = list(read_jsonl(stdio.BytesIO(b"\n".join(lines)), "f.jsonl"))
    assert [str(i).rsplit(" (", 1)[0] for i in items[:3]] == [
        f"f.jsonl:1: JSON nested deeper than {depth} levels",
        f"f.jsonl:2: JSON nested deeper than {depth} levels",
        "f.jsonl:3: invalid JSON: Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits",
    ]
    assert isinstance(items[3], Record) and items[3].fields["id"] == 4


def test_nan_and_infinity_are_not_json() -> None:
    """Python's json reads NaN and Infinity; strict JSON has neither, so they must not pass into output."""
    data = b'{"id": 1, "text": "a", "score": NaN}\n{"id": 2, "text": "b", "score": -Infinity}\n{"id": 3, "text": "c"}\n'
    items = list(read_jsonl(stdio.BytesIO(data), "f.jsonl"))
    assert [str(i).split(" (")[0] for i in items[:2]] == [
        "f.jsonl:1: invalid JSON: NaN is not a JSON number", "f.jsonl:2: invalid JSON: -Infinity is not a JSON number"]
    assert isinstance(items[2], Record)
    with pytest.raises(ValueError):
        cleaner.io.json_line({"score": float("nan")})


def test_lone_surrogates_go_out_escaped_as_they_came_in() -> None:
    r"""JSON allows "\ud800"; UTF-8 has no form for it: written raw, the whole output failed."""
    (record,) = read_jsonl(stdio.BytesIO(b'{"id": "a\\ud800", "text": "x \\udc00 y"}\n'), "f.jsonl")
    assert isinstance(record, Record) and record.fields["id"] == "a\ud800"
    line = cleaner.io.json_line(record.fields)
    assert line.encode("utf-8") == b'{"id": "a\\ud800", "text": "x \\udc00 y"}\n'
    assert cleaner.io.json_line({"t": "caf\u00e9 \U0001f600"}) == '{"t": "caf\u00e9 \U0001f600"}\n'


@pytest.mark.parametrize("text", [RUSSIAN[:-1], "Der Ausschuss schlägt vor, die Brücke über den Fluss zu bauen. Er schlägt",
                                  "Le café de la crème brûlée à Noël, où l'été est très chaud", "東京の天気は晴れです"])
def test_utf8_cut_inside_its_last_character_is_utf8(text: str) -> None:
    """Byte-capped scrapers cut the last character: that was read as cp1252 ("schlÃ¤gt") or refused (Russian)."""
    data = (text + "é").encode("utf-8")[:-1]
    decoded = decode(data, "x")
    assert (decoded.encoding, decoded.text) == ("utf-8", text + "\ufffd")
    if len(text[-1].encode("utf-8")) > 2:  # cut after the first or the second byte of a three-byte character
        assert decode(text.encode("utf-8")[:-2], "x").text == text[:-1] + "\ufffd"


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_respect_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    """Outputs were created 0600 (mkstemp's mode) whatever the umask: other users and groups could not read them."""
    old = os.umask(umask)
    try:
        write_atomic(tmp_path / "out.txt", "text\n")
    finally:
        os.umask(old)
    assert (tmp_path / "out.txt").stat().st_mode & 0o777 == mode


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [RUSSIAN, FRENCH, "東京の天気は晴れです。\n明日も晴れるでしょう。"])
def test_utf16_without_a_bom_is_text(codec: str, text: str) -> None:
    """Its spaces and newlines hold NUL bytes: it was refused as binary."""
    decoded = decode(text.encode(codec), "x")
    assert (decoded.text, decoded.encoding) == (text, codec)


@pytest.mark.parametrize("data", [bytes(range(256)) * 4, b"\x00\x00\x00\x01" * 100, os.urandom(4096)])
def test_binary_with_nul_bytes_is_still_binary(data: bytes) -> None:
    with pytest.raises(InputError, match="binary"):
        decode(data, "x")
