"""Named, small decisions over lines: the passes that revise the context-free labels from context.

The shape follows jusText: each line first gets a label from its own features (`features`), then
passes revise lines from their neighbours and their position (the zone before the article, the
article, the tail after it) on the `Page`. Every pass that removes a line names itself in the
`Verdict`, and that name is what `Removal.rule` and `explain` show.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Collection
from itertools import accumulate

import regex

from .archives import DATE_LIST
from .bios import AUTHOR_BIO
from .cluster import BEFORE_ARTICLE, PAST_ARTICLE
from .byline import BYLINE_PARTICLE
from .metadata import ABOVE_HEADLINE, LINK_BAR, SECTION_LABEL, SHARE_BUTTON, TITLE_LINE
from .notices import SITE_NOTICE
from .teasers import HEADLINE_RUN
from .article import Category
from .dates import date_in
from .features import Features, Label
from .page import KEPT, SENTENCE_INSIDE, Heuristic, Kind, Page, Verdict, capital_start, sentence_shaped, several_sentences
from .rules import MORE_LINK, Action, Rule

BLOCK_MAX_LINES = 20  # a widget block (drop-block) never runs longer than this
RUN_MIN_LINES = 3  # short title-case lines in a row this long are a menu or a list of links
RUN_MIN_TITLE_CASE = 0.6
FACT_TABLE_SHARE = 0.5  # a run this much of "label: figure" lines is a table of facts, not a menu
# A run this much of quantity lines ("125 g flour", "2 EL Honig") is a recipe's ingredients, not a menu. Fitted on
# the development set's snippets: 0.2 and 0.3 keep the same; 0.5 loses the lists of the scrapers that print each
# quantity apart from its ingredient ("125 g" over "Mehl").
INGREDIENTS_SHARE = 0.3
CAPTION_MIN_CHARS = 60  # a line this long that stops mid-sentence under a headline is a cut caption
HEADING_MAX_WORDS = 12  # a subheading in the article's last part
# The first sentence of an article cut at its links into short lines over its first paragraph: at most this
# many pieces, each at most this many lines (one blank) above the next.
HEAD_MAX_PIECES = 6
HEAD_MAX_GAP = 2
REPEATED_MENU_MAX_WORDS = 2  # a repeated line this short is a menu or section word, its first print too
COMMENTS_ARTICLE_SHARE = 0.3  # good text before a comment opener, relative to after, to cut there
# Fitted on the development set (F1 by gap 4/5/6/8/10 and share 0.2/0.3/0.4/0.6; recall falls
# fast below a gap of 5). A cluster this far from the others, and this much smaller than the
# largest, is a sidebar or footer.
CLUSTER_GAP_LINES = 5
CLUSTER_KEEP_SHARE = 0.3
# Within the last cluster, a final group of good lines after two or more unpunctuated lines,
# under a tenth of the largest cluster, is a footer sentence ("Download our app for iOS and
# Android."). Fitted on the dev set: gaps 1/2/3, shares 0.06/0.1/0.13/0.15/0.2.
FOOTER_GAP_LINES = 2
FOOTER_MAX_SHARE = 0.1
# A list article ("the ten best...", "40 costume ideas") prints numbered headings in sequence, each
# over its own prose: this many items in a row make the whole list one article, however far apart.
LIST_MIN_ITEMS = 3
LIST_ITEM_MAX_CHARS = 100  # a numbered heading, not a numbered paragraph

# A reader comment's stamp: a short line with a date and a clock time ("4. November 2023 um 9:29 Uhr",
# "Jane on May 5, 2024 at 3:12 pm said:", "17.10.2019, 14:14 Reply Quote"). Two of them after the
# article's opening paragraphs start a comment thread; one may be the article's own dateline.
STAMP_MAX_CHARS = 80
THREAD_MIN_STAMPS = 2
THREAD_MIN_GOODS_BEFORE = 2  # good paragraphs before the first stamp: the article, not a list of posts
THREAD_MAX_GAP = 12  # non-blank lines from one comment's stamp to the next
# Good text above the thread, relative to below it: comments may outweigh the article several times,
# but a page whose prose mostly follows the stamps has its article there (reviews above a guide).
THREAD_ARTICLE_SHARE = 0.1
# ...unless the thread is this long: so many stamps, with prose between most, are comments however little
# prose stands above them (an article that is mostly a list). Half a of the devset has no such page; on half b
# one, fitted there: 5 to 12 give the same figures.
THREAD_LONG_STAMPS = 8
_CLOCK_TIME = regex.compile(r"(?<![\d:])(?:[01]?\d|2[0-3])(?::[0-5]\d|h[0-5]\d)(?![\d:])")

# A line of archive months or categories with their post counts ("Januar 2020 (4) Dezember 2019 (3)
# ...", "Fotografie (615) Reisen (48) ..."): this many counts in one line.
COUNTED_LIST_MIN_COUNTS = 4
_POST_COUNT = regex.compile(r"\w\s?\(\d{1,5}\)")

# Teasers of other stories are cut to a fixed length and end in an ellipsis ("... bei solide..."):
# lines this long that end so, this many within `TRUNCATED_WINDOW` non-blank lines of each other,
# are a teaser list. An article ends a paragraph so now and then, seldom two close together.
TRUNCATED_MIN_CHARS = 40
TRUNCATED_MIN_LINES = 2
TRUNCATED_WINDOW = 2
_ELLIPSES = ("…", "...")
_INNER_SENTENCE_END = regex.compile(r"\p{Ll}{2}[.!?] \p{Lu}|\d{4}[.!?] \p{Lu}")
# "7. Name", "10) Title", "8.Name": a number, a full stop or bracket, then a word.
_LIST_ITEM = regex.compile(r"^(\d{1,3}) ?[.)] *\p{L}")
# "Laufzeit: 5 Jahre", "Rated voltage: 230 V": a worded label, a colon, then a value with a figure.
_FACT_LINE = regex.compile(r"^\p{L}[\p{L}\p{M} .'/()-]{0,40}: [^:]*\d")
# "125 g", "1-2 tbsp", "½ cup", "2 Pck.", "1 c. à s.": a figure, then a unit of weight or volume or a kitchen measure.
_QUANTITY = regex.compile(r"^(?:\d+(?:[.,/]\d+)?(?: ?[-–] ?\d+(?:[.,/]\d+)?)?|[½¼¾⅓⅔⅛]) *(?:g|kg|mg|ml|cl|dl|l|oz|lbs?"
                          r"|tbsp|tsp|[Cc]ups?|EL|TL|Pck|Pkg|Msp|Prisen?|Becher|Stk|Stück|Spritzer|Tropfen|c\. ?à ?[sc])\b")

# Each `Label.X` costs a slow class lookup (see `features`): the passes bind the members they need once.
_GOOD, _NEAR_GOOD, _SHORT = Label.GOOD, Label.NEAR_GOOD, Label.SHORT


# --- passes -----------------------------------------------------------------------------------

def rule_hits(page: Page) -> None:
    """Every line a rule hits is removed, except author lines: metadata decides those."""
    verdicts, byline, removed = page.verdicts, Category.BYLINE, Kind.REMOVED
    made: dict[str, Verdict] = {}  # one verdict per rule (ids are unique): a rule often hits several lines
    for i, rule in enumerate(page.hits):
        if rule is not None and rule.category is not byline and verdicts[i] is None:
            verdict = made.get(rule.id)
            if verdict is None:
                verdict = made[rule.id] = Verdict(removed, rule.category, rule.id)
            verdicts[i] = verdict


def rule_blocks(page: Page) -> None:
    """Block actions of the rules that hit: the widget lines after a header, or the whole tail.

    Runs after the headline is found, so that a widget header above the article (a "Top News"
    label) cannot take the headline with it. The good lines are listed once (blocks never take a
    good line, and after a cut nothing is left to decide), so a page with thousands of openers costs
    no more per line than one with a single one.
    """
    goods: list[int] | None = None
    chars_before: list[int] = []
    drop_block, cut_tail = Action.DROP_BLOCK, Action.CUT_TAIL  # enum members are slow to look up: once
    for i, rule in enumerate(page.hits):
        if rule is None:
            continue
        if rule.action is drop_block:
            _drop_block(page, i, rule)
        elif rule.action is cut_tail:
            if goods is None:  # at the first cut: blocks before it took no good line
                goods = page.goods()
                chars_before = [0, *accumulate(page.features[i].chars for i in goods)]  # type: ignore[union-attr]
            if _cut_tail(page, i, rule, goods, chars_before):
                return


def _drop_block(page: Page, start: int, rule: Rule) -> None:
    """The widget lines after a header: short, not sentences, up to the next article paragraph.
    A near-good line that ends like a sentence (one cut at a link may start in lower case) is
    article text too: tags and widget labels are short and do not end so."""
    taken, nonblank, labels, verdicts = 0, page.nonblank, page.labels, page.verdicts
    good, near_good = Label.GOOD, Label.NEAR_GOOD
    removal = None  # one verdict for the block's lines, made at the first
    for j in nonblank[bisect_right(nonblank, start):]:
        f = page.features[j]
        # A sentence (`page.sentence_like`) or a near-good line ending like one, that no rule hit.
        if taken >= BLOCK_MAX_LINES or labels[j] is good or (f.ends_sentence and (  # type: ignore[union-attr]
                sentence_shaped(page, j) or (labels[j] is near_good and page.hits[j] is None))):
            return
        if verdicts[j] is None:
            verdicts[j] = removal = removal or Verdict(Kind.REMOVED, rule.category, rule.id)
        taken += 1


def _cut_tail(page: Page, start: int, rule: Rule, goods: list[int], chars_before: list[int]) -> bool:
    """Everything after the line goes when no article paragraph follows it (returns True then).

    A comment section is cut even when long comments follow, provided an article stands before
    it: comments read like prose, and the widget opener is the evidence that they are not the
    article. A comment counter above most of the text ("12 comments" beside the date) is no such
    opener: the article must hold a fair share of the good text before it.
    """
    split = bisect_right(goods, start)  # goods[:split] stand before the line, goods[split:] after it
    chars_after = chars_before[-1] - chars_before[split]
    article_first = (
        rule.category is Category.COMMENTS and split >= 2
        and chars_before[split] >= COMMENTS_ARTICLE_SHARE * chars_after
    )
    if split < len(goods) and not article_first:
        _drop_block(page, start, rule)
        return False
    removal, verdicts, nonblank, hits = Verdict(Kind.REMOVED, rule.category, rule.id), page.verdicts, page.nonblank, page.hits
    for j in nonblank[bisect_right(nonblank, start):]:
        header = hits[j]
        if header is not None and header.action is not Action.DROP and header.category is not Category.BYLINE:
            # A later widget header (a "Related articles" under a paywall notice): the lines under it
            # are its widget's, and are counted so.
            removal = Verdict(Kind.REMOVED, header.category, header.id)
        if verdicts[j] is None:  # `page.open`, the line being non-blank
            verdicts[j] = removal  # one verdict for every line it takes
    return True


def teasers_before_more_links(page: Page) -> None:
    """A paragraph whose next line is a bare "read more" link is a teaser for another page (a list of
    teasers, each with its link, under the article): the link's rule names it, the paragraph goes
    with it. The rules that name only such links carry the tag `more-link`."""
    previous = None
    for i, rule in enumerate(page.hits):
        if page.labels[i] is Label.BLANK:
            continue
        if rule is not None and MORE_LINK in rule.tags and previous is not None and page.open(previous):
            page.verdicts[previous] = TEASER_BEFORE_MORE_LINK.removal
        previous = i


def _chars(page: Page, goods: list[int]) -> int:
    features = page.features  # a good line is not blank: it has features
    return sum([features[i].chars for i in goods])  # type: ignore[union-attr,misc]


def site_template(page: Page, template: Collection[str]) -> None:
    """Lines of the site's template, learned across the batch (see `site`)."""
    for i, line in enumerate(page.lines):
        if page.open(i) and line.norm in template:
            page.verdicts[i] = SITE_REPEAT.removal


