"""Full-text indexes over stored sentences, for both dialects: their DDL, kept in step with
`sentences` by triggers (SQLite) or by the index itself (PostgreSQL). The queries that read
them live in `briefings.queries.fulltext`.

SQLite keeps a contentless FTS5 table (`sentences_fts`) filled by triggers on `sentences`;
PostgreSQL keeps a GIN index on `to_tsvector('simple', text)`.

On SQLite the FTS5 rowid is a key in search order — the article's publication day in the
high 32 bits, the sentence rowid (inverted) in the low ones — so a page is read off the
index backwards and stops after `limit` hits, however common the word. The key follows
`sentences` by rowid: a migration that rebuilds `sentences` on SQLite (a batch ALTER), a
VACUUM that renumbers its rowids or a change of an article's publication date must be
followed by `rebuild_sqlite_index`.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

FTS_TABLE = "sentences_fts"
PG_INDEX = "ix_sentences_text_fts"
PG_CONFIG = "'simple'::regconfig"
LOW = 0xFFFFFFFF  # sentence rowids stay below 2**32


def _key(rowid: str, article_id: str) -> str:
    """SQL for a sentence's FTS5 rowid: publication day (0 when undated), then the inverted
    sentence rowid, so that descending keys read newest first, in storage order."""
    day = (
        "COALESCE(CAST(julianday("
        f"(SELECT published FROM articles WHERE id = {article_id})) AS INTEGER), 0)"
    )
    return f"(({day} << 32) | ({LOW} - {rowid}))"


SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "text, content='', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {FTS_TABLE}_insert AFTER INSERT ON sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, text) "
    f"VALUES ({_key('new.rowid', 'new.article_id')}, new.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_delete AFTER DELETE ON sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) "
    f"VALUES ('delete', {_key('old.rowid', 'old.article_id')}, old.text); END",
    f"CREATE TRIGGER {FTS_TABLE}_update AFTER UPDATE OF text ON sentences BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) "
    f"VALUES ('delete', {_key('old.rowid', 'old.article_id')}, old.text); "
    f"INSERT INTO {FTS_TABLE}(rowid, text) "
    f"VALUES ({_key('new.rowid', 'new.article_id')}, new.text); END",
)
SQLITE_FILL = (
    f"INSERT INTO {FTS_TABLE}(rowid, text) "
    f"SELECT {_key('s.rowid', 's.article_id')}, s.text FROM sentences s"
)
SQLITE_DROP = (
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_update",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete",
    f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
)
POSTGRES_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON sentences "
    f"USING gin (to_tsvector({PG_CONFIG}, text))",
)
POSTGRES_DROP = (f"DROP INDEX IF EXISTS {PG_INDEX}",)


def include_name(name: str | None, type_: str, _parents: object = None) -> bool:
    """Alembic's `include_name` hook: the full-text objects are not declared as models (FTS5
    keeps shadow tables `sentences_fts_*`), so autogenerate must neither drop nor compare
    them."""
    if name is None:
        return True
    if type_ == "table":
        return name != FTS_TABLE and not name.startswith(FTS_TABLE + "_")
    if type_ == "index":
        return name != PG_INDEX
    return True


def create_index(connection: Connection) -> None:
    """Create the full-text structures and fill them from the sentences already stored."""
    if connection.dialect.name == "sqlite":
        for statement in SQLITE_CREATE:
            connection.execute(text(statement))
        connection.execute(text(SQLITE_FILL))
    elif connection.dialect.name == "postgresql":
        for statement in POSTGRES_CREATE:
            connection.execute(text(statement))


def drop_index(connection: Connection) -> None:
    statements = SQLITE_DROP if connection.dialect.name == "sqlite" else POSTGRES_DROP
    for statement in statements:
        connection.execute(text(statement))


def rebuild_sqlite_index(connection: Connection) -> None:
    """Re-read every sentence into the FTS5 table (after a renumbering; see above)."""
    connection.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')"))
    connection.execute(text(SQLITE_FILL))
