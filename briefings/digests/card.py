"""The digest card: what is new for one channel since its previous delivered digest.

"New" is measured by when articles were *ingested*, not when they were published: a digest
reports what the bot learned since it last reported, whatever dates the articles carry. The
boundary is a watermark read from the data (the newest `ingested_at` when the card is built)
and stored with the delivery, so the next digest starts exactly where this one ended, with no
dependence on clocks agreeing between replicas. Every line is cited, like every card.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from briefings.cards import Card, CardField, CardItem, CardSection
from briefings.commands.figures import group_item
from briefings.commands.layout import claim_item, entry_item, figure_item, trim
from briefings.digests.ledger import covered_until, utc
from briefings.digests.subscriptions import Subscription
from briefings.extract.events import default_vocabulary
from briefings.figure_groups import group_figures
from briefings.merge import DatedEvent, merge_events
from briefings.queries.common import UNATTRIBUTED, article_citation, citation, cited, fact_time
from briefings.queries.facts import (
    FigureView,
    claims_in_articles,
    figures,
    figures_in_articles,
)
from briefings.queries.sources import with_article_names
from briefings.store.database import Database
from briefings.store.schema import (
    ActorRow,
    ArticleActorRow,
    ArticleRow,
    EventActorRow,
    EventRow,
)
from briefings.stories.channels import scope_label
from briefings.stories.scope import in_story, story_scope
from briefings.stories.store import channel_story

PER_SECTION = 6
MAX_ARTICLES = 300  # facts are read from at most this many new articles per digest
FIRST_DIGEST_LOOKBACK = timedelta(days=1)


@dataclass(frozen=True)
class DigestCard:
    card: Card
    covered_until: datetime  # store with the delivery: the next digest starts here
    empty: bool


def digest_since(db: Database, subscription: Subscription) -> datetime:
    """Where this channel's next digest starts: the end of its previous delivered digest, or
    a day before it subscribed."""
    previous = covered_until(db, subscription.platform, subscription.channel)
    return previous or subscription.created_at - FIRST_DIGEST_LOOKBACK


def _article_query(subscription: Subscription, since: datetime, until: datetime) -> Select[Any]:
    query = select(ArticleRow).where(
        ArticleRow.ingested_at > since, ArticleRow.ingested_at <= until
    )
    if subscription.sources:
        matches = [ArticleRow.outlet.in_(subscription.sources)]
        matches.append(ArticleRow.agency.in_(subscription.sources))
        if UNATTRIBUTED in subscription.sources:
            matches.append(ArticleRow.outlet.is_(None))
        query = query.where(or_(*matches))
    if subscription.actors:
        query = query.where(
            ArticleRow.id.in_(
                select(ArticleActorRow.article_id)
                .join(ActorRow, ActorRow.id == ArticleActorRow.actor_id)
                .where(ActorRow.name.in_(subscription.actors))
            )
        )
    if subscription.kinds:
        query = query.where(
            ArticleRow.id.in_(
                select(EventRow.article_id).where(EventRow.kind.in_(subscription.kinds))
            )
        )
    story = in_story(ArticleRow.id)
    return query if story is None else query.where(story)


def _events(session: Session, subscription: Subscription, ids: list[str]) -> list[DatedEvent]:
    query = cited(EventRow).where(EventRow.article_id.in_(ids), EventRow.date_start.is_not(None))
    if subscription.kinds:
        query = query.where(EventRow.kind.in_(subscription.kinds))
    rows = session.execute(query.order_by(EventRow.id)).all()
    names: dict[int, set[str]] = defaultdict(set)
    event_ids = [row[0].id for row in rows]
    for start in range(0, len(event_ids), 500):
        for event_id, name in session.execute(
            select(EventActorRow.event_id, ActorRow.name)
            .join(ActorRow, ActorRow.id == EventActorRow.actor_id)
            .where(EventActorRow.event_id.in_(event_ids[start : start + 500]))
        ):
            names[event_id].add(name)
    events = []
    for event, outlet, sentence, caption in rows:
        point = fact_time(event)
        actors = frozenset(names.get(event.id, set()))
        if point is None or (subscription.actors and not actors & set(subscription.actors)):
            continue
        events.append(
            DatedEvent(
                event_id=event.id,
                kind=event.kind,
                date=point,
                actors=actors,
                text=sentence,
                citation=citation(event, outlet, sentence, caption),
            )
        )
    return events


def _differing(session: Session, new: Sequence[FigureView]) -> list[CardItem]:
    """Matters on which a new figure disagrees with another source (old or new)."""
    fresh = {figure.citation for figure in new}
    items = []
    for unit in dict.fromkeys(figure.unit for figure in new):
        for group in group_figures(figures(session, unit)):
            if group.differs and any(f.citation in fresh for f in group.figures):
                items.append(group_item(group))
    return items


def _article_item(session: Session, row: ArticleRow) -> CardItem:
    cite = article_citation(session, row)
    headline = row.title or (cite.sentence if cite else row.id)
    return CardItem(
        text=trim(headline, 200),
        date=row.published.isoformat() if row.published else None,
        detail=row.outlet or UNATTRIBUTED,
        citations=[cite] if cite else [],
    )


def _section(title: str, items: list[CardItem]) -> CardSection | None:
    if not items:
        return None
    more = len(items) - PER_SECTION
    shown = f"{title} ({len(items)}, newest {PER_SECTION} shown)" if more > 0 else title
    return CardSection(title=shown, items=items[:PER_SECTION])


def _filters(subscription: Subscription) -> list[CardField]:
    fields = []
    for name, values in (
        ("Actors", subscription.actors),
        ("Sources", subscription.sources),
        ("Kinds", subscription.kinds),
    ):
        if values:
            fields.append(CardField(name=name, value=", ".join(values)))
    return fields


def _when(moment: datetime, subscription: Subscription) -> str:
    return moment.astimezone(subscription.tz).strftime("%Y-%m-%d %H:%M %Z")


@dataclass(frozen=True)
class _Content:
    """What a digest says, shared by every channel asking for the same one (same story,
    filters and covered period); the channel's own words (its name, its time zone) are
    added per channel."""

    total: int
    entries: int
    claims: int
    figures: int
    sections: tuple[CardSection, ...]


@dataclass(frozen=True)
class _Asked:
    """What decides a digest's content."""

    story: int | None
    actors: tuple[str, ...]
    sources: tuple[str, ...]
    kinds: tuple[str, ...]
    start: datetime
    until: datetime