def repeated_lines(page: Page) -> None:
    """A short line printed again in one document (menus at top and bottom, repeated labels).
    Sentences are left alone: an article may repeat one (a quote in a recap). A section or menu
    word printed again goes at its first print too: a word or two is no article line the page
    prints twice, where a longer one may be a subheading under its table-of-contents entry."""
    lines, labels, verdicts, features = page.lines, page.labels, page.verdicts, page.features
    continues, pieces, good = page.continues, page.pieces, Label.GOOD  # an enum member: looked up once
    seen: dict[str, int] = {}  # each line's first print
    for i in page.nonblank:
        # The last test is `page.sentence_like`, inlined: its line-end test spares most calls.
        if (labels[i] is good or continues[i] or pieces[i]
                or (features[i].ends_sentence and sentence_shaped(page, i))):  # type: ignore[union-attr]
            continue
        norm = lines[i].norm
        if norm in seen and verdicts[i] is None:
            verdicts[i] = REPEATED_LINE.removal
            first = seen[norm]
            if verdicts[first] is None and features[first].words <= REPEATED_MENU_MAX_WORDS:  # type: ignore[union-attr]
                verdicts[first] = REPEATED_LINE.removal  # a menu word: its first print is the menu's too
        seen.setdefault(norm, i)


def widget_neighbours(page: Page) -> None:
    """A line between two lines that rules removed belongs to their widget (jusText's revision of
    a paragraph from its neighbours): the pitch inside a newsletter box, a button label.
    Good prose stays, whatever surrounds it, and so does a paragraph of several sentences: a
    widget's pitch is one sentence, an article paragraph between two widgets often more."""
    nonblank, verdicts, labels, hits = page.nonblank, page.verdicts, page.labels, page.hits
    for before, i, after in zip(nonblank, nonblank[1:], nonblank[2:]):
        # The hits first: most lines have none, and then neither neighbour was removed by a rule.
        if (hits[before] is not None and hits[after] is not None and verdicts[i] is None and labels[i] is not Label.GOOD
                and _rule_removed(page, before) and _rule_removed(page, after) and not several_sentences(page, i)):
            page.remove(i, verdicts[after].category or Category.OTHER, WIDGET_NEIGHBOUR.id)  # type: ignore[union-attr]


