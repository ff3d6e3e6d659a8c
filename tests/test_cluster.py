"""The article's cluster on the whole page, and the prose past it (`cleaner.cluster`)."""

from __future__ import annotations

import cleaner
from cleaner import cluster
from cleaner.article import Category
from cleaner.lines import split_lines
from cleaner.page import Kind, Page, Verdict

from articles import HEADLINE, P1, P2, P3, removed_by

# Invented pages: an article, a box inside it, its last paragraphs, a share bar and other stories' summaries
# under a section header, in the shape news sites print them.
PAGES = {
    "en": {
        "article": [P1, P2, P3],
        "box": ["Related articles", "Ferry fares to rise by five per cent from May", "New cycle lane opens on the seafront",
                "Parking charges frozen for another year"],
        "after": ["Residents' groups said they would hold a meeting next week to discuss which streets the new line "
                  "should serve first, and invited the transport department to send a speaker.",
                  "The department said it would publish a map of the proposed stops before the meeting."],
        "share": ["Share this article", "Facebook", "Twitter", "WhatsApp", "More from Local News"],
        "others": ["Library reopens after a year of building work",
                   "The town library has reopened its doors after twelve months of work on the roof and the heating.",
                   "School choir wins a place at the national finals",
                   "Forty pupils from the primary school will sing at the national finals in June."],
    },
    "de": {
        "article": ["Der Stadtrat hat am Dienstag beschlossen, die Straßenbahn bis in die nördlichen Vororte zu "
                    "verlängern, was die Anwohner seit mehr als zehn Jahren fordern.",
                    "Die Bauarbeiten sollen im nächsten Frühjahr beginnen, und die ersten Bahnen könnten nach Angaben "
                    "der Verwaltung schon im Jahr 2027 fahren.",
                    "Die Opposition hielt den Haushalt für zu optimistisch, doch der Antrag wurde nach einer langen "
                    "Debatte mit einer klaren Mehrheit angenommen."],
        "box": ["Lesen Sie auch", "Fährpreise steigen ab Mai um fünf Prozent", "Neuer Radweg an der Promenade eröffnet",
                "Parkgebühren bleiben ein weiteres Jahr gleich"],
        "after": ["Die Bürgervereine wollen sich in der kommenden Woche treffen, um über die Reihenfolge der neuen "
                  "Haltestellen zu sprechen, und haben die Verwaltung eingeladen.",
                  "Die Verwaltung will vor dem Treffen eine Karte der geplanten Haltestellen veröffentlichen."],
        "share": ["Artikel teilen", "Facebook", "Twitter", "WhatsApp", "Mehr aus dem Ressort"],
        "others": ["Stadtbücherei öffnet nach einem Jahr Bauzeit wieder",
                   "Die Stadtbücherei hat nach zwölf Monaten Arbeiten am Dach und an der Heizung wieder geöffnet.",
                   "Schulchor singt im Bundesfinale",
                   "Vierzig Kinder der Grundschule singen im Juni im Bundesfinale in der Hauptstadt."],
    },
    "es": {
        "article": ["El pleno aprobó el martes ampliar la línea de tranvía hasta los barrios del norte, un proyecto "
                    "que los vecinos reclaman desde hace más de una década.",
                    "Las obras comenzarán la próxima primavera y los primeros tranvías podrían circular en 2027, "
                    "según el departamento de transportes de la ciudad.",
                    "La oposición consideró que el presupuesto era demasiado optimista, pero la moción salió "
                    "adelante con una amplia mayoría tras un largo debate."],
        "box": ["Te puede interesar", "Las tarifas del ferry subirán un cinco por ciento en mayo",
                "Abre un nuevo carril bici en el paseo marítimo", "La tarifa de aparcamiento se congela otro año"],
        "after": ["Las asociaciones de vecinos se reunirán la semana que viene para hablar del orden de las nuevas "
                  "paradas y han invitado al departamento a enviar a un técnico.",
                  "El departamento publicará un mapa de las paradas previstas antes de la reunión."],
        "share": ["Compartir en", "Facebook", "Twitter", "WhatsApp", "Más noticias de la sección"],
        "others": ["La biblioteca reabre tras un año de obras",
                   "La biblioteca municipal ha vuelto a abrir sus puertas tras doce meses de obras en el tejado.",
                   "El coro del colegio gana una plaza en la final nacional",
                   "Cuarenta alumnos del colegio cantarán en la final nacional de junio en la capital."],
    },
}


