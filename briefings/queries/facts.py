"""Claims and figures with their citations, filtered in SQL."""

from __future__ import annotations

import datetime
import math
import operator
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, true
from sqlalchemy.orm import Session, aliased

from briefings.models import Citation, TimePoint
from briefings.queries.common import (
    citation,
    citation_of,
    cited,
    custom_plans,
    date_literal,
    fact_time,
    id_in,
    int_literal,
    time_point,
)
from briefings.queries.fulltext import (
    count_matching,
    estimated_sentences,
    newest_claims_matching,
    searchable,
    sentence_match,
    sqlite_hits_newest_first,
)
from briefings.queries.story_walks import fact_counts, walk_bound
from briefings.store.schema import (
    ActorRow,
    ArticleRow,
    ClaimRow,
    ClaimSubjectRow,
    FigureRow,
    SentenceRow,
    UnitStatsRow,
)
from briefings.store.story_schema import StoryArticleRow
from briefings.stories.scope import current_story, in_story, story_articles, story_member

T = TypeVar("T")


@dataclass(frozen=True)
class ClaimView:
    speaker: str
    speaker_text: str
    stance: str
    text: str
    date: TimePoint | None
    citation: Citation
    cue: str | None = None
    speaker_role: str | None = None
    speaks_for: str | None = None  # the state or body an official spoke for
    line: str | None = None  # the claim as a card line reads it


@dataclass(frozen=True)
class FigureView:
    """A stored figure with what the matter rule reads (`briefings.figure_groups`)."""

    value: float
    value_high: float | None
    qualifier: str | None
    unit: str
    text: str
    source: str | None
    date: TimePoint | None
    citation: Citation
    id: int = 0
    source_text: str | None = None
    part: bool = False
    revises_id: int | None = None
    places: str | None = None
    setting: str | None = None
    published: datetime.date | None = None
    as_of: datetime.date | None = None


def claims_in_articles(
    session: Session, article_ids: list[str], actors: tuple[str, ...] = ()
) -> list[ClaimView]:
    """Claims of the given articles in stored order; with `actors`, only those by or about
    one of them."""
    query = _claim_query().where(ClaimRow.article_id.in_(article_ids))
    if actors:
        about = (
            select(ClaimSubjectRow.claim_id)
            .join(ActorRow, ActorRow.id == ClaimSubjectRow.actor_id)
            .where(ActorRow.name.in_(actors))
        )
        query = query.where(
            or_(ActorRow.name.in_(actors), SpokenFor.name.in_(actors), ClaimRow.id.in_(about))
        )
    return _claims(session, query.order_by(ClaimRow.id))


def _claims(session: Session, query: Select[tuple[object, ...]]) -> list[ClaimView]:
    return [view for _, view in _claims_with_ids(session, query)]


def _claims_with_ids(
    session: Session, query: Select[tuple[object, ...]]
) -> list[tuple[int, ClaimView]]:
    """(id, view) of each row of a claim query (`_claim_query`'s columns, in its order)."""
    result = session.execute(query)
    if tuple(result.keys()) != _CLAIM_KEYS:
        raise ValueError(f"not a claim query's columns: {tuple(result.keys())}")
    rows: Iterable[tuple[Any, ...]] = result.tuples()
    return [_claim_view(*row) for row in rows]


def _claim_view(
    claim_id: int,
    article_id: str,
    sentence_idx: int,
    span_start: int,
    span_end: int,
    text: str,
    edtf: str | None,
    precision: str | None,
    start: datetime.date | None,
    end: datetime.date | None,
    inferred: bool,
    speaker_text: str,
    stance: str,
    cue: str | None,
    speaker_role: str | None,
    line: str | None,
    outlet: str | None,
    sentence: str,
    caption: bool,
    speaker: str,
    speaks_for: str | None,
) -> tuple[int, ClaimView]:
    """One row's view, its columns taken by position: by name, a row's attributes cost more
    than the view (a /claims answer builds hundreds)."""
    cited = citation_of(article_id, outlet, sentence_idx, span_start, span_end, sentence, caption)
    return claim_id, ClaimView(
        speaker=speaker,
        speaker_text=speaker_text,
        stance=stance,
        text=text,
        date=time_point(edtf, precision, start, end, inferred),
        citation=cited,
        cue=cue,
        speaker_role=speaker_role,
        speaks_for=speaks_for,
        line=line,
    )


