"""Cleaner: lines -> rules -> heuristics -> metadata -> Article. Pure: no I/O, no clock.

`clean` and `explain` run the same `_decide`; explain only reports more of what it decided.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from collections.abc import Callable, Collection, Sequence

from . import archives
from . import bios
from . import byline
from . import cluster
from . import heuristics as h
from . import metadata
from . import notices
from . import teasers
from . import dates
from .dates import iso_date
from .article import Article, Removal
from .language import detect_lines, pack_of
from .features import Label
from .lines import Line, joined, split_lines
from .page import KEPT, Kind, Page, Verdict
from .pagekind import mark_no_article, no_article
from .rules import CompiledRules, Rule, builtin_rules, load_rule_file


@dataclass(frozen=True)
class Options:
    """Engine settings; thresholds of single heuristics are named constants in `heuristics`."""

    language: str | None = None  # force a language (ISO 639-1) instead of detecting it
    # The text comes from an extractor that already chose the main content (trafilatura): only rules
    # (and their blocks) remove lines; no zones, no metadata lines taken out of the body.
    extracted: bool = False


@dataclass(frozen=True)
class LineReport:
    """One input line as `explain` shows it: the verdict and what decided it."""

    line: int
    text: str
    verdict: str  # headline | dateline | byline | body | blank | the category removed
    rule: str | None  # id of the rule or heuristic that decided
    label: str  # the context-free label (good, near-good, short, rule, blank)
    fired: tuple[str, ...] = ()  # every rule whose pattern hits the line
    features: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line, "text": self.text, "verdict": self.verdict, "rule": self.rule,
            "label": self.label, "fired": list(self.fired), "features": self.features,
        }


def site_of(source: str | None) -> str | None:
    """The domain a document comes from, for site rules: a URL's host or a bare domain (none for a URL that
    does not parse)."""
    if (parts := metadata.url_parts(source)) is None:
        return None
    try:
        host = (parts.hostname or "").removeprefix("www.")
    except ValueError:  # `http://[zz]/` splits, and its host then fails to parse
        return None
    return host if "." in host else None


class Cleaner:
    """Compiled rules plus options; build once, clean many documents."""

    def __init__(self, extra_rules: Sequence[Rule] = (), options: Options | None = None) -> None:
        self.options = options or Options()
        self.rules = CompiledRules([*builtin_rules(), *extra_rules])
        self._extracted: Cleaner | None = None

    def for_extracted_text(self) -> Cleaner:
        """The same compiled rules, for text an extractor already cut to the article (`Options.extracted`)."""
        if self.options.extracted:
            return self
        if self._extracted is None:
            twin = copy.copy(self)
            twin.options = dataclasses.replace(self.options, extracted=True)
            self._extracted = twin
        return self._extracted

    @classmethod
    def from_rule_files(cls, paths: Sequence[str | Path], options: Options | None = None) -> Cleaner:
        """A cleaner with the built-in packs plus users' rule files (raises RuleError)."""
        return cls([rule for path in paths for rule in load_rule_file(path)], options)

    def clean(self, text: str, *, source: str | None = None, template: Collection[str] = ()) -> Article:
        """Clean one document. `template`: normalized lines of its site's template, learned across a
        batch (`site.SiteRepeats`), removed as `site-repeat`."""
        timed_out: list[str] = []  # this call's own: threads may share the cleaner
        page, language, headline = self._decide(text, source, template, timed_out)
        article = _article(page, language, headline)
        if page.no_article is not None:
            article = dataclasses.replace(article, no_article=page.no_article)
        if timed_out:
            article = dataclasses.replace(article, timed_out=tuple(dict.fromkeys(timed_out)))
        return article

    def explain(self, text: str, *, source: str | None = None) -> list[LineReport]:
        timed_out: list[str] = []  # as `clean`: this document's, so a slow rule costs it one time bound
        page, language, _ = self._decide(text, source, timed_out=timed_out)
        site, packs = site_of(source), pack_of(language)
        reports = []
        for i, line in enumerate(page.lines):
            verdict = page.verdicts[i]
            f = page.features[i]
            reports.append(LineReport(
                line=line.number,
                text=line.text,
                verdict="blank" if verdict is None else _verdict_name(verdict),
                rule=verdict.rule if verdict else None,
                label=page.labels[i].value,
                fired=tuple(r.id for r in self.rules.all_hits(line.norm, packs, site, timed_out)) if not line.blank else (),
                features=f.to_dict() if f else {},
            ))
        return reports

    def _decide(self, text: str, source: str | None, template: Collection[str] = (),
                timed_out: list[str] | None = None) -> tuple[Page, str | None, int | None]:
        if not isinstance(text, str):  # else an AttributeError from deep inside, naming no culprit
            hint = " (decode it first: cleaner.io.decode guesses the encoding)" if isinstance(text, (bytes, bytearray)) else ""
            raise TypeError(f"the text to clean must be a str, not {type(text).__name__}{hint}")
        lines = split_lines(text, cut=not self.options.extracted)  # an extractor's lines are its paragraphs
        language = self.options.language or detect_lines(line.text for line in lines)
        packs = pack_of(language)
        site = site_of(source)
        hits = self.rules.first_hits([line.norm for line in lines], packs, site, timed_out)
        page = Page.build(lines, hits, packs)
        marking = _Marking(page, source, template)
        for step in EXTRACTED_PASSES if self.options.extracted else PASSES:
            if step.run(marking):  # the article is decided: what is left is body
                break
        headline = _keep_the_rest(page, marking.headline)
        if self.options.extracted:
            return page, language, headline
        page.no_article = no_article(page)
        if page.no_article is not None:
            mark_no_article(page, page.no_article)
            headline = None
        return page, language, headline


