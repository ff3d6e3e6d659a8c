"""A Scrapy item pipeline: each item's scraped text (or HTML) cleaned in `process_item`.

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}
    CLEANER_TEXT_FIELD = "text"      # the item field with scraped text...
    CLEANER_HTML_FIELD = "html"      # ...or with the page's HTML (used when there is no text)
    CLEANER_URL_FIELD = "url"        # the page's URL, for site rules
    CLEANER_OUTPUT_FIELD = "article" # the article (a dict) goes here; None: its fields go on the item
    CLEANER_RULES = []               # extra rule files

Items go through itemadapter, so dicts, `scrapy.Item`s and dataclasses all work (an Item or a
dataclass must declare the output field, or the article's fields when CLEANER_OUTPUT_FIELD is None).
The engine is built once, when the crawler starts.
"""

from __future__ import annotations

from typing import Any

from itemadapter import ItemAdapter

from ..engine import Cleaner
from ..html import clean_html


class CleanerPipeline:
    def __init__(self, text_field: str = "text", html_field: str = "html", url_field: str = "url",
                 output_field: str | None = "article", rule_files: list[str] | None = None) -> None:
        self.text_field, self.html_field, self.url_field = text_field, html_field, url_field
        self.output_field = output_field
        self.cleaner = Cleaner.from_rule_files(rule_files or [])

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
        )

    def process_item(self, item: Any, spider: Any = None) -> Any:
        """The item with its article: cleaned from the text field, else from the HTML field; an item
        with neither is passed on unchanged (nothing to clean is no reason to drop it)."""
        adapter = ItemAdapter(item)
        url = adapter.get(self.url_field)
        url = url if isinstance(url, str) else None
        text, page = adapter.get(self.text_field), adapter.get(self.html_field)
        if isinstance(text, str) and text.strip():
            article = self.cleaner.clean(text, source=url)
        elif isinstance(page, (str, bytes)) and page:
            article = clean_html(page, url=url, cleaner=self.cleaner)
        else:
            return item
        data = article.to_dict()
        data["body"] = "\n\n".join(article.body)
        if self.output_field is None:
            for key, value in data.items():
                adapter[key] = value
        else:
            adapter[self.output_field] = data
        return item
