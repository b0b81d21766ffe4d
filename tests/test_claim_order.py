"""Revision 0011: the claim's date and article on `claim_subjects`, the event's article on
`event_actors` and the claims' own full-text index, filled by the migration from rows
already stored, kept by the writer for new ones, and gone again after a downgrade."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import and_, func, inspect, select, text
from sqlalchemy.orm import aliased

from benchmarks.stories import spread_stories
from bot.app import BotCore
from briefings.ingest.article import ArticleMeta
from briefings.queries import facts, search
from briefings.queries.facts import claims_matching
from briefings.queries.fulltext import sentence_match
from briefings.queries.profiles import companions, most_mentioned_since
from briefings.queries.search import count_sentences, search_sentences
from briefings.service import ingest_paths, ingest_text
from briefings.store.database import Database, alembic_config, current_revision, head_revision
from briefings.store.fulltext import CLAIMS_FTS
from briefings.store.schema import ActorRow, ClaimRow, ClaimSubjectRow, EventActorRow, EventRow
from briefings.store.story_schema import StoryArticleRow, StoryRow
from briefings.stories.scope import story_scope

CORPUS = Path(__file__).parent / "corpora" / "stories"


def _subject_dates(db: Database) -> list[tuple[object, object]]:
    """((date, article) of the subject row, (date, article) of its claim) for every subject
    row and, with None dates, (article of the event-actor row, article of its event) for
    every event-actor row: the copies and what they copy."""
    with db.session() as session:
        subjects = session.execute(
            select(
                ClaimSubjectRow.date_start,
                ClaimSubjectRow.article_id,
                ClaimRow.date_start,
                ClaimRow.article_id,
            ).join(ClaimRow, ClaimRow.id == ClaimSubjectRow.claim_id)
        )
        events = session.execute(
            select(EventActorRow.article_id, EventRow.article_id).join(
                EventRow, EventRow.id == EventActorRow.event_id
            )
        )
        pairs: list[tuple[object, object]] = [
            ((day, article), (claim_day, claim_article))
            for day, article, claim_day, claim_article in subjects
        ]
        copied = [((None, mine), (None, its)) for mine, its in events]
        assert copied and all(mine[1] is not None for mine, _ in copied)
        return pairs + copied


def _dated(pairs: list[tuple[object, object]]) -> int:
    return sum(copy[0] is not None for copy, _ in pairs)  # type: ignore[index]


def _claims_fts_exists(db: Database) -> bool:
    return CLAIMS_FTS in inspect(db.engine).get_table_names()


def test_the_writer_copies_each_claims_date_and_article_to_its_subjects(db: Database) -> None:
    text = (
        "Talks stall\n\n"
        "Armenia said on Tuesday, March 5, 2024, that Azerbaijan had broken the ceasefire. "
        "Russia claimed that Azerbaijan and Armenia had agreed to new talks."
    )
    assert ingest_text(db, text, ArticleMeta(outlet="Wire One", published=date(2024, 3, 7))).stored
    pairs = _subject_dates(db)
    assert pairs and all(copy == source for copy, source in pairs)
    assert _dated(pairs) > 0
    with db.session() as session:  # claims about an actor are all by others (no join asks)
        own = select(func.count()).select_from(
            select(ClaimSubjectRow.claim_id)
            .join(ClaimRow, ClaimRow.id == ClaimSubjectRow.claim_id)
            .where(ClaimRow.speaker_id == ClaimSubjectRow.actor_id)
            .subquery()
        )
        assert session.scalar(own) == 0
    with db.session() as session:
        found = claims_matching(session, ("ceasefire",))
    assert [claim.citation.sentence for claim in found] == [
        "Armenia said on Tuesday, March 5, 2024, that Azerbaijan had broken the ceasefire."
    ]


def test_the_migration_fills_the_claims_dates_and_index_from_stored_claims(db: Database) -> None:
    ingest_paths(db, [CORPUS])
    with db.session() as session:
        before = [(c.citation.article_id, c.text) for c in claims_matching(session, ("said",))]
    assert before
    config = alembic_config(db.engine)

    command.downgrade(config, "0010")
    assert current_revision(db.engine) == "0010"
    columns = {column["name"] for column in inspect(db.engine).get_columns("claim_subjects")}
    assert "date_start" not in columns and "article_id" not in columns
    columns = {column["name"] for column in inspect(db.engine).get_columns("event_actors")}
    assert "article_id" not in columns
    indexes = {index["name"] for index in inspect(db.engine).get_indexes("claim_subjects")}
    assert "ix_claim_subjects_order" not in indexes
    assert not _claims_fts_exists(db)

    command.upgrade(config, "head")
    assert current_revision(db.engine) == head_revision()
    pairs = _subject_dates(db)
    assert len(pairs) > 5
    assert all(copy == source for copy, source in pairs)
    assert _dated(pairs) > 3
    assert _claims_fts_exists(db)
    with db.session() as session:
        after = [(c.citation.article_id, c.text) for c in claims_matching(session, ("said",))]
        subjects = session.scalar(select(func.count()).select_from(ClaimSubjectRow))
    assert after == before
    assert subjects and subjects < len(pairs)


def test_claims_stored_after_the_migration_are_indexed(db: Database) -> None:
    """The index's triggers come back with an upgrade after a downgrade."""
    config = alembic_config(db.engine)
    command.downgrade(config, "0010")
    command.upgrade(config, "head")
    ingest_paths(db, [CORPUS])
    pairs = _subject_dates(db)
    assert pairs and all(copy == source for copy, source in pairs)
    with db.session() as session:
        assert claims_matching(session, ("said",))


