"""Shared loading of the word lists in `briefings/data/` for the extractors.

The lists live in YAML so that a non-programmer can extend them; this module turns them into
compiled patterns once per process (with the helpers in `briefings.textpatterns`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from briefings.models import Stance
from briefings.textpatterns import lowered_for_matching, trie_regex

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
# libyaml's parser when PyYAML has it (several times faster to load the registry), else the
# pure-Python one; both are safe loaders and read these files identically.
_YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def load_yaml(path: Path) -> dict[str, Any]:
    """Read a YAML mapping; a file that is not a mapping is a data error."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_YAML_LOADER)
    if not isinstance(data, dict):
        raise ValueError(f"{path.name}: expected a mapping at the top level")
    return data


def str_list(data: dict[str, Any], key: str, where: str) -> list[str]:
    """`data[key]` as a list of strings (missing → empty)."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: '{key}' must be a list of strings")
    return list(value)


def fold(text: str) -> str:
    """Strip accents: "Erdoğan" → "Erdogan", "Türkiye" → "Turkiye"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def phrase_pattern(phrase: str) -> str:
    """A literal phrase whose spaces match any whitespace (and an opening quote)."""
    parts = [re.escape(part) for part in phrase.split()]
    return r"\s+[\"“‘']?".join(parts)


@dataclass(frozen=True)
class VerbForm:
    """One inflected reporting-verb form."""

    form: str
    lemma: str
    stance: Stance
    skip_object: bool
    noun_like: bool
    acts: tuple[str, ...] = ()  # objects that make the verb an act ("declared war")


@dataclass(frozen=True)
class SpeechLexicon:
    forms: dict[str, VerbForm]  # lower-cased form (single spaces) → entry
    pattern: re.Pattern[str]  # finds any form, longest first, on word boundaries
    state_roles: frozenset[str]
    group_roles: frozenset[str]
    org_roles: frozenset[str]
    roles_pattern: re.Pattern[str]  # a role noun phrase at the end of a string
    roles_any: re.Pattern[str]  # a role noun phrase anywhere
    lowered: re.Pattern[str] | None = None  # `pattern` without IGNORECASE (ASCII forms only)
    role_words: frozenset[str] = frozenset()  # the three role sets together

    def spans(self, sentence: str) -> Iterator[tuple[int, int]]:
        """Where `pattern` finds a form in `sentence`. Matching the lower-cased sentence
        without IGNORECASE finds the same spans about twice as fast (see `lowered_for_matching`),
        so that is done whenever it is exact."""
        lowered = lowered_for_matching(sentence) if self.lowered is not None else None
        if self.lowered is not None and lowered is not None:
            return (match.span() for match in self.lowered.finditer(lowered))
        return (match.span() for match in self.pattern.finditer(sentence))

    def lookup(self, matched: str) -> VerbForm:
        key = " ".join(matched.replace("“", " ").replace("‘", " ").replace('"', " ").split())
        return self.forms[key.lower()]


@functools.cache
def speech_lexicon(path: Path | None = None) -> SpeechLexicon:
    """The reporting verbs of `speech_verbs.yaml` (cached)."""
    path = path or DATA_DIR / "speech_verbs.yaml"
    data = load_yaml(path)
    verbs = data.get("verbs")
    if not isinstance(verbs, dict):
        raise ValueError(f"{path.name}: 'verbs' must be a mapping")
    forms: dict[str, VerbForm] = {}
    for lemma, spec in verbs.items():
        where = f"{path.name}: verb '{lemma}'"
        if not isinstance(spec, dict) or "stance" not in spec:
            raise ValueError(f"{where} needs a stance")
        try:
            stance = Stance(spec["stance"])
        except ValueError as exc:
            raise ValueError(f"{where}: unknown stance {spec['stance']!r}") from exc
        skip = spec.get("object") == "skip"
        acts = tuple(a.lower() + " " for a in str_list(spec, "acts", where))
        for form in str_list(spec, "forms", where):
            forms.setdefault(form.lower(), VerbForm(form, str(lemma), stance, skip, False, acts))
        for form in str_list(spec, "nouns", where):
            forms.setdefault(form.lower(), VerbForm(form, str(lemma), stance, skip, True, acts))
    source = r"(?<![\w’'-])(?:" + trie_regex(forms, space=r"\s+[\"“‘']?") + r")(?![\w-])"
    pattern = re.compile(source, re.IGNORECASE)
    lowered = re.compile(source) if all(form.isascii() for form in forms) else None
    state_roles = frozenset(str_list(data, "state_roles", path.name))
    group_roles = frozenset(str_list(data, "group_roles", path.name))
    org_roles = frozenset(str_list(data, "org_roles", path.name))
    roles = trie_regex(state_roles | group_roles | org_roles, space=r"\s+")
    roles_pattern = re.compile(r"(?<![\w-])(?P<role>" + roles + r")\s*$", re.IGNORECASE)
    roles_any = re.compile(r"(?<![\w-])(?P<role>" + roles + r")(?![\w-])", re.IGNORECASE)
    return SpeechLexicon(
        forms,
        pattern,
        state_roles,
        group_roles,
        org_roles,
        roles_pattern,
        roles_any,
        lowered,
        state_roles | group_roles | org_roles,
    )
