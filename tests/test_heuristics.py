"""The named heuristics, each on a small document built for it."""

from __future__ import annotations

import unicodedata

from hypothesis import given, strategies as st

import cleaner
from cleaner.features import features
from cleaner.language import stopwords
from cleaner.lines import _CONTROL, _SPACE, _ZERO_WIDTH, normalize, split_lines

from articles import HEADLINE, P1, P2, P3, removed_by


def test_top_zone_menu_goes_and_headline_is_the_line_above_the_article() -> None:
    doc = "\n".join(["Home", "Politics", "Business", "Sport", "Council extends the tram line north", P1, P2, P3])
    article = cleaner.clean(doc)
    assert article.headline == "Council extends the tram line north"
    assert article.body == (P1, P2, P3)
    assert {"Home", "Politics", "Business", "Sport"} <= set(removed_by(article))


def test_breadcrumb_above_the_headline_is_not_the_headline() -> None:
    doc = "\n".join(["World", "Europe", "Council extends the tram line north", "", P1, "", P2])
    assert cleaner.clean(doc).headline == "Council extends the tram line north"


def test_repeated_short_lines_go() -> None:
    doc = "\n".join(["Council extends the tram line north", P1, "Weekend Edition", P2, "Weekend Edition", P3])
    assert removed_by(cleaner.clean(doc)).get("Weekend Edition") == "repeated-line"


def test_run_of_short_title_case_lines_in_the_tail_goes() -> None:
    doc = "\n".join(["Council extends the tram line north", P1, P2, P3, "Weather Warning Issued", "Local Elections Results", "Best Bakeries In Town"])
    article = cleaner.clean(doc)
    assert article.body == (P1, P2, P3)


def test_short_closing_sentence_stays() -> None:
    doc = "\n".join(["Council extends the tram line north", P1, P2, "The hearing resumes on Monday.", "Tags", "Transport"])
    article = cleaner.clean(doc)
    assert article.body[-1] == "The hearing resumes on Monday."
    assert "Transport" in removed_by(article)


def test_subheading_inside_the_article_stays() -> None:
    doc = "\n".join(["Council extends the tram line north", P1, "What happens next", P2, P3])
    assert "What happens next" in cleaner.clean(doc).body


def test_truncated_caption_under_the_headline_goes() -> None:
    caption = ("Workers inspect the rails at the northern depot in Lindholm, Germany, Friday, March 8, 2024. "
               "The new line will connect the depot with the")
    doc = "\n".join(["Council extends the tram line north", caption, P1, P2])
    article = cleaner.clean(doc)
    assert removed_by(article).get(caption) == "caption-near-headline"
    assert article.body == (P1, P2)


def test_standfirst_stays_in_the_body() -> None:
    standfirst = "Residents waited ten years for the decision."
    doc = "\n".join(["Council extends the tram line north", standfirst, P1, P2])
    assert cleaner.clean(doc).body == (standfirst, P1, P2)


def test_document_without_prose_keeps_its_text() -> None:
    doc = "Flour 200 g\nSugar 100 g\nTwo eggs"
    assert cleaner.clean(doc).body == ("Flour 200 g", "Sugar 100 g", "Two eggs")


def test_a_repeated_name_inside_a_broken_paragraph_stays() -> None:
    """Some scrapers put each link of a paragraph on its own line; a link text that also stands
    elsewhere (a tag, the byline) is not a repeated label there."""
    doc = "\n".join(["Council extends the tram line north", "Tags", "Mira Kovacs", P1,
                     "The plan was presented by councillor", "Mira Kovacs", "at the evening session, to applause.", P2])
    assert cleaner.clean(doc).body[1:4] == ("The plan was presented by councillor", "Mira Kovacs",
                                            "at the evening session, to applause.")


def test_a_paragraph_cut_at_its_links_is_kept_whole() -> None:
    """BeautifulSoup's get_text puts every text node on its own line: a sentence is cut at each link,
    and the linked words alone (a country name) look like a menu or a tag list."""
    text = (
        "Ferry service resumes after the storm\n"
        "The ferry between the two islands ran again on Tuesday, three days after the storm tore the \n"
        "harbour roof\n"
        " off and flooded the ticket hall, the operator said in a statement to passengers. Engineers from \n"
        "Norway\n"
        ", \n"
        "Sweden\n"
        " and \n"
        "Denmark\n"
        ", where the ferries were built, checked the hulls before the first crossing of the day.\n"
        "Repairs to the hall will take until spring, and tickets are sold on board until then.\n"
    )
    article = cleaner.clean(text)
    assert article.body[0] == (
        "The ferry between the two islands ran again on Tuesday, three days after the storm tore the harbour roof"
        " off and flooded the ticket hall, the operator said in a statement to passengers. Engineers from Norway,"
        " Sweden and Denmark, where the ferries were built, checked the hulls before the first crossing of the day."
    ), "the paragraph is given back whole, its pieces joined as they stood"
    assert article.removed == ()