class DigestBuilder:
    """Builds the digests of one delivery run, each distinct digest once: a thousand channels
    due at 08:00 that follow the same story with the same filters since the same delivery
    share one set of queries. The run's end of coverage (the newest article stored when the
    run began) is read once, so every channel of one run covers the same period. Safe to
    share between the threads a run delivers from."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.Lock()
        self._newest: tuple[datetime | None] | None = None
        self._contents: dict[_Asked, _Content] = {}
        self._building: dict[_Asked, threading.Lock] = {}
        self.built = 0  # distinct contents built (for the benchmark and the tests)

    def build(
        self, subscription: Subscription, *, title_date: str, since: datetime | None = None
    ) -> DigestCard:
        """The channel's digest card, covering what was ingested after `since` (by default
        the end of its previous delivered digest) up to the newest article stored; a channel
        that follows a story (`/story use`) gets that story's news only."""
        with self.db.session() as session:
            story = channel_story(session, subscription.platform, subscription.channel)
        start = utc(since) if since else digest_since(self.db, subscription)
        newest = self._newest_ingested()
        until = max(utc(newest), start) if newest is not None else start
        asked = _Asked(
            story=story.id if story else None,
            actors=tuple(subscription.actors),
            sources=tuple(subscription.sources),
            kinds=tuple(subscription.kinds),
            start=start,
            until=until,
        )
        content = self._content(asked, subscription)
        return _card(content, subscription, title_date, asked, scope_label(story))

    def _newest_ingested(self) -> datetime | None:
        with self._lock:
            if self._newest is None:
                with self.db.session() as session:
                    self._newest = (session.scalar(select(func.max(ArticleRow.ingested_at))),)
            return self._newest[0]

    def _content(self, asked: _Asked, subscription: Subscription) -> _Content:
        with self._lock:
            found = self._contents.get(asked)
            if found is not None:
                return found
            building = self._building.setdefault(asked, threading.Lock())
        with building:  # one thread builds it; the others wait and take it
            with self._lock:
                found = self._contents.get(asked)
            if found is None:
                with story_scope(asked.story):
                    found = _read_content(self.db, subscription, asked.start, asked.until)
                with self._lock:
                    self._contents[asked] = found
                    self.built += 1
            return found


def build_digest(
    db: Database, subscription: Subscription, *, title_date: str, since: datetime | None = None
) -> DigestCard:
    """One channel's digest card (see `DigestBuilder.build`)."""
    return DigestBuilder(db).build(subscription, title_date=title_date, since=since)


def _read_content(
    db: Database, subscription: Subscription, start: datetime, until: datetime
) -> _Content:
    with db.session() as session:
        query = _article_query(subscription, start, until)
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        if total == 0:
            return _Content(total=0, entries=0, claims=0, figures=0, sections=())
        rows = list(
            session.scalars(query.order_by(ArticleRow.ingested_at.desc()).limit(MAX_ARTICLES))
        )
        ids = [row.id for row in rows]
        articles = [_article_item(session, row) for row in rows]
        entries = merge_events(_events(session, subscription, ids), default_vocabulary().family)
        entries.sort(key=lambda entry: (entry.date.start, entry.date.end), reverse=True)
        claims = claims_in_articles(session, ids, tuple(subscription.actors))
        new_figures = figures_in_articles(session, ids)
        differing = _differing(session, new_figures)
        sections = [
            section
            for section in (
                _section("New articles", articles),
                _section("New on the timeline", [entry_item(entry) for entry in entries]),
                _section("New claims", [claim_item(claim) for claim in reversed(claims)]),
                _section("New figures", [figure_item(figure) for figure in reversed(new_figures)]),
                _section("Sources differ", differing),
            )
            if section is not None
        ]
        named = with_article_names(session, Card(title="", sections=sections))
    return _Content(
        total=total,
        entries=len(entries),
        claims=len(claims),
        figures=len(new_figures),
        sections=tuple(named.sections),
    )


def _card(
    content: _Content, subscription: Subscription, title_date: str, asked: _Asked, scope: str
) -> DigestCard:
    since_text = _when(asked.start, subscription)
    title = f"Daily digest — {title_date}"
    if content.total == 0:
        card = Card(
            title=title,
            lead=f"Nothing new since {since_text}.",
            fields=_filters(subscription),
            footer=f"Digest for {subscription.label} · {scope}",
        )
        return DigestCard(card=card, covered_until=asked.until, empty=True)
    lead = (
        f"{content.total} new article(s) since {since_text}: {content.entries} timeline entr"
        f"{'y' if content.entries == 1 else 'ies'}, {content.claims} claim(s), "
        f"{content.figures} figure(s)."
    )
    card = Card(
        title=title,
        lead=lead,
        fields=_filters(subscription),
        sections=list(content.sections),
        footer=f"Digest for {subscription.label} · ask /timeline, /claims or /figures for more"
        f" · {scope}",
    )
    return DigestCard(card=card, covered_until=asked.until, empty=False)
