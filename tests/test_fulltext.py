"""Full-text search over sentences, on SQLite (FTS5) and PostgreSQL (tsvector + GIN): what a
word matches, that user text never becomes query syntax, and that counts stay right."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy import text as sql_text

from bot.app import BotCore
from briefings.ingest.article import ArticleMeta
from briefings.queries import facts, fulltext
from briefings.queries.facts import claims_about, claims_matching, figures
from briefings.queries.profiles import most_mentioned_since
from briefings.queries.search import count_sentences, search_sentences
from briefings.service import ingest_text
from briefings.store.database import Database
from briefings.store.schema import ActorRow, ClaimRow, ClaimSubjectRow, SentenceRow
from briefings.store.story_schema import StoryArticleRow
from briefings.stories.scope import story_scope

ARTICLES = (
    (
        "Talks in the capital\n\n"
        "Negotiators met in Stepanakert on Monday to discuss the cease-fire. "
        "The meeting was held near the old parliament building. "
        "Officials said the peace_keepers would stay until spring.",
        ArticleMeta(outlet="Wire One", published=date(2021, 3, 1)),
    ),
    (
        "Harvest report\n\n"
        "Farmers near the river said the harvest was late this year. "
        "At least 12 people were killed in the floods, a spokesperson said.",
        ArticleMeta(outlet="Daily Two", published=date(2021, 4, 2)),
    ),
    (
        "Rail line reopens\n\n"
        "The rail line to Zürich reopened after repairs, a spokesperson said. "
        "Passengers described the ceasefire of noise as welcome.",
        ArticleMeta(outlet="Wire One", published=date(2021, 5, 3)),
    ),
)

HOSTILE = (
    "' OR 1=1 --",
    '"',
    '""',
    "*",
    "(",
    ")",
    "NEAR(a b)",
    "NEAR",
    "AND",
    "OR",
    "NOT",
    "^start",
    "text:harvest",
    "harvest*",
    'x"*',
    "\\",
    "'",
    ":*",
    "&|!<->",
    "%",
    "_",
    "'; DROP TABLE sentences; --",
    "-",
    "+",
    "{x}",
)


@pytest.fixture
def stored(db: Database) -> Database:
    for text, meta in ARTICLES:
        assert ingest_text(db, text, meta).stored
    return db


def _found(db: Database, *words: str) -> list[str]:
    with db.session() as session:
        hits = search_sentences(session, words, limit=50)
        total = count_sentences(session, words, 1000)
    assert total == len(hits)
    return [hit.citation.sentence for hit in hits]


def test_a_word_matches_whole_words_it_begins(stored: Database) -> None:
    assert _found(stored, "Stepanakert") == [
        "Negotiators met in Stepanakert on Monday to discuss the cease-fire."
    ]
    assert len(_found(stored, "Stepanak")) == 1  # a beginning
    assert _found(stored, "anakert") == []  # not the middle of a word
    assert len(_found(stored, "STEPANAKERT")) == 1  # any case


def test_every_word_must_occur_in_the_same_sentence(stored: Database) -> None:
    assert len(_found(stored, "harvest", "farmers")) == 1
    assert _found(stored, "harvest", "floods") == []  # two different sentences


def test_inner_punctuation_matches_the_parts_in_a_row(stored: Database) -> None:
    assert len(_found(stored, "cease-fire")) == 1
    assert len(_found(stored, "peace_keepers")) == 1
    assert _found(stored, "fire-cease") == []


def test_operator_words_are_plain_words(stored: Database) -> None:
    near = _found(stored, "NEAR")
    assert len(near) == 2 and all("near" in sentence for sentence in near)


def test_results_are_newest_article_first(stored: Database) -> None:
    sentences = _found(stored, "spokesperson")
    assert sentences == [
        "The rail line to Zürich reopened after repairs, a spokesperson said.",
        "At least 12 people were killed in the floods, a spokesperson said.",
    ]


def test_pages_cross_from_dated_to_undated_articles_in_order(stored: Database) -> None:
    undated = "Depot note\n\nA spokesperson said the depot would reopen."
    assert ingest_text(stored, undated, ArticleMeta(outlet="Daily Two")).stored
    whole = _found(stored, "spokesperson")
    assert whole[-1] == "A spokesperson said the depot would reopen."  # undated last
    with stored.session() as session:
        for size in (1, 2):
            paged = [
                hit.citation.sentence
                for offset in range(0, len(whole) + size, size)
                for hit in search_sentences(session, ("spokesperson",), limit=size, offset=offset)
            ]
            assert paged == whole, size


def test_counts_stop_at_the_cap(stored: Database) -> None:
    with stored.session() as session:
        assert count_sentences(session, ("the",), 2) == 2
        assert count_sentences(session, ("the",), 1000) > 2


@pytest.mark.parametrize("word", HOSTILE)
def test_hostile_words_never_raise_or_match_everything(stored: Database, word: str) -> None:
    with stored.session() as session:
        hits = search_sentences(session, (word,), limit=50)
        count = count_sentences(session, (word,), 1000)
        claims = claims_matching(session, (word,))
        found = figures(session, words=(word,))
        also = search_sentences(session, (word, "harvest"), limit=50)
    assert count == len(hits) <= 2, (word, hits)
    assert len(claims) <= 3 and len(found) <= 1
    assert len(also) <= 1


def test_claims_and_figures_filter_by_the_same_words(stored: Database) -> None:
    with stored.session() as session:
        claims = claims_matching(session, ("flood",))
        counted = figures(session, words=("floods", "killed"))
        none = figures(session, words=("Stepanakert",))
    assert [claim.citation.sentence for claim in claims] == [
        "At least 12 people were killed in the floods, a spokesperson said."
    ]
    assert [figure.value for figure in counted] == [12.0]
    assert none == []


def test_articles_stored_later_are_found(stored: Database) -> None:
    ingest_text(stored, "Late news\n\nA quixotic plan was announced on Friday by the council.")
    assert len(_found(stored, "quixotic")) == 1


def _keys(views: list[Any]) -> list[tuple[str, int, str]]:
    return [(v.citation.article_id, v.citation.sentence_index, v.text) for v in views]


def _claims_sorting_every_hit(
    session: Any, topic: tuple[str, ...], limit: int
) -> list[tuple[str, int, str]]:
    """The claims of every matching sentence sorted newest first: what the claims' own
    index must give, read off in order."""
    dialect = session.get_bind().dialect.name
    query = (
        facts._claim_query()
        .where(fulltext.sentence_match(dialect, topic))
        .order_by(ClaimRow.date_start.desc().nulls_last(), ClaimRow.id)
        .limit(limit)
    )
    return _keys(facts._claims(session, query))


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8, 40])
@pytest.mark.parametrize("topic", [("Russia",), ("said",), ("killed",), ("the", "of")])
def test_walking_by_date_finds_what_sorting_every_hit_finds(
    seeded_core: BotCore, monkeypatch: pytest.MonkeyPatch, limit: int, topic: tuple[str, ...]
) -> None:
    """Claims are read off their own index in date order, a chunk at a time (the chunks are
    small here, so several are read); common words' figures by walking the newest rows in
    windows, rare ones' by sorting every hit. Each must give the rows that sorting every
    hit gives, in the same order."""
    with seeded_core.db.session() as session:
        sorted_claims = _claims_sorting_every_hit(session, topic, limit)
        indexed_claims = _keys(claims_matching(session, topic, limit=limit))
        sorted_figures = _keys(figures(session, limit=limit, words=topic, newest_first=True))
        monkeypatch.setattr(facts, "WINDOW_FROM", 1)
        walked_figures = _keys(figures(session, limit=limit, words=topic, newest_first=True))
    assert indexed_claims == sorted_claims
    assert walked_figures == sorted_figures
    assert sorted_claims or sorted_figures


@pytest.mark.parametrize("limit", [1, 2, 5, 40])
def test_claims_about_an_actor_are_walked_in_date_order(seeded_core: BotCore, limit: int) -> None:
    """The walk of claim_subjects' (actor, date, claim) index gives what sorting every claim
    naming the actor gives."""
    with seeded_core.db.session() as session:
        actors = [actor for actor, _ in most_mentioned_since(session, None, limit=5)]
        ids = [session.scalar(select(ActorRow.id).where(ActorRow.name == a)) for a in actors]
        walked = [_keys(claims_about(session, i, limit=limit)) for i in ids if i]
        sorted_ = []
        for actor_id in ids:
            if not actor_id:
                continue
            subjects = select(ClaimSubjectRow.claim_id).where(ClaimSubjectRow.actor_id == actor_id)
            query = (
                facts._claim_query()
                .where(ClaimRow.id.in_(subjects), ClaimRow.speaker_id != actor_id)
                .order_by(ClaimRow.date_start.nulls_last(), ClaimRow.id)
                .limit(limit)
            )
            sorted_.append(_keys(facts._claims(session, query)))
    assert walked == sorted_
    assert any(sorted_)


def test_postgres_takes_a_word_its_statistics_show_everywhere_as_past_the_cap(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's planner statistics")
    lines = [f"Monitors counted {n} shells near the ridge on patrol {n}." for n in range(40)]
    lines += [f"A quiet harbour opened for the season, number {n}." for n in range(40)]
    text_ = "Patrol log\n\n" + "\n\n".join(lines) + "\n"
    assert ingest_text(db, text_, ArticleMeta(outlet="Wire One")).stored
    with db.session() as session:
        session.execute(sql_text("ANALYZE sentences"))
        assert fulltext._surely_at_least(session, ("shells",), 2)  # in 40 sentences ≥ 5 × 2
        assert fulltext._surely_at_least(session, ("shel",), 2)  # a prefix of "shells"
        assert not fulltext._surely_at_least(session, ("pat",), 2)  # short: whole words only
        assert not fulltext._surely_at_least(session, ("shells",), 1000)
        assert not fulltext._surely_at_least(session, ("shells", "ridge"), 2)  # counted
        assert count_sentences(session, ("shells",), 2) == 2
        assert count_sentences(session, ("shells",), 1000) == 40
        assert count_sentences(session, ("zzzunfound",), 2) == 0


def test_a_common_words_pages_read_from_the_newest_articles_equal_the_sorted_hits(
    db: Database,
) -> None:
    for n in range(fulltext.WALK_ARTICLES + 20):
        day = date(2020, 1, 1) + timedelta(days=n // 2)  # two articles a day: ties in order
        body = f"Convoy {n} reached the depot.\n\nThe road was quiet on day {n}."
        assert ingest_text(
            db, f"Log {n}\n\n{body}\n", ArticleMeta(outlet="Wire One", published=day)
        )
    assert ingest_text(db, "Undated\n\nA convoy left at dawn.\n", ArticleMeta(outlet="Wire One"))
    with db.session() as session:
        for offset in (0, 8, 40, fulltext.WALK_ARTICLES + 14):
            walked = fulltext.newest_matching(
                session, ("convoy",), limit=8, offset=offset, common=True
            )
            sorted_ = fulltext.newest_matching(session, ("convoy",), limit=8, offset=offset)
            assert walked == sorted_ and walked, offset


@pytest.mark.parametrize("limit", [1, 3, 7, 50])
def test_figures_read_off_the_index_in_small_chunks_equal_the_sorted_hits(
    db: Database, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    for n in range(24):
        day = date(2022, 5, 1) + timedelta(days=n // 3)  # three articles a day
        body = f"Officials said {n + 3} people were killed when the convoy {n} was shelled."
        meta = ArticleMeta(outlet=("Wire One", "Daily Two")[n % 2], published=day)
        assert ingest_text(db, f"Convoy report {n}\n\n{body}\n", meta)
    undated = "Undated convoy\n\nA medic said 4 people were injured near the convoy.\n"
    assert ingest_text(db, undated, ArticleMeta(outlet="Wire One"))
    with db.session() as session:
        expected = _keys(figures(session, limit=limit, words=("convoy",), newest_first=True))
        monkeypatch.setattr(facts, "WINDOW_FROM", 1)  # a common word: read off the index
        monkeypatch.setattr(fulltext, "FIRST_CHUNK", 2)
        walked = _keys(figures(session, limit=limit, words=("convoy",), newest_first=True))
    assert walked == expected and len(walked) == min(limit, 25)


GUARDED_WORDS = (
    ("Stepanak",),
    ("STEPANAKERT",),
    ("anakert",),
    ("Zürich",),
    ("zürich",),
    ("harvest", "farmers"),
    ("harvest", "floods"),
    ("the",),
    ("cease-fire",),
    ("peace_keepers",),
    ("12",),
)


@pytest.mark.parametrize("words", GUARDED_WORDS + tuple((word,) for word in HOSTILE))
def test_a_walk_checks_each_row_as_the_index_does(stored: Database, words: tuple[str, ...]) -> None:
    """`drive=False` (PostgreSQL: the lowered text searched for every word before the
    tsvector is built) keeps exactly the sentences the index's match keeps."""
    with stored.session() as session:
        dialect = session.get_bind().dialect.name
        found = {}
        for drive in (True, False):
            query = select(SentenceRow.article_id, SentenceRow.idx).where(
                fulltext.sentence_match(dialect, words, drive=drive)
            )
            found[drive] = sorted(session.execute(query).all())
    assert found[False] == found[True]