def test_indented_layout_is_not_taken_for_cut_sentences() -> None:
    lines = split_lines("    * Home\n      sports and more\n")
    assert not any(line.glued for line in lines)
    assert [line.glued for line in split_lines("the storm tore the \nharbour roof\n off")] == [False, True, True]

    assert [line.glued for line in split_lines('he said "no." \nthen left')] == [False, False], "a quoted sentence end"


def test_a_line_of_zero_width_characters_is_blank_between_cut_pieces() -> None:
    lines = split_lines("the storm tore the \n\u200b\u200b\nharbour roof")
    assert [(line.text, line.glued) for line in lines] == [("the storm tore the", False), ("", False), ("harbour roof", False)]


def test_word_halves_brackets_and_unspaced_scripts_cut_at_a_link_are_glued() -> None:
    """A linked first half of a word ("Radon" + "-Situation"), a bracket opened before a link and
    closed after it, and Japanese or Chinese cut at a link (no spaces to tell) are one sentence."""
    def glued(text: str) -> list[bool]:
        return [line.glued for line in split_lines(text)]

    assert glued("a survey of the \nHeat\n-pump market") == [False, True, True]
    assert glued("the agency (\nFTA\n) said") == [False, True, True]
    assert glued("the agency\n (\nFTA\n) said") == [False, True, True, True]
    assert glued("新しい\n法律\nができました。\n次") == [False, True, True, False]
    assert glued("Home\n-\nNews") == [False, False, False], "a dash alone is no word half"
    assert glued("The End.\n(Photo: archive)") == [False, False], "a sentence ended before the bracket"
    paragraph = ("The council published a survey of the \nHeat\n-pump market and the results of its tender (\n"
                 "PDF\n) on Monday, together with a plan for the schools and the town hall.")
    article = cleaner.clean(f"Council publishes heat-pump survey\n{paragraph}\n")
    assert article.body == (paragraph.replace("\n", ""),)


def test_pieces_of_a_cut_sentence_are_no_repeated_lines() -> None:
    """Linked words of a short paragraph cut at its links may also stand in the menu: a piece of a
    sentence is not a whole line printed twice."""
    text = "\n".join(["Home", "Norway", "Sweden", "Ferry service resumes after the storm", P1,
                     "Talks with \nNorway", "Ended Early.", P2, P3])
    article = cleaner.clean(text)
    assert "Talks with Norway" in article.body
    assert "Norway" in removed_by(article), "the menu's own line goes"


def test_pieces_of_a_cut_sentence_are_no_menu_run() -> None:
    """Short capitalized pieces of one sentence, cut at its links, are not a run of menu items."""
    text = "\n".join(["Ferry service resumes after the storm", P1, P2,
                     "Crews From \nNorway\n and \nDenmark", "Harbour Works Continue", "Home", P3])
    article = cleaner.clean(text)
    assert "Crews From Norway and Denmark" in article.body


def test_a_short_opening_paragraph_above_the_first_long_one_stays() -> None:
    text = (
        "Menu\n"
        "The bridge is open again!\n"
        "Engineers checked every cable of the old suspension bridge over the weekend and found no damage from the storm.\n"
    )
    article = cleaner.clean(text)
    assert article.body[0] == "The bridge is open again!"
    assert [r.text for r in article.removed] == ["Menu"]


def test_a_page_on_one_line_loses_its_glued_menu_and_share_bar_only() -> None:
    prose = " ".join(
        f"The council met for the {n}th time on Monday to discuss the new bridge, whose cost rose again." for n in range(30)
    )
    line = f"Home | News | Sport | Weather  {prose}  Share on Facebook | Share on X | Email"
    article = cleaner.clean(line)
    assert article.body == (prose,)
    assert prose in line
    assert {r.text for r in article.removed} >= {"Share on Facebook", "Share on X", "Email"}


def test_a_short_list_between_two_paragraphs_is_the_articles_own() -> None:
    text = (
        "The hotel by the lake reopened this spring after two years of careful work on its old rooms and gardens.\n"
        "Sauna By The Water\n"
        "Bicycle Rental\n"
        "Rowing Boats\n"
        "Guests who stayed in the first weeks praised the quiet, the food and the view across the water to the hills.\n"
    )
    article = cleaner.clean(text)
    assert "Bicycle Rental" in article.body and article.removed == ()


def test_a_table_of_labelled_figures_in_the_article_is_no_menu_in_every_language() -> None:
    """Short "label: figure" lines (a cost example, specs, scores) read like a title-case menu run;
    that most of the run carries a figured value makes it the article's table of facts."""
    tables = {
        "en": ["Cost Example", "Term: 60 months", "Interest Rate: 3.9 %", "Monthly Payment: 293 €", "The example assumes a new car."],
        "de": ["Kostenbeispiel", "Laufzeit: 5 Jahre", "Effektiver Jahreszins: 3,9 Prozent", "Monatliche Rate: 293 Euro",
               "Das Beispiel gilt für einen Neuwagen."],
        "fr": ["Exemple chiffré", "Durée: 60 mois", "Taux: 3,9 %", "Mensualité: 293 €", "L'exemple vaut pour une voiture neuve."],
    }
    for language, table in tables.items():
        article = cleaner.clean("\n".join([HEADLINE, P1, P2, *table, P3]))
        assert article.removed == (), language
        assert article.body == (P1, P2, *table, P3), language


