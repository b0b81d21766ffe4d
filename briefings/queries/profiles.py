"""Aggregates for the actor and source profiles: co-occurrence and coverage counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, true
from sqlalchemy.orm import Session

from briefings.queries.common import date_literal, int_literal, outlet_label
from briefings.store.schema import (
    NO_OUTLET,
    ActorOutletRow,
    ActorPairRow,
    ActorRow,
    ActorStatsRow,
    ArticleActorRow,
    ArticleRow,
    OutletStatsRow,
)
from briefings.store.story_schema import (
    StoryActorOutletRow,
    StoryActorPairRow,
    StoryArticleRow,
    StoryOutletRow,
)
from briefings.stories.scope import current_story, story_member


def companions(session: Session, actor_id: int, limit: int = 8) -> list[tuple[str, int]]:
    """Actors that share events with this one, most shared first (summary tables: of every
    story, or of the story in scope)."""
    story = current_story()
    shared: Any
    if story is None:
        shared = select(ActorPairRow.other_id, ActorPairRow.events).where(
            ActorPairRow.actor_id == actor_id
        )
    else:
        shared = select(StoryActorPairRow.other_id, StoryActorPairRow.events).where(
            StoryActorPairRow.story_id == story, StoryActorPairRow.actor_id == actor_id
        )
    pairs = shared.subquery()
    rows = session.execute(
        select(ActorRow.name, pairs.c.events)
        .join(pairs, pairs.c.other_id == ActorRow.id)
        .where(pairs.c.events > 0)
        .order_by(pairs.c.events.desc(), ActorRow.name)
        .limit(limit)
    )
    return [(name, int(count)) for name, count in rows]


def _outlet(stored: str) -> str | None:
    """A summary table's outlet key back to the article's outlet (None when it named none)."""
    return None if stored == NO_OUTLET else stored


def coverage_by_outlet(session: Session, actor_id: int) -> list[tuple[str, int]]:
    """Articles per outlet that mention the actor (summary tables: of every story, or of the
    story in scope)."""
    story = current_story()
    rows: Any
    if story is None:
        rows = session.execute(
            select(ActorOutletRow.outlet, ActorOutletRow.articles).where(
                ActorOutletRow.actor_id == actor_id, ActorOutletRow.articles > 0
            )
        )
    else:
        rows = session.execute(
            select(StoryActorOutletRow.outlet, StoryActorOutletRow.articles).where(
                StoryActorOutletRow.story_id == story,
                StoryActorOutletRow.actor_id == actor_id,
                StoryActorOutletRow.articles > 0,
            )
        )
    ordered = sorted(
        ((_outlet(outlet), int(count)) for outlet, count in rows),
        key=lambda row: (-row[1], row[0] is None, row[0] or ""),
    )
    return [(outlet_label(outlet), count) for outlet, count in ordered]


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


def _newest(session: Session, where: ColumnElement[bool], limit: int) -> list[ArticleRow]:
    """The newest `limit` articles matching one indexed condition: dated ones by date then
    id, then undated ones by id — two walks of (column, published DESC, id), no sort."""
    story = story_member(ArticleRow.id)
    if story is not None:
        where = and_(where, story)
    dated = list(
        session.scalars(
            select(ArticleRow)
            .where(where, ArticleRow.published.is_not(None))
            .order_by(ArticleRow.published.desc(), ArticleRow.id)
            .limit(limit)
        )
    )
    if len(dated) == limit:
        return dated
    undated = session.scalars(
        select(ArticleRow)
        .where(where, ArticleRow.published.is_(None))
        .order_by(ArticleRow.id)
        .limit(limit - len(dated))
    )
    return dated + list(undated)


def articles_of(session: Session, outlet: str, limit: int = 50) -> list[ArticleSummary]:
    """An outlet's newest articles (undated last), whether it is their outlet or agency."""
    if outlet == outlet_label(None):
        rows = _newest(session, ArticleRow.outlet.is_(None), limit)
    else:
        found = {
            row.id: row
            for column in (ArticleRow.outlet, ArticleRow.agency)
            for row in _newest(session, column == outlet, limit)
        }
        rows = sorted(
            found.values(),
            key=lambda r: (r.published is None, -(r.published or date.min).toordinal(), r.id),
        )[:limit]
    return [ArticleSummary(r.id, r.title, r.published, r.published_inferred, r) for r in rows]


