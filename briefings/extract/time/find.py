"""Run the time rules over one text: candidate expressions with their value templates filled.

Every rule whose triggers occur is run; where matches overlap the longest wins (then the rule
listed first), and a `REMOVE` rule that wins takes its text out of play. Anchoring the values
is the resolver's job (`briefings.extract.time.resolve`).
"""

from __future__ import annotations

import re

from briefings.extract.analysis import Token
from briefings.extract.time.model import Candidate
from briefings.extract.time.rules import TimeRule, TimeRules, default_rules, fill
from briefings.extract.time.values import NORMALISERS

_SPAN_GROUP = "timex"


def _normalised(rule: TimeRule, match: re.Match[str], rules: TimeRules) -> dict[str, str]:
    values: dict[str, str] = {}
    for group, source in rule.group_sources.items():
        text = match.group(group)
        if text is None:
            values[group] = ""
            continue
        fragment = rules.fragments.get(source)
        if fragment is not None:
            norm = NORMALISERS.get(fragment.norm or "keep", NORMALISERS["keep"])
            values[group] = norm(text, rules.lexicon)
        else:
            word_list = rules.lexicon[source]
            value = word_list.value(text)
            values[group] = value if value is not None else " ".join(text.split())
    return values


def find_candidates(
    text: str, rules: TimeRules | None = None, tokens: list[Token] | None = None
) -> list[Candidate]:
    """Non-overlapping time expressions in `text`, left to right (`tokens`: the text's
    tokens when the caller has them)."""
    rules = rules or default_rules()
    matches: list[tuple[int, int, TimeRule, re.Match[str]]] = []
    for rule in rules.scannable(text, tokens):
        spans_group = _SPAN_GROUP in rule.pattern.groupindex
        for match in rule.pattern.finditer(text):
            start, end = match.span(_SPAN_GROUP) if spans_group else match.span()
            if end > start:
                matches.append((start, end, rule, match))
    if not matches:
        return []
    matches.sort(key=lambda item: (item[0] - item[1], item[2].order, item[0]))
    taken: list[tuple[int, int]] = []
    found: list[Candidate] = []
    for start, end, rule, match in matches:
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        if rule.negative:
            continue
        value = fill(rule.value, _normalised(rule, match, rules))
        found.append(Candidate(start, end, rule.type, value, rule.name))
    found.sort(key=lambda candidate: candidate.start)
    return found
