"""Timeline entries kept up to date as events are stored.

Merging reports of one happening (`briefings.merge.would_merge`) used to run when a command
was asked, over every event of the dates it showed; at 100k articles a busy date holds
thousands of events and the pairwise merge dominated `/timeline`. Stored articles never change,
so each new event joins its entry once, here, inside the writer's transaction, and a page of
the timeline becomes an index range over `timeline_entries`.

The rule is the query-time one: events of one date join when `would_merge` says so for some
member of the entry's same kind family, and events that one sentence dates to one day are one
entry. Finding candidates is a primary-key lookup in `entry_keys`, never a scan of the date.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, and_, delete, func, insert, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from briefings.merge import LOOSE_KINDS, would_merge
from briefings.store.schema import (
    ArticleRow,
    EntryActorRow,
    EntryKeyRow,
    EntryRow,
    EntrySourceRow,
    EventActorRow,
    EventRow,
)

ENTRIES: Table = EntryRow.__table__  # type: ignore[assignment]
ENTRY_ACTORS: Table = EntryActorRow.__table__  # type: ignore[assignment]
ENTRY_SOURCES: Table = EntrySourceRow.__table__  # type: ignore[assignment]
ENTRY_KEYS: Table = EntryKeyRow.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]

# PostgreSQL: writers in several processes take turns, so two reports of one happening stored
# at the same moment cannot start two entries.
ENTRY_LOCK_KEY = 0x62726965666E01
NO_ACTOR = 0


@dataclass(frozen=True)
class Member:
    """An event as entry maintenance sees it."""

    event_id: int
    kind: str
    family: str
    edtf: str
    precision: str
    start: Any
    end: Any
    inferred: bool
    actors: frozenset[int]
    text: str
    sentence_idx: int
    caption: bool
    sources: frozenset[str]  # the article's outlet label and wire agency
    cited_as: str  # the outlet label its citation shows

    @property
    def loose(self) -> bool:
        return self.kind in LOOSE_KINDS

    def lookup_keys(self) -> list[tuple[str, str, int]]:
        if self.actors:
            return [(self.edtf, self.family, actor) for actor in sorted(self.actors)]
        return [(self.edtf, f"={self.kind}", NO_ACTOR)]

    def merge_view(self) -> tuple[str, frozenset[int], str]:
        return (self.kind, self.actors, self.text)


def _summary_rank(member: Member) -> tuple[bool, int, int]:
    """Lower is better: a body sentence, then the shortest, then the first stored."""
    return (member.caption, len(member.text), member.event_id)


def _upsert(connection: Connection) -> Any:
    return postgresql_insert if connection.dialect.name == "postgresql" else sqlite_insert


def _members(connection: Connection, where: Any, family_of: Callable[[str], str]) -> list[Member]:
    rows = connection.execute(
        select(
            EventRow.id,
            EventRow.kind,
            EventRow.date_edtf,
            EventRow.date_precision,
            EventRow.date_start,
            EventRow.date_end,
            EventRow.date_inferred,
            EventRow.text,
            EventRow.sentence_idx,
            EventRow.caption,
            ArticleRow.outlet,
            ArticleRow.agency,
        )
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(where, EventRow.date_start.is_not(None))
        .order_by(EventRow.id)
    ).all()
    actors: dict[int, set[int]] = defaultdict(set)
    ids = [row.id for row in rows]
    for chunk in range(0, len(ids), 500):
        for event_id, actor_id in connection.execute(
            select(EventActorRow.event_id, EventActorRow.actor_id).where(
                EventActorRow.event_id.in_(ids[chunk : chunk + 500])
            )
        ):
            actors[event_id].add(actor_id)
    members = []
    for row in rows:
        label = row.outlet or "Unattributed"
        members.append(
            Member(
                event_id=row.id,
                kind=row.kind,
                family=family_of(row.kind),
                edtf=row.date_edtf,
                precision=row.date_precision,
                start=row.date_start,
                end=row.date_end,
                inferred=bool(row.date_inferred),
                actors=frozenset(actors.get(row.id, ())),
                text=row.text,
                sentence_idx=row.sentence_idx,
                caption=bool(row.caption),
                sources=frozenset(name for name in (label, row.agency) if name),
                cited_as=label,
            )
        )
    return members


def _groups(members: list[Member]) -> list[list[Member]]:
    """One article's dated events grouped as they merge among themselves."""
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            if a.edtf != b.edtf:
                continue
            same_sentence = a.sentence_idx == b.sentence_idx
            if same_sentence or (
                a.family == b.family and would_merge(a.merge_view(), b.merge_view())
            ):
                parent[root(j)] = root(i)
    grouped: dict[int, list[Member]] = defaultdict(list)
    for i, member in enumerate(members):
        grouped[root(i)].append(member)
    return list(grouped.values())


