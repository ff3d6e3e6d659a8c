"""The Scrapy pipeline: a real crawl against a local server, and items of every kind itemadapter knows."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

scrapy = pytest.importorskip("scrapy")

from cleaner.integrations.scrapy import CleanerPipeline  # noqa: E402
from conftest import ROOT  # noqa: E402

P1 = ("Volunteers counted forty otters along the river this spring, the highest figure since the survey "
      "began, and the council promised to keep the banks free of new building.")
P2 = ("The survey relies on people who walk the banks at dawn looking for tracks, and this year many more "
      "took part than before, the organisers said at the town hall on Friday.")
TEXT = f"Home | News\nOtters return to the river\n{P1}\nShare on Facebook\n{P2}\n"
PAGE = (f"<html><head><title>Otters return to the river | River News</title></head><body>"
        f"<article><h1>Otters return to the river</h1><p>{P1}</p><p>Share on Facebook</p><p>{P2}</p></article></body></html>")

SPIDER = """
import json, sys
import scrapy
from scrapy.crawler import CrawlerProcess

class Pages(scrapy.Spider):
    name = "pages"
    start_urls = [sys.argv[1] + "/story.html"]

    def parse(self, response):
        yield {"url": response.url, "html": response.text}

process = CrawlerProcess(settings={
    "ITEM_PIPELINES": {"cleaner.integrations.scrapy.CleanerPipeline": 300},
    "CLEANER_OUTPUT_FIELD": "",
    "FEEDS": {sys.argv[2]: {"format": "jsonlines"}},
    "LOG_LEVEL": "ERROR",
    "ROBOTSTXT_OBEY": False,
})
process.crawl(Pages)
process.start()
"""


def test_a_real_crawl_cleans_each_item(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "story.html").write_text(PAGE, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(SimpleHTTPRequestHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        script = tmp_path / "crawl.py"
        script.write_text(SPIDER)
        out = tmp_path / "items.jsonl"
        proc = subprocess.run([sys.executable, str(script), f"http://127.0.0.1:{server.server_port}", str(out)],
                              capture_output=True, text=True, timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": ""})
        assert proc.returncode == 0, proc.stderr[-2000:]
    finally:
        server.shutdown()
    [item] = [json.loads(line) for line in out.read_text().splitlines()]
    assert item["headline"] == "Otters return to the river"
    assert item["body"] == f"{P1}\n\n{P2}"
    assert item["extraction"] == "trafilatura"


class Story(scrapy.Item):
    text = scrapy.Field()
    url = scrapy.Field()
    article = scrapy.Field()


@dataclass
class StoryRecord:
    text: str
    url: str = "https://river.example/otters"
    article: dict[str, Any] = field(default_factory=dict)


@pytest.mark.parametrize("make", [lambda: {"text": TEXT}, lambda: Story(text=TEXT), lambda: StoryRecord(TEXT)])
def test_dicts_items_and_dataclasses_all_get_their_article(make: Any) -> None:
    item = make()
    out = CleanerPipeline().process_item(item, spider=None)
    article = out["article"] if not isinstance(out, StoryRecord) else out.article
    assert article["headline"] == "Otters return to the river"
    assert article["body"] == f"{P1}\n\n{P2}"
    assert {r["text"] for r in article["removed"]} == {"Home | News", "Share on Facebook"}


def test_an_item_without_text_or_html_passes_unchanged() -> None:
    item = {"title": "no text here"}
    assert CleanerPipeline().process_item(item) == {"title": "no text here"}


class _Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


ERROR_PAGE = "Site\nNews\nPage not found\nSorry, the page you are looking for does not exist.\nFooter\n"


def test_crawl_stats_count_removals_and_pages_with_no_article() -> None:
    stats = _Stats()
    pipeline = CleanerPipeline(stats=stats)
    pipeline.process_item({"text": TEXT})
    pipeline.process_item({"text": ERROR_PAGE})
    assert stats.values["cleaner/items"] == 2
    assert stats.values["cleaner/removed/share"] >= 1
    assert stats.values["cleaner/no_article/error-page"] == 1


def test_items_with_no_article_can_be_dropped() -> None:
    from scrapy.exceptions import DropItem

    kept = CleanerPipeline().process_item({"text": ERROR_PAGE})
    assert kept["article"]["no_article"] == "error-page" and kept["article"]["body"] == ""
    with pytest.raises(DropItem, match="error-page"):
        CleanerPipeline(drop_no_article=True).process_item({"text": ERROR_PAGE})


def test_in_a_thread_the_reactor_gets_a_deferred() -> None:
    from twisted.internet.defer import Deferred

    result = CleanerPipeline(in_thread=True).process_item({"text": TEXT})
    assert isinstance(result, Deferred)
