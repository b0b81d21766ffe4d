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
from collections.abc import Iterator
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    bindparam,
    case,
    column,
    false,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from briefings.queries.common import custom_plans, date_literal
from briefings.store.fulltext import CLAIMS_FTS, FTS_TABLE, LOW, PG_CONFIG, PG_INDEX, RUNS_TABLE
from briefings.store.schema import ArticleRow, ClaimRow, SentenceRow
from briefings.store.story_schema import StoryArticleRow
from briefings.stories.scope import current_story, story_articles

PREFIX_FROM = 4
# CAST(julianday('YYYY-MM-DD') AS INTEGER) minus date(YYYY, MM, DD).toordinal(), any date.
JULIAN_TO_ORDINAL = 1_721_424
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


FIRST_CHUNK = 256  # hits read at first by `sqlite_hits_newest_first`; then twice as many


def sqlite_hits_newest_first(
    session: Session, words: tuple[str, ...]
) -> Iterator[tuple[int, list[int]]]:
    """SQLite: the matching sentences in search order (newest article first, undated last),
    a chunk at a time read backwards off the FTS5 key: (the chunk's last publication day
    as a date ordinal, 0 when undated; the chunk's sentence rowids). Callers that order
    by publication day stop once a day older than their page has been reached, without the
    index's whole hit list (which `sentence_match` would read into a temporary table)."""
    usable = searchable(words)
    if not usable:
        return
    rowid: ColumnElement[int] = literal_column("rowid")
    before: int | None = None
    chunk = FIRST_CHUNK
    while True:
        query = _fts_keys(usable)
        if before is not None:
            query = query.where(rowid < before)
        keys = list(session.scalars(query.order_by(rowid.desc()).limit(chunk)))
        if not keys:
            return
        day = keys[-1] >> 32  # CAST(julianday(published) AS INTEGER), 0 when undated
        yield (day - JULIAN_TO_ORDINAL if day else 0), [_sentence_rowid(key) for key in keys]
        if len(keys) < chunk:
            return
        before, chunk = keys[-1], min(chunk * 2, 4096)


def sqlite_story_hits(
    session: Session, words: tuple[str, ...], story: int, wanted: int
) -> list[tuple[str, int]]:
    """SQLite: (article id, sentence index) of the first `wanted` matching sentences of a
    story, in search order: one read of the FTS5 keys backwards, each hit's article and
    index found in its run of sentences (`sentences_fts_runs`: a seek into a narrow table,
    where the sentence's own row is wide) and checked against the story by key, stopped
    after `wanted` (SQLite starts from the index's hits: given a list of hits and the
    story's condition instead, it would start from the story's articles and try each
    against the list)."""
    usable = searchable(words)
    if not usable:
        return []
    key: ColumnElement[int] = literal_column(f"{FTS_TABLE}.rowid")
    sentence: ColumnElement[int] = literal_column(f"{LOW} - ({FTS_TABLE}.rowid & {LOW})")
    match = literal_column(FTS_TABLE).op("MATCH")(bindparam("fts", fts5_query(usable), unique=True))
    runs = table(RUNS_TABLE, column("first"), column("article_id"), column("first_idx"))
    start = select(func.max(runs.c.first)).where(runs.c.first <= sentence).scalar_subquery()
    run = runs.alias("run")
    query = (
        select(run.c.article_id, run.c.first_idx + sentence - run.c.first)
        .select_from(table(FTS_TABLE))
        .join(run, run.c.first == start)
        .join(
            StoryArticleRow,
            and_(
                StoryArticleRow.story_id == story,
                StoryArticleRow.article_id == run.c.article_id,
            ),
        )
        .where(match)
        .order_by(key.desc())
        .limit(wanted)
    )
    return [(article_id, int(idx)) for article_id, idx in session.execute(query)]


