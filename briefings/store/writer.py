"""Writing one article and its facts, all or nothing, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from briefings.extract.events import default_vocabulary
from briefings.models import Actor, ActorKind, Citation, Extraction, TimePoint
from briefings.store.entries import assign_entries
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
from briefings.store.summaries import record_article

# Core tables: multi-row inserts through them skip the ORM's per-row bookkeeping.
ACTORS: Table = ActorRow.__table__  # type: ignore[assignment]
ARTICLES: Table = ArticleRow.__table__  # type: ignore[assignment]
SENTENCES: Table = SentenceRow.__table__  # type: ignore[assignment]
ARTICLE_ACTORS: Table = ArticleActorRow.__table__  # type: ignore[assignment]
EVENTS: Table = EventRow.__table__  # type: ignore[assignment]
EVENT_ACTORS: Table = EventActorRow.__table__  # type: ignore[assignment]
CLAIMS: Table = ClaimRow.__table__  # type: ignore[assignment]
CLAIM_SUBJECTS: Table = ClaimSubjectRow.__table__  # type: ignore[assignment]
FIGURES: Table = FigureRow.__table__  # type: ignore[assignment]


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
        return {
            "date_edtf": None,
            "date_precision": None,
            "date_start": None,
            "date_end": None,
            "date_inferred": False,
        }
    return {
        "date_edtf": point.edtf,
        "date_precision": point.precision.value,
        "date_start": point.start,
        "date_end": point.end,
        "date_inferred": point.inferred,
    }


def _actor_ids(session: Session, known: dict[str, Actor], names: set[str]) -> dict[str, int]:
    """Ids for every name the extraction uses, creating the missing actors in one statement.

    Unknown speakers ("spokesperson") an earlier article created are found, not re-inserted;
    a concurrent writer creating the same actor is absorbed by ON CONFLICT DO NOTHING.
    """
    wanted = sorted(names | set(known))
    ids: dict[str, int] = {}
    for start in range(0, len(wanted), 500):
        ids.update(_existing_ids(session, wanted[start : start + 500]))
    missing = [name for name in wanted if name not in ids]
    if missing:
        rows = []
        for name in missing:
            actor = known.get(name) or Actor(name=name, kind=ActorKind.UNKNOWN)
            rows.append(
                {
                    "name": actor.name,
                    "kind": actor.kind.value,
                    "affiliation": actor.affiliation,
                    "role": actor.role,
                }
            )
        dialect = session.get_bind().dialect.name
        upsert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        session.execute(upsert(ACTORS).on_conflict_do_nothing(index_elements=["name"]), rows)
        for start in range(0, len(missing), 500):
            ids.update(_existing_ids(session, missing[start : start + 500]))
    return ids


def _existing_ids(session: Session, names: list[str]) -> dict[str, int]:
    rows = session.execute(select(ACTORS.c.name, ACTORS.c.id).where(ACTORS.c.name.in_(names)))
    return {name: actor_id for name, actor_id in rows}


def _names_used(extraction: Extraction) -> set[str]:
    names = set(extraction.mention_counts)
    for event in extraction.events:
        names.update(event.actors)
    for claim in extraction.claims:
        names.add(claim.speaker)
        names.update(claim.subjects)
        if claim.speaks_for:
            names.add(claim.speaks_for)
    names.update(figure.source for figure in extraction.figures if figure.source)
    return names


def _inserted_ids(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """Insert many rows in one statement and return their ids in the order given."""
    if not rows:
        return []
    result = session.connection().execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
    )
    return [row_id for (row_id,) in result]


def body_facts(extraction: Extraction) -> Extraction:
    """The extraction without the facts read in the headline: cards cite sentences of the
    story, and the body restates what its headline says. Headline facts come last, so the
    figures' `revises` indices stay valid."""
    claims = [c for c in extraction.claims if not c.citation.headline]
    figures = [f for f in extraction.figures if not f.citation.headline]
    if len(claims) == len(extraction.claims) and len(figures) == len(extraction.figures):
        return extraction
    return extraction.model_copy(update={"claims": claims, "figures": figures})


