"""Figures on the same matter, side by side: rival counts are shown together, never summed.

The matter rule. Two figures count one matter (the toll of one landslide, the troops of one
deployment) when all of these hold:

1. **Same unit** ("killed" with "killed").
2. **Close in time**: their dates lie at most the unit's window in days apart
   (`briefings/data/figure_matters.yaml`: 14 for tolls, a year for a population). A figure
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

import yaml

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

    def window(self, unit: str) -> int:
        return self.unit_windows.get(unit, self.window_days)


@functools.cache
def default_rules() -> MatterRules:
    data = yaml.safe_load(MATTERS_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{MATTERS_FILE.name}: expected a mapping")
    units = data.get("units") or {}
    if not isinstance(units, dict) or not all(isinstance(v, int) for v in units.values()):
        raise ValueError(f"{MATTERS_FILE.name}: 'units' must map unit names to days")
    window, ratio = data.get("window_days"), data.get("max_ratio")
    if not isinstance(window, int) or not isinstance(ratio, int | float) or ratio < 1:
        raise ValueError(f"{MATTERS_FILE.name}: needs window_days (days) and max_ratio (≥ 1)")
    return MatterRules(window, float(ratio), {str(k): int(v) for k, v in units.items()})


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
    stems: frozenset[str]


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
        stems=matter(figure.citation.sentence),
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


def group_figures(
    figures: Sequence[FigureView], rules: MatterRules | None = None
) -> list[FigureGroup]:
    """Matters in the order their first figure appears; each figure in exactly one.

    A newcomer is compared only with the matters of its unit that share one of its places
    (or have none), found through an index, so a window of thousands of figures groups in
    about linear time."""
    rules = rules or default_rules()
    matters: list[_Matter] = []
    index = _Index()
    by_figure: dict[int, int] = {}
    for figure in figures:
        new = _member(figure)
        chosen = by_figure.get(figure.revises_id) if figure.revises_id is not None else None
        if chosen is None:
            chosen = next(
                (n for n in index.candidates(new) if _joins(matters[n], new, rules)), None
            )
        if chosen is None:
            chosen = len(matters)
            matters.append(_Matter(figure.unit))
        matters[chosen].add(new)
        index.add(new, chosen)
        if figure.id:
            by_figure[figure.id] = chosen
    return [
        FigureGroup(
            unit=found.unit,
            figures=tuple(m.figure for m in sorted(found.members, key=_order, reverse=True)),
        )
        for found in matters
    ]


@dataclass
class _Index:
    """Matters by (unit, place), and those of each unit with a member without places."""

    placed: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    unplaced: dict[str, list[int]] = field(default_factory=dict)
    every: dict[str, list[int]] = field(default_factory=dict)

    def add(self, member: _Member, number: int) -> None:
        unit = member.figure.unit
        every = self.every.setdefault(unit, [])
        if not every or every[-1] < number:
            every.append(number)
        named = _named(member)
        if not named:
            _append(self.unplaced.setdefault(unit, []), number)
        for place in named:
            _append(self.placed.setdefault((unit, place), []), number)

    def candidates(self, member: _Member) -> list[int]:
        unit = member.figure.unit
        named = _named(member)
        if not named:
            return self.every.get(unit, [])
        found = set(self.unplaced.get(unit, []))
        for place in named:
            found.update(self.placed.get((unit, place), []))
        return sorted(found)


def _append(numbers: list[int], number: int) -> None:
    if not numbers or numbers[-1] != number:
        numbers.append(number)


def _joins(matter_: _Matter, new: _Member, rules: MatterRules) -> bool:
    if new.figure.id and new.figure.id in matter_.revised:
        return True  # a figure read after the revision that updates it
    if matter_.out_of_reach(new.when, rules.window(matter_.unit)):
        return False
    recent = matter_.members[-COMPARED_MEMBERS:]
    if not any(_agrees(member, new, rules) for member in recent):
        return False
    return not _conflicts(matter_, new)


def settled(
    groups: Sequence[FigureGroup], last: FigureView, rules: MatterRules | None = None
) -> int:
    """How many leading groups are complete when figures are read in (unit, as_of) order and
    `last` is the last one read: a figure read later joins a matter of its unit only within
    the unit's window of a member, so a matter whose latest member is more than a window
    before `last` (or of a unit read to its end) can gain no one."""
    rules = rules or default_rules()
    reached = _when(last)
    count = 0
    for group in groups:
        if group.unit == last.unit:
            dates = [when for when in map(_when, group.figures) if when is not None]
            latest = max(dates) if dates else None
            if reached is None:
                if latest is None:
                    break  # undated matters take undated figures until the end
            elif latest is None or (reached - latest).days <= rules.window(group.unit):
                break
        count += 1
    return count
