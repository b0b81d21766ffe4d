"""Per-story counts (`story_outlets`, `story_articles.published`), kept by triggers on
`story_articles`: after every way an article joins or leaves a story — its rule at ingest,
an explicit ingest, a re-match when the rule changes, a rule member made explicit, a
story's removal, a statement written by hand — they equal the aggregates computed from the
stored rows, on SQLite and PostgreSQL; the 0013 migration fills them from rows stored
before it."""

from __future__ import annotations

from datetime import date
from typing import Any

from alembic import command
from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session, aliased

from briefings.ingest.article import ArticleMeta
from briefings.queries.profiles import (
    companions,
    coverage_by_outlet,
    latest_published,
    newest_publication,
    outlet_counts,
)
from briefings.service import ingest_text
from briefings.store import story_summaries
from briefings.store.database import Database, alembic_config, current_revision, head_revision
from briefings.store.schema import (
    NO_OUTLET,
    ActorRow,
    ArticleActorRow,
    ArticleRow,
    ClaimRow,
    EventActorRow,
    EventRow,
    FigureRow,
)
from briefings.store.story_schema import (
    StoryActorOutletRow,
    StoryActorPairRow,
    StoryArticleRow,
    StoryOutletRow,
)
from briefings.stories.matching import add_articles
from briefings.stories.scope import story_scope
from briefings.stories.store import StoryChange, create_story, edit_story, find_story, remove_story

# Four outlets (one article naming none), dated and undated, on two stories' words.
ARTICLES = (
    (
        "Ceasefire signed in Moscow\n\n"
        "Armenia and Azerbaijan signed a ceasefire in Moscow on 10 November 2020, Russia said. "
        "The ceasefire holds. At least 2,300 soldiers were killed, the defence ministry said.",
        ArticleMeta(outlet="Wire One", published=date(2020, 11, 12)),
    ),
    (
        "Ceasefire broken\n\n"
        "Azerbaijan accused Armenia of breaking the ceasefire on 3 October 2020. "
        "The ceasefire had held for a week. "
        "Azerbaijan said 100 civilians were killed in the shelling.",
        ArticleMeta(outlet="Daily Two", published=date(2020, 10, 4)),
    ),
    (
        "Ceasefire talks and aid\n\n"
        "Russia sent aid to Armenia on 20 November 2020 as ceasefire talks went on. "
        "About 90,000 people were displaced, the United Nations said.",
        ArticleMeta(outlet="Wire One", published=date(2020, 11, 21)),
    ),
    (
        "Ceasefire call\n\n"
        "France and Russia called for a ceasefire between Armenia and Azerbaijan. "
        "A ceasefire would save lives, they said. "
        "At least 50 soldiers were killed in the fighting, officials said.",
        ArticleMeta(),
    ),
    (
        "Harbour strike\n\n"
        "Dock workers went on strike at the harbour on 2 December 2020, the union said. "
        "The harbour strike halted 40 ships, the port authority said.",
        ArticleMeta(outlet="Port Times", published=date(2020, 12, 3)),
    ),
)


def _store(db: Database) -> list[str]:
    ids = []
    for text, meta in ARTICLES:
        outcome = ingest_text(db, text, meta)
        assert outcome.stored and outcome.article_id
        ids.append(outcome.article_id)
    return ids


def _direct(session: Session) -> dict[tuple[int, str], tuple[Any, ...]]:
    """Every story's outlet counts, computed from the membership and fact rows."""
    counts: dict[tuple[int, str], list[Any]] = {}
    rows = session.execute(
        select(StoryArticleRow.story_id, ArticleRow.id, ArticleRow.outlet, ArticleRow.published)
        .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
        .order_by(StoryArticleRow.story_id, ArticleRow.id)
    )
    for story_id, article_id, outlet, published in rows:
        row = counts.setdefault((story_id, outlet or NO_OUTLET), [0, 0, 0, 0, None])
        row[0] += 1
        for column, table in ((1, EventRow), (2, ClaimRow), (3, FigureRow)):
            row[column] += session.scalar(
                select(func.count()).select_from(table).where(table.article_id == article_id)
            )
        if published is not None and (row[4] is None or published > row[4]):
            row[4] = published
    return {key: tuple(value) for key, value in counts.items()}


def _kept(session: Session) -> dict[tuple[int, str], tuple[Any, ...]]:
    return {
        (r.story_id, r.outlet): (r.articles, r.events, r.claims, r.figures, r.latest_published)
        for r in session.scalars(select(StoryOutletRow))
    }


def _direct_actors(session: Session) -> dict[str, dict[tuple[Any, ...], int]]:
    """Every story's actor coverage per outlet and shared events per pair of actors,
    computed from the membership and fact rows."""
    outlets = session.execute(
        select(StoryArticleRow.story_id, ArticleActorRow.actor_id, ArticleRow.outlet, func.count())
        .join(ArticleActorRow, ArticleActorRow.article_id == StoryArticleRow.article_id)
        .join(ArticleRow, ArticleRow.id == StoryArticleRow.article_id)
        .group_by(StoryArticleRow.story_id, ArticleActorRow.actor_id, ArticleRow.outlet)
    )
    mine, other = aliased(EventActorRow), aliased(EventActorRow)
    pairs = session.execute(
        select(StoryArticleRow.story_id, mine.actor_id, other.actor_id, func.count())
        .join(EventRow, EventRow.article_id == StoryArticleRow.article_id)
        .join(mine, mine.event_id == EventRow.id)
        .join(other, and_(other.event_id == EventRow.id, other.actor_id != mine.actor_id))
        .group_by(StoryArticleRow.story_id, mine.actor_id, other.actor_id)
    )
    return {
        "outlets": {(s, a, o or NO_OUTLET): n for s, a, o, n in outlets},
        "pairs": {(s, a, b): n for s, a, b, n in pairs},
    }