def save_extraction(session: Session, extraction: Extraction) -> bool:
    """Store the article and every fact; False (and nothing written) when already stored.

    Rows go in as a few multi-row statements per table (ids come back in order), not one
    ORM flush per fact: ingest and the 100k-article benchmark corpus depend on it.
    """
    article = extraction.article
    if article_exists(session, article.id, article.url):
        return False
    extraction = body_facts(extraction)
    session.connection().execute(
        insert(ARTICLES),
        [
            {
                "id": article.id,
                "outlet": article.outlet,
                "outlet_inferred": article.outlet_inferred,
                "agency": article.agency,
                "title": article.title,
                "author": article.author,
                "published": article.published,
                "published_inferred": article.published_inferred,
                "url": article.url,
                "source": article.source,
                "text": article.text,
                "word_count": article.word_count,
                "ingested_at": datetime.now(UTC),
            }
        ],
    )
    if article.sentences:
        session.connection().execute(
            insert(SENTENCES),
            [
                {
                    "article_id": article.id,
                    "idx": s.index,
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "caption": s.caption,
                }
                for s in article.sentences
            ],
        )
    actor_id = _actor_ids(
        session, {actor.name: actor for actor in extraction.actors}, _names_used(extraction)
    ).__getitem__
    if extraction.mention_counts:
        session.connection().execute(
            insert(ARTICLE_ACTORS),
            [
                {"article_id": article.id, "actor_id": actor_id(name), "mentions": count}
                for name, count in extraction.mention_counts.items()
            ],
        )

    event_ids = _inserted_ids(
        session,
        EVENTS,
        [
            {
                "kind": event.kind,
                "date_text": event.date_text,
                "unresolved": event.unresolved,
                "caption": event.caption,
                **_fact_columns(article.id, event.citation, event.text, event.date),
            }
            for event in extraction.events
        ],
    )
    event_links = [
        {"event_id": event_id, "actor_id": actor_id(name), "article_id": article.id}
        for event_id, event in zip(event_ids, extraction.events, strict=True)
        for name in dict.fromkeys(event.actors)
    ]
    if event_links:
        session.connection().execute(insert(EVENT_ACTORS), event_links)
    assign_entries(session.connection(), article.id, default_vocabulary().family)

    claim_ids = _inserted_ids(
        session,
        CLAIMS,
        [
            {
                "speaker_id": actor_id(claim.speaker),
                "speaker_text": claim.speaker_text[:500],
                "stance": claim.stance.value,
                "cue": (claim.cue or "")[:200] or None,
                "cue_start": claim.cue_start,
                "cue_end": claim.cue_end,
                "speaker_role": (claim.speaker_role or "")[:300] or None,
                "speaks_for_id": actor_id(claim.speaks_for) if claim.speaks_for else None,
                "line": claim.line,
                **_fact_columns(article.id, claim.citation, claim.text, claim.date),
            }
            for claim in extraction.claims
        ],
    )
    subject_links = [
        {
            "claim_id": claim_id,
            "actor_id": actor_id(name),
            "date_start": claim.date.start if claim.date else None,
            "article_id": article.id,
        }
        for claim_id, claim in zip(claim_ids, extraction.claims, strict=True)
        for name in sorted({name for name in claim.subjects if name != claim.speaker})
    ]
    if subject_links:
        session.connection().execute(insert(CLAIM_SUBJECTS), subject_links)

    _save_figures(session, article.id, extraction, actor_id)
    record_article(session, article.id)
    return True


def _save_figures(
    session: Session, article_id: str, extraction: Extraction, actor_id: Callable[[str], int]
) -> None:
    """The figures, then the links of revisions to the figures they revise (ids known only
    once the rows are in)."""
    figure_ids = _inserted_ids(
        session,
        FIGURES,
        [
            {
                "value": figure.value,
                "value_high": figure.value_high,
                "qualifier": figure.qualifier,
                "unit": figure.unit,
                "source_id": actor_id(figure.source) if figure.source else None,
                "source_text": (figure.source_text or "")[:300] or None,
                "part": figure.part,
                "places": (figure.places or "")[:400] or None,
                "setting": (figure.setting or "")[:300] or None,
                "as_of": figure.date.end if figure.date else extraction.article.published,
                **_fact_columns(article_id, figure.citation, figure.text, figure.date),
            }
            for figure in extraction.figures
        ],
    )
    links = [
        {"figure": figure_ids[index], "revised": figure_ids[figure.revises]}
        for index, figure in enumerate(extraction.figures)
        if figure.revises is not None and 0 <= figure.revises < len(figure_ids)
    ]
    if links:
        session.connection().execute(
            update(FIGURES)
            .where(FIGURES.c.id == bindparam("figure"))
            .values(revises_id=bindparam("revised")),
            links,
        )