# How far from the article start metadata lines are looked for (lines, blank ones included).
# A standfirst may stand between the headline and them, hence past the first good paragraph.
BYLINE_REACH = 6
BYLINE_ABOVE = 4  # and above the headline: some sites print the byline over it
DATELINE_REACH = 10
DATELINE_MAX_GOOD = 3  # good paragraphs past the first a dateline may stand under


@dataclass
class _Marking:
    """One page on its way through the passes, with what they found that later passes read."""

    page: Page
    source: str | None
    template: Collection[str]
    # What the page's title line and URL said of the headline: when they name one that no line repeats,
    # no line but the title line itself is taken for the headline.
    titled: metadata.Titled = metadata.Titled(None, False)
    goods: list[int] = field(default_factory=list)  # the good lines once the widgets' lines are out
    headline: int | None = None
    top: int = 0  # the headline, or the first good line: where the metadata lines are looked for
    first: int = 0  # the first good line under `top`
    first_good: int = 0  # the article's first good line once the metadata and the blocks are out


@dataclass(frozen=True)
class Step:
    """One pass in the engine's order: its name (a heuristic's id where it is one heuristic) and what runs.
    `run` returns True when the article is decided: the steps after it are skipped, what is left is body.
    `removes` names the other heuristics whose removals the step makes (`cleaner rules ID` says where each runs)."""

    name: str
    run: Callable[[_Marking], bool | None]
    removes: tuple[str, ...] = ()


def _rule_hits(m: _Marking) -> None:
    h.rule_hits(m.page)


def _site_repeats(m: _Marking) -> None:
    if m.template:
        h.site_template(m.page, m.template)


def _title_line(m: _Marking) -> None:
    m.titled = metadata.title_line_heading(m.page, m.source)  # before repeats: the heading may repeat the title


def _repeated_lines(m: _Marking) -> None:
    h.repeated_lines(m.page)


def _counted_lists(m: _Marking) -> None:
    h.counted_lists(m.page)


def _date_lists(m: _Marking) -> None:
    archives.date_lists(m.page)


def _truncated_teasers(m: _Marking) -> None:
    h.truncated_teasers(m.page)


