"""The actor registry: look-ups by name for commands, and mention finding for extraction.

`default_registry()` is lazy: building it reads no file, so a command that never looks an
actor up (`briefbot ask /help`) never compiles the registry; the first look-up loads the
compiled registry from the disk cache (`cache.py`), compiling it only when the data changed.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from briefings.extract._lexicon import DATA_DIR, load_yaml
from briefings.extract.actors.cache import load_or_compile
from briefings.extract.actors.compiled import Compiled, compile_data
from briefings.extract.actors.data import normalise, read_files
from briefings.extract.actors.finder import find_mentions
from briefings.extract.actors.memory import ArticleMemory
from briefings.extract.actors.model import ActorMention, OutletMention
from briefings.extract.analyse import analyse
from briefings.extract.analysis import SentenceAnalysis
from briefings.models import Actor, ActorKind

DEFAULT_PATH = DATA_DIR / "actors.yaml"
GENERATED_PATHS = (DATA_DIR / "actors_petrarch.yaml",)
SUGGEST_CUTOFF = 80.0
RESOLVE_CUTOFF = 88.0


def default_paths() -> list[Path]:
    """The hand-written registry, then the generated ones present."""
    return [DEFAULT_PATH, *(p for p in GENERATED_PATHS if p.exists())]


OUTLETS_PATH = DATA_DIR / "outlets.yaml"
REGIONS_PATH = DATA_DIR / "regions.yaml"


def _outlet_forms() -> dict[str, Any]:
    """Every outlet's name and aliases from `outlets.yaml`, as registry outlets: one list of
    the world's outlets serves ingest and keeps them from ever being actors."""
    forms: list[str] = []
    for outlet in load_yaml(OUTLETS_PATH).get("outlets") or []:
        forms.append(outlet["name"])
        forms.extend(outlet.get("aliases") or [])
    return {"outlets": forms}


def _compile_files(paths: list[Path]) -> Compiled:
    files = [(load_yaml(p), p.name) for p in paths]
    regions = [(load_yaml(REGIONS_PATH), REGIONS_PATH.name)] if REGIONS_PATH.exists() else []
    return compile_data(read_files([*files, (_outlet_forms(), OUTLETS_PATH.name), *regions]))


