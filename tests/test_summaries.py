"""Summary tables: kept by the writer article by article, they must equal the aggregates
computed from the fact tables; the 0006 migration must fill them (and the full-text index)
from rows stored before it."""

from __future__ import annotations

from datetime import date
from typing import Any

from alembic import command
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from briefings.ingest.article import ArticleMeta
from briefings.queries.profiles import companions, coverage_by_outlet, latest_published
from briefings.queries.search import search_sentences
from briefings.service import ingest_text
from briefings.store import summaries
from briefings.store.database import Database, alembic_config, current_revision, head_revision
from briefings.store.schema import (
    NO_OUTLET,
    ActorOutletRow,
    ActorPairRow,
    ActorRow,
    ActorStatsRow,
    ArticleActorRow,
    ArticleRow,
    ClaimRow,
    EventActorRow,
    EventRow,
    FigureRow,
    OutletStatsRow,
    UnitStatsRow,
)

ARTICLES = (
    (
        "Deal signed\n\n"
        "Armenia and Azerbaijan signed a cease-fire agreement in Moscow on 10 November 2020, "
        "Russia said. Russian peacekeepers deployed near the Lachin corridor on 12 November "
        "2020. At least 2,300 soldiers were killed, the Armenian defence ministry said.",
        ArticleMeta(outlet="Wire One", published=date(2020, 11, 12)),
    ),
    (
        "Border shelling\n\n"
        "Azerbaijan accused Armenia of shelling its positions on 3 October 2020. "
        "Azerbaijan said 100 civilians were killed. Turkey said it backed Azerbaijan.",
        ArticleMeta(outlet="Daily Two", published=date(2020, 10, 4)),
    ),
    (
        "Aid arrives\n\n"
        "Russia sent aid to Armenia on 20 November 2020. About 90,000 people were displaced, "
        "the United Nations said.",
        ArticleMeta(outlet="Wire One", published=date(2020, 11, 21)),
    ),
    (
        "Undated note\n\n"
        "France and Russia called for talks between Armenia and Azerbaijan. "
        "At least 50 soldiers were killed in the fighting, officials said.",
        ArticleMeta(),
    ),
)


def _store(db: Database) -> None:
    for text, meta in ARTICLES:
        assert ingest_text(db, text, meta).stored


def _key(outlet: str | None) -> str:
    return NO_OUTLET if outlet is None else outlet


def _direct(session: Session) -> dict[str, Any]:
    """Every summary, computed straight from the fact tables."""
    outlets: dict[str, list[Any]] = {}
    for outlet, published in session.execute(select(ArticleRow.outlet, ArticleRow.published)):
        row = outlets.setdefault(_key(outlet), [0, 0, 0, 0, None])
        row[0] += 1
        if published and (row[4] is None or published > row[4]):
            row[4] = published
    for column, table in ((1, EventRow), (2, ClaimRow), (3, FigureRow)):
        counted = session.execute(
            select(ArticleRow.outlet, func.count(table.id))
            .join(ArticleRow, ArticleRow.id == table.article_id)
            .group_by(ArticleRow.outlet)
        )
        for outlet, count in counted:
            outlets[_key(outlet)][column] = count
    actor_outlets = {
        (actor_id, _key(outlet)): count
        for actor_id, outlet, count in session.execute(
            select(ArticleActorRow.actor_id, ArticleRow.outlet, func.count())
            .join(ArticleRow, ArticleRow.id == ArticleActorRow.article_id)
            .group_by(ArticleActorRow.actor_id, ArticleRow.outlet)
        )
    }
    mine, other = aliased(EventActorRow), aliased(EventActorRow)
    pairs = {
        (a, b): count
        for a, b, count in session.execute(
            select(mine.actor_id, other.actor_id, func.count(func.distinct(mine.event_id)))
            .join(other, other.event_id == mine.event_id)
            .where(other.actor_id != mine.actor_id)
            .group_by(mine.actor_id, other.actor_id)
        )
    }
    actors = {
        actor_id: (articles, mentions)
        for actor_id, articles, mentions in session.execute(
            select(
                ArticleActorRow.actor_id, func.count(), func.sum(ArticleActorRow.mentions)
            ).group_by(ArticleActorRow.actor_id)
        )
    }
    units = dict(
        session.execute(select(FigureRow.unit, func.count()).group_by(FigureRow.unit)).all()
    )
    return {
        "outlets": {k: tuple(v) for k, v in outlets.items()},
        "actor_outlets": actor_outlets,
        "pairs": pairs,
        "actors": actors,
        "units": units,
    }


def _summaries(session: Session) -> dict[str, Any]:
    return {
        "outlets": {
            r.outlet: (r.articles, r.events, r.claims, r.figures, r.latest_published)
            for r in session.scalars(select(OutletStatsRow))
        },
        "actor_outlets": {
            (r.actor_id, r.outlet): r.articles for r in session.scalars(select(ActorOutletRow))
        },
        "pairs": {
            (r.actor_id, r.other_id): r.events for r in session.scalars(select(ActorPairRow))
        },
        "actors": {
            r.actor_id: (r.articles, r.mentions) for r in session.scalars(select(ActorStatsRow))
        },
        "units": {r.unit: r.figures for r in session.scalars(select(UnitStatsRow))},
    }


def _assert_meaningful(direct: dict[str, Any]) -> None:
    """The articles exercise every table: several outlets (one missing), shared events,
    figures, several actors per outlet."""
    assert len(direct["outlets"]) == 3 and NO_OUTLET in direct["outlets"]
    assert len(direct["pairs"]) >= 4 and max(direct["pairs"].values()) >= 2
    assert direct["units"] and len(direct["actor_outlets"]) >= 6


def test_summaries_kept_by_the_writer_equal_the_aggregates(db: Database) -> None:
    _store(db)
    with db.session() as session:
        direct = _direct(session)
        kept = _summaries(session)
    _assert_meaningful(direct)
    assert kept == direct
    with db.engine.begin() as connection:
        summaries.rebuild(connection)
    with db.session() as session:
        assert _summaries(session) == direct


def test_profile_answers_read_the_summaries(db: Database) -> None:
    _store(db)
    with db.session() as session:
        russia = session.scalar(select(ActorRow.id).where(ActorRow.name == "Russia"))
        armenia = session.scalar(select(ActorRow.id).where(ActorRow.name == "Armenia"))
        assert russia is not None and armenia is not None
        coverage = coverage_by_outlet(session, russia)
        partners = dict(companions(session, russia))
        newest = latest_published(session)
    assert coverage == [("Wire One", 2), ("Unattributed", 1)]
    assert partners["Armenia"] >= 2
    assert newest == {"Wire One": date(2020, 11, 21), "Daily Two": date(2020, 10, 4)}


def test_the_migration_fills_summaries_and_search_from_stored_rows(db: Database) -> None:
    _store(db)
    config = alembic_config(db.engine)
    command.downgrade(config, "0005")  # the schema before 0006, the facts left in place
    with db.session() as session:
        direct = _direct(session)
    _assert_meaningful(direct)
    command.upgrade(config, "head")
    assert current_revision(db.engine) == head_revision()
    with db.session() as session:
        assert _summaries(session) == direct
        hits = search_sentences(session, ("peacekeep",), limit=10)
    assert [hit.citation.article_id for hit in hits]
    assert "peacekeepers" in hits[0].citation.sentence
