"""A story as the core reads it (a stored row turned into a plain value)."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.store.story_schema import StoryRow
from briefings.stories.rules import MatchRule


@dataclass(frozen=True)
class Story:
    id: int
    slug: str
    title: str
    description: str | None
    rule: MatchRule

    @classmethod
    def of(cls, row: StoryRow) -> Story:
        return cls(
            id=row.id,
            slug=row.slug,
            title=row.title,
            description=row.description,
            rule=MatchRule(
                actors=tuple(row.actors or ()),
                words=tuple(row.words or ()),
                min_mentions=row.min_mentions,
                min_lead_mentions=row.min_lead_mentions,
            ),
        )

    @property
    def label(self) -> str:
        """How a card's footer names it."""
        return f"Story: {self.title} ({self.slug})"


@dataclass(frozen=True)
class Rematch:
    """What re-matching the stored articles did to a story."""

    joined: int
    left: int
    articles: int  # the story's articles afterwards

    def describe(self) -> str:
        return f"{self.joined} article(s) joined, {self.left} left; {self.articles} in all"
