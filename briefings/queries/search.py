"""Full-sentence search: every stored sentence containing all the words asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from briefings.models import Citation
from briefings.queries.common import escape_like, outlet_label
from briefings.store.schema import ArticleRow, SentenceRow

MAX_WORDS = 8


@dataclass(frozen=True)
class SentenceHit:
    citation: Citation
    published: date | None


def _matching(words: tuple[str, ...]) -> Select[tuple[SentenceRow, ArticleRow]]:
    query = select(SentenceRow, ArticleRow).join(
        ArticleRow, ArticleRow.id == SentenceRow.article_id
    )
    for word in words[:MAX_WORDS]:
        query = query.where(SentenceRow.text.ilike(f"%{escape_like(word)}%", escape="\\"))
    return query


def count_sentences(session: Session, words: tuple[str, ...]) -> int:
    subquery = _matching(words).with_only_columns(SentenceRow.article_id).subquery()
    return int(session.scalar(select(func.count()).select_from(subquery)) or 0)


def search_sentences(
    session: Session, words: tuple[str, ...], *, limit: int, offset: int = 0
) -> list[SentenceHit]:
    """Newest articles first, then in reading order; paged in SQL."""
    rows = session.execute(
        _matching(words)
        .order_by(ArticleRow.published.desc().nulls_last(), ArticleRow.id, SentenceRow.idx)
        .limit(limit)
        .offset(offset)
    )
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
        for sentence, article in rows
    ]
