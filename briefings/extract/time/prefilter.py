"""Necessary literals of a rule's pattern (a prefilter, as RE2 and code-search indexes use):
sets of strings such that every match of the pattern contains one string of each set.

Why: a time rule runs over the whole sentence as soon as one of its trigger words occurs,
and most of those runs find nothing ("Friday" triggers the clock rules, which also need a
clock time). Testing a few substrings first spares the scan — about two runs in three.

Both sides are compared in a folded form (`fold_text`): lower case, every digit `0`, every
run of whitespace one space and a space at either end, so that `\\d`, `[0-5]` and `\\s+` in a
pattern become plain characters too. Only ASCII characters and a few uncased marks are
read off a pattern; a text holding a character that case-insensitive matching equates with
an ASCII letter (`ſ`, `ı`, `İ`, the Kelvin sign) or a non-ASCII digit is not filtered.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from importlib import import_module
from typing import Any

from briefings.textpatterns import trie_regex

Requirement = frozenset[str]

# the parsed form of a pattern: private modules, stable since Python 3.11
sre: Any = import_module("re._constants")
sre_parse: Any = import_module("re._parser")

_CAP = 64  # most strings an exact set may hold before it is given up
_MIN_LENGTH = 2  # a requirement whose shortest string is shorter passes nearly always
_MAX_STRINGS = 40  # one of more strings costs more to test than it saves
_UNCASED = frozenset("’‘“”–—")  # non-ASCII marks that match only themselves in any case
_DIGITS = str.maketrans("0123456789", "0000000000")
# what folding cannot speak for: letters (?i) equates with ASCII ones, non-ASCII digits
_CASE_ALIASES = frozenset("\u0130\u0131\u017f\u212a")  # İ ı ſ K: (?i) reads them as i, s, k
_WEAK = frozenset(" 0")  # a string of these only is in nearly every sentence


def fold_text(text: str) -> str | None:
    """The text as requirements are written, or None when it cannot be filtered."""
    if not text.isascii() and any(_unfoldable(char) for char in set(text)):
        return None
    return " " + " ".join(text.lower().translate(_DIGITS).split()) + " "


def _unfoldable(char: str) -> bool:
    return char in _CASE_ALIASES or (char.isdecimal() and not char.isascii())


def _char(char: str) -> str | None:
    if char.isascii():
        if char.isdigit():
            return "0"
        return " " if char.isspace() else char.lower()
    return char if char in _UNCASED else None


def _squash(strings: Iterable[str]) -> frozenset[str]:
    return frozenset(re.sub(" +", " ", s) for s in strings)


def _reduce(strings: Iterable[str]) -> Requirement:
    """Without the strings that contain another one (the shorter is required anyway)."""
    kept: list[str] = []
    for string in sorted(set(strings), key=len):
        if not any(other in string for other in kept):
            kept.append(string)
    return frozenset(kept)


def _required(exact: frozenset[str] | None) -> Requirement | None:
    if exact is None or "" in exact or any(set(s) <= _WEAK for s in exact):
        return None
    return _reduce(exact)


def _class(items: Sequence[tuple[Any, Any]]) -> frozenset[str] | None:
    """The folded characters a small character class matches, or None."""
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            char = _char(chr(av))
            if char is None:
                return None
            chars.add(char)
        elif op is sre.RANGE and av[1] < 128 and (av[1] - av[0] < 4 or chr(av[0]).isdigit()):
            if not chr(av[1]).isdigit() and chr(av[0]).isdigit():
                return None
            chars.update(_char(chr(code)) or "" for code in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.add("0")
        elif op is sre.CATEGORY and av is sre.CATEGORY_SPACE:
            chars.add(" ")
        else:
            return None
    return frozenset(chars) if len(chars) <= 4 else None


def _repeat(av: Any, requirements: list[Requirement]) -> frozenset[str] | None:
    low, high, inner = av
    exact, inside = _analyse(inner)
    if low >= 1:
        requirements.extend(inside)
        required = _required(exact)
        if required:
            requirements.append(required)
    if exact == frozenset({" "}):
        return exact if low >= 1 else frozenset({"", " "})
    if exact is not None and low == 0 and high == 1:
        return exact | {""}
    if low == high == 1:
        return exact
    return None


def _branch(av: Any, requirements: list[Requirement]) -> frozenset[str] | None:
    parts = [_analyse(branch) for branch in av[1]]
    exacts = [exact for exact, _ in parts]
    if all(e is not None for e in exacts) and sum(len(e or ()) for e in exacts) <= _CAP:
        return frozenset().union(*(e or () for e in exacts))
    best: list[Requirement] = []
    for exact, inside in parts:
        options = [*inside, *filter(None, [_required(exact)])]
        if not options:
            return None
        best.append(max(options, key=_score))
    requirements.append(_reduce(frozenset().union(*best)))
    return None


def _analyse(items: Any) -> tuple[frozenset[str] | None, list[Requirement]]:
    """(the exact strings the whole sequence can match, when few, else None; requirements
    within it)."""
    requirements: list[Requirement] = []
    current: frozenset[str] = frozenset({""})
    whole = True  # every item so far is exact
    for op, av in items:
        exact: frozenset[str] | None = None
        if op is sre.LITERAL:
            char = _char(chr(av))
            exact = frozenset({char}) if char is not None else None
        elif op is sre.IN:
            exact = _class(av)
        elif op is sre.CATEGORY:
            exact = {
                sre.CATEGORY_DIGIT: frozenset({"0"}),
                sre.CATEGORY_SPACE: frozenset({" "}),
            }.get(av)
        elif op is sre.SUBPATTERN:
            exact, inside = _analyse(av[3])
            requirements.extend(inside)
        elif op is sre.ATOMIC_GROUP:
            exact, inside = _analyse(av)
            requirements.extend(inside)
        elif op is sre.BRANCH:
            exact = _branch(av, requirements)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            exact = _repeat(av, requirements)
        elif op is sre.AT or op is sre.ASSERT_NOT:
            exact = frozenset({""})
        elif op is sre.ASSERT:  # what a lookaround needs is in the text too
            inner, inside = _analyse(av[1])
            requirements.extend(inside)
            requirements.extend(filter(None, [_required(inner)]))
            exact = frozenset({""})
        if exact is not None and len(current) * len(exact) <= _CAP:
            current = _squash(a + b for a in current for b in exact)
            continue
        # the run of exact items ends here: what it spells is required, and the sequence
        # as a whole is no longer a small set of strings
        whole = False
        requirements.extend(filter(None, [_required(current)]))
        current = exact if exact is not None else frozenset({""})
    if whole:
        return current, requirements
    requirements.extend(filter(None, [_required(current)]))
    return None, requirements


def _score(requirement: Requirement) -> tuple[int, int]:
    """Stronger first: longer shortest string (fewer stray hits), then fewer strings."""
    return min(len(s.strip()) for s in requirement), -len(requirement)


def requirements(pattern: re.Pattern[str], keep: int = 2) -> tuple[Requirement, ...]:
    """Up to `keep` sets of folded strings every match contains one of (strongest first);
    () when nothing can be said (then the pattern always runs)."""
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:
        return ()
    exact, found = _analyse(parsed.data)
    found.extend(filter(None, [_required(exact)]))
    usable = {r for r in found if _score(r)[0] >= _MIN_LENGTH and len(r) <= _MAX_STRINGS}
    kept = sorted(usable, key=_score, reverse=True)
    return tuple(kept[:keep])


class Prefilter:
    """Every rule's requirements, checked together: one scan of the folded sentence finds
    each place where a required string starts (a trie of all of them, resumed one character
    after each hit, so that overlapping strings are all seen); a rule may run when the
    requirements it names (`ids`) are all among those met."""

    def __init__(self, needs: Iterable[tuple[Requirement, ...]]) -> None:
        self._ids: dict[Requirement, int] = {}
        for requirement in (r for rule_needs in needs for r in rule_needs):
            self._ids.setdefault(requirement, len(self._ids))
        self._compile()

    def narrowed(self, ids: frozenset[int]) -> Prefilter:
        """This prefilter for the requirements `ids` only, numbered as here: a sentence's
        triggered rules need few of all the requirements, and a trie of their strings alone
        scans faster. Its `met` agrees with this one's on `ids` (both tell whether one of a
        requirement's strings occurs in the folded text)."""
        narrowed = Prefilter(())
        narrowed._ids = {r: number for r, number in self._ids.items() if number in ids}
        strings = {string for requirement in narrowed._ids for string in requirement}
        narrowed._meets = {string: self._meets[string] & ids for string in strings}
        narrowed._scan = re.compile(trie_regex(strings)) if strings else None
        return narrowed

    def _compile(self) -> None:
        strings = {string for requirement in self._ids for string in requirement}
        # a string found means every requirement holding it, or a part of it, is met
        self._meets = {
            string: frozenset(
                number
                for requirement, number in self._ids.items()
                if any(part in string for part in requirement)
            )
            for string in strings
        }
        self._scan = re.compile(trie_regex(strings)) if strings else None

    def ids(self, needs: Iterable[Requirement]) -> frozenset[int]:
        """The numbers of `needs` (each must have been given to the constructor)."""
        return frozenset(self._ids[requirement] for requirement in needs)

    def met(self, text: str) -> frozenset[int] | None:
        """The requirements `text` meets; None when it cannot be told (run every rule)."""
        folded = fold_text(text)
        if folded is None or self._scan is None:
            return None
        met: set[int] = set()
        search, meets = self._scan.search, self._meets
        found = search(folded)
        while found is not None:
            met.update(meets[found.group()])
            found = search(folded, found.start() + 1)
        return frozenset(met)
