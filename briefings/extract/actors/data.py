"""Reading the registry's data files: actors, their surface forms and the word lists.

`actors.yaml` is written by hand; files generated from public dictionaries (such as
`actors_petrarch.yaml`) follow it, marked `case: capitalised`. A generated entry whose name or
alias is already an actor only adds aliases to it, so hand-written canonical names stay
stable, and a surface form claimed twice keeps its first owner. Errors name the bad entry.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from briefings.extract._lexicon import fold, str_list
from briefings.models import ActorKind

SECTIONS: dict[str, ActorKind] = {
    "states": ActorKind.STATE,
    "territories": ActorKind.TERRITORY,
    "organisations": ActorKind.ORGANISATION,
    "armed_groups": ActorKind.ARMED_GROUP,
    "people": ActorKind.PERSON,
}
CONTEXT_RULES = frozenset({"first_name", "us_state", "standalone", "needs_verb"})
PLACE = -1  # a surface that is a place holding an actor's name ("New Mexico")
REGION = -3  # a country's province or state ("Guerrero"): not an actor, a hint of its state
OUTLET = -2  # a surface that names a news outlet

# The word lists a data file may hold (each a list of strings), by key.
WORD_LISTS = (
    "titles",
    "plural_titles",
    "place_heads",
    "organs",
    "place_name_parts",
    "ministry_areas",
    "action_verbs",
    "not_names",
    "name_openers",
    "house_named_parties",
    "org_words",
    "org_words_never_alone",
    "outlet_words",
    "state_institution_words",
    "generic_org_words",
    "role_nouns",
    "body_nouns",
    "group_nouns",
    "media_roles",
    "naming_words",
    "legislatures",
    "context_prepositions",
    "us_state_before",
    "us_state_after",
    "credit_openers",
    "staff_verbs",
    "aux_words",
    "national_branches",
    "organ_heads",
)

# An actor as stored: name, kind, affiliation, role, aliases (built into `Actor` on demand).
ActorRecord = tuple[str, str, str | None, str | None, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class Surface:
    """One surface form: whose it is, how it names it, and how its case must match."""

    form: str
    actor: int  # index into the actors, or PLACE / OUTLET / REGION
    via: str
    context: str | None = None
    exact: bool = True  # hand-written: as written; generated: capitalised words, any case
    outlet: str | None = None  # an OUTLET's name; a REGION's state

    def __reduce__(self) -> tuple[type[Surface], tuple[object, ...]]:
        # the compiled registry's cache holds ~24,000 of these: rebuilding each from a tuple
        # loads in a third of the time of the slotted dataclass's own state protocol
        return Surface, (self.form, self.actor, self.via, self.context, self.exact, self.outlet)


@dataclass
class RegistryData:
    """Everything read from the data files, before compiling."""

    actors: list[ActorRecord] = field(default_factory=list)
    surfaces: list[Surface] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    lists: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class _Entry:
    name: str
    kind: ActorKind
    affiliation: str | None
    role: str | None
    forms: list[tuple[str, str, bool]]  # (form, via, exact)
    context: str | None
    ambiguous: set[str]


@functools.lru_cache(maxsize=16384)
def normalise(name: str) -> str:
    """Key for case-insensitive look-up: no accents, dots, "the", possessive or extra space.
    Cached: the same few hundred names recur in every article."""
    text = fold(name).replace("’", "'").lower().strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    text = text.replace(".", "")
    return " ".join(text.split())


def variants(form: str, keep_the: bool = False) -> list[str]:
    """Spelling variants the tokens do not already fold: no leading "the", hyphen or space.
    `keep_the`: an outlet named "The" and one word keeps it ("The National", "The Hill")."""
    bare = re.sub(r"^(?:the|The)\s+", "", form.strip())
    form = form.strip() if keep_the and " " not in bare else bare
    out = [form]
    # "Nagorno-Karabakh" → "Nagorno Karabakh"; not "Ben-Gvir" or "Port-au-Prince"
    long_compound = form.count("-") == 1 and len(form) > 8
    if "-" in form and (" " in form or long_compound):
        out.append(form.replace("-", " "))
    return [v for v in dict.fromkeys(out) if v]


class _Reader:
    """Merges data files into one `RegistryData`."""

    def __init__(self) -> None:
        self.data = RegistryData()
        self.entries: list[_Entry] = []
        self.by_key: dict[str, _Entry] = {}
        self.places: list[str] = []
        self.regions: list[tuple[str, str]] = []  # (region, its state)

    def read(self, raw: dict[str, Any], source: str) -> None:
        case = raw.get("case", "exact")
        if case not in ("exact", "capitalised"):
            raise ValueError(f"{source}: 'case' must be 'exact' or 'capitalised'")
        exact = case == "exact"
        for name in WORD_LISTS:
            self.data.lists.setdefault(name, []).extend(str_list(raw, name, source))
        self.places.extend(str_list(raw, "places", source))
        regions = raw.get("regions") or {}
        if not isinstance(regions, dict):
            raise ValueError(f"{source}: 'regions' must map states to lists of names")
        for state in regions:
            self.regions.extend((name, str(state)) for name in str_list(regions, state, source))
        self.data.outlets.extend(str_list(raw, "outlets", source))
        seen: set[str] = set()
        for section, kind in SECTIONS.items():
            entries = raw.get(section) or []
            if not isinstance(entries, list):
                raise ValueError(f"{source}: '{section}' must be a list")
            for position, item in enumerate(entries):
                where = f"{source}: {section}[{position}]"
                entry = self._entry(item, kind, where, exact)
                if exact and entry.name in seen:
                    raise ValueError(f"{source}: actor {entry.name!r} is listed twice")
                seen.add(entry.name)
                self._merge(entry, exact)

    def _entry(self, raw: object, kind: ActorKind, where: str, exact: bool) -> _Entry:
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
            raise ValueError(f"{where}: each entry needs a 'name'")
        name: str = raw["name"].strip()
        context = raw.get("context")
        if context is not None and context not in CONTEXT_RULES:
            raise ValueError(f"{where}: unknown context rule {context!r}")
        forms: list[tuple[str, str, bool]] = [(name, "name", exact)]
        for key, via in (("aliases", "alias"), ("demonyms", "demonym"), ("metonyms", "metonym")):
            forms.extend((form, via, exact) for form in str_list(raw, key, where))
        affiliation = raw.get("affiliation")
        role = raw.get("role")
        return _Entry(
            name=name,
            kind=kind,
            affiliation=str(affiliation) if affiliation else None,
            role=str(role) if role else None,
            forms=forms,
            context=context,
            ambiguous=set(str_list(raw, "ambiguous", where)) or {name},
        )

    def _merge(self, entry: _Entry, exact: bool) -> None:
        if not exact:
            for form, _via, _exact in entry.forms:
                known = self.by_key.get(normalise(form))
                if known is not None:
                    known.forms.extend((f, "alias", False) for f, _, _ in entry.forms)
                    return
        self.entries.append(entry)
        for form, _via, _exact in entry.forms:
            self.by_key.setdefault(normalise(form), entry)

    def finish(self) -> RegistryData:
        data = self.data
        for place in self.places:
            data.surfaces.extend(Surface(v, PLACE, "name") for v in variants(place))
        states = {e.name for e in self.entries if e.kind in (ActorKind.STATE, ActorKind.TERRITORY)}
        for region, state in self.regions:
            if state not in states:
                continue  # a custom registry without that state: its regions mean nothing
            if normalise(region) in self.by_key:
                continue  # an actor's own name ("Tigray") is read as the actor
            data.surfaces.extend(Surface(v, REGION, "name", outlet=state) for v in variants(region))
        for outlet in data.outlets:
            data.surfaces.extend(
                Surface(v, OUTLET, "name", outlet=outlet) for v in variants(outlet, keep_the=True)
            )
        names = {entry.name for entry in self.entries}
        for index, entry in enumerate(self.entries):
            aliases = tuple(dict.fromkeys(f for f, _, _ in entry.forms if f != entry.name))
            hand_written = entry.forms[0][2]
            affiliation = entry.affiliation
            if not hand_written and affiliation not in names:
                affiliation = None  # a generated affiliation that did not survive filtering
            data.actors.append((entry.name, entry.kind.value, affiliation, entry.role, aliases))
            for form, via, exact in entry.forms:
                rule = entry.context if form in entry.ambiguous else None
                data.surfaces.extend(
                    Surface(variant, index, via, rule, exact) for variant in variants(form)
                )
        return data


def read_files(files: list[tuple[dict[str, Any], str]]) -> RegistryData:
    """Registry data from parsed files (mapping, name for errors), the hand-written one first."""
    reader = _Reader()
    for raw, source in files:
        reader.read(raw, source)
    return reader.finish()
