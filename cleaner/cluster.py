"""The article's cluster of text on the whole page, and the prose past it: other stories' summaries, comment
bodies, newsletter and cookie prose that read like an article's paragraphs, so no line-shape rule takes them.

The body lines left once every other pass has run fall into blocks, parted by the lines the passes removed.
A long run of removed lines that holds a widget the article ends with (related stories, comments, share
buttons, a newsletter box, a paywall or cookie notice) parts the page into clusters, and so does a shorter one
that holds a related list's or comment section's header ("Related stories" over other stories' headlines and
their one-sentence summaries, which read like paragraphs). The article is the cluster that holds the largest
block; the clusters after it are another piece, and go. An article broken by a box (a "Related" list, a share
bar) goes on after it, so in doubt text stays: when the first block past the box is prose (two paragraphs in a
row, or all that follows) the article goes on there, and so it does past a header alone when nearly all the
text past it is prose ("Further reading" and one headline inside the article); text past the box whose
paragraphs outweigh the article stays (the article may be the smaller part of the page, or the largest block no article at all),
unless a comment section stands before it: comments may outweigh the article many times. Above the headline, a
cluster parted from the article so and much smaller than it (an about-us box, a cookie text) goes too; under
the headline, a cluster is the article's opening.
"""

from __future__ import annotations

from .article import Category
from .features import Label
from .page import Heuristic, Kind, Page, Verdict

# Fitted on half a of the development set (whole-page line labels, the three text renderings: F1 by run
# length 2/3/4/5/6, by the share 1/1.5/2/2.5/3/5/none, by the prose lines that continue the article 1/2/3),
# checked on half b and on the metadata set. A run of removed lines this long, holding one of these widgets,
# parts two clusters; shorter runs are a box inside the article. An advert is no such widget: ads stand
# anywhere in an article (leaving it out moved half a's F1 by -0.0004 to +0.0009).
WIDGET_RUN_MIN_LINES = 4
PAST_ARTICLE_WIDGETS = frozenset({
    Category.COMMENTS, Category.RELATED, Category.SHARE, Category.SUBSCRIPTION, Category.COOKIE, Category.PAYWALL,
})
# Text past such a run whose prose outweighs the article's cluster (in characters) stays, unless the run holds
# comments: the article may be the smaller part of the page, or the largest block no article at all. (On half a a
# share of 2 scored 0.001-0.002 F1 higher; on the metadata set 1 lost 0.000/0.000/0.007 recall, 2 lost
# 0.004/0.004/0.014.) Its prose alone is weighed: a long list of other stories' headlines, menus or a product
# grid outweighs an article by its lines, not by its paragraphs (all its text weighed: half a F1 0.001 and
# precision 0.002 lower, half b precision 0.001 lower; recall and the metadata set unchanged).
PAST_MAX_SHARE = 1.0
# The article goes on past such a run when all the text past it is prose (paragraphs among widget lines: other
# stories come with their headlines, comments with their writers' names), or, unless comments stand before it,
# when the first block past it is prose this many lines long (two paragraphs in a row: a teaser list, a comment
# or a newsletter pitch breaks its prose with short lines). Keeping all-prose text past comments cost half a
# 0.0004-0.0008 F1; no article paragraph among widget lines is lost (tests/test_properties.py).
CONTINUED_MIN_LINES = 2
# ... or when, unless comments stand before it, this many paragraphs of prose stand in a row anywhere past it:
# other stories' summaries come one at a time under their headlines (fitted on half a: 2/3/4 in a row; 3 kept
# 0.002 more recall there and 0.0002-0.0004 more F1).
CONTINUED_RUN_LINES = 3
# Above the headline, a cluster parted from the article's by such a run, with at most this share of its text,
# is another piece: an about-us box, a cookie or newsletter text, other stories (fitted on half a: 0.2/0.3/0.5/1;
# a cluster under the headline is the article's opening, and without a headline none goes).
BEFORE_MAX_SHARE = 0.2
# A shorter run parts two clusters too when it holds the header of a related list or a comment section ("Related
# articles", "Mehr zum Thema", "Lee también", "Comments"): a few words without a digit (a stamp, "3 hours ago", or a
# count is no header; an inline teaser, "Read more: <headline>", runs longer). Fitted on half a: any related or
# comments line so gained 0.006 precision and lost 0.002 recall; a header of 3/4/6 words gained 0.005-0.007 and
# lost at most 0.001; newsletter lines too lost 0.002 recall on html-text for no precision.
HEADER_MAX_WORDS = 6
HEADED_WIDGETS = frozenset({Category.RELATED, Category.COMMENTS})
# Past such a header the article goes on when nearly all the text past it is prose, in characters, or when two
# paragraphs stand in a row anywhere past it: a box inside the article ("Further reading" and one headline) parts
# its paragraphs, a list of other stories breaks its summaries with headlines (the share fitted on half a:
# 0.5/0.7/0.85; the two in a row cost half a 0.001 precision on html-text and kept the recall of half b and of
# the metadata set, 0.001-0.003 of it, which the share alone lost).
HEADED_GOES_ON_SHARE = 0.85
HEADED_RUN_LINES = 2