# the state or body a claim's speaker spoke for (an official's statement counts for it)
SpokenFor = aliased(ActorRow, name="spoken_for")
# What a view reads of a claim, selected as columns: rows, not ORM objects to build and
# track (a /claims answer reads hundreds).
_CLAIM_COLUMNS = (
    ClaimRow.id,
    ClaimRow.article_id,
    ClaimRow.sentence_idx,
    ClaimRow.span_start,
    ClaimRow.span_end,
    ClaimRow.text,
    ClaimRow.date_edtf,
    ClaimRow.date_precision,
    ClaimRow.date_start,
    ClaimRow.date_end,
    ClaimRow.date_inferred,
    ClaimRow.speaker_text,
    ClaimRow.stance,
    ClaimRow.cue,
    ClaimRow.speaker_role,
    ClaimRow.line,
)


# The columns of a claim query, as `_claim_view` takes them.
_CLAIM_KEYS = (
    *(column.key for column in _CLAIM_COLUMNS),
    "outlet",
    "sentence",
    "caption",
    "speaker",
    "speaks_for",
)


def _claim_query() -> Select[tuple[object, ...]]:
    """A claim's columns with its outlet, sentence (text and caption flag), speaker and the
    body it spoke for; only the story's claims when one is in scope."""
    query = (
        select(
            *_CLAIM_COLUMNS,
            ArticleRow.outlet,
            SentenceRow.text.label("sentence"),
            SentenceRow.caption,
            ActorRow.name.label("speaker"),
            SpokenFor.name.label("speaks_for"),
        )
        .select_from(ClaimRow)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        .join(
            SentenceRow,
            and_(
                SentenceRow.article_id == ClaimRow.article_id,
                SentenceRow.idx == ClaimRow.sentence_idx,
            ),
        )
        .join(ActorRow, ActorRow.id == ClaimRow.speaker_id)
        .outerjoin(SpokenFor, SpokenFor.id == ClaimRow.speaks_for_id)
    )
    story = story_member(ClaimRow.article_id)
    return query if story is None else query.where(story)


def _dated_first(
    query: Select[tuple[object, ...]], date: Any, key: Any, limit: int
) -> Iterator[Select[tuple[object, ...]]]:
    """The queries for "by date, undated last, then by id" as two index walks: dated rows by
    (date, id), then undated ones by id. (ASC NULLS LAST is not an order SQLite's indexes
    keep, so one query would sort every row.) The undated are ordered by (date, id) all the
    same, the order of the (…, date, id) index: ordered by id alone, PostgreSQL's generic
    plan for a prepared statement walks the primary key and filters every row."""
    yield query.where(date.is_not(None)).order_by(date, key).limit(limit)
    yield query.where(date.is_(None)).order_by(date, key).limit(limit)


def _claims_by_id(session: Session, ids: list[int]) -> list[ClaimView]:
    """The claims of these ids, in the order given. Read by id alone: the ids are already
    the story's (with the story's condition as well, SQLite would start from the story's
    articles and try each against the ids)."""
    rows = _views_by_id(session, ids)
    return [rows[claim_id] for claim_id in ids if claim_id in rows]


def _claims_by_id_query(session: Session, ids: list[int]) -> Select[tuple[object, ...]]:
    """`_claim_query`'s columns for a list of ids, each outlet and name a lookup by key:
    joined, PostgreSQL hashes every article and actor to meet a few hundred claims."""
    outlet = select(ArticleRow.outlet).where(ArticleRow.id == ClaimRow.article_id)
    speaker = select(ActorRow.name).where(ActorRow.id == ClaimRow.speaker_id)
    speaks_for = select(SpokenFor.name).where(SpokenFor.id == ClaimRow.speaks_for_id)
    return (
        select(
            *_CLAIM_COLUMNS,
            outlet.scalar_subquery().label("outlet"),
            SentenceRow.text.label("sentence"),
            SentenceRow.caption,
            speaker.scalar_subquery().label("speaker"),
            speaks_for.scalar_subquery().label("speaks_for"),
        )
        .select_from(ClaimRow)
        .join(
            SentenceRow,
            and_(
                SentenceRow.article_id == ClaimRow.article_id,
                SentenceRow.idx == ClaimRow.sentence_idx,
            ),
        )
        .where(id_in(session, ClaimRow.id, ids))
    )


