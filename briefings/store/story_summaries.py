"""Per-story counts kept current by triggers on `story_articles` (revision 0013), so that a
command scoped to a story reads a few rows instead of aggregating the story's articles.

Two things are kept:

- `story_articles.published`: the article's publication date, copied when the article joins
  a story (articles are never changed once stored), so that a story's newest articles, its
  newest publication date and its articles since a day are one index range
  (story, published, article) rather than a join over every article of the story;
- `story_outlets`: per story and outlet (NO_OUTLET for none) the articles, their events,
  claims and figures, and the newest publication date — what `outlet_stats` holds for the
  unbound view.

Why triggers rather than calls from the writer: an article joins or leaves a story in many
places (its rule at ingest, a feed, an explicit ingest, a re-match when the rule changes,
a story's removal, the cascade when a story row goes, the benchmark filing its corpus), and
a count that one of them forgets is wrong forever. A trigger keeps every one of them right,
including statements written by hand. Articles and their facts are written once and never
changed or deleted (`briefings.store.summaries` rests on the same), and an article joins a
story only after its facts are stored (`briefings.service.file_stored`), so the counts taken
when it joins stay right.

SQLite has row triggers only: each joining row copies its date and adds its article to its
outlet's row; each leaving row takes it away, looks up the outlet's newest date again only
when the leaving article held it, and drops a row left with no article. PostgreSQL copies
the date in a row trigger before the insert (no second version of the row) and does the
counting once per statement over the rows it inserted or deleted (transition tables), in
key order so that concurrent writers lock rows in the same order.

A SQLite migration that rebuilds `story_articles` (a batch ALTER) drops its triggers: it must
end with `drop_triggers` and `create_triggers`. `rebuild` recomputes everything from the
membership rows (the migration's backfill, and what the tests compare the kept counts with).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from briefings.store.schema import NO_OUTLET

_NONE = "'" + NO_OUTLET.replace("'", "''") + "'"  # as an SQL literal


def _facts(article: str) -> str:
    """SQL for an article's events, claims and figures, counted by its key (three columns)."""
    return ", ".join(
        f"(SELECT COUNT(*) FROM {table} WHERE article_id = {article})"
        for table in ("events", "claims", "figures")
    )


_NEWER = (
    "CASE WHEN excluded.latest_published IS NULL THEN story_outlets.latest_published "
    "WHEN story_outlets.latest_published IS NULL "
    "OR excluded.latest_published > story_outlets.latest_published "
    "THEN excluded.latest_published ELSE story_outlets.latest_published END"
)
_ADD = (
    "ON CONFLICT (story_id, outlet) DO UPDATE SET "
    "articles = story_outlets.articles + excluded.articles, "
    "events = story_outlets.events + excluded.events, "
    "claims = story_outlets.claims + excluded.claims, "
    "figures = story_outlets.figures + excluded.figures, "
    f"latest_published = {_NEWER}"
)


def _newest_of_outlet(story: str, row: str) -> str:
    """SQL for the newest publication date of an outlet's articles in a story (the outlet of
    the `story_outlets` row `row` being updated): the story's articles walked newest first
    along (story, published, article), stopped at the first of that outlet."""
    return (
        "(SELECT sa.published FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        f"WHERE sa.story_id = {story} AND sa.published IS NOT NULL "
        f"AND COALESCE(a.outlet, {_NONE}) = {row}.outlet "
        "ORDER BY sa.published DESC LIMIT 1)"
    )


_OLD_OUTLET = f"(SELECT COALESCE(outlet, {_NONE}) FROM articles WHERE id = old.article_id)"

SQLITE_CREATE = (
    "CREATE TRIGGER story_articles_joined AFTER INSERT ON story_articles BEGIN "
    "UPDATE story_articles SET published = "
    "(SELECT published FROM articles WHERE id = new.article_id) "
    "WHERE story_id = new.story_id AND article_id = new.article_id; "
    "INSERT INTO story_outlets "
    "(story_id, outlet, articles, events, claims, figures, latest_published) "
    f"SELECT new.story_id, COALESCE(a.outlet, {_NONE}), 1, {_facts('a.id')}, a.published "
    f"FROM articles a WHERE a.id = new.article_id {_ADD}; END",
    # (AFTER the delete: the outlet's newest date is looked up among the articles that stay)
    "CREATE TRIGGER story_articles_left AFTER DELETE ON story_articles BEGIN "
    "UPDATE story_outlets SET articles = articles - 1, "
    "events = events - (SELECT COUNT(*) FROM events WHERE article_id = old.article_id), "
    "claims = claims - (SELECT COUNT(*) FROM claims WHERE article_id = old.article_id), "
    "figures = figures - (SELECT COUNT(*) FROM figures WHERE article_id = old.article_id), "
    "latest_published = CASE WHEN latest_published = old.published "
    f"THEN {_newest_of_outlet('old.story_id', 'story_outlets')} "
    "ELSE latest_published END "
    f"WHERE story_id = old.story_id AND outlet = {_OLD_OUTLET}; "
    "DELETE FROM story_outlets "
    f"WHERE story_id = old.story_id AND outlet = {_OLD_OUTLET} AND articles <= 0; END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS story_articles_left",
    "DROP TRIGGER IF EXISTS story_articles_joined",
)