def test_str_split_whitespace_is_the_normalizer_s_whitespace() -> None:
    """`normalize` splits on str.split's whitespace when a line has no zero-width character: that is
    only right while the two agree on every code point."""
    for cp in range(0x110000):
        c = chr(cp)
        if not 0xD800 <= cp <= 0xDFFF and not _CONTROL.fullmatch(c):
            assert bool(_SPACE.fullmatch(c)) == (c.isspace() or c in _ZERO_WIDTH), hex(cp)


def test_the_nfkc_form_of_a_printable_character_is_printable() -> None:
    """`normalize` skips the zero-width and whitespace handling for printable text after NFKC: only
    right while NFKC (and NFKD, which it composes from) keep every printable character printable."""
    for cp in range(0x110000):
        c = chr(cp)
        if c.isprintable():
            assert unicodedata.normalize("NFKC", c).isprintable(), hex(cp)
            assert unicodedata.normalize("NFKD", c).isprintable(), hex(cp)


def _normalized_by_the_definition(text: str) -> str:
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", _CONTROL.sub("", text))).strip(" ").casefold()


@given(st.text(alphabet="aB .,") | st.text(alphabet="aB .,\t\n\x07\x1f\x7f\u00a0\u00a8\u200bß\u3000é") | st.text())
def test_normalize_takes_shortcuts_that_give_the_defined_form(text: str) -> None:
    """The fast paths (printable ASCII without double spaces, no control search on printable
    text) give what the definition gives: NFKC, no controls, whitespace runs as one space, casefolded."""
    assert normalize(text) == _normalized_by_the_definition(text)


def test_normalized_forms() -> None:
    assert normalize("Notify\u00a0 of\u2003NEW\tfollow-up  comments") == "notify of new follow-up comments"
    assert normalize("\u200bShare\u200b this\x07 \ufb01le ") == "share this file"
    assert normalize("ＦＵＬＬ　ＷＩＤＴＨ Straße") == "full width strasse"


def test_a_teaser_followed_by_its_read_more_link_goes_in_extracted_text() -> None:
    """Under an extracted article, a paragraph with a bare "Read more" link after it is a teaser for
    another page; the article's own paragraphs, followed by prose, stay."""
    teaser = ("Our guide to the new ferry timetable explains which crossings run in winter and how to "
              "book a place for your car before the busy holiday weekend.")
    text = "\n".join([P1, P2, teaser, "Read more", P3])
    article = cleaner.Cleaner().for_extracted_text().clean(text)
    assert article.body == (P1, P2, P3)
    assert removed_by(article)[teaser] == "teaser-before-more-link"


def test_a_users_rule_tagged_more_link_marks_teasers_whatever_its_id() -> None:
    """The heuristic reads the rule's `more-link` tag, not an id convention: a user's rule for its own
    site's link wording, named as the user likes, works as the packs' rules do."""
    from cleaner.rules import parse_rules

    rule = parse_rules('[[rule]]\nid="mysite-onward"\ncategory="navigation"\nlanguages=["*"]\naction="drop"\n'
                       'patterns=["^onward to the full story$"]\ntags=["more-link"]\nmatch=["Onward to the full story"]\n'
                       'keep=["We went onward to the coast."]\n', "user.toml")
    teaser = ("Our guide to the new ferry timetable explains which crossings run in winter and how to "
              "book a place for your car before the busy holiday weekend.")
    article = cleaner.Cleaner(rule).for_extracted_text().clean("\n".join([P1, P2, teaser, "Onward to the full story", P3]))
    assert article.body == (P1, P2, P3)
    assert removed_by(article)[teaser] == "teaser-before-more-link"


def test_stamps_and_pointers_under_an_extracted_english_article_go() -> None:
    """Page stamps and bare domain credits that trafilatura keeps under the text are named by rules."""
    lines = [P1, P2, "News date : 03/14/2024 Category : Council News", "EXAMPLECOUNCILNEWS.COM",
             "tram.html - Created 03-14-2024 9:05am - Last Modified: 03-15-2024 10:40am"]
    article = cleaner.Cleaner().for_extracted_text().clean("\n".join(lines))
    assert article.body == (P1, P2)
    assert set(removed_by(article).values()) == {"en-other-date-category-stamp", "shared-url-line", "en-other-updated-stamp"}
