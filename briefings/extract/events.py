"""Event detection: trigger phrases from `data/event_kinds.yaml`, dated by the nearest time mention.

One combined regular expression finds every trigger of every kind in a single pass, so the
cost does not grow with the vocabulary. Dates attach to triggers, not to sentences: each time
mention goes to its nearest trigger, so "after two days of clashes, a cease-fire held Thursday"
dates the ceasefire, not the clashes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml

from briefings.textpatterns import literal_prefixes, trie_regex

if TYPE_CHECKING:  # only in annotations: the vocabulary (used by queries) needs no date patterns
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


def _check_trigger(kind: str, trigger: object) -> None:
    """Fail loudly, naming the entry, when someone edits the data file into a bad pattern."""
    if not isinstance(trigger, str):
        raise ValueError(f"event kind {kind}: trigger {trigger!r} is not a string (quote it)")
    try:
        compiled = re.compile(trigger)
    except re.error as error:
        raise ValueError(f"event kind {kind}: trigger {trigger!r}: {error}") from None
    if re.search(r"[A-Z]", re.sub(r"\\.", "", trigger)):
        raise ValueError(f"event kind {kind}: write trigger {trigger!r} in lower case")
    if not re.match(r"[a-z(\[]", trigger):
        raise ValueError(f"event kind {kind}: trigger {trigger!r} must start with a letter")
    if compiled.groups and "(?:" not in trigger:
        raise ValueError(f"event kind {kind}: use (?:…) groups, not (…), in {trigger!r}")


class EventVocabulary:
    """The event kinds and one compiled pattern that finds all their triggers."""

    def __init__(
        self,
        kinds: dict[str, EventKind],
        pattern: re.Pattern[str],
        gated: re.Pattern[str] | None = None,
    ) -> None:
        self.kinds = kinds
        self._caseless = re.compile(pattern.pattern, re.IGNORECASE)
        # `gated`: the same pattern behind a lookahead on how the triggers start (see
        # `_trigger_gate`), for lower-cased text: the same matches at half the cost.
        self._pattern = gated or pattern

    @classmethod
    def from_yaml(cls, text: str) -> EventVocabulary:
        data = yaml.safe_load(text)["kinds"]
        kinds: dict[str, EventKind] = {}
        alternatives: list[str] = []
        for name, spec in data.items():
            kinds[name] = EventKind(name, spec["family"], spec.get("description", ""))
            for trigger in spec["triggers"]:
                _check_trigger(name, trigger)
            joined = "|".join(f"(?:{trigger})" for trigger in spec["triggers"])
            alternatives.append(f"(?P<{name}>{joined})")
        body = "(?:" + "|".join(alternatives) + r")\b"
        gate = _trigger_gate(t for spec in data.values() for t in spec["triggers"])
        pattern = re.compile(r"\b(?=[a-z])" + body)
        return cls(kinds, pattern, re.compile(r"\b(?=[a-z])" + gate + body) if gate else None)

    def triggers(self, sentence: str) -> list[Trigger]:
        """Matching lower-cased text with a case-sensitive pattern is ~5× faster than
        IGNORECASE; text whose length changes when lower-cased falls back to IGNORECASE."""
        lowered = sentence.lower()
        if len(lowered) == len(sentence):
            matches = self._pattern.finditer(lowered)
        else:
            matches = self._caseless.finditer(sentence)
        found: list[Trigger] = []
        for match in matches:
            name = match.lastgroup
            if name is not None:
                found.append(Trigger(self.kinds[name], match.start(), match.end()))
        return found

    def family(self, kind: str) -> str:
        known = self.kinds.get(kind)
        return known.family if known else kind


def _trigger_gate(triggers: Iterable[str]) -> str:
    """A lookahead listing how the triggers can start (six characters, as a trie), or "" when
    some trigger's start cannot be listed. Put before the trigger pattern, it lets the scan
    leave most words of a sentence after a letter or two instead of trying every trigger;
    six characters rather than three let "the", "to", "and" pass only before "the launch",
    "to sign", "and sign"."""
    prefixes: set[str] = set()
    for trigger in triggers:
        starts = literal_prefixes(trigger, length=6)
        if starts is None:
            return ""
        prefixes |= starts
    return "(?=" + trie_regex(prefixes) + ")"


@cache
def default_vocabulary() -> EventVocabulary:
    text = resources.files("briefings.data").joinpath("event_kinds.yaml").read_text("utf-8")
    return EventVocabulary.from_yaml(text)


_CLAUSE_BREAK = re.compile(r"[,;:()]|\b(?:but|while|whereas)\b")
BEFORE_PENALTY = 8  # "On Tuesday, X launched…": a date before its trigger counts a little further
CLAUSE_PENALTY = 50  # "fought on Monday, pounding…": a date stays in its own clause if it can


def _distance(sentence: str, trigger: Trigger, time: TimeMention) -> int:
    """How far a time mention lies from a trigger, in characters plus penalties.

    A date leans to the trigger before it over one after it, and strongly to one in its own
    clause: in "X fought on Monday, pounding the city" or "troops fired on Thursday, a day
    after the truce began", the comma sends the date back to "fought" and "fired"."""
    if time.start >= trigger.end:
        first, last, distance = trigger.end, time.start, time.start - trigger.end
    elif trigger.start >= time.end:
        first, last = time.end, trigger.start
        distance = trigger.start - time.end + BEFORE_PENALTY
    else:
        return 0
    if _CLAUSE_BREAK.search(sentence, first, last):
        distance += CLAUSE_PENALTY
    return distance


