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
HAND_OVER_GAP = 40  # "announced the launch of …": the announced happening follows closely


def _hand_over_announced_dates(
    sentence: str, triggers: list[Trigger], owner: dict[Trigger, TimeMention]
) -> None:
    """ "On Sept. 19 the ministry announced the launch of an operation": the operation is dated
    too. A reporting trigger's date passes to an undated trigger that closely follows it in
    the same clause."""
    for reporter in triggers:
        time = owner.get(reporter)
        if reporter.kind.family != REPORTING_FAMILY or time is None:
            continue
        for trigger in triggers:
            if trigger in owner or trigger.kind.family == REPORTING_FAMILY:
                continue
            gap = trigger.start - reporter.end
            if 0 <= gap <= HAND_OVER_GAP and not _CLAUSE_BREAK.search(
                sentence, reporter.end, trigger.start
            ):
                owner[trigger] = time


def statement_trigger(start: int, end: int, vocabulary: EventVocabulary | None = None) -> Trigger:
    """A reporting verb found by the claim finder, used as a `statement` trigger."""
    vocabulary = vocabulary or default_vocabulary()
    return Trigger(vocabulary.kinds["statement"], start, end)


def find_events(
    sentence: str,
    times: list[TimeMention],
    vocabulary: EventVocabulary | None = None,
    extra_triggers: list[Trigger] | None = None,
) -> list[EventMatch]:
    """Events in one sentence. Each time mention dates its nearest trigger, so one sentence
    can hold two events of a kind on two dates; an undated kind is reported once."""
    vocabulary = vocabulary or default_vocabulary()
    triggers = vocabulary.triggers(sentence)
    for extra in extra_triggers or []:
        if not any(t.start < extra.end and extra.start < t.end for t in triggers):
            triggers.append(extra)
    triggers.sort(key=lambda t: t.start)
    if not triggers:
        return []
    owner: dict[Trigger, TimeMention] = {}
    for time in times:
        nearest = min(triggers, key=lambda trigger: _distance(trigger, time))
        owner.setdefault(nearest, time)
    _hand_over_announced_dates(sentence, triggers, owner)
    events: list[EventMatch] = []
    seen: set[tuple[str, str | None]] = set()
    dated_kinds = {t.kind.name for t in owner}
    for trigger in triggers:
        dated_by = owner.get(trigger)
        if dated_by is None and trigger.kind.name in dated_kinds:
            continue
        key = (trigger.kind.name, dated_by.text if dated_by else None)
        if key in seen:
            continue
        seen.add(key)
        events.append(EventMatch(trigger.kind, trigger, dated_by))
    return events