def _largest_story(session: Any) -> int:
    filed = func.count(StoryArticleRow.article_id)
    story = session.scalar(
        select(StoryArticleRow.story_id)
        .group_by(StoryArticleRow.story_id)
        .order_by(filed.desc())
        .limit(1)
    )
    assert story is not None
    return int(story)


@pytest.mark.parametrize("limit", [1, 3, 7, 50])
@pytest.mark.parametrize("topic", [("Russia",), ("said",), ("killed",), ("the", "of")])
def test_a_storys_figures_walked_newest_first_equal_the_sorted_hits(
    seeded_core: BotCore, monkeypatch: pytest.MonkeyPatch, limit: int, topic: tuple[str, ...]
) -> None:
    """In a story, a common word's figures are the story's walked newest first and checked
    one by one; a rare word's are every hit sorted. Both give the same rows in order."""
    with seeded_core.db.session() as session, story_scope(_largest_story(session)):
        monkeypatch.setattr(facts, "WINDOW_FROM", 10**9)  # rare: every hit sorted
        sorted_ = _keys(figures(session, limit=limit, words=topic, newest_first=True))
        monkeypatch.setattr(facts, "WINDOW_FROM", 1)
        monkeypatch.setattr(facts, "_common_on_postgres", lambda *_: True)
        walked = _keys(figures(session, limit=limit, words=topic, newest_first=True))
    assert walked == sorted_
    assert walked or topic != ("said",)


@pytest.mark.parametrize("limit", [1, 3, 7, 50])
def test_a_storys_newest_figures_walked_equal_every_storys_filtered(
    seeded_core: BotCore, limit: int
) -> None:
    """A story's newest figures, walked from its articles, are every story's newest figures
    (read in windows of the newest articles) kept to the story's articles."""
    with seeded_core.db.session() as session:
        story = _largest_story(session)
        articles = set(
            session.scalars(
                select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story)
            )
        )
        every = figures(session, limit=10_000, newest_first=True)
        with story_scope(story):
            walked = _keys(figures(session, limit=limit, newest_first=True))
    expected = _keys([f for f in every if f.citation.article_id in articles][:limit])
    assert walked == expected and walked
