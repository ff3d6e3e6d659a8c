"""What `cleaner explain` and `cleaner rules` print: the engine's verdicts and its rules, as text or JSON-ready dicts.

Pure: values in, lines out; the command line echoes them. The heuristics listed beside the rules are the
engine's registry and the page kinds, with each heuristic's step in the pass order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from collections.abc import Iterator, Sequence

from .article import Category
from .engine import PASSES, LineReport
from .heuristics import HEURISTICS
from .page import Heuristic
from .io import truncate
from .rules import TAGS, Rule

if TYPE_CHECKING:
    from .html import PageExplanation


def explain_lines(reports: list[LineReport], width: int) -> Iterator[str]:
    """Aligned columns (line, verdict, rule, text); under each text line, its label, features and rule hits."""
    number_w = len(str(max((r.line for r in reports), default=1)))
    verdict_w = max((len(r.verdict) for r in reports), default=1)
    rule_w = max((len(r.rule or "-") for r in reports), default=1)
    indent = " " * (2 + number_w + 2)
    for r in reports:
        yield truncate(f"  {r.line:>{number_w}}  {r.verdict:<{verdict_w}} {r.rule or '-':<{rule_w}} {r.text}".rstrip(), width)
        for details in _details(r):
            yield truncate(indent + details, width)


def page_lines(page: PageExplanation, width: int) -> Iterator[str]:
    """A page's explanation: what trafilatura kept and dropped (whole: it is the only account of what it
    dropped), the page's metadata, then each line of the text it let through."""
    yield page.summary()
    e = page.extraction
    if e is not None:
        for name, value in (("headline", e.headline), ("date", e.date), ("byline", e.byline)):
            yield truncate(f"{name} (page metadata): {value or '-'}", width)
    yield from explain_lines(page.reports, width)


def _details(report: LineReport) -> list[str]:
    """Under a line: `rule fired=a,b`, then its features."""
    if not report.features:
        return []  # a blank line
    head = [report.label] + (["fired=" + ",".join(report.fired)] if report.fired else [])
    return [" ".join(head), " ".join(f"{key}={_short(value)}" for key, value in report.features.items())]


def _short(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def heuristics() -> list[Heuristic]:
    """The engine's heuristics and the page kinds (a page with no article), which remove lines by what they see."""
    from .pagekind import kinds

    return [*HEURISTICS, *(Heuristic(k.id, k.category, f"A page with no article ({k.id.replace('-', ' ')}): a marker "
                                     "line says so and no article prose stands on the page; every line goes.")
                           for k in kinds())]


def rule_table(rules: Sequence[Rule], passes: Sequence[Heuristic], width: int) -> Iterator[str]:
    """`cleaner rules`: one row per rule (id, category, languages, action, description) and per heuristic."""
    rows = [(r.id, r.category.value, ",".join(sorted(r.languages)), r.action.value, _rule_note(r)) for r in rules]
    rows += [(h.id, h.category.value if h.category else "(its rule's)", "*", "heuristic", h.description) for h in passes]
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    for row in rows:
        yield truncate("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4], width)


def explained(rule_id: str, rules: Sequence[Rule]) -> str | None:
    """`cleaner rules ID`: one rule with its patterns and examples, or one heuristic and its step in the pass
    order; None when there is neither."""
    rule = next((r for r in rules if r.id == rule_id), None)
    if rule is not None:
        lines = [f"{rule.id}: rule, category {rule.category.value}, action {rule.action.value}, languages "
                 f"{', '.join(sorted(rule.languages))}" + (f", sites {', '.join(sorted(rule.sites))}" if rule.sites else ""),
                 f"  {rule.description}", f"  from {rule.origin}"]
        lines += [f"  tag {tag}: {TAGS[tag]}" for tag in sorted(rule.tags)]
        lines += [f"  pattern: {p}" for p in rule.patterns]
        lines += [f"  removes: {m}" for m in rule.match] + [f"  keeps:   {k}" for k in rule.keep]
        return "\n".join(lines) + "\n"
    heuristic = next((h for h in heuristics() if h.id == rule_id), None)
    if heuristic is None:
        return None
    category = heuristic.category.value if heuristic.category else "that of the rule it follows"
    steps = [step.name for step in PASSES]
    runs = [n for n, step in enumerate(PASSES, 1) if heuristic.id in (step.name, *step.removes)]
    where = (f"  step {', '.join(f'{n} ({steps[n - 1]})' for n in runs)} of {len(steps)} in the pass order: "
             f"{' > '.join(steps)}\n" if runs else "")
    return f"{heuristic.id}: heuristic, category {category}\n  {heuristic.description}\n{where}"


def rule_dict(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id, "category": rule.category.value, "languages": sorted(rule.languages),
        "action": rule.action.value, "sites": sorted(rule.sites), "tags": sorted(rule.tags),
        "description": rule.description, "origin": rule.origin,
    }


def heuristic_dict(heuristic: Heuristic) -> dict[str, object]:
    return {"id": heuristic.id, "category": heuristic.category.value if heuristic.category else None,
            "languages": ["*"], "action": "heuristic", "description": heuristic.description}


def chosen(rules: Sequence[Rule], category: Category | None, language: str | None) -> tuple[list[Rule], list[Heuristic]]:
    """The rules and heuristics `cleaner rules` lists under its filters (a heuristic has no language)."""
    picked = [rule for rule in rules
              if (category is None or rule.category is category) and (language is None or rule.applies_to(language))]
    return picked, [h for h in heuristics() if category is None or h.category in (category, None)]


def _rule_note(rule: Rule) -> str:
    sites = f" [sites: {', '.join(sorted(rule.sites))}]" if rule.sites else ""
    tags = f" [tags: {', '.join(sorted(rule.tags))}]" if rule.tags else ""
    return rule.description + sites + tags
