"""Full-text matching over stored sentences (the indexes: `briefings.store.fulltext`).

Queries never see either index: they ask `sentence_match(...)` for a condition on
`sentences`, `count_matching(...)` for a capped count and `newest_matching(...)` for a page
of hits, newest article first.

Semantics on both: every word must occur; a word of `PREFIX_FROM` or more characters also
matches the longer words it begins ("Stepanak" finds "Stepanakert"), shorter ones match
whole words only (so that "war" does not cost a merge of every word starting "war");
case does not matter; a word with inner punctuation ("cease-fire", "peace_keepers")
matches its parts in a row. User text never reaches the query syntax: each word is quoted,
so `*`, `"`, `(`, NEAR, AND, OR are plain text. SQLite also ignores diacritics ("Zurich"
finds "Zürich"); PostgreSQL's `simple` configuration keeps them.

Order: newest article first (undated last), then in storage order, each article's
sentences in reading order.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import (
    ColumnElement,
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
)
from sqlalchemy.orm import Session

from briefings.store.fulltext import FTS_TABLE, LOW, PG_CONFIG
from briefings.store.schema import ArticleRow, SentenceRow

PREFIX_FROM = 4
# Words of these characters only are left out: they tokenize to nothing.
_WORD_CHARACTER = re.compile(r"[^\W_]")


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
        return _postgres_newest(session, usable, limit, offset)
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


def _postgres_newest(
    session: Session, usable: tuple[str, ...], limit: int, offset: int
) -> list[tuple[str, int]]:
    """Dated articles newest first, then undated ones, as two queries: no index keeps
    DESC NULLS LAST, and with it PostgreSQL sorts every hit; without it a common word walks
    the publication index backwards and stops after a page, a rare one starts at the GIN
    index's hits (the planner weighs the two by the words' statistics)."""
    match = sentence_match("postgresql", usable)
    hits = (
        select(SentenceRow.article_id, SentenceRow.idx)
        .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
        .where(match)
    )
    dated = hits.where(ArticleRow.published.is_not(None)).order_by(
        ArticleRow.published.desc(), ArticleRow.ingested_at, ArticleRow.id, SentenceRow.idx
    )
    found = [(a, i) for a, i in session.execute(dated.limit(limit).offset(offset))]
    if len(found) == limit:
        return found
    # Past the dated hits: how many there are decides where the undated page starts.
    before = len(found) + offset if found else _count(session, dated)
    undated = hits.where(ArticleRow.published.is_(None)).order_by(
        ArticleRow.ingested_at, ArticleRow.id, SentenceRow.idx
    )
    page = undated.limit(limit - len(found)).offset(max(0, offset - before))
    return found + [(a, i) for a, i in session.execute(page)]


def _count(session: Session, query: Select[Any]) -> int:
    return int(
        session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    )


def sentence_key_filter(pairs: list[tuple[str, int]]) -> ColumnElement[bool]:
    """A condition on `sentences`: one of these (article id, index) pairs (an OR of primary
    keys, which SQLite looks up one by one; a row-value IN would scan the table)."""
    return or_(
        *(and_(SentenceRow.article_id == article, SentenceRow.idx == idx) for article, idx in pairs)
    )
