"""Invariants of the engine, checked by hypothesis on arbitrary and on scraped-looking text."""

from __future__ import annotations

import io
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cleaner
import cleaner.io
from cleaner.io import InputError, read_jsonl
from cleaner.lines import _PHRASE_OPENERS, _ZERO_WIDTH, LONG_LINE_CHARS, normalize, trim
from cleaner.rules import builtin_rules

WORDS = ("the council said on monday that its plan for the new bridge would cost more than "
         "expected because steel prices rose and workers were scarce while residents asked "
         "whether the river crossing could open before winter and officials promised answers").split()
# English documents get English and language-independent widget lines, as real pages do.
# Examples per property: a short run by default, the long fuzz profile in CI (.ci/run sets it).
EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "300"))
RULES = builtin_rules()
BOILERPLATE = sorted({example for rule in RULES if rule.languages & {"en", "*"} for example in rule.match})
# Widget lines that may stand inside an article: not the openers that end it (a comment section's
# header cuts what follows, by design) nor block headers (they take the lines after them).
_COMPILED = cleaner.Cleaner().rules
INLINE_BOILERPLATE = sorted({
    example for example in BOILERPLATE
    if (hit := _COMPILED.first_hit(normalize(example), "en")) is not None
    and hit.action.value == "drop" and hit.category.value != "byline"
})


def sentence(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=20))
    return " ".join(words).capitalize() + draw(st.sampled_from([".", ".", "!", "?"]))


@st.composite
def paragraphs(draw: st.DrawFn) -> list[str]:
    """Article paragraphs: two to four sentences each, as news paragraphs are."""
    return [" ".join(sentence(draw) for _ in range(draw(st.integers(2, 4)))) for _ in range(draw(st.integers(1, 6)))]


def _headline_shaped(line: str) -> bool:
    """No rule names it, and it has at least three different words ("The the the the" is no title)."""
    return len(set(line.casefold().split())) >= 3 and not any(rule.hits(line) for rule in RULES)


@st.composite
def _headlines(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=10))).capitalize()


def headlines() -> st.SearchStrategy[str]:
    """Clean input has no widget lines: a drawn title that a rule names ("More on the bridge" is a
    related-stories label) is not one, nor is a word repeated."""
    return _headlines().filter(_headline_shaped)


@st.composite
def scraped(draw: st.DrawFn) -> str:
    """Article paragraphs with real widget lines (the rules' own examples) around and between them."""
    noise = st.lists(st.sampled_from(BOILERPLATE), max_size=6)
    parts = draw(noise) + [draw(headlines())]
    for paragraph in draw(paragraphs()):
        parts += [paragraph] + (draw(noise) if draw(st.booleans()) else [])
    parts += draw(noise)
    return draw(st.sampled_from(["\n", "\n\n", "\r\n"])).join(parts)


@st.composite
def article_with_widgets(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A scraped-looking document and its article paragraphs: widget lines between the paragraphs,
    any line ending (\n, \r\n, \r), zero-width characters and stray control characters in the noise."""
    noise = st.lists(st.sampled_from(INLINE_BOILERPLATE), max_size=4)
    junk = st.text(alphabet=st.sampled_from("\u200b\ufeff\x07\x1b \t"), max_size=3)
    body = draw(paragraphs())
    parts = draw(noise) + [draw(headlines())]
    for paragraph in body:
        parts += [paragraph] + [line + draw(junk) for line in draw(noise)]
    return draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r"])).join(parts), body


# Invented Japanese letters: Han and Hiragana, which the splitter joins across a cut with no space.
CJK = "市議会橋建設承認冬前開通のはをにがした"


@st.composite
def cut_lines(draw: st.DrawFn) -> str:
    """Scraped text whose sentences a scraper cut at inline elements (a link, a bold word): a piece
    ends in a space, an open bracket or a CJK letter, and the splitter joins it to the next line."""
    out = []
    for line in draw(scraped()).splitlines():
        words = line.split(" ")
        if len(words) < 4 or not draw(st.booleans()):
            out.append(line)
            continue
        cut = draw(st.integers(1, len(words) - 1))
        end = draw(st.sampled_from([" ", *_PHRASE_OPENERS, " " + _PHRASE_OPENERS[0]]))
        out += [" ".join(words[:cut]) + end, " ".join(words[cut:])]
    if draw(st.booleans()):  # a Chinese or Japanese sentence cut at its links
        out += [draw(st.text(CJK, min_size=1, max_size=30)) for _ in range(draw(st.integers(2, 6)))]
    return "\n".join(out)


@st.composite
def edge_spaces(draw: st.DrawFn) -> str:
    """Scraped text with zero-width characters at line edges next to long runs of spaces (trimming
    such a line was quadratic in the run: 64 KB took 49 s)."""
    lines = draw(scraped()).splitlines()
    for i in draw(st.lists(st.integers(0, len(lines) - 1), max_size=4)):
        zero_width = draw(st.sampled_from(sorted(_ZERO_WIDTH)))
        run = " " * draw(st.integers(1, 3 * LONG_LINE_CHARS))  # past the length at which a line is cut into pieces
        lines[i] = draw(st.sampled_from([zero_width + run + lines[i], lines[i] + run + zero_width,
                                         run + zero_width + lines[i] + zero_width + run]))
    return "\n".join(lines)


def _is_subsequence(body: tuple[str, ...], text: str) -> bool:
    """Each paragraph is made of the next input lines as they stand: one line, consecutive lines
    joined by a space or nothing (a sentence a scraper cut at its links), or a stretch of a line long
    enough to be cut into pieces."""
    lines = [trim(raw) for raw in text.splitlines()]
    k = 0
    for paragraph in body:
        while k < len(lines) and (end := _made_of(paragraph, lines, k)) is None:
            k += 1
        if k == len(lines):
            return False
        k = end
    return True


def _made_of(paragraph: str, lines: list[str], k: int) -> int | None:
    """Where the input lines that make `paragraph`, starting at line k, end (None: they don't)."""
    if len(lines[k]) > LONG_LINE_CHARS and paragraph in lines[k]:
        return k + 1
    made, j = lines[k], k + 1
    while made != paragraph and j < len(lines) and lines[j] and paragraph.startswith(made):
        made = next((m for m in (made + " " + lines[j], made + lines[j]) if paragraph.startswith(m)), "")
        j += 1
    return j if made == paragraph else None


# Every code point, lone surrogates included: st.text() leaves them out, yet JSON's "\ud800" makes one.
ANY_CHARACTER = st.characters(exclude_categories=())
# URLs as scrapers write them, good and bad: urlsplit raises on several of these.
URLS = st.one_of(
    st.sampled_from(["http://[::1", "http://[zz]/x", "//[", "https://[::1]:99999/", "http://a.example:port/",
                     "https://www.example.com/a", "example.org", ""]),
    st.builds("".join, st.lists(st.sampled_from(["http://", "[", "]", ":", "::1", "a.example", "/", "%", "\ud800"]),
                                max_size=6)),
    st.text(ANY_CHARACTER, max_size=20),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), st.text(ANY_CHARACTER), scraped().map(lambda t: t.replace(" ", " \ud83d ", 3)),
                 cut_lines(), edge_spaces()), URLS)
