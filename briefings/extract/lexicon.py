"""The named word lists of `briefings/data/lexicon.yaml`, loaded and validated once.

Every extractor reads months, weekdays, numbers, units, cues and clause markers from here, so
each list exists once: a month spelling added to the file reaches the time rules, the figure
finder and the clause splitter alike. Rules refer to a list by name (`{months}`); this module
turns a list into a regex alternation (longest form first, as a character trie) and maps a
matched surface form back to its canonical value.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefings.extract._lexicon import DATA_DIR, load_yaml
from briefings.textpatterns import trie_regex

DEFAULT_PATH = DATA_DIR / "lexicon.yaml"
_SPACE = r"\s+"


@functools.lru_cache(maxsize=65536)  # pure; the tense cues look up every token's norm
def fold_key(text: str) -> str:
    """The lookup key of a surface form: lower case, curly apostrophes straight, one space."""
    return " ".join(text.replace("’", "'").replace("‘", "'").lower().split())


@dataclass(frozen=True)
class WordList:
    """One named list: its forms, each form's canonical value, and how it is matched."""

    name: str
    forms: tuple[str, ...]
    values: dict[str, str] = field(default_factory=dict)  # fold_key(form) → value
    exact_case: bool = False

    def value(self, surface: str) -> str | None:
        """The canonical value of a matched form ("Sept." → "09"), None for a plain list."""
        return self.values.get(fold_key(surface))

    def __contains__(self, surface: object) -> bool:
        return isinstance(surface, str) and fold_key(surface) in self._keys

    @functools.cached_property
    def _keys(self) -> frozenset[str]:
        return frozenset(fold_key(form) for form in self.forms)

    def alternation(self) -> str:
        """A regex matching any form (longest first). Exact-case lists match the form as
        written or in capitals, even inside a case-insensitive pattern."""
        if not self.exact_case:
            return "(?:" + trie_regex(self.forms, space=_SPACE) + ")"
        variants = {variant for form in self.forms for variant in (form, form.upper())}
        return "(?-i:" + trie_regex(variants, space=_SPACE) + ")"


def _parse_list(name: str, spec: Any, where: str) -> WordList:
    if isinstance(spec, list):
        if not all(isinstance(item, str | int) for item in spec):
            raise ValueError(f"{where}: list '{name}' must hold words")
        return WordList(name, tuple(str(item) for item in spec))
    if not isinstance(spec, dict) or not isinstance(spec.get("values"), dict):
        raise ValueError(f"{where}: list '{name}' must be a list or have 'values'")
    case = spec.get("case", "any")
    if case not in {"any", "exact"}:
        raise ValueError(f"{where}: list '{name}': case must be 'any' or 'exact'")
    forms: list[str] = []
    values: dict[str, str] = {}
    for value, surfaces in spec["values"].items():
        if not isinstance(surfaces, list) or not surfaces:
            raise ValueError(f"{where}: list '{name}', value {value!r} needs a list of forms")
        for surface in surfaces:
            key = fold_key(str(surface))
            if key in values and values[key] != str(value):
                raise ValueError(f"{where}: list '{name}': {surface!r} has two values")
            values[key] = str(value)
            forms.append(str(surface))
    return WordList(name, tuple(forms), values, exact_case=case == "exact")


class Lexicon:
    """All named lists of one lexicon file."""

    def __init__(self, lists: dict[str, WordList]) -> None:
        self._lists = lists

    @classmethod
    def load(cls, path: Path = DEFAULT_PATH) -> Lexicon:
        data = load_yaml(path)
        return cls({name: _parse_list(name, spec, path.name) for name, spec in data.items()})

    def __getitem__(self, name: str) -> WordList:
        try:
            return self._lists[name]
        except KeyError:
            raise KeyError(f"lexicon has no list named {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self._lists

    def names(self) -> list[str]:
        return sorted(self._lists)

    def words(self, name: str) -> frozenset[str]:
        """The folded forms of a list, for token lookups."""
        return frozenset(fold_key(form) for form in self[name].forms)

    def number(self, text: str) -> int | None:
        """A count written in digits or words ("48", "a", "twenty-four", "two dozen")."""
        key = fold_key(text).replace("-", " ")
        digits = key.replace(",", "")
        if digits.isdigit():
            return int(digits)
        cardinals = self["cardinals"]
        whole = cardinals.value(key)
        if whole is not None:
            return int(whole)
        total = 0
        for word in key.split():
            value = cardinals.value(word)
            if value is None:
                return None
            total += int(value)
        return total or None


@functools.cache
def default_lexicon() -> Lexicon:
    return Lexicon.load()


def phrase_regex(words: frozenset[str] | tuple[str, ...]) -> re.Pattern[str]:
    """A case-insensitive pattern finding any of `words` between word boundaries."""
    return re.compile(r"(?<![\w'’-])(?:" + trie_regex(words, space=_SPACE) + r")(?![\w-])", re.I)
