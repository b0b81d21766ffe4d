"""What the time layer produces: TIMEX3 expressions with their calendar extent."""

from __future__ import annotations

from dataclasses import dataclass

from briefings.models import TimePoint


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match before anchoring: span, type and the value template filled in."""

    start: int
    end: int
    type: str
    value: str  # absolute, or unresolved ("weekday(5)", "shift(Y,-1)", "XXXX-03-12")
    rule: str


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression, TimeML TIMEX3 style.

    `value` is the TIMEX3 value (`2023-09-19`, `2023-W38`, `P3D`, `PRESENT_REF` …); `point`
    is the calendar interval a DATE or TIME covers (None for durations, sets, references to
    the present or past, and values that could not be anchored)."""

    start: int  # offsets into the sentence text
    end: int
    text: str
    type: str
    value: str
    point: TimePoint | None
    rule: str
    future: bool = False  # the clause speaks of a plan or deadline
    anaphoric: bool = False  # counted from an earlier date of the text ("the following day")

    @property
    def is_date(self) -> bool:
        """A calendar date that can place a happening."""
        return self.type in {"DATE", "TIME"} and self.point is not None
