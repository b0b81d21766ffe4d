"""Claims and figures with their citations, filtered in SQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, aliased

from briefings.models import Citation, TimePoint
from briefings.queries.common import citation, cited, escape_like, fact_time
from briefings.store.schema import (
    ActorRow,
    ArticleRow,
    ClaimRow,
    ClaimSubjectRow,
    FigureRow,
    SentenceRow,
)


@dataclass(frozen=True)
class ClaimView:
    speaker: str
    speaker_text: str
    stance: str
    text: str
    date: TimePoint | None
    citation: Citation


@dataclass(frozen=True)
class FigureView:
    value: float
    value_high: float | None
    qualifier: str | None
    unit: str
    text: str
    source: str | None
    date: TimePoint | None
    citation: Citation


def claims_in_articles(
    session: Session, article_ids: list[str], actors: tuple[str, ...] = ()
) -> list[ClaimView]:
    """Claims of the given articles in stored order; with `actors`, only those by or about
    one of them."""
    query = _claim_query().where(ClaimRow.article_id.in_(article_ids))
    if actors:
        about = (
            select(ClaimSubjectRow.claim_id)
            .join(ActorRow, ActorRow.id == ClaimSubjectRow.actor_id)
            .where(ActorRow.name.in_(actors))
        )
        query = query.where(or_(ActorRow.name.in_(actors), ClaimRow.id.in_(about)))
    return _claims(session, query.order_by(ClaimRow.id))


def _claims(session: Session, query: Select[tuple[object, ...]]) -> list[ClaimView]:
    views = []
    for claim, outlet, sentence, caption, speaker in session.execute(query):
        views.append(
            ClaimView(
                speaker=speaker,
                speaker_text=claim.speaker_text,
                stance=claim.stance,
                text=claim.text,
                date=fact_time(claim),
                citation=citation(claim, outlet, sentence, caption),
            )
        )
    return views


def _claim_query() -> Select[tuple[object, ...]]:
    return cited(ClaimRow, ActorRow.name).join(ActorRow, ActorRow.id == ClaimRow.speaker_id)


def claims_by(session: Session, actor_id: int, limit: int = 200) -> list[ClaimView]:
    query = _claim_query().where(ClaimRow.speaker_id == actor_id)
    return _claims(
        session, query.order_by(ClaimRow.date_start.nulls_last(), ClaimRow.id).limit(limit)
    )


def claims_about(session: Session, actor_id: int, limit: int = 200) -> list[ClaimView]:
    """Claims by others whose content names the actor."""
    subjects = select(ClaimSubjectRow.claim_id).where(ClaimSubjectRow.actor_id == actor_id)
    query = _claim_query().where(ClaimRow.id.in_(subjects), ClaimRow.speaker_id != actor_id)
    return _claims(
        session, query.order_by(ClaimRow.date_start.nulls_last(), ClaimRow.id).limit(limit)
    )


def claims_matching(session: Session, words: tuple[str, ...], limit: int = 300) -> list[ClaimView]:
    """Claims whose sentence contains every word (a topic such as "corridor" or "ceasefire")."""
    query = _claim_query()
    for word in words:
        query = query.where(SentenceRow.text.ilike(f"%{escape_like(word)}%", escape="\\"))
    return _claims(
        session, query.order_by(ClaimRow.date_start.desc().nulls_last(), ClaimRow.id).limit(limit)
    )


def latest_claims(session: Session, limit: int = 300) -> list[ClaimView]:
    query = _claim_query().order_by(ClaimRow.date_start.desc().nulls_last(), ClaimRow.id.desc())
    return _claims(session, query.limit(limit))


def figure_units(session: Session) -> list[tuple[str, int]]:
    """Units with their number of figures, most used first."""
    rows = session.execute(
        select(FigureRow.unit, func.count(FigureRow.id))
        .group_by(FigureRow.unit)
        .order_by(func.count(FigureRow.id).desc(), FigureRow.unit)
    )
    return [(unit, int(count)) for unit, count in rows]


def claims_in_outlet(session: Session, outlet: str, limit: int = 200) -> list[ClaimView]:
    query = _claim_query().where(or_(ArticleRow.outlet == outlet, ArticleRow.agency == outlet))
    return _claims(session, query.order_by(ClaimRow.id).limit(limit))


def figures(
    session: Session,
    unit: str | None = None,
    limit: int = 500,
    *,
    words: tuple[str, ...] = (),
    newest_first: bool = False,
) -> list[FigureView]:
    """Figures by unit then date, or those of the newest articles first (`newest_first`)."""
    source = aliased(ActorRow)
    query = cited(FigureRow, source.name).outerjoin(source, source.id == FigureRow.source_id)
    if unit:
        query = query.where(FigureRow.unit == unit)
    for word in words:
        query = query.where(SentenceRow.text.ilike(f"%{escape_like(word)}%", escape="\\"))
    order = (
        (ArticleRow.published.desc().nulls_last(), FigureRow.id)
        if newest_first
        else (FigureRow.unit, FigureRow.date_start.nulls_last(), FigureRow.id)
    )
    return _figure_views(session, query.order_by(*order).limit(limit))


def figures_in_articles(session: Session, article_ids: list[str]) -> list[FigureView]:
    """Every figure of the given articles, in stored order."""
    source = aliased(ActorRow)
    query = (
        cited(FigureRow, source.name)
        .outerjoin(source, source.id == FigureRow.source_id)
        .where(FigureRow.article_id.in_(article_ids))
    )
    return _figure_views(session, query.order_by(FigureRow.id))


def _figure_views(session: Session, query: Select[tuple[object, ...]]) -> list[FigureView]:
    return [
        FigureView(
            value=figure.value,
            value_high=figure.value_high,
            qualifier=figure.qualifier,
            unit=figure.unit,
            text=figure.text,
            source=source_name,
            date=fact_time(figure),
            citation=citation(figure, outlet, sentence, caption),
        )
        for figure, outlet, sentence, caption, source_name in session.execute(query)
    ]