def _ids_in_date_order(
    session: Session, ids: Select[Any], article_id: Any, order: tuple[Any, Any], limit: int
) -> list[int]:
    """The ids of a narrow query (one table's index and the story's condition on its
    `article_id`: cheap to plan, and no join for a planner to hash), by date then id with
    undated ones last."""
    story = in_story(article_id)  # (a list, checked before a row is read for the rest)
    if story is not None:
        ids = ids.where(story)
    found: list[int] = []
    for part in _dated_first(ids, *order, limit):
        if len(found) < limit:
            found += session.scalars(part.limit(int_literal(limit - len(found))))
    return found


_CLAIM_ORDER = (ClaimRow.date_start, ClaimRow.id)


def _own_and_spoken_ids(session: Session, actor_id: int, limit: int) -> tuple[list[int], list[int]]:
    """Ids of the actor's own claims, walking (speaker, date, id), and of those its
    officials made for it ("via Dmitry Peskov"), walking (speaks_for, date, id)."""
    actor = int_literal(actor_id)
    own = select(ClaimRow.id).where(ClaimRow.speaker_id == actor)
    spoken = select(ClaimRow.id).where(
        ClaimRow.speaks_for_id == actor, ClaimRow.speaker_id != actor
    )
    return (
        _ids_in_date_order(session, own, ClaimRow.article_id, _CLAIM_ORDER, limit),
        _ids_in_date_order(session, spoken, ClaimRow.article_id, _CLAIM_ORDER, limit),
    )


def _about_ids(session: Session, actor_id: int, limit: int) -> list[int]:
    """Ids of claims by others naming the actor: two walks of the (actor, date, claim,
    article) index of `claim_subjects`, which carries the claim's date and article."""
    actor = int_literal(actor_id)
    about = select(ClaimSubjectRow.claim_id).where(ClaimSubjectRow.actor_id == actor)
    order = (ClaimSubjectRow.date_start, ClaimSubjectRow.claim_id)
    return _ids_in_date_order(session, about, ClaimSubjectRow.article_id, order, limit)


def _merged_by(
    views: dict[int, ClaimView], own: list[int], spoken: list[int], limit: int
) -> list[ClaimView]:
    """The actor's claims and those made for it, by date (undated last)."""
    mine = [views[claim_id] for claim_id in own if claim_id in views]
    if not spoken:
        return mine
    merged = sorted(
        mine + [views[claim_id] for claim_id in spoken if claim_id in views],
        key=lambda c: (c.date is None, c.date.start if c.date else datetime.date.min),
    )
    return merged[:limit]


def _views_by_id(session: Session, ids: list[int]) -> dict[int, ClaimView]:
    """The claims of these ids by id, read in one query."""
    if not ids:
        return {}
    return dict(_claims_with_ids(session, _claims_by_id_query(session, list(dict.fromkeys(ids)))))


def claims_by(session: Session, actor_id: int, limit: int = 200) -> list[ClaimView]:
    """The actor's claims by date (undated last): its own and those its officials made for
    it, each `limit` at most."""
    own, spoken = _own_and_spoken_ids(session, actor_id, limit)
    return _merged_by(_views_by_id(session, own + spoken), own, spoken, limit)


def claims_by_and_about(
    session: Session, actor_id: int, limit: int = 200
) -> tuple[list[ClaimView], list[ClaimView]]:
    """`claims_by` and `claims_about` together, their claims read in one query (a claim
    can be in both: made for the actor and naming it)."""
    own, spoken = _own_and_spoken_ids(session, actor_id, limit)
    about = _about_ids(session, actor_id, limit)
    views = _views_by_id(session, own + spoken + about)
    return (
        _merged_by(views, own, spoken, limit),
        [views[claim_id] for claim_id in about if claim_id in views],
    )