def _page(parts: dict[str, list[str]], *names: str) -> str:
    return "\n".join([HEADLINE, *(line for name in names for line in parts[name])])


def test_other_stories_past_the_share_bar_go_in_every_language() -> None:
    for language, parts in PAGES.items():
        article = cleaner.clean(_page(parts, "article", "share", "others"))
        assert article.body == tuple(parts["article"]), language
        removed = removed_by(article)
        assert [removed.get(line) for line in parts["others"][1:]] == ["past-article"] * 3, language


def test_an_article_broken_by_a_box_goes_on_after_it() -> None:
    """Two paragraphs of prose past the box are the article's: they stay, and the article's cluster, grown by
    them, still ends at the share bar."""
    for language, parts in PAGES.items():
        article = cleaner.clean(_page(parts, "article", "box", "after", "share", "others"))
        assert article.body == (*parts["article"], *parts["after"]), language
        assert removed_by(article).get(parts["others"][1]) == "past-article", language


def test_one_last_paragraph_after_a_box_stays() -> None:
    last = PAGES["en"]["after"][1]
    article = cleaner.clean("\n".join([HEADLINE, P1, P2, P3, *PAGES["en"]["box"], last]))
    assert article.body == (P1, P2, P3, last)


def test_text_past_the_box_that_outweighs_the_article_stays() -> None:
    """In doubt text stays: past a share bar, more text than the article holds may be the article itself."""
    parts = PAGES["en"]
    others = parts["others"] * 3  # three times over: more words than the article's three paragraphs
    article = cleaner.clean("\n".join([HEADLINE, P1, P2, P3, *parts["share"], *others]))
    summaries = {parts["others"][1], parts["others"][3]}  # the headlines printed again go as repeats
    assert summaries <= set(article.body)


def test_comment_bodies_go_even_when_they_outweigh_the_article() -> None:
    """A comment section's header in the run is the evidence: comments may run longer than the article."""
    comments = [
        "I have lived by the harbour for twenty years and every plan like this one has been announced with "
        "great fanfare and then quietly dropped once the bills came in, so forgive me if I wait and see.",
        "The northern suburbs have waited long enough. My daughter spends an hour on two buses to get to her "
        "college every morning, and a tram would halve that, whatever the opposition says about the budget.",
        "Has anyone asked what happens to the bus routes once the tram runs? When the first line opened, three "
        "of the routes that served our street were cut within a year and never came back.",
        "Construction next spring sounds optimistic. The last road scheme on the ring road was meant to take "
        "six months and took almost two years, and the shops along it never recovered their trade.",
        "I would rather see the money spent on fixing the pavements in the old town, where my mother tripped "
        "twice last winter and the council still has not answered a single one of our letters about it.",
        "Good news at last. Anyone who has stood at the stop on Mill Road in the rain for forty minutes knows "
        "why this matters, and I hope the council keeps to the timetable it has promised this time round.",
    ]
    # More than three times the article's text: the comment section's rule alone keeps it, unsure. Each
    # comment under its writer's name, with a reply button.
    thread = [line for k, comment in enumerate(comments) for line in (f"reader{k}", comment, "Reply")]
    page = "\n".join([HEADLINE, P1, P2, "Share this article", "Facebook", "Twitter", "6 Comments", *thread])
    article = cleaner.clean(page)
    assert article.body == (P1, P2)
    assert [removed_by(article).get(c) for c in comments] == ["past-article"] * 6


def test_a_small_prose_box_above_the_headline_goes() -> None:
    """Above a headline the title line names, two paragraphs about the site stand as a run (above-headline keeps
    such runs); parted from the article by a newsletter box and small beside it, they go."""
    about = ["The Harbour Gazette has reported on the town, the harbour and the villages around them since 1952.",
             "We are owned by a trust of our readers, and every penny that we make goes back into local reporting."]
    box = ["Newsletter", "Get the morning briefing", "Enter your email address", "Subscribe"]
    paragraphs = [P1, P2, P3, *PAGES["en"]["after"],
                  "Shop owners along the proposed route asked for the works to be done in stages, so that no street "
                  "would be closed for more than a few weeks at a time during the busy months before Christmas.",
                  "The transport department said it would talk to the traders' association before the plans were "
                  "finished, and that a second public meeting would be held in the new year."]  # five times the box
    article = cleaner.clean("\n".join([f"{HEADLINE} | The Harbour Gazette", *about, *box, HEADLINE, *paragraphs]))
    assert article.headline == HEADLINE and article.body == tuple(paragraphs)
    assert [removed_by(article).get(line) for line in about] == ["before-article"] * 2


