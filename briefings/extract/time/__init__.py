"""The time layer: find temporal expressions with data rules, anchor them, TIMEX3 out.

`TimeTagger` is the pipeline component: for each sentence analysis, in reading order, it
finds the candidates (`find`), reads the clause's tense (`tense`) and anchors each value
(`resolve`), adding the results as the analysis' `times` layer.
"""

from __future__ import annotations

from datetime import date

from briefings.extract.analyse import analyse
from briefings.extract.analysis import SentenceAnalysis
from briefings.extract.time.find import find_candidates
from briefings.extract.time.model import Timex
from briefings.extract.time.resolve import TimeResolver
from briefings.extract.time.rules import TimeRules, default_rules
from briefings.extract.time.tense import tense_at

__all__ = ["TimeTagger", "Timex", "tag_sentences"]

_BARE_CLOCK = "anchor(D,0)T"  # the value of a clock time that names no day (time_rules.yaml)


class TimeTagger:
    """Adds `times` to each sentence of one article, in order (anchors carry across)."""

    requires = ("tokens", "clauses")
    provides = ("times",)

    def __init__(
        self,
        published: date | None,
        *,
        day_first: bool | None = None,
        rules: TimeRules | None = None,
    ) -> None:
        self.rules = rules or default_rules()
        self.resolver = TimeResolver(published, day_first=day_first)

    def __call__(self, analysis: SentenceAnalysis) -> list[Timex]:
        text = analysis.text
        candidates = find_candidates(text, self.rules, analysis.tokens)
        # a clock time with no day of its own takes the sentence's day when it has one ("at
        # 19:00 local time (13:30 GMT) on Friday"), else the last day the text gave: the
        # sentence's other expressions are anchored first
        clocks = [c for c in candidates if c.value.startswith(_BARE_CLOCK)]
        order = [c for c in candidates if c not in clocks] + clocks if clocks else candidates
        resolved: dict[int, Timex] = {}
        for candidate in order:
            tense = tense_at(analysis, candidate.start, candidate.end)
            resolved[id(candidate)] = self.resolver.resolve(
                candidate, text[candidate.start : candidate.end], tense
            )
        found = [resolved[id(candidate)] for candidate in candidates]
        analysis.times = found
        return found


def tag_sentences(
    sentences: list[tuple[int, str]], published: date | None, *, day_first: bool | None = None
) -> list[Timex]:
    """Timexes of (offset, text) pieces read in order, with offsets shifted to the whole."""
    tagger = TimeTagger(published, day_first=day_first)
    out: list[Timex] = []
    for offset, text in sentences:
        for timex in tagger(analyse(text)):
            out.append(_shifted(timex, offset))
    return out


def _shifted(timex: Timex, offset: int) -> Timex:
    return Timex(
        timex.start + offset,
        timex.end + offset,
        timex.text,
        timex.type,
        timex.value,
        timex.point,
        timex.rule,
        timex.future,
        timex.anaphoric,
    )
