"""HTML in: trafilatura's extraction, then the engine's rules; metadata from the page."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import trafilatura
import cleaner
from cleaner import Cleaner, clean_record, clean_records
from cleaner.cli import app
from cleaner.html import clean_html, explain_html, page_headline
from trafilatura.utils import load_html

P1 = ("The harbour closed on Monday as the storm arrived, and the ferries stayed at their moorings until the "
      "wind dropped on Tuesday evening, the port authority said in a statement to travellers.")
P2 = ("Fishermen said it was the worst storm in a decade; several boats were damaged overnight, and the "
      "repairs to the outer wall of the harbour will take most of the winter, the council expects.")
PAGE = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Storm closes the harbour | Coast Gazette</title>
<meta property="og:title" content="Storm closes the harbour">
<meta name="author" content="Maria Lind"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Storm closes the harbour</h1><p>{P1}</p><p>Share on Facebook</p><p>{P2}</p>
<p>Sign up for our newsletter</p></article>
<footer>© 2024 Coast Gazette. All rights reserved.</footer></body></html>"""


def test_a_page_gives_the_article_with_the_pages_metadata() -> None:
    article = clean_html(PAGE, url="https://gazette.example/storm")
    assert article.headline == "Storm closes the harbour"
    assert article.byline == "Maria Lind"
    assert article.body == (P1, P2)
    assert {r.text for r in article.removed} >= {"Share on Facebook"}
    assert article.extraction == "trafilatura"


def test_the_headline_is_the_h1_the_title_names_or_the_title_without_the_site() -> None:
    logo_h1 = "<html><head><title>New wall for the harbour - Daily Example</title></head><body><h1>Daily Example</h1></body></html>"
    assert page_headline(load_html(logo_h1), url="https://www.dailyexample.example/wall") == "New wall for the harbour"
    site_first = ('<html><head><meta property="og:site_name" content="The Long Name Of A Daily Example Paper">'
                  "<title>The Long Name Of A Daily Example Paper | Wall done</title></head></html>")
    assert page_headline(load_html(site_first)) == "Wall done"
    assert page_headline(load_html("<html><head><title>Site</title></head><body><h1>Only heading</h1></body></html>")) == "Site"
    assert page_headline(load_html("<html><body><h1>Only heading</h1></body></html>")) == "Only heading"


