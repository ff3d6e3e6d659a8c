"""Site templates learned across a batch: recurring lines of one source go, shared news text stays."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.site import SiteRepeats

TEMPLATE = "Printed in the valley every weekday morning"
QUOTE = '"We will rebuild the bridge before winter," the minister said.'


def _story(n: int, site: str) -> str:
    return (f"Bridge story number {n} for {site}\n"
            f"The river bridge in district {n} was closed on Monday after engineers found cracks in two of its pillars.\n"
            f"{TEMPLATE if site == 'valley' else 'Hill Herald, since 1901'}\n"
            f"Traffic for the {n} villages on the far bank now takes the old ferry, which runs every half hour.\n"
            f"{QUOTE}\n")


def test_template_lines_are_learned_per_source_and_shared_text_is_not() -> None:
    learner = SiteRepeats(min_documents=3, min_share=0.5)
    for n in range(6):
        learner.add("valley.example", _story(n, "valley"))
        learner.add("hill.example", _story(n, "hill"))
    templates = learner.templates()
    assert templates["valley.example"] == {TEMPLATE.casefold()}
    assert templates["hill.example"] == {"hill herald, since 1901"}


def test_a_batch_removes_its_sites_template_as_site_repeat(tmp_path: Path) -> None:
    data = tmp_path / "crawl.jsonl"
    records = [{"id": f"{site}-{n}", "url": f"https://{site}.example/{n}", "text": _story(n, site)}
               for n in range(6) for site in ("valley", "hill")]
    data.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = CliRunner().invoke(app, ["clean", str(data), "--site-repeat-min", "3"])
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    for record in out:
        assert QUOTE in record["body"], "text that several outlets print is news, not template"
        assert TEMPLATE not in record["body"]
    valley = next(r for r in out if r["id"] == "valley-0")
    assert {"text": TEMPLATE, "rule": "site-repeat"}.items() <= next(r for r in valley["removed"] if r["text"] == TEMPLATE).items()
    kept = CliRunner().invoke(app, ["clean", str(data), "--no-site-repeat"])
    assert TEMPLATE in json.loads(kept.stdout.splitlines()[0])["body"]


def test_memory_stays_bounded_and_the_template_is_still_found(monkeypatch) -> None:
    """A source's one-off lines are forgotten as its documents come (lossy counting), and the lines
    held over all sources never pass MAX_LINES; a template line in every document stays counted."""
    from cleaner import site

    learner = SiteRepeats(min_documents=5, min_share=0.5)
    for n in range(400):
        unique = "\n".join(f"Caption {n}-{k}: a photo of the harbour" for k in range(30))
        learner.add("harbour.example", f"{unique}\n{TEMPLATE}\nHarbour Times front page")
    held = len(learner.counts["harbour.example"])
    assert held <= site.BUCKET_DOCUMENTS * 30 + 2, "one-off lines are forgotten bucket by bucket"
    assert learner.templates()["harbour.example"] == {TEMPLATE.casefold(), "harbour times front page"}

    monkeypatch.setattr(site, "MAX_LINES", 500)
    crowded = SiteRepeats(min_documents=2, min_share=0.5)
    for n in range(100):  # many small sources, each below a bucket: nothing is forgotten
        crowded.add(f"site{n}.example", "\n".join(f"Line {n}-{k} of a small site" for k in range(20)))
    assert crowded.size == 500


def test_a_line_two_sources_printed_stays_shared_after_both_forget_it() -> None:
    learner = SiteRepeats(min_documents=3, min_share=0.5)
    learner.add("valley.example", QUOTE)
    learner.add("hill.example", QUOTE)
    for n in range(40):  # the quote is forgotten by both sources' counts, then printed often by one
        learner.add("valley.example", f"Valley note {n}\n{QUOTE if n >= 10 else ''}")
        learner.add("hill.example", f"Hill note {n}")
    assert QUOTE.casefold() not in learner.templates().get("valley.example", frozenset())


def test_the_learner_keeps_learning_once_full(monkeypatch) -> None:
    """Past MAX_LINES the lines seen longest ago make room (shared marks too), so a source that comes
    late still learns its template, and an early source's template is kept (issue 16, item 23)."""
    from cleaner import site

    monkeypatch.setattr(site, "MAX_LINES", 500)
    learner = SiteRepeats(min_documents=3, min_share=0.5)
    for n in range(6):
        learner.add("valley.example", _story(n, "valley"))
    for n in range(100):  # many small sources, and lines that two of them print
        learner.add(f"site{n}.example", "\n".join(f"Line {n}-{k} of a small site" for k in range(10)))
        learner.add(f"other{n}.example", "\n".join(f"Line {n}-{k} of a small site" for k in range(10)))
    assert learner.size <= 500
    for n in range(6):
        learner.add("hill.example", _story(n, "hill"))
    templates = learner.templates()
    assert templates["hill.example"] == {"hill herald, since 1901"}
    assert templates["valley.example"] == {TEMPLATE.casefold()}
