"""The newest rows of one story: walked in the corpus's own date order and kept to the
story, or read from the story's articles and sorted — whichever the story's share of the
rows makes cheaper.

Reading a story's rows and sorting them costs the story's size (70,000 claims for a
twentieth of 100,000 articles: 90 ms); walking the corpus's date index newest first and
probing each row's article against the story costs about `limit` divided by the story's
share of the rows (6,000 index entries for 300 claims: 4 ms) — when the story is spread over
time like the rest. A story whose rows are all old would make that walk read most of the
index, so the walk is bounded at a few times what an even spread needs (a date found by
reading the index alone, which the walk stops at); short of `limit` there, the story's own
rows are read after all.
"""

from __future__ import annotations

import math

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from briefings.store.schema import OutletStatsRow
from briefings.store.story_schema import StoryOutletRow

SPREAD = 8  # how many times an even spread's walk is read before giving up on it


def walk_bound(limit: int, story_rows: int, all_rows: int) -> int | None:
    """How many rows a walk in the corpus's order may read for `limit` of the story's, or
    None when reading the story's own rows is cheaper (a small story)."""
    if story_rows <= 0:
        return None
    expected = math.ceil(limit * all_rows / story_rows)
    if expected >= story_rows:
        return None
    return SPREAD * expected


def fact_counts(session: Session, story: int, column: str) -> tuple[int, int]:
    """(the story's, every story's) count of a fact — "events", "claims" or "figures" — from
    the summary tables."""
    mine = getattr(StoryOutletRow, column)
    every = getattr(OutletStatsRow, column)
    story_rows = session.scalar(select(func.sum(mine)).where(StoryOutletRow.story_id == story))
    all_rows = session.scalar(select(func.sum(every)))
    return int(story_rows or 0), int(all_rows or 0)
