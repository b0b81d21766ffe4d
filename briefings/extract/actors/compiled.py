"""The registry compiled for matching: the gazetteer, the look-up index and the word lists.

Compiling tokenises some forty thousand surface forms, which takes about a second; the result
is plain data, so `cache.py` keeps it on disk and later processes only unpickle it.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefings.extract.actors.data import OUTLET, ActorRecord, RegistryData, Surface, normalise
from briefings.extract.actors.gazetteer import Gazetteer
from briefings.extract.actors.phrases import PhraseSet, phrase_keys

COMPILED_VERSION = 5
# First words of multi-word reporting forms ("was quoted") that are no verb of their own.
_AUXILIARIES = frozenset(
    {
        "was",
        "were",
        "is",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "must",
        "not",
        "to",
        "it",
        "in",
        "on",
        "at",
    }
)  # bump when the shape of `Compiled` or the matching rules' data change


@dataclass(frozen=True)
class Words:
    """The word lists of the data files, in the form the rules look them up."""

    titles: PhraseSet  # "President", "Sen.", "police chief": a role right before a name
    plural_titles: frozenset[str]  # "Justices", "Foreign Ministers": a title before names
    place_heads: frozenset[str]  # "province", "authorities": after a place's name
    organs: PhraseSet  # "Foreign Ministry", "army": a state's own institution
    place_name_parts: PhraseSet  # "Statute", "agreements": a capital inside another name
    ministry_areas: PhraseSet  # "Foreign Affairs", "Defense"
    institutions: PhraseSet  # "Service", "Commission": after a state's possessive
    roles: PhraseSet  # role nouns, any case ("candidate", "foreign minister", "lawyer")
    groups: PhraseSet  # nouns for bodies, beside a name ("party", "movement", "union")
    bodies: PhraseSet  # the same and the agents' ("election commission", "riot police")
    media_roles: PhraseSet  # "journalist", "photographer": newsroom staff, never actors
    naming: PhraseSet  # "called", "known as": a name follows
    legislatures: PhraseSet  # "Congress", "Parliament": a state's own when named alone
    context_prepositions: PhraseSet
    us_state_before: PhraseSet
    us_state_after: PhraseSet
    credit_openers: PhraseSet  # "Photo:", "Reporting by": a credit line
    staff_verbs: PhraseSet  # "reported from", "contributed": newsroom staff
    aux: frozenset[str]  # "has", "also", "on Monday": between a subject and its verb
    verbs: frozenset[str]  # reporting and action verbs (first words, folded)
    not_names: frozenset[str]  # case-sensitive words that never make up a name
    name_openers: frozenset[str]  # of those, words that open a body's name mid-sentence
    org_words: frozenset[str]
    org_never_alone: frozenset[str]
    generic_org_words: frozenset[str]
    house_named_parties: tuple[str, ...]  # parties called by a house's word ("Congress")
    outlet_words: frozenset[str]
    national_branches: frozenset[str]  # "Red Cross": a state's own society when after it
    organ_heads: frozenset[str]  # "Ministry": a run ending so is a state's, not a body's own


@dataclass(frozen=True)
class Compiled:
    actors: list[ActorRecord]
    surfaces: list[Surface]
    gazetteer: Gazetteer
    index: dict[str, int]  # normalised form → actor
    fuzzy_keys: list[str]
    fuzzy_actors: list[int]
    outlet_names: frozenset[str]
    words: Words


def _words(data: RegistryData) -> Words:
    lists = data.lists

    def phrases(*names: str, exact: bool = False) -> PhraseSet:
        return PhraseSet((form for name in names for form in lists.get(name, [])), exact)

    # the reporting verbs of the claim finder end a name ("Aliyev said"); imported here, not
    # at the top, because the claim finder itself reads actors
    from briefings.extract.claims.vocabulary import default_vocabulary

    verbs = {phrase_keys(head)[0] for head in default_vocabulary().verb_heads if phrase_keys(head)}
    verbs -= _AUXILIARIES
    verbs |= {key for verb in lists.get("action_verbs", []) for key in phrase_keys(verb)[:1]}
    return Words(
        titles=phrases("titles", "plural_titles"),
        plural_titles=frozenset(lists.get("plural_titles", [])),
        place_heads=frozenset(w.lower() for w in lists.get("place_heads", [])),
        organs=phrases("organs", exact=True),
        place_name_parts=phrases("place_name_parts"),
        ministry_areas=phrases("ministry_areas"),
        institutions=phrases("state_institution_words"),
        roles=phrases("titles", "plural_titles", "role_nouns"),
        groups=phrases("group_nouns"),
        bodies=phrases("body_nouns", "group_nouns"),
        media_roles=phrases("media_roles"),
        naming=phrases("naming_words"),
        legislatures=phrases("legislatures"),
        context_prepositions=phrases("context_prepositions"),
        us_state_before=phrases("us_state_before"),
        us_state_after=phrases("us_state_after"),
        credit_openers=phrases("credit_openers"),
        staff_verbs=phrases("staff_verbs"),
        aux=frozenset(k for w in lists.get("aux_words", []) for k in phrase_keys(w)),
        verbs=frozenset(verbs),
        not_names=frozenset(lists.get("not_names", [])),
        name_openers=frozenset(lists.get("name_openers", [])),
        org_words=frozenset(lists.get("org_words", [])),
        org_never_alone=frozenset(lists.get("org_words_never_alone", [])),
        generic_org_words=frozenset(lists.get("generic_org_words", [])),
        house_named_parties=tuple(lists.get("house_named_parties", [])),
        outlet_words=frozenset(lists.get("outlet_words", [])),
        national_branches=frozenset(lists.get("national_branches", [])),
        organ_heads=frozenset(lists.get("organ_heads", [])),
    )


def compile_data(data: RegistryData) -> Compiled:
    """Index the surfaces for matching and for look-ups by name."""
    index: dict[str, int] = {}
    fuzzy_keys: list[str] = []
    fuzzy_actors: list[int] = []
    outlet_names: set[str] = set()
    for surface in data.surfaces:
        if surface.actor == OUTLET and surface.outlet:
            outlet_names.add(normalise(surface.outlet))
    for surface in data.surfaces:
        if surface.actor < 0:
            continue
        key = normalise(surface.form)
        if key and key not in index and key not in outlet_names:
            index[key] = surface.actor
            fuzzy_keys.append(key)
            fuzzy_actors.append(surface.actor)
    for number, record in enumerate(data.actors):
        for form in (record[0], *record[4]):
            key = normalise(form)
            if key and key not in index and key not in outlet_names:
                index[key] = number
                fuzzy_keys.append(key)
                fuzzy_actors.append(number)
    return Compiled(
        actors=data.actors,
        surfaces=data.surfaces,
        gazetteer=Gazetteer(data.surfaces),
        index=index,
        fuzzy_keys=fuzzy_keys,
        fuzzy_actors=fuzzy_actors,
        outlet_names=frozenset(outlet_names),
        words=_words(data),
    )
