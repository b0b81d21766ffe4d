"""Database tables (SQLAlchemy 2 declarative). Changes here go with an Alembic migration.

Facts are stored normalised — one row per fact, actors by id — so that every query in
`briefings.queries` is an indexed lookup rather than a scan of article text.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    outlet: Mapped[str | None] = mapped_column(String(200), index=True)
    outlet_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    agency: Mapped[str | None] = mapped_column(String(200), index=True)
    title: Mapped[str | None] = mapped_column(String(500))
    author: Mapped[str | None] = mapped_column(String(300))
    published: Mapped[date | None] = mapped_column(Date, index=True)
    published_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    url: Mapped[str | None] = mapped_column(String(2000), unique=True)
    source: Mapped[str | None] = mapped_column(String(2000))
    text: Mapped[str] = mapped_column(Text)
    word_count: Mapped[int] = mapped_column(Integer)
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class SentenceRow(Base):
    __tablename__ = "sentences"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    idx: Mapped[int] = mapped_column(Integer, primary_key=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    caption: Mapped[bool] = mapped_column(Boolean, default=False)


class ActorRow(Base):
    """Actors seen in stored articles: registry actors and unknown ones found in the text."""

    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    affiliation: Mapped[str | None] = mapped_column(String(300))
    role: Mapped[str | None] = mapped_column(String(300))


class ArticleActorRow(Base):
    __tablename__ = "article_actors"

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)
    mentions: Mapped[int] = mapped_column(Integer, default=1)


class _DatedFact:
    """Columns shared by every fact: its citation and an optional date (EDTF + interval)."""

    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    sentence_idx: Mapped[int] = mapped_column(Integer)
    span_start: Mapped[int] = mapped_column(Integer)
    span_end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    date_edtf: Mapped[str | None] = mapped_column(String(40))
    date_precision: Mapped[str | None] = mapped_column(String(10))
    date_start: Mapped[date | None] = mapped_column(Date, index=True)
    date_end: Mapped[date | None] = mapped_column(Date)
    date_inferred: Mapped[bool] = mapped_column(Boolean, default=False)


class EntryRow(Base):
    """A timeline entry: the events (across outlets) that report one happening, merged when
    they are stored (`briefings.store.entries`) so that reading a page costs a page."""

    __tablename__ = "timeline_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    date_edtf: Mapped[str] = mapped_column(String(40))
    date_precision: Mapped[str] = mapped_column(String(10))
    date_start: Mapped[date] = mapped_column(Date)
    date_end: Mapped[date] = mapped_column(Date)
    date_inferred: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)  # the summary: the shortest body sentence
    text_event_id: Mapped[int] = mapped_column(Integer)  # the event whose sentence it is
    text_caption: Mapped[bool] = mapped_column(Boolean, default=False)
    events: Mapped[int] = mapped_column(Integer)


class EntryActorRow(Base):
    """Actors of an entry, with the entry's dates copied so an actor's timeline is one index
    range in date order."""

    __tablename__ = "entry_actors"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_entries.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    events: Mapped[int] = mapped_column(Integer)  # member events naming the actor
    best_event: Mapped[int] = mapped_column(Integer)  # its best-reading member naming it
    best_rank: Mapped[int] = mapped_column(Integer)
    date_start: Mapped[date] = mapped_column(Date)
    date_end: Mapped[date] = mapped_column(Date)


class EntrySourceRow(Base):
    """Outlets and wire agencies behind an entry. `cited` counts members whose article the
    outlet published (the outlets shown); `events` those it published or supplied as the
    agency (what source: filters match); `sole` when every member is this outlet's."""

    __tablename__ = "entry_sources"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_entries.id", ondelete="CASCADE"), primary_key=True
    )
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    events: Mapped[int] = mapped_column(Integer)
    cited: Mapped[int] = mapped_column(Integer)
    sole: Mapped[bool] = mapped_column(Boolean)
    first_event: Mapped[int] = mapped_column(Integer)  # its first report (a citation sample)
    best_event: Mapped[int] = mapped_column(Integer)  # its best-reading report
    best_rank: Mapped[int] = mapped_column(Integer)
    date_start: Mapped[date] = mapped_column(Date)
    date_end: Mapped[date] = mapped_column(Date)


