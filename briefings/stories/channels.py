"""Which story a command line is answered for: the line's `story:` option, else the default
the caller gives (`briefbot ask --story`), else the story the channel follows, else none."""

from __future__ import annotations

from sqlalchemy.orm import Session

from briefings.stories.model import Story
from briefings.stories.names import ALL
from briefings.stories.store import channel_story, find_story

ALL_STORIES = "All stories"


def story_for(
    session: Session,
    asked: str | None,
    default: str | None,
    platform: str | None,
    channel: str | None,
) -> Story | None:
    """The story in scope (None: every story). An unknown name raises "did you mean"."""
    for name in (asked, default):
        if name is not None and name.strip():
            return None if name.strip().lower() == ALL else find_story(session, name)
    if platform is not None and channel is not None:
        return channel_story(session, platform, channel)
    return None


def scope_label(story: Story | None) -> str:
    """The footer's words for the scope of a card."""
    return story.label if story is not None else ALL_STORIES
