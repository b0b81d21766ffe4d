"""The core's vocabulary: articles, the facts drawn from them, and their citations.

Every model is a pydantic v2 model so that the CLI, the store and the adapters share one
validated, JSON-serialisable shape. Nothing here knows about a platform or a database.
"""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Precision(StrEnum):
    """How finely a `TimePoint` is known (cf. ACLED's time_precision, EDTF)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    DECADE = "decade"


class TimePoint(BaseModel):
    """A date written as EDTF with its precision, plus the calendar interval it covers.

    `edtf` is what users and JSON see (`2023-09-19`, `2023-09`, `2023`, `199X`, or a range
    `2023-09-19/2023-09-20`); `start`/`end` make sorting and filtering exact at any precision.
    """

    model_config = ConfigDict(frozen=True)

    edtf: str
    precision: Precision
    start: date
    end: date
    inferred: bool = False

    @classmethod
    def day(cls, value: date, *, inferred: bool = False) -> TimePoint:
        return cls(
            edtf=value.isoformat(),
            precision=Precision.DAY,
            start=value,
            end=value,
            inferred=inferred,
        )

    @classmethod
    def month(cls, year: int, month: int, *, inferred: bool = False) -> TimePoint:
        last = calendar.monthrange(year, month)[1]
        return cls(
            edtf=f"{year:04d}-{month:02d}",
            precision=Precision.MONTH,
            start=date(year, month, 1),
            end=date(year, month, last),
            inferred=inferred,
        )

    @classmethod
    def year(cls, year: int, *, inferred: bool = False) -> TimePoint:
        return cls(
            edtf=f"{year:04d}",
            precision=Precision.YEAR,
            start=date(year, 1, 1),
            end=date(year, 12, 31),
            inferred=inferred,
        )

    @classmethod
    def decade(cls, first_year: int, *, inferred: bool = False) -> TimePoint:
        first = first_year - first_year % 10
        return cls(
            edtf=f"{first // 10:03d}X",
            precision=Precision.DECADE,
            start=date(first, 1, 1),
            end=date(first + 9, 12, 31),
            inferred=inferred,
        )

    @classmethod
    def since(cls, first: TimePoint, until: date) -> TimePoint:
        """From a date to another ("killed since Tuesday", written on Thursday): EDTF
        `2024-02-29/2024-03-12`, or `2022-12/2023-01-10` from a month."""
        return cls(
            edtf=f"{first.edtf}/{until.isoformat()}",
            precision=first.precision,
            start=first.start,
            end=until,
            inferred=first.inferred,
        )

    @classmethod
    def span(cls, first: TimePoint, last: TimePoint) -> TimePoint:
        """From one point to a later one ("between 2018 and 2022", "in the 1920s and
        1930s"): EDTF `2018/2022`, `192X/193X`, at the first one's precision."""
        return cls(
            edtf=f"{first.edtf}/{last.edtf}",
            precision=first.precision,
            start=first.start,
            end=last.end,
            inferred=first.inferred or last.inferred,
        )

    @classmethod
    def day_range(cls, first: date, last: date, *, inferred: bool = False) -> TimePoint:
        return cls(
            edtf=f"{first.isoformat()}/{last.isoformat()}",
            precision=Precision.DAY,
            start=first,
            end=last,
            inferred=inferred,
        )


HEADLINE_INDEX = -1  # the sentence index of facts read in an article's headline


class Sentence(BaseModel):
    """One sentence of an article's cleaned text; offsets index `Article.text`."""

    index: int
    text: str
    start: int
    end: int
    caption: bool = False


class Article(BaseModel):
    """A cleaned article: body and captions apart, split into sentences, fingerprinted."""

    id: str = Field(description="content fingerprint (hex); the same text always gets the same id")
    outlet: str | None = None
    outlet_inferred: bool = False
    agency: str | None = Field(
        default=None, description="wire service the outlet carried (AP, Reuters)"
    )
    title: str | None = None
    author: str | None = None
    published: date | None = None
    published_inferred: bool = False
    published_note: str | None = Field(
        default=None, description="how an inferred date is uncertain (a guessed day/month order)"
    )
    url: str | None = None
    source: str | None = Field(default=None, description="file path or URL it was read from")
    text: str
    sentences: list[Sentence]

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def outlet_label(self) -> str:
        return self.outlet or "Unattributed"


class ActorKind(StrEnum):
    STATE = "state"
    PERSON = "person"
    ORGANISATION = "organisation"
    ARMED_GROUP = "armed_group"
    TERRITORY = "territory"
    UNKNOWN = "unknown"


class Actor(BaseModel):
    """A canonical actor. `affiliation` names another actor (Pashinyan → Armenia)."""

    model_config = ConfigDict(frozen=True)

    name: str
    kind: ActorKind
    affiliation: str | None = None
    role: str | None = None
    aliases: tuple[str, ...] = ()


class Citation(BaseModel):
    """Where a fact was read: article, sentence, and character span in `Article.text`.

    `title`, `published` and `url` name the article for a reader (a footnote, a link); the
    extractors leave them empty and the queries fill them from the stored article
    (`briefings.queries.sources`)."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    outlet: str
    sentence_index: int
    start: int
    end: int
    sentence: str
    caption: bool = False
    title: str | None = None
    published: date | None = None
    url: str | None = Field(default=None, description="the article's http(s) address, if known")

    @property
    def headline(self) -> bool:
        """Read in the article's headline: `start`/`end` index the headline, not the text."""
        return self.sentence_index == HEADLINE_INDEX


class Stance(StrEnum):
    """The speech act of a claim's verb (CAMEO-inspired)."""

    ASSERTS = "asserts"
    DENIES = "denies"
    WARNS = "warns"
    DEMANDS = "demands"
    ACCUSES = "accuses"
    ANNOUNCES = "announces"
    PLEDGES = "pledges"
    SUPPORTS = "supports"
    CRITICISES = "criticises"
    CONCERN = "expresses_concern"


class Event(BaseModel):
    """A dated happening. `date` is None when the text gives no date or it cannot be resolved."""

    kind: str
    date: TimePoint | None = None
    date_text: str | None = Field(default=None, description="the expression the date came from")
    unresolved: bool = Field(
        default=False, description="a relative date with nothing to resolve it against"
    )
    actors: list[str] = Field(default_factory=list)
    text: str
    citation: Citation
    caption: bool = False


class Claim(BaseModel):
    """Who said what, with the stance of the reporting verb."""

    speaker: str
    speaker_text: str = Field(
        description="the speaker as written (e.g. 'Armenia's Foreign Ministry')"
    )
    stance: Stance
    text: str = Field(description="what is reported (the content), as written")
    subjects: list[str] = Field(
        default_factory=list, description="actors the claim speaks about (named in its content)"
    )
    date: TimePoint | None = None
    citation: Citation = Field(
        description="the cue's sentence; `start`/`end` span the content in `Article.text`"
    )
    cue: str | None = Field(
        default=None, description="the reporting verb or phrase as written ('said', 'according to')"
    )
    cue_start: int | None = Field(default=None, description="the cue's offset in `Article.text`")
    cue_end: int | None = None
    speaker_role: str | None = Field(
        default=None, description="the role the speaker was named with ('Kremlin spokesman')"
    )
    speaks_for: str | None = Field(
        default=None,
        description="the state or body an official speaks for (Dmitry Peskov → Russia)",
    )
    line: str | None = Field(
        default=None,
        description="the claim as a card line reads it ('Pashinyan criticized Russia for …')",
    )


class Figure(BaseModel):
    """A number that matters, with its qualifier, unit and who gives it."""

    value: float
    value_high: float | None = Field(default=None, description="upper bound for ranges")
    qualifier: str | None = None
    unit: str
    text: str
    source: str | None = Field(
        default=None, description="actor who gives the figure; None = the outlet"
    )
    source_text: str | None = Field(default=None, description="the source as written")
    date: TimePoint | None = None
    part: bool = Field(
        default=False, description="part of a count given with it ('including four …')"
    )
    revises: int | None = Field(
        default=None, description="index (in the article's figures) of the count it updates"
    )
    places: str | None = Field(
        default=None, description="places its sentence names: 'specific;…|state;…'"
    )
    setting: str | None = Field(
        default=None, description="the article's main places, in the same form"
    )
    citation: Citation


class TemporalExpression(BaseModel):
    """A temporal expression, TimeML TIMEX3 style; offsets index `Article.text`."""

    text: str
    start: int
    end: int
    type: str = Field(description="DATE, TIME, DURATION or SET")
    value: str = Field(description="TIMEX3 value: 2023-09-19, 2023-W38, P3D, PRESENT_REF …")
    sentence_index: int | None = None


class Extraction(BaseModel):
    """Everything drawn from one article."""

    article: Article
    actors: list[Actor]
    events: list[Event]
    claims: list[Claim]
    figures: list[Figure]
    mention_counts: dict[str, int] = Field(
        default_factory=dict, description="how often each actor (by name) is mentioned"
    )
    timexes: list[TemporalExpression] = Field(default_factory=list)
