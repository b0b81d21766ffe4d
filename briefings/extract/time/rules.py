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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from briefings.compiled_cache import load_or_build
from briefings.extract._lexicon import DATA_DIR, load_yaml
from briefings.extract.analyse import tokenize
from briefings.extract.analysis import Token
from briefings.extract.lexicon import Lexicon, default_lexicon, fold_key
from briefings.extract.time.prefilter import Prefilter, Requirement, requirements
from briefings.textpatterns import LazyPattern, trie_regex

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
    pattern: LazyPattern  # compiled when a sentence first needs it
    value: str
    triggers: frozenset[str]  # the rule runs when one of these occurs …
    group_sources: dict[str, str]  # capture group → list or fragment it came from
    examples: tuple[str, ...] = ()
    order: int = 0
    requires: frozenset[str] = frozenset()  # … and all of these
    # strings every match holds one of, per set (`prefilter`), and their numbers in
    # `TimeRules.prefilter`: a sentence that does not meet them all is not scanned
    needs: tuple[Requirement, ...] = ()
    need_ids: frozenset[int] = frozenset()

    @property
    def negative(self) -> bool:
        return self.value == "REMOVE"


@dataclass(frozen=True)
class TimeRules:
    rules: tuple[TimeRule, ...]
    fragments: dict[str, Fragment]
    trigger_scan: re.Pattern[str]  # every form of every trigger list, longest first
    lexicon: Lexicon
    word_classes: dict[str, frozenset[str]]  # a trigger word → every trigger list holding it
    fragment_scans: tuple[tuple[str, re.Pattern[str]], ...] = ()  # the fragments among triggers
    # first word of a trigger form → (its words, every trigger list holding it)
    form_index: dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]] = field(
        default_factory=dict, compare=False, hash=False
    )
    runnable_by_classes: dict[frozenset[str], list[TimeRule]] = field(
        default_factory=dict, compare=False, hash=False
    )
    prefilter: Prefilter | None = field(default=None, compare=False, hash=False)
    # the prefilter narrowed to a frequent set of trigger classes' rules, and how often
    # each set has come (`_prefilter_for`)
    narrowed_by_classes: dict[frozenset[str], Prefilter] = field(
        default_factory=dict, compare=False, hash=False
    )
    sightings: dict[frozenset[str], int] = field(default_factory=dict, compare=False, hash=False)
    # `form_index` split for the token loop: one-word forms → their lists; the forms of
    # several words by first word → (the other words, their lists)
    word_forms: dict[str, frozenset[str]] = field(
        init=False, default_factory=dict, compare=False, hash=False
    )
    phrase_forms: dict[str, tuple[tuple[list[str], frozenset[str]], ...]] = field(
        init=False, default_factory=dict, compare=False, hash=False
    )
    # the words some form starts with: most tokens are none of them and hold no hyphen
    form_starts: set[str] = field(init=False, default_factory=set, compare=False, hash=False)

    def __post_init__(self) -> None:
        phrases: dict[str, list[tuple[list[str], frozenset[str]]]] = {}
        for first, entries in self.form_index.items():
            for words, classes in entries:
                if len(words) == 1:
                    self.word_forms[first] = classes
                else:
                    phrases.setdefault(first, []).append((list(words[1:]), classes))
        self.phrase_forms.update((first, tuple(found)) for first, found in phrases.items())
        self.form_starts.update(self.word_forms, self.phrase_forms)

    def _present(self, text: str, tokens: list[Token] | None) -> frozenset[str]:
        """The trigger classes of `text`. Trigger words are looked up token by token (every
        form that starts at a token, so "the past" and "past" both count), digits by their
        shape."""
        present: set[str] = set()
        tokens = tokens if tokens is not None else tokenize(text)
        words, phrases, starts = self.word_forms, self.phrase_forms, self.form_starts
        norms = [token.norm for token in tokens]
        for index, norm in enumerate(norms):
            if (norm not in starts and "-" not in norm) or tokens[index].kind == "num":
                continue
            if "-" in norm:  # "third-quarter", "mid-November", "two-year"
                for part in norm.split("-"):
                    classes = words.get(part)
                    if classes is not None:
                        present.update(classes)
            classes = words.get(norm)
            if classes is not None:
                present.update(classes)
            entries = phrases.get(norm)
            if entries is not None:
                for rest, classes in entries:
                    if norms[index + 1 : index + 1 + len(rest)] == rest:
                        present.update(classes)
        for name, pattern in self.fragment_scans:
            if name == "digits":
                if _ANY_DIGIT.search(text) is None:
                    continue  # most sentences: no number to shape
                for match in pattern.finditer(text):
                    present.add(name)
                    present.update(digit_classes(match.group()))
            elif pattern.search(text):
                present.add(name)
        for word, shape in _WORD_SHAPES.items():
            if word in present:
                present.add(shape)
        return frozenset(present)

    def triggered(self, text: str, tokens: list[Token] | None = None) -> list[TimeRule]:
        """The rules worth running on `text`: those with one of their triggers in it (and
        all they require)."""
        present = self._present(text, tokens)
        return self._runnable(present) if present else []

    def scannable(self, text: str, tokens: list[Token] | None = None) -> list[TimeRule]:
        """The triggered rules whose required strings all occur in `text` (`prefilter`):
        the others' scans would find nothing."""
        present = self._present(text, tokens)
        runnable = self._runnable(present) if present else []
        if not runnable or self.prefilter is None:
            return runnable
        met = self._prefilter_for(self.prefilter, present, runnable).met(text)
        if met is None:
            return runnable
        return [rule for rule in runnable if rule.need_ids <= met]

    def _prefilter_for(
        self, whole: Prefilter, present: frozenset[str], runnable: list[TimeRule]
    ) -> Prefilter:
        """The `whole` prefilter at first; once a set of trigger classes has come
        `NARROW_AFTER` times, one narrowed to the requirements of its rules, whose smaller
        trie scans a sentence in about two thirds of the time (compiling it costs what a
        thousand scans save: rare sets and short runs keep the whole one)."""
        narrowed = self.narrowed_by_classes.get(present)
        if narrowed is not None:
            return narrowed
        seen = self.sightings.get(present, 0) + 1
        if len(self.sightings) < 4096:
            self.sightings[present] = seen
        if seen < NARROW_AFTER or len(self.narrowed_by_classes) >= 256:
            return whole
        ids = frozenset().union(*(rule.need_ids for rule in runnable))
        narrowed = self.narrowed_by_classes[present] = whole.narrowed(ids)
        return narrowed

    def _runnable(self, present: frozenset[str]) -> list[TimeRule]:
        """The rules a set of trigger classes lets run (few distinct sets occur: kept)."""
        runnable = self.runnable_by_classes.get(present)
        if runnable is None:
            runnable = [
                rule
                for rule in self.rules
                if not rule.triggers.isdisjoint(present) and rule.requires <= present
            ]
            if len(self.runnable_by_classes) < 4096:
                self.runnable_by_classes[present] = runnable
        return runnable


