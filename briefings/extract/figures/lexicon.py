"""The figure vocabulary of `briefings/data/figure_units.yaml`, loaded and checked once.

The lists classify what the analysis finds (a number, the tokens around it); they never
decide on their own that something is a figure. A malformed entry fails at load, naming it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefings.extract._lexicon import DATA_DIR, load_yaml, str_list
from briefings.extract.figures.phrases import PhraseTable, phrase_norms
from briefings.extract.lexicon import default_lexicon as shared_lexicon

DEFAULT_PATH = DATA_DIR / "figure_units.yaml"
_UNIT_KEYS = frozenset(
    {
        "event",
        "over",
        "keeps",
        "nouns",
        "after",
        "before",
        "weak_before",
        "tallies",
        "after_possessive",
    }
)


@dataclass(frozen=True)
class Unit:
    """One canonical unit and how it relates to others."""

    name: str
    event: bool  # what happened to people: its `before` phrases win over any noun
    over: frozenset[str]  # noun units its `before` phrases still win over
    keeps: frozenset[str]  # noun units its `after` predicates never replace


@dataclass(frozen=True, eq=False)
class FigureLexicon:
    units: dict[str, Unit]
    nouns: PhraseTable[str]
    after: PhraseTable[str]
    before: PhraseTable[str]
    weak_before: PhraseTable[str]
    tallies: PhraseTable[str]
    after_possessive: dict[str, str]  # head noun → unit after "Sudan's" ("46 million people")
    tally_links: PhraseTable[bool]
    source_verbs: frozenset[str]
    revision_before: PhraseTable[bool]
    revision_after: PhraseTable[bool]
    revision_in_predicate: PhraseTable[bool]
    part_before: PhraseTable[bool]
    part_after: PhraseTable[bool]
    qualifiers: PhraseTable[str]
    vague: PhraseTable[float]
    not_after: PhraseTable[bool]
    not_before: PhraseTable[bool]
    not_modifiers: frozenset[str]
    noun_modifiers: frozenset[str]
    fillers: PhraseTable[bool]
    place_prepositions: frozenset[str]
    place_nouns: PhraseTable[bool]
    definite_before: PhraseTable[bool]
    carry_verbs: PhraseTable[bool]
    agent_verbs: frozenset[str]  # "killed": with an object after, the count did it
    object_openers: PhraseTable[bool]  # "the", "at least": an object starts there
    not_objects: PhraseTable[bool]  # "the day before": a when, not an object
    number_words: frozenset[str]  # "three", "twenty", "hundred": they start another count
    joint_unit: str

    def is_vague(self, qualifier: str | None) -> bool:
        """Whether a qualifier names a vague quantity ("dozens of"), standing for the number."""
        if not qualifier:
            return False
        words = phrase_norms(qualifier)
        if words[-1:] == ("of",):
            words = words[:-1]
        return words in self.vague.phrases


def _number_words() -> frozenset[str]:
    shared = shared_lexicon()
    cardinals = {key for key in shared["cardinals"].values if " " not in key}
    return frozenset(
        (cardinals - {"a", "an", "single"}) | shared.words("tens") | shared.words("scales")
    )


def _flags(words: list[str]) -> PhraseTable[bool]:
    return PhraseTable.of((word, True) for word in words)


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(norm for word in words for norm in phrase_norms(word))


def _units(data: dict[str, Any], where: str) -> tuple[dict[str, Unit], dict[str, dict[str, Any]]]:
    raw = data.get("units")
    if not isinstance(raw, dict) or not raw:
        raise ValueError(f"{where}: 'units' must be a mapping of unit names")
    units: dict[str, Unit] = {}
    specs: dict[str, dict[str, Any]] = {}
    for name, spec in raw.items():
        at = f"{where}: unit {name!r}"
        if not isinstance(spec, dict):
            raise ValueError(f"{at} must be a mapping")
        unknown = set(spec) - _UNIT_KEYS
        if unknown:
            raise ValueError(f"{at}: unknown keys {sorted(unknown)}")
        units[str(name)] = Unit(
            name=str(name),
            event=bool(spec.get("event")),
            over=frozenset(str_list(spec, "over", at)),
            keeps=frozenset(str_list(spec, "keeps", at)),
        )
        specs[str(name)] = spec
    for unit in units.values():
        for other in unit.over | unit.keeps:
            if other not in units:
                raise ValueError(f"{where}: unit {unit.name!r} names unknown unit {other!r}")
    return units, specs


def _table(specs: dict[str, dict[str, Any]], key: str, where: str) -> PhraseTable[str]:
    return PhraseTable.of(
        (phrase, name)
        for name, spec in specs.items()
        for phrase in str_list(spec, key, f"{where}: unit {name!r}")
    )


def load_lexicon(path: Path = DEFAULT_PATH) -> FigureLexicon:
    data = load_yaml(path)
    where = path.name
    units, specs = _units(data, where)
    vague_raw = data.get("vague") or {}
    if not isinstance(vague_raw, dict):
        raise ValueError(f"{where}: 'vague' must map phrases to values")
    joint = str(data.get("joint_unit", "casualties"))
    if joint not in units:
        raise ValueError(f"{where}: joint_unit {joint!r} is not a unit")

    def words(key: str) -> list[str]:
        return str_list(data, key, where)

    return FigureLexicon(
        units=units,
        nouns=_table(specs, "nouns", where),
        after=_table(specs, "after", where),
        before=_table(specs, "before", where),
        weak_before=_table(specs, "weak_before", where),
        tallies=_table(specs, "tallies", where),
        after_possessive={
            noun.lower(): name
            for name, spec in specs.items()
            for noun in str_list(spec, "after_possessive", f"{where}: unit {name!r}")
        },
        tally_links=_flags(words("tally_links")),
        source_verbs=_folded(words("source_verbs")),
        revision_before=_flags(words("revision_before")),
        revision_after=_flags(words("revision_after")),
        revision_in_predicate=_flags(words("revision_in_predicate")),
        part_before=_flags(words("part_before")),
        part_after=_flags(words("part_after")),
        qualifiers=PhraseTable.of((q, " ".join(q.lower().split())) for q in words("qualifiers")),
        vague=PhraseTable.of((str(k), float(v)) for k, v in vague_raw.items()),
        not_after=_flags(words("not_after")),
        not_before=_flags(words("not_before")),
        not_modifiers=_folded(words("not_modifiers")),
        noun_modifiers=_folded(words("noun_modifiers")),
        fillers=_flags(words("predicate_fillers")),
        place_prepositions=_folded(words("place_prepositions")),
        place_nouns=_flags(words("place_nouns")),
        definite_before=_flags(words("definite_before")),
        carry_verbs=_flags(words("carry_verbs")),
        agent_verbs=_folded(words("agent_verbs")),
        object_openers=_flags(words("object_openers")),
        not_objects=_flags(words("not_objects")),
        number_words=_number_words(),
        joint_unit=joint,
    )


@functools.cache
def default_lexicon() -> FigureLexicon:
    return load_lexicon()
