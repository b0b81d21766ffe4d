"""The merged, chronological timeline, with filters pushed down into SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, or_, select
from sqlalchemy.orm import Session

from briefings.extract.events import default_vocabulary
from briefings.merge import DatedEvent, TimelineEntry, merge_events
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
    """Merged entries, oldest first."""
    vocabulary = default_vocabulary()
    return merge_events(dated_events(session, where or TimelineFilter()), vocabulary.family)


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