def test_never_raises_on_any_string(text: str, url: str) -> None:
    article = cleaner.clean(text, source=url)
    assert isinstance(article.body, tuple)
    assert cleaner.io.json_line(article.to_dict()).encode("utf-8")  # what the CLI writes, surrogates too


def _nested(depth: int, leaf: str) -> str:
    return "[" * depth + leaf + "]" * depth


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ANY_CHARACTER, max_size=40), URLS, st.integers(0, 3 * cleaner.io.MAX_JSON_DEPTH),
       st.sampled_from(["1", "7" * 5000, "NaN", "-Infinity", '"x"', "{}", '"\\ud800"']))
def test_any_jsonl_line_is_one_record_or_one_error(text: str, url: str, depth: int, leaf: str) -> None:
    """Surrogates, deep nesting, huge integers, NaN and bad URLs: each line gives one record or one error
    (never an exception), and a record's output is strict JSON that reads back as the record."""
    line = json.dumps({"id": 1, "text": text, "url": url})[:-1] + f', "deep": {_nested(depth, leaf)}}}'
    (item,) = read_jsonl(io.BytesIO(line.encode("ascii")), "f.jsonl")  # json.dumps escaped every non-ASCII
    if isinstance(item, InputError):
        return
    [out] = cleaner.clean_records([item.fields])
    assert "error" not in out, out["error"]
    written = cleaner.io.json_line(out)
    assert json.loads(written.encode("utf-8")) == out


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(), scraped(), cut_lines(), edge_spaces()))
def test_body_is_a_subsequence_of_input_lines(text: str) -> None:
    article = cleaner.clean(text)
    assert _is_subsequence(article.body, text)


@settings(max_examples=max(1, EXAMPLES // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scraped())
def test_a_page_joined_onto_one_line_keeps_its_article(text: str) -> None:
    """Some scrapers join a whole page onto one line: the article's sentences all stay, in one piece."""
    lines = [line for line in text.splitlines() if line.strip()]
    lines *= 1 + LONG_LINE_CHARS // max(1, len("  ".join(lines)))  # long enough to be cut into pieces
    one_line = "  ".join(lines)
    article = cleaner.clean(one_line)
    assert _is_subsequence(article.body, one_line)
    kept_as_lines = [p for p in cleaner.clean("\n".join(lines)).body if len(p) > 80]
    assert all(any(p in paragraph for paragraph in article.body) for p in kept_as_lines)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(article_with_widgets())
def test_no_article_paragraph_is_lost_among_widget_lines(document: tuple[str, list[str]]) -> None:
    text, body = document
    kept = cleaner.clean(text).body
    assert all(any(paragraph in p for p in kept) for paragraph in body)
    assert _is_subsequence(kept, text)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scraped())
def test_cleaning_the_rendering_again_changes_nothing(text: str) -> None:
    once = cleaner.clean(text)
    twice = cleaner.clean(once.to_text())
    assert (twice.headline, twice.subheadline, twice.dateline, twice.byline, twice.body) == (
        once.headline, once.subheadline, once.dateline, once.byline, once.body)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headlines(), paragraphs(), st.sampled_from(["\n", "\n\n"]))
def test_clean_input_comes_back_whole(headline: str, body: list[str], sep: str) -> None:
    article = cleaner.clean(sep.join([headline, *body]))
    assert article.headline == headline
    assert list(article.body) == body
    assert article.removed == ()


def test_a_title_with_its_byline_under_it_comes_back_the_same() -> None:
    """Found by the long profile: the rendering puts the byline under the headline, and the second pass
    took neither when the body held no good paragraph (the title was looked for before the byline)."""
    text = ("The the council said\nThe the the the the the the the. The the the the the the the the.\n"
            "Tom Fairley, Local Democracy Reporter")
    once = cleaner.clean(text)
    twice = cleaner.clean(once.to_text())
    assert (twice.headline, twice.byline, twice.body) == (once.headline, once.byline, once.body)