def test_numbered_list_article_is_one_article_however_far_apart_its_items() -> None:
    """Each item of a list article has a little prose under a numbered heading, parted from the next
    by picture credits and links: the items are one article, the last one included."""
    def item(n: int, name: str) -> list[str]:
        return [f"{n}. {name}", f"{name}: the panel liked that it keeps the old recipes while the staff try new ones.",
                "Photo Credit", "Reader Gallery", "Visit Website", "Opening Hours", "Book A Table"]
    main = [P1, P2, P3, "Photo Credit", "Reader Gallery", "Visit Website", "Opening Hours", "Book A Table"]
    items = [line for n, name in enumerate(["Riverside Kitchen", "Old Mill Tavern", "Harbour Grill", "Blue Door Diner"], 1)
             for line in item(n, name)]
    doc = "\n".join(["The best places to eat in town", *main, *items, "Weather Warning Issued", "Local Elections Results"])
    body = cleaner.clean(doc).body
    assert any(p.startswith("Blue Door Diner: the panel") for p in body)
    assert any(p.startswith("Riverside Kitchen: the panel") for p in body)
    assert "Local Elections Results" not in body


def test_a_sentence_ending_in_a_colon_after_the_article_stays() -> None:
    """The article may end on a sentence that introduces what follows ("The full report is here:");
    the link after it and the page furniture below still go."""
    doc = "\n".join(["Council extends the tram line north", P1, P2, P3,
                     "The full report of the committee can be read here:", "Report On The Northern Line",
                     "Weather Warning Issued", "Local Elections Results", "Best Bakeries In Town"])
    article = cleaner.clean(doc)
    assert article.body == (P1, P2, P3, "The full report of the committee can be read here:")


def test_a_widget_block_stops_at_a_sentence_cut_at_a_link() -> None:
    """A tag header takes the short tag names below it, not the article's next sentence, even when
    a link cut it and it starts in lower case."""
    doc = "\n".join(["Council extends the tram line north", P1, "Tags:", "Transport", "City Council",
                     "Ferries Old Town",
                     "and the new line should open before the next election.",
                     P2, P3])
    article = cleaner.clean(doc)
    assert "and the new line should open before the next election." in article.body
    assert {"Transport", "City Council"} <= set(removed_by(article))


def test_a_hard_wrapped_paragraph_is_judged_whole() -> None:
    """Fixed-width text (a `<pre>` block, a mailing-list post) breaks a paragraph into short lines, each
    starting in lower case under one that does not end a sentence: together they are prose."""
    wrapped = ["The ferry company said on Tuesday that the crossing to the",
               "islands will run again from next week, after engineers",
               "repaired the ramp that the storm had damaged in the night.",
               "Tickets bought for the cancelled trips remain valid until",
               "the end of the season, and they can be used on any ferry."]
    doc = "\n".join(["Home", "Timetables", "Ferry Crossing Resumes", "", *wrapped, "", "Contact Us", "Imprint"])
    article = cleaner.clean(doc)
    assert article.headline == "Ferry Crossing Resumes"
    assert article.body == tuple(wrapped)
    assert {"Home", "Timetables", "Contact Us", "Imprint"} <= set(removed_by(article))
    menu = ["Related", "o Heating The House In The Winter", "o Saving Water In The Kitchen", "o Cleaning The Roof In Spring"]
    assert cleaner.clean("\n".join([*menu, P1, P2])).body == (P1, P2), "an item's bullet is no lower-case word"


def test_a_sentence_ending_in_a_smiley_ends_like_a_sentence() -> None:
    """Blogs end sentences with a smiley instead of a full stop: the article's last line stays."""
    doc = "\n".join(["Council extends the tram line north", P1, P2, P3,
                     "I will be the first on the new tram 😉", "Weather Warning Issued", "Local Elections Results"])
    article = cleaner.clean(doc)
    assert article.body[-1] == "I will be the first on the new tram 😉"
    stop = stopwords("en")
    assert features(split_lines("See you there :)")[0], stop).ends_sentence
    assert not features(split_lines("Follow us 👉")[0], stop).ends_sentence


def test_a_sentence_cut_at_its_links_after_the_article_stays_whole() -> None:
    """The article's last sentence, cut at a link into pieces that alone read as fragments, is judged
    as the sentence it is: it stays, and the furniture after it goes."""
    doc = "\n".join(["Council extends the tram line north", P1, P2, P3,
                     "Listen to the ", "interview", " on our podcast, it lasts twenty minutes.",
                     "Weather Warning Issued", "Local Elections Results"])
    article = cleaner.clean(doc)
    assert article.body[-1] == "Listen to the interview on our podcast, it lasts twenty minutes."
    assert "Weather Warning Issued" in removed_by(article)


