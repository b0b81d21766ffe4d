"""Full-sentence search: every stored sentence containing all the words asked for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from briefings.models import Citation
from briefings.queries.common import custom_plans, outlet_label
from briefings.queries.fulltext import (
    count_matching,
    estimated_sentences,
    newest_matching,
    searchable,
    sentence_key_filter,
    sentence_match,
    sqlite_story_hits,
)
from briefings.store.schema import ArticleRow, SentenceRow
from briefings.stories.scope import current_story, story_articles

MAX_WORDS = 8


@dataclass(frozen=True)
class SentenceHit:
    citation: Citation
    published: date | None


def count_sentences(
    session: Session, words: tuple[str, ...], cap: int, read: ReadKeys | None = None
) -> int:
    """Sentences containing every word, counted up to `cap` (`cap` means "at least"); in a
    story, the hits counted are kept in `read` (see `ReadKeys`)."""
    if current_story() is not None:
        return len(_story_keys(session, words[:MAX_WORDS], cap, read))
    return count_matching(session, words[:MAX_WORDS], cap)


@dataclass
class ReadKeys:
    """A story's hits read while counting them (`count_sentences`), for `search_sentences`
    to take its page from in the same command instead of reading them again."""

    wanted: int = 0
    keys: list[tuple[str, int]] = field(default_factory=list)


def _story_keys(
    session: Session, words: tuple[str, ...], wanted: int, read: ReadKeys | None = None
) -> list[tuple[str, int]]:
    """The first `wanted` hits, in search order, inside the story in scope; from `read`
    when it holds them (the search order is a total order: a page is a prefix of a count's
    hits)."""
    story = current_story()
    assert story is not None
    usable = searchable(words)
    if not usable:
        return []
    if read is not None and read.wanted >= wanted:
        return read.keys[:wanted]
    keys = _read_story_keys(session, usable, story, wanted)
    if read is not None:
        read.wanted, read.keys = wanted, keys
    return keys


def _read_story_keys(
    session: Session, usable: tuple[str, ...], story: int, wanted: int
) -> list[tuple[str, int]]:
    """SQLite walks the full-text index newest first and keeps the story's sentences
    (stopping once it has enough); PostgreSQL reads the index's hits and keeps the story's,
    or, for words its statistics show common, reads the story's sentences and keeps those
    with the words."""
    if session.get_bind().dialect.name == "sqlite":
        return sqlite_story_hits(session, usable, story, wanted)
    hits = select(SentenceRow.article_id, SentenceRow.idx).where(
        sentence_match("postgresql", usable)
    )
    if _hits_outnumber_the_story(session, usable, story):
        hits = hits.where(SentenceRow.article_id.in_(story_articles(story)))
    else:
        # the index's hits first: left to itself, the planner starts from the story's
        # articles and computes the words of each of their sentences (90 ms for 500)
        led = hits.cte("hits").prefix_with("MATERIALIZED")
        hits = select(led.c.article_id, led.c.idx).where(
            led.c.article_id.in_(story_articles(story))
        )
    found = hits.subquery()
    with custom_plans(session):
        rows = session.execute(
            select(found.c.article_id, found.c.idx)
            .join(ArticleRow, ArticleRow.id == found.c.article_id)
            .order_by(
                ArticleRow.published.desc().nulls_last(),
                ArticleRow.ingested_at,
                ArticleRow.id,
                found.c.idx,
            )
            .limit(wanted)
        ).all()
    return [(article_id, idx) for article_id, idx in rows]


# Reading the story's sentences costs about this many times what reading one index hit
# does (computing a sentence's words against taking a hit from the GIN index).
SENTENCE_COST = 4


def _hits_outnumber_the_story(session: Session, usable: tuple[str, ...], story: int) -> bool:
    """PostgreSQL: whether the words are common enough (by the statistics) that reading the
    story's own sentences is cheaper than reading every hit of the index."""
    hits = estimated_sentences(session, usable)
    if hits is None:
        return False
    articles = session.scalar(select(func.count()).select_from(story_articles(story).subquery()))
    per_article = session.scalar(_SENTENCES_PER_ARTICLE) or 0.0
    return hits > SENTENCE_COST * (articles or 0) * float(per_article)


_SENTENCES_PER_ARTICLE = text(
    "SELECT (SELECT reltuples FROM pg_class WHERE oid = 'sentences'::regclass) / "
    "GREATEST((SELECT reltuples FROM pg_class WHERE oid = 'articles'::regclass), 1)"
)


def search_sentences(
    session: Session,
    words: tuple[str, ...],
    *,
    limit: int,
    offset: int = 0,
    common: bool = False,
    read: ReadKeys | None = None,
) -> list[SentenceHit]:
    """Newest articles first, then in storage and reading order; paged by the index.
    `common`: `count_sentences` found many (it picks the plan on PostgreSQL); `read`: the
    hits it read in a story."""
    if current_story() is not None:
        keys = _story_keys(session, words[:MAX_WORDS], offset + limit, read)[offset:]
    else:
        keys = newest_matching(
            session, words[:MAX_WORDS], limit=limit, offset=offset, common=common
        )
    if not keys:
        return []
    rows = session.execute(
        select(SentenceRow, ArticleRow)
        .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
        .where(sentence_key_filter(keys))
    )
    found = {(sentence.article_id, sentence.idx): (sentence, article) for sentence, article in rows}
    return [
        SentenceHit(
            citation=Citation(
                article_id=sentence.article_id,
                outlet=outlet_label(article.outlet),
                sentence_index=sentence.idx,
                start=sentence.start,
                end=sentence.end,
                sentence=sentence.text,
                caption=sentence.caption,
            ),
            published=article.published,
        )
        for sentence, article in (found[key] for key in keys if key in found)
    ]