def newest_claims_matching(session: Session, words: tuple[str, ...], limit: int) -> list[int]:
    """Ids of the newest `limit` claims (by the claim's date, undated last, then by id) whose
    sentence contains every word, of the story in scope, read off the claims' own index
    (`briefings.store.fulltext`). SQLite reads the FTS5 keys backwards and stops after
    `limit` (in a story, each key is checked against the story by two key lookups);
    PostgreSQL sorts the index's hits, a narrow table, without reading claims or sentences."""
    usable = searchable(words)
    if not usable:
        return []
    story = current_story()
    if session.get_bind().dialect.name == "sqlite":
        rowid: ColumnElement[int] = literal_column(f"{CLAIMS_FTS}.rowid")
        match = literal_column(CLAIMS_FTS).op("MATCH")(
            bindparam("fts", fts5_query(usable), unique=True)
        )
        keys = select(rowid).select_from(table(CLAIMS_FTS)).where(match)
        if story is not None:
            claim_id: ColumnElement[int] = literal_column(f"{LOW} - ({CLAIMS_FTS}.rowid & {LOW})")
            keys = keys.join(ClaimRow, ClaimRow.id == claim_id).join(
                StoryArticleRow,
                and_(
                    StoryArticleRow.story_id == story,
                    StoryArticleRow.article_id == ClaimRow.article_id,
                ),
            )
        found = session.scalars(keys.order_by(rowid.desc()).limit(limit))
        return [LOW - (key & LOW) for key in found]
    hits = table(
        CLAIMS_FTS, column("claim_id"), column("article_id"), column("date_start"), column("words")
    )
    tsquery = func.to_tsquery(
        literal_column(PG_CONFIG), bindparam("tsq", tsquery_text(usable), unique=True)
    )
    ids = select(hits.c.claim_id).where(hits.c.words.op("@@")(tsquery))
    if story is not None:
        ids = ids.where(hits.c.article_id.in_(story_articles(story)))
    ordered = ids.order_by(hits.c.date_start.desc().nulls_last(), hits.c.claim_id)
    with custom_plans(session):
        return list(session.scalars(ordered.limit(limit)))


def sentence_match(
    dialect: str,
    words: tuple[str, ...],
    sentences: FromClause | None = None,
    *,
    drive: bool = True,
    since: date | None = None,
) -> ColumnElement[bool]:
    """A condition on `sentences` (or an alias of it): the sentence contains every word.

    With `drive=False` the caller walks rows in its own order and checks each: SQLite is
    kept from starting the query at the index's hits (it would, having no statistics), and
    PostgreSQL checks the words in the lowered text before building the row's tsvector
    (`_guarded`). With `since`, the caller reads only sentences of articles published on
    or after that day: SQLite then lists only their hits, a range of the FTS5 key (every
    hit of a common word: 84,000 at 100k articles, 30 ms to list)."""
    usable = searchable(words)
    if not usable:
        return false()
    target: Any = sentences if sentences is not None else SentenceRow.__table__
    if dialect == "sqlite":
        plus = "" if drive else "+"
        rowid: ColumnElement[int] = literal_column(f"{plus}{target.name}.rowid")
        keyed = _fts_keys(usable)
        if since is not None:
            first = (since.toordinal() + JULIAN_TO_ORDINAL) << 32  # the day's first key
            keyed = keyed.where(literal_column("rowid") >= first)
        keys = keyed.subquery()
        inverted: Select[Any] = select(literal_column(f"{LOW} - (rowid & {LOW})")).select_from(keys)
        return rowid.in_(inverted.scalar_subquery())
    if dialect == "postgresql":
        vector = func.to_tsvector(literal_column(PG_CONFIG), target.c.text)
        query = func.to_tsquery(
            literal_column(PG_CONFIG), bindparam("tsq", tsquery_text(usable), unique=True)
        )
        matched: ColumnElement[bool] = vector.op("@@")(query)
        return matched if drive else _guarded(target, usable, matched)
    raise NotImplementedError(f"full-text search on {dialect}")


def _guarded(target: Any, usable: tuple[str, ...], matched: ColumnElement[bool]) -> Any:
    """PostgreSQL: `matched` for the rows whose lowered text contains every word, false for
    the others, without their tsvector (a row's tsvector costs ten times the search).
    Exact for words of letters alone: a token the query matches is a lowered piece of the
    text that starts with the lowered word. (Hidden in CASE, the check leaves the planner's
    estimate of the match alone, and the GIN index unused: the caller walks rows.)"""
    if not all(word.isalpha() for word in usable):
        return matched
    lowered = func.lower(target.c.text)
    found = and_(*(func.strpos(lowered, func.lower(bindparam(None, word))) > 0 for word in usable))
    return case((found, matched), else_=false())


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
        if _surely_at_least(session, usable, cap):
            return cap
        hits = select(literal_column("1")).where(sentence_match(dialect, usable))
    capped = hits.limit(cap).subquery()
    with custom_plans(session):
        return int(session.scalar(select(func.count()).select_from(capped)) or 0)


# PostgreSQL reads every GIN hit before counting the first (a bitmap): 40 ms for a word in
# 4% of 2.4M sentences. A word its statistics show in SURE_FACTOR times `cap` sentences is
# taken to reach the cap without counting.
SURE_FACTOR = 5
_COMMON_LEXEME = text(
    "SELECT MAX(u.freq) * (SELECT reltuples FROM pg_class WHERE oid = 'sentences'::regclass) "
    "FROM pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs) "
    "AS u(lexeme, freq) WHERE schemaname = current_schema() AND tablename = :index "
    "AND (u.lexeme = :word OR (:prefix AND starts_with(u.lexeme, :word)))"
)