NARROW_AFTER = 256  # sentences with a set of trigger classes before its prefilter is narrowed

# What a run of digits can be, for rules that `require` it: most numbers in news are counts,
# and a sentence with only "4,000" runs none of the date rules.
_DIGIT_SHAPES = (
    ("year", re.compile(r"(?:1\d{3}|20\d\d|2100)(?:[-–/]\d\d)?(?:[’']?s)?")),
    ("decade", re.compile(r"(?:1\d{2}0|20\d0|\d0)[’']?s")),
    ("day", re.compile(r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?")),
    ("clock", re.compile(r"(?:[01]?\d|2[0-3])[:.h][0-5]\d(?:[:.][0-5]\d)?(?:[ap]m)?|\d{1,2}[ap]m")),
    ("military", re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")),
    ("numdate", re.compile(r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}")),
    ("iso", re.compile(r"\d{4}-\d\d-\d\d(?:T.*)?")),
)


# Word lists that stand for a digit shape: "noon" is a clock time, "the eighties" a decade.
_WORD_SHAPES = {"clock_words": "clock", "decade_words": "decade"}


_ANY_DIGIT = re.compile(r"\d")
_SHAPES_SEEN: dict[str, tuple[str, ...]] = {}  # digit tokens repeat ("2023", "20"): shapes kept


def digit_classes(token: str) -> tuple[str, ...]:
    """The shapes a digit token has ("1995" is a year and a military time, "19th" a day)."""
    shapes = _SHAPES_SEEN.get(token)
    if shapes is None:
        if len(_SHAPES_SEEN) >= 4096:
            _SHAPES_SEEN.clear()
        shapes = _SHAPES_SEEN[token] = _digit_classes(token)
    return shapes


def _digit_classes(token: str) -> tuple[str, ...]:
    token = token.rstrip(".,:;")
    parts = [token, *token.split("-")] if "-" in token else [token]
    return tuple(name for name, shape in _DIGIT_SHAPES if any(shape.fullmatch(p) for p in parts))


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
    """Each space as `\\s+` (an optional one, " ?", as `\\s*`), except inside look-behinds
    (which must keep a fixed width)."""
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
        if char == " " and not behind_depth:
            optional = pattern[index + 1 : index + 2] in {"?", "*"}
            out.append(r"\s*" if optional else r"\s+")
            index += 2 if optional else 1
            continue
        out.append(char)
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
    written: dict[str, str] = {}  # each rule's own words, its references left out
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
        requires = frozenset(str(r) for r in spec.get("requires") or ())
        unknown = requires - trigger_names - {shape for shape, _ in _DIGIT_SHAPES}
        if unknown:
            raise ValueError(f"{where}: requires unknown trigger classes {sorted(unknown)}")
        rules.append(
            TimeRule(
                name,
                kind,
                LazyPattern(compiled.pattern, compiled.flags, compiled),
                value,
                triggers,
                groups,
                examples,
                order,
                requires,
            )
        )
        written[name] = str(spec.get("pattern"))

    scan = _trigger_scan(trigger_names, lexicon, fragments)
    rule_scan = _rule_scan(trigger_names, lexicon, fragments)
    sources = {
        name: str(spec.get("pattern") if isinstance(spec, dict) else spec)
        for name, spec in (data.get("fragments") or {}).items()
    }
    rules = [
        TimeRule(
            r.name, r.type, r.pattern, r.value,
            r.triggers | _written_triggers(written[r.name], sources, rule_scan), r.group_sources,
            r.examples, r.order, r.requires,
        )
        for r in rules
    ]  # fmt: skip
    needs = [requirements(rule.pattern.compiled) for rule in rules]
    prefilter = Prefilter(needs)
    rules = [
        replace(rule, needs=need, need_ids=prefilter.ids(need))
        for rule, need in zip(rules, needs, strict=True)
    ]
    for rule in rules:
        if not rule.triggers:
            raise ValueError(f"{path.name}: rule '{rule.name}' can match without any trigger")
    classes: dict[str, set[str]] = {}
    for name in trigger_names:
        if name in lexicon:
            for form in lexicon[name].forms:
                classes.setdefault(fold_key(form), set()).add(name)
    word_classes = {key: frozenset(value) for key, value in classes.items()}
    fragment_scans = tuple(
        (
            name,
            re.compile(r"(?<![\w])(?:" + fragments[name].pattern + r")(?![\w])", re.IGNORECASE),
        )
        for name in sorted(trigger_names)
        if name in fragments
    )
    return TimeRules(
        tuple(rules),
        fragments,
        scan,
        lexicon,
        word_classes,
        fragment_scans,
        _form_index(trigger_names, lexicon),
        prefilter=prefilter,
    )


def _form_index(
    names: frozenset[str], lexicon: Lexicon
) -> dict[str, tuple[tuple[tuple[str, ...], frozenset[str]], ...]]:
    """Every form of every trigger list as tokens (tokenised like the text), by first token."""
    classes: dict[tuple[str, ...], set[str]] = {}
    for name in names:
        if name not in lexicon:
            continue
        for form in lexicon[name].forms:
            words = tuple(token.norm for token in tokenize(form))
            if words:
                classes.setdefault(words, set()).add(name)
    index: dict[str, list[tuple[tuple[str, ...], frozenset[str]]]] = {}
    for words, found in classes.items():
        index.setdefault(words[0], []).append((words, frozenset(found)))
    return {first: tuple(entries) for first, entries in index.items()}


def _trigger_scan(
    names: frozenset[str], lexicon: Lexicon, fragments: dict[str, Fragment]
) -> re.Pattern[str]:
    """One pattern for the forms of every trigger list, longest first ("every day" before
    "every"); a matched form is classed by every list that holds it."""
    forms = {form for name in names if name in lexicon for form in lexicon[name].forms}
    body = trie_regex(forms, space=r"\s+")
    return re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE)


def _rule_scan(
    names: frozenset[str], lexicon: Lexicon, fragments: dict[str, Fragment]
) -> re.Pattern[str]:
    """The trigger classes as named groups, to find which a rule's own words belong to."""
    parts = []
    for name in sorted(names):
        body = fragments[name].pattern if name in fragments else lexicon[name].alternation()
        parts.append(f"(?P<{name}>{body})")
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


_SYNTAX = re.compile(r"\\[dwsbDWSB]|\\.|\(\?(?:<?[=!]|P<\w+>|[-imsx]*:)|[()\[\]|?*+{}^$]")


def _written_triggers(
    pattern: str,
    fragments: dict[str, str],
    scan: re.Pattern[str],
    seen: frozenset[str] = frozenset(),
) -> frozenset[str]:
    """Trigger classes of the words a rule writes out, directly or in the fragments it
    refers to (the lists it refers to count through their own trigger names)."""
    found = set(_literal_triggers(_REF.sub(" ", pattern), scan))
    for _, name in _REF.findall(pattern):
        if name in fragments and name not in seen:
            found |= _written_triggers(fragments[name], fragments, scan, seen | {name})
    return frozenset(found)


def _literal_triggers(pattern: str, scan: re.Pattern[str]) -> frozenset[str]:
    """Trigger classes of the words a pattern writes out itself ("weekend", "yesterday"),
    and digits when it has a digit class; what its references hold counts through the
    references' own triggers."""
    found = {m.lastgroup for m in scan.finditer(_SYNTAX.sub(" ", pattern)) if m.lastgroup}
    if "\\d" in pattern or "[0-9]" in pattern:
        found.add("digits")
    return frozenset(found)


@functools.cache
def default_rules() -> TimeRules:
    """The rules of `briefings/data/`, compiled once and kept on disk (`compiled_cache`)."""
    return load_or_build("time-rules", load_rules, TimeRules)


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
