"""Who "he", "she", "they", "the senator" and a bare surname refer to.

The article is read in order; every actor mentioned and every speaker found is remembered
with where it was last seen, its kind (person, organisation, group) and, for people, the
gender that their given name, title or role word marks. A pronoun resolves to the nearest
earlier entity that fits — "she" to a woman or a person of unknown gender, never to the army
command; "it" to an organisation or state; "they" to a group or institution.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.extract.claims.vocabulary import AttributionVocabulary
from briefings.models import Actor, ActorKind

PERSON = "person"
BODY = "body"  # a state, organisation or institution
GROUP = "group"  # an unnamed plural ("analysts", "officials")
DOCUMENT = "document"

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_NEUTER = frozenset({"it", "its", "itself"})
PRONOUNS = _MALE | _FEMALE | _PLURAL | _NEUTER
_GENDER_OVER_DISTANCE = 600  # chars: a gender match this much further back still wins
_HORIZON = 6000  # chars: nothing older is a pronoun's referent


@dataclass
class Entity:
    """Something the article named: what it is and where it was last seen."""

    actor: Actor
    kind: str
    gender: str | None = None  # "m", "f" or unknown
    last: int = 0
    heads: set[str] = field(default_factory=set)  # role nouns it was named with

    @property
    def name(self) -> str:
        return self.actor.name


def kind_of(actor: Actor) -> str:
    if actor.kind is ActorKind.PERSON:
        return PERSON
    if actor.kind is ActorKind.UNKNOWN:
        return GROUP if actor.name[:1].islower() else PERSON
    return BODY


class Discourse:
    """The entities of one article, in reading order."""

    def __init__(self, vocabulary: AttributionVocabulary) -> None:
        self.vocabulary = vocabulary
        self.entities: dict[str, Entity] = {}
        self.by_surname: dict[str, Entity] = {}

    def gender_of(self, words: list[str]) -> str | None:
        """The gender that given names, titles or role words among `words` mark."""
        male = self.vocabulary.male
        female = self.vocabulary.female
        for word in words:
            key = word.lower().rstrip(".")
            if key in male:
                return "m"
            if key in female:
                return "f"
        return None

    def note(
        self,
        actor: Actor,
        position: int,
        *,
        kind: str | None = None,
        gender: str | None = None,
        head: str | None = None,
    ) -> Entity:
        """Remember that `actor` was mentioned at `position` (an article offset)."""
        entity = self.entities.get(actor.name)
        if entity is None:
            entity = Entity(actor, kind or kind_of(actor))
            self.entities[actor.name] = entity
            if entity.kind == PERSON and " " in actor.name:
                self.by_surname.setdefault(actor.name.split()[-1].lower(), entity)
        if kind == PERSON and entity.kind != PERSON:
            entity.kind = PERSON
        entity.last = max(entity.last, position)
        if entity.gender is None:
            entity.gender = gender or (
                self.gender_of(actor.name.split()[:1]) if entity.kind == PERSON else None
            )
        if head:
            entity.heads.add(head)
        return entity

    def surname(self, word: str) -> Entity | None:
        """The person named earlier in full whose surname this is ("Okafor" → "Ada Okafor")."""
        return self.by_surname.get(word.lower())

    def pronoun(self, word: str, position: int) -> Entity | None:
        """The referent of a third-person pronoun at `position`, None when nothing fits."""
        word = word.lower()
        if word in _MALE or word in _FEMALE:
            return self._person("m" if word in _MALE else "f", position)
        if word in _PLURAL:
            return self._nearest(position, {GROUP, BODY}, plural_people=True)
        if word in _NEUTER:
            return self._nearest(position, {BODY, DOCUMENT})
        return None

    def definite(self, head: str, position: int, kinds: set[str]) -> Entity | None:
        """The referent of "the <head>" ("the senator", "the ministry"): the nearest entity
        named with that head, else the nearest of the right kind."""
        candidates = self._recent(position)
        for entity in candidates:
            if head in entity.heads:
                return entity
        for entity in candidates:
            if entity.kind in kinds:
                return entity
        return None

    def _recent(self, position: int) -> list[Entity]:
        found = [
            e
            for e in self.entities.values()
            if e.last < position and position - e.last <= _HORIZON
        ]
        found.sort(key=lambda e: e.last, reverse=True)
        return found

    def _person(self, gender: str, position: int) -> Entity | None:
        unknown: Entity | None = None
        for entity in self._recent(position):
            if entity.kind != PERSON:
                continue
            if entity.gender == gender:
                if unknown is None or unknown.last - entity.last <= _GENDER_OVER_DISTANCE:
                    return entity
                return unknown
            if entity.gender is None and unknown is None:
                unknown = entity
        return unknown

    def _nearest(
        self, position: int, kinds: set[str], *, plural_people: bool = False
    ) -> Entity | None:
        for entity in self._recent(position):
            if entity.kind in kinds:
                return entity
            if plural_people and entity.kind == GROUP:
                return entity
        return None