def _candidates(connection: Connection, member: Member) -> set[int]:
    """Entries holding a same-family member this event shares an actor with (or, without
    actors, one of its kind)."""
    keys = member.lookup_keys()
    rows = connection.execute(
        select(EntryKeyRow.entry_id).where(
            EntryKeyRow.date_edtf == member.edtf,
            EntryKeyRow.family == keys[0][1],
            EntryKeyRow.actor_id.in_([actor for _, _, actor in keys]),
        )
    )
    return {entry_id for (entry_id,) in rows}


def _joins(connection: Connection, member: Member, family_of: Callable[[str], str]) -> set[int]:
    """The existing entries this new event belongs to."""
    candidates = _candidates(connection, member)
    if not member.loose or not candidates:
        return candidates
    # Statements also have to read alike: compare with the candidates' statements.
    others = _members(
        connection,
        and_(
            EventRow.entry_id.in_(sorted(candidates)),
            EventRow.date_edtf == member.edtf,
            EventRow.kind.in_(sorted(LOOSE_KINDS)),
        ),
        family_of,
    )
    entry_of: dict[int, int] = dict(
        connection.execute(  # type: ignore[arg-type]
            select(EventRow.id, EventRow.entry_id).where(
                EventRow.id.in_([other.event_id for other in others])
            )
        ).all()
    )
    return {
        entry_of[other.event_id]
        for other in others
        if would_merge(member.merge_view(), other.merge_view())
    }


def _new_entry(connection: Connection, group: list[Member]) -> int:
    first = group[0]
    summary = min(group, key=_summary_rank)
    result = connection.execute(
        insert(ENTRIES).returning(ENTRIES.c.id),
        {
            "date_edtf": first.edtf,
            "date_precision": first.precision,
            "date_start": first.start,
            "date_end": first.end,
            "date_inferred": first.inferred,
            "kind": first.kind,
            "text": summary.text,
            "text_event_id": summary.event_id,
            "text_caption": summary.caption,
            "events": 0,
        },
    )
    return int(result.scalar_one())