def short_line_runs(page: Page) -> None:
    """Runs of short title-case lines: menus, section lists, tag lists, lists of teaser links."""
    run: list[int] = []
    labels, features, continues, pieces, n = page.labels, page.features, page.continues, page.pieces, len(page.lines)
    short, rule = Label.SHORT, Label.RULE  # enum members are slow to look up: once, not per line
    for i in [*page.nonblank, n]:  # n: the end, where the last run closes
        if i < n:
            label = labels[i]
            if (label is short or label is rule) and not continues[i] and not pieces[i] and _menu_item(features[i]):  # type: ignore[arg-type]
                run.append(i)
                continue
        if not run:
            continue
        if (len(run) >= RUN_MIN_LINES and not _between_paragraphs(page, run, i) and not _fact_table(page, run)
                and not _ingredients(page, run)):
            for j in run:
                if page.verdicts[j] is None:  # a run's lines are not blank
                    page.verdicts[j] = SHORT_LINE_RUN.removal
        run = []


def _between_paragraphs(page: Page, run: list[int], after: int) -> bool:
    """A list set between two paragraphs of prose, none of its lines named by a rule: the article's
    own list (the ten best albums, the hotel's amenities), not a menu."""
    k = bisect_left(page.nonblank, run[0])  # the run's first line is non-blank: the one before it is at k - 1
    return (
        k > 0 and after < len(page.lines) and page.good(page.nonblank[k - 1]) and page.good(after)
        and all(page.hits[j] is None for j in run)
    )


