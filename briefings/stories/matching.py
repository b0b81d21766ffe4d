"""Which stories an article belongs to: by each story's rule, by its feed, by an explicit
ingest — decided when the article is stored, and again for every stored article when a
story's rule changes.

Rows that joined by rule are the only ones a re-match adds or drops; a feed's or an explicit
ingest's membership stays whatever the rule says.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import and_, delete, func, insert, select
from sqlalchemy.orm import Session

from briefings.extract.actors import ActorRegistry, default_registry
from briefings.models import Article
from briefings.store.schema import ArticleRow, SentenceRow
from briefings.store.story_schema import StoryArticleRow, StoryRow
from briefings.stories.joins import INGEST, RULE
from briefings.stories.model import Rematch, Story
from briefings.stories.rules import ArticleText, rule_matches, rule_pattern, rule_settings

BATCH = 500
Progress = Callable[[int, int], None]  # (articles read, articles in all)


def _text_of(article: Article) -> ArticleText:
    lead = article.sentences[: rule_settings().lead_sentences]
    lead_end = max((sentence.end for sentence in lead), default=0)
    return ArticleText(article.title or "", article.text[:lead_end], article.text)


def file_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert membership rows, BATCH to a statement: one statement, not one per row, so
    that the counts' triggers (`briefings.store.story_summaries`) run once for the batch on
    PostgreSQL (row by row they cost a millisecond each: two minutes for 100,000)."""
    for start in range(0, len(rows), BATCH):
        session.execute(insert(StoryArticleRow).values(rows[start : start + BATCH]))


def join_article(
    session: Session,
    article: Article,
    explicit: Iterable[int] = (),
    how: str = INGEST,
    registry: ActorRegistry | None = None,
) -> list[int]:
    """File a just-stored (or already stored) article in the stories whose rule it meets and
    in `explicit` ones (by feed or ingest); returns the stories it joined now."""
    registry = registry or default_registry()
    have = set(
        session.scalars(
            select(StoryArticleRow.story_id).where(StoryArticleRow.article_id == article.id)
        )
    )
    rows: dict[int, str] = {story_id: how for story_id in explicit if story_id not in have}
    text: ArticleText | None = None
    for row in session.scalars(select(StoryRow)):
        story = Story.of(row)
        if story.id in have or story.id in rows or story.rule.empty:
            continue
        text = text or _text_of(article)
        if rule_matches(rule_pattern(story.rule, registry), story.rule, text):
            rows[story.id] = RULE
    if rows:
        # in story order: the counts' trigger (`briefings.store.story_summaries`) then locks
        # each story's rows in the same order as any concurrent writer
        file_rows(
            session,
            [{"story_id": s, "article_id": article.id, "how": rows[s]} for s in sorted(rows)],
        )
    return sorted(rows)


def _lead_ends(session: Session, ids: list[str]) -> dict[str, int]:
    lead_count = rule_settings().lead_sentences
    rows = session.execute(
        select(SentenceRow.article_id, func.max(SentenceRow.end))
        .where(SentenceRow.article_id.in_(ids), SentenceRow.idx < lead_count)
        .group_by(SentenceRow.article_id)
    )
    return {article_id: int(end) for article_id, end in rows}


def _batches(session: Session) -> Iterable[list[Any]]:
    last = ""
    while True:
        rows = session.execute(
            select(ArticleRow.id, ArticleRow.title, ArticleRow.text)
            .where(ArticleRow.id > last)
            .order_by(ArticleRow.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        yield list(rows)
        last = rows[-1][0]


def rematch_story(
    session: Session,
    story: Story,
    progress: Progress | None = None,
    registry: ActorRegistry | None = None,
) -> Rematch:
    """Apply the story's (new) rule to every stored article: rule members that no longer
    meet it leave, articles that now meet it join; feed and ingest members stay."""
    registry = registry or default_registry()
    pattern = rule_pattern(story.rule, registry)
    members: dict[str, str] = dict(
        session.execute(
            select(StoryArticleRow.article_id, StoryArticleRow.how).where(
                StoryArticleRow.story_id == story.id
            )
        )
        .tuples()
        .all()
    )
    total = session.scalar(select(func.count()).select_from(ArticleRow)) or 0
    matched: set[str] = set()
    done = 0
    if pattern is not None:
        for rows in _batches(session):
            leads = _lead_ends(session, [row[0] for row in rows])
            for article_id, title, text in rows:
                lead = text[: leads.get(article_id, 0)]
                if rule_matches(pattern, story.rule, ArticleText(title or "", lead, text)):
                    matched.add(article_id)
            done += len(rows)
            if progress is not None:
                progress(done, total)
    leaving = [a for a, how in members.items() if how == RULE and a not in matched]
    joining = [a for a in matched if a not in members]
    for start in range(0, len(leaving), BATCH):
        session.execute(
            delete(StoryArticleRow).where(
                and_(
                    StoryArticleRow.story_id == story.id,
                    StoryArticleRow.article_id.in_(leaving[start : start + BATCH]),
                )
            )
        )
    if joining:
        file_rows(
            session, [{"story_id": story.id, "article_id": a, "how": RULE} for a in sorted(joining)]
        )
    return Rematch(
        joined=len(joining), left=len(leaving), articles=len(members) - len(leaving) + len(joining)
    )


def add_articles(session: Session, story_id: int, article_ids: Iterable[str], how: str) -> int:
    """Put stored articles in a story explicitly (an ingest of already stored text); a rule
    member becomes explicit. Returns how many were not in it before."""
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    members: dict[str, str] = dict(
        session.execute(
            select(StoryArticleRow.article_id, StoryArticleRow.how).where(
                StoryArticleRow.story_id == story_id, StoryArticleRow.article_id.in_(ids)
            )
        )
        .tuples()
        .all()
    )
    fresh = [a for a in ids if a not in members]
    ruled = [a for a, h in members.items() if h == RULE]
    if ruled:
        session.execute(
            delete(StoryArticleRow).where(
                StoryArticleRow.story_id == story_id, StoryArticleRow.article_id.in_(ruled)
            )
        )
    if fresh or ruled:
        file_rows(
            session, [{"story_id": story_id, "article_id": a, "how": how} for a in [*fresh, *ruled]]
        )
    return len(fresh)