def _bounded_count(session: Session, query: Select[Any], most: int) -> int:
    """Rows of `query`, counted up to `most + 1` (an index range stops there)."""
    return session.scalar(select(func.count()).select_from(query.limit(most + 1).subquery())) or 0


def count_claims_by(session: Session, actor_id: int, most: int) -> int:
    """The actor's claims, up to `most + 1`: more means "more than `most`". Ordered as the
    (speaker, date, id) index is, so that PostgreSQL walks it and stops (a bitmap scan
    would read every entry of the speaker first)."""
    query = (
        select(ClaimRow.id)
        .where(ClaimRow.speaker_id == actor_id)
        .order_by(ClaimRow.speaker_id, ClaimRow.date_start, ClaimRow.id)
    )
    spoken = (
        select(ClaimRow.id)
        .where(ClaimRow.speaks_for_id == actor_id, ClaimRow.speaker_id != actor_id)
        .order_by(ClaimRow.speaks_for_id, ClaimRow.date_start, ClaimRow.id)
    )
    own = _bounded_count(session, query, most)
    return own + _bounded_count(session, spoken, most - own) if own <= most else own


def count_claims_about(session: Session, actor_id: int, most: int) -> int:
    """Claims by others naming the actor, up to `most + 1`: a range of the (actor, date,
    claim, article) index alone (a claim's subjects never include its speaker)."""
    query = (
        select(ClaimSubjectRow.claim_id)
        .where(ClaimSubjectRow.actor_id == actor_id)
        .order_by(ClaimSubjectRow.actor_id, ClaimSubjectRow.date_start, ClaimSubjectRow.claim_id)
    )
    return _bounded_count(session, query, most)


def claims_about(session: Session, actor_id: int, limit: int = 200) -> list[ClaimView]:
    """Claims by others whose content names the actor, by date (undated last): a page costs
    a page however many claims name the actor. (A claim's subjects never include its
    speaker: they are all "by others".)"""
    return _claims_by_id(session, _about_ids(session, actor_id, limit))


# Fewer sentences than this match a topic: its rows are gathered from the index's hits and
# sorted; more: the newest rows are walked by date and checked against the hits.
WINDOW_FROM = 2000


def _windowed(
    session: Session,
    queries: tuple[Select[tuple[object, ...]], Select[tuple[object, ...]]],
    edge: Select[tuple[Any]],
    narrow: Callable[[Any], ColumnElement[bool]],
    limit: int,
    run: Callable[[Select[tuple[object, ...]]], list[T]],
) -> list[T]:
    """`limit` rows of `walk` (the first query, already ordered) without sorting every row
    that matches: only those `narrow(edge)` keeps — rows up to the (8 × limit)-th row of the
    order `edge` walks, a prefix of the answer's order, so `limit` rows there are the answer
    — then 8 and 64 times as many. When even that is short the rows are sparse, and `whole`
    (the second query, led by the index of hits) is run instead."""
    walk, whole = queries
    window = limit * 8
    for _ in range(3):
        boundary = session.scalar(edge.offset(window - 1).limit(1))
        if boundary is None:
            break
        rows = run(walk.where(narrow(boundary)).limit(limit))
        if len(rows) >= limit:
            return rows
        window *= 8
    return run(whole.limit(limit))


