"""Summary tables kept current at write time, so that reading an overview costs a few rows.

`record_article` runs once per stored article, inside the writer's transaction, after its
facts are written: it adds that article to the per-outlet, per-actor-and-outlet,
per-actor, per-actor-pair and per-unit counts (articles are never deleted, so counts only grow).
`rebuild` computes the same tables from the fact tables in one pass each (the migration's
backfill, and the reference the tests compare the incremental counts against).

Every statement is plain SQL that SQLite (3.24+) and PostgreSQL both accept: INSERT … SELECT
… ON CONFLICT DO UPDATE adds to an existing row or creates it. Rows are inserted in key
order so that concurrent writers on PostgreSQL lock them in the same order.
"""

from __future__ import annotations

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from briefings.store.schema import NO_OUTLET

_NONE = "'" + NO_OUTLET.replace("'", "''") + "'"  # as an SQL literal

_NEWER = (
    "CASE WHEN excluded.latest_published IS NULL THEN outlet_stats.latest_published "
    "WHEN outlet_stats.latest_published IS NULL "
    "OR excluded.latest_published > outlet_stats.latest_published "
    "THEN excluded.latest_published ELSE outlet_stats.latest_published END"
)

_ARTICLE_STATEMENTS = (
    # outlet_stats: this article and its facts.
    "INSERT INTO outlet_stats (outlet, articles, events, claims, figures, latest_published) "
    f"SELECT COALESCE(a.outlet, {_NONE}), 1, "
    "(SELECT COUNT(*) FROM events WHERE article_id = a.id), "
    "(SELECT COUNT(*) FROM claims WHERE article_id = a.id), "
    "(SELECT COUNT(*) FROM figures WHERE article_id = a.id), "
    "a.published FROM articles a WHERE a.id = :article "
    "ON CONFLICT (outlet) DO UPDATE SET "
    "articles = outlet_stats.articles + excluded.articles, "
    "events = outlet_stats.events + excluded.events, "
    "claims = outlet_stats.claims + excluded.claims, "
    "figures = outlet_stats.figures + excluded.figures, "
    f"latest_published = {_NEWER}",
    # actor_outlets: each actor the article mentions, once.
    "INSERT INTO actor_outlets (actor_id, outlet, articles) "
    f"SELECT aa.actor_id, COALESCE(a.outlet, {_NONE}), 1 "
    "FROM article_actors aa JOIN articles a ON a.id = aa.article_id "
    "WHERE aa.article_id = :article ORDER BY aa.actor_id "
    "ON CONFLICT (actor_id, outlet) DO UPDATE SET "
    "articles = actor_outlets.articles + excluded.articles",
    # actor_pairs: each event of the article, for every ordered pair of its actors.
    "INSERT INTO actor_pairs (actor_id, other_id, events) "
    "SELECT mine.actor_id, other.actor_id, COUNT(*) "
    "FROM events e JOIN event_actors mine ON mine.event_id = e.id "
    "JOIN event_actors other ON other.event_id = e.id AND other.actor_id <> mine.actor_id "
    "WHERE e.article_id = :article GROUP BY mine.actor_id, other.actor_id "
    "ORDER BY mine.actor_id, other.actor_id "
    "ON CONFLICT (actor_id, other_id) DO UPDATE SET "
    "events = actor_pairs.events + excluded.events",
    # actor_stats: each actor the article mentions, with its mentions.
    "INSERT INTO actor_stats (actor_id, articles, mentions) "
    "SELECT actor_id, 1, mentions FROM article_actors WHERE article_id = :article "
    "ORDER BY actor_id "
    "ON CONFLICT (actor_id) DO UPDATE SET "
    "articles = actor_stats.articles + excluded.articles, "
    "mentions = actor_stats.mentions + excluded.mentions",
    # unit_stats: the article's figures by unit.
    "INSERT INTO unit_stats (unit, figures) "
    "SELECT unit, COUNT(*) FROM figures WHERE article_id = :article GROUP BY unit "
    "ORDER BY unit "
    "ON CONFLICT (unit) DO UPDATE SET figures = unit_stats.figures + excluded.figures",
)

_REBUILD_STATEMENTS = (
    "DELETE FROM outlet_stats",
    "DELETE FROM actor_outlets",
    "DELETE FROM actor_pairs",
    "DELETE FROM actor_stats",
    "DELETE FROM unit_stats",
    "INSERT INTO outlet_stats (outlet, articles, events, claims, figures, latest_published) "
    f"SELECT COALESCE(a.outlet, {_NONE}), COUNT(*), "
    "COALESCE(SUM(ev.n), 0), COALESCE(SUM(cl.n), 0), COALESCE(SUM(fi.n), 0), "
    "MAX(a.published) FROM articles a "
    "LEFT JOIN (SELECT article_id, COUNT(*) AS n FROM events GROUP BY article_id) ev "
    "ON ev.article_id = a.id "
    "LEFT JOIN (SELECT article_id, COUNT(*) AS n FROM claims GROUP BY article_id) cl "
    "ON cl.article_id = a.id "
    "LEFT JOIN (SELECT article_id, COUNT(*) AS n FROM figures GROUP BY article_id) fi "
    "ON fi.article_id = a.id "
    f"GROUP BY COALESCE(a.outlet, {_NONE})",
    "INSERT INTO actor_outlets (actor_id, outlet, articles) "
    f"SELECT aa.actor_id, COALESCE(a.outlet, {_NONE}), COUNT(*) "
    "FROM article_actors aa JOIN articles a ON a.id = aa.article_id "
    f"GROUP BY aa.actor_id, COALESCE(a.outlet, {_NONE})",
    "INSERT INTO actor_pairs (actor_id, other_id, events) "
    "SELECT mine.actor_id, other.actor_id, COUNT(*) "
    "FROM event_actors mine JOIN event_actors other "
    "ON other.event_id = mine.event_id AND other.actor_id <> mine.actor_id "
    "GROUP BY mine.actor_id, other.actor_id",
    "INSERT INTO actor_stats (actor_id, articles, mentions) "
    "SELECT actor_id, COUNT(*), SUM(mentions) FROM article_actors GROUP BY actor_id",
    "INSERT INTO unit_stats (unit, figures) SELECT unit, COUNT(*) FROM figures GROUP BY unit",
)


def record_article(session: Session, article_id: str) -> None:
    """Add one just-stored article (and its facts) to every summary table."""
    connection = session.connection()
    for statement in _ARTICLE_STATEMENTS:
        connection.execute(text(statement), {"article": article_id})


def rebuild(connection: Connection) -> None:
    """Recompute every summary table from the fact tables (the migration's backfill)."""
    for statement in _REBUILD_STATEMENTS:
        connection.execute(text(statement))
