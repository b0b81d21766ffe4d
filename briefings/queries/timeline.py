"""The chronological timeline read from stored entries (`briefings.store.entries` merges
reports when they are stored), with filters pushed down into SQL: a page costs a page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, and_, exists, func, or_, select, true
from sqlalchemy.orm import Session

from briefings.merge import DatedEvent, TimelineEntry
from briefings.models import Citation
from briefings.queries.common import citation, cited, escape_like, fact_time, serial
from briefings.store.schema import (
    ActorRow,
    ArticleRow,
    EntryActorRow,
    EntryRow,
    EntrySourceRow,
    EventActorRow,
    EventRow,
    SentenceRow,
)
from briefings.stories.scope import current_story, story_member


@dataclass(frozen=True)
class TimelineFilter:
    actor: str | None = None  # canonical actor name
    outlet: str | None = None  # canonical outlet (matches the outlet or the wire agency)
    start: date | None = None
    end: date | None = None
    kind: str | None = None
    words: tuple[str, ...] = ()  # every word must occur in the event's sentence
    # Starting on or before this day, however long it lasts: the background of a story is
    # what starts before its recent period (`briefings.queries.recent`), "2023-09" included.
    until: date | None = None


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
    if where.until:
        query = query.where(EventRow.date_start <= where.until)
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
                text=event.text,  # the clause that carries the date, as the store merges it
                citation=citation(event, outlet, sentence, caption),
            )
        )
    return events


def dated_events(session: Session, where: TimelineFilter) -> list[DatedEvent]:
    rows = session.execute(_event_query(where).order_by(EventRow.date_start, EventRow.id)).all()
    return _dated(session, rows)


def timeline(session: Session, where: TimelineFilter | None = None) -> list[TimelineEntry]:
    """Every entry, oldest first (reads the whole history: commands use `timeline_page`)."""
    where = where or TimelineFilter()
    ids = list(session.execute(_entry_ids(where)).scalars())
    return _load_entries(session, ids, with_citations=True, actor=where.actor, outlet=where.outlet)


def _entry_ids(
    where: TimelineFilter,
    *,
    sole_outlet: bool | None = None,
    newest_first: bool = False,
    until: date | None = None,
    dated: bool = False,
) -> Select[Any]:
    """Entry ids matching the filter in timeline order, as one index range: the filter that
    narrows most (actor, then outlet, then kind) drives, in its own date order. `dated` adds
    each entry's start date (from the driving index: no extra read)."""
    if where.actor:
        driver: Any = EntryActorRow
        key = EntryActorRow.entry_id
        query = select(key).where(
            EntryActorRow.actor_id
            == select(ActorRow.id).where(ActorRow.name == where.actor).scalar_subquery()
        )
    elif where.outlet:
        driver, key = EntrySourceRow, EntrySourceRow.entry_id
        query = select(key).where(EntrySourceRow.name == where.outlet)
        if sole_outlet is not None:
            query = query.where(EntrySourceRow.sole == sole_outlet)
    elif where.kind:
        driver, key = EntryRow, EntryRow.id
        query = select(key).where(EntryRow.kind == where.kind)
    else:
        driver, key = EntryRow, EntryRow.id
        query = select(key)
    if where.actor and where.outlet:
        query = query.where(
            key.in_(select(EntrySourceRow.entry_id).where(EntrySourceRow.name == where.outlet))
        )
    if where.kind and (where.actor or where.outlet):
        query = query.where(key.in_(select(EntryRow.id).where(EntryRow.kind == where.kind)))
    # Within the window, not merely overlapping it: "2023-09" is not known to fall on the 19th.
    if where.start:
        query = query.where(driver.date_start >= where.start)
    if where.end:
        query = query.where(driver.date_end <= where.end)
    for bound in (until, where.until):
        if bound:
            query = query.where(driver.date_start <= bound)
    if dated:
        query = query.add_columns(driver.date_start)
    for word in where.words:
        query = query.where(
            key.in_(
                select(EventRow.entry_id)
                .join(
                    SentenceRow,
                    and_(
                        SentenceRow.article_id == EventRow.article_id,
                        SentenceRow.idx == EventRow.sentence_idx,
                    ),
                )
                .where(SentenceRow.text.ilike(f"%{escape_like(word)}%", escape="\\"))
            )
        )
    story = story_member(EventRow.article_id)
    if story is not None:  # an entry is the story's when one of its reports is
        query = query.where(exists().where(EventRow.entry_id == key, story))
    order = (driver.date_start, driver.date_end, key)
    if newest_first:
        return query.order_by(*(column.desc() for column in order))
    return query.order_by(*order)


