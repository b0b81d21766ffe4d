"""Row-to-model helpers shared by the queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, Select, and_, any_, bindparam, select
from sqlalchemy import text as sql
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from briefings.models import Citation, Precision, TimePoint
from briefings.store.schema import ArticleRow, SentenceRow
from briefings.stories.scope import story_member

UNATTRIBUTED = "Unattributed"


def time_point(
    edtf: str | None, precision: str | None, start: date | None, end: date | None, inferred: bool
) -> TimePoint | None:
    if edtf is None or precision is None or start is None or end is None:
        return None
    return TimePoint(
        edtf=edtf, precision=Precision(precision), start=start, end=end, inferred=inferred
    )


def fact_time(row: Any) -> TimePoint | None:
    """The TimePoint of any fact row (events, claims, figures share the date columns)."""
    return time_point(
        row.date_edtf, row.date_precision, row.date_start, row.date_end, row.date_inferred
    )


def date_literal(day: date) -> ColumnElement[Any]:
    """A date written into the SQL rather than bound: PostgreSQL plans a prepared statement
    generically after a few runs, and a generic `published >= $1` is taken to keep a third
    of the rows (a seq scan and hash join: 45 ms where an index range takes 1)."""
    return bindparam(None, day, type_=Date, literal_execute=True)


def int_literal(value: int) -> ColumnElement[Any]:
    """An integer (an actor's id, a limit) written into the SQL rather than bound, for the
    reason of `date_literal`: a generic plan takes every actor for one of average coverage
    and every limit for a small one, and checks each of a much covered actor's thousands
    of rows against the story by key, where its custom plan hashes the story's articles."""
    return bindparam(None, value, type_=Integer, literal_execute=True)


def id_in(session: Session, column: Any, ids: list[int]) -> ColumnElement[bool]:
    """`column IN (ids)`; on PostgreSQL `column = ANY(one array)`: one parameter instead of
    hundreds to render, bind and plan, and the same statement text whatever the count."""
    if session.get_bind().dialect.name == "postgresql":
        array = bindparam(None, list(ids), type_=ARRAY(Integer))
        return column == any_(array)  # type: ignore[no-any-return]
    return column.in_(ids)  # type: ignore[no-any-return]


def escape_like(text: str) -> str:
    """User text inside a LIKE pattern matches literally (with ESCAPE '\\')."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@contextmanager
def _settings(session: Session, when: bool, settings: dict[str, str]) -> Iterator[None]:
    """PostgreSQL: planner settings for the statements run inside the block (`when` they
    apply), for this transaction only."""
    if not when or session.get_bind().dialect.name != "postgresql":
        yield
        return
    for name, value in settings.items():
        session.execute(sql(f"SET LOCAL {name} = {value}"))
    yield  # (an error ends the transaction, and the settings with it)
    for name in settings:
        session.execute(sql(f"SET LOCAL {name} TO DEFAULT"))


def serial(session: Session, when: bool = True) -> AbstractContextManager[None]:
    """PostgreSQL: the statements run inside the block are planned without parallel workers
    (`when` it applies). For a walk that stops after a page, the planner prices the whole
    walk and splits it among workers; starting them costs more than the page (a story's
    timeline page: 40 ms with two workers, 5 ms in one process)."""
    return _settings(session, when, {"max_parallel_workers_per_gather": "0"})


def custom_plans(session: Session) -> AbstractContextManager[None]:
    """PostgreSQL: the statements run inside the block are planned for their parameters
    each time, never by a generic plan (psycopg prepares a statement run five times, and
    PostgreSQL then may keep a plan made without the parameters' values). For full-text
    reads: a generic plan cannot tell a word in 50 sentences from one in 5,000, and took
    a recent window's articles one by one against every hit of the index (a page of
    /search ceasefire: 22 ms where its own plan takes 3)."""
    return _settings(session, True, {"plan_cache_mode": "force_custom_plan"})


def outlet_label(outlet: str | None) -> str:
    return outlet or UNATTRIBUTED


def cited(fact_table: Any, *columns: Any, scoped: bool = True) -> Select[Any]:
    """select(fact, outlet, sentence text, caption) joined to its article and sentence; only
    the facts of the story in scope (`briefings.stories.scope`), when there is one, unless
    the caller keeps to the story itself (`scoped=False`)."""
    query = (
        select(fact_table, ArticleRow.outlet, SentenceRow.text, SentenceRow.caption, *columns)
        .join(ArticleRow, ArticleRow.id == fact_table.article_id)
        .join(
            SentenceRow,
            and_(
                SentenceRow.article_id == fact_table.article_id,
                SentenceRow.idx == fact_table.sentence_idx,
            ),
        )
    )
    story = story_member(fact_table.article_id) if scoped else None
    return query if story is None else query.where(story)


def citation(row: Any, outlet: str | None, sentence: str, caption: bool) -> Citation:
    return citation_of(
        row.article_id, outlet, row.sentence_idx, row.span_start, row.span_end, sentence, caption
    )


def citation_of(
    article_id: str,
    outlet: str | None,
    sentence_index: int,
    start: int,
    end: int,
    sentence: str,
    caption: bool,
) -> Citation:
    """A fact's citation from its columns (`citation` reads them off a row or an object)."""
    return Citation(
        article_id=article_id,
        outlet=outlet_label(outlet),
        sentence_index=sentence_index,
        start=start,
        end=end,
        sentence=sentence,
        caption=caption,
    )


def article_citation(session: Session, article: ArticleRow) -> Citation | None:
    """A citation to an article's first sentence (for lines that list articles)."""
    first = session.scalar(
        select(SentenceRow)
        .where(SentenceRow.article_id == article.id)
        .order_by(SentenceRow.caption, SentenceRow.idx)
        .limit(1)
    )
    if first is None:
        return None
    return Citation(
        article_id=article.id,
        outlet=outlet_label(article.outlet),
        sentence_index=first.idx,
        start=first.start,
        end=first.end,
        sentence=first.text,
        caption=first.caption,
    )