def _fact_table(page: Page, run: list[int]) -> bool:
    """A run mostly of labels with a figured value ("Laufzeit: 5 Jahre", "Weight: 2 kg"): the
    article's table of facts (specs, prices, scores, terms), which menus and tag lists do not print."""
    lines, features = page.lines, page.features
    facts = sum(_FACT_LINE.match(lines[j].text) is not None and not features[j].linkish for j in run)  # type: ignore[union-attr]
    return facts >= FACT_TABLE_SHARE * len(run)


def _ingredients(page: Page, run: list[int]) -> bool:
    """A run of quantities ("125 g flour", "1 TL Backpulver", or "125 g" over "Mehl"): a recipe's ingredients,
    with their group headings ("For the filling:"), which menus and tag lists do not print."""
    lines = page.lines
    return sum(_QUANTITY.match(lines[j].text) is not None for j in run) >= INGREDIENTS_SHARE * len(run)


def _menu_item(f: Features) -> bool:
    """A short line or a rule's hit that is no piece of a cut sentence or line (the caller checks
    those first, as cheaper) reads as a menu item: no sentence, title case or a word or two."""
    return not f.ends_sentence and (f.title_case >= RUN_MIN_TITLE_CASE or f.words <= 2)


def comment_thread(page: Page) -> None:
    """Reader comments after the article: each comment's header carries a date and a clock time
    (`comment_stamp`), whatever the widget and the language. A thread is a run of such stamps, each
    close below the one before and each at a different time, with prose between most of them (the
    comments' bodies); it follows the article when the article's opening paragraphs stand above
    it, and less prose follows the last stamp (the last comment, the footer) than stands above its
    first (the article, not prices or reviews inside it). From its first stamp all goes: comment bodies read like prose, and the stamps are the
    evidence that they are not the article. The short line right above the first stamp is its
    commenter's name ("Jane Roe says:") and goes with it."""
    nonblank, labels = page.nonblank, page.labels
    goods = page.goods()
    if len(goods) < THREAD_MIN_GOODS_BEFORE:
        return
    # Stamps above the article's opening paragraphs are its own dateline, not a comment's: the lines are read
    # from under them on, not with a search of the good lines each (the pass 14 -> 12 us a bench document).
    start = bisect_right(nonblank, goods[THREAD_MIN_GOODS_BEFORE - 1])
    stamps = [(k, stamp) for k, i in enumerate(nonblank[start:], start) if labels[i] is not _GOOD
              and (stamp := comment_stamp(page, i))]
    if len(stamps) < THREAD_MIN_STAMPS:
        return
    chars = [0, *accumulate(page.features[i].chars for i in goods)]  # type: ignore[union-attr]
    runs: list[list[tuple[int, str]]] = []
    for k, stamp in stamps:
        if runs and k - runs[-1][-1][0] <= THREAD_MAX_GAP and stamp != runs[-1][-1][1]:
            runs[-1].append((k, stamp))
        else:
            runs.append([(k, stamp)])
    for run in runs:
        before = chars[bisect_left(goods, nonblank[run[0][0]])]
        last = bisect_left(goods, nonblank[stamps[-1][0]])  # a long comment may part two runs
        after = chars[-1] - chars[last]
        # One good line under the last stamp is the last comment, however long: the article does not end so.
        if (len(run) >= THREAD_MIN_STAMPS
                and (before >= THREAD_ARTICLE_SHARE * (chars[-1] - before) or len(run) >= THREAD_LONG_STAMPS)
                and (after < before or last == len(goods) - 1)
                and 2 * _gaps_with_prose(page, [k for k, _ in run]) >= len(run) - 1):
            break
    else:
        return
    k = run[0][0]
    if k > 0 and labels[nonblank[k - 1]] is _SHORT and page.verdicts[nonblank[k - 1]] is None:
        k -= 1
    removal = COMMENT_THREAD.removal
    for j in nonblank[k:]:
        if page.verdicts[j] is None:
            page.verdicts[j] = removal


