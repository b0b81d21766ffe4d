"""Full-text search over stored sentences: one place for both dialects' index and match.

SQLite keeps a contentless FTS5 table (`sentences_fts`) filled by triggers on `sentences`;
PostgreSQL keeps a GIN index on `to_tsvector('simple', text)`. Queries never see either:
they ask `sentence_match(...)` for a condition on `sentences`, `count_matching(...)` for a
capped count and `newest_matching(...)` for a page of hits, newest article first.

Semantics on both: every word must occur; a word of `PREFIX_FROM` or more characters also
matches the longer words it begins ("Stepanak" finds "Stepanakert"), shorter ones match
whole words only (so that "war" does not cost a merge of every word starting "war");
case does not matter; a word with inner punctuation ("cease-fire", "peace_keepers")
matches its parts in a row. User text never reaches the query syntax: each word is quoted,
so `*`, `"`, `(`, NEAR, AND, OR are plain text. SQLite also ignores diacritics ("Zurich"
finds "Zürich"); PostgreSQL's `simple` configuration keeps them.

Order: newest article first (undated last), then in storage order, each article's
sentences in reading order. On SQLite the FTS5 rowid is a key in that order — the
article's publication day in the high 32 bits, the sentence rowid (inverted) in the low
ones — so a page is read off the index backwards and stops after `limit` hits, however
common the word. The key follows `sentences` by rowid: a migration that rebuilds
`sentences` on SQLite (a batch ALTER), a VACUUM that renumbers its rowids or a change of an
article's publication date must be followed by `rebuild_sqlite_index`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    and_,
    bindparam,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from briefings.store.schema import ArticleRow, SentenceRow

FTS_TABLE = "sentences_fts"
PG_INDEX = "ix_sentences_text_fts"
PG_CONFIG = "'simple'::regconfig"
PREFIX_FROM = 4
LOW = 0xFFFFFFFF  # sentence rowids stay below 2**32
# Words of these characters only are left out: they tokenize to nothing.
_WORD_CHARACTER = re.compile(r"[^\W_]")


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


def searchable(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words that can match anything (at least one letter or digit), NFC-normalised."""
    kept = (unicodedata.normalize("NFC", word) for word in words)
    return tuple(dict.fromkeys(word for word in kept if _WORD_CHARACTER.search(word)))


def _prefix(word: str) -> bool:
    return len(word) >= PREFIX_FROM


def fts5_query(words: tuple[str, ...]) -> str:
    """An FTS5 MATCH string: each word a quoted phrase, long ones ending in a prefix."""
    return " AND ".join(
        '"' + word.replace('"', '""') + '"' + ("*" if _prefix(word) else "")
        for word in searchable(words)
    )


def tsquery_text(words: tuple[str, ...]) -> str:
    """A `to_tsquery` string: each word quoted (PostgreSQL splits it as it splits the text),
    long ones matched as prefixes."""
    return " & ".join(
        "'" + word.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if _prefix(word) else "")
        for word in searchable(words)
    )


def _fts_keys(usable: tuple[str, ...]) -> Select[Any]:
    """SELECT rowid (the order key) FROM the FTS5 table WHERE it matches every word."""
    match = literal_column(FTS_TABLE).op("MATCH")(bindparam("fts", fts5_query(usable), unique=True))
    return select(literal_column("rowid")).select_from(table(FTS_TABLE)).where(match)


def _sentence_rowid(key: int) -> int:
    return LOW - (key & LOW)


def sentence_match(
    dialect: str,
    words: tuple[str, ...],
    sentences: FromClause | None = None,
    *,
    drive: bool = True,
) -> ColumnElement[bool]:
    """A condition on `sentences` (or an alias of it): the sentence contains every word.

    With `drive=False` SQLite is kept from starting the query at the index's hits (it would,
    having no statistics): the caller walks a date index and checks each row against them."""
    usable = searchable(words)
    if not usable:
        return false()
    target: Any = sentences if sentences is not None else SentenceRow.__table__
    if dialect == "sqlite":
        plus = "" if drive else "+"
        rowid: ColumnElement[int] = literal_column(f"{plus}{target.name}.rowid")
        keys = _fts_keys(usable).subquery()
        inverted: Select[Any] = select(literal_column(f"{LOW} - (rowid & {LOW})")).select_from(keys)
        return rowid.in_(inverted.scalar_subquery())
    if dialect == "postgresql":
        vector = func.to_tsvector(literal_column(PG_CONFIG), target.c.text)
        query = func.to_tsquery(
            literal_column(PG_CONFIG), bindparam("tsq", tsquery_text(usable), unique=True)
        )
        matched: ColumnElement[bool] = vector.op("@@")(query)
        return matched
    raise NotImplementedError(f"full-text search on {dialect}")


def count_matching(session: Session, words: tuple[str, ...], cap: int) -> int:
    """How many sentences contain every word, counting at most `cap` (so a common word costs
    no more than a rare one): a result equal to `cap` means "at least `cap`"."""
    usable = searchable(words)
    if not usable:
        return 0
    dialect = session.get_bind().dialect.name
    hits: Select[Any]
    if dialect == "sqlite":
        hits = _fts_keys(usable)
    else:
        hits = select(literal_column("1")).where(sentence_match(dialect, usable))
    capped = hits.limit(cap).subquery()
    return int(session.scalar(select(func.count()).select_from(capped)) or 0)


def newest_matching(
    session: Session, words: tuple[str, ...], *, limit: int, offset: int = 0
) -> list[tuple[str, int]]:
    """(article id, sentence index) of one page of matching sentences, in search order."""
    usable = searchable(words)
    if not usable:
        return []
    dialect = session.get_bind().dialect.name
    if dialect != "sqlite":
        rows = session.execute(
            select(SentenceRow.article_id, SentenceRow.idx)
            .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
            .where(sentence_match(dialect, usable))
            .order_by(
                ArticleRow.published.desc().nulls_last(),
                ArticleRow.ingested_at,
                ArticleRow.id,
                SentenceRow.idx,
            )
            .limit(limit)
            .offset(offset)
        )
        return [(article_id, idx) for article_id, idx in rows]
    keys = session.scalars(
        _fts_keys(usable).order_by(literal_column("rowid").desc()).limit(limit).offset(offset)
    ).all()
    order = [_sentence_rowid(key) for key in keys]
    if not order:
        return []
    rowid: ColumnElement[int] = literal_column("sentences.rowid")
    found = {
        row_id: (article_id, idx)
        for row_id, article_id, idx in session.execute(
            select(rowid, SentenceRow.article_id, SentenceRow.idx).where(rowid.in_(order))
        )
    }
    return [found[row_id] for row_id in order if row_id in found]


def sentence_key_filter(pairs: list[tuple[str, int]]) -> ColumnElement[bool]:
    """A condition on `sentences`: one of these (article id, index) pairs (an OR of primary
    keys, which SQLite looks up one by one; a row-value IN would scan the table)."""
    return or_(
        *(and_(SentenceRow.article_id == article, SentenceRow.idx == idx) for article, idx in pairs)
    )
