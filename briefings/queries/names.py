"""Turning what a user typed into a known actor or outlet, or a "did you mean" answer."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from briefings.errors import InputError, NotFoundError
from briefings.extract.actors import ActorRegistry
from briefings.ingest import lookup_outlet
from briefings.models import Actor, ActorKind
from briefings.queries.common import UNATTRIBUTED
from briefings.store.schema import NO_OUTLET, ActorRow, ActorStatsRow, ArticleRow, OutletStatsRow

MAX_NAME_LENGTH = 200
CONFIDENT = 88.0
SUGGEST = 70.0


def _clean(name: str) -> str:
    cleaned = " ".join(name.split()).strip()
    if not cleaned:
        raise InputError("Please give a name.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise InputError(f"That name is too long (over {MAX_NAME_LENGTH} characters).")
    return cleaned


def _fuzzy(
    query: str, choices: list[str], cutoff: float, limit: int = 3
) -> list[tuple[str, float]]:
    found = process.extract(
        query,
        choices,
        scorer=fuzz.QRatio,
        processor=utils.default_process,
        score_cutoff=cutoff,
        limit=limit,
    )
    return [(choice, score) for choice, score, _ in found]


@dataclass(frozen=True)
class ResolvedActor:
    actor: Actor
    actor_id: int | None  # None: known to the registry but not yet seen in any article


def resolve_actor(session: Session, registry: ActorRegistry, name: str) -> ResolvedActor:
    query = _clean(name)
    actor = registry.get(query)
    if actor is None:
        row = session.scalar(select(ActorRow).where(func.lower(ActorRow.name) == query.lower()))
        if row is not None:
            actor = Actor(
                name=row.name, kind=ActorKind(row.kind), affiliation=row.affiliation, role=row.role
            )
    if actor is None:
        actor = registry.resolve(query)
    if actor is None:
        stored_names = list(session.scalars(select(ActorRow.name)))
        close = _fuzzy(query, stored_names, CONFIDENT, limit=2)
        if len(close) == 1 or (len(close) == 2 and close[0][1] - close[1][1] >= 5):
            return resolve_actor(session, registry, close[0][0])
        suggestions = list(
            dict.fromkeys(
                [c for c, _ in _fuzzy(query, stored_names, SUGGEST)] + registry.suggest(query)
            )
        )[:3]
        raise NotFoundError(
            f"I don't know an actor called “{query}”.",
            suggestions or most_mentioned_actors(session),
        )
    actor_id = session.scalar(select(ActorRow.id).where(ActorRow.name == actor.name))
    return ResolvedActor(actor=actor, actor_id=actor_id)


def most_mentioned_actors(session: Session, limit: int = 3) -> list[str]:
    """The actors most written about: a useful suggestion when nothing is spelled alike."""
    rows = session.execute(
        select(ActorRow.name)
        .join(ActorStatsRow, ActorStatsRow.actor_id == ActorRow.id)
        .order_by(ActorStatsRow.mentions.desc(), ActorRow.name)
        .limit(limit)
    )
    return [name for (name,) in rows]


def known_outlets(session: Session) -> list[str]:
    """Outlets and wire agencies of stored articles ('Unattributed' for articles naming none);
    outlets from the summary table, agencies from their index (NULLs skipped)."""
    outlets = session.scalars(select(OutletStatsRow.outlet).where(OutletStatsRow.articles > 0))
    agencies = session.scalars(
        select(ArticleRow.agency).where(ArticleRow.agency.is_not(None)).distinct()
    )
    labels = {o if o != NO_OUTLET else UNATTRIBUTED for o in outlets} | {a for a in agencies if a}
    return sorted(labels)


def resolve_outlet(session: Session, name: str) -> str:
    """The stored outlet label a user means (by alias, case or close spelling)."""
    query = _clean(name)
    known = known_outlets(session)
    by_lower = {label.lower(): label for label in known}
    canonical = lookup_outlet(query)
    for candidate in (canonical, query):
        if candidate and candidate.lower() in by_lower:
            return by_lower[candidate.lower()]
    close = _fuzzy(query, known, CONFIDENT, limit=1)
    if close:
        return close[0][0]
    if canonical:
        raise NotFoundError(f"No articles from {canonical} are stored yet.", known[:5])
    suggestions = [c for c, _ in _fuzzy(query, known, 50.0)] or known[:3]
    raise NotFoundError(f"I don't know an outlet called “{query}”.", suggestions)