def _gaps_with_prose(page: Page, ks: list[int]) -> int:
    """How many of the gaps between consecutive stamps (indexes into `page.nonblank`) hold a line of
    prose, good or near-good: a comment's body, where a product box has prices and shop names."""
    nonblank, labels = page.nonblank, page.labels
    return sum(any(labels[nonblank[j]] in (_GOOD, _NEAR_GOOD) for j in range(a + 1, b)) for a, b in zip(ks, ks[1:]))


def comment_stamp(page: Page, i: int) -> str | None:
    """A short line holding a date and, besides it, a clock time: a comment's header. Returns the
    date and time as printed."""
    f, text = page.features[i], page.lines[i].text
    if f is None or f.chars > STAMP_MAX_CHARS or f.ends_sentence:
        return None
    # A clock time prints ":" or "h" ("9:14", "9h14"): two string tests spare the regex two thirds of
    # the short devset lines; and the clock search goes before the sentence search, as it fails on 98%
    # of them (measured on 30,000: the searches take 0.016 and 0.020 s, the string tests 0.001 s).
    if (":" not in text and "h" not in text) or _CLOCK_TIME.search(text) is None:  # far cheaper than date_in
        return None
    if SENTENCE_INSIDE.search(text):
        return None  # a stamp is no sentence, nor holds one ("Price may have risen. Price of 2 May, 9:14")
    printed = date_in(text)
    if printed is None:
        return None
    clock = _CLOCK_TIME.search(text.replace(printed, " "))
    return None if clock is None else f"{printed} {clock.group()}"


def counted_lists(page: Page) -> None:
    """A line of items each followed by a count in brackets: an archive or category widget a scraper
    printed as one line, ending in its last count, with no commas between its items. Prose that holds
    as many (ages, years) ends in a full stop; a team's line-up with ratings lists its players with
    commas."""
    for i in page.nonblank:
        text = page.lines[i].text
        if (page.verdicts[i] is None and text.endswith(")") and "," not in text and text.count("(") >= COUNTED_LIST_MIN_COUNTS
                and len(_POST_COUNT.findall(text)) >= COUNTED_LIST_MIN_COUNTS):
            page.verdicts[i] = COUNTED_LIST.removal


def truncated_teasers(page: Page) -> None:
    """Lines cut short with an ellipsis, close together: the summaries of a teaser list (related,
    latest, most read), before, between or after the article's paragraphs."""
    nonblank = page.nonblank
    cut = [k for k, i in enumerate(nonblank) if page.verdicts[i] is None
           and page.features[i].chars >= TRUNCATED_MIN_CHARS and page.lines[i].text.endswith(_ELLIPSES)  # type: ignore[union-attr]
           and not _INNER_SENTENCE_END.search(page.lines[i].text)]  # a teaser is cut inside its first sentence
    group: list[int] = []
    for k in [*cut, None]:
        if k is not None and (not group or k - group[-1] <= TRUNCATED_WINDOW):
            group.append(k)
            continue
        if len(group) >= TRUNCATED_MIN_LINES:
            for g in group:
                page.verdicts[nonblank[g]] = TRUNCATED_TEASERS.removal
        group = [] if k is None else [k]


def caption_near_headline(page: Page, headline: int) -> None:
    """A long line under the headline, dated, that stops mid-sentence after a full one: a cut caption.

    Scrapers cut photo captions at a fixed length: "... Friday, Feb. 16, 2024. The 60th Munich
    Security". Agency captions carry the photo's date. A standfirst may lack its final period,
    and a scraper may break a paragraph into lines, but neither holds a dated finished sentence
    followed by an unfinished one. Only lines up to the first good paragraph are looked at.
    """
    nonblank, good = page.nonblank, Label.GOOD
    for j in nonblank[bisect_right(nonblank, headline):]:
        if page.verdicts[j] is not None:
            continue
        f = page.features[j]
        text = page.lines[j].text
        if (f is not None and f.chars >= CAPTION_MIN_CHARS and not f.terminal and _INNER_SENTENCE_END.search(text)
                and date_in(text) and page.any_good(j + 1)):
            page.verdicts[j] = CAPTION_NEAR_HEADLINE.removal
        elif page.labels[j] is good:
            return


