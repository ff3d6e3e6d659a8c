"""Scoring and benchmarks behind `cleaner eval` and `cleaner bench`: labelled corpus cases (`corpus`), snippet
files such as the development set (`snippets`), throughput and memory (`bench`)."""
