"""Time rules as data: `briefings/data/time_rules.yaml`, loaded, expanded and compiled once.

A rule is a name, a TIMEX3 type, a pattern and a value template. Patterns are regular
expressions over the sentence text that name their parts: `{months}` is a list of
`lexicon.yaml`, `{year}` a fragment of the rules file's `fragments:` section. Each named part
captures as a group of that name (`months`, a second one `months_2`); `{~name}` is the same
part without a capture. The value template refers to the captures (`{year}-{months}-{day:02}`)
and may hold an unresolved value (`weekday(5)`, `shift(Y,-1)`) that the resolver anchors.
A rule whose value is `REMOVE` marks text that is not a time ("Vision 2030").

Each rule also knows its *triggers*: the word classes it cannot match without (months,
weekdays, digits …). A sentence is scanned once for all triggers, and only the rules whose
triggers occur are run — most sentences run none.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefings.extract._lexicon import DATA_DIR, load_yaml
from briefings.extract.lexicon import Lexicon, default_lexicon, fold_key

DEFAULT_PATH = DATA_DIR / "time_rules.yaml"
TYPES = frozenset({"DATE", "TIME", "DURATION", "SET"})
_REF = re.compile(r"\{(~?)([a-z_][a-z0-9_]*)\}")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?::(\d+))?\}")


@dataclass(frozen=True)
class Fragment:
    """A named piece of pattern defined in the rules file, with how its text normalises."""

    name: str
    pattern: str  # references already expanded
    norm: str | None
    triggers: frozenset[str]


@dataclass(frozen=True)
class TimeRule:
    name: str
    type: str
    pattern: re.Pattern[str]
    value: str
    triggers: frozenset[str]
    group_sources: dict[str, str]  # capture group → list or fragment it came from
    examples: tuple[str, ...] = ()
    order: int = 0

    @property
    def negative(self) -> bool:
        return self.value == "REMOVE"


@dataclass(frozen=True)
class TimeRules:
    rules: tuple[TimeRule, ...]
    fragments: dict[str, Fragment]
    trigger_scan: re.Pattern[str]  # one group per trigger class
    lexicon: Lexicon
    word_classes: dict[str, frozenset[str]]  # a trigger word → every trigger list holding it

    def triggered(self, text: str) -> list[TimeRule]:
        """The rules worth running on `text`: those with one of their triggers in it."""
        present: set[str] = set()
        for match in self.trigger_scan.finditer(text):
            present.add(match.lastgroup or "")
            present.update(self.word_classes.get(fold_key(match.group()), ()))
        if not present:
            return []
        return [rule for rule in self.rules if not rule.triggers.isdisjoint(present)]


def _expand(
    pattern: str,
    where: str,
    lexicon: Lexicon,
    fragments: dict[str, Fragment],
    *,
    capture: bool,
    trigger_names: frozenset[str],
) -> tuple[str, frozenset[str], dict[str, str]]:
    """The pattern with its references replaced; the triggers it refers to; its groups."""
    triggers: set[str] = set()
    groups: dict[str, str] = {}
    counts: dict[str, int] = {}

    def replace(match: re.Match[str]) -> str:
        silent, name = match.group(1) == "~", match.group(2)
        if name in fragments:
            fragment = fragments[name]
            body = fragment.pattern
            triggers.update(fragment.triggers)
        elif name in lexicon:
            body = lexicon[name].alternation()
            if name in trigger_names:
                triggers.add(name)
        else:
            raise ValueError(f"{where}: unknown reference {{{name}}}")
        if silent or not capture:
            return f"(?:{body})"
        counts[name] = counts.get(name, 0) + 1
        group = name if counts[name] == 1 else f"{name}_{counts[name]}"
        groups[group] = name
        return f"(?P<{group}>{body})"

    expanded = _REF.sub(replace, pattern)
    return _spaces(expanded), frozenset(triggers), groups


def _spaces(pattern: str) -> str:
    """Each space as `\\s+`, except inside look-behinds (which must keep a fixed width)."""
    out: list[str] = []
    behind_depth: list[int] = []  # nesting depth at which each open look-behind started
    depth = 0
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if char == "(":
            if pattern.startswith(("(?<=", "(?<!"), index):
                behind_depth.append(depth)
            depth += 1
        elif char == ")":
            depth -= 1
            if behind_depth and behind_depth[-1] == depth:
                behind_depth.pop()
        out.append(r"\s+" if char == " " and not behind_depth else char)
        index += 1
    return "".join(out)


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError(f"{where} must be a string")
    return str(value)


def load_rules(path: Path = DEFAULT_PATH, lexicon: Lexicon | None = None) -> TimeRules:
    """Read, expand, validate and compile the rules file; errors name the rule at fault."""
    lexicon = lexicon or default_lexicon()
    data = load_yaml(path)
    trigger_names = frozenset(data.get("triggers") or [])
    for name in trigger_names:
        if name not in lexicon and name not in (data.get("fragments") or {}):
            raise ValueError(f"{path.name}: trigger {name!r} is neither a list nor a fragment")

    fragments: dict[str, Fragment] = {}
    for name, spec in (data.get("fragments") or {}).items():
        where = f"{path.name}: fragment '{name}'"
        spec = spec if isinstance(spec, dict) else {"pattern": spec}
        body, triggers, _ = _expand(
            _string(spec.get("pattern"), where),
            where,
            lexicon,
            fragments,
            capture=False,
            trigger_names=trigger_names,
        )
        if name in trigger_names:
            triggers = triggers | {name}
        fragments[name] = Fragment(name, body, spec.get("norm"), triggers)

    rules: list[TimeRule] = []
    for order, spec in enumerate(data.get("rules") or []):
        name = spec.get("name") if isinstance(spec, dict) else None
        where = f"{path.name}: rule '{name or order}'"
        if not name:
            raise ValueError(f"{where} needs a name")
        kind = spec.get("type", "DATE")
        if kind not in TYPES:
            raise ValueError(f"{where}: type must be one of {sorted(TYPES)}")
        body, triggers, groups = _expand(
            _string(spec.get("pattern"), f"{where} pattern"),
            where,
            lexicon,
            fragments,
            capture=True,
            trigger_names=trigger_names,
        )
        value = _string(spec.get("value"), f"{where} value")
        for placeholder in _PLACEHOLDER.finditer(value):
            if placeholder.group(1) not in groups:
                raise ValueError(f"{where}: value uses {{{placeholder.group(1)}}}, not captured")
        try:
            compiled = re.compile(rf"(?<![\w]){body}(?![\w])", re.IGNORECASE)
        except re.error as error:
            raise ValueError(f"{where}: bad pattern ({error})") from None
        examples = tuple(str(e) for e in spec.get("examples") or ())
        rules.append(TimeRule(name, kind, compiled, value, triggers, groups, examples, order))

    scan = _trigger_scan(trigger_names, lexicon, fragments)
    rules = [
        TimeRule(
            r.name, r.type, r.pattern, r.value,
            r.triggers | _literal_triggers(r.pattern.pattern, scan), r.group_sources,
            r.examples, r.order,
        )
        for r in rules
    ]  # fmt: skip
    for rule in rules:
        if not rule.triggers:
            raise ValueError(f"{path.name}: rule '{rule.name}' can match without any trigger")
    classes: dict[str, set[str]] = {}
    for name in trigger_names:
        if name in lexicon:
            for form in lexicon[name].forms:
                classes.setdefault(fold_key(form), set()).add(name)
    word_classes = {key: frozenset(value) for key, value in classes.items()}
    return TimeRules(tuple(rules), fragments, scan, lexicon, word_classes)


def _trigger_scan(
    names: frozenset[str], lexicon: Lexicon, fragments: dict[str, Fragment]
) -> re.Pattern[str]:
    parts = []
    for name in sorted(names):
        body = fragments[name].pattern if name in fragments else lexicon[name].alternation()
        parts.append(f"(?P<{name}>{body})")
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


_SYNTAX = re.compile(r"\\[dwsbDWSB]|\\.|\(\?(?:<?[=!]|P<\w+>|[-imsx]*:)|[()\[\]|?*+{}^$]")


def _literal_triggers(pattern: str, scan: re.Pattern[str]) -> frozenset[str]:
    """Trigger classes of the words a pattern writes out ("weekend", "yesterday"), and
    digits when it has a digit class."""
    found = {m.lastgroup for m in scan.finditer(_SYNTAX.sub(" ", pattern)) if m.lastgroup}
    if "\\d" in pattern or "[0-9]" in pattern:
        found.add("digits")
    return frozenset(found)


@functools.cache
def default_rules() -> TimeRules:
    return load_rules()


def placeholders(template: str) -> list[tuple[str, int | None]]:
    """The captures a value template uses, with their zero-padding width."""
    return [
        (m.group(1), int(m.group(2)) if m.group(2) else None)
        for m in _PLACEHOLDER.finditer(template)
    ]


def fill(template: str, values: dict[str, str]) -> str:
    """The template with each `{group}` / `{group:02}` replaced by its normalised value."""

    def replace(match: re.Match[str]) -> str:
        value = values[match.group(1)]
        width = match.group(2)
        return value.zfill(int(width)) if width and value.isdigit() else value

    return _PLACEHOLDER.sub(replace, template)