class ActorRegistry:
    """Known actors, their surface forms, and the rules to find them in text."""

    def __init__(self, data: dict[str, Any] | None = None, source: str = "actors.yaml") -> None:
        self._paths: list[Path] = []
        self._compiled: Compiled | None = None
        self._actors: list[Actor | None] = []
        self._last: tuple[str, list[OutletMention]] | None = None
        if data is not None:
            self._set(compile_data(read_files([(data, source)])))

    @classmethod
    def load(cls, path: Path | None = None) -> ActorRegistry:
        """Read a registry file (default: `actors.yaml` and the generated files), now."""
        registry = cls.lazy([path] if path is not None else default_paths())
        registry._ready()
        return registry

    @classmethod
    def lazy(cls, paths: list[Path]) -> ActorRegistry:
        """A registry that reads `paths` on its first use."""
        registry = cls()
        registry._paths = list(paths)
        return registry

    def _set(self, compiled: Compiled) -> None:
        self._compiled = compiled
        self._actors = [None] * len(compiled.actors)

    def _ready(self) -> Compiled:
        if self._compiled is None:
            paths = self._paths
            self._set(load_or_compile(paths, lambda: _compile_files(paths)))
        assert self._compiled is not None
        return self._compiled

    def _actor(self, number: int) -> Actor:
        """The actor at `number`, built on first use (most of the registry never is)."""
        actor = self._actors[number]
        if actor is None:
            name, kind, affiliation, role, aliases = self._ready().actors[number]
            actor = Actor(
                name=name,
                kind=ActorKind(kind),
                affiliation=affiliation,
                role=role,
                aliases=aliases,
            )
            self._actors[number] = actor
        return actor

    # --- look-ups ---------------------------------------------------------------------------

    def actors(self) -> list[Actor]:
        """Every known actor, in file order."""
        return [self._actor(n) for n in range(len(self._ready().actors))]

    def get(self, name: str) -> Actor | None:
        """Exact look-up by canonical name or any alias, demonym or metonym (any case)."""
        key = normalise(name)
        if not key:
            return None
        number = self._ready().index.get(key)
        return None if number is None else self._actor(number)

    def person_noun(self, word: str) -> bool:
        """Whether a plural noun counts people by a role the registry knows ("airmen",
        "bishops", "backpackers"): its singular is one of the role nouns."""
        word = word.lower()
        roles = self._ready().words.roles
        return any(singular in roles for singular in _singulars(word))

    def is_outlet(self, name: str) -> bool:
        """True for a news outlet or agency name ("CNN", "Armenpress", "Russia Today")."""
        return normalise(name) in self._ready().outlet_names

    def suggest(self, name: str, limit: int = 3) -> list[str]:
        """Canonical names closest to `name` (rapidfuzz ratio ≥ 80 on normalised forms)."""
        key = normalise(name)
        if not key or limit <= 0:
            return []
        return [canonical for canonical, _score in self._ranked(key, SUGGEST_CUTOFF)][:limit]

    def resolve(self, name: str) -> Actor | None:
        """`get`, else one confident fuzzy match (ratio ≥ 88, no close rival)."""
        exact = self.get(name)
        if exact is not None:
            return exact
        key = normalise(name)
        if len(key) < 4:
            return None
        ranked = self._ranked(key, RESOLVE_CUTOFF)
        if not ranked:
            return None
        best, best_score = ranked[0]
        for other, score in ranked[1:]:
            if other != best and best_score - score < 3:
                return None
        return self.get(best)

    def _ranked(self, key: str, cutoff: float) -> list[tuple[str, float]]:
        """(canonical name, best score) pairs, best first, one per actor."""
        compiled = self._ready()
        from rapidfuzz import fuzz, process  # here: extraction never asks for near names

        hits = process.extract(
            key, compiled.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=50
        )
        best: dict[str, float] = {}
        for _choice, score, index in hits:
            canonical = compiled.actors[compiled.fuzzy_actors[index]][0]
            best[canonical] = max(best.get(canonical, 0.0), float(score))
        return sorted(best.items(), key=lambda item: (-item[1], item[0]))

    # --- finding mentions -------------------------------------------------------------------

    def find_in(
        self, analysis: SentenceAnalysis, memory: ArticleMemory | None = None
    ) -> list[ActorMention]:
        """Actor mentions in an analysed sentence; `memory` carries what the article's earlier
        sentences introduced (names, surnames, acronyms). The outlets named are kept in
        `analysis.layers["outlets"]`."""
        mentions, outlets = find_mentions(self._ready(), self._actor, analysis, memory)
        analysis.layers["actors"] = mentions
        analysis.layers["outlets"] = outlets
        self._last = (analysis.text, outlets)
        return mentions

    def find(self, sentence: str, memory: ArticleMemory | None = None) -> list[ActorMention]:
        """Actor mentions in one sentence: non-overlapping, sorted by start."""
        return self.find_in(analyse(sentence), memory)

    def find_outlets(self, sentence: str) -> list[OutletMention]:
        """News outlets and agencies named in the sentence (never actors)."""
        last = self._last
        if last is not None and last[0] == sentence:
            return list(last[1])
        _mentions, outlets = find_mentions(self._ready(), self._actor, analyse(sentence))
        return outlets


@functools.cache
def default_registry() -> ActorRegistry:
    """The registry of `briefings/data/`, read on first use and then kept for the process."""
    return ActorRegistry.lazy(default_paths())


def _singulars(plural: str) -> list[str]:
    """The singulars a plural may have: "airmen" → "airman", "bishops" → "bishop",
    "witnesses" → "witness"; none for a word that is not plural-shaped."""
    if plural.endswith("men") and len(plural) > 4:
        return [plural[:-3] + "man"]
    if plural.endswith("es") and len(plural) > 4:
        return [plural[:-2], plural[:-1]]
    if plural.endswith("s") and not plural.endswith("ss") and len(plural) > 3:
        return [plural[:-1]]
    return []
