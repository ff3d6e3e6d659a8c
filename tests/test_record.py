"""The in-memory JSONL contract: what pipelines call per record."""

import pickle
from pathlib import PurePath

import pytest

from cleaner import RecordError, clean_dataframe, clean_record, clean_records
from cleaner import clean as cleaner_clean
from cleaner.article import Article, Category, Removal
from cleaner.engine import Cleaner, Options
from cleaner.defaults import default_cleaner
from cleaner.io import InputFormat
from cleaner.record import Fields, document_of, kind_of, to_record

ARTICLE = (
    "Share on Facebook\n"
    "River town opens its first public library in a century\n"
    "The old grain store by the river was turned into a library over two years of weekend work by volunteers.\n"
    "Its shelves hold eleven thousand books, most of them given by families who had kept them in their attics.\n"
)


def test_record_keeps_its_fields_and_gains_the_article() -> None:
    record = {"id": "a1", "text": ARTICLE, "lang_hint": "en"}
    out = clean_record(record)
    assert out["id"] == "a1" and out["lang_hint"] == "en"
    assert "text" not in out
    assert out["headline"] == "River town opens its first public library in a century"
    assert "Share on Facebook" not in out["body"]
    assert out["body"].startswith("The old grain store")
    assert any(r["text"] == "Share on Facebook" for r in out["removed"])
    assert record == {"id": "a1", "text": ARTICLE, "lang_hint": "en"}, "the input record is left alone"


def test_field_names_are_options() -> None:
    out = clean_record({"doc": ARTICLE, "key": 7}, fields=Fields(text="doc", id="key"))
    assert out["key"] == 7 and "doc" not in out and out["body"]


def test_a_record_without_text_is_an_error_naming_the_field() -> None:
    with pytest.raises(RecordError, match="no 'text' field"):
        clean_record({"id": 1})
    with pytest.raises(RecordError, match="'text' is not a string"):
        clean_record({"id": 1, "text": 3})


def test_batch_keeps_order_and_marks_bad_records() -> None:
    out = clean_records([{"id": 1, "text": ARTICLE}, {"id": 2}, {"id": 3, "text": ARTICLE}])
    assert [r["id"] for r in out] == [1, 2, 3]
    assert out[1] == {"id": 2, "error": "no 'text' field"}
    assert "error" not in out[0] and out[2]["body"] == out[0]["body"]


def test_the_record_function_pickles_for_worker_processes() -> None:
    assert pickle.loads(pickle.dumps(clean_record)) is clean_record


def test_a_dataframe_gets_the_same_records_row_for_row() -> None:
    pandas = pytest.importorskip("pandas")  # installed with the test extra (and Ray's)
    frame = pandas.DataFrame({"id": [1, 2, 3], "text": [ARTICLE, None, ARTICLE], "url": ["https://a.example/x", None, None]},
                             index=[10, 20, 30])
    out = clean_dataframe(frame)
    assert list(out.index) == [10, 20, 30]
    assert out.loc[10, "headline"] == "River town opens its first public library in a century"
    assert out.loc[20, "error"] == "no 'text' field" and "text" not in out.columns
    expected = clean_records([{"id": 1, "text": ARTICLE, "url": "https://a.example/x"}, {"id": 3, "text": ARTICLE}])
    assert out.loc[10, "body"] == expected[0]["body"] and out.loc[30, "removed"] == expected[1]["removed"]


def test_a_lone_surrogate_never_raises() -> None:
    """fastText takes UTF-8: a sample holding a lone surrogate made `clean` raise a TypeError."""
    import cleaner

    article = cleaner.clean("word \ud83d " * 500)
    assert article.body == (("word \ud83d " * 500).strip(),)
    out = clean_record({"id": "x\udc00", "text": "Mot \udc00 " * 60})
    assert out["id"] == "x\udc00" and "\udc00" in out["body"]


BAD_URLS = ["http://[::1", "http://[zz]/x", "//[", "https://[::1]:99999/a", "http://a.example:port/"]


@pytest.mark.parametrize("url", BAD_URLS)
def test_a_url_that_does_not_parse_names_no_site(url: str) -> None:
    """urlsplit raises ValueError on `http://[::1`: that failed the document (and, in the CLI, the batch)."""
    import cleaner
    from cleaner.html import clean_html

    assert cleaner.clean(ARTICLE, source=url).body == cleaner.clean(ARTICLE).body
    page = f"<html><body><article><h1>River town library</h1><p>{ARTICLE.splitlines()[2]}</p></article></body></html>"
    assert clean_html(page, url=url).body == clean_html(page).body
    out = clean_records([{"id": 1, "text": ARTICLE, "url": url}, {"id": 2, "html": page, "url": url}])
    assert [("error" in r, r["url"]) for r in out] == [(False, url), (False, url)]


