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

from sqlalchemy import Connection, Table, delete, func, insert, select, text, update

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
    entry_id: int | None  # None until filed

    @property
    def loose(self) -> bool:
        return self.kind in LOOSE_KINDS

    def lookup_keys(self) -> list[tuple[str, str, int]]:
        if self.actors:
            return [(self.edtf, self.family, actor) for actor in sorted(self.actors)]
        return [(self.edtf, f"={self.kind}", NO_ACTOR)]

    def merge_view(self) -> tuple[str, frozenset[int], str]:
        return (self.kind, self.actors, self.text)


def _text_rank(member: Member) -> int:
    """`_summary_rank` as one number for SQL (lower reads better; ties keep the older)."""
    return int(member.caption) * 1_000_000 + min(len(member.text), 999_999)


def _summary_rank(member: Member) -> tuple[bool, int, int]:
    """Lower is better: a body sentence, then the shortest, then the first stored."""
    return (member.caption, len(member.text), member.event_id)


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
            EventRow.entry_id,
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
                entry_id=row.entry_id,
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


def _candidates(connection: Connection, members: list[Member]) -> dict[int, set[int]]:
    """For each new event, the entries holding a same-family member it shares an actor with
    (or, without actors, one of its kind): one query for the whole article."""
    wanted = {key: member.event_id for member in members for key in member.lookup_keys()}
    found: dict[int, set[int]] = defaultdict(set)
    if not wanted:
        return found
    rows = connection.execute(
        select(
            EntryKeyRow.date_edtf, EntryKeyRow.family, EntryKeyRow.actor_id, EntryKeyRow.entry_id
        ).where(
            EntryKeyRow.date_edtf.in_(sorted({d for d, _, _ in wanted})),
            EntryKeyRow.family.in_(sorted({f for _, f, _ in wanted})),
            EntryKeyRow.actor_id.in_(sorted({a for _, _, a in wanted})),
        )
    )
    by_key: dict[tuple[str, str, int], set[int]] = defaultdict(set)
    for date_edtf, family, actor_id, entry_id in rows:
        by_key[(date_edtf, family, actor_id)].add(entry_id)
    for member in members:
        for key in member.lookup_keys():
            found[member.event_id] |= by_key.get(key, set())
    return found


# Statements a new statement is compared with, newest first: a happening many outlets restate
# (a war's start, a long-running dispute) gathers statements without end, and reading them all
# for every new one made storing slow down as the corpus grew (62% of storing at 35k articles).
ALIKE_MOST = 200


def _alike(
    connection: Connection,
    members: list[Member],
    candidates: dict[int, set[int]],
    family_of: Callable[[str], str],
) -> None:
    """Statements also have to read alike: keep only the candidate entries holding one of
    their latest ALIKE_MOST statements this one would merge with (in place)."""
    loose = [m for m in members if m.loose and candidates.get(m.event_id)]
    if not loose:
        return
    others: list[Member] = []
    for entry_id in sorted({e for m in loose for e in candidates[m.event_id]}):
        # An entry's members share its date; (entry_id, kind, id) is one backward index range.
        recent = (
            select(EventRow.id)
            .where(EventRow.entry_id == entry_id, EventRow.kind.in_(sorted(LOOSE_KINDS)))
            .order_by(EventRow.id.desc())
            .limit(ALIKE_MOST)
        )
        others += _members(connection, EventRow.id.in_(recent), family_of)
    for member in loose:
        candidates[member.event_id] = {
            other.entry_id
            for other in others
            if other.entry_id is not None
            and other.entry_id in candidates[member.event_id]
            and other.edtf == member.edtf
            and would_merge(member.merge_view(), other.merge_view())
        }


def _new_entries(connection: Connection, groups: list[list[Member]]) -> list[int]:
    rows = []
    for group in groups:
        first = group[0]
        summary = min(group, key=_summary_rank)
        rows.append(
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
            }
        )
    if not rows:
        return []
    result = connection.execute(
        insert(ENTRIES).returning(ENTRIES.c.id, sort_by_parameter_order=True), rows
    )
    return [int(entry_id) for entry_id in result.scalars()]


