"""An invented article the heuristics' tests put boilerplate around, and what a cleaned article removed."""

from __future__ import annotations

import cleaner

HEADLINE = "Council extends the tram line north"
P1 = ("The city council voted on Tuesday to extend the tram line to the northern suburbs, "
      "a project that residents have requested for more than a decade.")
P2 = ("Construction is expected to begin next spring and the first trams should run in 2027, "
      "according to the transport department, which will publish a timetable in the autumn.")
P3 = ("Opposition members said the budget was too optimistic, but the motion passed with a "
      "comfortable majority after a debate that lasted most of the afternoon.")


def removed_by(article: cleaner.Article) -> dict[str, str]:
    """Each removed line's text, with the rule or heuristic that removed it."""
    return {r.text: r.rule for r in article.removed}
