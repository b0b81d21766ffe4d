"""Regex helpers shared by the extractors and the ingest cleaner: tries of literal words,
gates (lookaheads on how matches begin) and case-folding for faster matching.

Neutral ground: `briefings.extract` and `briefings.ingest` both build patterns with these,
and neither reaches into the other's private modules for them.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable
from typing import Any


def trie_regex(words: Iterable[str], space: str | None = None) -> str:
    """One regex alternation for many literal strings, factored as a character trie.

    Python's `re` tries alternatives one by one; a trie makes each position cost one branch
    per character instead of one per word. Longer continuations are tried first, so with a
    boundary after the group the longest valid word wins. `space`, if given, is the regex
    used for a space inside a word (e.g. any whitespace).
    """
    trie: dict[str, Any] = {}
    for word in words:
        if not word:
            continue
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        ends_here = "" in node
        branches = [
            (space if char == " " and space else re.escape(char)) + build(child)
            for char, child in sorted(node.items())
            if char
        ]
        if not branches:
            return ""
        if len(branches) == 1 and not ends_here:
            return branches[0]
        group = "(?:" + "|".join(branches) + ")"
        return group + "?" if ends_here else group

    return build(trie) or "(?!)"


# What re's case-insensitive matching takes for an ASCII letter besides its two cases.
_EXTRA_CASES = {"i": "İı", "k": "\u212a", "s": "ſ"}


def cased_class(letter: str) -> str:
    """A character class of everything (?i) lets the ASCII letter `letter` match."""
    lower = letter.lower()
    return f"[{lower}{lower.upper()}{_EXTRA_CASES.get(lower, '')}]"


def gate(prefixes: Iterable[str], also: Iterable[str] = ()) -> str:
    """A lookahead that passes where one of `prefixes` (regexes starting with an ASCII letter,
    read case-insensitively) or one of `also` (regexes read as written) matches.

    Put in front of an alternation whose every match starts with one of them, it changes no
    match: it is only a necessary condition. It saves time because each of its branches starts
    with a plain character class, which `re` tests before entering a branch, so most positions
    are left after a character test or two instead of trying every alternative there.
    """
    by_letter: dict[str, list[str]] = {}
    for prefix in prefixes:
        by_letter.setdefault(prefix[0].lower(), []).append(prefix[1:])
    branches = [*also] + [
        f"{cased_class(letter)}(?i:{'|'.join(sorted(set(rests)))})"
        for letter, rests in sorted(by_letter.items())
    ]
    return "(?=" + "|".join(branches) + ")"


_MAX_PREFIXES = 2000


def literal_prefixes(pattern: str, length: int = 3) -> set[str] | None:
    """The strings of `length` characters a match of `pattern` (case-sensitive) can start
    with, shorter where the pattern lets a match end or continue with something other than
    a known character (a class such as \\w, a repetition); None when even the first
    character is unknown or the pattern is too branchy to list.

    Read from the regex's parse tree (Python's own parser; None if that is not available), so
    that a gate can be built for patterns kept as data, such as the event triggers. Every
    match of `pattern` starts with one of the strings, so a lookahead on them changes no match.

    `re._parser` is private, but Python has no public way to read a pattern's structure
    (`sre_parse` is its deprecated alias), and a parser of our own would have to follow
    `re`'s grammar exactly to be safe. So it is imported by name and any surprise from it
    (missing, renamed, a different tree) means no gate: slower, never different matches.
    """
    try:
        parser: Any = importlib.import_module("re._parser")
        parsed = parser.parse(pattern)
        if parsed.state.flags & re.IGNORECASE:
            return None
        found = _sequence_starts(parsed, length)
    except Exception:  # another Python's parser: no gate, the same matches
        return None
    if found is None or any(not text for text, _open in found):
        return None
    return {text for text, _open in found}


# (text, open): `open` when the text is all a match so far, so that what follows in the
# pattern continues it; a closed text is as much of the start as is known.
_Starts = set[tuple[str, bool]]


def _sequence_starts(items: Any, length: int) -> _Starts | None:
    results: _Starts = {("", True)}
    for op, value in items:
        extended: _Starts = set()
        for text, is_open in results:
            if not is_open or len(text) >= length:
                extended.add((text[:length], False))
                continue
            starts = _item_starts(str(op), value, length - len(text))
            if starts is None:
                extended.add((text, False))
                continue
            for more, more_open in starts:
                joined = text + more
                extended.add(
                    (joined[:length], False) if len(joined) >= length else (joined, more_open)
                )
        results = extended
        if len(results) > _MAX_PREFIXES:
            return None
    return results


def _item_starts(op: str, value: Any, length: int) -> _Starts | None:
    """Starts of one parsed item; None when unknown (a category, "any character", ...)."""
    if op == "LITERAL":
        return {(chr(value), True)}
    if op in ("ASSERT", "ASSERT_NOT", "AT"):  # zero-width: the gate need not check them
        return {("", True)}
    if op == "SUBPATTERN":
        _group, add_flags, _del_flags, items = value
        return None if add_flags & re.IGNORECASE else _sequence_starts(items, length)
    if op == "BRANCH":
        union: _Starts = set()
        for alternative in value[1]:
            starts = _sequence_starts(alternative, length)
            if starts is None:
                return None
            union |= starts
        return union
    if op == "IN":
        chars: list[str] = []
        for kind, item in value:
            if str(kind) == "LITERAL":
                chars.append(chr(item))
            elif str(kind) == "RANGE" and item[1] - item[0] < 32:
                chars.extend(chr(code) for code in range(item[0], item[1] + 1))
            else:
                return None
        return {(char, True) for char in chars}
    if op in ("MAX_REPEAT", "MIN_REPEAT"):
        low, high, inner = value
        once = _sequence_starts(inner, length)
        if once is None:
            return None
        skipped: _Starts = {("", True)} if low == 0 else set()
        if high == 1:
            return once | skipped
        return {(text, False) for text, _open in once} | skipped  # stop after one round
    return None


# Every pattern `gated` built, with what it was built from, for
# `benchmarks.extraction_baseline --regex-check` to compare with the plain pattern.
GATED: list[tuple[str, re.Pattern[str], str, int]] = []


def gated(lead: str, body: str, flags: int = 0) -> re.Pattern[str]:
    """The pattern `lead(?:body)` (`lead` zero-width), with a gate on how `body`'s matches
    start put in between when those starts can be listed (`literal_prefixes`).

    The same matches: the gate is a necessary condition. Faster where most positions of a
    text cannot start a match, since the gate's first test is a plain character comparison.
    Flags other than IGNORECASE get no gate.
    """
    source = f"{lead}(?:{body})"
    prefixes = literal_prefixes(body) if flags & ~re.IGNORECASE == 0 else None
    if prefixes is None:
        return re.compile(source, flags)
    if flags & re.IGNORECASE:
        words = {p for p in prefixes if p[0].isascii() and p[0].isalpha()}
        others = [f"(?i:{re.escape(p)})" for p in sorted(prefixes - words)]
        pattern = re.compile(lead + gate(map(re.escape, words), also=others) + f"(?i:{body})")
    else:
        pattern = re.compile(lead + "(?=" + trie_regex(prefixes) + f")(?:{body})")
    GATED.append((source, pattern, source, flags))
    return pattern


def word_prefixes(words: Iterable[str]) -> list[str] | None:
    """Regexes for how the words (or phrases, spaces meaning any whitespace) begin: up to three
    letters of the first word, with the space after a shorter first word ("a few" → "a\\s").
    None when some word does not start with an ASCII letter (no gate can be built then)."""
    prefixes: set[str] = set()
    for word in words:
        first, _, rest = word.partition(" ")
        if not first[:1].isascii() or not first[:1].isalpha():
            return None
        prefixes.add(re.escape(first[:3]) + (r"\s" if rest and len(first) < 3 else ""))
    return sorted(prefixes)


def lowered_for_matching(text: str) -> str | None:
    r"""`text` lower-cased, when a pattern of lower-case ASCII letters (and any other ASCII or
    curly-quote characters) finds in it exactly what the same pattern with IGNORECASE finds in
    `text`; else None.

    That holds when lower-casing keeps every character a single character (so offsets stay)
    and the text has no dotless i or long s, which IGNORECASE takes for "i" and "s" while
    `lower()` leaves them as they are. Checked over every Unicode character: for all the
    others, IGNORECASE matches an ASCII character exactly when the lower-cased character
    equals it, and `\w` and `\s` hold for a character exactly when they hold lower-cased.
    """
    lowered = text.lower()
    if text.isascii():
        return lowered
    if len(lowered) != len(text) or "ı" in text or "ſ" in text:
        return None
    return lowered


class LazyPattern:
    """A regular expression compiled on first use and pickled as its text.

    Compiled rule sets are kept on disk (`briefings.compiled_cache`), but a pickled
    `re.Pattern` is compiled again when it is loaded, every pattern every time: a command line
    extracting one short article paid for the rules its text never triggers. Wrapped, a rule
    is compiled only when a sentence needs it, once per process."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0, compiled: re.Pattern[str] | None = None):
        self.pattern = pattern
        self.flags = flags
        self._compiled = compiled

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def finditer(self, text: str) -> Any:
        return self.compiled.finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled.search(text)

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LazyPattern):
            return NotImplemented
        return (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:40]!r}…)"
