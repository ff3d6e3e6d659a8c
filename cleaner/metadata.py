"""Headline and dateline (with its ISO date), found among the lines around the article start.

Dates themselves (recognizing a date line, reading its ISO form) are the `dates` module's; the byline is
the `byline` module's, which these searches ask whether a line is a byline's, to pass it.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import SplitResult, unquote, urlsplit

import regex

from .article import Category
from .byline import (BYLINE_PARTICLE, BYLINE_PARTICLES, MARKED_BYLINE_MAX_CHARS, NAME_SEPARATOR,
                     byline_like, name_shaped, name_words, particle_byline)
from .features import Label
from .page import FUNCTION_WORD_MAX_CHARS, Heuristic, Kind, Page, Verdict, several_sentences
from .dates import _DIGIT, DATELINE_MAX_CHARS, date_in, is_dateline, iso_date
from .language import words
from .rules import language_words

HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 30
HEADLINE_MAX_CHARS = 250
DECK_MIN_WORDS = 5  # a line under the headline this long, not a caption, is a standfirst: body
SPLIT_MIN_WORDS = 3  # both halves of a glued headline/subtitle must be at least this long
LABEL_MAX_WORDS = 2  # a line this short between headline and text is a label, passed when looking up
LABELS_PASSED_MAX = 2
STAMP_MAX_CHARS = 100  # a line this short with a whole date in it, near the headline, is its date stamp
STAMP_MAX_WORDS = 12
# Share buttons in any language: the verb, and what may follow it (a preposition, a possessive, a
# network's name; "x" is the network only after a share verb): the packs' word lists.
SHARE_VERBS = language_words("share_verbs")
SHARE_OBJECTS = language_words("share_objects")
SOCIAL_NETWORKS = language_words("social_networks")
SHARE_MAX_WORDS = 6
LINK_BAR_PART_MAX_WORDS = 2  # "Sign in | Register": each link a word or two
# Prose above the headline, as a share of the prose below it, up to which it is page furniture.
# Fitted on the development set's half a (0.3, 0.6, 1.0: densescore and metaset body start).
ABOVE_HEADLINE_MAX_SHARE = 0.6
TITLE_ABOVE_REACH = 5  # lines (blank ones included) between a headline and a bare author name

# A wire dateline opening the first paragraph: "KYIV, Feb 27 (Reuters) - ", "BERLIN (dpa) – ",
# "WASHINGTON — ". The place is in capitals (or any case, before an agency in parentheses), then the
# sentence after the dash starts with a capital (so "NATO - the alliance - said" is no dateline).
_WIRE = regex.compile(
    r"^(?P<dateline>\p{Lu}[\p{L}\p{M}'’. -]{2,40}?"
    r"(?:,\s*[^,()\n–—-]{2,40}?){0,2}"
    r"(?:\s*\([^()\n]{2,40}\))?)"
    r"\s*(?:-|–|—|--)\s+[\p{Lu}\p{N}\"'“‘«]"
)


def wire_dateline(paragraph: str) -> str | None:
    m = _WIRE.match(paragraph)
    if not m:
        return None
    dateline = m.group("dateline").strip()
    place = dateline.split(",")[0].split("(")[0].strip()
    return dateline if sum(c.isalpha() for c in place) >= 3 and ("(" in dateline or place.isupper()) else None


# --- finding them on a page ------------------------------------------------------------------

# Where a page's title line ("Headline | Site", "Site - Section - Headline") parts the headline from
# the site's name: a bar, a dash, a colon or a double colon between spaces; a full-width bar or colon,
# or an underscore, as East Asian titles print them without spaces.
_SITE_SEPARATOR = regex.compile(r"\s+(?:\||-|–|—|::|:|·|•|«|»)\s+|\s*[｜：]\s*|_")
SLUG_MIN_WORDS = 3  # a URL path segment with fewer words names no article ("/news/world/")
LIST_BULLETS = ("* ", "+ ", "• ", "- ", "– ")  # how scrapers draw list items: a list item is no headline
TITLE_CASE_MIN = 0.5  # share of capitalized words from which sentences are a heading in title case
TITLE_MAX_LINES = 3  # a title or heading wrapped by the scraper over this many lines is read whole
# A heading read over one more line must match this much better: a breadcrumb or a label stands
# over many headings with no blank between.
WRAPPED_LINE_COST = 0.1
TITLE_PART_MIN_TOKENS = 2  # a part of the title line with fewer words is no headline ("Home", "News")
# A line sharing this share of its words (Dice) with the title line's headline part prints the same
# headline edited ("Site" gone, a word changed, quotes of another kind). Fitted on metaset half a.
TITLE_MATCH_MIN = 0.6
SLUG_MATCH_MIN = 0.3  # and the URL's slug: it drops words ("the", "a") and is often cut short
SLUG_MATCH_MAX = 0.99  # a line the slug names is never as sure as a repeat of the title
_UNSPACED_RUN = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}]{2,}")


def title_parts(text: str, page: Page | None = None, slug: set[str] | None = None) -> list[set[str]]:
    """The word sets a page's title line may print its headline in: the whole line, and at each site
    separator the longer side (the site's name is the shorter one), and the longest single part.
    A slug of words (`_worded_slug`) may name the headline among the parts: the part sharing most words with
    it is a form too, shorter or not ("Headline — Site — Our Long Tagline", "Short Headline - Long Blog Name").
    A slug the title contradicts drops no form: a page's URL may keep a first draft's words."""
    parts = _SITE_SEPARATOR.split(text)
    forms = [text]
    if len(parts) > 1:
        for m in _SITE_SEPARATOR.finditer(text):
            head, tail = text[: m.start()], text[m.end():]
            forms.append(head if len(head) >= len(tail) else tail)
        forms.append(max(parts, key=len))
    found = [t for t in map(_tokens, forms) if len(t) >= TITLE_PART_MIN_TOKENS]
    if len(parts) > 1 and page is not None and slug and _worded_slug(slug):
        named = max(map(_tokens, parts), key=lambda t: _likeness(t, slug) if t else 0.0)
        if len(named) >= TITLE_PART_MIN_TOKENS and not _off_slug(page, named, slug):
            found.append(named)
    return found


def _tokens(text: str, found: list[str] | None = None) -> set[str]:
    """Words, and for the scripts written without spaces their character pairs. `found`: the text's
    `words`, where the caller has them."""
    found = words(text) if found is None else found
    if text.isascii() or _UNSPACED_RUN.search(text) is None:  # one search of the line, not one of each word: most lines have no such run
        return set(found)
    out: set[str] = set()
    for w in found:
        if _UNSPACED_RUN.search(w):
            out.update(w[k:k + 2] for k in range(len(w) - 1))
        else:
            out.add(w)
    return out


def _likeness(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


TITLE_REPEAT = "title-repeat"  # the rule a headline found by the title line is marked with


@dataclass(frozen=True)
class Titled:
    """What the page's title line and URL say of the headline: the heading line that repeats them, if
    one does, and whether they name a headline at all (a title with a site's name, a slug of words):
    when they do and no line repeats it, no other line is to be guessed the headline."""

    heading: int | None
    named: bool
    sure: bool = False  # the heading shares at least `TITLE_MATCH_MIN` of its words with the title or slug


def title_line_heading(page: Page, source: str | None = None) -> Titled:
    """The article's heading, found as the repeat of the page's title line.

    Scrapers of whole pages print the HTML title first ("Headline | Site"), and the article prints
    its heading again as a line of its own: the title-like line that shares most words with the
    title or its headline part (at least `TITLE_MATCH_MIN`) is the headline, and the title line goes
    (`title-line`). The URL's slug ("/2024/05/night-ferry-returns-in-may") is such a title too, where
    it has `SLUG_MIN_WORDS` words. A scraper that keeps the HTML source's line breaks wraps either over two or three
    lines: runs of lines without a blank between are read whole too. The page says where its headline
    ends, so it is never split (`split_headline`). Only lines nothing has decided and no rule hit are
    looked at; without a repeat nothing is decided here.
    """
    first = page.nonblank[0] if page.nonblank else 0
    if len(page.nonblank) < 2 or (first + 1 < len(page.lines) and page.lines[first + 1].joiner is not None):
        # a line the scraper cut inside a sentence (the next goes on with it) is no title
        return _stamped(page, [], untitled=True)
    # A list item is a menu's, not the page's title line; a scraper that prints no title starts so.
    # A date line is no title line either ("Last updated: 2019/02/22" printed first).
    text = page.lines[first].text
    title = [] if text.startswith(LIST_BULLETS) or is_dateline(text) else _run(page, first)
    # (title lines read, their forms) for each length of the title's run; the URL's slug reads none
    slug = slug_words(source)
    titles = [(k, forms) for k in range(1, len(title) + 1) if (forms := title_parts(_joined(page, title[:k]), page, slug))]
    # A first line no site separator names stands alone as a title: the first of a run of lines is a menu's.
    titles = [(k, forms) for k, forms in titles if len(forms) > 1 or _blank_after(page, title[k - 1])]
    # A site separator parts the first line, or the title wrapped over lines that a blank line ends.
    named = any(len(forms) > 1 and (k == 1 or _blank_after(page, title[k - 1])) for k, forms in titles)
    # The forms of a title line a site separator names as one: a stamped heading must share words with them.
    title_forms = [form for k, forms in titles if len(forms) > 1 for form in forms] if named else []
    # A first line no site separator parts and that shares no word with a slug of words is a widget's (a
    # sign-in bar, a subscription link) printed first by a scraper without a title line: no title.
    titles = [(k, forms) for k, forms in titles if len(forms) > 1 or not _off_slug(page, forms[0], slug)]
    if len(slug) >= SLUG_MIN_WORDS:
        titles.append((0, [slug]))
        named = True
    if not titles:
        return _stamped(page, [], slug=slug, untitled=True)
    best: list[int] = []
    best_score, title_lines, sure = TITLE_MATCH_MIN, 0, False
    lines, hits = page.lines, page.hits
    # Each line's word count and tokens, worked out once per page (one `words` for both): a line is read
    # again in the runs of the one or two lines above it, and `words` of lines joined by a space are their
    # words one after the other, so a run's count is the sum of its lines'. Measured on 1,200 bench
    # documents: `words` and `_tokens` cost 0.24 s of 4.6 s here, on 10,120 joined texts.
    read: dict[int, tuple[int, set[str]]] = {}

    def line_read(j: int) -> tuple[int, set[str]]:
        """Line j's number of words and its `_tokens`."""
        if (known := read.get(j)) is None:
            found = words(lines[j].text)
            known = read[j] = (len(found), _tokens(lines[j].text, found))
        return known

    # Every line of a run must share a word with the form it is scored on, so a candidate whose own
    # line shares none with any form scores 0 (and a slug at most TITLE_MATCH_MIN - SLUG_MATCH_MIN),
    # under `best_score`: it is skipped before its run is built (9,400 runs -> 6,700 on 1,200 bench
    # documents; with the one `words` per line above, the heading search 0.26 -> 0.23 s of 1.7 s).
    title_words: set[str] = set().union(*(form for _, forms in titles for form in forms))
    for i in page.nonblank[len(title):]:
        if (len(lines[i].text) > HEADLINE_MAX_CHARS or hits[i] is not None or not page.open(i)
                or lines[i].text.startswith(LIST_BULLETS)):
            continue  # a run from here would stop at once (too long, or taken), or a list item: no heading
        if title_words.isdisjoint(line_read(i)[1]):
            continue
        run = _run(page, i, HEADLINE_MAX_CHARS)  # a longer run is cut below at once
        tokens: set[str] = set()
        line_tokens: list[set[str]] = []  # each line's own: every line of a heading shares words with the title
        run_words = 0
        for k in range(1, len(run) + 1):
            text = _joined(page, run[:k])
            if len(text) > HEADLINE_MAX_CHARS:
                break
            j = run[k - 1]
            count, own = line_read(j)
            run_words += count
            if run_words > HEADLINE_MAX_WORDS or _prose(page, j):
                break  # too long, or the text under the heading
            line_tokens.append(own)
            tokens |= line_tokens[-1]
            if len(tokens) < TITLE_PART_MIN_TOKENS:
                continue
            for lines_read, forms in titles:
                score = max((_likeness(tokens, form) for form in forms
                             if all(form & own for own in line_tokens)), default=0.0)
                score -= (k - 1) * WRAPPED_LINE_COST
                raw = score
                if not lines_read:  # the slug: a few words cut from the headline, met halfway, below a repeat
                    score = min(score + TITLE_MATCH_MIN - SLUG_MATCH_MIN, SLUG_MATCH_MAX)
                if score > best_score:
                    best, best_score, title_lines, sure = run[:k], score, lines_read, raw >= TITLE_MATCH_MIN
        if best_score >= 1:
            break
    if best and not title_lines and ((not sure and _weak_slug_match(page, best)) or _after_article(page, best[0])):
        best = []
    untitled = not any(lines_read for lines_read, _ in titles)  # no title line: at most a slug
    if not best or (not title_lines and not sure
                    and (stamped := _stamped(page, title_forms, slug=slug, untitled=untitled)).heading is not None):
        # no repeat of the title, or only a loose match of the slug: the heading over the byline is surer
        return _stamped(page, title_forms, named, slug, untitled) if not best else stamped
    form = max((f for k, forms in titles if k == title_lines for f in forms),
               key=lambda f: _likeness(_tokens(_joined(page, best)), f))
    best = _wrapped_heading(page, best, form, title[title_lines - 1] if title_lines else -1)
    for j in best:
        page.verdicts[j] = Verdict(Kind.HEADLINE, rule=TITLE_REPEAT)
    for j in title[:title_lines]:
        page.verdicts[j] = TITLE_LINE.removal
    return Titled(best[0], True, sure)


LOOSE_SLUG_MIN_TOKENS = 5  # "Paging Alexa", "Jane Roe Harbour Council": a tag or a name shares words with a slug too


# Prose above a title's repeat, as a multiple of the prose below it, from which the repeat stands
# after the article: a link to the page in its footer, a pager, a product's name under its description.
AFTER_ARTICLE_SHARE = 3.0


_PROSE_LABELS = (Label.GOOD, Label.NEAR_GOOD)  # a hard-wrapped article prints its text as near-good pieces


def _after_article(page: Page, i: int) -> bool:
    """Does line i stand after the article (`AFTER_ARTICLE_SHARE`)? A heading stands over its text."""
    features, labels = page.features, page.labels
    above = below = 0
    for j in page.nonblank:
        if j != i and labels[j] in _PROSE_LABELS and page.open(j) and (f := features[j]) is not None:
            if j < i:
                above += f.chars
            else:
                below += f.chars
    return above > AFTER_ARTICLE_SHARE * below


def _weak_slug_match(page: Page, run: list[int]) -> bool:
    """A line the slug matches loosely (under `TITLE_MATCH_MIN`) is too weak a headline when it is short (a tag
    list, a name, a section's title: on the metaset 4 short ones wrong, 1 right) or starts in lower case (a
    reader's reply)."""
    text = _joined(page, run)
    return len(_tokens(text)) < LOOSE_SLUG_MIN_TOKENS or text[:1].islower()


def _wrapped_heading(page: Page, run: list[int], form: set[str], above: int) -> list[int]:
    """The heading repeat `run`, grown by the lines right over and under it (no blank between) that a scraper
    wrapped it onto: where the heading breaks after a short function word ("An Ode to the" / "Comet Lander
    ..."), or the line holds only words of the title (`form`; the page may edit its title, so the repeat
    matched on the part the two share); either way it shares a word with the title and is no repeat of the
    run. Not past `above` (the title line), nor onto a taken line or a stamp."""
    lines = page.lines

    def wraps(j: int) -> bool:
        return (0 <= j < len(lines) and j > above and page.open(j) and page.hits[j] is None
                and not _stamp(lines[j].text) and len(lines[j].text) <= HEADLINE_MAX_CHARS)

    def cut_after(text: str) -> bool:
        last = words(text)[-1:]
        return bool(last) and page.function_word(last[0])

    def goes_on(j: int, cut: bool) -> bool:
        """Line j shares a word with the title, adds words the run lacks (not a repeat of it), and either
        the break is after a function word or all its words are the title's."""
        found = _tokens(lines[j].text)
        return bool(found & form) and not found <= _tokens(_joined(page, run)) and (cut or found <= form)

    while len(run) < TITLE_MAX_LINES and wraps(run[-1] + 1) and goes_on(run[-1] + 1, cut_after(_joined(page, run))):
        run = [*run, run[-1] + 1]
    while len(run) < TITLE_MAX_LINES and wraps(run[0] - 1) and goes_on(run[0] - 1, cut_after(lines[run[0] - 1].text)):
        run = [run[0] - 1, *run]
    return run


def _stamped(page: Page, title_forms: Sequence[set[str]], named: bool = False, slug: set[str] | None = None,
             untitled: bool = False) -> Titled:
    """No line repeats the title: the heading over the byline or date line (`stamped_heading`), when
    the page prints no title line or the heading shares words enough with it (`SLUG_MATCH_MIN`, as a slug
    would: a title line may word the headline otherwise). A slug of words (`_worded_slug`) names the
    article too: a heading in the slug's script that shares no word with it but function words is another
    block's (a menu, a teaser, an author box over a date) and none is taken; nor is one after the article
    (`_after_article`: a reader's comment over its date). `untitled` (no title line stands first): failing a
    stamped heading, the heading the page prints twice (`repeated_heading`) is weighed the same way."""
    def fits(heading: int) -> bool:
        """Does the heading share words enough with a title line, some with a slug of words, and stand over
        the article's prose?"""
        tokens = _tokens(page.lines[heading].text)
        return ((not title_forms or max(_likeness(tokens, form) for form in title_forms) >= SLUG_MATCH_MIN)
                and not (slug and _off_slug(page, tokens | _glued_words(page.lines[heading].norm), slug))
                and not _after_article(page, heading))

    heading, rule = stamped_heading(page), STAMPED
    if (heading is None or not fits(heading)) and untitled:  # a title line's repeat was looked for, and none found
        heading, rule = repeated_heading(page), REPEATED
    if heading is None or not fits(heading):
        return Titled(None, named)
    page.verdicts[heading] = Verdict(Kind.HEADLINE, rule=rule)
    _drop_section_labels(page, heading)
    # Sure, what stands over it goes: a byline and the article's prose under it. A heading printed twice is
    # surer than a guess, not sure enough to clear the page over it.
    return Titled(heading, True, rule == STAMPED)


def _drop_section_labels(page: Page, heading: int) -> None:
    """The breadcrumb's sections printed as a label between the heading and its stamp (`_section_steps`) go."""
    k = bisect_left(page.nonblank, heading)
    crumbs: Crumbs | None = None  # found on first use: most headings stand right over their stamp
    for i in page.nonblank[k + 1:k + 1 + STAMPED_SPAN]:
        if _stamp_line(page, i):
            return
        if page.open(i) and _title_like(page, i):
            crumbs = _breadcrumbs(page) if crumbs is None else crumbs
            if _section_steps(page, i, crumbs):
                page.verdicts[i] = SECTION_LABEL.removal


def url_parts(source: str | None) -> SplitResult | None:
    """A document's source (a URL, or a bare domain) split; None when there is none or it does not parse
    (`http://[::1`): a scraper's bad URL must not fail its document."""
    if not source:
        return None
    try:
        return urlsplit(source if "//" in source else f"//{source}")
    except ValueError:
        return None


def slug_words(source: str | None) -> set[str]:
    """The words of the URL path's segment with most words: a slug that names the article."""
    if (parts := url_parts(source)) is None:
        return set()
    path = unquote(parts.path)
    segments = [_tokens(segment.replace("-", " ").replace("_", " ")) for segment in path.split("/")]
    return max(reversed(segments), key=len, default=set())  # of as many, the last: "/themen/arbeit"


SLUG_WORD_MIN_CHARS = 3  # "asm", "hknm": shorter pieces of a slug are an id's, not words
_SLUG_WORD = regex.compile(r"\p{L}*[aeiouy]\p{L}*")  # a word has a vowel ("qucvl", "ddd" are an id's letters)
_FILE_EXTENSIONS = frozenset({"htm", "html", "shtml", "php", "aspx"})


def _worded_slug(slug: set[str]) -> bool:
    """Are `SLUG_MIN_WORDS` of the slug's pieces words (letters with a vowel, not a file extension), so the
    slug is the article's title in short, not an id ("de2b8f78c6-f6bb-4da9")?"""
    found = [w for w in slug if len(w) >= SLUG_WORD_MIN_CHARS and w not in _FILE_EXTENSIONS and _SLUG_WORD.fullmatch(w)]
    return len(found) >= SLUG_MIN_WORDS


def _off_slug(page: Page, tokens: set[str], slug: set[str]) -> bool:
    """Do the words `tokens` (a line's, in a script with spaces) share none but function words with a slug of
    words (`_worded_slug`), which names the article: then they name something else."""
    return (_worded_slug(slug) and not any(_UNSPACED_RUN.search(t) for t in tokens)
            and (_unaccented(frozenset(tokens)) & _unaccented(frozenset(slug))) <= _unaccented(page.stoplist))


_INNER_MARKS = regex.compile(r"[^\p{L}\p{N}]+")


def _glued_words(norm: str) -> set[str]:
    """A line's words with the marks inside them dropped, as a slug spells them ("AT&T" as "att", "e-mail" as
    "email")."""
    return {glued for word in norm.split() if (glued := _INNER_MARKS.sub("", word))}


@lru_cache(maxsize=64)  # a stoplist is a pack's frozenset, read again for each page
def _unaccented(found: frozenset[str]) -> frozenset[str]:
    """The words without their accents: a slug spells "économiques" as "economiques"."""
    return frozenset("".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c)) for w in found)


