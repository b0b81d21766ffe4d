"""Figures of one sentence: amounts (`amounts`), what each counts (`units`), read together
(`links`). Only amounts with a unit are figures."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.extract.analyse import analyse
from briefings.extract.analysis import SentenceAnalysis
from briefings.extract.figures.amounts import find_amounts
from briefings.extract.figures.lexicon import FigureLexicon, default_lexicon
from briefings.extract.figures.links import link
from briefings.extract.figures.units import Reading, read_unit
from briefings.extract.time import TimeTagger


def _counts(reading: Reading) -> bool:
    """A unit, and more than "one" person unless something happened to them ("one of its
    judges" is no figure; "one police officer was killed" is)."""
    if reading.unit is None:
        return False
    amount = reading.amount
    return amount.value != 1 or amount.value_high is not None or reading.event_unit is not None


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """One figure; `text` is the figure phrase as written, `start`/`end` its span in the
    sentence. `part`: a part of a count given just before ("including four police
    officers"); `revision`: worded as an update ("the toll rose to 45"); `revises`: the
    index (among this sentence's figures) of the count it updates, when both are here."""

    value: float
    value_high: float | None
    qualifier: str | None
    unit: str
    start: int
    end: int
    text: str
    part: bool = False
    revision: bool = False
    revises: int | None = None
    noun_unit: str | None = None  # what its noun alone counts ("inmates": prisoners)


def find_figures(
    sentence: SentenceAnalysis | str,
    lexicon: FigureLexicon | None = None,
    carried: str | None = None,
) -> list[FigureMatch]:
    """Figures in one sentence, in order. A string is analysed first (with the time layer
    unanchored: dates are found, not placed). `carried` is what the previous sentence's last
    figure counted by its noun, lent to a count that opens this sentence with none ("Nearly
    3,700 inmates escaped. Fewer than 100 remained inside.")."""
    if isinstance(sentence, str):
        analysis = analyse(sentence)
        TimeTagger(None)(analysis)
    else:
        analysis = sentence
    if not analysis.numbers and not analysis.text:
        return []
    lex = lexicon or default_lexicon()
    tokens = analysis.tokens
    readings = []
    for amount in find_amounts(analysis, lex):
        reading = read_unit(tokens, amount, lex)
        if reading is not None:
            readings.append(reading)
    if not readings:
        return []
    local = link(tokens, readings, lex, carried)
    kept = [index for index, reading in enumerate(readings) if _counts(reading)]
    position = {old: new for new, old in enumerate(kept)}
    text = analysis.text
    figures = []
    for index in kept:
        reading = readings[index]
        assert reading.unit is not None
        start = tokens[reading.start].start
        end = tokens[reading.end - 1].end
        target = local[index]
        figures.append(
            FigureMatch(
                value=reading.amount.value,
                value_high=reading.amount.value_high,
                qualifier=reading.amount.qualifier,
                unit=reading.unit,
                start=start,
                end=end,
                text=text[start:end],
                part=reading.part,
                revision=reading.revision or target is not None,
                revises=position.get(target) if target is not None else None,
                noun_unit=reading.noun_unit,
            )
        )
    return figures
