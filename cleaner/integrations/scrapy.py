"""A Scrapy item pipeline: each item's scraped text (or HTML) cleaned in `process_item`.

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_TEXT_FIELD = "text"      # the item field with scraped text...
    CLEANER_HTML_FIELD = "html"      # ...or with the page's HTML (used when there is no text)
    CLEANER_URL_FIELD = "url"        # the page's URL, for site rules
    CLEANER_OUTPUT_FIELD = "article" # the article (the JSONL record's fields) goes here; None: on the item
    CLEANER_RULES = []               # extra rule files
    CLEANER_THREAD = True            # clean in Twisted's thread pool, so a big page does not stall the reactor
    CLEANER_DROP_NO_ARTICLE = False  # drop (DropItem) the items of pages with no article (error pages ...)

Items go through itemadapter, so dicts, `scrapy.Item`s and dataclasses all work (an Item or a
dataclass must declare the output field, or the article's fields when CLEANER_OUTPUT_FIELD is None).
The engine is built once, when the crawler starts. The crawl's stats count `cleaner/items`,
`cleaner/removed/<category>` and `cleaner/no_article/<kind>`.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from ..engine import Cleaner
from ..record import clean_document, to_record


class CleanerPipeline:
    def __init__(self, text_field: str = "text", html_field: str = "html", url_field: str = "url",
                 output_field: str | None = "article", rule_files: list[str] | None = None, *,
                 in_thread: bool = False, drop_no_article: bool = False, stats: Any = None) -> None:
        self.text_field, self.html_field, self.url_field = text_field, html_field, url_field
        self.output_field = output_field
        self.cleaner = Cleaner.from_rule_files(rule_files or [])
        self.in_thread, self.drop_no_article, self.stats = in_thread, drop_no_article, stats

    @classmethod
    def from_crawler(cls, crawler: Any) -> CleanerPipeline:
        settings = crawler.settings
        output = settings.get("CLEANER_OUTPUT_FIELD", "article")
        return cls(
            text_field=settings.get("CLEANER_TEXT_FIELD", "text"),
            html_field=settings.get("CLEANER_HTML_FIELD", "html"),
            url_field=settings.get("CLEANER_URL_FIELD", "url"),
            output_field=output or None,
            rule_files=settings.getlist("CLEANER_RULES"),
            in_thread=settings.getbool("CLEANER_THREAD", True),
            drop_no_article=settings.getbool("CLEANER_DROP_NO_ARTICLE", False),
            stats=crawler.stats,
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """The item with its article, or (in a thread) a Deferred that fires with it."""
        if self.in_thread:
            from twisted.internet.threads import deferToThread

            return deferToThread(self.clean_item, item)
        return self.clean_item(item)

    def clean_item(self, item: Any) -> Any:
        """The item with its article: cleaned from the text field, else from the HTML field; an item
        with neither is passed on unchanged (nothing to clean is no reason to drop it)."""
        adapter = ItemAdapter(item)
        url = adapter.get(self.url_field)
        url = url if isinstance(url, str) else None
        text, page = adapter.get(self.text_field), adapter.get(self.html_field)
        if isinstance(text, str) and text.strip():
            article = clean_document(text, html=False, cleaner=self.cleaner, url=url)
        elif isinstance(page, (str, bytes)) and page:
            article = clean_document(page, html=True, cleaner=self.cleaner, url=url)
        else:
            return item
        if self.stats is not None:
            self.stats.inc_value("cleaner/items")
            for removal in article.removed:
                self.stats.inc_value(f"cleaner/removed/{removal.category.value}")
            if article.no_article is not None:
                self.stats.inc_value(f"cleaner/no_article/{article.no_article}")
        if self.drop_no_article and article.no_article is not None:
            raise DropItem(f"no article on the page: {article.no_article}")
        data = to_record(article, {})
        if self.output_field is None:
            for key, value in data.items():
                adapter[key] = value
        else:
            adapter[self.output_field] = data
        return item