def _prose(page: Page, i: int) -> bool:
    """Good prose that ends with a full stop, or several sentences not in title case: a paragraph,
    not a heading ("Rates Rise Again. Does It Matter?" is one)."""
    f = page.features[i]
    return ((page.labels[i] is Label.GOOD and page.lines[i].text.endswith("."))
            or (several_sentences(page, i) and f is not None and f.title_case < TITLE_CASE_MIN))


def _blank_after(page: Page, i: int) -> bool:
    return i + 1 < len(page.lines) and page.features[i + 1] is None


def _run(page: Page, i: int, max_chars: float = float("inf")) -> list[int]:
    """Line i and the lines right under it (no blank between), up to `TITLE_MAX_LINES`, that nothing
    decided and no rule hit; those under it no pieces of a sentence cut at its links (a scraper glues
    the lines of scripts without spaces, so line i itself may look like one) and no stamp or widget.
    With `max_chars`, those under it also stop where the lines joined by spaces would grow longer: a
    caller that reads no longer run saves the `_stamp` test of the prose under a short line (measured
    on 1,200 bench documents: 3,765 `_stamp` calls, 0.09 s of 1.8 s, under the heading search)."""
    run: list[int] = []
    lines = page.lines
    joined = -1  # the length of the run's lines joined by spaces
    while len(run) < TITLE_MAX_LINES and i < len(lines) and page.open(i) and page.hits[i] is None:
        joined += 1 + len(lines[i].text)
        if run and (page.in_sentence[i] or joined > max_chars or _stamp(lines[i].text)):
            break
        run.append(i)
        i += 1
    return run