def _add_members(connection: Connection, entry_id: int, group: list[Member]) -> None:
    """Counts, keys, actors, outlets and summary of an entry gaining `group`."""
    upsert = _upsert(connection)
    connection.execute(
        update(EVENTS).where(EVENTS.c.id.in_([m.event_id for m in group])).values(entry_id=entry_id)
    )
    key_rows = [
        {"date_edtf": d, "family": f, "actor_id": a, "entry_id": entry_id}
        for member in group
        for d, f, a in member.lookup_keys()
    ]
    connection.execute(upsert(ENTRY_KEYS).on_conflict_do_nothing(), key_rows)
    entry = connection.execute(select(ENTRIES).where(ENTRIES.c.id == entry_id)).one()
    dates = {"date_start": entry.date_start, "date_end": entry.date_end}

    actor_counts = Counter(actor for member in group for actor in member.actors)
    if actor_counts:
        statement = upsert(ENTRY_ACTORS)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=["entry_id", "actor_id"],
                set_={"events": ENTRY_ACTORS.c.events + statement.excluded.events},
            ),
            [
                {"entry_id": entry_id, "actor_id": actor, "events": count, **dates}
                for actor, count in sorted(actor_counts.items())
            ],
        )
    source_counts = Counter(name for member in group for name in member.sources)
    cited_counts = Counter(member.cited_as for member in group)
    statement = upsert(ENTRY_SOURCES)
    connection.execute(
        statement.on_conflict_do_update(
            index_elements=["entry_id", "name"],
            set_={
                "events": ENTRY_SOURCES.c.events + statement.excluded.events,
                "cited": ENTRY_SOURCES.c.cited + statement.excluded.cited,
            },
        ),
        [
            {
                "entry_id": entry_id,
                "name": name,
                "events": count,
                "cited": cited_counts.get(name, 0),
                "sole": False,
                **dates,
            }
            for name, count in sorted(source_counts.items())
        ],
    )
    total = entry.events + len(group)
    summary = min(group, key=_summary_rank)
    values: dict[str, object] = {"events": total, "kind": _entry_kind(connection, entry_id)}
    current = (entry.text_caption, len(entry.text), entry.text_event_id)
    if entry.events == 0 or _summary_rank(summary) < current:
        values.update(
            text=summary.text, text_event_id=summary.event_id, text_caption=summary.caption
        )
    connection.execute(update(ENTRIES).where(ENTRIES.c.id == entry_id).values(**values))
    connection.execute(
        update(ENTRY_SOURCES)
        .where(ENTRY_SOURCES.c.entry_id == entry_id)
        .values(sole=ENTRY_SOURCES.c.events == total)
    )


def _entry_kind(connection: Connection, entry_id: int) -> str:
    """The kind most members report, a specific kind before a loose one ("statement"), the
    first reported on a tie."""
    rows = connection.execute(
        select(EventRow.kind, func.count(), func.min(EventRow.id))
        .where(EventRow.entry_id == entry_id)
        .group_by(EventRow.kind)
    ).all()
    return str(min(rows, key=lambda row: (row[0] in LOOSE_KINDS, -row[1], row[2]))[0])


def _absorb(connection: Connection, target: int, others: set[int]) -> None:
    """A new event bridging entries joins them: `others` move into `target` (the oldest)."""
    moved = sorted(others)
    connection.execute(update(EVENTS).where(EVENTS.c.entry_id.in_(moved)).values(entry_id=target))
    for table in (ENTRY_KEYS, ENTRY_ACTORS, ENTRY_SOURCES):
        connection.execute(delete(table).where(table.c.entry_id.in_([*moved, target])))
    connection.execute(delete(ENTRIES).where(ENTRIES.c.id.in_(moved)))
    connection.execute(update(ENTRIES).where(ENTRIES.c.id == target).values(events=0))


def _rebuild_members(
    connection: Connection, entry_id: int, family_of: Callable[[str], str]
) -> list[Member]:
    return _members(connection, EventRow.entry_id == entry_id, family_of)


def assign_entries(
    connection: Connection, article_id: str, family_of: Callable[[str], str]
) -> None:
    """File the article's dated events into timeline entries (call once, after they are
    inserted, in the same transaction)."""
    members = _members(connection, EventRow.article_id == article_id, family_of)
    if not members:
        return
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ENTRY_LOCK_KEY})
    for group in _groups(members):
        joined: set[int] = set()
        for member in group:
            joined |= _joins(connection, member, family_of)
        if not joined:
            _add_members(connection, _new_entry(connection, group), group)
            continue
        target = min(joined)
        if len(joined) > 1:
            _absorb(connection, target, joined - {target})
            group = _rebuild_members(connection, target, family_of) + group
        _add_members(connection, target, group)


def rebuild_entries(connection: Connection, family_of: Callable[[str], str]) -> int:
    """Entries for every stored article, in the order they were stored (the migration that
    introduced entries runs this over existing databases). Returns articles processed."""
    ids = connection.execute(
        select(ArticleRow.id).order_by(ArticleRow.ingested_at, ArticleRow.id)
    ).scalars()
    count = 0
    for article_id in list(ids):
        assign_entries(connection, article_id, family_of)
        count += 1
    return count
