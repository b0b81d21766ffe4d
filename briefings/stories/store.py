"""Stories as stored data: create, edit, remove, list, find; channels bound to them.

Every change is one transaction: a refused change (a bad name, an unknown actor) leaves the
stored stories as they were. Creating a story or changing its rule re-matches the stored
articles at once and says how many joined or left (`briefings.stories.matching`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from briefings.errors import InputError
from briefings.extract.actors import ActorRegistry, default_registry
from briefings.store.database import Database
from briefings.store.feed_schema import FeedRow
from briefings.store.story_schema import (
    ChannelStoryRow,
    StoryActorOutletRow,
    StoryActorPairRow,
    StoryArticleRow,
    StoryOutletRow,
    StoryRow,
)
from briefings.stories.matching import Progress, rematch_story
from briefings.stories.model import Rematch, Story
from briefings.stories.names import ALL, check_slug, unknown_story
from briefings.stories.rules import rule_settings

MAX_TERMS = 30
MAX_STORIES = 500


def list_stories(session: Session) -> list[Story]:
    return [Story.of(row) for row in session.scalars(select(StoryRow).order_by(StoryRow.slug))]


def find_story(session: Session, name: str) -> Story:
    """The story named `name` (any case), or "did you mean" among the stored ones."""
    slug = name.strip().lower()
    row = session.scalar(select(StoryRow).where(StoryRow.slug == slug))
    if row is None:
        raise unknown_story(name, list(session.scalars(select(StoryRow.slug))))
    return Story.of(row)


def _actors(values: Sequence[str], registry: ActorRegistry) -> list[str]:
    names: list[str] = []
    for value in values:
        actor = registry.resolve(value)
        if actor is None:
            suggestions = registry.suggest(value)
            hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
            raise InputError(f"“{value[:60]}” is not a known actor.{hint}")
        if actor.name not in names:
            names.append(actor.name)
    return names


def _words(values: Sequence[str]) -> list[str]:
    words: list[str] = []
    for value in values:
        word = " ".join(value.split())
        if len(word) < 2 or len(word) > 60:
            raise InputError(f"“{word[:60]}”: a story's words are 2–60 characters each.")
        if word.lower() not in (w.lower() for w in words):
            words.append(word)
    return words


def _threshold(value: int | None, default: int, what: str) -> int:
    if value is None:
        return default
    if not 1 <= value <= 100:
        raise InputError(f"{what} must be between 1 and 100.")
    return value


@dataclass(frozen=True)
class StoryChange:
    """A story's values as given (None: unchanged; a new story takes the defaults)."""

    title: str | None = None
    description: str | None = None
    actors: Sequence[str] | None = None
    words: Sequence[str] | None = None
    min_mentions: int | None = None
    min_lead_mentions: int | None = None


def _apply(row: StoryRow, change: StoryChange, registry: ActorRegistry) -> None:
    if change.title is not None:
        title = " ".join(change.title.split())
        if not 1 <= len(title) <= 200:
            raise InputError("A story's title is 1–200 characters.")
        row.title = title
    if change.description is not None:
        row.description = change.description.strip()[:2000] or None
    if change.actors is not None:
        row.actors = _actors(change.actors, registry)
    if change.words is not None:
        row.words = _words(change.words)
    if len(row.actors or []) + len(row.words or []) > MAX_TERMS:
        raise InputError(f"A story's rule names at most {MAX_TERMS} actors and words.")
    defaults = rule_settings()
    row.min_mentions = _threshold(
        change.min_mentions, row.min_mentions or defaults.min_mentions, "mentions"
    )
    row.min_lead_mentions = _threshold(
        change.min_lead_mentions, row.min_lead_mentions or defaults.min_lead_mentions, "lead"
    )


def create_story(
    db: Database,
    name: str,
    change: StoryChange,
    *,
    progress: Progress | None = None,
    registry: ActorRegistry | None = None,
) -> tuple[Story, Rematch]:
    """A new story; its rule is applied to every stored article at once."""
    slug = check_slug(name)
    registry = registry or default_registry()
    with db.session() as session:
        if session.scalar(select(StoryRow.id).where(StoryRow.slug == slug)) is not None:
            raise InputError(f"There is already a story “{slug}”; change it with /story edit.")
        if (session.scalar(select(func.count()).select_from(StoryRow)) or 0) >= MAX_STORIES:
            raise InputError(f"At most {MAX_STORIES} stories; remove one first.")
        row = StoryRow(
            slug=slug,
            title=slug,
            actors=[],
            words=[],
            min_mentions=0,
            min_lead_mentions=0,
            created_at=datetime.now(UTC),
        )
        _apply(row, change, registry)
        session.add(row)
        session.flush()
        story = Story.of(row)
        return story, rematch_story(session, story, progress, registry)


