"""The docstrings' examples run: they are documentation users read, and an example that lies is a bug.

Run here, on the imported package (the installed one in CI), rather than by pytest's --doctest-modules, which
collects the checkout's files and refuses them when the package imported is an installed copy.
"""

from __future__ import annotations

import doctest
import importlib
import importlib.util
import pkgutil
from types import ModuleType

import pytest

import cleaner
from conftest import ROOT

OPTIONAL = {"cleaner.integrations.ray": "ray", "cleaner.integrations.scrapy": "scrapy",
            "cleaner.integrations.datatrove": "datatrove"}


def _modules() -> list[str]:
    names = [info.name for info in pkgutil.walk_packages(cleaner.__path__, "cleaner.")
             if info.name != "cleaner.__main__"]  # running it starts the command line
    return [n for n in names if n not in OPTIONAL or importlib.util.find_spec(OPTIONAL[n]) is not None]


def _quality_gate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_gate", ROOT / "benchmarks" / "quality_gate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", [*_modules(), "benchmarks/quality_gate.py"])
def test_docstring_examples(name: str) -> None:
    module = _quality_gate() if name.endswith(".py") else importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_examples_are_found() -> None:
    """A check that runs nothing cannot fail: the package's modules do hold examples."""
    attempted = sum(doctest.testmod(importlib.import_module(n)).attempted for n in _modules())
    assert attempted >= 3