def _newest_first(
    session: Session,
    queries: tuple[Select[tuple[object, ...]], Select[tuple[object, ...]]],
    order: tuple[Any, Any],
    limit: int,
    run: Callable[[Select[tuple[object, ...]]], list[T]],
    narrow: Callable[[Any], ColumnElement[bool]],
    keys: Select[tuple[Any]],
    *,
    descending: bool = True,
) -> list[T]:
    """`run` over the rows of `queries` (walk, whole) by (date DESC NULLS LAST, key), or
    ASC NULLS LAST unless `descending`, limited: the dated rows first, then the undated ones
    by key, each found by `_windowed`. `narrow(date)` keeps the rows up to a date in that
    order; `keys` selects every row's key (joined to the date's table)."""
    walk, whole = queries
    date, key = order
    by_date = date.desc() if descending else date
    dated = _windowed(
        session,
        (
            walk.where(date.is_not(None)).order_by(by_date, key),
            whole.where(date.is_not(None)).order_by(by_date, key),
        ),
        select(date).where(date.is_not(None)).order_by(by_date),
        narrow,
        limit,
        run,
    )
    if len(dated) >= limit:
        return dated
    undated = _windowed(
        session,
        (walk.where(date.is_(None)).order_by(key), whole.where(date.is_(None)).order_by(key)),
        keys.where(date.is_(None)).order_by(key),
        partial(operator.le, key),
        limit - len(dated),
        run,
    )
    return dated + undated


def _topic(session: Session, words: tuple[str, ...]) -> tuple[ColumnElement[bool], bool]:
    """The word condition, and whether the words are common (then rows are walked by date
    and checked against the index's hits; rare words: the hits lead)."""
    dialect = session.get_bind().dialect.name
    if dialect != "sqlite":
        # PostgreSQL would recompute each walked sentence's tsvector (the index is on an
        # expression): the GIN index's hits lead for a rare word; a common word's rows are
        # walked, newest first, each checked cheaply first (`_guarded`). (Led by a common
        # word's hits, every hit is joined and sorted: 70 ms for the 8,000 sentences naming
        # the most covered actor at 10k articles, where the walk reads 1,500 figures' in
        # 12 ms.)
        if not _common_on_postgres(session, words):
            return sentence_match(dialect, words), False
        return sentence_match(dialect, words, drive=False), True
    common = count_matching(session, words, WINDOW_FROM) >= WINDOW_FROM
    return sentence_match(dialect, words, drive=not common), common


def _common_on_postgres(session: Session, words: tuple[str, ...]) -> bool:
    """Whether PostgreSQL's statistics put the words in WINDOW_FROM sentences or more."""
    sentences = estimated_sentences(session, searchable(words))
    return sentences is not None and sentences >= WINDOW_FROM


def claims_matching(session: Session, words: tuple[str, ...], limit: int = 300) -> list[ClaimView]:
    """Claims whose sentence contains every word (a topic such as "corridor" or "ceasefire"),
    newest first (undated last, then by id), of the story in scope: the page's ids from the
    claims' own full-text index, then those claims by id."""
    return _claims_by_id(session, newest_claims_matching(session, words, limit))


def latest_claims(session: Session, limit: int = 300) -> list[ClaimView]:
    """Newest dated claims first, then undated ones newest stored first: two backward walks
    of the date index (PostgreSQL's ascending index gives DESC NULLS FIRST, not LAST)."""
    story = current_story()
    if story is not None:
        return _claims_by_id(session, _story_latest_claim_ids(session, story, limit))
    dated = _claims(
        session,
        _claim_query()
        .where(ClaimRow.date_start.is_not(None))
        .order_by(ClaimRow.date_start.desc(), ClaimRow.id.desc())
        .limit(limit),
    )
    if len(dated) >= limit:
        return dated
    undated = (
        _claim_query()
        .where(ClaimRow.date_start.is_(None))
        .order_by(ClaimRow.id.desc())
        .limit(limit - len(dated))
    )
    return dated + _claims(session, undated)