def test_a_quote_opening_with_a_dash_does_not_end_the_article() -> None:
    # Nordic news style opens a quote with a dash; the article went on past it and lost two paragraphs.
    quote = "– Vi vill att fler ska kunna cykla tryggt till skolan och jobbet, säger kommunalrådet Anna Berg."
    after = ["Boende längs ån har länge efterfrågat en säkrare väg till centrum.",
             "Bygget börjar i april och ska vara klart till hösten."]
    doc = "\n".join([
        "Kommunen bygger ny cykelbana längs ån",
        "Kommunen har beslutat att bygga en ny cykelbana längs ån under våren, och arbetet börjar redan i april enligt planen som klubbades i går.",
        "Den nya banan blir tre kilometer lång och ska vara klar till hösten, om vädret tillåter och inga överklaganden kommer in till länsstyrelsen.",
        quote, *after,
    ])
    body = cleaner.clean(doc).body
    assert quote in body
    assert all(p in body for p in after)


def test_lines_under_a_later_widget_header_take_its_category_not_the_cut_tails() -> None:
    doc = "\n".join(["Council approves new cycle path", P1, P2, P3, "Subscribe to continue reading", "Related articles",
                     "Bus fares to rise in the new year", "Bridge closed for repairs until March"])
    removed = {r.text: (r.category.value, r.rule) for r in cleaner.clean(doc).removed}
    assert removed["Subscribe to continue reading"][0] == "paywall"
    assert removed["Bus fares to rise in the new year"] == ("related", "en-related-end")
    assert removed["Bridge closed for repairs until March"] == ("related", "en-related-end")


COMMENT_THREADS = {
    "en": ["Jane Roe says:", "May 4, 2024 at 9:14 pm",
           "I have taken that tram every day for years and the new timetable has made my mornings much worse than before, honestly.",
           "Reply", "Sam Lee says:", "May 5, 2024 at 7:02 am",
           "The council should have asked the people who actually use the line before changing anything about it at all."],
    "de": ["Kritische Leserin sagt:", "4. Mai 2024 um 21:14 Uhr",
           "Ich fahre seit Jahren jeden Tag mit dieser Bahn, und der neue Fahrplan hat meine Morgen deutlich schlechter gemacht als vorher.",
           "Antworten", "Peter Muster sagt:", "5. Mai 2024 um 7:02 Uhr",
           "Der Rat hätte die Leute fragen sollen, die die Linie wirklich nutzen, bevor er irgendetwas daran geändert hat."],
    "es": ["Lectora Crítica", "4 de mayo de 2024 21:14",
           "Llevo años tomando ese tranvía todos los días y el nuevo horario ha empeorado mucho mis mañanas, la verdad sea dicha.",
           "Responder", "Pedro Ejemplo", "5 de mayo de 2024 07:02",
           "El ayuntamiento debería haber preguntado a quienes de verdad usan la línea antes de cambiar nada en ella."],
}


def _thread_goes(threads: dict[str, list[str]]) -> None:
    """Each language's thread under a five-paragraph article goes as `comment-thread`, the article stays."""
    paragraphs = (P1, P2, P3, P1.replace("Tuesday", "Friday"), P2.replace("spring", "summer"))
    for language, thread in threads.items():
        article = cleaner.clean("\n".join(["Council extends the tram line north", *paragraphs, *thread]))
        assert article.body == paragraphs, language
        removed = {r.text: r.rule for r in article.removed}
        assert removed[thread[0]] == removed[thread[2]] == removed[thread[-1]] == "comment-thread", language


def test_a_comment_thread_goes_from_its_first_stamp_in_every_language() -> None:
    _thread_goes(COMMENT_THREADS)


# Stamps whose day and month print a space after their full stops ("14. 01. 2020, 20:29"), as some
# comment widgets print them: a name line over each.
SPACED_STAMP_THREADS = {
    "de": ["Kritische Leserin", "14. 01. 2024, 21:14",
           "Ich fahre seit Jahren jeden Tag mit dieser Bahn, und der neue Fahrplan hat meine Morgen deutlich schlechter gemacht als vorher.",
           "Peter Muster", "15. 01. 2024, 07:02",
           "Der Rat hätte die Leute fragen sollen, die die Linie wirklich nutzen, bevor er irgendetwas daran geändert hat."],
    "pl": ["Krytyczna Czytelniczka", "14. 01. 2024, 21:14",
           "Jeżdżę tym tramwajem codziennie od lat i nowy rozkład jazdy bardzo pogorszył moje poranki, szczerze mówiąc.",
           "Piotr Przykład", "15. 01. 2024, 07:02",
           "Rada powinna była zapytać ludzi, którzy naprawdę korzystają z tej linii, zanim cokolwiek w niej zmieniła."],
    "cs": ["Kritická čtenářka", "14. 1. 2024, 21:14",
           "Jezdím touto tramvají každý den už léta a nový jízdní řád mi rána opravdu hodně zhoršil, upřímně řečeno.",
           "Petr Příklad", "15. 1. 2024, 07:02",
           "Rada se měla zeptat lidí, kteří linku opravdu používají, než na ní cokoli změnila."],
}


def test_a_comment_thread_whose_stamps_print_spaced_dates_goes() -> None:
    _thread_goes(SPACED_STAMP_THREADS)


