"""The digest card: what is new for one channel since its previous delivered digest.

"New" is measured by when articles were *ingested*, not when they were published: a digest
reports what the bot learned since it last reported, whatever dates the articles carry. The
boundary is a watermark read from the data (the newest `ingested_at` when the card is built)
and stored with the delivery, so the next digest starts exactly where this one ended, with no
dependence on clocks agreeing between replicas. Every line is cited, like every card.
"""

from __future__ import annotations

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


def build_digest(
    db: Database, subscription: Subscription, *, title_date: str, since: datetime | None = None
) -> DigestCard:
    """The channel's digest card, covering what was ingested after `since` (by default the
    end of its previous delivered digest) up to the newest article stored now; a channel
    that follows a story (`/story use`) gets that story's news only."""
    with db.session() as session:
        story = channel_story(session, subscription.platform, subscription.channel)
    with story_scope(story.id if story else None):
        return _build(db, subscription, title_date, since, scope_label(story))


def _build(
    db: Database, subscription: Subscription, title_date: str, since: datetime | None, scope: str
) -> DigestCard:
    start = utc(since) if since else digest_since(db, subscription)
    with db.session() as session:
        newest = session.scalar(select(func.max(ArticleRow.ingested_at)))
        until = max(utc(newest), start) if newest is not None else start
        query = _article_query(subscription, start, until)
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
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
    since_text = _when(start, subscription)
    title = f"Daily digest — {title_date}"
    if total == 0:
        card = Card(
            title=title,
            lead=f"Nothing new since {since_text}.",
            fields=_filters(subscription),
            footer=f"Digest for {subscription.label} · {scope}",
        )
        return DigestCard(card=card, covered_until=until, empty=True)
    lead = (
        f"{total} new article(s) since {since_text}: {len(entries)} timeline entr"
        f"{'y' if len(entries) == 1 else 'ies'}, {len(claims)} claim(s), "
        f"{len(new_figures)} figure(s)."
    )
    card = Card(
        title=title,
        lead=lead,
        fields=_filters(subscription),
        sections=sections,
        footer=f"Digest for {subscription.label} · ask /timeline, /claims or /figures for more"
        f" · {scope}",
    )
    with db.session() as session:
        card = with_article_names(session, card)
    return DigestCard(card=card, covered_until=until, empty=False)
