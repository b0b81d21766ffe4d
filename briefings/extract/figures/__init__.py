"""Figures: numbers that count people or forces (killed, injured, troops, displaced …), with
qualifier, unit, range, source, date, places and the count each one revises.

Small modules, each with one job, reading the shared sentence analysis:
- `lexicon`: the vocabulary of `briefings/data/figure_units.yaml`, matched on tokens;
- `amounts`: numbers that could count (not years, dates, durations, ages, shares, money,
  measures), vague quantities, ranges and qualifiers;
- `units`: what an amount counts, from the words around it;
- `links`: a sentence's figures read together (coordination, parts, changes);
- `finder`: one sentence → `FigureMatch`es;
- `context`: who gives a figure and when; `places`: where it counts;
- `article`: an article's figures as `Figure` models, revisions linked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefings.lazy import lazy_exports

if TYPE_CHECKING:
    from briefings.extract.figures.article import ArticleFigures
    from briefings.extract.figures.context import Attribution
    from briefings.extract.figures.finder import FigureMatch, find_figures

# Loaded on first use: the cards need `is_vague` without the extraction machinery (the time
# layer) that `briefbot run` must not import at start-up.
_LAZY = {
    "ArticleFigures": "briefings.extract.figures.article",
    "Attribution": "briefings.extract.figures.context",
    "FigureMatch": "briefings.extract.figures.finder",
    "find_figures": "briefings.extract.figures.finder",
}


__getattr__ = lazy_exports(__name__, _LAZY)


def is_vague(qualifier: str | None) -> bool:
    """Whether a qualifier is a vague quantity ("dozens of"), which stands for the number."""
    from briefings.extract.figures.lexicon import default_lexicon

    return default_lexicon().is_vague(qualifier)


__all__ = ["ArticleFigures", "Attribution", "FigureMatch", "find_figures", "is_vague"]
