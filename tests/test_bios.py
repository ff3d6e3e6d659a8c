"""Author bios at the end of an article (`cleaner.bios`)."""

from __future__ import annotations

import cleaner

from articles import HEADLINE, P1, P2, P3

# Invented articles and bios, in the shape news sites print under their articles.
ARTICLES = {
    "en": ([P1, P2, P3],
           "Jane Roe covers transport and city planning for the paper. Follow her on social media for updates."),
    "de": (["Der Stadtrat hat am Dienstag beschlossen, die Straßenbahn bis in die nördlichen Vororte zu verlängern, "
            "was die Anwohner seit mehr als zehn Jahren fordern.",
            "Die Bauarbeiten sollen im nächsten Frühjahr beginnen, und die ersten Bahnen könnten nach Angaben der "
            "Verwaltung schon im Jahr 2027 fahren.",
            "Die Opposition hielt den Haushalt für zu optimistisch, doch der Antrag wurde nach einer langen Debatte "
            "mit einer klaren Mehrheit angenommen."],
           "Max Mustermann ist freier Journalist und schreibt über Verkehr und Stadtentwicklung im Norden."),
    "es": (["El pleno aprobó el martes ampliar la línea de tranvía hasta los barrios del norte, un proyecto que "
            "los vecinos reclaman desde hace más de una década.",
            "Las obras comenzarán la próxima primavera y los primeros tranvías podrían circular en 2027, según "
            "el departamento de transportes de la ciudad.",
            "La oposición consideró que el presupuesto era demasiado optimista, pero la moción salió adelante "
            "con una amplia mayoría tras un largo debate."],
           "Ana Ruiz Soler es periodista y escribe sobre movilidad urbana desde hace diez años."),
}


def test_a_bio_after_the_article_goes_in_every_language() -> None:
    for language, (paragraphs, bio) in ARTICLES.items():
        article = cleaner.clean("\n".join([HEADLINE, *paragraphs, bio]))
        assert article.body == tuple(paragraphs), language
        assert {r.text: r.rule for r in article.removed}.get(bio) == "author-bio", language


def test_a_person_in_the_story_stays() -> None:
    # The same shape inside the article is someone the story is about; at its end, a sentence that
    # opens with a word of the language ("The Mayor ...") is no name.
    inside = "Jane Roe covers the night shift at the depot and says the drivers welcome the extension."
    last = "The Mayor told a reporter that the first contracts would be signed before the summer."
    article = cleaner.clean("\n".join([HEADLINE, P1, inside, P2, P3, last]))
    assert inside in article.body and last in article.body


def test_a_bio_that_names_a_book_or_a_founding_goes() -> None:
    # A writer's bio often says what the writer wrote or founded rather than a newsroom trade.
    bios = {
        "en": "Jane Roe is the author of two books on river towns and the founder of a small walking club.",
        "de": "Max Mustermann ist Gründer eines Wandervereins und hat zwei Bücher über Flussstädte geschrieben.",
        "es": "Ana Ruiz Soler es la fundadora de un club de senderismo y ha publicado dos libros sobre ríos.",
    }
    for language, bio in bios.items():
        paragraphs = ARTICLES[language][0]
        article = cleaner.clean("\n".join([HEADLINE, *paragraphs, bio]))
        assert article.body == tuple(paragraphs), language
        assert {r.text: r.rule for r in article.removed}.get(bio) == "author-bio", language


def test_a_bio_under_the_authors_name_need_not_repeat_it() -> None:
    # The author's box: the name alone on its line, then a bio that opens with the trade.
    boxes = {
        "en": ("Jane Roe", "Staff writer. Has covered transport and city planning for the paper since 2015."),
        "de": ("Max Mustermann", "Freier Journalist in Hamburg, schreibt vor allem über Verkehr und Stadtentwicklung."),
        "es": ("Ana Ruiz Soler", "Periodista especializada en movilidad urbana y colaboradora del diario desde 2018."),
    }
    for language, (name, bio) in boxes.items():
        paragraphs = ARTICLES[language][0]
        article = cleaner.clean("\n".join([HEADLINE, *paragraphs, name, bio]))
        assert article.body == tuple(paragraphs), language
        assert {r.text: r.rule for r in article.removed}.get(bio) == "author-bio", language


def test_a_line_broken_mid_sentence_under_capitalized_words_stays() -> None:
    # Under a line of capitalized words, a line that goes on with the sentence (lower case) is no bio.
    tail = ["The study trip last spring was paid for by the",
            "Regional Transport Alliance",
            "and took two journalists from the region to three cities abroad to see their tram lines."]
    article = cleaner.clean("\n".join([HEADLINE, P1, P2, P3, *tail]))
    assert tail[2] in " ".join(article.body)