# Plain SQL for the per-event writes: SQLAlchemy cannot cache its ON CONFLICT constructs, and
# compiling them for every stored event cost more than running them. SQLite (3.24+) and
# PostgreSQL both speak this ON CONFLICT.
FILE_EVENT = text("UPDATE events SET entry_id = :entry_id WHERE id = :event_id")
ADD_KEYS = text(
    "INSERT INTO entry_keys (date_edtf, family, actor_id, entry_id) "
    "VALUES (:date_edtf, :family, :actor_id, :entry_id) ON CONFLICT DO NOTHING"
)
# best_event: the member whose sentence reads best (`_text_rank`), so that an actor's or an
# outlet's view of a big entry finds its own wording without reading every member.
_KEEP_BEST = (
    "best_event = CASE WHEN excluded.best_rank < {t}.best_rank "
    "THEN excluded.best_event ELSE {t}.best_event END, "
    "best_rank = CASE WHEN excluded.best_rank < {t}.best_rank "
    "THEN excluded.best_rank ELSE {t}.best_rank END"
)
ADD_ACTORS = text(
    "INSERT INTO entry_actors (entry_id, actor_id, events, best_event, best_rank, date_start, "
    "date_end) VALUES (:entry_id, :actor_id, :events, :best_event, :best_rank, :date_start, "
    ":date_end) ON CONFLICT (entry_id, actor_id) DO UPDATE SET "
    "events = entry_actors.events + excluded.events, " + _KEEP_BEST.format(t="entry_actors")
)
ADD_SOURCES = text(
    "INSERT INTO entry_sources (entry_id, name, events, cited, sole, first_event, best_event, "
    "best_rank, date_start, date_end) VALUES (:entry_id, :name, :events, :cited, :sole, "
    ":first_event, :best_event, :best_rank, :date_start, :date_end) "
    "ON CONFLICT (entry_id, name) DO UPDATE SET events = entry_sources.events + excluded.events, "
    "cited = entry_sources.cited + excluded.cited, "
    "first_event = CASE WHEN excluded.first_event < entry_sources.first_event "
    "THEN excluded.first_event ELSE entry_sources.first_event END, "
    + _KEEP_BEST.format(t="entry_sources")
)
UPDATE_ENTRY = text(
    "UPDATE timeline_entries SET events = :events, kind = :kind, text = :text, "
    "text_event_id = :text_event_id, text_caption = :text_caption WHERE id = :entry_id"
)
UPDATE_SOLE = text("UPDATE entry_sources SET sole = (events = :events) WHERE entry_id = :entry_id")


def _add_members(connection: Connection, additions: dict[int, list[Member]]) -> None:
    """Counts, keys, actors, outlets, kind and summary of entries gaining members: a few
    statements for the whole article, whatever the number of entries."""
    if not additions:
        return
    targets = sorted(additions)
    filed = [(entry_id, m) for entry_id in targets for m in additions[entry_id]]
    connection.execute(FILE_EVENT, [{"entry_id": e, "event_id": m.event_id} for e, m in filed])
    connection.execute(
        ADD_KEYS,
        [
            {"date_edtf": d, "family": f, "actor_id": a, "entry_id": entry_id}
            for entry_id, member in filed
            for d, f, a in member.lookup_keys()
        ],
    )
    entries = {
        row.id: row for row in connection.execute(select(ENTRIES).where(ENTRIES.c.id.in_(targets)))
    }
    actor_rows, source_rows = [], []
    for entry_id in targets:
        group = additions[entry_id]
        dates = {"date_start": entries[entry_id].date_start, "date_end": entries[entry_id].date_end}
        for actor in sorted({a for m in group for a in m.actors}):
            own = [m for m in group if actor in m.actors]
            best = min(own, key=_summary_rank)
            actor_rows.append(
                {
                    "entry_id": entry_id,
                    "actor_id": actor,
                    "events": len(own),
                    "best_event": best.event_id,
                    "best_rank": _text_rank(best),
                    **dates,
                }
            )
        cited = Counter(m.cited_as for m in group)
        for name in sorted({n for m in group for n in m.sources}):
            own = [m for m in group if name in m.sources]
            best = min(own, key=_summary_rank)
            source_rows.append(
                {
                    "entry_id": entry_id,
                    "name": name,
                    "events": len(own),
                    "cited": cited.get(name, 0),
                    "sole": False,
                    "first_event": min(m.event_id for m in own),
                    "best_event": best.event_id,
                    "best_rank": _text_rank(best),
                    **dates,
                }
            )
    if actor_rows:
        connection.execute(ADD_ACTORS, actor_rows)
    connection.execute(ADD_SOURCES, source_rows)
    kinds = _entry_kinds(connection, targets)
    updates = []
    for entry_id in targets:
        entry, group = entries[entry_id], additions[entry_id]
        summary = min(group, key=_summary_rank)
        current = (entry.text_caption, len(entry.text), entry.text_event_id)
        better = entry.events == 0 or _summary_rank(summary) < current
        updates.append(
            {
                "entry_id": entry_id,
                "events": entry.events + len(group),
                "kind": kinds[entry_id],
                "text": summary.text if better else entry.text,
                "text_event_id": summary.event_id if better else entry.text_event_id,
                "text_caption": summary.caption if better else entry.text_caption,
            }
        )
    connection.execute(UPDATE_ENTRY, updates)
    connection.execute(
        UPDATE_SOLE, [{"entry_id": u["entry_id"], "events": u["events"]} for u in updates]
    )