def test_a_box_above_the_headline_as_long_as_the_article_stays() -> None:
    about = ["The Harbour Gazette has reported on the town, the harbour and the villages around them since 1952.",
             "We are owned by a trust of our readers, and every penny that we make goes back into local reporting."]
    box = ["Newsletter", "Get the morning briefing", "Enter your email address", "Subscribe"]
    article = cleaner.clean("\n".join([f"{HEADLINE} | The Harbour Gazette", *about, *box, HEADLINE, P1, P2]))
    assert set(about) <= set(article.body)


def test_three_paragraphs_in_a_row_past_a_box_go_on_with_the_article() -> None:
    """Past a box, a paragraph and a subheading, then three paragraphs of prose in a row: the article going on,
    where other stories' summaries come one at a time under their headlines."""
    parts = PAGES["en"]
    after = ["The first trams are expected to carry about nine thousand passengers a day, rising to twelve "
             "thousand once the park-and-ride site opens.",
             "Where the new stops will be",
             "Cyclists' groups asked for the tracks to be laid away from the main cycle route on Station Road.",
             "Traders on the high street want a stop outside the market hall rather than at the bus station.",
             "The council said the final design would be published for comment before the end of the year."]
    page = "\n".join([HEADLINE, P1, P2, P3, *parts["after"], *parts["share"], *after])
    article = cleaner.clean(page)
    assert article.body == (P1, P2, P3, *parts["after"], *after)


def test_other_stories_past_a_related_header_alone_go_in_every_language() -> None:
    """A related list's header alone (a run of removed lines shorter than a share bar) parts the article from
    the other stories' headlines and summaries under it."""
    for language, parts in PAGES.items():
        article = cleaner.clean(_page(parts, "article") + "\n" + "\n".join([parts["box"][0], *parts["others"]]))
        assert article.body == tuple(parts["article"]), language
        removed = removed_by(article)
        assert [removed.get(line) for line in parts["others"][1:]] == ["past-article"] * 3, language


def test_an_article_broken_by_a_short_box_goes_on_after_it() -> None:
    """Past a related header and one headline, prose with a subheading in it: nearly all the text past the box
    is prose, so it is the article going on."""
    parts = PAGES["en"]
    after = [parts["after"][0], "Where the new stops will be", parts["after"][1]]
    article = cleaner.clean("\n".join([HEADLINE, P1, P2, P3, *parts["box"][:2], *after]))
    assert article.body == (P1, P2, P3, *after)



def test_text_past_a_widget_is_weighed_by_its_prose() -> None:
    """Past a share bar, other stories' headlines with a summary, in blocks parted by adverts, outweigh the article
    by their lines, not by their paragraphs: they go. (On a whole page the passes before the cluster's take most
    such lists; here the widgets are marked by hand, so that the cluster's weighing alone decides.)"""
    headlines = [f"Council {topic} plans for the {place} approved after a long debate" for topic in
                 ("transport", "housing", "parks", "schools") for place in ("north", "south")]
    summary = PAGES["en"]["others"][1]
    past = [*headlines[:4], "Advertisement", *headlines[4:], "Advertisement", summary]
    lines = split_lines("\n".join([P1, P2, P3, *PAGES["en"]["share"][:4], *past]))
    page = Page.build(lines, [None] * len(lines), "en")
    for i, line in enumerate(lines):
        if 3 <= i < 7 or line.text == "Advertisement":
            page.verdicts[i] = Verdict(Kind.REMOVED, Category.ADVERT if i > 7 else Category.SHARE, "widget")
    assert sum(map(len, [*headlines, summary])) > len(P1 + P2 + P3)  # more text than the article, little prose
    cluster.article_cluster(page, None)
    assert page.verdicts[:3] == [None] * 3
    assert {page.verdicts[i].rule for i in range(7, len(lines))} == {"past-article", "widget"}  # type: ignore[union-attr]
