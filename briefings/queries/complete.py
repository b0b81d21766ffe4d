"""Autocomplete: names a user may mean while typing, best first, from what is stored.

Discord cannot defer an autocomplete answer, so this reads only small tables (actors, the
distinct outlets) and never touches the fact tables.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process, utils
from sqlalchemy import func, select

from briefings.extract.actors import ActorRegistry
from briefings.extract.events import default_vocabulary
from briefings.queries.facts import figure_units
from briefings.queries.names import known_outlets
from briefings.store.database import Database
from briefings.store.schema import ActorRow, ArticleActorRow
from briefings.store.story_schema import StoryRow

MAX_CHOICES = 25
MIN_FUZZY_LENGTH = 3


def _rank(prefix: str, names: list[str], limit: int) -> list[str]:
    """Prefix matches first, then word-prefix matches, then close spellings; order kept."""
    query = " ".join(prefix.split()).lower()
    if not query:
        return names[:limit]
    starts = [n for n in names if n.lower().startswith(query)]
    words = [
        n for n in names if n not in starts and any(w.startswith(query) for w in n.lower().split())
    ]
    found = starts + words
    if len(found) < limit and len(query) >= MIN_FUZZY_LENGTH:  # "c" is close to anything
        close = process.extract(
            query,
            [n for n in names if n not in found],
            scorer=fuzz.WRatio,
            processor=utils.default_process,
            score_cutoff=70,
            limit=limit - len(found),
        )
        found += [name for name, _, _ in close]
    return found[:limit]


def complete_names(
    db: Database, registry: ActorRegistry, source: str, prefix: str, *, limit: int = MAX_CHOICES
) -> list[str]:
    """Up to `limit` (≤ 25) names for an option's autocomplete `source`: actor, outlet, kind, unit
    or story."""
    limit = max(0, min(limit, MAX_CHOICES))
    prefix = prefix[:100]
    if source == "kind":
        return _rank(prefix, sorted(default_vocabulary().kinds), limit)
    if source == "unit":
        with db.session() as session:
            return _rank(prefix, [unit for unit, _ in figure_units(session)], limit)
    if source == "story":
        with db.session() as session:
            return _rank(prefix, ["all", *sorted(session.scalars(select(StoryRow.slug)))], limit)
    if source not in {"actor", "outlet"}:
        raise ValueError(f"no autocomplete source {source!r}")
    with db.session() as session:
        if source == "outlet":
            return _rank(prefix, known_outlets(session), limit)
        rows = session.execute(
            select(ActorRow.name)
            .outerjoin(ArticleActorRow, ArticleActorRow.actor_id == ActorRow.id)
            .group_by(ActorRow.name)
            .order_by(func.coalesce(func.sum(ArticleActorRow.mentions), 0).desc(), ActorRow.name)
        )
        names = [name for (name,) in rows]
    ranked = _rank(prefix, names, limit)
    alias = registry.get(prefix) if prefix.strip() else None  # "Moscow" → Russia
    if alias is not None and alias.name in names and alias.name not in ranked:
        ranked = [alias.name, *ranked][:limit]
    return ranked