def _walked(session: Session, query: Select[Any]) -> list[Row[Any]]:
    """The rows of an `_entry_ids` query. In a story each entry walked is checked against
    the story's articles until the page is found: planned serially (`serial`), since the
    planner prices the whole walk and would start workers for it."""
    with serial(session, current_story() is not None):
        return list(session.execute(query))


MAX_CITATIONS = 12  # per entry on a card; a happening every outlet covered lists a sample


def _citations(
    session: Session, sizes: dict[int, int], outlet: str | None = None
) -> dict[int, list[Citation]]:
    """Up to MAX_CITATIONS per entry (of `outlet`'s own reports, on its timeline). A small
    entry cites every report; a big one each outlet's first report, read through
    `entry_sources` so that the cost does not grow with the entry."""
    small = [entry_id for entry_id, events in sizes.items() if events <= MAX_CITATIONS]
    big = [entry_id for entry_id, events in sizes.items() if events > MAX_CITATIONS]
    reports = (
        select(
            EventRow.entry_id,
            EventRow.article_id,
            EventRow.sentence_idx,
            EventRow.span_start,
            EventRow.span_end,
            ArticleRow.outlet,
            SentenceRow.text.label("sentence"),
            SentenceRow.caption,
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .join(
            SentenceRow,
            and_(
                SentenceRow.article_id == EventRow.article_id,
                SentenceRow.idx == EventRow.sentence_idx,
            ),
        )
    )
    story = story_member(EventRow.article_id)
    if story is not None:  # only the story's own reports are cited
        reports = reports.where(story)
    chosen: dict[int, dict[tuple[str, int], Citation]] = defaultdict(dict)
    queries = []
    if small:
        queries.append(
            reports.where(
                EventRow.entry_id.in_(small),
                or_(ArticleRow.outlet == outlet, ArticleRow.agency == outlet) if outlet else true(),
            )
        )
    if big:
        # The first MAX_CITATIONS outlets by name of each entry (a card cites no more), so
        # that an entry every outlet covered costs twelve rows, not one per outlet.
        ranked = (
            select(
                EntrySourceRow.first_event,
                func.row_number()
                .over(partition_by=EntrySourceRow.entry_id, order_by=EntrySourceRow.name)
                .label("rank"),
            )
            .where(
                EntrySourceRow.entry_id.in_(big),
                EntrySourceRow.name == outlet if outlet else EntrySourceRow.cited > 0,
            )
            .subquery()
        )
        firsts = select(ranked.c.first_event).where(ranked.c.rank <= MAX_CITATIONS)
        queries.append(reports.where(EventRow.id.in_(firsts)))
    for query in queries:
        for row in session.execute(query):
            cite = citation(row, row.outlet, row.sentence, row.caption)
            # One citation per sentence, however many events it reports.
            chosen[row.entry_id].setdefault((cite.article_id, cite.sentence_index), cite)
    return {
        entry_id: sorted(cites.values(), key=_citation_order)[:MAX_CITATIONS]
        for entry_id, cites in chosen.items()
    }


def _citation_order(c: Citation) -> tuple[str, str, int, int]:
    return (c.outlet, c.article_id, c.sentence_index, c.start)


def _focus_texts(
    session: Session, entry_ids: list[int], actor: str | None, outlet: str | None
) -> dict[int, str]:
    """On an actor's or outlet's timeline an entry reads as the best sentence of its own
    reports (the entry's summary may be another outlet's sentence about the happening),
    kept per entry and actor or outlet when stored."""
    if actor:
        own: Any = EntryActorRow
        narrow = EntryActorRow.actor_id == (
            select(ActorRow.id).where(ActorRow.name == actor).scalar_subquery()
        )
    else:
        own, narrow = EntrySourceRow, EntrySourceRow.name == outlet
    rows = session.execute(
        select(own.entry_id, EventRow.text)
        .join(EventRow, EventRow.id == own.best_event)
        .where(own.entry_id.in_(entry_ids), narrow)
    )
    return {entry_id: text for entry_id, text in rows}


def _story_texts(
    session: Session, rows: list[Any], cites: dict[int, list[Citation]], story: Any
) -> dict[int, str]:
    """In a story, an entry whose summary sentence is another story's report reads as the
    shortest of its own cited sentences instead (a happening two stories report)."""
    own = set(
        session.scalars(
            select(EventRow.id).where(EventRow.id.in_([r.text_event_id for r in rows]), story)
        )
    )
    texts = {}
    for row in rows:
        cited_here = cites.get(row.id)
        if row.text_event_id not in own and cited_here:
            texts[row.id] = min((c.sentence for c in cited_here), key=len)
    return texts


# Columns, not ORM objects: a page reads up to a hundred entries and needs no identity map.
ENTRY_COLUMNS = select(
    EntryRow.id,
    EntryRow.kind,
    EntryRow.text,
    EntryRow.text_event_id,
    EntryRow.events,
    EntryRow.date_edtf,
    EntryRow.date_precision,
    EntryRow.date_start,
    EntryRow.date_end,
    EntryRow.date_inferred,
)


def _load_entries(
    session: Session,
    entry_ids: list[int],
    *,
    with_citations: bool,
    actor: str | None = None,
    outlet: str | None = None,
) -> list[TimelineEntry]:
    """Entries in the order of `entry_ids`; citations only for the ones a card shows."""
    if not entry_ids:
        return []
    rows: dict[int, Any] = {}
    actors: dict[int, list[tuple[int, str]]] = defaultdict(list)
    outlets: dict[int, list[str]] = defaultdict(list)
    cites: dict[int, list[Citation]] = {}
    texts: dict[int, str] = {}
    for chunk_start in range(0, len(entry_ids), 500):
        chunk = entry_ids[chunk_start : chunk_start + 500]
        rows.update(
            (row.id, row) for row in session.execute(ENTRY_COLUMNS.where(EntryRow.id.in_(chunk)))
        )
        if with_citations:  # counted entries need only dates, kinds and outlets
            for entry_id, events, name in session.execute(
                select(EntryActorRow.entry_id, EntryActorRow.events, ActorRow.name)
                .join(ActorRow, ActorRow.id == EntryActorRow.actor_id)
                .where(EntryActorRow.entry_id.in_(chunk))
            ):
                actors[entry_id].append((-events, name))
        for entry_id, name in session.execute(
            select(EntrySourceRow.entry_id, EntrySourceRow.name).where(
                EntrySourceRow.entry_id.in_(chunk), EntrySourceRow.cited > 0
            )
        ):
            outlets[entry_id].append(name)
        if with_citations:
            cites.update(_citations(session, {i: rows[i].events for i in chunk}, outlet))
            if actor or outlet:
                texts.update(_focus_texts(session, chunk, actor, outlet))
            elif (story := story_member(EventRow.article_id)) is not None:
                texts.update(_story_texts(session, [rows[i] for i in chunk], cites, story))
    entries = []
    for entry_id in entry_ids:
        row = rows[entry_id]
        point = fact_time(row)
        assert point is not None
        entries.append(
            TimelineEntry(
                date=point,
                kind=row.kind,
                actors=[name for _, name in sorted(actors[entry_id])],
                text=texts.get(entry_id, row.text),
                citations=cites.get(entry_id, []),
                outlet_names=sorted(outlets[entry_id]),
                reports=row.events,
            )
        )
    return entries


@dataclass(frozen=True)
class TimelinePage:
    """One page of entries, and what the read learnt about the rest."""

    entries: list[TimelineEntry]  # the page shown, with citations
    page: int  # the page shown (the last one known when asked past the end)
    pages: int  # pages known so far
    ids: list[int]  # every entry id read (in order), up to a few pages past this one
    complete: bool  # False when more entries exist beyond `ids`
    days: list[date] = field(default_factory=list)  # the start date of each of `ids`

    @property
    def count(self) -> int:
        """Entries known: all of them when `complete`, else a lower bound."""
        return len(self.ids)


def _page_of(
    session: Session,
    query: Select[Any],
    page: int,
    size: int,
    ahead: int,
    where: TimelineFilter,
) -> TimelinePage:
    """Entry ids are read up to `ahead` pages past the one asked for (an index range, ids
    only): enough to offer the next pages and to say "more than N" rather than count all.
    Only the page shown is loaded."""
    limit = (max(page, 1) + ahead) * size
    rows = _walked(session, query.limit(limit + 1))
    complete = len(rows) <= limit
    ids = [row[0] for row in rows[:limit]]
    days = [row[1] for row in rows[:limit]] if rows and len(rows[0]) > 1 else []
    pages = max(1, -(-len(ids) // size))
    page = min(max(page, 1), pages)
    shown = _load_entries(
        session,
        ids[(page - 1) * size : page * size],
        with_citations=True,
        actor=where.actor,
        outlet=where.outlet,
    )
    return TimelinePage(shown, page, pages, ids, complete, days)


def counted_entries(session: Session, ids: list[int]) -> list[TimelineEntry]:
    """The entries of `ids` without citations (dates, kinds, outlets): for a chart."""
    return _load_entries(session, ids, with_citations=False)


def outlets_of(session: Session, ids: list[int]) -> set[str]:
    """The outlets citing any of the entries."""
    names: set[str] = set()
    for chunk_start in range(0, len(ids), 500):
        names.update(
            session.scalars(
                select(EntrySourceRow.name)
                .where(
                    EntrySourceRow.entry_id.in_(ids[chunk_start : chunk_start + 500]),
                    EntrySourceRow.cited > 0,
                )
                .distinct()
            )
        )
    return names


def timeline_page(
    session: Session,
    where: TimelineFilter,
    page: int,
    size: int,
    ahead: int = 10,
    *,
    newest_first: bool = False,
) -> TimelinePage:
    """A page of the timeline, oldest first (or newest first), with the start dates of the
    entries read ahead (for a chart)."""
    query = _entry_ids(where, newest_first=newest_first, dated=True)
    return _page_of(session, query, page, size, ahead, where)


def entry_days(session: Session, where: TimelineFilter, most: int) -> list[date]:
    """The start dates of the first `most` + 1 matching entries, oldest first: as many as
    there are when at most `most` (a count and a chart), else a sign that there are more.
    One index range, like a page."""
    rows = _walked(session, _entry_ids(where, dated=True).limit(most + 1))
    return [day for _, day in rows]


def newest_entry_day(
    session: Session, where: TimelineFilter, until: date | None = None
) -> date | None:
    """The start date of the newest matching entry starting on or before `until`: one step
    backwards along the driving index."""
    query = _entry_ids(where, newest_first=True, until=until, dated=True).limit(1)
    rows = _walked(session, query)
    return rows[0][1] if rows else None


def latest_entries(
    session: Session, where: TimelineFilter, limit: int, *, until: date | None = None
) -> list[TimelineEntry]:
    """The newest entries, newest first."""
    query = _entry_ids(where, newest_first=True, until=until).limit(limit)
    ids = [row[0] for row in _walked(session, query)]
    return _load_entries(session, ids, with_citations=True, actor=where.actor, outlet=where.outlet)


@dataclass(frozen=True)
class OutletEntries:
    """An outlet's entries split into those only it reports and those others report too."""

    exclusive: TimelinePage
    shared: int  # entries that other outlets also report (counted up to `count_most`)
    complete: bool  # False when `shared` stopped counting at `count_most`


def outlet_entries(
    session: Session, outlet: str, page: int, size: int, ahead: int = 10, count_most: int = 2000
) -> OutletEntries:
    """The outlet's exclusive entries for one page (entries every report of which is the
    outlet's own), and how many of its entries other outlets report too."""
    where = TimelineFilter(outlet=outlet)
    exclusive = _page_of(session, _entry_ids(where, sole_outlet=True), page, size, ahead, where)
    shared_ids = (
        select(EntrySourceRow.entry_id)
        .where(EntrySourceRow.name == outlet, EntrySourceRow.sole.is_(False))
        .limit(count_most + 1)
        .subquery()
    )
    shared = session.scalar(select(func.count()).select_from(shared_ids)) or 0
    return OutletEntries(
        exclusive=exclusive, shared=min(shared, count_most), complete=shared <= count_most
    )