def _site_notices(m: _Marking) -> None:
    notices.site_notices(m.page)


def _headline(m: _Marking) -> None:
    """The headline: the title line's repeat, or the line over the first good paragraph."""
    page, titled = m.page, m.titled
    goods = m.goods = page.goods()
    if titled.heading is not None:
        m.headline = titled.heading
    elif goods:
        # A title line names a headline no line repeats: none is guessed, unless the title line
        # itself stands over the text as its headline ("Headline – Source" over a clean article).
        m.headline = metadata.find_headline(page, goods[0], page.nonblank[0] if titled.named else None,
                                            metadata.slug_words(m.source))
    elif titled.named:
        m.headline = None
    else:
        byline.find_byline(page, 0, 0)  # first, as before: a byline under the title is not what it stands over
        m.headline = metadata.title_over_sentences(page)


def _no_prose(m: _Marking) -> bool:
    """Nothing reads as article prose: unsure, so everything the rules left stays; the metadata lines
    are looked for around a headline, when there is one."""
    if m.goods:
        return False
    around = (0, 0) if m.headline is None else (m.headline - DATELINE_REACH, m.headline + DATELINE_REACH)
    metadata.find_dateline(m.page, *around)
    byline.find_byline(m.page, *around)
    return True


def _caption_near_headline(m: _Marking) -> None:
    if m.headline is not None:
        h.caption_near_headline(m.page, m.headline)


def _dateline(m: _Marking) -> None:
    top = m.top = m.headline if m.headline is not None else m.goods[0]
    first = m.page.next_good(top + 1)
    m.first = m.goods[-1] if first is None else first
    # Under DATELINE_MAX_GOOD paragraphs of the article, a date is another piece's: a comment's, a teaser's.
    good: int | None = m.first
    for _ in range(DATELINE_MAX_GOOD):
        good = None if good is None else m.page.next_good(good + 1)
    stop = m.first + DATELINE_REACH if good is None else min(m.first + DATELINE_REACH, good)
    metadata.find_dateline(m.page, top - DATELINE_REACH, stop)


def _byline(m: _Marking) -> None:
    # Past the first paragraph, BYLINE_REACH lines that print something: a scraper's blank lines between a
    # summary, a picture's credit and the byline ("Name · Outlet · Posted: date") do not count, nor do lines
    # without a letter (a separator "/", a video's running time "01:46" between the date and "By").
    nonblank, lines = m.page.nonblank, m.page.lines
    stop, counted = len(lines), 0
    for i in nonblank[bisect_left(nonblank, m.first):]:
        if byline.LETTER.search(lines[i].text):
            if counted == BYLINE_REACH:
                stop = i
                break
            counted += 1
    byline.find_byline(m.page, m.top - BYLINE_ABOVE, max(stop, m.first + BYLINE_REACH))


def _above_headline(m: _Marking) -> None:
    if m.titled.sure and m.headline is not None:
        metadata.clear_above_headline(m.page, m.headline)


def _rule_blocks(m: _Marking) -> None:
    h.rule_blocks(m.page)


def _teasers_before_more_links(m: _Marking) -> None:
    h.teasers_before_more_links(m.page)


def _comment_thread(m: _Marking) -> None:
    h.comment_thread(m.page)


def _article_start(m: _Marking) -> bool:
    """The first good line left; none (the blocks took them all): the article is decided."""
    first_good = m.page.next_good(0)
    if first_good is None:
        return True
    m.first_good = first_good
    return False


def _standfirst(m: _Marking) -> None:
    if m.headline is not None:
        after = m.page.next_good(m.headline + 1)
        metadata.keep_standfirst(m.page, m.headline, len(m.page.lines) if after is None else after)


def _widget_neighbours(m: _Marking) -> None:
    h.widget_neighbours(m.page)


def _short_line_runs(m: _Marking) -> None:
    h.short_line_runs(m.page)


def _headline_runs(m: _Marking) -> None:
    teasers.headline_runs(m.page)


