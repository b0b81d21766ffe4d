"""The shipped seed corpus: article files plus a manifest of what is known about each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from sqlalchemy import select

from briefings.errors import InputError
from briefings.ingest import ArticleMeta, build_article, read_text_file
from briefings.store.database import Database
from briefings.store.schema import ArticleRow
from briefings.store.story_schema import StoryRow
from briefings.stories.store import StoryChange, create_story

if TYPE_CHECKING:
    from briefings.service import IngestOutcome


@dataclass(frozen=True)
class SeedEntry:
    path: Path
    meta: ArticleMeta
    agency: str | None


def _value(entry: dict[str, Any], key: str) -> Any:
    field = entry.get(key)
    return field.get("value") if isinstance(field, dict) else field


def load_manifest(seeds_dir: Path) -> list[SeedEntry]:
    manifest = seeds_dir / "manifest.yaml"
    if not manifest.is_file():
        raise InputError(f"No seed manifest at {manifest}.")
    entries = yaml.safe_load(manifest.read_text("utf-8"))["articles"]
    seeds: list[SeedEntry] = []
    for entry in entries:
        published = _value(entry, "published")
        if isinstance(published, str):
            published = date.fromisoformat(published)
        path = seeds_dir / entry["file"]
        meta = ArticleMeta(
            outlet=_value(entry, "outlet"),
            title=_value(entry, "title"),
            author=_value(entry, "author"),
            published=published,
            url=_value(entry, "url"),  # where the article is on the web, when recorded
            source=f"seeds/{entry['file']}",
        )
        seeds.append(SeedEntry(path=path, meta=meta, agency=_value(entry, "agency")))
    return seeds


def load_story(seeds_dir: Path) -> tuple[str, StoryChange] | None:
    """The manifest's `story:` (the story the seeds belong to): its slug and values."""
    manifest = yaml.safe_load((seeds_dir / "manifest.yaml").read_text("utf-8"))
    story = manifest.get("story") if isinstance(manifest, dict) else None
    if not isinstance(story, dict):
        return None
    return str(story["slug"]), StoryChange(
        title=story.get("title"),
        description=story.get("description"),
        actors=[str(a) for a in story.get("actors") or []],
        words=[str(w) for w in story.get("words") or []],
        min_mentions=story.get("min_mentions"),
        min_lead_mentions=story.get("min_lead_mentions"),
    )


def seed_story(db: Database, seeds_dir: Path) -> int | None:
    """Create the seeds' story unless it exists; its id (None when the manifest has none)."""
    found = load_story(seeds_dir)
    if found is None:
        return None
    slug, change = found
    with db.session() as session:
        existing = session.scalar(select(StoryRow.id).where(StoryRow.slug == slug))
    if existing is not None:
        return existing
    story, _ = create_story(db, slug, change)
    return story.id


def ingest_seeds(db: Database, seeds_dir: Path) -> list[IngestOutcome]:
    from briefings.service import store_article  # the extraction pipeline: only to seed

    story_id = seed_story(db, seeds_dir)
    stories = (story_id,) if story_id is not None else ()
    outcomes = []
    for seed in load_manifest(seeds_dir):
        article = build_article(read_text_file(seed.path), seed.meta)
        if seed.agency and not article.agency:
            article = article.model_copy(update={"agency": seed.agency})
        outcomes.append(store_article(db, article, stories))
    return outcomes


def seed_if_empty(db: Database, seeds_dir: Path) -> list[IngestOutcome]:
    """Seed an empty database on first use; a database with any article is left alone."""
    if not seeds_dir.is_dir():
        return []
    with db.session() as session:  # the usual case: a look at one row, nothing imported
        if session.scalar(select(ArticleRow.id).limit(1)) is not None:
            return []
    return ingest_seeds(db, seeds_dir)
