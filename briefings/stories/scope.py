"""The story a command is answering for, and the SQL condition that keeps its reads in it.

A command's reads are spread over dozens of query functions; the scope is set once around the
command (`CommandRegistry.run`, the digest builder) rather than threaded through each of them.
Queries that read articles or facts ask `in_story(column)`: None when unscoped (every story,
as before stories existed), else `column IN (the story's article ids)` — an index range on
`story_articles`' primary key.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import ColumnElement, Integer, bindparam, select

from briefings.store.story_schema import StoryArticleRow

_STORY: ContextVar[int | None] = ContextVar("briefbot_story", default=None)


def current_story() -> int | None:
    """The id of the story being answered for, or None for every story."""
    return _STORY.get()


@contextmanager
def story_scope(story_id: int | None) -> Iterator[None]:
    """Answer for one story (None: every story) inside the block. Already in that scope (an
    unscoped command, the usual case), nothing is set: setting a context variable replaces
    the context's mapping, a heap object that `bot.heap` would have frozen."""
    if _STORY.get() == story_id:
        yield
        return
    token = _STORY.set(story_id)
    try:
        yield
    finally:
        _STORY.reset(token)


def story_articles(story_id: int) -> Any:
    """The article ids of a story, as a subquery. The story's id is written into the SQL:
    bound, PostgreSQL plans a prepared statement generically after a few runs, for a story
    of average size whatever the story (a tenth of the time of its custom plan, or ten
    times)."""
    story = bindparam(None, story_id, type_=Integer, literal_execute=True)
    return select(StoryArticleRow.article_id).where(StoryArticleRow.story_id == story)


def in_story(article_id: Any) -> ColumnElement[bool] | None:
    """`article_id IN (the story's articles)` when a story is in scope, else None."""
    story = _STORY.get()
    if story is None:
        return None
    return article_id.in_(story_articles(story))  # type: ignore[no-any-return]


def story_member(article_id: Any) -> ColumnElement[bool] | None:
    """`EXISTS (the story's row for this article)` when a story is in scope, else None: a
    key probe per row, for reads that walk another index in its order and keep the story's
    rows. (`in_story`'s `IN` makes SQLite build the list of the story's articles and start
    from it.)"""
    story = _STORY.get()
    if story is None:
        return None
    member = bindparam(None, story, type_=Integer, literal_execute=True)
    return (
        select(StoryArticleRow.article_id)
        .where(StoryArticleRow.story_id == member, StoryArticleRow.article_id == article_id)
        .exists()
    )