def _story_latest_claim_ids(session: Session, story: int, limit: int) -> list[int]:
    """Ids of a story's newest claims, in `latest_claims`' order: the claims' date index
    walked backwards, each claim's article probed against the story, up to a date
    `story_walks.walk_bound` rows down; the story's own claims sorted when the story is small
    or the walk came short (`briefings.queries.story_walks`)."""
    bound = walk_bound(limit, *fact_counts(session, story, "claims"))
    member = story_member(ClaimRow.article_id)
    found: list[int] = []
    for dated in (True, False):
        wanted = limit - len(found)
        if wanted <= 0:
            break
        when = ClaimRow.date_start.is_not(None) if dated else ClaimRow.date_start.is_(None)
        order = (ClaimRow.date_start.desc(), ClaimRow.id.desc())
        walk = select(ClaimRow.id).where(when).order_by(*order)
        ids: list[int] | None = None
        if bound is not None:
            ids = _walked_ids(session, walk, member, bound, wanted, dated)
        if ids is None:
            story_ids = walk.where(ClaimRow.article_id.in_(story_articles(story)))
            ids = list(session.scalars(story_ids.limit(int_literal(wanted))))
        found += ids
    return found


def _walked_ids(
    session: Session,
    walk: Select[tuple[int]],
    member: Any,
    bound: int,
    wanted: int,
    dated: bool,
) -> list[int] | None:
    """The first `wanted` ids of a claims walk whose article is the story's, read no
    further than `bound` rows (to the date there, for dated claims; the id there, for
    undated ones: both read off the index alone); None when that came short."""
    edge = ClaimRow.date_start if dated else ClaimRow.id
    boundary = session.scalar(walk.with_only_columns(edge).offset(bound - 1).limit(1))
    kept = walk.where(member)
    if boundary is not None:
        kept = kept.where(edge >= boundary)
    ids = list(session.scalars(kept.limit(int_literal(wanted))))
    return None if len(ids) < wanted and boundary is not None else ids


def figure_units(session: Session) -> list[tuple[str, int]]:
    """Units with their number of figures, most used first (from the summary table)."""
    rows = session.execute(
        select(UnitStatsRow.unit, UnitStatsRow.figures)
        .where(UnitStatsRow.figures > 0)
        .order_by(UnitStatsRow.figures.desc(), UnitStatsRow.unit)
    )
    return [(unit, int(count)) for unit, count in rows]


def claims_in_outlet(session: Session, outlet: str, limit: int = 200) -> list[ClaimView]:
    query = _claim_query().where(or_(ArticleRow.outlet == outlet, ArticleRow.agency == outlet))
    return _claims(session, query.order_by(ClaimRow.id).limit(limit))


def figures(
    session: Session,
    unit: str | None = None,
    limit: int = 500,
    *,
    words: tuple[str, ...] = (),
    newest_first: bool = False,
    after: FigureView | None = None,
) -> list[FigureView]:
    """Figures by unit then the date they stand at (`as_of`; undated last), or those of the
    newest articles first (`newest_first`). In the first order, `after` continues a walk
    past the last figure an earlier call returned. (Of words: planned for them each time,
    `custom_plans`.)"""
    if words:
        with custom_plans(session):
            return _figures(session, unit, limit, words, newest_first, after)
    return _figures(session, unit, limit, words, newest_first, after)


def _figures(
    session: Session,
    unit: str | None,
    limit: int,
    words: tuple[str, ...],
    newest_first: bool,
    after: FigureView | None,
) -> list[FigureView]:
    query = _cited_figures()
    common, whole = True, query
    if words:
        match, common = _topic(session, words)
        whole = query.where(sentence_match(session.get_bind().dialect.name, words))
        query = query.where(match)
    if newest_first or words:
        if unit:
            query, whole = query.where(FigureRow.unit == unit), whole.where(FigureRow.unit == unit)
        # The full-text walk reads hits newest first until `limit` figures are found: in a
        # story's scope most hits are another story's, and it would read them all.
        in_story = current_story() is not None
        by_hits = not in_story and session.get_bind().dialect.name == "sqlite"
        if words and newest_first and common and by_hits:
            return _figures_newest_by_hits(session, words, unit, limit)
        if newest_first and common and in_story:
            return _story_figures_newest(session, unit, words, limit)
        if newest_first and common:
            order = (ArticleRow.published, FigureRow.id)
            views = partial(_figure_views, session)
            keys = select(FigureRow.id).join(ArticleRow, ArticleRow.id == FigureRow.article_id)
            queries = (query, whole)
            return _newest_first(session, queries, order, limit, views, _articles_since, keys)
        query = whole
        if newest_first:
            newest = (ArticleRow.published.desc().nulls_last(), FigureRow.id)
            return _figure_views(session, query.order_by(*newest).limit(limit))
        by_unit = (FigureRow.unit, FigureRow.as_of.nulls_last(), FigureRow.id)
        return _figure_views(session, query.order_by(*by_unit).limit(limit))
    # By unit then date: one unit at a time, each two walks of (unit, date, id).
    units = [unit] if unit else [name for name, _ in sorted(figure_units(session))]
    if after is not None:
        units = [name for name in units if name >= after.unit]
    found: list[FigureView] = []
    for name in units:
        in_unit = query.where(FigureRow.unit == name)
        if after is not None and name == after.unit:
            parts = _figures_past(in_unit, after, limit)
        else:
            parts = list(_dated_first(in_unit, FigureRow.as_of, FigureRow.id, limit))
        for part in parts:
            if len(found) < limit:
                found += _figure_views(session, part.limit(limit - len(found)))
        if len(found) >= limit:
            break
    return found


