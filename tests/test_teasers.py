"""Runs of other stories' headlines (`cleaner.teasers`)."""

from __future__ import annotations

import cleaner

from articles import P1, P2, P3

TEASERS = {
    "en": ["Sport", "Local club signs a new goalkeeper for the coming season", "3h ago",
           "Harbour festival returns after a four-year break", "Culture",
           "Museum opens its archive of old shipyard photographs"],
    "de": ["Sport", "Der Stadtverein holt einen neuen Torwart für die Saison", "vor 3 Stunden",
           "Das Hafenfest kehrt nach vier Jahren Pause zurück", "Kultur",
           "Museum zeigt sein Archiv alter Werftfotos erstmals online"],
    "es": ["Deportes", "El club local ficha a un nuevo portero para la temporada", "Hace 3 horas",
           "Vuelve la fiesta del puerto tras cuatro años de pausa", "Cultura",
           "El museo abre su archivo de fotografías del astillero"],
}


def test_headlines_with_a_label_beside_each_are_a_teaser_run() -> None:
    for language, lines in TEASERS.items():
        article = cleaner.clean("\n".join(["Council extends the tram line north", P1, P2, *lines, P3]))
        assert article.body == (P1, P2, P3), language
        removed = {r.text: r.rule for r in article.removed}
        assert {removed.get(line) for line in lines if len(line.split()) > 3} == {"headline-run"}, language


def test_an_article_list_without_labels_or_introduced_stays() -> None:
    # Items of the article's own list: no label between them, or the line above introduces them.
    items = ["Trams every ten minutes at peak hours", "Step-free access at every new stop",
             "Park and ride beside the northern terminus"]
    labelled = ["Phase one", "Trams every ten minutes at peak hours", "Phase two",
                "Step-free access at every new stop", "Phase three", "Park and ride beside the northern terminus"]
    for lines in (items, ["The plan promises three things:", *labelled]):
        article = cleaner.clean("\n".join(["Council extends the tram line north", P1, P2, *lines, P3]))
        assert all(line in article.body for line in items), lines


# Each headline with its date on its own line: at the start, in brackets, or at the end.
DATED_TEASERS = {
    "en": ["12 May 2024 Local club signs a new goalkeeper for the coming season",
           "11 May 2024 Harbour festival returns after a four-year break",
           "9 May 2024 Museum opens its archive of old shipyard photographs"],
    "de": ["[ 12. Mai 2024 ] Der Stadtverein holt einen neuen Torwart für die Saison",
           "[ 11. Mai 2024 ] Das Hafenfest kehrt nach vier Jahren Pause zurück",
           "[ 9. Mai 2024 ] Museum zeigt sein Archiv alter Werftfotos erstmals online"],
    "es": ["El club local ficha a un nuevo portero para la temporada 12.05.2024",
           "Vuelve la fiesta del puerto tras cuatro años de pausa 11.05.2024",
           "El museo abre su archivo de fotografías del astillero 09.05.2024"],
    "ru": ["12 мая 2024 Местный клуб подписал нового вратаря на сезон",
           "11 мая 2024 Фестиваль в гавани возвращается после четырёх лет перерыва",
           "9 мая 2024 Музей открыл архив старых фотографий верфи"],
}


# Paragraphs enough that a dated line under them is not read as the article's dateline.
OPENING = (P1, P2, P3, P1.replace("Tuesday", "Friday"), P2.replace("spring", "summer"), P3.replace("afternoon", "evening"))


def test_headlines_each_with_its_date_on_its_line_are_a_teaser_run() -> None:
    for language, lines in DATED_TEASERS.items():
        article = cleaner.clean("\n\n".join(["Council extends the tram line north", *OPENING, *lines, P3]))
        assert article.body == (*OPENING, P3), language
        assert {r.rule for r in article.removed if r.text in lines} == {"headline-run"}, language


def test_an_agenda_or_a_dated_timeline_of_sentences_stays() -> None:
    # "2 May: ..." is an agenda's field; a timeline's entries hold sentences: the article's own lists.
    agenda = ["12 May 2024: Council meeting on the tram budget", "14 May 2024: Public hearing at the town hall",
              "20 May 2024: Final vote on the northern extension"]
    timeline = ["12 May 2024 The council met. The budget was approved after a long debate",
                "14 May 2024 Residents spoke. Most of them asked for more frequent trams",
                "20 May 2024 The vote passed. Construction starts next spring as planned"]
    for lines in (agenda, timeline):
        article = cleaner.clean("\n\n".join(["Council extends the tram line north", *OPENING, *lines, P3]))
        assert all(line in article.body for line in lines), lines