def _joined(page: Page, run: Sequence[int]) -> str:
    """The lines of `run` as one: a piece cut off inside a sentence joined as it stood ("Beasts" + ": A Nice Place"),
    others by a space."""
    lines = page.lines
    return lines[run[0]].text + "".join(
        f"{' ' if (joiner := lines[j].joiner) is None else joiner}{lines[j].text}" for j in run[1:])


def headline_text(page: Page, i: int) -> str:
    """The headline line's text; a heading found wrapped over several lines, joined; without a section label
    before it (`section_cut`) and a site's name after a bar (`site_cut`: a heading may print the title line whole)."""
    run = [i]
    while run[-1] + 1 < len(page.lines) and (v := page.verdicts[run[-1] + 1]) is not None and v.rule == TITLE_REPEAT:
        run.append(run[-1] + 1)
    return site_cut(section_cut(_joined(page, run)), _TRAILING_BAR)


SECTION_MAX_WORDS = 3  # "New York | ...", "Home › ...": a section label or a breadcrumb's first step before the headline
_SECTION_SEPARATOR = regex.compile(r" (?:\||›|»|>) ")
_LEADING_STEP = regex.compile(r"^(?:\||›|»|>)\s+")  # "> Headline": the separator of a breadcrumb step the scraper cut off