def article_cluster(page: Page, headline: int | None) -> None:
    """The article's cluster among the page's clusters of body lines, each parted from the one before by a long
    run of removed lines holding an end-of-article widget. The clusters after it go (`past-article`), and so do
    small ones above the headline (`before-article`), named by the widget that parts them from the article."""
    blocks, runs = _blocks(page)
    if not blocks:
        return
    features = page.features  # body lines are not blank: they have features
    # How much text each block holds, in characters: counting words would tokenize lines nothing else counts
    # (the pass took 3.6% of the engine's time on 400 devset pages so, 0.4% with characters; F1 within 0.001 on
    # the devset halves, metaset html-text +0.003).
    sizes = [sum([features[i].chars for i in block]) for block in blocks]  # type: ignore[union-attr,misc]
    largest = sizes.index(max(sizes))
    # Clusters of blocks, and the widget run between each two.
    clusters: list[list[int]] = [[0]]
    parting: list[tuple[Category, bool, bool]] = []
    for k in range(1, len(blocks)):
        parted = _widget(page, runs[k - 1])
        if parted is None:
            clusters[-1].append(k)
        else:
            clusters.append([k])
            parting.append(parted)
    main = next(c for c, cluster in enumerate(clusters) if largest in cluster)
    article = sum(sizes[k] for k in clusters[main])
    if headline is not None:
        for c in range(main):
            lines = [i for k in clusters[c] for i in blocks[k]]
            if lines[-1] < headline and sum(sizes[k] for k in clusters[c]) <= BEFORE_MAX_SHARE * article:
                _remove(page, lines, parting[c][0], BEFORE_ARTICLE)
    for c in range(main + 1, len(clusters)):
        widget, comments, headed = parting[c - 1]
        past = [blocks[k] for cluster in clusters[c:] for k in cluster]
        if _goes_on(page, past, comments, headed):
            article += sum(sizes[k] for k in clusters[c])  # the article goes on in this cluster
            continue
        if not comments and _prose_chars(page, past) > PAST_MAX_SHARE * article:
            continue
        _remove(page, [i for block in past for i in block], widget, PAST_ARTICLE)
        return


def _goes_on(page: Page, past: list[list[int]], comments: bool, headed: bool) -> bool:
    """Does the article go on in the blocks past a widget run? It does when they are all prose; and, unless
    a comment section stands before them, when the first is two paragraphs of prose or more, or three stand in
    a row in one of them; past a short run with a header (`headed`), also when nearly all their text is prose or
    two paragraphs stand in a row."""
    if all(_prose(page, i) for block in past for i in block):
        return True
    if comments:
        return False
    if headed:
        chars = sum([page.features[i].chars for block in past for i in block])  # type: ignore[union-attr,misc]
        if _prose_chars(page, past) >= HEADED_GOES_ON_SHARE * chars or _longest_prose_run(page, past) >= HEADED_RUN_LINES:
            return True
    first = past[0]
    return ((len(first) >= CONTINUED_MIN_LINES and all(_prose(page, i) for i in first))
            or _longest_prose_run(page, past) >= CONTINUED_RUN_LINES)


