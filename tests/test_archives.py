"""Date lists: archive months and calendar days on one line (`cleaner.archives`)."""

from __future__ import annotations

import cleaner

from articles import P1, P2, P3, removed_by


def test_a_line_of_archive_months_or_calendar_days_goes_as_a_date_list() -> None:
    # Between two paragraphs, as a layout renderer prints a sidebar; with or without post counts, in
    # three languages. A paragraph that names four dates stays: words stand between them.
    lists = ["Archives Select Month June 2024 May 2024 April 2024 March 2024 February 2024 January 2024",
             "Archiv Monat auswählen Juni 2024 (3) Mai 2024 (5) April 2024 (2) März 2024 (4) Kategorien",
             "1 1. Juni 2024 2 2. Juni 2024 3 3. Juni 2024 4 4. Juni 2024 5 5. Juni 2024",
             "Archivo junio 2024 mayo 2024 abril 2024 marzo 2024 febrero 2024"]
    dated = ("The works start on 3 June 2024, the tracks are laid by 1 March 2025, the first test runs follow "
             "on 2 June 2025 and passengers board on 1 September 2026, if the council keeps to its plan.")
    article = cleaner.clean("\n".join(["Council extends the tram line north", P1, *lists, dated, P2, P3]))
    removed = removed_by(article)
    assert all(removed.get(line) == "date-list" for line in lists)
    assert article.body == (P1, dated, P2, P3)


def test_a_long_line_in_one_piece_keeps_the_verdict_a_pass_gave_it() -> None:
    # Over LONG_LINE_CHARS an archive line is a "piece" of itself; mending the pieces of long lines
    # must not bring it back once counted-list removed it.
    months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
    archive = "Archiv Monat auswählen " + " ".join(f"{m} {year} ({n % 9 + 1})" for n, (year, m) in
                                                  enumerate((y, m) for y in range(2024, 2004, -1) for m in reversed(months)))
    assert len(archive) > 2000 and archive.endswith(")")
    article = cleaner.clean("\n".join(["Council extends the tram line north", P1, P2, archive, P3]))
    assert removed_by(article).get(archive) == "counted-list"
    assert article.body == (P1, P2, P3)