def article_end(page: Page) -> int:
    """The last good line of the article: the end of its last large cluster of good paragraphs.

    Good lines split into clusters where several lines that end without punctuation (so neither
    sentences nor list items) and that no rule removed stand between them (a sidebar, a footer,
    a menu between two texts). After the largest cluster, a cluster much smaller than it is page furniture; one nearly as large is article
    too (broken by a widget the rules do not know), so that in doubt text stays. Clusters before
    the largest are left to the headline and top-zone logic: cutting them lost article openings.
    The clusters of a list article's items (`_numbered_list`) are one cluster: each item's text is
    small, and the pictures, credits and links between items part them.
    """
    clusters = _clusters(page, page.goods(), CLUSTER_GAP_LINES)
    items = _numbered_list(page)
    if items is not None:
        clusters = _merged(clusters, *items)
    weight = [_chars(page, c) for c in clusters]
    largest = weight.index(max(weight))
    kept = [k for k, w in enumerate(weight) if k >= largest and w >= CLUSTER_KEEP_SHARE * weight[largest]]
    last = clusters[kept[-1]]
    # A last paragraph or two set apart by a short gap and tiny next to the article: a footer line
    # (but not the text of the list's last item).
    last_item_text = next(iter(page.goods(items[1] + 1)), -1) if items is not None else -1
    pieces = _clusters(page, last, FOOTER_GAP_LINES)
    while len(pieces) > 1 and _chars(page, pieces[-1]) < FOOTER_MAX_SHARE * weight[largest] and pieces[-1][0] > last_item_text:
        pieces.pop()
    return pieces[-1][-1]


def _numbered_list(page: Page) -> tuple[int, int] | None:
    """The first and last line of the longest run of numbered headings in sequence (counting up or
    down: "1." to "10.", or "10." to "1."), with good prose between each two; at least
    `LIST_MIN_ITEMS` of them. Pagination ("1", "2", "3") has no text after its numbers."""
    lines = page.lines
    items = [(i, int(m.group(1))) for i in page.digit_starts
             if len(lines[i].text) <= LIST_ITEM_MAX_CHARS and (m := _LIST_ITEM.match(lines[i].text))]
    best: list[tuple[int, int]] = []
    for step in (1, -1):
        run: list[tuple[int, int]] = []
        for i, n in items:
            if run and n == run[-1][1] + step and any(page.good(j) for j in range(run[-1][0] + 1, i)):
                run.append((i, n))
            else:
                run = [(i, n)]
            if len(run) > len(best):
                best = list(run)
    return (best[0][0], best[-1][0]) if len(best) >= LIST_MIN_ITEMS else None


def _merged(clusters: list[list[int]], first: int, last: int) -> list[list[int]]:
    """Clusters with the clusters that reach into the span from `first` to `last` made one."""
    out: list[list[int]] = []
    for cluster in clusters:
        if out and cluster[0] <= last and out[-1][-1] >= first:
            out[-1] = out[-1] + cluster
        else:
            out.append(cluster)
    return out


def _clusters(page: Page, goods: list[int], gap_lines: int) -> list[list[int]]:
    """Good lines grouped where fewer than `gap_lines` unpunctuated, rule-free lines part them."""
    clusters: list[list[int]] = [[goods[0]]]
    for a, b in zip(goods, goods[1:]):
        if b - a > gap_lines and _parted(page, a, b, gap_lines):  # fewer lines between them cannot part them
            clusters.append([b])
        else:
            clusters[-1].append(b)
    return clusters


def _parted(page: Page, a: int, b: int, gap_lines: int) -> bool:
    """At least `gap_lines` unpunctuated, rule-free lines between lines `a` and `b` (counts no further)."""
    features, gap = page.features, 0
    for j in range(a + 1, b):
        f = features[j]  # None for a blank line: cheaper to test than its label
        if f is not None and not f.terminal and not _rule_removed(page, j):
            gap += 1
            if gap == gap_lines:
                return True
    return False


