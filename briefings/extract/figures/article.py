"""The figures of one article, sentence by sentence: each with its source, date, places and
the earlier count it revises.

A revision ("the toll rose to 2,417", "39 people had now died", "from 8,000 to 4,000") is
linked to the count it updates: one given in the same sentence when there is one, else the
latest earlier figure of the article in the same unit with another value that is not a part
of a larger count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefings.extract.actors import ActorMention
from briefings.extract.analysis import SentenceAnalysis
from briefings.extract.figures.context import Attribution, figure_date, figure_source
from briefings.extract.figures.finder import FigureMatch, find_figures
from briefings.extract.figures.lexicon import FigureLexicon, default_lexicon
from briefings.extract.figures.places import ArticlePlaces, sentence_places
from briefings.models import HEADLINE_INDEX, Article, Citation, Figure, Sentence

REVISION_RATIO = 4.0  # an update is of the same order as the count it updates
VICTIMS_UNIT, VICTIMS_WORD, TOLL_UNIT = "casualties", "victim", "killed"
HARM_UNITS = frozenset({"killed", "injured"})


class ArticleFigures:
    """Collects an article's figures as its sentences are read in order."""

    requires = ("tokens", "clauses", "names", "numbers", "times", "actors", "claims")
    provides = ("figures",)

    def __init__(self, article: Article, lexicon: FigureLexicon | None = None) -> None:
        self.article = article
        self.lexicon = lexicon or default_lexicon()
        self.figures: list[Figure] = []
        self._places = ArticlePlaces()
        self._carried: str | None = None  # the noun unit of the previous sentence's last figure

    def add(
        self,
        sentence: Sentence,
        analysis: SentenceAnalysis,
        mentions: Sequence[ActorMention],
        attributions: Sequence[Attribution],
    ) -> list[Figure]:
        """The figures of one sentence (also kept for the article)."""
        places = sentence_places(analysis, mentions)
        if sentence.index == HEADLINE_INDEX:
            self._carried = None  # the headline stands alone; its places set no scene
        else:
            self._places.add(places)
        matches = find_figures(analysis, self.lexicon, self._carried)
        self._carried = matches[-1].noun_unit if matches else None
        if not matches:
            return []
        matches = self._victims_of_the_toll(matches, analysis.text)
        first = len(self.figures)
        added = []
        for match in matches:
            source = figure_source(analysis, match.start, attributions, mentions, self.lexicon)
            figure = Figure(
                value=match.value,
                value_high=match.value_high,
                qualifier=match.qualifier,
                unit=match.unit,
                text=match.text,
                source=source.name if source else None,
                source_text=source.text if source else None,
                date=figure_date(
                    analysis, match.start, match.end, attributions, self.article.published
                ),
                part=match.part,
                places=places.encode() if places else None,
                citation=self._citation(sentence, match.start, match.end),
            )
            added.append(figure)
        for index, match in enumerate(matches):
            if match.revises is not None:
                added[index].revises = first + match.revises
            elif match.revision:
                added[index].revises = self._revised(added[index], self.figures + added[:index])
        self.figures += added
        return added

    def _victims_of_the_toll(self, matches: list[FigureMatch], text: str) -> list[FigureMatch]:
        """ "Only 32 of the victims had been identified" after a death toll: victims are the
        dead when the article's latest count of harm is of deaths, not of the injured."""
        if VICTIMS_WORD not in text.lower() or all(m.unit != VICTIMS_UNIT for m in matches):
            return matches
        harm = next((f.unit for f in reversed(self.figures) if f.unit in HARM_UNITS), None)
        if harm != TOLL_UNIT:
            return matches
        return [
            replace(m, unit=TOLL_UNIT)
            if m.unit == VICTIMS_UNIT and m.noun_unit in (VICTIMS_UNIT, None)
            else m
            for m in matches
        ]

    @staticmethod
    def _revised(figure: Figure, earlier_figures: list[Figure]) -> int | None:
        """The earlier count of the same thing it updates: same unit, not a part, another
        value of the same order (the toll, not the six bodies recovered since) — the nearest
        in value, the latest of equals."""
        best: tuple[float, int] | None = None
        for index, earlier in enumerate(earlier_figures):
            if earlier.unit != figure.unit or earlier.part or earlier.value == figure.value:
                continue
            low, high = sorted((earlier.value, figure.value))
            if low <= 0 or high / low > REVISION_RATIO:
                continue
            if best is None or high / low <= best[0]:
                best = (high / low, index)
        return best[1] if best else None

    def finish(self) -> list[Figure]:
        """Every figure, with the article's main places as each one's setting."""
        setting = self._places.main()
        encoded = setting.encode() if setting else None
        for figure in self.figures:
            figure.setting = encoded
        return self.figures

    def _citation(self, sentence: Sentence, start: int, end: int) -> Citation:
        base = 0 if sentence.index == HEADLINE_INDEX else sentence.start
        return Citation(
            article_id=self.article.id,
            outlet=self.article.outlet_label,
            sentence_index=sentence.index,
            start=base + start,
            end=base + end,
            sentence=sentence.text,
            caption=sentence.caption,
        )
