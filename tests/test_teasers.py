"""Runs of other stories' headlines (`cleaner.teasers`)."""

from __future__ import annotations

import cleaner

P1 = ("The city council voted on Tuesday to extend the tram line to the northern suburbs, "
      "a project that residents have requested for more than a decade.")
P2 = ("Construction is expected to begin next spring and the first trams should run in 2027, "
      "according to the transport department, which will publish a timetable in the autumn.")
P3 = ("Opposition members said the budget was too optimistic, but the motion passed with a "
      "comfortable majority after a debate that lasted most of the afternoon.")

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