def section_cut(text: str) -> str:
    """The headline without a section label or breadcrumb step the page prints before it on its line ("Home ›
    Night ferry returns", "Travel | Night ferry returns"): a short part before the separator, a headline of at
    least twice its words (and `SPLIT_MIN_WORDS`) after it. "Night Ferry | Coast Daily" keeps its words. A
    separator alone before it ("> Night ferry returns") goes too."""
    text = _LEADING_STEP.sub("", text)
    parts: list[str] = _SECTION_SEPARATOR.split(text, maxsplit=1)
    if len(parts) == 2:
        label, rest = len(parts[0].split()), len(parts[1].split())
        if label <= SECTION_MAX_WORDS and rest >= max(2 * label, SPLIT_MIN_WORDS):
            return parts[1]
    return text


def find_dateline(page: Page, start: int, stop: int) -> int | None:
    """The first standalone date line around the article start (a few lines above the headline
    to a few lines into the article: those under the headline first, then those over it from the
    nearest up); failing one, the first short line there that prints a whole
    date among other words ("Story published on 5 May 2024 · 4 min read", "公開日 2019年2月13日")."""
    reach = range(max(0, start), min(len(page.lines), stop))
    lines: Sequence[int] = reach
    heading = next((i for i in reach if (v := page.verdicts[i]) is not None and v.kind is Kind.HEADLINE), None)
    if heading is not None:  # the headline's own date: under it, else the nearest over it (not a teaser's above)
        lines = [*range(heading + 1, reach.stop), *range(heading - 1, reach.start - 1, -1)]
    for test in (is_dateline, _dated_stamp):
        for i in lines:
            if (page.open(i) and page.labels[i] is not Label.GOOD and test(page.lines[i].text)
                    and (not page.pieces[i] or is_dateline(_glued_whole(page, i))) and not byline_like(page, i)):
                page.verdicts[i] = Verdict(Kind.DATELINE)
                return i
    return None


def _glued_whole(page: Page, i: int) -> str:
    """The text of the lines a scraper cut line i from at links ("Posted on" / "May 4, 2025"), joined again;
    a piece of a hard-wrapped paragraph, or of a sentence cut at its links, is no date line whole."""
    lines = page.lines
    start = i
    while start > 0 and lines[start].joiner is not None:
        start -= 1
    stop = i + 1
    while stop < len(lines) and lines[stop].joiner is not None:
        stop += 1
    if stop - start < 2:
        return ""
    return lines[start].text + "".join(f"{line.joiner}{line.text}" for line in lines[start + 1:stop])


@lru_cache(maxsize=4096)
def _stamp(text: str) -> bool:
    """A date line, a date stamp, a byline, a share button or a bar of links: never the headline.
    Remembered: the heading search asks it of each line under two or three candidate lines (~20 us a line)."""
    return (is_dateline(text) or _dated_stamp(text) or particle_byline(text) or _share_button(text)
            or _link_bar(text) or text.rstrip(":").casefold() in BYLINE_PARTICLES)


def _share_button(text: str) -> bool:
    """"Share", "Share on X", "Dela på X", "Поделиться ВКонтакте", "Share your feedback on this
    story": a share verb first, then nothing, a network's name, or a preposition or possessive
    ("Share prices fall" is a headline)."""
    tokens = words(text)
    if not tokens or tokens[0] not in SHARE_VERBS or len(tokens) > SHARE_MAX_WORDS:
        return False
    return len(tokens) <= 2 or tokens[1] in SHARE_OBJECTS or any(t in SOCIAL_NETWORKS for t in tokens)


def _link_bar(text: str) -> bool:
    """"Sign in | Register", "Home / News": parts of a word or two between separators: links."""
    parts = _TRAIL_SEPARATOR.split(text)
    return len(parts) >= 2 and all(1 <= len(part.split()) <= LINK_BAR_PART_MAX_WORDS for part in parts)


def _dated_stamp(text: str) -> bool:
    return len(text) <= STAMP_MAX_CHARS and iso_date(text) is not None and len(words(text)) <= STAMP_MAX_WORDS


# A heading may end with an abbreviation's full stop ("... Ambassador to the U.N.", "... in Washington, D.C."):
# capitals each with its stop, not a sentence's end.
_ABBREVIATION_END = regex.compile(r"(?<![\p{L}.])(?:\p{Lu}\.){2,}$")


def _title_like(page: Page, i: int, unspaced: bool = False) -> bool:
    """`unspaced`: a script without spaces counts its words as pairs of characters (`_word_count`), not as runs."""
    f = page.features[i]
    text = page.lines[i].text
    # Length and the sentence end first: they are known, where the link search and the word count are worked
    # out on first use and cost most (prose ends a sentence: on 1,500 bench documents 10,844 -> 7,922 word counts).
    return (
        f is not None and f.chars <= HEADLINE_MAX_CHARS
        and (not f.ends_sentence or _ABBREVIATION_END.search(text) is not None) and page.labels[i] is not Label.RULE
        and not f.linkish
        and HEADLINE_MIN_WORDS <= (_word_count(page, i) if unspaced else f.words) <= HEADLINE_MAX_WORDS
        and not text.endswith((":", ",", ";", "(", "[", "„", *_TRAIL_ENDS)) and not _stamp(text)
        and not text.startswith(LIST_BULLETS)
        and len(_TRAIL_SEPARATOR.findall(text)) < 2 and not page.pieces[i]
    )


UNSPACED_CHARS_PER_WORD = 2  # a Japanese or Chinese word is two characters long on average


