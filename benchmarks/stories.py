"""The benchmark corpus spread across stories, for the scoped variants of `make bench`.

The generated corpus is one undivided feed; a workspace follows ~20 stories. Every article
is filed in one of STORIES stories (by its id, so the same article always lands in the same
story) as an explicit member — the rows a rule or a feed would leave — so that a scoped
command reads a twentieth of the corpus through `story_articles`, as it would in use. Done
once per database (the stories are kept with the cached corpus).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, text

from briefings.store.database import Database
from briefings.store.schema import ArticleRow
from briefings.store.story_schema import StoryArticleRow, StoryRow
from briefings.stories.matching import file_rows

STORIES = 20
PREFIX = "bench-"


def story_slug(number: int) -> str:
    return f"{PREFIX}{number:02d}"


def spread_stories(db: Database, stories: int = STORIES) -> str:
    """File every article not yet in a story in one of `stories` stories (a corpus grown
    from a smaller one keeps its filed articles); returns the slug measured (the middle
    story: a typical twentieth of the corpus)."""
    with db.session() as session:
        ids: dict[int, int] = {}
        for number in range(stories):
            slug = story_slug(number)
            found = session.scalar(select(StoryRow.id).where(StoryRow.slug == slug))
            if found is None:
                row = StoryRow(
                    slug=slug,
                    title=f"Benchmark story {number}",
                    actors=[],
                    words=[],
                    min_mentions=3,
                    min_lead_mentions=2,
                    created_at=datetime.now(UTC),
                )
                session.add(row)
                session.flush()
                found = row.id
            ids[number] = found
        filed = select(StoryArticleRow.article_id).where(
            StoryArticleRow.article_id == ArticleRow.id
        )
        unfiled = list(session.scalars(select(ArticleRow.id).where(~filed.exists())))
        file_rows(
            session,
            [
                {"story_id": ids[int(a[:8], 16) % stories], "article_id": a, "how": "ingest"}
                for a in unfiled
            ],
        )
        if session.get_bind().dialect.name == "postgresql":
            # Statistics for the rows just filed, as autovacuum would gather them shortly:
            # without them the planner guesses, and the first minutes measure its guesses.
            session.execute(text("ANALYZE story_articles"))
    return story_slug(stories // 2)