def test_in_a_story_the_indexed_reads_equal_sorting_every_row(seeded_core: BotCore) -> None:
    """Claims about an actor, a topic's claims and the actors an actor appears with, read in
    a story through the copied columns, equal what the story's rows give sorted."""
    spread_stories(seeded_core.db, stories=2)
    with seeded_core.db.session() as session:
        stories = list(session.scalars(select(StoryRow.id)))
        actors = [name for name, _ in most_mentioned_since(session, None, limit=6)]
        ids = [session.scalar(select(ActorRow.id).where(ActorRow.name == a)) for a in actors]
        ids += list(session.scalars(select(ClaimSubjectRow.actor_id).distinct().limit(20)))
    checked = 0
    for story in stories:
        checked += _check_story(seeded_core, story, ids)
    assert checked


def _check_story(core: BotCore, story: int, ids: list[int | None]) -> int:
    checked = 0
    with core.db.session() as session, story_scope(story):
        articles = select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story)
        for actor_id in ids:
            assert actor_id is not None
            for limit in (1, 3, 50):
                subjects = select(ClaimSubjectRow.claim_id).where(
                    ClaimSubjectRow.actor_id == actor_id
                )
                about = (
                    facts._claim_query()
                    .where(ClaimRow.id.in_(subjects), ClaimRow.speaker_id != actor_id)
                    .order_by(ClaimRow.date_start.nulls_last(), ClaimRow.id)
                    .limit(limit)
                )
                expected = facts._claims(session, about)
                assert facts.claims_about(session, actor_id, limit=limit) == expected
                checked += len(expected)
            other = aliased(EventActorRow)
            shared = (
                select(other.actor_id, func.count())
                .select_from(EventActorRow)
                .join(EventRow, EventRow.id == EventActorRow.event_id)
                .join(other, and_(other.event_id == EventRow.id, other.actor_id != actor_id))
                .where(EventActorRow.actor_id == actor_id, EventRow.article_id.in_(articles))
                .group_by(other.actor_id)
            )
            names = dict(session.execute(select(ActorRow.id, ActorRow.name)).tuples().all())
            counted = sorted(
                ((names[other_id], count) for other_id, count in session.execute(shared)),
                key=lambda pair: (-pair[1], pair[0]),
            )
            assert companions(session, actor_id, limit=50) == counted[:50]
        for topic in (("said",), ("the", "of"), ("ceasefire",)):
            dialect = session.get_bind().dialect.name
            matching = (
                facts._claim_query()
                .where(sentence_match(dialect, topic))
                .order_by(ClaimRow.date_start.desc().nulls_last(), ClaimRow.id)
                .limit(7)
            )
            assert claims_matching(session, topic, limit=7) == facts._claims(session, matching)
    return checked


@pytest.mark.parametrize("words", [("said",), ("the",), ("ceasefire",), ("the", "of")])
def test_a_storys_search_keeps_the_order_and_the_storys_hits_of_the_whole_search(
    seeded_core: BotCore, monkeypatch: pytest.MonkeyPatch, words: tuple[str, ...]
) -> None:
    """In a story, search reads the index's hits and keeps the story's (SQLite; PostgreSQL
    for rare words) or reads the story's sentences (PostgreSQL, words its statistics show
    common): either way, the whole search's hits of the story's articles, in its order."""
    spread_stories(seeded_core.db, stories=2)
    with seeded_core.db.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("ANALYZE sentences"))
        whole = [h.citation for h in search_sentences(session, words, limit=1000)]
        for story in session.scalars(select(StoryRow.id)):
            members = set(
                session.scalars(
                    select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story)
                )
            )
            expected = [c for c in whole if c.article_id in members]
            with story_scope(story):
                for cost in (0, 10**9):  # reading the story's sentences, or the index's hits
                    monkeypatch.setattr(search, "SENTENCE_COST", cost)
                    found = [h.citation for h in search_sentences(session, words, limit=1000)]
                    assert found == expected
                    assert count_sentences(session, words, 1000) == len(expected)
                    page = search_sentences(session, words, limit=2, offset=1)
                    assert [h.citation for h in page] == expected[1:3]