def _word_count(page: Page, i: int) -> int:
    """Line i's words, each run of a script without spaces counted as its characters in pairs: a Japanese heading
    is one run, so one word to `Features.words`."""
    f = page.features[i]
    text = page.lines[i].text
    if f is None or text.isascii() or not (runs := _UNSPACED_RUN.findall(text)):
        return 0 if f is None else f.words
    return f.words - len(runs) + sum(max(1, len(run) // UNSPACED_CHARS_PER_WORD) for run in runs)


STAMPED = "heading-over-stamp"  # the rule a headline found over its byline or date line is marked with
STAMPED_REACH = 4  # undecided lines passed between a heading and its byline or date line (a deck, a label)
STAMPED_SPAN = 10  # nonblank lines at most between the two
STAMPED_PROSE_LINES = 30  # nonblank lines under the stamp in which the article's prose is weighed
STAMPED_PROSE_MIN_CHARS = 400  # good prose there from which the heading is the article's, not a teaser's


STAMP_BYLINE_MAX_WORDS = 8  # "By Jane Roe and John Doe": a byline a heading stands over is short
# No line longer than this is a date line or a stamp of those below: `stamped_heading` asks of every line,
# and half the lines of a page are prose (measured on 1,500 bench documents: the title-line pass
# 248 -> 172 us a document, skipping the tests of the prose).
_STAMP_LINE_MAX_CHARS = max(DATELINE_MAX_CHARS, STAMP_MAX_CHARS, MARKED_BYLINE_MAX_CHARS)


def _stamp_line(page: Page, i: int) -> bool:
    """A byline or date line ("By Jane Roe", "Jane Roe / May 9, 2017", "Published March 9, 2017"), short: a
    "Von ..." teaser title is neither."""
    text = page.lines[i].text
    hit = page.hits[i]
    if len(text) > _STAMP_LINE_MAX_CHARS:
        return hit is not None and hit.category is Category.BYLINE
    # Every date has a digit: without one the date tests are skipped (~0.3 us a line for ~1.5).
    dated = _DIGIT.search(text) is not None
    return ((hit is not None and hit.category is Category.BYLINE) or (dated and (is_dateline(text) or _dated_stamp(text)))
            or (particle_byline(text) and len(text.split()) <= STAMP_BYLINE_MAX_WORDS and not text.endswith(("...", "…")))
            or (dated and _name_then_date(page, text)))


def _name_then_date(page: Page, text: str) -> bool:
    """"Jane Roe · Coast Daily · Posted: May 18, 2024": a name, then after a separator a date."""
    parts = NAME_SEPARATOR.split(text, maxsplit=1)
    return (len(text) <= MARKED_BYLINE_MAX_CHARS and len(parts) == 2 and name_words(page, parts[0])
            and date_in(parts[1]) is not None)


def stamped_heading(page: Page) -> int | None:
    """The heading a byline or a date line stands under, where no title line says which it is.

    News pages print headline, maybe a deck or a label, then the byline or the date, then the text;
    teaser lists print titles over dates too, but little prose under them. So the first stamp with a
    title-like line a few lines above (decks, captions, labels and names passed) and at least
    `STAMPED_PROSE_MIN_CHARS` of good prose in the lines under it names the headline. A scraper that prints no title line (inscriptis) leaves this
    as the evidence of where the article starts.
    """
    nonblank, features = page.nonblank, page.features
    # The (stamp, heading) pairs in the page's order, found only as far as the loop below asks: most
    # pages name their headline at the first, and testing every line cost 55 of the title-line pass's
    # 170 us a document on 1,500 bench documents.
    stamped: list[tuple[int, int]] = []

    @cache
    def crumbs() -> Crumbs:
        """The page's breadcrumbs, found on first use: most pages name their heading before any is needed."""
        return _breadcrumbs(page)

    tested = 0  # nonblank[:tested] are tested

    def stamped_at(n: int, before: int) -> tuple[int, int] | None:
        """The n-th pair, looked for among stamps before nonblank[before]."""
        nonlocal tested
        while len(stamped) <= n and tested < min(before, len(nonblank)):
            k, a = tested, nonblank[tested]
            tested += 1
            if not page.pieces[a] and _stamp_line(page, a) and (over := _heading_over(page, nonblank, k, crumbs)) is not None:
                stamped.append((k, over))
        return stamped[n] if n < len(stamped) else None

    n = 0
    while (this := stamped_at(n, len(nonblank))) is not None:
        k, heading = this
        n += 1
        # The good prose under the stamp, up to a block's end (`_block_end`): `enough` is where it reaches
        # `STAMPED_PROSE_MIN_CHARS`, if it does.
        window = min(k + 1 + STAMPED_PROSE_LINES, len(nonblank))
        prose, enough = 0, None
        for m in range(k + 1, window):
            if _block_end(page, x := nonblank[m]):
                break
            if page.good(x) and (f := features[x]) is not None:
                prose += f.chars
                if prose >= STAMPED_PROSE_MIN_CHARS:
                    enough = m + 1
                    break
        if enough is None:
            continue
        # A heading is a title-like line (`_heading_over`, `_over_deck`): with none between the stamp's next
        # line and `enough`, no later stamp's heading cuts the prose, and no later stamp is looked for (the
        # stamps tested on 1,500 bench documents: 34,000 -> 14,300).
        if not any(_title_like(page, nonblank[m]) for m in range(k + 2, enough)):
            return heading
        # The prose ends at the next stamped heading past a sentence (a teaser list's next item; one right
        # under the stamp, before any sentence, is a label of this article's head): it must not stand
        # over `enough`. A heading stands at most `STAMPED_SPAN` + 1 lines over its stamp (a deck passed),
        # so no stamp from `enough` + `STAMPED_SPAN` + 1 on has one there.
        stop, later = window, n
        while (after := stamped_at(later, enough + STAMPED_SPAN + 1)) is not None:
            if (j := bisect_left(nonblank, after[1])) >= stop:
                break
            if any(page.good(x) or ((f := features[x]) is not None and f.ends_sentence) for x in nonblank[k + 1:j]):
                stop = j
                break
            later += 1
        if stop >= enough:
            return heading
    return None


REPEATED = "heading-repeat"  # the rule a headline found as a heading the page prints twice is marked with
REPEAT_FIRST_GOOD_REACH = STAMPED_SPAN  # nonblank lines at most from a repeated heading to its first good paragraph


def repeated_heading(page: Page) -> int | None:
    """The heading the page prints twice, standing over the article's prose, where no title line says which
    line is the headline.

    A scraper that prints no title line (inscriptis) still prints the headline twice on most article pages:
    in a header bar or a breadcrumb ("Home > News > Headline", "News | Headline"), a share box ("Share all
    sharing options for: Headline") or a hidden page title ("Headline | Site"), and as the article's heading.
    A teaser prints a title once. So a title-like line (more than a label's words, no name, no date) that
    another line prints again, whole or at one end of it (not a menu's list item: that names a section), with
    good prose right under it (`_prose_under`), is the headline: the one nearest over that prose that the page
    prints again whole, and none under the page's first prose (an ad's or a teaser's title printed twice)."""
    nonblank, lines = page.nonblank, page.lines
    norms = [lines[i].norm for i in nonblank]
    seen: dict[str, int] = {}
    for norm in norms:
        seen[norm] = seen.get(norm, 0) + 1
    above = 0  # the good prose over line i
    found, first_good = None, len(lines)  # the heading found, and the first good line under it
    for k, i in enumerate(nonblank):
        if i >= first_good:
            break
        if page.good(i) and (f := page.features[i]) is not None:
            above += f.chars
            if above >= STAMPED_PROSE_MIN_CHARS:
                return None  # the article's prose started over any heading still to come
        if (not page.open(i) or page.hits[i] is not None or not _title_like(page, i, unspaced=True)
                or lines[i].text[0].islower() or _word_count(page, i) <= LABEL_MAX_WORDS or name_shaped(page, i)
                or date_in(lines[i].text) is not None or not _prose_under(page, k) or _tag_list(lines[i].text)
                or not _echoed(page, i)):
            continue
        norm = norms[k]
        # One nearer over the same prose, printed again whole, is surer: a teaser's title or a section's name
        # printed twice stands over the heading.
        if seen[norm] > 1 or (found is None and any(len(other) > len(norm) and not _LIST_ITEM.match(other)
                                                    and _at_end(other, norm) for other in norms)):
            found = i
            first_good = page.next_good(i + 1) or len(lines)
    return found


ECHO_PROSE_LINES = 30  # good lines under a repeated heading whose words it must share one of
ECHO_MIN_CHARS = 4  # a shorter word ("new", "die", "les") is no topic's


TAG_MAX_WORDS = 4  # words of one item of a tag list ("Emmanuel Macron", "Corona & die Folgen")


def _tag_list(text: str) -> bool:
    """"Politics, Elections, Jane Roe": three or more short items between commas, the article's tags printed
    twice (over the text and under it), not its heading."""
    items = text.split(", ")
    return len(items) >= 3 and all(len(item.split()) <= TAG_MAX_WORDS for item in items)


def _echoed(page: Page, i: int) -> bool:
    """Does the heading name something the prose under it speaks of (one word of ECHO_MIN_CHARS letters or more,
    not a stopword)? A language picker, a menu, a search box's label or a share bar printed twice shares no word
    with the article. Unspaced scripts are not weighed: their character pairs match too easily."""
    text = page.lines[i].text
    if _UNSPACED_RUN.search(text):
        return True
    topics = {w for w in words(text) if len(w) >= ECHO_MIN_CHARS and w not in page.stoplist}
    return any(not topics.isdisjoint(words(page.lines[g].text)) for g in page.goods(i + 1)[:ECHO_PROSE_LINES])


# A list item as scrapers print one: a bullet ("* ", "o " for a nested list) or a number ("4. "). A menu's item
# that ends with a line's words names a section or a page, not a heading.
_LIST_ITEM = regex.compile(r"(?:[*+•o–-]|\d{1,3}\.) ")


def _at_end(text: str, part: str) -> bool:
    """Does `text` start or end with `part`, at a word's edge (a script without spaces has none)?"""
    if text.endswith(part):
        edge = text[-len(part) - 1]
    elif text.startswith(part):
        edge = text[len(part)]
    else:
        return False
    return not (edge.isalnum() and part.isascii())


def _prose_under(page: Page, k: int) -> bool:
    """Does good prose (`STAMPED_PROSE_MIN_CHARS`) start within `REPEAT_FIRST_GOOD_REACH` lines under the heading
    `nonblank[k]`, with no other title-like line among it, before a block's end?"""
    nonblank, features = page.nonblank, page.features
    prose = 0
    for m in range(k + 1, min(k + 1 + STAMPED_PROSE_LINES, len(nonblank))):
        x = nonblank[m]
        if _block_end(page, x):
            return False
        if page.good(x) and (f := features[x]) is not None:
            prose += f.chars
            if prose >= STAMPED_PROSE_MIN_CHARS:
                return True
        elif not prose and m - k > REPEAT_FIRST_GOOD_REACH:
            return False
        elif prose and page.open(x) and _title_like(page, x):
            return False
    return False


_BLOCK_ENDS = (Category.COMMENTS, Category.RELATED, Category.FOOTER)


def _block_end(page: Page, i: int) -> bool:
    """A rule's hit that ends the article's block: a comment thread's, a related list's or a footer's heading."""
    hit = page.hits[i]
    return hit is not None and hit.category in _BLOCK_ENDS


def _heading_over(page: Page, nonblank: Sequence[int], k: int, crumbs: Callable[[], Crumbs]) -> int | None:
    """The title-like line over the stamp `nonblank[k]`, past decks, captions, labels, names and stamps."""
    passed = 0
    for n in range(k - 1, max(-1, k - 1 - STAMPED_SPAN), -1):
        i = nonblank[n]
        if _block_end(page, i):
            return None  # a comment thread's or a related list's heading between: another block's stamp
        if not page.open(i):
            continue
        hit = page.hits[i]
        text = page.lines[i].text
        if _stamp(_unbulleted(text)):
            continue  # a share bar's buttons or a bar of links, maybe drawn as list items: passed, not counted
        credit = _credit(text) or _name_then_outlet(page, text)
        # The sections a breadcrumb names, as a label over the stamp, are passed (looked up last: few lines need it).
        heading = ((_title_like(page, i) or _titled_question(page, i)) and not text[0].islower()
                   and not name_shaped(page, i) and not _stamp_line(page, i) and not credit)
        if heading and not _section_steps(page, i, crumbs()):
            if _reply(page, i) or _listed(page, nonblank, n):
                return None  # a reader's reply, or a related list's item: no headline over this stamp
            over = _over_deck(page, nonblank, n)
            return None if _field_line(page.lines[over].text) else over  # a record's field neither
        if passed >= STAMPED_REACH or not (
            (f := page.features[i]) is None or f.ends_sentence or f.words <= LABEL_MAX_WORDS
            or _stamp_line(page, i) or name_shaped(page, i) or credit or heading
            or (hit is not None and hit.category is Category.CAPTION) or _section_steps(page, i, crumbs())
        ):
            return None
        passed += 1
    return None


def _listed(page: Page, nonblank: Sequence[int], n: int) -> bool:
    """Does the heading `nonblank[n]` stand in a list under a related list's (or a comment thread's, a footer's)
    heading, other items over it and no prose between? Right under such a heading it may be the article's own,
    under a kicker a rule names ("Latest News")."""
    for m in range(n - 1, max(-1, n - 1 - STAMPED_REACH), -1):
        i = nonblank[m]
        if _block_end(page, i):
            return m < n - 1
        if page.labels[i] is Label.GOOD:
            return False
    return False


_TRAIL_ENDS = (" >", " ›")  # "Section >": a breadcrumb's step the scraper printed on its own line
OUTLET_MAX_WORDS = 3  # "Jane Roe, Coast Daily": the name of the author's outlet after a byline's name


def _reply(page: Page, i: int) -> bool:
    """Prose (`_prose`), or a sentence ending with a full stop inside a line not in title case ("Hey Jo, we
    checked. It was a typo"): a reader's reply over its stamp, not a heading. A question inside is a heading's
    ("¿Quiere abrir un negocio? Miami le abre sus puertas")."""
    f = page.features[i]
    return _prose(page, i) or (f is not None and f.title_case < TITLE_CASE_MIN
                               and _STOP_INSIDE.search(page.lines[i].text) is not None)


_STOP_INSIDE = regex.compile(r"\p{L}{2}\. \p{Lu}")
FIELD_VALUE_MAX_WORDS = 2  # "Status : Completed", "Estado: Activo": a record's field holds a word or two after its label
FIELD_LABEL_MAX_WORDS = 3
_FIELD = regex.compile(r"^([^:：]+?)\s*[:：]\s+(\S.*)$")


def _field_line(text: str) -> bool:
    """"Registration Status : Open", "Statut : Terminé": a record's label and its value of a word or two,
    a field over the record's date field, not a heading ("Review: A Quiet Winter by the Lake" says more after it)."""
    if (m := _FIELD.match(text)) is None:
        return False
    label, value = m.groups()
    return (1 <= len(words(label)) <= FIELD_LABEL_MAX_WORDS and 1 <= len(words(value)) <= FIELD_VALUE_MAX_WORDS
            and _DIGIT.search(value) is None)


def _unbulleted(text: str) -> str:
    """A list item's text without the scraper's bullet."""
    return text[2:] if text.startswith(LIST_BULLETS) else text


def _name_then_outlet(page: Page, text: str) -> bool:
    """"Jane Roe, COAST DAILY", "Jane Roe / Agency": a name, then after a separator an outlet's short name."""
    parts = NAME_SEPARATOR.split(text, maxsplit=1)
    return (len(parts) == 2 and 1 <= len(words(parts[1])) <= OUTLET_MAX_WORDS and not _DIGIT.search(parts[1])
            and name_words(page, parts[0]))


def _section_steps(page: Page, i: int, crumbs: Crumbs) -> bool:
    """Line i's words are all the page's breadcrumb's ("Home › World › Europe › Article" over "World Europe"): the
    steps before its last name the sections, and the line is their label. The last step may be the headline."""
    own = _tokens(page.lines[i].text)
    return any(j != i and own <= sections for j, sections in crumbs)


Crumbs = tuple[tuple[int, set[str]], ...]  # breadcrumb lines, with the words of their steps but the last


def _breadcrumbs(page: Page) -> Crumbs:
    """The page's breadcrumb lines (more than two steps) and the words of their steps but the last: found once a
    page, as `_section_steps` asks for each line the stamp search walks (reading every line each time cost a
    200 KB page seconds)."""
    lines, search = page.lines, _TRAIL_SEPARATOR.search  # a search stops at the first separator: most lines have none
    return tuple((j, _tokens(" ".join(steps[:-1]))) for j in page.nonblank
                 if search(lines[j].text) and len(steps := _TRAIL_SEPARATOR.split(lines[j].text)) > 2)


_QUESTION_ENDS = tuple(f"{mark}{quote}" for mark in "?!" for quote in ("", "'", '"', "”", "’", "»"))


def _titled_question(page: Page, i: int) -> bool:
    """A heading that asks or exclaims, in title case ("Does He Actually Mean It?", "... Didn't Notice!'"): it ends
    like a sentence, which `_title_like` refuses, but a sentence is not in title case."""
    f = page.features[i]
    text = page.lines[i].text
    return (f is not None and text.endswith(_QUESTION_ENDS) and f.title_case >= TITLE_CASE_MIN and f.chars <= HEADLINE_MAX_CHARS
            and HEADLINE_MIN_WORDS <= f.words <= HEADLINE_MAX_WORDS and page.labels[i] is not Label.RULE and not f.linkish
            and not page.pieces[i])


def _over_deck(page: Page, nonblank: Sequence[int], n: int) -> int:
    """The heading `nonblank[n]`, or the line right over it when that one reads as prose (a deck with no
    final stop) and the line over it as a shorter title of more than a label's words: the headline. A deck in
    sentence case under a heading in title case gives way to it too, whatever their lengths."""
    i = nonblank[n]
    f = page.features[i]
    if n == 0 or page.labels[i] is not Label.GOOD or f is None:
        return i
    j = nonblank[n - 1]
    g = page.features[j]
    if (page.open(j) and g is not None and g.words > LABEL_MAX_WORDS and f.title_case < TITLE_CASE_MIN <= g.title_case
            and (_title_like(page, j) or _titled_question(page, j))):
        return j
    if (page.open(j) and page.labels[j] is not Label.GOOD and g is not None and LABEL_MAX_WORDS < g.words < f.words
            and _title_like(page, j)):
        return j
    return i


# A photo credit under a picture: "(Jane Roe / Coast Daily)", "Jane Roe/Agency", "AP Photo/Jane Roe".
_CREDIT = regex.compile(r"^\(.*\)$|\p{L}/\p{Lu}|\p{L} / \p{Lu}")
CREDIT_MAX_WORDS = 6


def _credit(text: str) -> bool:
    return len(words(text)) <= CREDIT_MAX_WORDS and _CREDIT.search(text) is not None


# Nonblank lines from the top within which a headline no title line names may be guessed. Deeper, under
# menus and teasers, the title-like line over the first paragraph was a widget's or another story's on 9 of
# 11 scraped pages without a title line (inscriptis, metaset); a wrong headline is worse than none.
GUESS_REACH = 20


def find_headline(page: Page, first_good: int, only: int | None = None, slug: set[str] | None = None) -> int | None:
    """The title-like line nearest above the first good paragraph, or that paragraph itself.

    Walking up, sentences are the standfirst (body) and are passed, and so are a few one- or
    two-word labels (a section name, "Video") that sites print between title and text; the first
    title-like line is the headline. What stands above it (breadcrumbs, menus) is left for the top
    zone. A long headline reads as a good paragraph itself: when nothing above qualifies, a first
    good line that is title-shaped (no sentence end) and has prose after it is the headline.
    `only`: the one line that may be the headline (none other is), unless the URL's `slug` names the
    line found (`_slug_names`, and not `_weak_slug_match`): then it stands wherever it is; a line a slug of words contradicts
    (`_off_slug`: "Press J to jump to the feed") never does.
    """
    title = only  # the page's first line, when the title line or the slug name a headline
    headline = _headline_above(page, first_good)
    if headline is None and _title_like(page, first_good) and page.any_good(first_good + 1):
        headline = first_good
    if headline is not None and _field_line(page.lines[headline].text):
        return None  # a record's field ("Status : Open") over the text: no headline
    if headline is not None and slug:
        if _off_slug(page, _tokens(page.lines[headline].text), slug):
            return None
        if _slug_names(page, headline, slug) and not _weak_slug_match(page, [headline]):
            only = None
        elif only is None and bisect_left(page.nonblank, headline) >= GUESS_REACH:
            return None
    elif headline is not None and only is None and bisect_left(page.nonblank, headline) >= GUESS_REACH:
        return None
    if only is not None and headline != only:
        return None
    if headline is not None:
        page.verdicts[headline] = Verdict(Kind.HEADLINE, rule=TITLE_STANDS if headline == title else None)
    return headline


TITLE_STANDS = "title-line-stands"  # the rule a headline that is the page's title line itself is marked with
SITE_NAME_MAX_WORDS = 5  # "Coast Daily", "La Gazette de la Baie": a site's name after the headline on its title line
# A bar, a colon or a dot before the site's name; not a dash, which also names who spoke ("... to Ukraine – Stoltenberg").
_TRAILING_SITE = regex.compile(r"\s+(?:\||::|:|·|•)\s+|\s*｜\s*")
# A heading that repeats the title line whole keeps a site's name after a bar only: a dot or a colon there parts
# a book's author from its title ("Derek Jarman · The Garden").
_TRAILING_BAR = regex.compile(r"\s+\|\s+|\s*｜\s*")


def site_cut(text: str, separator: regex.Pattern[str] = _TRAILING_SITE) -> str:
    """The title line standing as the headline without the site's name it ends with ("Headline | Coast Daily",
    "Headline : Forum", "Headline | Section | Site"): each last part after a bar, a colon or a dot (`separator`),
    of at most `SITE_NAME_MAX_WORDS` words, no word in lower case but short particles ("La Gazette de la Baie";
    "Affaire KPMG : un juge se récuse" goes on with the headline), shorter than what stands before it, goes."""
    while (found := list(separator.finditer(text))):
        head, tail = text[: found[-1].start()], text[found[-1].end():]
        names = tail.split()
        lower = [w for w in names if w[:1].islower()]
        if (len(names) > SITE_NAME_MAX_WORDS or len(tail) >= len(head) or len(lower) == len(names)
                or any(len(w) > FUNCTION_WORD_MAX_CHARS for w in lower)):
            break
        text = head
    return text


def _slug_names(page: Page, i: int, slug: set[str]) -> bool:
    """Does line i share a word with the URL's slug that is no short function word ("/themen/arbeit" and
    "Wir kämpfen für gute Arbeit"; the stoplists hold frequent words such as "Arbeit" too)? Then the slug
    names the line the headline search found over the text."""
    shared = _unaccented(frozenset(_tokens(page.lines[i].text))) & _unaccented(frozenset(slug))
    return any(len(w) > FUNCTION_WORD_MAX_CHARS or w not in page.stoplist for w in shared)


def title_over_sentences(page: Page) -> int | None:
    """In a short document with no long paragraph: a first line that is a title over sentences."""
    lines = [i for i in range(len(page.lines)) if page.open(i)]
    if len(lines) >= 2 and _title_like(page, lines[0]) and page.sentence_like(lines[1]):
        page.verdicts[lines[0]] = Verdict(Kind.HEADLINE)
        return lines[0]
    return None


def _headline_above(page: Page, first_good: int) -> int | None:
    labels_passed = 0
    for i in range(first_good - 1, -1, -1):
        if not page.open(i):
            continue
        f = page.features[i]
        if page.sentence_like(i) and (page.lines[i].text.endswith((".", "…", '"', "”", "»")) or several_sentences(page, i)):
            continue  # the standfirst, or an opening paragraph: a headline is never two sentences
        hit = page.hits[i]
        text = page.lines[i].text
        if _share_button(text):
            page.verdicts[i] = SHARE_BUTTON.removal
            continue
        if _link_bar(text):
            page.verdicts[i] = LINK_BAR.removal
            continue
        if text.rstrip(":").casefold() in BYLINE_PARTICLES:  # "By" alone, over the name
            page.verdicts[i] = BYLINE_PARTICLE.removal
            continue
        if _stamp(text) or (hit is not None and hit.category is Category.BYLINE):
            continue
        if name_shaped(page, i) and _title_above(page, i):
            page.verdicts[i] = Verdict(Kind.BYLINE)  # "Jane Doe" between headline and text
            continue
        if _title_like(page, i):
            return i
        if f is None or f.words > LABEL_MAX_WORDS or labels_passed >= LABELS_PASSED_MAX:
            return None
        labels_passed += 1
    return None


def _title_above(page: Page, i: int) -> bool:
    """Is there a title-like line just above line i (a name under a headline is its byline)?
    A date line between the two is passed over."""
    for j in range(i - 1, max(-1, i - 1 - TITLE_ABOVE_REACH), -1):
        if not page.open(j) or _stamp(page.lines[j].text):
            continue
        return _title_like(page, j) and not name_shaped(page, j)
    return False


def clear_above_headline(page: Page, headline: int) -> None:
    """What stands above a headline the title line or the slug surely names (`Titled.sure`) is page
    furniture (menus, teasers, notices): the article starts at its headline. A run of good paragraphs stays,
    though (a teaser's summary stands alone): when the headline found is the title's repeat in a linked story
    below the real heading, that run is the article (on the development set, taking such runs lost 13
    snippets of article text). Unless the prose above outweighs the prose below (`ABOVE_HEADLINE_MAX_SHARE`),
    nothing goes."""
    features = page.features
    above = sum(f.chars for i in page.goods(0, headline) if (f := features[i]) is not None)
    below = sum(f.chars for i in page.goods(headline + 1) if (f := features[i]) is not None)
    if above > ABOVE_HEADLINE_MAX_SHARE * below:
        return
    above_lines = [i for i in page.nonblank if i < headline]
    good = [page.labels[i] is Label.GOOD for i in above_lines]
    for k, i in enumerate(above_lines):
        in_run = good[k] and ((k > 0 and good[k - 1]) or (k + 1 < len(good) and good[k + 1]))
        if page.open(i) and not in_run:
            page.verdicts[i] = ABOVE_HEADLINE.removal


def keep_standfirst(page: Page, headline: int, first_good: int) -> None:
    """Sentences and decks between the headline and the first good paragraph are article text."""
    for i in range(headline + 1, first_good):
        f = page.features[i]
        if page.open(i) and f is not None and (
            page.sentence_like(i) or (f.words >= DECK_MIN_WORDS and f.stopword_density > 0 and not f.linkish)
        ):
            page.verdicts[i] = Verdict(Kind.BODY)


# "... to Ukraine The alliance's chief asserts": a capitalized word that starts a clause, glued
# after a lower-case word, in a headline written in sentence case.
# "Home / World / Europe": a breadcrumb. The standard library's engine: it finds the leading space with a
# fast literal scan, where `regex` tries the pattern at every character (2.4 times as fast over bench lines).
_TRAIL_SEPARATOR = re.compile(r" (?:/|>|»|›|\||·|•) ")
_GLUE = regex.compile(r"(?<=[\p{Ll}\p{N}'’)])\s+(?=\p{Lu}\p{Ll}*\b)")


def split_headline(text: str, stoplist: frozenset[str], body: Sequence[str] = ()) -> tuple[str, str | None]:
    """Split a headline from a subtitle glued on after it, when the evidence is clear.

    Evidence: the headline is in sentence case (no stopword after its first word is capitalized),
    a capitalized word follows a lower-case one, and that word is not a name: it is a stopword
    ("The") or the document itself prints it in lower case elsewhere ("researchers"). The
    headline half may not end on a stopword ("... in Berlin" is one title), and both halves have
    a few words.
    """
    text = section_cut(text)
    if len(text.split()) < 2 * SPLIT_MIN_WORDS:
        return text, None
    for m in _GLUE.finditer(text):
        head, tail = text[: m.start()], text[m.end():]
        head_words, tail_words = head.split(), tail.split()
        first = tail_words[0].casefold()
        if len(head_words) < SPLIT_MIN_WORDS or len(tail_words) < SPLIT_MIN_WORDS:
            continue
        last = head_words[-1].casefold()
        if last in stoplist and len(last) <= FUNCTION_WORD_MAX_CHARS:
            continue
        # A capitalized stopword starts a new clause; any other capitalized word only does when
        # the document prints it in lower case elsewhere and it does not follow a capitalized
        # word ("Eastmoor Airport" is one name).
        if first not in stoplist:
            if not head_words[-1][:1].islower() or not _printed_in_lower_case(first, body):
                continue
        rest = head_words[1:]
        capitalized_stop = [w for w in rest if w[:1].isupper() and w.casefold() in stoplist]
        lower = sum(1 for w in rest if w[:1].islower())
        if not capitalized_stop and lower >= len(rest) / 2:
            return head, tail
    return text, None


def _printed_in_lower_case(word: str, body: Sequence[str]) -> bool:
    """Does the body print `word` as a word of its own (as str.split cuts them) in lower case?"""
    # A substring search first, and the words of a paragraph only where it finds one: gathering all
    # the body's words into a set cost ~90 us a headline.
    return word[:1].islower() and any(word in paragraph and word in paragraph.split() for paragraph in body)


# The removals the headline and byline searches make, listed by `cleaner rules` (heuristics.HEURISTICS).
TITLE_LINE = Heuristic("title-line", Category.NAVIGATION, "The page's title line (\"Headline | Site\"), printed first "
                       "by scrapers of the whole page: the headline is its repeat below, or it stands for the headline "
                       "itself.", title_line_heading)
SECTION_LABEL = Heuristic("section-label", Category.NAVIGATION, "The sections of the page's breadcrumb printed again "
                          "as a label between a headline and its byline or date line (\"Harbour news Local transport\"): "
                          "passed over as a headline, removed.", title_line_heading)
ABOVE_HEADLINE = Heuristic("above-headline", Category.NAVIGATION, "What stands above a headline that the title line or "
                           "the URL surely names (menus, teasers, notices), unless the prose above outweighs the article "
                           "below.", clear_above_headline)
SHARE_BUTTON = Heuristic("share-button", Category.SHARE, "A share button or a line of networks near the headline "
                         "(\"Share on X\", \"Dela på Facebook\", \"Поделиться ВКонтакте\"): passed over as a headline, "
                         "removed.", find_headline)
LINK_BAR = Heuristic("link-bar", Category.NAVIGATION, "A bar of short links near the headline (\"Sign in | Register\"): "
                     "passed over as a headline, removed.", find_headline)
