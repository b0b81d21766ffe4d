"""The merged, chronological timeline, with filters pushed down into SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import islice
from typing import Any

from sqlalchemy import Row, Select, and_, or_, select
from sqlalchemy.orm import Session

from briefings.extract.events import default_vocabulary
from briefings.merge import DatedEvent, TimelineEntry, merge_events, would_merge
from briefings.queries.common import citation, cited, escape_like, fact_time
from briefings.store.schema import ActorRow, ArticleRow, EventActorRow, EventRow, SentenceRow


@dataclass(frozen=True)
class TimelineFilter:
    actor: str | None = None  # canonical actor name
    outlet: str | None = None  # canonical outlet (matches the outlet or the wire agency)
    start: date | None = None
    end: date | None = None
    kind: str | None = None
    words: tuple[str, ...] = ()  # every word must occur in the event's sentence


def _event_actor_names(session: Session, event_ids: list[int]) -> dict[int, set[str]]:
    names: dict[int, set[str]] = defaultdict(set)
    for chunk_start in range(0, len(event_ids), 500):
        chunk = event_ids[chunk_start : chunk_start + 500]
        rows = session.execute(
            select(EventActorRow.event_id, ActorRow.name)
            .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
            .where(EventActorRow.event_id.in_(chunk))
        )
        for event_id, name in rows:
            names[event_id].add(name)
    return names


def _event_query(where: TimelineFilter) -> Select[Any]:
    query = cited(EventRow).where(EventRow.date_start.is_not(None))
    if where.kind:
        query = query.where(EventRow.kind == where.kind)
    # Within the window, not merely overlapping it: "2023-09" is not known to fall on the 19th.
    if where.start:
        query = query.where(EventRow.date_start >= where.start)
    if where.end:
        query = query.where(EventRow.date_end <= where.end)
    if where.outlet:
        query = query.where(
            or_(ArticleRow.outlet == where.outlet, ArticleRow.agency == where.outlet)
        )
    if where.actor:
        query = query.where(
            EventRow.id.in_(
                select(EventActorRow.event_id)
                .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
                .where(ActorRow.name == where.actor)
            )
        )
    if where.words:
        for word in where.words:
            query = query.where(SentenceRow.text.ilike(f"%{escape_like(word)}%", escape="\\"))
    return query


def _dated(session: Session, rows: Sequence[Row[Any]]) -> list[DatedEvent]:
    actors = _event_actor_names(session, [row[0].id for row in rows])
    events = []
    for event, outlet, sentence, caption in rows:
        point = fact_time(event)
        assert point is not None
        events.append(
            DatedEvent(
                event_id=event.id,
                kind=event.kind,
                date=point,
                actors=frozenset(actors.get(event.id, set())),
                text=sentence,
                citation=citation(event, outlet, sentence, caption),
            )
        )
    return events


def dated_events(session: Session, where: TimelineFilter) -> list[DatedEvent]:
    rows = session.execute(_event_query(where).order_by(EventRow.date_start, EventRow.id)).all()
    return _dated(session, rows)


def timeline(session: Session, where: TimelineFilter | None = None) -> list[TimelineEntry]:
    """Every merged entry, oldest first (reads the whole history: commands use
    `timeline_page`)."""
    return list(iter_entries(session, where or TimelineFilter()))


CHUNK = 400  # events read per query while walking the history


def iter_entries(session: Session, where: TimelineFilter) -> Iterator[TimelineEntry]:
    """Merged entries oldest first, reading events a chunk at a time: a caller that stops
    early reads only the events its entries need.

    Merging never crosses a date (see `briefings.merge`), so entries of one (start, end) date
    are complete once every event of that date is read; the last date of a chunk waits for
    the next chunk. The order equals sorting the whole merge by (start, end, kind, text).
    """
    family = default_vocabulary().family
    held: list[Row[Any]] = []
    after: tuple[date, date, int] | None = None
    while True:
        query = _event_query(where)
        if after is not None:
            start, end, event_id = after
            query = query.where(
                EventRow.date_start >= start,
                or_(
                    EventRow.date_start > start,
                    EventRow.date_end > end,
                    and_(EventRow.date_end == end, EventRow.id > event_id),
                ),
            )
        rows = session.execute(
            query.order_by(EventRow.date_start, EventRow.date_end, EventRow.id).limit(CHUNK)
        ).all()
        exhausted = len(rows) < CHUNK
        if rows:
            last = rows[-1][0]
            after = (last.date_start, last.date_end, last.id)
        held += rows
        if not exhausted:
            tail_key = (held[-1][0].date_start, held[-1][0].date_end)
            cut = len(held)
            while cut > 0 and (held[cut - 1][0].date_start, held[cut - 1][0].date_end) == tail_key:
                cut -= 1
            ready, held = held[:cut], held[cut:]
        else:
            ready, held = held, []
        if ready:
            yield from merge_events(_dated(session, ready), family)
        if exhausted:
            return


@dataclass(frozen=True)
class TimelinePage:
    """One page of merged entries, and what the walk learnt about the rest."""

    entries: list[TimelineEntry]  # the page shown
    page: int  # the page shown (the last one known when asked past the end)
    pages: int  # pages known so far
    counted: list[TimelineEntry]  # every entry read, up to a few pages past this one
    complete: bool  # False when more entries exist beyond `counted`


def timeline_page(
    session: Session, where: TimelineFilter, page: int, size: int, ahead: int = 10
) -> TimelinePage:
    """A page of the timeline without merging the whole history: entries are read up to
    `ahead` pages past the one asked for, enough to offer the next pages and to say "more
    than N" instead of an exact count that would cost a full read at 100k articles."""
    limit = (max(page, 1) + ahead) * size
    counted = list(islice(iter_entries(session, where), limit + 1))
    complete = len(counted) <= limit
    counted = counted[:limit]
    pages = max(1, -(-len(counted) // size))
    page = min(max(page, 1), pages)
    shown = counted[(page - 1) * size : page * size]
    return TimelinePage(shown, page, pages, counted, complete)


def latest_entries(
    session: Session, where: TimelineFilter, limit: int, *, until: date | None = None
) -> list[TimelineEntry]:
    """The newest merged entries (newest first) without merging the whole history: only the
    most recent events are read, enough to fill `limit` entries after merging."""
    query = _event_query(where)
    if until is not None:
        query = query.where(EventRow.date_start <= until)
    rows = session.execute(
        query.order_by(EventRow.date_start.desc(), EventRow.id.desc()).limit(limit * 6)
    ).all()
    merged = merge_events(_dated(session, rows), default_vocabulary().family)
    merged.sort(key=lambda entry: (entry.date.start, entry.date.end), reverse=True)
    return merged[:limit]


@dataclass(frozen=True)
class OutletEntries:
    """An outlet's entries split into those only it reports and those others report too."""

    exclusive: TimelinePage
    shared: int  # entries read that other outlets also report
    complete: bool  # False when the outlet has entries beyond those read


def _reported_elsewhere(session: Session, outlet: str, entries: list[TimelineEntry]) -> list[bool]:
    """For each entry: does another outlet report an event it would merge with (same dates,
    same kind family, a shared actor, or both without actors and of one kind)?"""
    if not entries:
        return []
    family = default_vocabulary().family
    dates = {(e.date.start, e.date.end) for e in entries}
    other = (
        select(EventRow.id, EventRow.kind, EventRow.date_start, EventRow.date_end, EventRow.text)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(
            or_(*(and_(EventRow.date_start == s, EventRow.date_end == e) for s, e in dates)),
            or_(ArticleRow.outlet.is_(None), ArticleRow.outlet != outlet),
            or_(ArticleRow.agency.is_(None), ArticleRow.agency != outlet),
        )
    )
    rows = session.execute(other).all()
    actors = _event_actor_names(session, [row.id for row in rows])
    seen: dict[tuple[date, date, str], list[tuple[str, frozenset[str], str]]] = defaultdict(list)
    for row in rows:
        key = (row.date_start, row.date_end, family(row.kind))
        seen[key].append((row.kind, frozenset(actors.get(row.id, set())), row.text))
    answers = []
    for entry in entries:
        key = (entry.date.start, entry.date.end, family(entry.kind))
        mine = (entry.kind, frozenset(entry.actors), entry.text)
        answers.append(any(would_merge(mine, theirs) for theirs in seen.get(key, [])))
    return answers


def outlet_entries(
    session: Session, outlet: str, page: int, size: int, ahead: int = 10, read_most: int = 2000
) -> OutletEntries:
    """The outlet's exclusive entries for one page, checking its entries a chunk at a time
    against the other outlets' events of the same dates, instead of merging everything.
    At most `read_most` of the outlet's entries are read; counts beyond are "more than"."""
    want = (max(page, 1) + ahead) * size
    exclusive: list[TimelineEntry] = []
    shared = 0
    read = 0
    walk = iter_entries(session, TimelineFilter(outlet=outlet))
    exhausted = False
    while len(exclusive) < want + 1 and read < read_most:
        chunk = list(islice(walk, 100))
        read += len(chunk)
        for entry, elsewhere in zip(
            chunk, _reported_elsewhere(session, outlet, chunk), strict=True
        ):
            if elsewhere:
                shared += 1
            else:
                exclusive.append(entry)
        if len(chunk) < 100:
            exhausted = True
            break
    complete = exhausted and len(exclusive) <= want
    exclusive = exclusive[:want]
    pages = max(1, -(-len(exclusive) // size))
    page = min(max(page, 1), pages)
    shown = exclusive[(page - 1) * size : page * size]
    return OutletEntries(
        exclusive=TimelinePage(shown, page, pages, exclusive, complete),
        shared=shared,
        complete=exhausted,
    )