def _surely_at_least(session: Session, usable: tuple[str, ...], cap: int) -> bool:
    """Whether PostgreSQL's statistics (ANALYZE's most common lexemes of the full-text
    index) put one word in many more than `cap` sentences: a lower bound, since a prefix
    matches at least its most common lexeme. Several words, or a word the text search
    splits, are counted."""
    if len(usable) != 1 or not usable[0].isalnum():
        return False
    word = usable[0].lower()
    rows = session.scalar(
        _COMMON_LEXEME, {"index": PG_INDEX, "word": word, "prefix": _prefix(word)}
    )
    return rows is not None and rows >= cap * SURE_FACTOR


def estimated_sentences(session: Session, usable: tuple[str, ...]) -> float | None:
    """PostgreSQL: sentences its statistics put every word in (the least of the words'
    most common lexeme counts), or None when a word is not among the common lexemes (then
    it is rare) or splits into several."""
    counts = []
    for word in usable:
        if not word.isalnum():
            return None
        word = word.lower()
        rows = session.scalar(
            _COMMON_LEXEME, {"index": PG_INDEX, "word": word, "prefix": _prefix(word)}
        )
        if rows is None:
            return None
        counts.append(float(rows))
    return min(counts) if counts else None


def newest_matching(
    session: Session,
    words: tuple[str, ...],
    *,
    limit: int,
    offset: int = 0,
    common: bool = False,
) -> list[tuple[str, int]]:
    """(article id, sentence index) of one page of matching sentences, in search order.
    `common`: the caller counted many hits (PostgreSQL then tries the newest articles
    first; see `_postgres_newest`)."""
    usable = searchable(words)
    if not usable:
        return []
    dialect = session.get_bind().dialect.name
    if dialect != "sqlite":
        with custom_plans(session):
            return _postgres_newest(session, usable, limit, offset, common)
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


# PostgreSQL walks at most this many of the newest articles for a common word's page.
WALK_ARTICLES = 100
WALK_ARTICLES_MOST = 400


def _postgres_newest(
    session: Session, usable: tuple[str, ...], limit: int, offset: int, common: bool
) -> list[tuple[str, int]]:
    """The GIN index's hits sorted (newest article first, undated last): cheap for a rare
    word, and O(hits) for a common one. A common word's page is first looked for in the
    newest articles, walked through the publication index (a window bounded by a literal
    date, so the planner sees how few articles it holds, and stops after the page)."""
    hits = (
        select(SentenceRow.article_id, SentenceRow.idx)
        .join(ArticleRow, ArticleRow.id == SentenceRow.article_id)
        .where(sentence_match("postgresql", usable))
    )
    wanted = offset + limit
    if common and wanted * 4 <= WALK_ARTICLES_MOST:
        found = _newest_articles_walk(session, hits, wanted)
        if found is not None:
            return found[offset:]
    newest = (
        ArticleRow.published.desc().nulls_last(),
        ArticleRow.ingested_at,
        ArticleRow.id,
        SentenceRow.idx,
    )
    rows = session.execute(hits.order_by(*newest).limit(limit).offset(offset))
    return [(article_id, idx) for article_id, idx in rows]


def _newest_articles_walk(
    session: Session, hits: Select[Any], wanted: int
) -> list[tuple[str, int]] | None:
    """The first `wanted` hits when the newest few hundred dated articles hold them."""
    window = max(WALK_ARTICLES, wanted * 4)
    boundary = session.scalar(
        select(ArticleRow.published)
        .where(ArticleRow.published.is_not(None))
        .order_by(ArticleRow.published.desc())
        .offset(window - 1)
        .limit(1)
    )
    if boundary is None:  # fewer dated articles than the window: the sort is cheap
        return None
    since = date_literal(boundary)  # so that the planner sees how few articles it keeps
    query = hits.where(ArticleRow.published >= since).order_by(
        ArticleRow.published.desc(), ArticleRow.ingested_at, ArticleRow.id, SentenceRow.idx
    )
    rows = [(article_id, idx) for article_id, idx in session.execute(query.limit(wanted))]
    return rows if len(rows) >= wanted else None


def sentence_key_filter(pairs: list[tuple[str, int]]) -> ColumnElement[bool]:
    """A condition on `sentences`: one of these (article id, index) pairs (an OR of primary
    keys, which SQLite looks up one by one; a row-value IN would scan the table)."""
    return or_(
        *(and_(SentenceRow.article_id == article, SentenceRow.idx == idx) for article, idx in pairs)
    )