# The rows a statement inserted or deleted ({rows}), per story and outlet, with their facts.
_CHANGED = (
    f"SELECT c.story_id, COALESCE(a.outlet, {_NONE}) AS outlet, COUNT(*) AS articles, "
    "COALESCE(SUM((SELECT COUNT(*) FROM events WHERE article_id = a.id)), 0) AS events, "
    "COALESCE(SUM((SELECT COUNT(*) FROM claims WHERE article_id = a.id)), 0) AS claims, "
    "COALESCE(SUM((SELECT COUNT(*) FROM figures WHERE article_id = a.id)), 0) AS figures, "
    "MAX(c.published) AS latest_published "
    "FROM {rows} c JOIN articles a ON a.id = c.article_id "
    f"GROUP BY c.story_id, COALESCE(a.outlet, {_NONE})"
)

POSTGRES_CREATE = (
    "CREATE FUNCTION story_articles_dated() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "SELECT published INTO NEW.published FROM articles WHERE id = NEW.article_id; "
    "RETURN NEW; END $$",
    "CREATE TRIGGER story_articles_dated BEFORE INSERT ON story_articles "
    "FOR EACH ROW EXECUTE FUNCTION story_articles_dated()",
    "CREATE FUNCTION story_articles_joined() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "INSERT INTO story_outlets "
    "(story_id, outlet, articles, events, claims, figures, latest_published) "
    f"SELECT * FROM ({_CHANGED.format(rows='joined')}) changed "
    f"ORDER BY story_id, outlet {_ADD}; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER story_articles_joined AFTER INSERT ON story_articles "
    "REFERENCING NEW TABLE AS joined "
    "FOR EACH STATEMENT EXECUTE FUNCTION story_articles_joined()",
    # (AFTER the delete: the outlets' newest dates are looked up among the articles that stay)
    "CREATE FUNCTION story_articles_left() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    "UPDATE story_outlets s SET articles = s.articles - g.articles, "
    "events = s.events - g.events, claims = s.claims - g.claims, "
    "figures = s.figures - g.figures, "
    "latest_published = CASE WHEN s.latest_published <= g.latest_published "
    f"THEN {_newest_of_outlet('g.story_id', 's')} ELSE s.latest_published END "
    f"FROM ({_CHANGED.format(rows='gone')}) g "
    "WHERE s.story_id = g.story_id AND s.outlet = g.outlet; "
    "DELETE FROM story_outlets s USING (SELECT DISTINCT story_id FROM gone) g "
    "WHERE s.story_id = g.story_id AND s.articles <= 0; "
    "RETURN NULL; END $$",
    "CREATE TRIGGER story_articles_left AFTER DELETE ON story_articles "
    "REFERENCING OLD TABLE AS gone "
    "FOR EACH STATEMENT EXECUTE FUNCTION story_articles_left()",
)
POSTGRES_DROP = (
    "DROP TRIGGER IF EXISTS story_articles_left ON story_articles",
    "DROP FUNCTION IF EXISTS story_articles_left()",
    "DROP TRIGGER IF EXISTS story_articles_joined ON story_articles",
    "DROP FUNCTION IF EXISTS story_articles_joined()",
    "DROP TRIGGER IF EXISTS story_articles_dated ON story_articles",
    "DROP FUNCTION IF EXISTS story_articles_dated()",
)

_REBUILD = (
    "DELETE FROM story_outlets",
    "UPDATE story_articles SET published = "
    "(SELECT published FROM articles WHERE articles.id = story_articles.article_id)",
    "INSERT INTO story_outlets "
    "(story_id, outlet, articles, events, claims, figures, latest_published) "
    + _CHANGED.format(rows="story_articles"),
)


def create_triggers(connection: Connection) -> None:
    """Create the triggers that keep the per-story counts (they count rows changed from
    then on: `rebuild` counts those already there)."""
    dialect = connection.dialect.name
    statements = {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(dialect, ())
    for statement in statements:
        connection.execute(text(statement))


def drop_triggers(connection: Connection) -> None:
    dialect = connection.dialect.name
    statements = {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(dialect, ())
    for statement in statements:
        connection.execute(text(statement))


def rebuild(connection: Connection) -> None:
    """Recompute the copied dates and every story's counts from the membership rows."""
    for statement in _REBUILD:
        connection.execute(text(statement))