# "on Monday and Tuesday", "in May or June": two dates of one happening.
_COORDINATION = re.compile(r"\s*,?\s*(?:and|or)\s+(?:(?:on|in|again\s+on)\s+)?", re.IGNORECASE)


def _coordinated(sentence: str, first: TimeMention, second: TimeMention) -> bool:
    if second.start < first.end:
        first, second = second, first
    return _COORDINATION.fullmatch(sentence, first.end, second.start) is not None


def _assign_times(
    sentence: str, triggers: list[Trigger], times: list[TimeMention]
) -> dict[Trigger, list[TimeMention]]:
    """Pair times with triggers, closest pairs first.

    A trigger takes one date, and each date goes to one trigger; a date that loses its
    nearest trigger to a closer date dates the next nearest ("the vote on Sunday, which
    followed two days of rallies ending on Friday"), unless the two dates are coordinated
    ("protests on Monday and Tuesday"): then both date the same happening."""
    pairs = sorted(
        (_distance(sentence, trigger, time), t_index, g_index)
        for t_index, time in enumerate(times)
        for g_index, trigger in enumerate(triggers)
    )
    # Held by trigger position: the triggers' spans differ, so a position names one trigger
    # as well as the trigger itself does, and an int is hashed far faster than a dataclass.
    held_by: dict[int, list[TimeMention]] = {}
    placed: set[int] = set()
    for _, t_index, g_index in pairs:
        time = times[t_index]
        if t_index in placed:
            continue
        held = held_by.get(g_index)
        if held is None:
            held_by[g_index] = [time]
        elif any(_coordinated(sentence, other, time) for other in held):
            held.append(time)
        else:
            continue
        placed.add(t_index)
    return {triggers[g_index]: held for g_index, held in held_by.items()}


REPORTING_FAMILY = "statement"
HAND_OVER_GAP = 40  # "announced the launch of …": the announced happening follows closely


def _hand_over_announced_dates(
    sentence: str, triggers: list[Trigger], owner: dict[Trigger, list[TimeMention]]
) -> None:
    """ "On Sept. 19 the ministry announced the launch of an operation": the operation is dated
    too. A reporting trigger's date passes to an undated trigger that closely follows it in
    the same clause."""
    for reporter in triggers:
        dates = owner.get(reporter)
        if reporter.kind.family != REPORTING_FAMILY or not dates:
            continue
        for trigger in triggers:
            if trigger in owner or trigger.kind.family == REPORTING_FAMILY:
                continue
            gap = trigger.start - reporter.end
            if 0 <= gap <= HAND_OVER_GAP and not _CLAUSE_BREAK.search(
                sentence, reporter.end, trigger.start
            ):
                owner[trigger] = dates[:1]


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
    owner = _assign_times(sentence, triggers, times)
    _hand_over_announced_dates(sentence, triggers, owner)
    events: list[EventMatch] = []
    seen: set[tuple[str, str | None]] = set()
    dated_kinds = {t.kind.name for t in owner}
    for trigger in triggers:
        dates: list[TimeMention | None] = list(owner.get(trigger, []))
        if not dates:
            if trigger.kind.name in dated_kinds:
                continue
            dates = [None]
        for dated_by in dates:
            key = (trigger.kind.name, dated_by.text if dated_by else None)
            if key in seen:
                continue
            seen.add(key)
            events.append(EventMatch(trigger.kind, trigger, dated_by))
    return events