def edit_story(
    db: Database,
    name: str,
    change: StoryChange,
    *,
    progress: Progress | None = None,
    registry: ActorRegistry | None = None,
) -> tuple[Story, Rematch | None]:
    """Change a story; when its rule changed, the stored articles are re-matched."""
    registry = registry or default_registry()
    with db.session() as session:
        row = session.scalar(
            select(StoryRow).where(StoryRow.slug == find_story(session, name).slug)
        )
        assert row is not None
        before = Story.of(row).rule
        _apply(row, change, registry)
        session.flush()
        story = Story.of(row)
        if story.rule == before:
            return story, None
        return story, rematch_story(session, story, progress, registry)


def remove_story(db: Database, name: str) -> Story:
    """Forget a story: its membership rows and channel bindings go, its articles stay (the
    unbound view and other stories still show them); its feeds keep polling, unfiled."""
    with db.session() as session:
        story = find_story(session, name)
        # its counts first: the membership rows' trigger then has none to keep
        for counts in (StoryOutletRow, StoryActorOutletRow, StoryActorPairRow):
            session.execute(delete(counts).where(counts.story_id == story.id))
        session.execute(delete(StoryArticleRow).where(StoryArticleRow.story_id == story.id))
        session.execute(delete(ChannelStoryRow).where(ChannelStoryRow.story_id == story.id))
        session.execute(update(FeedRow).where(FeedRow.story_id == story.id).values(story_id=None))
        session.execute(delete(StoryRow).where(StoryRow.id == story.id))
        return story


def bind_channel(
    db: Database, platform: str, channel: str, name: str, user: str | None = None
) -> Story | None:
    """Make a channel follow a story (`all`: none, every story again)."""
    with db.session() as session:
        session.execute(
            delete(ChannelStoryRow).where(
                ChannelStoryRow.platform == platform, ChannelStoryRow.channel == channel
            )
        )
        if name.strip().lower() == ALL:
            return None
        story = find_story(session, name)
        session.add(
            ChannelStoryRow(platform=platform, channel=channel, story_id=story.id, bound_by=user)
        )
        return story


def channel_story(session: Session, platform: str, channel: str) -> Story | None:
    """The story a channel follows, if any (one primary-key read)."""
    row = session.scalar(
        select(StoryRow)
        .join(ChannelStoryRow, ChannelStoryRow.story_id == StoryRow.id)
        .where(ChannelStoryRow.platform == platform, ChannelStoryRow.channel == channel)
    )
    return None if row is None else Story.of(row)


@dataclass(frozen=True)
class StoryOverview:
    """What `/story show` tells: the story's articles, outlets, dates, feeds, channels."""

    story: Story
    articles: int
    by_rule: int
    outlets: list[tuple[str, int]]
    first: date | None
    last: date | None
    feeds: list[str]
    channels: list[tuple[str, str]]


def story_overview(session: Session, story: Story) -> StoryOverview:
    """Read off the story's counts (`story_outlets`) and its (story, published) range."""
    by_outlet = session.execute(
        select(StoryOutletRow.outlet, StoryOutletRow.articles).where(
            StoryOutletRow.story_id == story.id, StoryOutletRow.articles > 0
        )
    ).all()
    articles = sum(count for _, count in by_outlet)
    by_rule = (
        session.scalar(
            select(func.count()).where(
                StoryArticleRow.story_id == story.id, StoryArticleRow.how == "rule"
            )
        )
        or 0
    )
    named = ((outlet or None, int(count)) for outlet, count in by_outlet)
    # most articles first, then by name with the articles naming no outlet before the others
    outlets = sorted(named, key=lambda row: (-row[1], row[0] is not None, row[0] or ""))[:10]
    members = StoryArticleRow.story_id == story.id
    first, last = session.execute(
        select(func.min(StoryArticleRow.published), func.max(StoryArticleRow.published)).where(
            members
        )
    ).one()
    feeds = list(
        session.scalars(
            select(FeedRow.url).where(FeedRow.story_id == story.id).order_by(FeedRow.id)
        )
    )
    channels = session.execute(
        select(ChannelStoryRow.platform, ChannelStoryRow.channel)
        .where(ChannelStoryRow.story_id == story.id)
        .order_by(ChannelStoryRow.platform, ChannelStoryRow.channel)
    ).all()
    return StoryOverview(
        story=story,
        articles=int(articles),
        by_rule=int(by_rule),
        outlets=[(outlet or "Unattributed", int(count)) for outlet, count in outlets],
        first=first,
        last=last,
        feeds=feeds,
        channels=[(platform, channel) for platform, channel in channels],
    )


def story_sizes(session: Session) -> dict[int, int]:
    """Articles per story, for the list (from the stories' counts, `story_outlets`)."""
    rows = session.execute(
        select(StoryOutletRow.story_id, func.sum(StoryOutletRow.articles)).group_by(
            StoryOutletRow.story_id
        )
    )
    return {story_id: int(count) for story_id, count in rows}
