"""Cross-outlet merge: one happening reported by several outlets becomes one timeline entry.

Two dated events merge when their dates are equal at the same precision (so never across
years), their kinds belong to the same family (an "attack" and an "offensive" can be one
happening; a "ceasefire" and a "protest" cannot) and their actors overlap. Pure functions:
the store hands in rows, the queries hand out entries.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from briefings.models import Citation, TimePoint


@dataclass(frozen=True)
class DatedEvent:
    """An event as the merge sees it."""

    event_id: int
    kind: str
    date: TimePoint
    actors: frozenset[str]
    text: str
    citation: Citation


@dataclass
class TimelineEntry:
    date: TimePoint
    kind: str
    actors: list[str]
    text: str
    citations: list[Citation] = field(default_factory=list)
    outlet_names: list[str] = field(default_factory=list)  # all, when citations are a sample
    reports: int = 0  # member events, when known (stored entries)

    @property
    def outlets(self) -> list[str]:
        return self.outlet_names or sorted({c.outlet for c in self.citations})


# Statements are many and varied: two are one happening only when they also read alike.
LOOSE_KINDS = frozenset({"statement", "other"})
SIMILAR_WORDING = 70.0


def _can_merge(a: DatedEvent, b: DatedEvent) -> bool:
    return would_merge((a.kind, a.actors, a.text), (b.kind, b.actors, b.text))


def would_merge(a: tuple[str, frozenset[Any], str], b: tuple[str, frozenset[Any], str]) -> bool:
    """Whether two same-day, same-family reports (kind, actors, text) are one happening."""
    (kind_a, actors_a, text_a), (kind_b, actors_b, text_b) = a, b
    loose = kind_a in LOOSE_KINDS or kind_b in LOOSE_KINDS
    if loose and fuzz.token_set_ratio(text_a, text_b) < SIMILAR_WORDING:
        return False
    if not actors_a and not actors_b:
        return kind_a == kind_b
    return bool(actors_a & actors_b)


def _clusters(events: list[DatedEvent]) -> list[list[DatedEvent]]:
    """Connected groups under `_can_merge` (a small union-find; groups are small)."""
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(events)):
        for j in range(i + 1, len(events)):
            if _can_merge(events[i], events[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[DatedEvent]] = defaultdict(list)
    for i, event in enumerate(events):
        groups[root(i)].append(event)
    return list(groups.values())


def _summary_text(group: list[DatedEvent]) -> str:
    """The shortest body sentence reads best; a caption only when nothing else reports it."""
    body = [e for e in group if not e.citation.caption] or group
    return min(body, key=lambda e: (len(e.text), e.event_id)).text


def merge_events(
    events: Iterable[DatedEvent], family_of: Callable[[str], str]
) -> list[TimelineEntry]:
    """Merged entries in chronological order (start date, then precision: days before months)."""
    buckets: dict[tuple[str, str], list[DatedEvent]] = defaultdict(list)
    for event in events:
        buckets[(event.date.edtf, family_of(event.kind))].append(event)
    entries: list[TimelineEntry] = []
    for bucket in buckets.values():
        for group in _clusters(bucket):
            kinds = Counter(e.kind for e in group)
            actors = Counter(name for e in group for name in sorted(e.actors))
            citations = sorted(
                {e.citation for e in group},
                key=lambda c: (c.outlet, c.article_id, c.sentence_index, c.start),
            )
            entries.append(
                TimelineEntry(
                    date=group[0].date,
                    kind=kinds.most_common(1)[0][0],
                    actors=[name for name, _ in actors.most_common()],
                    text=_summary_text(group),
                    citations=citations,
                )
            )
    entries = _one_entry_per_sentence(entries)
    entries.sort(key=lambda e: (e.date.start, e.date.end, e.kind, e.text))
    return entries


def _sentences(entry: TimelineEntry) -> set[tuple[str, int]]:
    return {(c.article_id, c.sentence_index) for c in entry.citations}


def _one_entry_per_sentence(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    """A sentence dating two kinds to one day ("demanding the withdrawal" is a statement
    and a disarmament) is one line on the card, under its more specific kind."""
    by_date: dict[str, list[TimelineEntry]] = defaultdict(list)
    for entry in entries:
        by_date[entry.date.edtf].append(entry)
    result: list[TimelineEntry] = []
    for same_day in by_date.values():
        kept: list[TimelineEntry] = []
        for entry in sorted(same_day, key=lambda e: e.kind in LOOSE_KINDS):
            home = next((k for k in kept if _sentences(k) & _sentences(entry)), None)
            if home is None:
                kept.append(entry)
                continue
            known = {(c.article_id, c.sentence_index) for c in home.citations}
            home.citations += [
                c for c in entry.citations if (c.article_id, c.sentence_index) not in known
            ]
            home.actors += [name for name in entry.actors if name not in home.actors]
        result += kept
    return result
