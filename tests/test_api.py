"""The public API is pinned: a name added to or dropped from `cleaner.__all__` is a decision, made here."""

from __future__ import annotations

import subprocess
import sys

import cleaner

PUBLIC = {
    "Article", "Category", "Cleaner", "Fields", "Options", "RecordError", "Removal", "__version__", "clean",
    "clean_dataframe", "clean_html", "clean_record", "clean_records",
}


def test_all_is_pinned() -> None:
    assert set(cleaner.__all__) == PUBLIC


def test_every_public_name_resolves() -> None:
    for name in cleaner.__all__:
        assert getattr(cleaner, name) is not None, name


def test_clean_html_is_the_html_modules() -> None:
    from cleaner.html import clean_html

    assert cleaner.clean_html is clean_html
    article = cleaner.clean_html("<html><body><article><h1>Tram line to open</h1><p>"
                                 + "The council approved the new tram line on Tuesday after a long debate. " * 6
                                 + "</p></article></body></html>")
    assert "council approved" in " ".join(article.body)


def test_unknown_attribute_is_an_attribute_error() -> None:
    try:
        cleaner.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("no AttributeError")


def test_version_is_the_packages() -> None:
    from importlib.metadata import version

    assert cleaner.__version__ == version("cleaner")
    out = subprocess.run([sys.executable, "-m", "cleaner", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"cleaner {cleaner.__version__}"


def test_import_does_not_load_the_html_stack() -> None:
    code = "import sys, cleaner; print('trafilatura' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
