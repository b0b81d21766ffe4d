"""Writing one article and its facts, all or nothing, inside the caller's transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from briefings.models import Actor, ActorKind, Citation, Extraction, TimePoint
from briefings.store.schema import (
    ActorRow,
    ArticleActorRow,
    ArticleRow,
    ClaimRow,
    ClaimSubjectRow,
    EventActorRow,
    EventRow,
    FigureRow,
    SentenceRow,
)


def article_exists(session: Session, article_id: str, url: str | None = None) -> bool:
    """True when the same content (fingerprint) or the same URL is already stored."""
    if session.get(ArticleRow, article_id) is not None:
        return True
    if url:
        return session.scalar(select(ArticleRow.id).where(ArticleRow.url == url)) is not None
    return False


def _fact_columns(
    article_id: str, citation: Citation, text: str, point: TimePoint | None
) -> dict[str, object]:
    """The columns every fact row shares: its citation, its text and its date."""
    return {
        "article_id": article_id,
        "sentence_idx": citation.sentence_index,
        "span_start": citation.start,
        "span_end": citation.end,
        "text": text,
        **_date_columns(point),
    }


def _date_columns(point: TimePoint | None) -> dict[str, object]:
    if point is None:
        return {"date_edtf": None, "date_precision": None, "date_start": None, "date_end": None}
    return {
        "date_edtf": point.edtf,
        "date_precision": point.precision.value,
        "date_start": point.start,
        "date_end": point.end,
        "date_inferred": point.inferred,
    }


class _ActorIds:
    """Get-or-create actor rows by canonical name, caching ids for the transaction."""

    def __init__(self, session: Session, known: dict[str, Actor]) -> None:
        self.session = session
        self.known = known
        self.ids: dict[str, int] = {}
        if known:
            rows = session.execute(
                select(ActorRow.name, ActorRow.id).where(ActorRow.name.in_(list(known)))
            )
            self.ids = {name: actor_id for name, actor_id in rows}

    def __call__(self, name: str) -> int:
        if name in self.ids:
            return self.ids[name]
        actor = self.known.get(name) or Actor(name=name, kind=ActorKind.UNKNOWN)
        row = ActorRow(
            name=actor.name, kind=actor.kind.value, affiliation=actor.affiliation, role=actor.role
        )
        self.session.add(row)
        self.session.flush()
        self.ids[name] = row.id
        return row.id


def save_extraction(session: Session, extraction: Extraction) -> bool:
    """Store the article and every fact; False (and nothing written) when already stored."""
    article = extraction.article
    if article_exists(session, article.id, article.url):
        return False
    session.add(
        ArticleRow(
            id=article.id,
            outlet=article.outlet,
            outlet_inferred=article.outlet_inferred,
            agency=article.agency,
            title=article.title,
            author=article.author,
            published=article.published,
            published_inferred=article.published_inferred,
            url=article.url,
            source=article.source,
            text=article.text,
            word_count=article.word_count,
            ingested_at=datetime.now(UTC),
        )
    )
    session.add_all(
        SentenceRow(
            article_id=article.id,
            idx=s.index,
            start=s.start,
            end=s.end,
            text=s.text,
            caption=s.caption,
        )
        for s in article.sentences
    )
    session.flush()
    actor_id = _ActorIds(session, {actor.name: actor for actor in extraction.actors})
    for name, count in extraction.mention_counts.items():
        session.add(ArticleActorRow(article_id=article.id, actor_id=actor_id(name), mentions=count))

    for event in extraction.events:
        event_row = EventRow(
            kind=event.kind,
            date_text=event.date_text,
            unresolved=event.unresolved,
            caption=event.caption,
            **_fact_columns(article.id, event.citation, event.text, event.date),
        )
        session.add(event_row)
        session.flush()
        session.add_all(
            EventActorRow(event_id=event_row.id, actor_id=actor_id(name))
            for name in dict.fromkeys(event.actors)
        )

    for claim in extraction.claims:
        claim_row = ClaimRow(
            speaker_id=actor_id(claim.speaker),
            speaker_text=claim.speaker_text[:500],
            stance=claim.stance.value,
            **_fact_columns(article.id, claim.citation, claim.text, claim.date),
        )
        session.add(claim_row)
        session.flush()
        subjects = {name for name in claim.subjects if name != claim.speaker}
        session.add_all(
            ClaimSubjectRow(claim_id=claim_row.id, actor_id=actor_id(name)) for name in subjects
        )

    for figure in extraction.figures:
        session.add(
            FigureRow(
                value=figure.value,
                value_high=figure.value_high,
                qualifier=figure.qualifier,
                unit=figure.unit,
                source_id=actor_id(figure.source) if figure.source else None,
                **_fact_columns(article.id, figure.citation, figure.text, figure.date),
            )
        )
    session.flush()
    return True
