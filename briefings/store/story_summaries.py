"""Per-story counts kept current by triggers on `story_articles` (revision 0013), so that a
command scoped to a story reads a few rows instead of aggregating the story's articles.

What is kept:

- `story_articles.published`: the article's publication date, copied when the article joins
  a story (articles are never changed once stored), so that a story's newest articles, its
  newest publication date and its articles since a day are one index range
  (story, published, article) rather than a join over every article of the story;
- `story_outlets`: per story and outlet (NO_OUTLET for none) the articles, their events,
  claims and figures, and the newest publication date — `outlet_stats` for one story;
- `story_actor_outlets`: per story, actor and outlet the articles mentioning the actor —
  `actor_outlets` for one story;
- `story_actor_pairs`: per story and ordered pair of actors the events they share —
  `actor_pairs` for one story.

Why triggers rather than calls from the writer: an article joins or leaves a story in many
places (its rule at ingest, a feed, an explicit ingest, a re-match when the rule changes,
a story's removal, the cascade when a story row goes, the benchmark filing its corpus), and
a count that one of them forgets is wrong forever. A trigger keeps every one of them right,
including statements written by hand. Articles and their facts are written once and never
changed or deleted (`briefings.store.summaries` rests on the same), and an article joins a
story only after its facts are stored (`briefings.service.file_stored`), so the counts taken
when it joins stay right.

SQLite has row triggers only: each joining row copies its date and adds its article to the
counts; each leaving row takes it away, looks up its outlet's newest date again only when
the leaving article held it, and drops the rows it leaves at zero. PostgreSQL copies the
date in a row trigger before the insert (no second version of the row) and does the
counting once per statement over the rows it inserted or deleted (transition tables), in
key order so that concurrent writers lock rows in the same order.

The statements need SQLite 3.33 or later (UPDATE … FROM). A SQLite migration that rebuilds
`story_articles` (a batch ALTER) drops its triggers: it must end with `drop_triggers` and
`create_triggers`. `rebuild` recomputes everything from the membership rows (the
migration's backfill, and what the tests compare the kept counts with).
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from briefings.store.schema import NO_OUTLET

_NONE = "'" + NO_OUTLET.replace("'", "''") + "'"  # as an SQL literal
_OUTLET = f"COALESCE(a.outlet, {_NONE})"

# What each membership row in {rows} adds (for a join) or takes away (for a leave), per key;
# {rows} is `new` on SQLite (one row), a transition table on PostgreSQL, or every
# membership row (the rebuild). Each reads the facts of the row's article by their keys.
_OUTLET_COUNTS = (
    f"SELECT m.story_id, {_OUTLET} AS outlet, COUNT(*) AS articles, "
    "COALESCE(SUM((SELECT COUNT(*) FROM events WHERE article_id = a.id)), 0) AS events, "
    "COALESCE(SUM((SELECT COUNT(*) FROM claims WHERE article_id = a.id)), 0) AS claims, "
    "COALESCE(SUM((SELECT COUNT(*) FROM figures WHERE article_id = a.id)), 0) AS figures, "
    "MAX(a.published) AS latest_published "
    "FROM {rows} m JOIN articles a ON a.id = m.article_id "
    f"GROUP BY m.story_id, {_OUTLET} ORDER BY 1, 2"
)
_ACTOR_OUTLET_COUNTS = (
    f"SELECT m.story_id, aa.actor_id, {_OUTLET} AS outlet, COUNT(*) AS articles "
    "FROM {rows} m JOIN article_actors aa ON aa.article_id = m.article_id "
    "JOIN articles a ON a.id = m.article_id "
    f"GROUP BY m.story_id, aa.actor_id, {_OUTLET} ORDER BY 1, 2, 3"
)
_PAIR_COUNTS = (
    "SELECT m.story_id, mine.actor_id, other.actor_id AS other_id, COUNT(*) AS events "
    "FROM {rows} m JOIN events e ON e.article_id = m.article_id "
    "JOIN event_actors mine ON mine.event_id = e.id "
    "JOIN event_actors other ON other.event_id = e.id AND other.actor_id <> mine.actor_id "
    "GROUP BY m.story_id, mine.actor_id, other.actor_id ORDER BY 1, 2, 3"
)

_NEWER = (
    "CASE WHEN excluded.latest_published IS NULL THEN story_outlets.latest_published "
    "WHEN story_outlets.latest_published IS NULL "
    "OR excluded.latest_published > story_outlets.latest_published "
    "THEN excluded.latest_published ELSE story_outlets.latest_published END"
)


def _joining(rows: str) -> tuple[str, ...]:
    """The statements adding the membership rows in `rows` to every count."""
    return (
        "INSERT INTO story_outlets "
        "(story_id, outlet, articles, events, claims, figures, latest_published) "
        f"{_OUTLET_COUNTS.format(rows=rows)} "
        "ON CONFLICT (story_id, outlet) DO UPDATE SET "
        "articles = story_outlets.articles + excluded.articles, "
        "events = story_outlets.events + excluded.events, "
        "claims = story_outlets.claims + excluded.claims, "
        "figures = story_outlets.figures + excluded.figures, "
        f"latest_published = {_NEWER}",
        "INSERT INTO story_actor_outlets (story_id, actor_id, outlet, articles) "
        f"{_ACTOR_OUTLET_COUNTS.format(rows=rows)} "
        "ON CONFLICT (story_id, actor_id, outlet) DO UPDATE SET "
        "articles = story_actor_outlets.articles + excluded.articles",
        "INSERT INTO story_actor_pairs (story_id, actor_id, other_id, events) "
        f"{_PAIR_COUNTS.format(rows=rows)} "
        "ON CONFLICT (story_id, actor_id, other_id) DO UPDATE SET "
        "events = story_actor_pairs.events + excluded.events",
    )


def _newest_of_outlet(story: str, row: str) -> str:
    """SQL for the newest publication date of an outlet's articles in a story (the outlet of
    the `story_outlets` row `row` being updated): the story's articles walked newest first
    along (story, published, article), stopped at the first of that outlet."""
    return (
        "(SELECT sa.published FROM story_articles sa JOIN articles a ON a.id = sa.article_id "
        f"WHERE sa.story_id = {story} AND sa.published IS NOT NULL "
        f"AND {_OUTLET} = {row}.outlet "
        "ORDER BY sa.published DESC LIMIT 1)"
    )


def _leaving(rows: str) -> tuple[str, ...]:
    """The statements taking the membership rows in `rows` (already deleted) away from every
    count, and dropping the rows they leave at zero."""
    gone = _OUTLET_COUNTS.format(rows=rows)
    return (
        "UPDATE story_outlets SET articles = story_outlets.articles - g.articles, "
        "events = story_outlets.events - g.events, "
        "claims = story_outlets.claims - g.claims, "
        "figures = story_outlets.figures - g.figures, "
        "latest_published = CASE WHEN story_outlets.latest_published <= g.latest_published "
        f"THEN {_newest_of_outlet('g.story_id', 'story_outlets')} "
        "ELSE story_outlets.latest_published END "
        f"FROM ({gone}) g "
        "WHERE story_outlets.story_id = g.story_id AND story_outlets.outlet = g.outlet",
        "UPDATE story_actor_outlets SET articles = story_actor_outlets.articles - g.articles "
        f"FROM ({_ACTOR_OUTLET_COUNTS.format(rows=rows)}) g "
        "WHERE story_actor_outlets.story_id = g.story_id "
        "AND story_actor_outlets.actor_id = g.actor_id "
        "AND story_actor_outlets.outlet = g.outlet",
        "UPDATE story_actor_pairs SET events = story_actor_pairs.events - g.events "
        f"FROM ({_PAIR_COUNTS.format(rows=rows)}) g "
        "WHERE story_actor_pairs.story_id = g.story_id "
        "AND story_actor_pairs.actor_id = g.actor_id "
        "AND story_actor_pairs.other_id = g.other_id",
        "DELETE FROM story_outlets WHERE articles <= 0 AND (story_id, outlet) IN "
        f"(SELECT story_id, outlet FROM ({gone}) g)",
        "DELETE FROM story_actor_outlets WHERE articles <= 0 AND (story_id, actor_id, outlet) IN "
        f"(SELECT story_id, actor_id, outlet FROM ({_ACTOR_OUTLET_COUNTS.format(rows=rows)}) g)",
        "DELETE FROM story_actor_pairs WHERE events <= 0 AND (story_id, actor_id, other_id) IN "
        f"(SELECT story_id, actor_id, other_id FROM ({_PAIR_COUNTS.format(rows=rows)}) g)",
    )


def _sqlite_body(statements: tuple[str, ...]) -> str:
    return " ".join(f"{statement};" for statement in statements)


SQLITE_CREATE = (
    "CREATE TRIGGER story_articles_joined AFTER INSERT ON story_articles BEGIN "
    "UPDATE story_articles SET published = "
    "(SELECT published FROM articles WHERE id = new.article_id) "
    "WHERE story_id = new.story_id AND article_id = new.article_id; "
    f"{_sqlite_body(_joining('(SELECT new.story_id AS story_id, new.article_id AS article_id)'))}"
    " END",
    # (AFTER the delete: the outlet's newest date is looked up among the articles that stay)
    "CREATE TRIGGER story_articles_left AFTER DELETE ON story_articles BEGIN "
    f"{_sqlite_body(_leaving('(SELECT old.story_id AS story_id, old.article_id AS article_id)'))}"
    " END",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS story_articles_left",
    "DROP TRIGGER IF EXISTS story_articles_joined",
)


def _plpgsql(name: str, statements: tuple[str, ...], result: str = "NULL") -> str:
    """A trigger function whose statements are planned as key lookups per membership row:
    hashing `events` (3.3 million rows at 100k articles) to meet a few thousand rows took
    2 s where lookups take 0.3 s, and compiling a plan (JIT) added 18 ms to a one-row
    change."""
    body = " ".join(f"{statement};" for statement in statements)
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
        "SET jit = off SET enable_hashjoin = off SET enable_mergejoin = off "
        f"AS $$ BEGIN {body} RETURN {result}; END $$"
    )


POSTGRES_CREATE = (
    _plpgsql(
        "story_articles_dated",
        ("SELECT published INTO NEW.published FROM articles WHERE id = NEW.article_id",),
        "NEW",
    ),
    "CREATE TRIGGER story_articles_dated BEFORE INSERT ON story_articles "
    "FOR EACH ROW EXECUTE FUNCTION story_articles_dated()",
    _plpgsql("story_articles_joined", _joining("joined")),
    "CREATE TRIGGER story_articles_joined AFTER INSERT ON story_articles "
    "REFERENCING NEW TABLE AS joined "
    "FOR EACH STATEMENT EXECUTE FUNCTION story_articles_joined()",
    # (AFTER the delete: the outlets' newest dates are looked up among the articles that stay)
    _plpgsql("story_articles_left", _leaving("gone")),
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
    "DELETE FROM story_actor_outlets",
    "DELETE FROM story_actor_pairs",
    "UPDATE story_articles SET published = "
    "(SELECT published FROM articles WHERE articles.id = story_articles.article_id)",
    *_joining("story_articles"),
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