def test_a_last_comment_longer_than_the_article_goes_with_its_thread() -> None:
    # One good line under the last stamp is the last comment, however long: the article does not end so.
    paragraphs = (P1, P2, P3, P1.replace("Tuesday", "Friday"), P2.replace("spring", "summer"))
    for language, thread in COMMENT_THREADS.items():
        last = " ".join([thread[-1]] * 8)
        article = cleaner.clean("\n".join(["Council extends the tram line north", *paragraphs, *thread[:-1], last]))
        assert article.body == paragraphs, language
        assert {r.rule for r in article.removed if r.text in (thread[2], last)} == {"comment-thread"}, language


def test_a_long_thread_under_an_article_that_is_mostly_a_list_goes() -> None:
    # Eight stamps with a comment between each: comments, though their prose outweighs the article's tenfold.
    paragraphs = (P1, P2)
    # The thread in the article's language: German or Spanish comments that outweigh an English article make
    # the page a German or Spanish one.
    items = [f"{n}. Stop number {n} on the new line" for n in range(1, 13)]
    for language, thread in {"en": COMMENT_THREADS["en"]}.items():
        name, stamp, body = thread[4:7]
        comments = []
        for n in range(8):
            comments += [f"{name} {n}", stamp.replace(":02", f":{10 + n}"), f"{n + 1}) " + " ".join([body] * 5)]
        article = cleaner.clean("\n".join(["Council extends the tram line north", *paragraphs, *items, *comments]))
        assert article.body[:len(paragraphs)] == paragraphs, language
        assert {r.rule for r in article.removed if r.text in comments[2::3]} == {"comment-thread"}, language


def test_dated_product_boxes_inside_an_article_are_no_comment_thread() -> None:
    # Prices stamped with a date and time between paragraphs: each stamp holds a sentence, and the
    # article goes on under them.
    boxes = [P1, "Price may have risen. Price of 2 May 2024, 9:14", P2, "Price may have risen. Price of 2 May 2024, 8:40", P3]
    article = cleaner.clean("\n".join(["Council extends the tram line north", P1, P2, *boxes, P1.replace("Tuesday", "Friday")]))
    assert P1.replace("Tuesday", "Friday") in article.body
    assert "comment-thread" not in {r.rule for r in article.removed}


def test_a_line_of_archive_months_or_categories_with_counts_goes() -> None:
    lines = ["Archiv Monat auswählen Januar 2024 (4) Dezember 2023 (3) November 2023 (5) Oktober 2023 (2)",
             "Categories Travel (48) Photography (615) Recipes (12) Garden (30) Books (7)",
             "Categorías Viajes (48) Fotografía (615) Recetas (12) Jardín (30)"]
    ages = "The mayor (54), her deputy (47), the treasurer (61) and the clerk (39) all voted for the plan on Tuesday."
    article = cleaner.clean("\n".join(["Council extends the tram line north", P1, P2, ages, P3, *lines]))
    removed = removed_by(article)
    assert all(removed.get(line) == "counted-list" for line in lines)
    assert ages in article.body


def test_a_repeated_menu_word_goes_at_its_first_print_too() -> None:
    # The section word over the article and again in the menu below, in three languages and scripts.
    for word in ("Wirtschaft", "Économie", "経済"):
        doc = "\n".join([word, "Council extends the tram line north", P1, P2, P3, "Home", word, "Sport"])
        article = cleaner.clean(doc)
        assert article.body == (P1, P2, P3), word
        assert [r.rule for r in article.removed if r.text == word] == ["repeated-line", "repeated-line"], word


def test_a_repeated_subheading_of_several_words_keeps_its_first_print() -> None:
    doc = "\n".join(["Council extends the tram line north", P1, "What the plan costs", P2, P3, "What the plan costs"])
    assert "What the plan costs" in cleaner.clean(doc).body


CJK_ARTICLES = {
    "ja": ["ホーム", "ニュース", "経済", "市が路面電車の北部延伸を決定",
           "市議会は火曜日、路面電車を北部の郊外まで延伸する計画を賛成多数で可決した。住民が十年以上求めてきた事業となる。",
           "工事は来年春に始まり、最初の電車は二〇二七年に走る見通しだと交通局は説明している。時刻表は秋に公表される予定だという。",
           "野党議員は予算の見通しが楽観的すぎると批判したが、議論は午後いっぱい続いた末に、計画は十分な賛成を得て決着した。"],
    "zh": ["首页", "新闻", "财经", "市议会决定延长北部有轨电车线路",
           "市议会周二投票通过了将有轨电车线路延伸至北部郊区的计划，居民们为此呼吁了十多年，如今终于等到了结果。",
           "交通部门表示，工程预计明年春天开工，首批电车将于二〇二七年投入运营，时间表将在秋季公布。",
           "反对派议员认为预算过于乐观，但经过一个下午的激烈辩论，动议最终以明显多数获得通过，工程将按计划推进。"],
}


