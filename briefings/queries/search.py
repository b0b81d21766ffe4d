"""Full-sentence search: every stored sentence containing all the words asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.models import Citation
from briefings.queries.common import outlet_label
from briefings.queries.fulltext import count_matching, newest_matching, sentence_key_filter
from briefings.store.schema import ArticleRow, SentenceRow

MAX_WORDS = 8


@dataclass(frozen=True)
class SentenceHit:
    citation: Citation
    published: date | None


def count_sentences(session: Session, words: tuple[str, ...], cap: int) -> int:
    """Sentences containing every word, counted up to `cap` (`cap` means "at least")."""
    return count_matching(session, words[:MAX_WORDS], cap)


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
    keys = newest_matching(session, words[:MAX_WORDS], limit=limit, offset=offset, common=common)
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