# A story's newest articles read first for its newest figures: enough for a page of figures
# when each has a few, then eight times as many, and so on.
STORY_WINDOW = 16


def _growth(found: int, limit: int) -> int:
    """How many times larger the next window is: about twice what the last one's yield says
    `limit` needs, at most 16 times (each window costs a full-text lookup of its days: two
    reads of the right size cost less than three growing by eight); 8 when it yielded
    nothing to go by."""
    return 8 if found == 0 else min(16, max(2, math.ceil(2 * limit / found)))


def _story_figures_newest(
    session: Session, unit: str | None, words: tuple[str, ...], limit: int
) -> list[FigureView]:
    """A story's figures (of a unit, of common words, or all), newest article first: the
    figures of the story's newest articles, a window of them read off (story, published,
    article), sorted and cut, the window growing until it holds `limit` (every figure of a
    window is at least as new as any outside it, so `limit` there are the answer); the whole
    story when it holds fewer. (Sorting every figure of a story: 90 ms at 5,000 articles.)
    The window alone keeps to the story: with the story's condition as well, SQLite reads
    the figures of every article of the story and checks the window. The words are looked
    up among the window's days only (`sentence_match`'s `since`)."""
    story = current_story()
    assert story is not None
    dialect = session.get_bind().dialect.name

    def matching(since: datetime.date | None) -> list[ColumnElement[bool]]:
        found = [FigureRow.unit == unit] if unit else []
        if words:
            found.append(sentence_match(dialect, words, drive=False, since=since))
        return found

    members = StoryArticleRow.story_id == int_literal(story)
    dates = (
        select(StoryArticleRow.published)
        .where(members, StoryArticleRow.published.is_not(None))
        .order_by(StoryArticleRow.published.desc())
    )
    newest = (ArticleRow.published.desc().nulls_last(), FigureRow.id)
    window = STORY_WINDOW
    while True:
        boundary = session.scalar(dates.offset(window - 1).limit(1))
        if boundary is None:
            break  # fewer dated articles than the window: the whole story
        since = select(StoryArticleRow.article_id).where(
            members, StoryArticleRow.published >= date_literal(boundary)
        )
        query = _cited_figures(scoped=False).where(
            FigureRow.article_id.in_(since), *matching(boundary)
        )
        found = _figure_views(session, query.order_by(*newest).limit(limit))
        if len(found) >= limit:
            return found
        window *= _growth(len(found), limit)
    whole = _cited_figures().where(*matching(None))
    return _figure_views(session, whole.order_by(*newest).limit(limit))


def _figures_past(
    in_unit: Select[tuple[object, ...]], after: FigureView, limit: int
) -> list[Select[tuple[object, ...]]]:
    """The rest of one unit's walk past `after`: its later dated figures then the undated,
    or only the undated ones past it."""
    undated = in_unit.where(FigureRow.as_of.is_(None))
    if after.as_of is None:
        return [undated.where(FigureRow.id > after.id).order_by(FigureRow.id).limit(limit)]
    later = or_(
        FigureRow.as_of > after.as_of,
        and_(FigureRow.as_of == after.as_of, FigureRow.id > after.id),
    )
    dated = in_unit.where(FigureRow.as_of.is_not(None), later)
    return [
        dated.order_by(FigureRow.as_of, FigureRow.id).limit(limit),
        undated.order_by(FigureRow.id).limit(limit),
    ]