def test_chinese_and_japanese_paragraphs_are_prose_by_their_length_in_characters() -> None:
    # A CJK paragraph of 50-60 characters says what a Latin-script one says in 150-180: it is good
    # prose, and the full-width full stop ends its sentences.
    for language, lines in CJK_ARTICLES.items():
        article = cleaner.clean("\n\n".join(lines))
        assert article.body == tuple(lines[4:]), language
        assert {"ホーム", "首页"} & {r.text for r in article.removed}, language


def test_summaries_cut_with_an_ellipsis_close_together_are_a_teaser_list() -> None:
    teasers = {
        "en": ["Bridge repairs to close two lanes on the ring road through the whole of Aug...",
               "New bike lanes planned for Harbor Street after residents asked for safer crossi…"],
        "de": ["Brückensanierung: Zwei Spuren auf dem Ring bleiben bis Ende August gesperrt, we...",
               "Neue Radwege für die Hafenstraße, nachdem Anwohner sicherere Übergänge gefordert…"],
        "es": ["Las obras del puente cerrarán dos carriles de la circunvalación durante todo ago...",
               "Nuevos carriles bici para la calle del Puerto tras las peticiones de los vecinos d…"],
    }
    for language, lines in teasers.items():
        article = cleaner.clean("\n".join(["Council extends the tram line north", P1, P2, P3, "", *lines]))
        assert article.body == (P1, P2, P3), language
        assert {r.rule for r in article.removed if r.text in lines} == {"truncated-teasers"}, language


def test_a_blog_paragraph_of_sentences_that_trails_off_stays() -> None:
    trailing = ("The first trams should run in 2027. Whether the timetable holds is another matter, and "
                "anyone who has waited at the old stop in winter knows what that means…")
    second = "The council did not say. Its spokesman promised details in the autumn, as always..."
    article = cleaner.clean("\n".join(["Council extends the tram line north", P1, trailing, second, P2, P3]))
    assert trailing in article.body and second in article.body


def test_a_line_up_with_ratings_in_brackets_is_no_counted_list() -> None:
    line_up = "1- Home side: 22- Jan Roe(8), 3- Sam Doe(6.5), 2- Alex Poe(7), 5- Kim Loe(6), 9- Max Moe(7)"
    article = cleaner.clean("\n".join(["Council extends the tram line north", P1, P2, line_up, P3]))
    assert "counted-list" not in {r.rule for r in article.removed}


def test_every_removal_names_a_rule_or_a_registered_heuristic() -> None:
    """`cleaner rules ID` explains whatever `Removal.rule` says: a heuristic id written at a call site but not
    registered in HEURISTICS (or a page kind) would be a removal nobody can look up."""
    from cleaner import Cleaner
    from cleaner.heuristics import HEURISTICS
    from cleaner.pagekind import kinds
    from conftest import CORPUS

    cleaner = Cleaner()
    known = {rule.id for rule in cleaner.rules.rules} | {h.id for h in HEURISTICS} | {k.id for k in kinds()}
    used = {removal.rule for raw in sorted(CORPUS.glob("*/raw.txt"))
            for removal in cleaner.clean(raw.read_text(encoding="utf-8")).removed}
    assert used - known == set()
    assert {"top-zone", "tail-zone", "repeated-line", "error-page"} <= used  # the corpus exercises the registry


def test_a_comments_stamp_under_the_article_is_not_its_date() -> None:
    """A short article printed without blank lines, then a reader's name and stamp: the stamp stands within
    DATELINE_REACH lines of the article start, but under all of its paragraphs: it is the comment's date, and
    the name over it is no byline."""
    paragraphs = [P1, P2, P3, P1.replace("Tuesday", "Friday"), P2.replace("spring", "summer")]
    comment = "I ride this tram every day and the new timetable has made my mornings a lot worse than before."
    for name, stamp in (("Kritische Leserin", "14. 01. 2024, 21:14"), ("Jane Reader", "14.01.2024, 21:14")):
        article = cleaner.clean("\n".join(["Council extends the tram line north", *paragraphs, name, stamp, comment]))
        assert (article.dateline, article.date, article.byline) == (None, None, None), stamp


