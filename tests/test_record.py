"""The in-memory JSONL contract: what pipelines call per record."""

import pickle

import pytest

from cleaner import RecordError, clean_dataframe, clean_record, clean_records
from cleaner.record import Fields

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
