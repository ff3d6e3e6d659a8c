"""Adapters that plug the engine into other frameworks (Scrapy); each imports its framework lazily."""