def test_the_first_sentence_cut_at_its_links_over_the_article_stays_in_every_language() -> None:
    """A scraper that breaks lines at links prints the article's first words as short lines over its first
    paragraph ("Yesterday, the" / "City Transport Authority" / "announced ..."): they open the article, where
    top-zone took them as furniture. The menu above the headline still goes."""
    docs = {
        "en": ["Council extends the tram line north | Lindholm Post", "", "Home", "Transport",
               "Council extends the tram line north", "March 4, 2025", "", "Yesterday, the", "City Transport Authority",
               "announced that the new tram line to the northern suburbs will open next spring, two years ahead of plan.",
               P2, P3],
        "de": ["Stadtrat verlängert die Straßenbahn | Lindholmer Zeitung", "", "Startseite", "Verkehr",
               "Stadtrat verlängert die Straßenbahn", "4. März 2025", "", "Am Dienstag hat der", "Verkehrsausschuss der Stadt",
               "beschlossen, die Straßenbahnlinie bis in die nördlichen Vororte zu verlängern, wie es die Anwohner seit Jahren fordern.",
               "Der Bau soll im nächsten Frühjahr beginnen, und die ersten Bahnen sollen nach Angaben der Verkehrsbetriebe 2027 fahren.",
               "Die Opposition hielt den Haushalt für zu optimistisch, doch der Antrag wurde nach langer Debatte klar angenommen."],
        "fr": ["Le conseil prolonge le tramway vers le nord | Le Courrier", "", "Accueil", "Transports",
               "Le conseil prolonge le tramway vers le nord", "4 mars 2025", "", "Mardi, le", "Conseil municipal de Lindholm",
               "a voté le prolongement de la ligne de tramway vers les quartiers nord, un projet que les habitants réclament depuis dix ans.",
               "Les travaux doivent commencer au printemps prochain et les premières rames circuleront en 2027, selon le service des transports.",
               "L'opposition a jugé le budget trop optimiste, mais la motion a été adoptée à une large majorité après un long débat."],
    }
    for language, doc in docs.items():
        article = cleaner.clean("\n".join(doc))
        assert article.headline == doc[4], language
        assert article.body[:2] == tuple(doc[7:9]), language
        assert doc[3] in removed_by(article), language
    # A form's label over its own short question is no sentence's head: the question ends where it stands.
    form = ["Council extends the tram line north | Lindholm Post", "", "Council extends the tram line north",
            "March 4, 2025", "", "Report this article", "What is the problem?", "it is spam or a duplicate of another page",
            P2, P3]
    assert removed_by(cleaner.clean("\n".join(form))).get("Report this article") == "top-zone"


def test_a_recipes_ingredients_are_no_menu_in_every_language() -> None:
    """Ingredient lines are short and, in German, title case: a run of them went as a menu (`short-line-run`).
    Their quantities ("125 g", "2 EL", "1 tbsp") mark them, also where a scraper prints each apart from its
    ingredient; a menu of the same shape without them still goes."""
    intro = {
        "en": ("This lemon cake is the one my grandmother baked every Sunday, and it takes less than an hour "
               "from the first egg to the last slice.", "Mix the butter and the sugar until pale, then add the "
               "eggs one by one and fold in the flour with the lemon zest."),
        "de": ("Diesen Zitronenkuchen hat meine Großmutter jeden Sonntag gebacken, und er braucht keine Stunde "
               "vom ersten Ei bis zum letzten Stück.", "Butter und Zucker schaumig rühren, dann die Eier einzeln "
               "unterrühren und das Mehl mit der Zitronenschale unterheben."),
        "fr": ("Ce gâteau au citron est celui que ma grand-mère faisait chaque dimanche, et il demande moins "
               "d'une heure du premier œuf à la dernière part.", "Battre le beurre et le sucre, puis ajouter les "
               "œufs un à un et incorporer la farine avec le zeste de citron."),
    }
    ingredients = {
        "en": ["For the Dough:", "250 g Flour", "125 g Butter", "2 tbsp Lemon Juice", "Sugar", "1 tsp Baking Powder"],
        "de": ["Für den Teig:", "250 g", "Mehl", "125 g", "Butter", "2 EL", "Zitronensaft", "Zucker", "1 TL", "Backpulver"],
        "fr": ["Pâte :", "250 g Farine", "125 g Beurre", "Sucre", "2 c. à s. Citron", "1 c. à c. Levure"],
    }
    for language, (opening, method) in intro.items():
        # A print button over the list: no longer a list set between two paragraphs (`_between_paragraphs`).
        doc = "\n".join(["Grandmother's Lemon Cake", opening, "Print", *ingredients[language], method])
        article = cleaner.clean(doc)
        assert all(line in article.body for line in ingredients[language]), language
    menu = "\n".join([HEADLINE, P1, "Print", "Weather Warning Issued", "Local Elections Results", "Best Bakeries In Town", P2])
    assert removed_by(cleaner.clean(menu)).get("Local Elections Results") == "short-line-run"


def test_a_salutation_or_lead_in_over_the_first_paragraph_stays_in_every_language() -> None:
    """A letter's salutation or a lead-in ending in a colon, right over the first paragraph, opens the article:
    top-zone took it for furniture, as it does not end like a sentence. A menu word above it still goes."""
    cases = {
        "en": ("Dear readers,", "Here is what changes next month:"),
        "de": ("Liebe Leserinnen und Leser,", "Das ändert sich im nächsten Monat:"),
        "fr": ("Chers lecteurs,", "Voici ce qui change le mois prochain :"),
    }
    for language, lead_ins in cases.items():
        for lead_in in lead_ins:
            doc = "\n".join(["Home", HEADLINE, "", "Transport", "", lead_in, P1, P2, P3])
            article = cleaner.clean(doc)
            assert article.body[0] == lead_in, (language, lead_in)
            assert "Transport" in removed_by(article), (language, lead_in)