def _kept_actors(session: Session) -> dict[str, dict[tuple[Any, ...], int]]:
    return {
        "outlets": {
            (r.story_id, r.actor_id, r.outlet): r.articles
            for r in session.scalars(select(StoryActorOutletRow))
        },
        "pairs": {
            (r.story_id, r.actor_id, r.other_id): r.events
            for r in session.scalars(select(StoryActorPairRow))
        },
    }


def _assert_kept(db: Database) -> dict[tuple[int, str], tuple[Any, ...]]:
    """The kept counts and copied dates equal those computed from the stored rows."""
    with db.session() as session:
        direct = _direct(session)
        assert _kept(session) == direct
        actors = _direct_actors(session)
        assert _kept_actors(session) == actors
        copied = session.execute(
            select(StoryArticleRow.published, ArticleRow.published).join(
                ArticleRow, ArticleRow.id == StoryArticleRow.article_id
            )
        ).all()
        assert all(mine == theirs for mine, theirs in copied)
    return direct


def _story(db: Database, slug: str) -> int:
    with db.session() as session:
        return find_story(session, slug).id


def test_counts_are_kept_as_articles_join_leave_and_stories_go(db: Database) -> None:
    ceasefire, _ = create_story(db, "ceasefire", StoryChange(words=["ceasefire"]))
    harbour, _ = create_story(db, "harbour", StoryChange(words=["harbour"]))
    ids = _store(db)  # joined by rule at ingest
    kept = _assert_kept(db)
    assert kept[(ceasefire.id, "Wire One")][0] == 2
    assert kept[(ceasefire.id, "Wire One")][4] == date(2020, 11, 21)
    assert (ceasefire.id, NO_OUTLET) in kept and (harbour.id, "Port Times") in kept
    assert all(value[1] + value[2] + value[3] > 0 for value in kept.values())
    with db.session() as session:
        actors = _kept_actors(session)
    assert {story for story, *_ in actors["pairs"]} == {ceasefire.id}
    assert max(actors["pairs"].values()) >= 2 and len(actors["outlets"]) >= 6

    # A rule member made explicit (it leaves and joins again), another story's article added.
    with db.session() as session:
        add_articles(session, ceasefire.id, [ids[0], ids[4]], "ingest")
    kept = _assert_kept(db)
    assert kept[(ceasefire.id, "Port Times")][0] == 1

    # A rule the newest Wire One article no longer meets: it leaves (with two others), and
    # the outlet's newest date is the older article's again; the explicit members stay.
    _, rematch = edit_story(db, "ceasefire", StoryChange(words=["Moscow"]))
    assert rematch is not None and (rematch.joined, rematch.left) == (0, 3)
    kept = _assert_kept(db)
    assert kept[(ceasefire.id, "Wire One")][4] == date(2020, 11, 12)

    # A rule no article meets: only the explicit members are left.
    edit_story(db, "ceasefire", StoryChange(words=["zzzunfound"]))
    kept = _assert_kept(db)
    assert {outlet for story, outlet in kept if story == ceasefire.id} == {
        "Wire One",
        "Port Times",
    }

    remove_story(db, "ceasefire")
    kept = _assert_kept(db)
    assert {story for story, _ in kept} == {harbour.id}

    # Written by hand: every membership row of the other story goes.
    with db.session() as session:
        session.execute(delete(StoryArticleRow))
    assert _assert_kept(db) == {}


def test_scoped_reads_take_the_kept_counts(db: Database) -> None:
    story, _ = create_story(db, "ceasefire", StoryChange(words=["ceasefire"]))
    _store(db)
    with db.session() as session, story_scope(story.id):
        counts = outlet_counts(session)
        newest = latest_published(session)
        last = newest_publication(session)
    assert [(c.outlet, c.articles) for c in counts] == [
        ("Wire One", 2),
        ("Daily Two", 1),
        ("Unattributed", 1),
    ]
    assert newest == {"Wire One": date(2020, 11, 21), "Daily Two": date(2020, 10, 4)}
    assert last == date(2020, 11, 21)
    with db.session() as session:
        russia = session.scalar(select(ActorRow.id).where(ActorRow.name == "Russia"))
        assert russia is not None
        with story_scope(story.id):
            coverage = coverage_by_outlet(session, russia)
            partners = dict(companions(session, russia))
    assert coverage == [("Wire One", 2), ("Unattributed", 1)]
    assert partners["Armenia"] >= 2 and "Azerbaijan" in partners


def test_the_migration_fills_the_counts_from_stored_memberships(db: Database) -> None:
    create_story(db, "ceasefire", StoryChange(words=["ceasefire"]))
    create_story(db, "harbour", StoryChange(words=["harbour"]))
    _store(db)
    direct = _assert_kept(db)
    config = alembic_config(db.engine)
    command.downgrade(config, "0012")  # memberships left in place, counts and dates gone
    command.upgrade(config, "head")
    assert current_revision(db.engine) == head_revision()
    assert _assert_kept(db) == direct
    # ... and the triggers keep them from then on
    remove_story(db, "harbour")
    assert {story for story, _ in _assert_kept(db)} == {_story(db, "ceasefire")}
    with db.engine.begin() as connection:
        story_summaries.rebuild(connection)
    assert {story for story, _ in _assert_kept(db)} == {_story(db, "ceasefire")}