@dataclass(frozen=True)
class OutletCounts:
    outlet: str
    articles: int
    events: int
    claims: int
    figures: int


def outlet_counts(session: Session) -> list[OutletCounts]:
    """Per-outlet counts of articles and facts, for comparing coverage (summary tables: of
    every story, or of the story in scope; read as columns, not ORM objects: a third of the
    time for 130 outlets)."""
    story = current_story()
    table: Any = OutletStatsRow if story is None else StoryOutletRow
    query = select(table.outlet, table.articles, table.events, table.claims, table.figures)
    query = query.where(table.articles > 0)
    if story is not None:
        query = query.where(StoryOutletRow.story_id == story)
    return sorted(
        (
            OutletCounts(outlet_label(_outlet(outlet)), articles, events, claims, figures)
            for outlet, articles, events, claims, figures in session.execute(query)
        ),
        key=lambda c: (-c.articles, c.outlet),
    )


def latest_published(session: Session) -> dict[str, date]:
    """Each outlet's newest publication date (summary tables: of every story, or of the
    story in scope)."""
    story = current_story()
    rows: Any
    if story is None:
        rows = session.execute(
            select(OutletStatsRow.outlet, OutletStatsRow.latest_published).where(
                OutletStatsRow.latest_published.is_not(None)
            )
        )
    else:
        rows = session.execute(
            select(StoryOutletRow.outlet, StoryOutletRow.latest_published).where(
                StoryOutletRow.story_id == story, StoryOutletRow.latest_published.is_not(None)
            )
        )
    return {outlet_label(_outlet(outlet)): newest for outlet, newest in rows if newest}


def most_mentioned_since(
    session: Session, since: date | None, limit: int = 6
) -> list[tuple[str, int]]:
    """Actors most mentioned in articles published since a date (all articles when None,
    from the summary table; in a story, its articles: a range of (story, published))."""
    story = current_story()
    if since is None and story is None:
        rows = session.execute(
            select(ActorRow.name, ActorStatsRow.mentions)
            .join(ActorStatsRow, ActorStatsRow.actor_id == ActorRow.id)
            .where(ActorStatsRow.mentions > 0)
            .order_by(ActorStatsRow.mentions.desc(), ActorRow.name)
            .limit(limit)
        )
        return [(name, int(count)) for name, count in rows]
    recent: Select[tuple[str]]
    if story is not None:
        recent = select(StoryArticleRow.article_id.label("id")).where(
            StoryArticleRow.story_id == int_literal(story)
        )
        if since is not None:
            recent = recent.where(StoryArticleRow.published >= date_literal(since))
    else:
        recent = select(ArticleRow.id)
        if since is not None:
            recent = recent.where(ArticleRow.published >= date_literal(since))
    totals: Any
    if session.get_bind().dialect.name == "postgresql":
        # Each recent article's actors by primary key: a lateral subquery that the planner
        # may not flatten (OFFSET 0). Flattened, it hashes every article_actors row (45 ms
        # at 100k articles, for the ~800 of the last month).
        articles = recent.subquery()
        mentions = (
            select(ArticleActorRow.actor_id, ArticleActorRow.mentions)
            .where(ArticleActorRow.article_id == articles.c.id)
            .offset(0)
            .lateral()
        )
        totals = (
            select(mentions.c.actor_id, func.sum(mentions.c.mentions).label("total"))
            .select_from(articles)
            .join(mentions, true())
            .group_by(mentions.c.actor_id)
            .subquery()
        )
    else:
        totals = (
            select(ArticleActorRow.actor_id, func.sum(ArticleActorRow.mentions).label("total"))
            .where(ArticleActorRow.article_id.in_(recent))
            .group_by(ArticleActorRow.actor_id)
            .subquery()
        )
    rows = session.execute(
        select(ActorRow.name, totals.c.total)
        .join(totals, totals.c.actor_id == ActorRow.id)
        .order_by(totals.c.total.desc(), ActorRow.name)
        .limit(limit)
    )
    return [(name, int(count)) for name, count in rows]


def newest_publication(session: Session) -> date | None:
    """The newest publication date (of the story in scope, when there is one: the end of
    its (story, published) range)."""
    story = current_story()
    if story is None:
        return session.scalar(select(func.max(ArticleRow.published)))
    return session.scalar(
        select(func.max(StoryArticleRow.published)).where(StoryArticleRow.story_id == story)
    )
