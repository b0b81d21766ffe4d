"""Full-sentence search: every stored sentence containing all the words asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, literal_column, select
from sqlalchemy.orm import Session

from briefings.models import Citation
from briefings.queries.common import outlet_label
from briefings.queries.fulltext import (
    count_matching,
    newest_matching,
    searchable,
    sentence_key_filter,
    sentence_match,
    sqlite_hits_newest_first,
)
from briefings.store.schema import ArticleRow, SentenceRow
from briefings.stories.scope import current_story, in_story

MAX_WORDS = 8


@dataclass(frozen=True)
class SentenceHit:
    citation: Citation
    published: date | None


def count_sentences(session: Session, words: tuple[str, ...], cap: int) -> int:
    """Sentences containing every word, counted up to `cap` (`cap` means "at least")."""
    if current_story() is not None:
        return len(_story_keys(session, words[:MAX_WORDS], cap))
    return count_matching(session, words[:MAX_WORDS], cap)


def _story_keys(session: Session, words: tuple[str, ...], wanted: int) -> list[tuple[str, int]]:
    """The first `wanted` hits, in search order, inside the story in scope: SQLite walks the
    full-text index newest first a chunk at a time and keeps the story's sentences (stopping
    once it has enough); PostgreSQL filters the hits by the story's articles."""
    story = in_story(SentenceRow.article_id)
    assert story is not None
    usable = searchable(words)
    if not usable:
        return []
    if session.get_bind().dialect.name != "sqlite":
        rows = session.execute(
            select(SentenceRow.article_id, SentenceRow.idx)
            .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
            .where(sentence_match("postgresql", usable), story)
            .order_by(
                ArticleRow.published.desc().nulls_last(),
                ArticleRow.ingested_at,
                ArticleRow.id,
                SentenceRow.idx,
            )
            .limit(wanted)
        )
        return [(article_id, idx) for article_id, idx in rows]
    found: list[tuple[str, int]] = []
    rowid: ColumnElement[int] = literal_column("sentences.rowid")
    for _day, rowids in sqlite_hits_newest_first(session, words):
        keys = {
            row_id: (article_id, idx)
            for row_id, article_id, idx in session.execute(
                select(rowid, SentenceRow.article_id, SentenceRow.idx).where(
                    rowid.in_(rowids), story
                )
            )
        }
        found.extend(keys[row_id] for row_id in rowids if row_id in keys)
        if len(found) >= wanted:
            break
    return found[:wanted]


def search_sentences(
    session: Session,
    words: tuple[str, ...],
    *,
    limit: int,
    offset: int = 0,
    common: bool = False,
) -> list[SentenceHit]:
    """Newest articles first, then in storage and reading order; paged by the index.
    `common`: `count_sentences` found many (it picks the plan on PostgreSQL)."""
    if current_story() is not None:
        keys = _story_keys(session, words[:MAX_WORDS], offset + limit)[offset:]
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