def test_an_engine_failure_fails_its_record_not_the_batch() -> None:
    class Failing(Cleaner):
        def clean(self, text: str, **kwargs: object):  # type: ignore[override]
            if text == "boom":
                raise ZeroDivisionError("a bug")
            return super().clean(text, **kwargs)  # type: ignore[arg-type]

    out = clean_records([{"id": 1, "text": "boom"}, {"id": 2, "text": ARTICLE}], cleaner=Failing())
    assert out[0] == {"id": 1, "text": "boom", "error": "internal error: ZeroDivisionError: a bug"}
    assert out[1]["headline"] == "River town opens its first public library in a century"


@pytest.mark.parametrize("value", [b"bytes of text", None, 42, ["a list"]])
def test_clean_on_a_non_string_is_a_type_error_saying_what_it_wants(value: object) -> None:
    import cleaner

    with pytest.raises(TypeError, match=f"must be a str, not {type(value).__name__}"):
        cleaner.clean(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a str"):
        default_cleaner(Options()).explain(value)  # type: ignore[arg-type]


def test_clean_html_on_plain_text_or_a_fragment_keeps_the_text_and_says_so() -> None:
    """trafilatura refuses text without a page around it: the body came back empty without a word."""
    from cleaner.html import clean_html

    text = clean_html(ARTICLE)
    assert text.extraction == "text" and text.headline == "River town opens its first public library in a century"
    assert text.body == cleaner_clean(ARTICLE).body
    paragraph = ARTICLE.splitlines()[2]
    fragment = clean_html(f"<p>{paragraph}</p>".encode())
    assert fragment.extraction == "trafilatura" and fragment.body == (paragraph,)
    [record] = clean_records([{"id": 1, "html": ARTICLE}])
    assert record["extraction"] == "text" and record["body"].startswith("The old grain store")


def test_a_page_holding_a_lone_surrogate_keeps_its_text() -> None:
    """lxml refuses a str with a lone surrogate: the page came back with an empty body, and no error."""
    paragraph = ARTICLE.splitlines()[2]
    page = f"<html><body><article><h1>River town library \ud800</h1><p>{paragraph[:40]} \udc00 {paragraph[40:]}</p></article></body></html>"
    [out] = clean_records([{"id": 1, "html": page}])
    assert f"{paragraph[:40]} \ufffd {paragraph[40:]}" in out["body"] and "error" not in out


def test_record_passes_fields_through_and_joins_body() -> None:
    article = Article(headline="H", body=("p1", "p2"), language="en",
                      removed=(Removal(3, "Share", Category.SHARE, "share-bar"),))
    record = to_record(article, {"id": "x", "text": "raw", "url": "u", "body": "old", "meta": {"k": 1}})
    assert record["id"] == "x" and record["url"] == "u" and record["meta"] == {"k": 1}
    assert "text" not in record
    assert record["body"] == "p1\n\np2"
    assert record["removed"] == [{"line": 3, "text": "Share", "category": "share", "rule": "share-bar"}]
    assert {"headline", "subheadline", "dateline", "date", "byline", "language"} <= set(record)


@pytest.mark.parametrize("head,path,expected", [
    (b'\n  \n{"text": "x"}\n', None, InputFormat.JSONL), (b"\xef\xbb\xbf{}", None, InputFormat.JSONL),
    (b"Headline\n{not jsonl}", None, InputFormat.TEXT), (b"", None, InputFormat.TEXT),
    (b"  <!DOCTYPE html><html>", None, InputFormat.HTML), (b"<html lang=en>", None, InputFormat.HTML),
    (b"<b>bold</b> is not a page", None, InputFormat.TEXT),
    (b"<!doctype html><html>", "page.txt", InputFormat.HTML), (b"", "page.htm", InputFormat.HTML),
    (b'{"text": "x"}', "notes.txt", InputFormat.TEXT), (b"", "crawl.jsonl.gz", InputFormat.JSONL),
    (b"<html>", "crawl.jsonl", InputFormat.JSONL), (b"Plain text", "page.html", InputFormat.HTML),
])
def test_kind_of_reads_suffix_then_start(head: bytes, path: str | None, expected: InputFormat) -> None:
    assert kind_of(head, PurePath(path) if path else None) is expected
    assert kind_of(head, PurePath(path) if path else None, InputFormat.TEXT) is InputFormat.TEXT  # declared wins


@pytest.mark.parametrize("record,expected", [
    ({"text": "Hi"}, ("text", "Hi")), ({"html": "<p>Hi</p>"}, ("html", "<p>Hi</p>")),
    ({"text": "", "html": "<p>Hi</p>"}, ("text", "")),  # a text field, even empty, is the document
    ({"text": None, "html": "<p>Hi</p>"}, "'text' is not a string"), ({"html": 3}, "no 'text' field"),
])
def test_document_of_takes_the_text_else_the_html(record: dict[str, object], expected: object) -> None:
    if isinstance(expected, str):
        with pytest.raises(RecordError, match=expected):
            document_of(record)
    else:
        assert document_of(record) == expected