class EntryKeyRow(Base):
    """What a newly stored event must match to join an entry: (date, family, actor) for each
    member's actor, or (date, "=kind", 0) for members without actors (see `merge`)."""

    __tablename__ = "entry_keys"

    date_edtf: Mapped[str] = mapped_column(String(40), primary_key=True)
    family: Mapped[str] = mapped_column(String(41), primary_key=True)
    actor_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[int] = mapped_column(
        ForeignKey("timeline_entries.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class EventRow(_DatedFact, Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    date_text: Mapped[str | None] = mapped_column(String(200))
    unresolved: Mapped[bool] = mapped_column(Boolean, default=False)
    caption: Mapped[bool] = mapped_column(Boolean, default=False)
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("timeline_entries.id"), default=None)


class EventActorRow(Base):
    """Actors of an event, with the event's article copied (revision 0011) so that an actor's
    events in a story are one index range per story article ("who else" in a story)."""

    __tablename__ = "event_actors"

    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)
    article_id: Mapped[str | None] = mapped_column(String(32))


class ClaimRow(_DatedFact, Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # indexed with the id and the article (`ix_claims_date_order`, revision 0014)
    date_start: Mapped[date | None] = mapped_column(Date)
    speaker_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), index=True)
    speaker_text: Mapped[str] = mapped_column(String(500))
    stance: Mapped[str] = mapped_column(String(30))
    # how it was attributed (revision 0007): the cue as written and its article offsets, the
    # role the speaker was named with, the state or body an official speaks for, and the
    # claim as a card line reads it ("Pashinyan criticized Russia for failing to …")
    cue: Mapped[str | None] = mapped_column(String(200))
    cue_start: Mapped[int | None] = mapped_column(Integer)
    cue_end: Mapped[int | None] = mapped_column(Integer)
    speaker_role: Mapped[str | None] = mapped_column(String(300))
    speaks_for_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"))
    line: Mapped[str | None] = mapped_column(Text)


class ClaimSubjectRow(Base):
    """Actors a claim speaks about (mentioned in its content): 'what others said about X'.
    Never the claim's own speaker (the writer leaves it out). The claim's date and article
    are copied here (revision 0011) so that an actor's claims-about are one index range in
    date order, kept to a story without reading `claims`, as `entry_actors` does for
    timelines."""

    __tablename__ = "claim_subjects"

    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True, index=True)
    date_start: Mapped[date | None] = mapped_column(Date)
    article_id: Mapped[str | None] = mapped_column(String(32))


class FigureRow(_DatedFact, Base):
    """A figure. `as_of` (the end of its date, else its article's publication date),
    `places` and `setting` ("specific;…|state;…", see `briefings.extract.figures.places`) and
    `revises_id` (a figure of the same article) feed the matter rule of
    `briefings.figure_groups`; figures are read in (unit, as_of) order so that a matter is
    complete once the reading has moved a window past it."""

    __tablename__ = "figures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    value: Mapped[float] = mapped_column(Float)
    value_high: Mapped[float | None] = mapped_column(Float)
    qualifier: Mapped[str | None] = mapped_column(String(60))
    unit: Mapped[str] = mapped_column(String(60), index=True)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id"), index=True)
    source_text: Mapped[str | None] = mapped_column(String(300))
    part: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    revises_id: Mapped[int | None] = mapped_column(Integer)
    places: Mapped[str | None] = mapped_column(String(400))
    setting: Mapped[str | None] = mapped_column(String(300))
    as_of: Mapped[date | None] = mapped_column(Date)


Index("ix_events_date_kind", EventRow.date_start, EventRow.kind)
# An entry's kinds (covered), its latest statements (a backward range), and whether one of
# its reports is a story's article (covered: the check of a story's timeline, revision 0012).
Index("ix_events_entry_kind", EventRow.entry_id, EventRow.kind, EventRow.id, EventRow.article_id)
# An actor's events in one article (a story's): the actors it appears with there.
Index(
    "ix_event_actors_article",
    EventActorRow.actor_id,
    EventActorRow.article_id,
    EventActorRow.event_id,
)
# Timeline pages in date order: the whole story, by kind, by actor, by outlet, exclusives.
Index("ix_entries_order", EntryRow.date_start, EntryRow.date_end, EntryRow.id)
Index("ix_entries_kind_order", EntryRow.kind, EntryRow.date_start, EntryRow.date_end, EntryRow.id)
Index(
    "ix_entry_actors_order",
    EntryActorRow.actor_id,
    EntryActorRow.date_start,
    EntryActorRow.date_end,
    EntryActorRow.entry_id,
)
Index(
    "ix_entry_sources_order",
    EntrySourceRow.name,
    EntrySourceRow.date_start,
    EntrySourceRow.date_end,
    EntrySourceRow.entry_id,
)
Index(
    "ix_entry_sources_sole_order",
    EntrySourceRow.name,
    EntrySourceRow.sole,
    EntrySourceRow.date_start,
    EntrySourceRow.date_end,
    EntrySourceRow.entry_id,
)