def _edge_zones(m: _Marking) -> None:
    h.edge_zones(m.page, m.first_good, h.article_end(m.page))  # the passes since take no good line


def _article_cluster(m: _Marking) -> None:
    cluster.article_cluster(m.page, m.headline)


def _author_bios(m: _Marking) -> None:
    bios.author_bios(m.page)


# The engine's pass order, written once: `Cleaner` walks it for every document of a whole page. Rules first;
# the title line before the repeats (the heading may repeat the title); the widgets before the headline; the
# metadata lines around the headline; the rules' blocks after them (a widget header above the article cannot
# take the headline); the zones last, around what is left of the article.
PASSES: tuple[Step, ...] = (
    Step("rule-hits", _rule_hits),
    Step(h.SITE_REPEAT.id, _site_repeats),
    # Lines that are lists by their own shape, before the title line's search: its stamped heading must not be one.
    Step(h.COUNTED_LIST.id, _counted_lists),
    Step(archives.DATE_LIST.id, _date_lists),
    Step(metadata.TITLE_LINE.id, _title_line, (metadata.SECTION_LABEL.id,)),
    Step(h.REPEATED_LINE.id, _repeated_lines),
    Step(h.TRUNCATED_TEASERS.id, _truncated_teasers),
    Step(notices.SITE_NOTICE.id, _site_notices),
    Step("headline", _headline, (metadata.SHARE_BUTTON.id, metadata.LINK_BAR.id, byline.BYLINE_PARTICLE.id)),
    Step("no-prose", _no_prose, (byline.BYLINE_PARTICLE.id,)),
    Step(h.CAPTION_NEAR_HEADLINE.id, _caption_near_headline),
    Step("dateline", _dateline),
    Step("byline", _byline, (byline.BYLINE_PARTICLE.id,)),
    Step(metadata.ABOVE_HEADLINE.id, _above_headline),
    Step("rule-blocks", _rule_blocks),
    Step(h.COMMENT_THREAD.id, _comment_thread),
    Step("article-start", _article_start),
    Step("standfirst", _standfirst),
    Step(h.WIDGET_NEIGHBOUR.id, _widget_neighbours),
    Step(h.SHORT_LINE_RUN.id, _short_line_runs),
    Step(teasers.HEADLINE_RUN.id, _headline_runs),
    Step("edge-zones", _edge_zones, (h.TOP_ZONE.id, h.TAIL_ZONE.id)),
    # The article's cluster chosen on the whole page, once every line-shape pass has had its say.
    Step("article-cluster", _article_cluster, (cluster.PAST_ARTICLE.id, cluster.BEFORE_ARTICLE.id)),
    Step(bios.AUTHOR_BIO.id, _author_bios),
)
# For text an extractor already cut to the article (`Options.extracted`): the rules and their blocks only.
# The teaser before a "read more" link only here: in a whole page, a standfirst may end so.
EXTRACTED_PASSES: tuple[Step, ...] = (
    Step("rule-hits", _rule_hits),
    Step(h.SITE_REPEAT.id, _site_repeats),
    Step("rule-blocks", _rule_blocks),
    Step(h.TEASER_BEFORE_MORE_LINK.id, _teasers_before_more_links),
)


def _mend_long_lines(page: Page) -> None:
    """A long line cut into pieces loses pieces only at its start and end (a glued menu, a share
    bar): from its first to its last piece that was kept or reads as prose no rule named, all stays."""
    anchors: dict[int, list[int]] = {}
    for i in page.nonblank:  # a piece has text
        line = page.lines[i]
        if line.whole is None or len(line.text) == len(line.whole):  # one piece: nothing to mend, its verdict stands
            continue
        v = page.verdicts[i]
        prose = page.labels[i] in (Label.GOOD, Label.NEAR_GOOD) and page.hits[i] is None
        if prose or (v is not None and v.kind is Kind.BODY):
            anchors.setdefault(line.number, []).append(i)
    for indexes in anchors.values():
        for i in range(indexes[0], indexes[-1] + 1):
            page.verdicts[i] = KEPT


