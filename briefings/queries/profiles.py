"""Aggregates for the actor and source profiles: co-occurrence and coverage counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, aliased

from briefings.queries.common import outlet_label
from briefings.store.schema import (
    ActorRow,
    ArticleActorRow,
    ArticleRow,
    ClaimRow,
    EventActorRow,
    EventRow,
    FigureRow,
)


def companions(session: Session, actor_id: int, limit: int = 8) -> list[tuple[str, int]]:
    """Actors that share events with this one, most shared first."""
    mine = aliased(EventActorRow)
    other = aliased(EventActorRow)
    rows = session.execute(
        select(ActorRow.name, func.count(func.distinct(other.event_id)).label("shared"))
        .select_from(mine)
        .join(other, other.event_id == mine.event_id)
        .join(ActorRow, ActorRow.id == other.actor_id)
        .where(mine.actor_id == actor_id, other.actor_id != actor_id)
        .group_by(ActorRow.name)
        .order_by(func.count(func.distinct(other.event_id)).desc(), ActorRow.name)
        .limit(limit)
    )
    return [(name, int(count)) for name, count in rows]


def coverage_by_outlet(session: Session, actor_id: int) -> list[tuple[str, int]]:
    """Articles per outlet that mention the actor."""
    rows = session.execute(
        select(ArticleRow.outlet, func.count(ArticleRow.id))
        .join(ArticleActorRow, ArticleActorRow.article_id == ArticleRow.id)
        .where(ArticleActorRow.actor_id == actor_id)
        .group_by(ArticleRow.outlet)
        .order_by(func.count(ArticleRow.id).desc(), ArticleRow.outlet.nulls_last())
    )
    return [(outlet_label(outlet), int(count)) for outlet, count in rows]


@dataclass(frozen=True)
class ArticleSummary:
    id: str
    title: str | None
    published: date | None
    published_inferred: bool
    row: ArticleRow


def outlet_filter(outlet: str) -> ColumnElement[bool]:
    """Articles of an outlet label: by outlet, by wire agency, or those naming none."""
    if outlet == outlet_label(None):
        return ArticleRow.outlet.is_(None)
    return or_(ArticleRow.outlet == outlet, ArticleRow.agency == outlet)


def articles_of(session: Session, outlet: str, limit: int = 50) -> list[ArticleSummary]:
    rows = session.scalars(
        select(ArticleRow)
        .where(outlet_filter(outlet))
        .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id)
        .limit(limit)
    )
    return [ArticleSummary(r.id, r.title, r.published, r.published_inferred, r) for r in rows]


@dataclass(frozen=True)
class OutletCounts:
    outlet: str
    articles: int
    events: int
    claims: int
    figures: int


def outlet_counts(session: Session) -> list[OutletCounts]:
    """Per-outlet counts of articles and facts, for comparing coverage."""

    def per_outlet(table: type[EventRow] | type[ClaimRow] | type[FigureRow]) -> dict[str, int]:
        rows = session.execute(
            select(ArticleRow.outlet, func.count(table.id))
            .join(ArticleRow, ArticleRow.id == table.article_id)
            .group_by(ArticleRow.outlet)
        )
        return {outlet_label(o): int(n) for o, n in rows}

    articles = {
        outlet_label(o): int(n)
        for o, n in session.execute(
            select(ArticleRow.outlet, func.count(ArticleRow.id)).group_by(ArticleRow.outlet)
        )
    }
    events, claims, figures = per_outlet(EventRow), per_outlet(ClaimRow), per_outlet(FigureRow)
    return sorted(
        (
            OutletCounts(o, n, events.get(o, 0), claims.get(o, 0), figures.get(o, 0))
            for o, n in articles.items()
        ),
        key=lambda c: (-c.articles, c.outlet),
    )


def latest_published(session: Session) -> dict[str, date]:
    """Each outlet's newest publication date."""
    rows = session.execute(
        select(ArticleRow.outlet, func.max(ArticleRow.published)).group_by(ArticleRow.outlet)
    )
    return {outlet_label(outlet): newest for outlet, newest in rows if newest is not None}


def most_mentioned_since(
    session: Session, since: date | None, limit: int = 6
) -> list[tuple[str, int]]:
    """Actors most mentioned in articles published since a date (all articles when None)."""
    query = (
        select(ActorRow.name, func.sum(ArticleActorRow.mentions))
        .join(ArticleActorRow, ArticleActorRow.actor_id == ActorRow.id)
        .join(ArticleRow, ArticleRow.id == ArticleActorRow.article_id)
    )
    if since is not None:
        query = query.where(ArticleRow.published >= since)
    rows = session.execute(
        query.group_by(ActorRow.name)
        .order_by(func.sum(ArticleActorRow.mentions).desc(), ActorRow.name)
        .limit(limit)
    )
    return [(name, int(count)) for name, count in rows]


def newest_publication(session: Session) -> date | None:
    return session.scalar(select(func.max(ArticleRow.published)))