def _entry_kinds(connection: Connection, entry_ids: list[int]) -> dict[int, str]:
    """Per entry, the kind most members report, a specific kind before a loose one
    ("statement"), the first reported on a tie."""
    best: dict[int, tuple[bool, int, int, str]] = {}
    for entry_id, kind, count, first in connection.execute(
        select(EventRow.entry_id, EventRow.kind, func.count(), func.min(EventRow.id))
        .where(EventRow.entry_id.in_(entry_ids))
        .group_by(EventRow.entry_id, EventRow.kind)
    ):
        rank = (kind in LOOSE_KINDS, -count, first, kind)
        if entry_id not in best or rank < best[entry_id]:
            best[entry_id] = rank
    return {entry_id: rank[3] for entry_id, rank in best.items()}


def _absorb(
    connection: Connection, target: int, others: set[int], family_of: Callable[[str], str]
) -> list[Member]:
    """A new event bridging entries joins them: `others` move into `target` (the oldest),
    whose summary is then rebuilt from every member (returned, to be added again)."""
    moved = sorted(others)
    connection.execute(update(EVENTS).where(EVENTS.c.entry_id.in_(moved)).values(entry_id=target))
    for table in (ENTRY_KEYS, ENTRY_ACTORS, ENTRY_SOURCES):
        connection.execute(delete(table).where(table.c.entry_id.in_([*moved, target])))
    connection.execute(delete(ENTRIES).where(ENTRIES.c.id.in_(moved)))
    connection.execute(update(ENTRIES).where(ENTRIES.c.id == target).values(events=0))
    return _members(connection, EventRow.entry_id == target, family_of)


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
    candidates = _candidates(connection, members)
    _alike(connection, members, candidates, family_of)
    additions: dict[int, list[Member]] = defaultdict(list)
    moved_to: dict[int, int] = {}  # entries absorbed while filing this article
    fresh: list[list[Member]] = []
    for group in _groups(members):
        joined = set()
        for member in group:
            for entry_id in candidates.get(member.event_id, ()):
                while entry_id in moved_to:
                    entry_id = moved_to[entry_id]
                joined.add(entry_id)
        if not joined:
            fresh.append(group)
            continue
        target = min(joined)
        if len(joined) > 1:
            old_members = _absorb(connection, target, joined - {target}, family_of)
            pending = [m for e in joined for m in additions.pop(e, [])]
            for other in joined - {target}:
                moved_to[other] = target
            additions[target] = old_members + pending
        additions[target] += group
    for entry_id, group in zip(_new_entries(connection, fresh), fresh, strict=True):
        additions[entry_id] = group
    _add_members(connection, additions)


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