# A speaker's claims and a unit's figures in date order, read in index order; the claim's
# article last (revision 0011), so that a story's are kept without reading the table.
Index(
    "ix_claims_speaker_date",
    ClaimRow.speaker_id,
    ClaimRow.date_start,
    ClaimRow.id,
    ClaimRow.article_id,
)
# statements an official made for a state or body: /actor <state>, "What it said"
Index(
    "ix_claims_speaks_for_date",
    ClaimRow.speaks_for_id,
    ClaimRow.date_start,
    ClaimRow.id,
    ClaimRow.article_id,
)
# what others said about an actor, in date order (/actor, /claims <actor>)
Index(
    "ix_claim_subjects_order",
    ClaimSubjectRow.actor_id,
    ClaimSubjectRow.date_start,
    ClaimSubjectRow.claim_id,
    ClaimSubjectRow.article_id,
)
# The newest claims (/claims), and a story's among them read off the index alone: the
# article closes it (revision 0014), so that each is checked against the story without
# reading the claim.
Index("ix_claims_date_order", ClaimRow.date_start, ClaimRow.id, ClaimRow.article_id)
Index("ix_figures_unit_date", FigureRow.unit, FigureRow.date_start, FigureRow.id)
Index("ix_figures_unit_as_of", FigureRow.unit, FigureRow.as_of, FigureRow.id)
# The claims and figures of one sentence (a full-text hit) without reading the article's others.
Index("ix_claims_sentence", ClaimRow.article_id, ClaimRow.sentence_idx)
Index("ix_figures_sentence", FigureRow.article_id, FigureRow.sentence_idx)
# An outlet's (or agency's) newest articles, read in index order (/source).
Index("ix_articles_outlet_published", ArticleRow.outlet, ArticleRow.published.desc(), ArticleRow.id)
Index("ix_articles_agency_published", ArticleRow.agency, ArticleRow.published.desc(), ArticleRow.id)


# Summaries: small tables kept current by briefings.store.summaries as each article is stored,
# so that profile and overview answers read a few rows instead of aggregating the corpus.
# Articles without an outlet are kept under NO_OUTLET (keys cannot be NULL).
NO_OUTLET = ""


class OutletStatsRow(Base):
    """Per outlet: its articles, their facts and its newest publication date."""

    __tablename__ = "outlet_stats"

    outlet: Mapped[str] = mapped_column(String(200), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    claims: Mapped[int] = mapped_column(Integer, default=0)
    figures: Mapped[int] = mapped_column(Integer, default=0)
    latest_published: Mapped[date | None] = mapped_column(Date)


class ActorOutletRow(Base):
    """Per actor and outlet: the articles of that outlet mentioning the actor."""

    __tablename__ = "actor_outlets"

    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    outlet: Mapped[str] = mapped_column(String(200), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)


class ActorPairRow(Base):
    """Per ordered pair of actors: the events they share (both directions are stored)."""

    __tablename__ = "actor_pairs"

    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    events: Mapped[int] = mapped_column(Integer, default=0)


class ActorStatsRow(Base):
    """Per actor: the articles mentioning it and its mentions in them."""

    __tablename__ = "actor_stats"

    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"), primary_key=True)
    articles: Mapped[int] = mapped_column(Integer, default=0)
    mentions: Mapped[int] = mapped_column(Integer, default=0, index=True)


class UnitStatsRow(Base):
    """Per figure unit: how many figures use it."""

    __tablename__ = "unit_stats"

    unit: Mapped[str] = mapped_column(String(60), primary_key=True)
    figures: Mapped[int] = mapped_column(Integer, default=0)
