"""Event detection: trigger phrases from `data/event_kinds.yaml`, dated by the nearest time mention.

One combined regular expression finds every trigger of every kind in a single pass, so the
cost does not grow with the vocabulary. Dates attach to triggers, not to sentences: each time
mention goes to its nearest trigger, so "after two days of clashes, a cease-fire held Thursday"
dates the ceasefire, not the clashes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from briefings.extract.timex import TimeMention


@dataclass(frozen=True)
class EventKind:
    name: str
    family: str
    description: str


@dataclass(frozen=True)
class Trigger:
    kind: EventKind
    start: int
    end: int


@dataclass(frozen=True)
class EventMatch:
    kind: EventKind
    trigger: Trigger
    time: TimeMention | None


class EventVocabulary:
    """The event kinds and one compiled pattern that finds all their triggers."""

    def __init__(self, kinds: dict[str, EventKind], pattern: re.Pattern[str]) -> None:
        self.kinds = kinds
        self._pattern = pattern

    @classmethod
    def from_yaml(cls, text: str) -> EventVocabulary:
        data = yaml.safe_load(text)["kinds"]
        kinds: dict[str, EventKind] = {}
        alternatives: list[str] = []
        for name, spec in data.items():
            kinds[name] = EventKind(name, spec["family"], spec.get("description", ""))
            joined = "|".join(f"(?:{trigger})" for trigger in spec["triggers"])
            alternatives.append(f"(?P<{name}>{joined})")
        pattern = re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.IGNORECASE)
        return cls(kinds, pattern)

    def triggers(self, sentence: str) -> list[Trigger]:
        found: list[Trigger] = []
        for match in self._pattern.finditer(sentence):
            name = match.lastgroup
            if name is not None:
                found.append(Trigger(self.kinds[name], match.start(), match.end()))
        return found

    def family(self, kind: str) -> str:
        known = self.kinds.get(kind)
        return known.family if known else kind


@cache
def default_vocabulary() -> EventVocabulary:
    text = resources.files("briefings.data").joinpath("event_kinds.yaml").read_text("utf-8")
    return EventVocabulary.from_yaml(text)


def _distance(trigger: Trigger, time: TimeMention) -> int:
    if time.start >= trigger.end:
        return time.start - trigger.end
    if trigger.start >= time.end:
        # A date before its trigger ("On Tuesday, X launched…") counts a little further away.
        return (trigger.start - time.end) + 8
    return 0


REPORTING_FAMILY = "statement"
_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:but|while|whereas)\b")


def _hand_over_announced_dates(
    sentence: str, triggers: list[Trigger], owner: dict[str, TimeMention]
) -> None:
    """ "On Sept. 19 the ministry announced the launch of an operation": the operation is dated
    too. A reporting trigger's date passes to an undated trigger later in the same clause."""
    for reporter in triggers:
        time = owner.get(reporter.kind.name)
        if reporter.kind.family != REPORTING_FAMILY or time is None:
            continue
        for trigger in triggers:
            if trigger.start <= reporter.start or trigger.kind.name in owner:
                continue
            if trigger.kind.family == REPORTING_FAMILY:
                continue
            if not _CLAUSE_BREAK.search(sentence, reporter.end, trigger.start):
                owner[trigger.kind.name] = time


def find_events(
    sentence: str, times: list[TimeMention], vocabulary: EventVocabulary | None = None
) -> list[EventMatch]:
    """Events in one sentence, at most one per kind, each with the time mention it owns."""
    vocabulary = vocabulary or default_vocabulary()
    first_of_kind: dict[str, Trigger] = {}
    for trigger in vocabulary.triggers(sentence):
        first_of_kind.setdefault(trigger.kind.name, trigger)
    triggers = list(first_of_kind.values())
    if not triggers:
        return []
    owner: dict[str, TimeMention] = {}
    for time in times:
        nearest = min(triggers, key=lambda trigger: _distance(trigger, time))
        owner.setdefault(nearest.kind.name, time)
    _hand_over_announced_dates(sentence, triggers, owner)
    return [EventMatch(trigger.kind, trigger, owner.get(trigger.kind.name)) for trigger in triggers]