def edge_zones(page: Page, first: int, last: int) -> None:
    """Before the article and after it, what no pass claimed is page furniture.

    Before the first good paragraph, sentences directly above it stay: a short opening paragraph.
    After the last good paragraph the article may go on in shorter lines: sentences, list items,
    a subheading followed by sentences. Lines removed by rules are passed over (a newsletter box
    inside the article's end), and so is a short line right before such a removed block (the
    box's title). The first line that is none of these ends the article; the rest goes.
    """
    opening = True  # sentences right above the first good paragraph open the article: they stay
    nonblank, verdicts = page.nonblank, page.verdicts  # `page.open` is `verdicts[i] is None` on these lines
    below: int | None = first  # the nearest article line under the one looked at, when it is close
    for i in reversed(nonblank[:bisect_left(nonblank, first)]):
        if verdicts[i] is not None:
            opening = False
            below = i if verdicts[i].kind is Kind.BODY else None  # type: ignore[union-attr]
            continue
        if below is not None and below - i <= HEAD_MAX_GAP:
            head = _sentence_head(page, i, below)
            if head:
                for j in head:
                    verdicts[j] = KEPT
                opening = False
                below = None
                continue
        opening = opening and (page.sentence_like(i) or (below == first and _lead_in(page, i)))
        below = i if opening else None
        if opening:
            verdicts[i] = KEPT
        else:
            verdicts[i] = TOP_ZONE.removal
    tail = nonblank[bisect_right(nonblank, last):]
    closing = True
    previous = last
    for k, i in enumerate(tail):
        if verdicts[i] is not None:
            continue
        following = tail[k + 1] if k + 1 < len(tail) else None
        if closing and (_closing_line(page, i) or _list_item_after(page, previous, i)):
            page.verdicts[i] = KEPT
            previous = i
            continue
        if closing and following is not None and _closing_line(page, following) \
                and page.features[i].words <= HEADING_MAX_WORDS:  # type: ignore[union-attr]  # tail lines are non-blank
            page.verdicts[i] = KEPT  # a subheading over more article text
            previous = i
            continue
        if not (following is not None and _rule_removed(page, following) and page.labels[i] is Label.SHORT):
            closing = False
        verdicts[i] = TAIL_ZONE.removal


def _lead_in(page: Page, i: int) -> bool:
    """A salutation or a lead-in right over the first paragraph ("Dear readers,", "Here is how it works:"):
    several words from a capital to a comma or a colon, no link."""
    f, text = page.features[i], page.lines[i].text
    return f is not None and f.words >= 2 and text.endswith((",", ":")) and capital_start(text) and not f.linkish


def _sentence_head(page: Page, i: int, below: int) -> list[int]:
    """The opening words of the article's first sentence, cut into short lines at its links, from line `i`
    up ("Yesterday, the" / "City Transport Authority" over "announced that ..."): lines that stop
    mid-sentence, none of them a link, each right above the next (one blank line between them at most, and
    none for a piece without a stopword: a menu's items are apart and hold none). The head starts at the
    topmost piece that starts in capitals, under a line that ends a sentence, was decided, or stands apart.
    The article line `below` must not open a sentence of its own (a capitalized function word: "The ..."), the
    head holds no figure (a byline's or a stamp's date), and a seam must show the cut (`_cut_seam`).
    Returns the lines, top first, or none."""
    nonblank, features, lines, stop = page.nonblank, page.features, page.lines, page.stoplist
    k = bisect_left(nonblank, i)
    chain: list[int] = []
    nearest = below
    while k >= 0 and len(chain) < HEAD_MAX_PIECES:
        j = nonblank[k]
        f = features[j]
        if (nearest - j > HEAD_MAX_GAP or not page.open(j) or f is None or f.terminal or f.linkish
                or (nearest - j > 1 and not _has_stopword(lines[j].text, stop))):
            break
        chain.append(j)
        nearest = j
        k -= 1
    starts = [n for n, j in enumerate(chain) if capital_start(lines[j].text)]
    if not starts:
        return []
    chain = chain[:starts[-1] + 1][::-1]  # from the topmost capital down
    top = bisect_left(nonblank, chain[0])
    above = nonblank[top - 1] if top > 0 else None
    if above is not None and page.open(above) and not features[above].terminal and chain[0] - above == 1:  # type: ignore[union-attr]
        return []
    if page.labels[below] is not _GOOD and features[below].ends_sentence:  # type: ignore[union-attr]
        return []  # a short sentence of its own under them ("What is the issue?"): a form's, not the article's
    text = " ".join(lines[j].text for j in chain)
    first_below = lines[below].text.split()[0]
    if (not _has_stopword(text, stop) or any(c.isdigit() for c in text)
            or (first_below[:1].isupper() and page.function_word(first_below))):
        return []
    return chain if _cut_seam(page, chain, below) else []


def _has_stopword(text: str, stoplist: frozenset[str]) -> bool:
    """Does a word of the line (a comma after it aside) stand in the stoplist?"""
    return any(w.casefold().strip(",") in stoplist for w in text.split())


def _cut_seam(page: Page, chain: list[int], below: int) -> bool:
    """A cut inside a sentence shows at a seam: a piece ends on a comma or a function word ("that the"), or the
    next starts in lower case. The seams of the head, into the line below it, and from that to the next."""
    nonblank, lines = page.nonblank, page.lines
    after = bisect_right(nonblank, below)
    pieces = [*chain, below, *([nonblank[after]] if after < len(nonblank) and nonblank[after] - below <= HEAD_MAX_GAP else [])]
    for upper, lower in zip(pieces, pieces[1:]):
        last_word = lines[upper].text.split()[-1]
        if last_word.endswith(",") or page.function_word(last_word) or not lines[lower].text[:1].isupper():
            return True
    return False


