"""Figures on the same matter, side by side: rival counts are shown together, never summed.

The matter rule. Two figures count one matter (the toll of one landslide, the troops of one
deployment) when all of these hold:

1. **Same unit** ("killed" with "killed").
2. **Close in time**: their dates lie at most the unit's window in days apart
   (`briefings/data/figure_matters.yaml`: 14 for tolls, a year for a population), and a
   matter spans at most `span_windows` of those windows from its first date to its last,
   so that weekly counts over years are a series of matters rather than one chain. A figure
   stands at the end of the date its sentence gives ("12 were killed on Monday"; a count
   "since October 21" stands at the publication date), else at its article's publication
   date (`as_of`); figures with neither are compared only with each other.
3. **Same place**: they share a place — one their sentences name ("in Enga province",
   Papua New Guinea), else their articles' main places — and when both sentences name
   specific places (a town, a province, a territory) they name one of the same, so that "12
   killed in Rafah" stays apart from "20 killed in Jabalia" (the same value said twice may
   name the place differently, and is exempt). Figures with no place at all (stored before
   places were recorded) must share distinctive words instead (`briefings.matter`).
4. **Comparable values**: within `max_ratio` of each other ("670" and "more than 2,000"), so
   that last week's "32 killed" and a war's "30,000 killed" stay apart — unless one is
   linked to the other as its revision ("the toll rose to 2,417").
5. **Within one article** two counts in one unit are usually two matters (each side's
   losses, then the total), so they are rivals only as a revision, as the same value said
   twice, or as counts given by two different named sources ("the ministry said 12; Amnesty
   put the toll at 20"). A part of a count ("including four police officers") is never a rival
   of the whole.

A figure joins the first matter (in reading order) holding a member it agrees with on all of
these and no member of its own article it disagrees with; a revision joins the matter of the
figure it revises. Within a matter the latest figure comes first.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from briefings.extract.figures.places import Places
from briefings.matter import matter, same_matter
from briefings.queries.facts import FigureView

MATTERS_FILE = Path(__file__).resolve().parent / "data" / "figure_matters.yaml"
COMPARED_MEMBERS = 12  # a matter's latest members a newcomer is compared with


@dataclass(frozen=True)
class MatterRules:
    """The data half of the rule: windows in days and the largest ratio of rival values."""

    window_days: int
    max_ratio: float
    unit_windows: dict[str, int]
    span_windows: int = 4

    def window(self, unit: str) -> int:
        return self.unit_windows.get(unit, self.window_days)

    def span(self, unit: str) -> int:
        """The most days one matter's dates may cover."""
        return self.window(unit) * self.span_windows