def _prose_chars(page: Page, blocks: list[list[int]]) -> int:
    """The characters of the paragraphs' lines (`_prose`) in `blocks`."""
    return sum([page.features[i].chars for block in blocks for i in block if _prose(page, i)])  # type: ignore[union-attr,misc]


def _remove(page: Page, lines: list[int], category: Category, heuristic: Heuristic) -> None:
    """The lines go, but not the pieces of a long line: a page a scraper joined onto one line keeps what its
    pieces' own shapes keep (`engine._mend_long_lines`), whatever cluster a piece falls in."""
    removal = Verdict(Kind.REMOVED, category, heuristic.id)  # one verdict for every line it takes
    for i in lines:
        if page.lines[i].whole is None:
            page.verdicts[i] = removal


def _blocks(page: Page) -> tuple[list[list[int]], list[list[int]]]:
    """The runs of body lines (undecided, or kept) among the non-blank lines, and the runs of other lines
    (removed, or the headline, dateline and byline) between each two."""
    blocks: list[list[int]] = []
    runs: list[list[int]] = []
    other: list[int] = []
    body = Kind.BODY
    for i in page.nonblank:
        v = page.verdicts[i]
        if v is None or v.kind is body:
            if blocks and not other:
                blocks[-1].append(i)
            else:
                if blocks:
                    runs.append(other)
                blocks.append([i])
                other = []
        else:
            other.append(i)
    return blocks, runs


def _widget(page: Page, run: list[int]) -> tuple[Category, bool, bool] | None:
    """The end-of-article widget in a run of removed lines that parts two clusters: the category of its last
    widget line, whether the run holds a comment section's lines, and whether it is a shorter run parted by a
    related list's or comment section's header (`_header`); None for a run that parts nothing."""
    categories = [v.category for i in run if (v := page.verdicts[i]) is not None]
    if len(run) < WIDGET_RUN_MIN_LINES:
        header = next((i for i in reversed(run) if _header(page, i)), None)
        if header is None:
            return None
        return page.verdicts[header].category, Category.COMMENTS in categories, True  # type: ignore[union-attr,return-value]
    last = next((c for c in reversed(categories) if c in PAST_ARTICLE_WIDGETS), None)
    return None if last is None else (last, Category.COMMENTS in categories, False)


def _header(page: Page, i: int) -> bool:
    """A related list's or comment section's header: a removed line of that category, a few words, no digit."""
    v, f = page.verdicts[i], page.features[i]
    return (v is not None and v.category in HEADED_WIDGETS and f is not None and f.words <= HEADER_MAX_WORDS
            and not any(c.isdigit() for c in page.lines[i].text))


def _longest_prose_run(page: Page, blocks: list[list[int]]) -> int:
    """The most lines of prose in a row within one of `blocks`."""
    longest = 0
    for block in blocks:
        run = 0
        for i in block:
            run = run + 1 if _prose(page, i) else 0
            longest = max(longest, run)
    return longest


def _prose(page: Page, i: int) -> bool:
    """A paragraph's line: good or near-good, and ending like a sentence, or a piece of a paragraph a scraper
    cut (`Page.pieces`), which its last piece ends."""
    f = page.features[i]
    return page.labels[i] in (Label.GOOD, Label.NEAR_GOOD) and f is not None and (f.ends_sentence or page.pieces[i])


PAST_ARTICLE = Heuristic("past-article", None, "Body text past the article's cluster, after a run of removed lines "
                         "holding a related, comments, share, newsletter, paywall or cookie widget, or past a related "
                         "list's or comment section's header alone: other stories' summaries, comment bodies, site "
                         "prose (prose that goes on past a box inside the article, "
                         "or text whose paragraphs outweigh the article, stays unless the widget is a comment section).",
                         article_cluster)
BEFORE_ARTICLE = Heuristic("before-article", None, "Body text above the headline, parted from the article's cluster by "
                           "a run of removed lines holding a related, comments, share, newsletter, paywall or cookie "
                           "widget (or a related or comments header), and a fifth of the article's text or less: an "
                           "about-us box, a cookie or "
                           "newsletter text, other stories.", article_cluster)
