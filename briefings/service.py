"""Use cases that span ingest, extraction and the store: what the CLI and adapters call."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from briefings.errors import BriefbotError
from briefings.extract.pipeline import extract
from briefings.ingest import ArticleMeta, build_article, iter_article_files, read_text_file
from briefings.telemetry import emit

if TYPE_CHECKING:  # the store loads with the first write: `briefbot extract` never needs it
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


def store_article(db: Database, article: Article) -> IngestOutcome:
    """Extract and store one built article in a single transaction."""
    from briefings.store.writer import save_extraction

    started = time.perf_counter()
    extraction = extract(article)
    emit(
        "article-extracted",
        seconds=time.perf_counter() - started,
        words=float(article.word_count),
    )
    with db.session() as session:
        stored = save_extraction(session, extraction)
    if stored:
        emit("article-stored", words=float(article.word_count))
    source = article.source or article.id
    return IngestOutcome(
        source=source,
        article_id=article.id,
        stored=stored,
        events=len(extraction.events) if stored else 0,
        claims=len(extraction.claims) if stored else 0,
        figures=len(extraction.figures) if stored else 0,
    )


def ingest_text(db: Database, raw_text: str, meta: ArticleMeta | None = None) -> IngestOutcome:
    return store_article(db, build_article(raw_text, meta))


def ingest_paths(
    db: Database, paths: list[Path], meta: ArticleMeta | None = None
) -> list[IngestOutcome]:
    """Ingest files and directories; one bad file is reported and does not stop the others."""
    outcomes: list[IngestOutcome] = []
    for path in iter_article_files(paths):
        file_meta = replace(meta or ArticleMeta(), source=str(path))
        try:
            outcomes.append(ingest_text(db, read_text_file(path), file_meta))
        except BriefbotError as error:
            outcomes.append(IngestOutcome(source=str(path), error=error.message))
    return outcomes


def article_count(db: Database) -> int:
    from sqlalchemy import func, select

    from briefings.store.schema import ArticleRow

    with db.session() as session:
        return session.scalar(select(func.count()).select_from(ArticleRow)) or 0
