"""Use cases that span ingest, extraction and the store: what the CLI and adapters call."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.errors import BriefbotError
from briefings.extract.pipeline import extract
from briefings.ingest import ArticleMeta, build_article, iter_article_files, read_text_file
from briefings.stories.joins import INGEST
from briefings.telemetry import emit

if TYPE_CHECKING:  # the store loads with the first write: `briefbot extract` never needs it
    from sqlalchemy.orm import Session

    from briefings.models import Article, Extraction
    from briefings.store.database import Database


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one document: stored, already known, or rejected with a reason."""

    source: str
    article_id: str | None = None
    stored: bool = False
    error: str | None = None
    events: int = 0
    claims: int = 0
    figures: int = 0

    def describe(self) -> str:
        if self.error:
            return f"{self.source}: rejected — {self.error}"
        if not self.stored:
            return f"{self.source}: already stored as {self.article_id}"
        return (
            f"{self.source}: stored {self.article_id} "
            f"({self.events} events, {self.claims} claims, {self.figures} figures)"
        )


def extract_text(raw_text: str, meta: ArticleMeta | None = None) -> Extraction:
    """Clean, split and extract one document without storing anything."""
    return extract(build_article(raw_text, meta))


def store_article(
    db: Database, article: Article, stories: tuple[int, ...] = (), how: str = INGEST
) -> IngestOutcome:
    """Extract and store one built article in a single transaction, filed in the stories
    whose rule it meets and in `stories` (its feed's, an explicit `--story`); an article
    already stored is still filed in `stories`."""
    from briefings.store.writer import save_extraction

    started = time.perf_counter()
    extraction = extract(article)
    emit(
        "article-extracted",
        seconds=time.perf_counter() - started,
        words=float(article.word_count),
    )
    queued = 0
    with db.session() as session:
        stored = save_extraction(session, extraction)
        queued = file_stored(session, article, stored, stories, how)
    if stored:
        emit("article-stored", words=float(article.word_count))
        if queued:
            emit("alerts-queued", alerts=float(queued))
    source = article.source or article.id
    return IngestOutcome(
        source=source,
        article_id=article.id,
        stored=stored,
        events=len(extraction.events) if stored else 0,
        claims=len(extraction.claims) if stored else 0,
        figures=len(extraction.figures) if stored else 0,
    )


def file_stored(
    session: Session, article: Article, stored: bool, stories: tuple[int, ...], how: str = INGEST
) -> int:
    """In the writer's transaction: file an article just written in the stories whose rule
    it meets and in `stories`, and queue the alerts its facts trigger (how many); one
    already stored joins `stories` only and alerts no one."""
    from briefings.alerts.triggers import queue_alerts
    from briefings.stories.matching import add_articles, join_article

    if stored:
        join_article(session, article, stories, how)
        return queue_alerts(session, article.id)
    for story_id in stories:
        add_articles(session, story_id, [_stored_id(session, article)], how)
    return 0


def _stored_id(session: Session, article: Article) -> str:
    """The id the article is stored under: its fingerprint, or the row holding its URL."""
    from sqlalchemy import select

    from briefings.store.schema import ArticleRow

    if article.url:
        by_url = session.scalar(select(ArticleRow.id).where(ArticleRow.url == article.url))
        if by_url is not None:
            return by_url
    return article.id


def ingest_text(
    db: Database, raw_text: str, meta: ArticleMeta | None = None, stories: tuple[int, ...] = ()
) -> IngestOutcome:
    return store_article(db, build_article(raw_text, meta), stories)


def ingest_paths(
    db: Database,
    paths: list[Path],
    meta: ArticleMeta | None = None,
    stories: tuple[int, ...] = (),
) -> list[IngestOutcome]:
    """Ingest files and directories; one bad file is reported and does not stop the others."""
    outcomes: list[IngestOutcome] = []
    for path in iter_article_files(paths):
        file_meta = replace(meta or ArticleMeta(), source=str(path))
        try:
            outcomes.append(ingest_text(db, read_text_file(path), file_meta, stories))
        except BriefbotError as error:
            outcomes.append(IngestOutcome(source=str(path), error=error.message))
    return outcomes


def article_count(db: Database) -> int:
    from sqlalchemy import func, select

    from briefings.store.schema import ArticleRow

    with db.session() as session:
        return session.scalar(select(func.count()).select_from(ArticleRow)) or 0