def _list_item_after(page: Page, previous: int, i: int) -> bool:
    """An item of a list the article introduced ("three measures:") and goes on with ("...;")."""
    f = page.features[i]
    return (
        page.lines[previous].text.endswith((":", ";")) and f is not None and f.words >= 2
        and page.lines[i].text.endswith((";", ".", ",")) and not f.linkish
    )


def _closing_line(page: Page, i: int) -> bool:
    """A sentence the article may end on, or a piece of one cut at its links; or one that ends in a
    colon, introducing what follows ("The full report is available here:", "Sources used:")."""
    f = page.features[i]
    if not page.open(i) or f is None:
        return False
    if page.in_sentence[i]:
        return True
    if f.stopword_density == 0:
        return False
    return page.sentence_like(i) or (page.lines[i].text.endswith(":") and sentence_shaped(page, i))


def _rule_removed(page: Page, i: int) -> bool:
    if page.hits[i] is None:  # first: most lines have no hit, and the enum lookup below is slow
        return False
    v = page.verdicts[i]
    return v is not None and v.kind is Kind.REMOVED


# Every heuristic id a removal can carry, listed by `cleaner rules` beside the rules (a test checks that
# whatever the engine removes names a rule or one of these). The passes above name their removals by these.
TOP_ZONE = Heuristic("top-zone", Category.NAVIGATION, "Above the article's first paragraph (and its headline, dateline "
                     "and byline), what no rule named and no pass kept: menus, section names, the site's name.", edge_zones)
TAIL_ZONE = Heuristic("tail-zone", Category.FOOTER, "After the article's end (its last run of prose and the shorter lines "
                      "that go on like it), what no rule named: footers, teaser lists, widgets.", edge_zones)
REPEATED_LINE = Heuristic("repeated-line", Category.NAVIGATION, "A short line the document prints twice (a menu at the "
                          "top and the bottom, a repeated label); a one- or two-word menu word goes at its first print "
                          "too.", repeated_lines)
SHORT_LINE_RUN = Heuristic("short-line-run", Category.NAVIGATION, "A run of short title-case lines: a menu, a section "
                           "or tag list, a list of teaser links.", short_line_runs)
WIDGET_NEIGHBOUR = Heuristic("widget-neighbour", None, "A line between two lines one rule family removed: the pitch "
                             "inside a newsletter box, a button label (good prose and paragraphs of several sentences "
                             "stay).", widget_neighbours)
COMMENT_THREAD = Heuristic("comment-thread", Category.COMMENTS, "Reader comments after the article: a run of comment "
                           "headers, each a short line with a date and a clock time, with the comments' prose between "
                           "them.", comment_thread)
COUNTED_LIST = Heuristic("counted-list", Category.NAVIGATION, "A line of items each followed by a count in brackets: "
                         "an archive or category widget printed on one line.", counted_lists)
TRUNCATED_TEASERS = Heuristic("truncated-teasers", Category.RELATED, "Lines cut short with an ellipsis, close together: "
                              "a teaser list's summaries.", truncated_teasers)
CAPTION_NEAR_HEADLINE = Heuristic("caption-near-headline", Category.CAPTION, "A long dated line under the headline that "
                                  "stops mid-sentence after a full one: a photo caption a scraper cut at a fixed "
                                  "length.", caption_near_headline)
TEASER_BEFORE_MORE_LINK = Heuristic("teaser-before-more-link", Category.RELATED, "A paragraph whose next line is a bare "
                                    "\"read more\" link: a teaser for another page (HTML mode).", teasers_before_more_links)
SITE_REPEAT = Heuristic("site-repeat", Category.NAVIGATION, "A line of the site's template, learned across a batch: it "
                        "recurs in many documents of one domain or folder.", site_template)

HEURISTICS: tuple[Heuristic, ...] = (
    TOP_ZONE, TAIL_ZONE, REPEATED_LINE, SHORT_LINE_RUN, WIDGET_NEIGHBOUR, COMMENT_THREAD, COUNTED_LIST,
    TRUNCATED_TEASERS, CAPTION_NEAR_HEADLINE, TEASER_BEFORE_MORE_LINK, SITE_REPEAT,
    # The passes of other modules, each entry defined beside its function there.
    TITLE_LINE, SECTION_LABEL, ABOVE_HEADLINE, SHARE_BUTTON, LINK_BAR, BYLINE_PARTICLE, DATE_LIST, HEADLINE_RUN, SITE_NOTICE,
    AUTHOR_BIO, PAST_ARTICLE, BEFORE_ARTICLE,
)
