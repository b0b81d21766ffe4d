"""Writing articles: actors shared across articles, including speakers the registry lacks."""

from __future__ import annotations

from sqlalchemy import func, select

from briefings.service import ingest_text
from briefings.store.database import Database
from briefings.store.schema import ActorRow, ArticleRow, ClaimRow

FIRST = (
    "Border talks stall\n\n"
    "A spokesperson said on Monday that the talks on the border would resume next month. "
    "Officials in both capitals declined to comment."
)
SECOND = (
    "Ministers meet again\n\n"
    "A spokesperson said the ministers would meet again after the holidays to discuss trade. "
    "The meeting was described as constructive."
)


def test_an_unknown_speaker_seen_before_is_reused_not_duplicated(db: Database) -> None:
    first = ingest_text(db, FIRST)
    second = ingest_text(db, SECOND)
    assert first.stored and second.stored
    assert first.claims >= 1 and second.claims >= 1
    with db.session() as session:
        speakers = session.scalars(
            select(ActorRow.name).join(ClaimRow, ClaimRow.speaker_id == ActorRow.id).distinct()
        ).all()
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 2
        for name in speakers:
            assert session.scalar(select(func.count()).where(ActorRow.name == name)) == 1, name


def test_many_articles_in_one_transaction_share_actor_rows(db: Database) -> None:
    from briefings.service import extract_text
    from briefings.store.writer import save_extraction

    extractions = [extract_text(FIRST), extract_text(SECOND)]
    with db.session() as session:
        assert all(save_extraction(session, extraction) for extraction in extractions)
    with db.session() as session:
        names = session.scalars(select(ActorRow.name)).all()
    assert len(names) == len(set(names))