@functools.cache
def default_rules() -> MatterRules:
    import yaml  # here: only the verbs that group figures read this file

    data = yaml.safe_load(MATTERS_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{MATTERS_FILE.name}: expected a mapping")
    units = data.get("units") or {}
    if not isinstance(units, dict) or not all(isinstance(v, int) for v in units.values()):
        raise ValueError(f"{MATTERS_FILE.name}: 'units' must map unit names to days")
    window, ratio = data.get("window_days"), data.get("max_ratio")
    if not isinstance(window, int) or not isinstance(ratio, int | float) or ratio < 1:
        raise ValueError(f"{MATTERS_FILE.name}: needs window_days (days) and max_ratio (≥ 1)")
    span = data.get("span_windows")
    if not isinstance(span, int) or span < 1:
        raise ValueError(f"{MATTERS_FILE.name}: needs span_windows (a whole number ≥ 1)")
    unit_windows = {str(k): int(v) for k, v in units.items()}
    return MatterRules(window, float(ratio), unit_windows, span)


@dataclass(frozen=True)
class FigureGroup:
    """The figures of one matter, latest first."""

    unit: str
    figures: tuple[FigureView, ...]

    @property
    def values(self) -> list[float]:
        return sorted({figure.value for figure in self.figures})

    @property
    def differs(self) -> bool:
        return len(self.values) > 1

    @property
    def latest(self) -> FigureView:
        return self.figures[0]


@dataclass
class _Member:
    figure: FigureView
    when: date | None
    places: Places
    setting: Places

    @functools.cached_property
    def stems(self) -> frozenset[str]:
        """Its sentence's distinctive words: needed only when neither figure has a place."""
        return matter(self.figure.citation.sentence)


@dataclass
class _Matter:
    unit: str
    members: list[_Member] = field(default_factory=list)
    revised: set[int] = field(default_factory=set)  # ids of figures its members revise
    earliest: date | None = None  # the dates its members stand at, from … to
    latest: date | None = None

    def add(self, member: _Member) -> None:
        self.members.append(member)
        if member.figure.revises_id is not None:
            self.revised.add(member.figure.revises_id)
        when = member.when
        if when is not None:
            self.earliest = min(self.earliest or when, when)
            self.latest = max(self.latest or when, when)

    def out_of_reach(self, when: date | None, days: int) -> bool:
        """Whether a figure standing at `when` is more than `days` from every member."""
        if when is None or self.earliest is None or self.latest is None:
            return False
        return (when - self.latest).days > days or (self.earliest - when).days > days

    def too_long(self, when: date | None, span: int) -> bool:
        """Whether taking a figure standing at `when` would stretch it over `span` days."""
        if when is None or self.earliest is None or self.latest is None:
            return False
        return (max(self.latest, when) - min(self.earliest, when)).days > span


def _when(figure: FigureView) -> date | None:
    """The date a figure stands at: stored as `as_of`, or worked out as it was stored."""
    if figure.as_of is not None:
        return figure.as_of
    return figure.date.end if figure.date is not None else figure.published


def _member(figure: FigureView) -> _Member:
    return _Member(
        figure=figure,
        when=_when(figure),
        places=Places.decode(figure.places),
        setting=Places.decode(figure.setting),
    )


def _close_in_time(first: _Member, second: _Member, days: int) -> bool:
    if first.when is None or second.when is None:
        return first.when is second.when
    return abs((first.when - second.when).days) <= days


def _named(member: _Member) -> set[str]:
    """The places its sentence names, else its article's main places."""
    places = member.places if member.places else member.setting
    return {*places.specific, *places.states}


def _same_place(first: _Member, second: _Member) -> bool:
    """Rule 3. The same value said twice may name the place differently ("in the Lachin
    corridor", "in Nagorno-Karabakh"), so specific places only part different values."""
    one_specific, other_specific = set(first.places.specific), set(second.places.specific)
    apart = one_specific and other_specific and not one_specific & other_specific
    if apart and first.figure.value != second.figure.value:
        return False
    one, other = _named(first), _named(second)
    if one and other:
        return bool(one & other)
    return same_matter(first.stems, second.stems)


def _revision_pair(first: FigureView, second: FigureView) -> bool:
    return (first.revises_id is not None and first.revises_id == second.id) or (
        second.revises_id is not None and second.revises_id == first.id
    )


def _comparable(first: FigureView, second: FigureView, ratio: float) -> bool:
    low, high = sorted((first.value, second.value))
    return low > 0 and high / low <= ratio


def _rivals_in_article(first: FigureView, second: FigureView) -> bool:
    """Rule 5: two counts of one article."""
    if _revision_pair(first, second):
        return True
    if first.part != second.part:
        return False
    if first.value == second.value:
        return True
    return (
        not first.part
        and first.source is not None
        and second.source is not None
        and first.source != second.source
    )


def _agrees(old: _Member, new: _Member, rules: MatterRules) -> bool:
    first, second = old.figure, new.figure
    if _revision_pair(first, second):
        return True
    same_article = first.citation.article_id == second.citation.article_id
    if same_article and not _rivals_in_article(first, second):
        return False
    if first.part != second.part and first.value != second.value:
        return False
    if not _close_in_time(old, new, rules.window(first.unit)):
        return False
    if first.value != second.value and not _comparable(first, second, rules.max_ratio):
        return False
    return _same_place(old, new)


def _conflicts(matter_: _Matter, new: _Member) -> bool:
    """A member of the newcomer's own article it may not stand beside."""
    article = new.figure.citation.article_id
    return any(
        member.figure.citation.article_id == article
        and not _rivals_in_article(member.figure, new.figure)
        for member in matter_.members
    )


def _order(member: _Member) -> tuple[date, date, int]:
    """Latest first: by the date it stands at, then its article's date, then newest stored."""
    return member.when or date.min, member.figure.published or date.min, member.figure.id


class MatterGrouper:
    """Figures fed in reading order, a batch at a time, sorted into matters: a reader that
    walks the figures in windows feeds each window once instead of grouping from the start.

    A newcomer is compared only with the matters of its unit that could take it — close in
    time, sharing one of its places (or having none), or revising it — found through an
    index, so a window of thousands of figures over years groups in about linear time."""

    def __init__(self, rules: MatterRules | None = None) -> None:
        self.rules = rules or default_rules()
        self._matters: list[_Matter] = []
        self._index = _Index(self.rules)
        self._by_figure: dict[int, int] = {}

    def add(self, figures: Sequence[FigureView]) -> None:
        matters, index, by_figure = self._matters, self._index, self._by_figure
        for figure in figures:
            new = _member(figure)
            revised = figure.revises_id
            chosen = by_figure.get(revised) if revised is not None else None
            if chosen is None:
                chosen = next(
                    (n for n in index.candidates(new) if _joins(matters[n], new, self.rules)),
                    None,
                )
            if chosen is None:
                chosen = len(matters)
                matters.append(_Matter(figure.unit))
            matters[chosen].add(new)
            index.add(new, chosen)
            if figure.id:
                by_figure[figure.id] = chosen

    def settled(self, last: FigureView) -> int:
        """How many leading matters are complete when figures are read in (unit, as_of)
        order and `last` is the last one read: a figure read later joins a matter of its
        unit only within the unit's window of a member and its span of the first, so a
        matter whose latest member is more than a window before `last`, or whose first is
        more than a span before it (or of a unit read to its end), can gain no one."""
        reached = _when(last)
        count = 0
        for found in self._matters:
            if found.unit == last.unit:
                if reached is None:
                    if found.latest is None:
                        break  # undated matters take undated figures until the end
                elif (
                    found.latest is None
                    or found.earliest is None
                    or (
                        (reached - found.latest).days <= self.rules.window(found.unit)
                        and (reached - found.earliest).days <= self.rules.span(found.unit)
                    )
                ):
                    break
            count += 1
        return count

    def groups(self, most: int | None = None) -> list[FigureGroup]:
        """The matters so far (the first `most`), in the order their first figure came."""
        return [
            FigureGroup(
                unit=found.unit,
                figures=tuple(m.figure for m in sorted(found.members, key=_order, reverse=True)),
            )
            for found in self._matters[:most]
        ]


def group_figures(
    figures: Sequence[FigureView], rules: MatterRules | None = None
) -> list[FigureGroup]:
    """Matters in the order their first figure appears; each figure in exactly one."""
    grouper = MatterGrouper(rules)
    grouper.add(figures)
    return grouper.groups()


@dataclass
class _Index:
    """Where a newcomer's matter can be: matters by (unit, place), by (unit, stretch of
    dates) and by the figures their members revise.

    Each is a superset of the matters `_joins` can accept: one needs a recent member close
    in time (a member within the unit's window of the newcomer's date, or undated like it)
    or a member that revises the newcomer; and, when the newcomer names places, one sharing
    a place or a member without any. Dates fall into stretches as long as the unit's window,
    so a member within the window lies in the newcomer's stretch or one next to it."""

    rules: MatterRules
    placed: dict[tuple[str, str], set[int]] = field(default_factory=dict)
    unplaced: dict[str, set[int]] = field(default_factory=dict)
    dated: dict[tuple[str, int], set[int]] = field(default_factory=dict)
    undated: dict[str, set[int]] = field(default_factory=dict)
    revising: dict[int, set[int]] = field(default_factory=dict)  # revised id → matters

    def _stretch(self, unit: str, when: date) -> int:
        return when.toordinal() // max(self.rules.window(unit), 1)

    def add(self, member: _Member, number: int) -> None:
        unit = member.figure.unit
        if member.when is None:
            self.undated.setdefault(unit, set()).add(number)
        else:
            self.dated.setdefault((unit, self._stretch(unit, member.when)), set()).add(number)
        if member.figure.revises_id is not None:
            self.revising.setdefault(member.figure.revises_id, set()).add(number)
        named = _named(member)
        if not named:
            self.unplaced.setdefault(unit, set()).add(number)
        for place in named:
            self.placed.setdefault((unit, place), set()).add(number)

    def candidates(self, member: _Member) -> list[int]:
        """Matter numbers in reading order."""
        unit = member.figure.unit
        if member.when is None:
            found = set(self.undated.get(unit, ()))
        else:
            stretch = self._stretch(unit, member.when)
            found = set()
            for near in (stretch - 1, stretch, stretch + 1):
                found.update(self.dated.get((unit, near), ()))
        named = _named(member)
        if named and found:
            here = set(self.unplaced.get(unit, ()))
            for place in named:
                here.update(self.placed.get((unit, place), ()))
            found &= here
        if member.figure.id:
            found.update(self.revising.get(member.figure.id, ()))
        return sorted(found)


def _joins(matter_: _Matter, new: _Member, rules: MatterRules) -> bool:
    if new.figure.id and new.figure.id in matter_.revised:
        return True  # a figure read after the revision that updates it
    if matter_.out_of_reach(new.when, rules.window(matter_.unit)):
        return False
    if matter_.too_long(new.when, rules.span(matter_.unit)):
        return False
    recent = matter_.members[-COMPARED_MEMBERS:]
    if not any(_agrees(member, new, rules) for member in recent):
        return False
    return not _conflicts(matter_, new)
