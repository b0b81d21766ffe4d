"""Working out alerts when an article is stored, inside the writer's transaction.

Only facts this article brought are considered, so an alert is never about old news: a rule
made after the seeds were stored sees nothing of them. What triggers, for each rule (a
channel bound to a story only for articles of that story):

- a *new* timeline entry (no other article's event in it) of a chosen kind or involving a
  chosen actor, dated within `recent_days` of the article;
- a figure reaching a threshold the last figure of its matter (unit and places) was below,
  or rising by the jump percentage over that last figure;
- a *new* denial by one speaker of what another asserted recently (`briefings.contradictions`);
  a later article retelling a denial the same speaker made before is not new.

A later report of a happening already alerted (the same entry, the same figure) does not
queue a second alert: it adds its outlet to the alert's row and bumps its revision, and
delivery edits the post. The cost per stored article is one light read of the rules
(`briefings.alerts.active`; nothing more when there are none) plus indexed reads of this
article's own facts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session, aliased

from briefings.alerts.active import active_rules
from briefings.alerts.rules import AlertRule
from briefings.alerts.settings import alert_settings
from briefings.contradictions import POSITIVE
from briefings.matter import matter, same_matter
from briefings.models import Stance
from briefings.store.alert_schema import AlertRow
from briefings.store.schema import (
    ActorRow,
    ArticleRow,
    ClaimRow,
    EntryActorRow,
    EntryRow,
    EntrySourceRow,
    EventRow,
    FigureRow,
)
from briefings.store.story_schema import StoryArticleRow

ALERTS: Table = AlertRow.__table__  # type: ignore[assignment]
PENDING = "pending"
MAX_CLAIMS_COMPARED = 2000
UNKNOWN_OUTLET = "unknown outlet"


@dataclass(frozen=True)
class Happening:
    """Something this article reported that an alert may be about."""

    key: str  # unique per channel: entry:12, cross:killed:10:<places>, …
    trigger: str  # entry | figure | jump | contradiction
    headline: str
    outlets: tuple[str, ...]
    entry_id: int | None = None
    fact_id: int | None = None
    kind: str = ""
    actors: frozenset[str] = frozenset()
    new: bool = True  # False: a later report of an entry others reported first


def _entries(session: Session, article_id: str, published: date | None) -> list[Happening]:
    """Entries this article's events are in; `new` when no other article's event is."""
    mine: dict[int, int] = {
        int(entry_id): int(count)
        for entry_id, count in session.execute(
            select(EventRow.entry_id, func.count())
            .where(EventRow.article_id == article_id, EventRow.entry_id.is_not(None))
            .group_by(EventRow.entry_id)
        )
    }
    if not mine:
        return []
    ids = sorted(mine)
    actors: dict[int, set[str]] = defaultdict(set)
    for entry_id, name in session.execute(
        select(EntryActorRow.entry_id, ActorRow.name)
        .join(ActorRow, ActorRow.id == EntryActorRow.actor_id)
        .where(EntryActorRow.entry_id.in_(ids))
    ):
        actors[entry_id].add(name)
    outlets: dict[int, list[str]] = defaultdict(list)
    for entry_id, name in session.execute(
        select(EntrySourceRow.entry_id, EntrySourceRow.name)
        .where(EntrySourceRow.entry_id.in_(ids), EntrySourceRow.cited > 0)
        .order_by(EntrySourceRow.entry_id, EntrySourceRow.first_event)
    ):
        outlets[entry_id].append(name or UNKNOWN_OUTLET)
    oldest = published - timedelta(days=alert_settings().recent_days) if published else None
    found = []
    for row in session.scalars(select(EntryRow).where(EntryRow.id.in_(ids))):
        recent = oldest is None or row.date_end >= oldest
        found.append(
            Happening(
                key=f"entry:{row.id}",
                trigger="entry",
                headline=f"{row.kind}: {row.text}"[:300],
                outlets=tuple(outlets[row.id]) or (UNKNOWN_OUTLET,),
                entry_id=row.id,
                kind=row.kind,
                actors=frozenset(actors[row.id]),
                new=recent and row.events == mine[row.id],
            )
        )
    return found


def _previous_figure(session: Session, figure: FigureRow, article_id: str) -> float | None:
    """The last figure of the same matter (unit and places) stored before this article."""
    same_places = (
        FigureRow.places.is_(None) if figure.places is None else FigureRow.places == figure.places
    )
    return session.scalar(
        select(FigureRow.value)
        .where(
            FigureRow.unit == figure.unit,
            same_places,
            FigureRow.article_id != article_id,
            FigureRow.part.is_(False),
        )
        .order_by(FigureRow.as_of.desc(), FigureRow.id.desc())
        .limit(1)
    )


def _figures(
    session: Session, article_id: str, outlet: str, rules: list[AlertRule], published: date | None
) -> list[tuple[AlertRule, Happening]]:
    wanted_units = {t.unit for rule in rules for t in rule.figures}
    jumping = [rule for rule in rules if rule.jump_percent is not None]
    if not wanted_units and not jumping:
        return []
    oldest = published - timedelta(days=alert_settings().recent_days) if published else None
    found = []
    figures = session.scalars(
        select(FigureRow)
        .where(FigureRow.article_id == article_id, FigureRow.part.is_(False))
        .order_by(FigureRow.id)
    ).all()
    for figure in figures:
        if oldest is not None and figure.as_of is not None and figure.as_of < oldest:
            continue
        if not jumping and figure.unit not in wanted_units:
            continue
        previous = _previous_figure(session, figure, article_id)
        where = (figure.places or "").split("|")[0][:40]
        for rule in rules:
            for threshold in rule.figures:
                if threshold.unit != figure.unit or figure.value < threshold.minimum:
                    continue
                if previous is not None and previous >= threshold.minimum:
                    continue
                found.append(
                    (
                        rule,
                        Happening(
                            key=f"cross:{figure.unit}:{threshold.minimum}:{where}"[:120],
                            trigger="figure",
                            headline=f"{figure.unit} ≥ {threshold.minimum:,}: {figure.text}"[:300],
                            outlets=(outlet,),
                            fact_id=figure.id,
                        ),
                    )
                )
            units = {t.unit for t in rule.figures}
            if rule.jump_percent is None or previous is None or previous <= 0:
                continue
            if units and figure.unit not in units:
                continue
            if figure.value >= previous * (1 + rule.jump_percent / 100):
                found.append(
                    (
                        rule,
                        Happening(
                            key=f"jump:{figure.unit}:{figure.value:g}:{where}"[:120],
                            trigger="jump",
                            headline=(
                                f"{figure.unit} up from {previous:,.0f} to {figure.value:,.0f}: "
                                f"{figure.text}"
                            )[:300],
                            outlets=(outlet,),
                            fact_id=figure.id,
                        ),
                    )
                )
    return found


def _contradictions(
    session: Session, article_id: str, outlet: str, published: date | None
) -> list[Happening]:
    """Denials in this article of what another speaker asserted in recent claims. A denial
    the same speaker already made on the same matter in an earlier article is a retelling
    (a later report quoting it), not a new contradiction."""
    speaker = aliased(ActorRow)
    denials = session.execute(
        select(ClaimRow.id, ClaimRow.speaker_id, ClaimRow.text, speaker.name)
        .outerjoin(speaker, speaker.id == ClaimRow.speaker_id)
        .where(ClaimRow.article_id == article_id, ClaimRow.stance == Stance.DENIES.value)
    ).all()
    if not denials:
        return []
    oldest = (published or datetime.now(UTC).date()) - timedelta(days=alert_settings().recent_days)
    others = session.execute(
        select(ClaimRow.speaker_id, ClaimRow.stance, ClaimRow.text, speaker.name, ArticleRow.outlet)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        .outerjoin(speaker, speaker.id == ClaimRow.speaker_id)
        .where(
            ClaimRow.article_id != article_id,
            ClaimRow.stance.in_([stance.value for stance in (*POSITIVE, Stance.DENIES)]),
            or_(ArticleRow.published >= oldest, ClaimRow.date_start >= oldest),
        )
        .order_by(ClaimRow.id.desc())
        .limit(MAX_CLAIMS_COMPARED)
    ).all()
    earlier = [(other, matter(other.text)) for other in others]
    found = []
    for claim_id, speaker_id, text, name in denials:
        stems = matter(text)
        same = [other for other, other_stems in earlier if same_matter(stems, other_stems)]
        if any(o.stance == Stance.DENIES.value and o.speaker_id == speaker_id for o in same):
            continue
        opposed = next(
            (o for o in same if o.stance != Stance.DENIES.value and o.speaker_id != speaker_id),
            None,
        )
        if opposed is None:
            continue
        found.append(
            Happening(
                key=f"contradiction:{claim_id}",
                trigger="contradiction",
                headline=(
                    f"{name or 'A speaker'} denies: {text} — {opposed.name or 'another speaker'} "
                    f"asserted: {opposed.text}"
                )[:300],
                outlets=tuple(dict.fromkeys((outlet, opposed.outlet or UNKNOWN_OUTLET))),
                fact_id=claim_id,
            )
        )
    return found


def _entry_matches(rule: AlertRule, happening: Happening) -> bool:
    if not (rule.kinds or rule.actors):
        return False
    kind_ok = not rule.kinds or happening.kind in rule.kinds
    actor_ok = not rule.actors or bool(happening.actors & set(rule.actors))
    return kind_ok and actor_ok


def _story_ids(session: Session, article_id: str) -> set[int]:
    return set(
        session.scalars(
            select(StoryArticleRow.story_id).where(StoryArticleRow.article_id == article_id)
        )
    )


def _add_outlets(session: Session, happenings: Iterable[Happening]) -> None:
    """A later report of a happening already alerted: its outlets join the alert's row (one
    UPDATE per happening and outlet list, however many channels were alerted)."""
    by_key = {h.key: h for h in happenings}
    if not by_key:
        return
    rows = session.execute(
        select(AlertRow.id, AlertRow.happening, AlertRow.outlets).where(
            AlertRow.happening.in_(sorted(by_key))
        )
    )
    changed: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for row_id, key, outlets in rows:
        merged = tuple(dict.fromkeys([*(outlets or ()), *by_key[key].outlets]))
        if list(merged) != list(outlets or ()):
            changed[merged].append(row_id)
    for merged, ids in changed.items():
        session.execute(
            update(AlertRow)
            .where(AlertRow.id.in_(ids))
            .values(outlets=list(merged), revision=AlertRow.revision + 1)
            .execution_options(synchronize_session=False)
        )


def queue_alerts(session: Session, article_id: str, now: datetime | None = None) -> int:
    """Queue the alerts a just-stored article triggers; returns how many were queued."""
    rules = active_rules(session)
    if not rules:
        return 0
    now = now or datetime.now(UTC)
    article = session.execute(
        select(ArticleRow.outlet, ArticleRow.published).where(ArticleRow.id == article_id)
    ).one()
    outlet = article.outlet or UNKNOWN_OUTLET
    stories = _story_ids(session, article_id) if any(r.story_id for r in rules) else set()
    rules = [r for r in rules if r.story_id is None or r.story_id in stories]
    entries = _entries(session, article_id, article.published)
    matches: list[tuple[AlertRule, Happening]] = [
        (rule, h) for h in entries if h.new for rule in rules if _entry_matches(rule, h)
    ]
    matches.extend(_figures(session, article_id, outlet, rules, article.published))
    if any(rule.contradictions for rule in rules):
        contradictions = _contradictions(session, article_id, outlet, article.published)
        matches.extend((r, h) for h in contradictions for r in rules if r.contradictions)
    _add_outlets(session, [*entries, *(h for _, h in matches)])
    queued = _insert_new(session, matches, now)
    return queued


def _insert_new(session: Session, matches: list[tuple[AlertRule, Happening]], now: datetime) -> int:
    if not matches:
        return 0
    keys = {(r.platform, r.channel, h.key) for r, h in matches}
    existing = set(
        session.execute(
            select(AlertRow.platform, AlertRow.channel, AlertRow.happening).where(
                AlertRow.happening.in_(sorted({k[2] for k in keys}))
            )
        ).tuples()
    )
    rows: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rule, happening in matches:
        key = (rule.platform, rule.channel, happening.key)
        if key in existing or key in rows or rule.created_at > now:
            continue
        rows[key] = {
            "platform": rule.platform,
            "channel": rule.channel,
            "happening": happening.key,
            "trigger": happening.trigger,
            "entry_id": happening.entry_id,
            "fact_id": happening.fact_id,
            "headline": happening.headline,
            "outlets": list(happening.outlets),
            "status": PENDING,
            "revision": 1,
            "posted_revision": 0,
            "created_at": now,
            "attempts": 0,
        }
    if rows:  # a concurrent writer queuing the same alert is absorbed, not an error
        dialect = session.get_bind().dialect.name
        upsert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        session.execute(
            upsert(ALERTS).on_conflict_do_nothing(
                index_elements=["platform", "channel", "happening"]
            ),
            list(rows.values()),
        )
    return len(rows)


__all__ = ["PENDING", "Happening", "queue_alerts"]