def _keep_the_rest(page: Page, headline: int | None) -> int | None:
    """What no rule or heuristic removed is body."""
    verdicts, kept = page.verdicts, KEPT  # `page.open` inlined: every line passes here
    for i in page.nonblank:
        if verdicts[i] is None:
            verdicts[i] = kept
    _mend_long_lines(page)
    return headline


def _date(page: Page, dateline: str, language: str | None) -> str | None:
    """The dateline's ISO date; a numeric one read in the order the page prints its dates in."""
    if not dates.ambiguous(dateline):
        return iso_date(dateline)
    return iso_date(dateline, dates.month_first((line.text for line in page.lines), language))


def _verdict_name(verdict: Verdict) -> str:
    return verdict.category.value if verdict.kind is Kind.REMOVED and verdict.category else verdict.kind.value


def _body(page: Page) -> list[str]:
    """Body paragraphs in order: a kept line; a paragraph a scraper cut at its links, its kept
    lines joined again as they stood; the kept stretch of a long line, as the input has it."""
    # A paragraph is gathered as its parts and joined once: adding each cut line to a growing string
    # copies the paragraph again every time (quadratic on a page of cut lines).
    body: list[list[str]] = []
    run: list[Line] = []  # pieces of one long line
    previous: Line | None = None  # the last body line, when the next may continue it
    body_kind = Kind.BODY  # looked up once: an enum member costs ~80 ns a line
    for line, v in zip(page.lines, page.verdicts):
        kept = v is not None and v.kind is body_kind
        if run and (not kept or line.whole is not run[0].whole):
            body.append([joined(run[0], run[-1])])
            run = []
        if not kept:
            previous = None
            continue
        if line.whole is not None:
            run.append(line)
        elif line.joiner is not None and previous is not None and previous.number == line.number - 1:
            body[-1] += (line.joiner, line.text)
        else:
            body.append([line.text])
        previous = line if line.whole is None else None
    if run:
        body.append([joined(run[0], run[-1])])
    return ["".join(parts) if len(parts) > 1 else parts[0] for parts in body]


def _article(page: Page, language: str | None, headline_index: int | None) -> Article:
    body = _body(page)
    datelines: list[str] = []
    bylines: list[str] = []
    removed: list[Removal] = []
    body_kind, removed_kind, dateline_kind, byline_kind = Kind.BODY, Kind.REMOVED, Kind.DATELINE, Kind.BYLINE
    for line, v in zip(page.lines, page.verdicts):  # one walk for the metadata lines and the removals
        if v is None or v.kind is body_kind:  # most lines: passed first
            continue
        kind = v.kind
        if kind is removed_kind:
            if v.category is not None:
                removed.append(Removal(line.number, line.text, v.category, v.rule or ""))
        elif kind is dateline_kind:
            datelines.append(line.text)
        elif kind is byline_kind:
            bylines.append(line.text)
    dateline = datelines[0] if datelines else None
    if dateline is None and body:
        dateline = metadata.wire_dateline(body[0])
    headline = subheadline = None
    if headline_index is not None:
        verdict = page.verdicts[headline_index]
        if verdict is not None and verdict.rule == metadata.TITLE_REPEAT:
            headline = metadata.headline_text(page, headline_index)
        elif verdict is not None and verdict.rule == metadata.TITLE_STANDS:
            headline = metadata.site_cut(page.lines[headline_index].text)
        else:
            headline, subheadline = metadata.split_headline(page.lines[headline_index].text, page.stoplist, body)
    return Article(
        headline=headline,
        subheadline=subheadline,
        dateline=dateline,
        date=_date(page, dated, language) if (dated := dateline or (bylines[0] if bylines else None)) else None,
        byline=bylines[0] if bylines else None,
        body=tuple(body),
        language=language,
        removed=tuple(removed),
    )