def _figures_newest_by_hits(
    session: Session, words: tuple[str, ...], unit: str | None, limit: int
) -> list[FigureView]:
    """SQLite, a common word: figures of the matching sentences newest article first, read
    off the full-text index's own order and stopped once a day older than the `limit`-th
    figure's has been reached (figures within a day are then put in id order)."""
    base = _cited_figures().where(FigureRow.unit == unit if unit else true())
    rowid: ColumnElement[int] = literal_column("sentences.rowid")
    found: list[tuple[tuple[bool, int, int], FigureView]] = []
    for oldest_day, rowids in sqlite_hits_newest_first(session, words):
        for view in _figure_views(session, base.where(rowid.in_(rowids))):
            published = view.published
            day = published.toordinal() if published else 0
            found.append(((published is None, -day, view.id), view))
        found.sort(key=operator.itemgetter(0))
        if len(found) >= limit:
            last = found[limit - 1][0]
            if not last[0] and oldest_day < -last[1]:
                break  # every sentence of the limit-th figure's day and newer is read
    return [view for _, view in found[:limit]]


def _articles_since(boundary: Any) -> ColumnElement[bool]:
    """Figures of the articles published on or after a date (by the articles' index)."""
    since = date_literal(boundary)  # the planner sees how few articles it keeps
    return FigureRow.article_id.in_(select(ArticleRow.id).where(ArticleRow.published >= since))


def figures_in_articles(session: Session, article_ids: list[str]) -> list[FigureView]:
    """Every figure of the given articles, in stored order."""
    query = _cited_figures().where(FigureRow.article_id.in_(article_ids))
    return _figure_views(session, query.order_by(FigureRow.id))


# A figure's columns, then its outlet, sentence (text and caption flag), source's name and
# article's date: columns rather than ORM objects, since a /figures page reads hundreds of
# figures to group them into matters and needs no identity map (a third of the read's time).
_FIGURE_COLUMNS = tuple(FigureRow.__table__.columns)
_CITED_FROM = len(_FIGURE_COLUMNS)


_FigureColumns = namedtuple("_FigureColumns", [column.key for column in _FIGURE_COLUMNS])  # type: ignore[misc]


def _cited_figures(*, scoped: bool = True) -> Select[tuple[object, ...]]:
    """`cited` figures with their source's name and article's date, read as columns."""
    source = aliased(ActorRow)
    return (
        cited(FigureRow, source.name, ArticleRow.published, scoped=scoped)
        .outerjoin(source, source.id == FigureRow.source_id)
        .with_only_columns(
            *_FIGURE_COLUMNS,
            ArticleRow.outlet,
            SentenceRow.text,
            SentenceRow.caption,
            source.name,
            ArticleRow.published,
            maintain_column_froms=True,
        )
    )


def _figure_views(session: Session, query: Select[tuple[object, ...]]) -> list[FigureView]:
    """The views of `_cited_figures` rows."""
    return [
        _figure_view(_FigureColumns(*row[:_CITED_FROM]), *row[_CITED_FROM:])
        for row in session.execute(query)
    ]


def _figure_view(
    figure: Any,
    outlet: str | None,
    sentence: str,
    caption: bool,
    source_name: str | None,
    published: datetime.date | None,
) -> FigureView:
    return FigureView(
        id=figure.id,
        source_text=figure.source_text,
        part=bool(figure.part),
        revises_id=figure.revises_id,
        places=figure.places,
        setting=figure.setting,
        published=published,
        as_of=figure.as_of,
        value=figure.value,
        value_high=figure.value_high,
        qualifier=figure.qualifier,
        unit=figure.unit,
        text=figure.text,
        source=source_name,
        date=fact_time(figure),
        citation=citation(figure, outlet, sentence, caption),
    )