def test_bad_pages_give_an_empty_article_not_a_crash() -> None:
    for page in ("<html><head><script>var x = 1;</script></head></html>", PAGE[: len(PAGE) // 2], "", "<<<>>>", b"\xff\xfe\x00<"):
        article = clean_html(page)
        assert isinstance(article.body, tuple)
    wrong_charset = PAGE.replace("Lind", "Lindé").encode("latin-1")  # declared utf-8, is latin-1
    assert clean_html(wrong_charset).body == (P1, P2)


# Invented Chinese paragraphs, none ending in a full stop.
ZH = ["市议会周二投票通过了延长电车线路的计划，新线路将连接火车站和大学城", "施工预计明年春天开始并持续两年时间，期间部分道路将临时封闭",
      "市长表示这条线路将减少市中心的交通拥堵并为居民提供更方便的出行方式", "反对者认为项目成本过高，而且施工期间商店的生意会受到影响"]


def test_paragraphs_the_extractor_gives_are_never_joined() -> None:
    """Two Chinese paragraphs were glued as if a scraper had cut one sentence between them."""
    page = ("<html><head><title>电车线路延长</title></head><body><article><h1>电车线路延长</h1>"
            + "".join(f"<p>{p}</p>" for p in ZH) + "</article></body></html>")
    assert clean_html(page).body == tuple(ZH)


def test_a_page_over_the_extraction_time_limit_is_an_error_and_the_batch_goes_on(monkeypatch, tmp_path: Path) -> None:
    """A big table (trafilatura) or many attributes on one element (libxml2) cost time past linear, and
    nothing bounded it."""
    import cleaner.html

    monkeypatch.setattr(cleaner.html, "EXTRACTION_TIMEOUT_S", 0.05, raising=False)
    table = "".join(f"<tr><td>cell {r} a</td><td>cell {r} b</td><td>cell {r} c</td></tr>" for r in range(3000))
    slow = f"<html><body><article><h1>Results</h1><table>{table}</table></article></body></html>"
    out = clean_records([{"id": "slow", "html": slow}, {"id": "fine", "html": PAGE}])
    assert "took longer than" in out[0]["error"]
    assert "error" not in out[1] and out[1]["body"]
    source = tmp_path / "pages.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in [{"id": "slow", "html": slow}, {"id": "fine", "html": PAGE}]))
    result = CliRunner().invoke(app, ["clean", "--input-format", "jsonl", "--output-format", "jsonl", str(source)])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["fine"]
    assert "took longer than" in result.stderr and "internal error" not in result.stderr


def test_an_element_with_thousands_of_attributes_is_parsed_in_linear_time() -> None:
    """libxml2 compares each attribute with all before it, in C where no timer reaches: 24,000
    attributes on one element took seconds, 32,000 sixteen."""
    attributes = " ".join(f'data-x{i}="1"' for i in range(24_000))
    page = PAGE.replace("<article>", f'<article {attributes}>')
    clean_html(PAGE)  # trafilatura's first call pays for its set-up
    start = time.perf_counter()
    article = clean_html(page)
    assert time.perf_counter() - start < 2
    assert article.body == (P1, P2)


def test_html_records_through_the_record_function_and_the_jsonl_contract(tmp_path: Path) -> None:
    out = clean_record({"id": "p1", "html": PAGE, "url": "https://gazette.example/storm"})
    assert out["id"] == "p1" and "html" not in out and out["extraction"] == "trafilatura"
    assert out["body"] == P1 + "\n\n" + P2
    result = CliRunner().invoke(app, ["clean", "--input-format", "jsonl", "--output-format", "jsonl", "-"],
                                input=json.dumps({"id": 7, "html": PAGE}) + "\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["headline"] == "Storm closes the harbour"


def test_an_html_file_is_recognized_by_its_extension_and_by_its_start(tmp_path: Path) -> None:
    page = tmp_path / "storm.html"
    page.write_text(PAGE)
    for args, stdin in ((["clean", str(page)], None), (["clean", "-"], PAGE)):
        result = CliRunner().invoke(app, args, input=stdin)
        assert result.exit_code == 0, result.stderr
        assert result.stdout.startswith("Storm closes the harbour\n")
        assert "Share on Facebook" not in result.stdout and P2 in result.stdout


def test_explain_a_page_agrees_with_clean_and_summarizes_trafilatura(tmp_path: Path) -> None:
    page = explain_html(PAGE, url="https://gazette.example/storm")
    assert tuple(r.text for r in page.reports if r.verdict == "body") == clean_html(PAGE).body == (P1, P2)
    assert {r.text: r.verdict for r in page.reports}["Share on Facebook"] == "share"
    assert page.summary().startswith("page: trafilatura kept ")
    assert {r.text: r.verdict for r in page.reports}["Home News"] == "extraction"  # the menu trafilatura dropped
    assert page.extraction is not None and page.extraction.byline == "Maria Lind" and not page.extraction.fallback
    path = tmp_path / "storm.html"
    path.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 0 and result.output.startswith("page: trafilatura kept ")
    assert "headline (page metadata): Storm closes the harbour" in result.output
    sniffed = CliRunner().invoke(app, ["explain", "--format", "json", "-"], input=PAGE)  # no suffix: by content
    data = json.loads(sniffed.output)
    assert data["extraction"] == "trafilatura" and [r["text"] for r in data["lines"] if r["verdict"] == "body"] == [P1, P2]


@pytest.mark.parametrize("name", ["page.txt", "page"])
def test_clean_and_explain_read_a_page_without_an_html_suffix_alike(tmp_path: Path, name: str) -> None:
    """Issue 14: a page saved as page.txt was cleaned as text (its markup in the body) but explained as a page;
    both now read it by the one rule, `record.kind_of`, and keep the same body."""
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    cleaned = CliRunner().invoke(app, ["clean", "--output-format", "json", str(path)])
    explained = CliRunner().invoke(app, ["explain", "--format", "json", str(path)])
    assert cleaned.exit_code == 0 and explained.exit_code == 0, cleaned.output + explained.output
    kept = [r["text"] for r in json.loads(explained.output)["lines"] if r["verdict"] == "body"]
    assert json.loads(cleaned.output)["body"].split("\n\n") == kept == [P1, P2]


def test_explain_a_page_with_nothing_to_extract_says_so() -> None:
    nothing = explain_html("<html><head><script>var x = 1;</script></head></html>")
    assert nothing.extraction is not None and nothing.extraction.fallback
    assert nothing.summary().startswith("page: trafilatura kept next to nothing")
    assert all(r.verdict == "blank" for r in nothing.reports)
    assert explain_html("").summary() == "page: not parseable as HTML; nothing to keep"


DE1 = ("Die Stadtwerke haben am Montag den neuen Wasserspeicher auf dem Hügel über der Altstadt in Betrieb genommen, "
       "nachdem die Bauarbeiten fast zwei Jahre gedauert hatten und die Kosten deutlich gestiegen waren.")
DE2 = ("Der Speicher fasst zehn Millionen Liter und soll die Versorgung der neuen Wohngebiete im Norden sichern, "
       "sagte die Werkleiterin bei der Eröffnung vor Anwohnern und Gästen aus dem Gemeinderat.")


def test_a_german_release_loses_its_contact_box_update_stamp_pitch_and_teasers() -> None:
    """What trafilatura lets through under a German release: the contact box (a header, then names and
    numbers), the page's update stamp, an appeal for money and a teaser list under its header."""
    page = f"""<html><head><title>Neuer Wasserspeicher</title></head><body><article>
<h1>Neuer Wasserspeicher</h1><p>{DE1}</p>
<p>Diese Artikel könnten dich ebenfalls interessieren:</p>
<p>Neue Radwege am Fluss</p><p>Der Markt zieht um</p>
<p>{DE2}</p>
<p>Gefällt dir unser Stadtmagazin? Wir verzichten auf eine Bezahlschranke, und dabei bleibt es auch.</p>
<p>Aktualisiert am 14.03.2024.</p>
<p>Pressekontakt</p><p>Erika Beispiel</p><p>Stadtwerke Musterstadt</p><p>Telefon 01234 56789</p>
</article></body></html>"""
    article = clean_html(page, url="https://stadtwerke.example/speicher")
    assert article.body == (DE1, DE2)
    rules = {r.text: r.rule for r in article.removed}
    assert rules["Pressekontakt"] == rules["Stadtwerke Musterstadt"] == "de-footer-contact-block"
    assert rules["Aktualisiert am 14.03.2024."] == "de-other-updated-stamp"
    assert rules["Der Markt zieht um"] == "de-related-header"


def test_a_polish_analysis_keeps_the_text_under_its_commentary_heading() -> None:
    """"Komentarz" alone heads an analysis's commentary, not a comment section: what follows stays."""
    p1 = ("Rząd ogłosił w poniedziałek nowy program budowy mieszkań, który ma objąć kilkanaście miast "
          "średniej wielkości i ruszyć jeszcze przed końcem tego roku, jak zapowiedział minister.")
    p2 = ("Program może poprawić sytuację młodych rodzin, ale jego powodzenie zależy od tempa wydawania "
          "pozwoleń na budowę oraz od kosztów materiałów, które w ostatnich latach mocno wzrosły.")
    page = f"<html><body><article><h1>Nowy program</h1><p>{p1}</p><h2>Komentarz</h2><p>{p2}</p></article></body></html>"
    article = clean_html(page, url="https://analizy.example/program")
    assert p2 in article.body


def test_figure_labels_site_pointers_and_comment_prompts_go_from_a_german_page() -> None:
    """Numbered figure captions, "Weitere Infos unter www...", a table of contents header, a prompt to
    comment and a named copyright line: furniture trafilatura keeps inside the article's element."""
    page = f"""<html><body><article><h1>Neuer Wasserspeicher</h1>
<p>Inhaltsverzeichnis</p><p>{DE1}</p><p>Abbildung 2: Querschnitt des Speichers</p><p>{DE2}</p>
<p>Weitere Infos unter www.stadtwerke-beispiel.de.</p>
<p>Verraten Sie gerne in den Kommentaren: Wie gefällt Ihnen der Bau?</p><p>Copyright: Erika Beispiel</p>
</article></body></html>"""
    article = clean_html(page, url="https://stadtwerke.example/speicher")
    assert article.body == (DE1, DE2)
    assert {r.rule for r in article.removed} >= {"de-nav-contents", "de-caption-figure", "de-other-more-info-at",
                                                  "de-comments-prompt-below", "shared-copyright"}


def test_phone_lines_and_bar_credited_captions_go_from_a_german_page() -> None:
    page = f"""<html><body><article><h1>Neuer Wasserspeicher</h1><p>{DE1}</p>
<p>Der neue Speicher am Hang | © Beispielverlag</p><p>{DE2}</p><p>Telefon: +49 (0)30 123 45 67</p>
</article></body></html>"""
    article = clean_html(page, url="https://stadtwerke.example/speicher")
    assert article.body == (DE1, DE2)
    assert {r.rule for r in article.removed} == {"shared-caption-pipe-copyright", "de-footer-phone-line"}


def test_the_printed_heading_beats_the_social_title_and_labels_logos_and_copies_are_passed() -> None:
    """og:title and <title> often carry a shorter or older wording than the heading the page prints."""
    social = ('<html><head><meta property="og:title" content="Port shut by storm">'
              "<title>Port shut by storm | Coast Gazette</title></head><body>"
              '<h1 class="site-logo">Coast Gazette</h1><h1>Storm closes the harbour for two days</h1></body></html>')
    assert page_headline(load_html(social)) == "Storm closes the harbour for two days"
    label = ("<html><head><title>Storm closes the harbour - Coast Gazette</title></head><body>"
             "<h1>Original text</h1><h1>Menu</h1><h1>Menu</h1></body></html>")
    assert page_headline(load_html(label)) == "Storm closes the harbour"  # a widget's label shares no word
    named = ("<html><head><title>Wall done - Coast Gazette</title></head><body>"
             "<h1>Coast Gazette Logo</h1></body></html>")
    assert page_headline(load_html(named), url="https://www.coastgazette.example/wall") == "Wall done"


def test_the_author_comes_from_the_pages_byline_element_and_the_date_from_its_text() -> None:
    """No meta tag names the author or dates the page: its byline element and its text do."""
    page = f"""<html><head><title>Storm closes the harbour</title></head><body><article>
<h1>Storm closes the harbour</h1><div class="byline">By <a rel="author" href="/staff/maria">Maria Lind</a></div>
<p>Published on 4 March 2025</p><p>{P1}</p><p>{P2}</p></article></body></html>"""
    article = clean_html(page, url="https://gazette.example/storm")
    assert article.byline is not None and "Maria Lind" in article.byline
    assert article.date == "2025-03-04"


def test_a_byline_line_in_the_extracted_text_feeds_the_byline_as_in_text_mode() -> None:
    """"By <name>, <role>" (en) and "Von <name>" (de) under the heading are the byline, not body."""
    for line, p1, p2 in (("By Tom Ellery, Transport Correspondent", P1, P2), ("Von Erika Berger", DE1, DE2)):
        page = (f"<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1>"
                f"<p>{line}</p><p>{p1}</p><p>{p2}</p></article></body></html>")
        article = clean_html(page, url="https://gazette.example/harbour")
        assert article.byline == line and article.body == (p1, p2)
        assert Cleaner().clean(f"Harbour\n\n{line}\n\n{p1}\n\n{p2}\n").byline == line  # the same line in text mode
        explained = {r.text: r.verdict for r in explain_html(page, url="https://gazette.example/harbour").reports}
        assert explained[line] == "byline"


def test_the_fallback_keeps_the_pages_date_and_byline_and_drops_a_stale_subheadline(monkeypatch: Any) -> None:
    """When trafilatura misses the article, the text engine reads the whole page; the page's meta tags
    still date it and name its author, and a subtitle split off a line that is not the headline goes."""
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    page = f"""<html><head><title>Storm closes the harbour - Coast Gazette</title>
<meta name="author" content="Maria Lind"><meta property="article:published_time" content="2025-03-04T09:00:00Z">
</head><body><div>Harbour works to resume in spring The council has approved the repair plan</div>
<div>{P1}</div><div>{P2}</div></body></html>"""
    article = clean_html(page, url="https://gazette.example/storm")
    assert article.extraction == "fallback"
    assert article.headline == "Storm closes the harbour"
    assert (article.date, article.byline, article.subheadline) == ("2025-03-04", "Maria Lind", None)


def test_what_the_extraction_left_out_is_reported_line_by_line_in_clean_and_explain(tmp_path: Path) -> None:
    """Every removed line is reported in HTML mode too: the menu and footer trafilatura left out come
    back as `extraction` removals, numbered in the page's visible text, and `explain` lists the same."""
    article = clean_html(PAGE, url="https://gazette.example/storm")
    left_out = [(r.line, r.text) for r in article.removed if r.category.value == "extraction"]
    assert left_out == [(1, "Home News"), (7, "© 2024 Coast Gazette. All rights reserved.")]
    assert {r.rule for r in article.removed if r.text == "Share on Facebook"} != {"trafilatura"}  # the engine's, as before
    assert not any(P1 in text or P2 in text for _, text in left_out)  # the headline and the kept text are not among them
    path = tmp_path / "storm.html"
    path.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(path)])
    assert result.exit_code == 0
    assert [line.split()[1:3] for line in result.output.splitlines() if "Home News" in line or "© 2024" in line] == \
        [["extraction", "trafilatura"]] * 2
    record = clean_record({"id": "p1", "html": PAGE})
    assert [r["category"] for r in record["removed"]].count("extraction") == 2


def test_the_byline_is_the_pages_printed_line_for_the_author_its_metadata_names() -> None:
    """trafilatura's author drops the periods of initials ("T J Roe"); the page prints "By T.J. Roe, ...":
    that line, verbatim, is the byline (as text mode gives it), and it is not reported as left out."""
    page = f"""<html><head><title>Storm closes the harbour</title><meta name="author" content="T.J. Roe"></head>
<body><article><h1>Storm closes the harbour</h1><div class="byline">By T.J. Roe, Transport Correspondent | March 4, 2025</div>
<p>{P1}</p><p>{P2}</p></article><p>Photo gallery: T.J. Roe in the harbour office, where the pilots waited out the storm for two days and nights</p></body></html>"""
    article = clean_html(page, url="https://gazette.example/storm")
    assert article.byline == "By T.J. Roe, Transport Correspondent | March 4, 2025"
    assert article.byline not in {r.text for r in article.removed} and article.body == (P1, P2)


def test_an_undated_markup_is_dated_by_the_date_line_under_the_heading_not_by_a_teaser() -> None:
    """No meta tag or <time> dates the page: the date printed under its heading does, where htmldate's
    search of the text would take the oldest date it meets, a teaser's in the sidebar."""
    page = f"""<html><head><title>Storm closes the harbour</title></head><body>
<aside><ul><li>Ferry timetable changes — 12 January 2024</li><li>Pier repairs begin — 3 June 2023</li></ul></aside>
<article><h1>Storm closes the harbour</h1><p>4 March 2025</p><p>{P1}</p><p>{P2}</p></article></body></html>"""
    assert clean_html(page, url="https://gazette.example/storm").date == "2025-03-04"


def test_a_copyright_year_does_not_date_a_page() -> None:
    """htmldate's search of the text reads "© 2024" as 1 January 2024: a guess, not the page's date."""
    assert clean_html(PAGE, url="https://gazette.example/storm").date is None


def test_a_page_nested_deeper_than_256_keeps_its_article() -> None:
    """libxml2 cut the tree at 256 levels: the body came back empty with exit 0."""
    import pytest

    from cleaner.html import TooDeep

    paragraph = "<p>" + "The council voted on Tuesday to extend the tram line to the northern suburbs. " * 4 + "</p>"
    page = ("<html><head><title>Tram line extended</title></head><body>" + "<div>" * 300 + "<h1>Tram line extended</h1>"
            + paragraph * 4 + "</div>" * 300 + "</body></html>")
    article = cleaner.clean_html(page)
    assert article.body and "extend the tram line" in article.body[0]
    with pytest.raises(TooDeep, match="deeper than 2,048"):
        cleaner.clean_html(page.replace("<div>" * 300, "<div>" * 2100).replace("</div>" * 300, "</div>" * 2100))


def test_the_time_limit_fires_again_when_code_inside_swallows_it() -> None:
    """The timer's exception can land in a callback whose error Python only prints (a gc callback:
    hypothesis installs one), and the extraction then ran unbounded: 341 s on a 16 MB table in CI."""
    from cleaner.html import ExtractionTimeout, _time_limit

    start = time.monotonic()
    with pytest.raises(ExtractionTimeout):
        with _time_limit(0.1):
            try:
                while time.monotonic() - start < 10:
                    pass
            except BaseException:  # what a callback's caller does with the timer's first exception
                pass
            while time.monotonic() - start < 10:
                pass
    assert time.monotonic() - start < 3
