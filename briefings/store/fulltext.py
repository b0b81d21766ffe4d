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

Claims have an index of their own (revision 0011), over the text of the sentence each claim
was found in, so that "the newest claims mentioning ceasefire" is read in claim order and
stops after a page instead of sorting every claim of every matching sentence. On SQLite it
is a second contentless FTS5 table (`claims_fts`) keyed like the sentences' one but by the
claim's own date and id — date in the high bits, the inverted claim id in the low ones — so
that descending keys give (date DESC NULLS LAST, id); triggers on `claims` keep it. On
PostgreSQL it is a narrow table (`claims_fts`: claim id, article id, date, the sentence's
tsvector) with a GIN index, filled by a trigger on `claims`: its hits are sorted by date
without reading `claims` or `sentences`. Claims are written once and never updated; a
deleted claim leaves its row through ON DELETE CASCADE (PostgreSQL) or the delete trigger.
The claims' key does not depend on rowids that VACUUM may renumber (a claim's id is its
rowid), but a SQLite migration that rebuilds `claims` (a batch ALTER) drops its triggers:
it must end with `drop_claims_index` and `create_claims_index`.

A hit of `sentences_fts` names a sentence by its rowid; which article it is in, looked up in
`sentences` itself, costs a read of a wide row (its text) per hit — most of the time of
walking a common word's hits to keep one story's (20,000 hits for a page and a count, at
100,000 articles across 20 stories). SQLite also keeps `sentences_fts_runs` (revision 0015):
one narrow row per run of consecutive sentence rowids of one article in reading order (an
article's sentences are written together: one run each), keyed by the run's first rowid,
so that a hit's article and sentence index are one seek into a small table. A trigger on
`sentences` starts a run where the rowid before is not the previous sentence of the same
article; it follows the rowids as the FTS5 key does, so `rebuild_sqlite_index` rebuilds it.
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
CLAIMS_FTS = "claims_fts"
CLAIMS_PG_INDEX = "ix_claims_fts_words"


def _claim_key(claim: str) -> str:
    """SQL for a claim's FTS5 rowid: the claim's date (0 when undated), then its inverted id,
    so that descending keys read newest claim first, then in id order."""
    day = f"COALESCE(CAST(julianday({claim}.date_start) AS INTEGER), 0)"
    return f"(({day} << 32) | ({LOW} - {claim}.id))"


def _claim_sentence(claim: str) -> str:
    return (
        f"(SELECT text FROM sentences WHERE article_id = {claim}.article_id "
        f"AND idx = {claim}.sentence_idx)"
    )


SQLITE_CLAIMS_CREATE = (
    f"CREATE VIRTUAL TABLE {CLAIMS_FTS} USING fts5("
    "text, content='', tokenize='unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {CLAIMS_FTS}_insert AFTER INSERT ON claims BEGIN "
    f"INSERT INTO {CLAIMS_FTS}(rowid, text) "
    f"VALUES ({_claim_key('new')}, {_claim_sentence('new')}); END",
    f"CREATE TRIGGER {CLAIMS_FTS}_delete AFTER DELETE ON claims BEGIN "
    f"INSERT INTO {CLAIMS_FTS}({CLAIMS_FTS}, rowid, text) "
    f"VALUES ('delete', {_claim_key('old')}, {_claim_sentence('old')}); END",
)
SQLITE_CLAIMS_FILL = (
    f"INSERT INTO {CLAIMS_FTS}(rowid, text) "
    f"SELECT {_claim_key('c')}, s.text FROM claims c "
    "JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence_idx"
)
SQLITE_CLAIMS_DROP = (
    f"DROP TRIGGER IF EXISTS {CLAIMS_FTS}_delete",
    f"DROP TRIGGER IF EXISTS {CLAIMS_FTS}_insert",
    f"DROP TABLE IF EXISTS {CLAIMS_FTS}",
)
POSTGRES_CLAIMS_CREATE = (
    f"CREATE TABLE {CLAIMS_FTS} ("
    "claim_id integer PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE, "
    "article_id varchar(32) NOT NULL, date_start date, words tsvector NOT NULL)",
    f"CREATE INDEX {CLAIMS_PG_INDEX} ON {CLAIMS_FTS} USING gin (words)",
    f"CREATE FUNCTION {CLAIMS_FTS}_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"INSERT INTO {CLAIMS_FTS}(claim_id, article_id, date_start, words) "
    f"SELECT NEW.id, NEW.article_id, NEW.date_start, to_tsvector({PG_CONFIG}, s.text) "
    "FROM sentences s WHERE s.article_id = NEW.article_id AND s.idx = NEW.sentence_idx; "
    "RETURN NULL; END $$",
    f"CREATE TRIGGER {CLAIMS_FTS}_insert AFTER INSERT ON claims "
    f"FOR EACH ROW EXECUTE FUNCTION {CLAIMS_FTS}_insert()",
)
POSTGRES_CLAIMS_FILL = (
    f"INSERT INTO {CLAIMS_FTS}(claim_id, article_id, date_start, words) "
    f"SELECT c.id, c.article_id, c.date_start, to_tsvector({PG_CONFIG}, s.text) FROM claims c "
    "JOIN sentences s ON s.article_id = c.article_id AND s.idx = c.sentence_idx"
)
POSTGRES_CLAIMS_DROP = (
    f"DROP TRIGGER IF EXISTS {CLAIMS_FTS}_insert ON claims",
    f"DROP FUNCTION IF EXISTS {CLAIMS_FTS}_insert()",
    f"DROP TABLE IF EXISTS {CLAIMS_FTS}",
)
POSTGRES_CREATE = (
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON sentences "
    f"USING gin (to_tsvector({PG_CONFIG}, text))",
)
POSTGRES_DROP = (f"DROP INDEX IF EXISTS {PG_INDEX}",)
RUNS_TABLE = f"{FTS_TABLE}_runs"
# A sentence continues a run when the rowid before it is the previous sentence of its article.
_CONTINUES = (
    "EXISTS (SELECT 1 FROM sentences p WHERE p.rowid = {s}.rowid - 1 "
    "AND p.article_id = {s}.article_id AND p.idx = {s}.idx - 1)"
)
SQLITE_RUNS_CREATE = (
    f"CREATE TABLE {RUNS_TABLE} (first INTEGER PRIMARY KEY, "
    "article_id VARCHAR(32) NOT NULL, first_idx INTEGER NOT NULL)",
    f"CREATE TRIGGER {RUNS_TABLE}_insert AFTER INSERT ON sentences "
    f"WHEN NOT {_CONTINUES.format(s='new')} BEGIN "
    f"INSERT OR REPLACE INTO {RUNS_TABLE}(first, article_id, first_idx) "
    "VALUES (new.rowid, new.article_id, new.idx); END",
)
SQLITE_RUNS_FILL = (
    f"INSERT INTO {RUNS_TABLE}(first, article_id, first_idx) "
    f"SELECT s.rowid, s.article_id, s.idx FROM sentences s WHERE NOT {_CONTINUES.format(s='s')}"
)
SQLITE_RUNS_DROP = (
    f"DROP TRIGGER IF EXISTS {RUNS_TABLE}_insert",
    f"DROP TABLE IF EXISTS {RUNS_TABLE}",
)


def include_name(name: str | None, type_: str, _parents: object = None) -> bool:
    """Alembic's `include_name` hook: the full-text objects are not declared as models (FTS5
    keeps shadow tables `sentences_fts_*`), so autogenerate must neither drop nor compare
    them."""
    if name is None:
        return True
    if type_ == "table":
        return not any(name == t or name.startswith(t + "_") for t in (FTS_TABLE, CLAIMS_FTS))
    if type_ == "index":
        return name not in (PG_INDEX, CLAIMS_PG_INDEX)
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


def create_claims_index(connection: Connection) -> None:
    """Create the claims' full-text structures (revision 0011) and fill them from the claims
    already stored."""
    statements: tuple[str, ...]
    if connection.dialect.name == "sqlite":
        statements = (*SQLITE_CLAIMS_CREATE, SQLITE_CLAIMS_FILL)
    elif connection.dialect.name == "postgresql":
        statements = (*POSTGRES_CLAIMS_CREATE, POSTGRES_CLAIMS_FILL)
    else:
        return
    for statement in statements:
        connection.execute(text(statement))


def drop_claims_index(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    for statement in SQLITE_CLAIMS_DROP if sqlite else POSTGRES_CLAIMS_DROP:
        connection.execute(text(statement))


def create_sqlite_runs(connection: Connection) -> None:
    """SQLite: the sentences' runs (revision 0015), filled from the sentences stored."""
    if connection.dialect.name != "sqlite":
        return
    for statement in (*SQLITE_RUNS_CREATE, SQLITE_RUNS_FILL):
        connection.execute(text(statement))


def drop_sqlite_runs(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    for statement in SQLITE_RUNS_DROP:
        connection.execute(text(statement))


def rebuild_sqlite_index(connection: Connection) -> None:
    """Re-read every sentence into the FTS5 table and its runs (after a renumbering; see
    above)."""
    connection.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')"))
    connection.execute(text(SQLITE_FILL))
    connection.execute(text(f"DELETE FROM {RUNS_TABLE}"))
    connection.execute(text(SQLITE_RUNS_FILL))
