"""Who "he", "she", "they", "the senator" and a bare surname refer to.

The article is read in order; every actor mentioned and every speaker found is remembered
with where it was last seen, its kind (person, organisation, group) and, for people, the
gender that their given name, title or role word marks. A pronoun resolves to the nearest
earlier entity that fits — "she" to a woman or a person of unknown gender, never to the army
command; "it" to an organisation or state; "they" to a group or institution.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from briefings.extract.analysis import capitalised
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
_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]{1,5}-[a-z]{2,6}$")  # Korean given names
_SPEAKER_SPAN = 500  # chars: a speaker quoted this recently is who "he said" goes on with


_EMPLOYER_LINKS = frozenset({"for", "of", "at", "with", "from"})


@dataclass
class Entity:
    """Something the article named: what it is and where it was last seen."""

    actor: Actor
    kind: str
    gender: str | None = None  # "m", "f" or unknown
    positions: list[int] = field(default_factory=list)  # article offsets, in reading order
    heads: set[str] = field(default_factory=set)  # role nouns it was named with
    # a force its role names ("army" in "army captain"): "the army chief" is this person,
    # "the army" is not
    modifiers: set[str] = field(default_factory=set)
    # where a state's demonym only described people ("Egyptians", "Syrian survivors"): these
    # do not make it the state the article is about
    as_nationality: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.actor.name

    def seen_before(self, position: int) -> int | None:
        """The last mention before `position` (a later one in the same sentence does not
        count for a pronoun before it)."""
        at = bisect.bisect_left(self.positions, position)
        return self.positions[at - 1] if at else None


def kind_of(actor: Actor, vocabulary: AttributionVocabulary | None = None) -> str:
    """What an actor is for the pronouns: an unknown name ending in "Unions" or
    "Commission" is a body, any other capitalised one a person."""
    if actor.kind is ActorKind.PERSON:
        return PERSON
    if actor.kind is ActorKind.UNKNOWN:
        if not capitalised(actor.name):
            return GROUP  # "analysts"; not "al-Siddiq al-Sour"
        return BODY if vocabulary is not None and vocabulary.org_name(actor.name) else PERSON
    return BODY


@functools.lru_cache(maxsize=4096)
def _role_words(words: str) -> tuple[str, ...]:
    """The words of a role as `Discourse.note` reads them (cached: an article names the same
    roles over and over, and every mention is noted)."""
    return tuple(word.strip(".,") for word in words.lower().replace("-", " ").split())


class Discourse:
    """The entities of one article, in reading order."""

    def __init__(self, vocabulary: AttributionVocabulary) -> None:
        self.vocabulary = vocabulary
        self.entities: dict[str, Entity] = {}
        self.by_surname: dict[str, Entity] = {}
        self.speaker: tuple[Entity | None, int] = (None, 0)
        self.speaker_gender: str | None = None  # of the last speaker's role ("spokeswoman")
        self.subject: tuple[Entity | None, int] = (None, 0)  # a person opening a sentence
        self.issuer: tuple[Entity | None, int] = (None, 0)  # who issued the last statement
        self.story_state: str | None = None  # the state the whole article names most
        # (state, role) → the person the article names anywhere who holds it (registry)
        self.office_holders: dict[tuple[str, str], Actor] = {}

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
        role: str | None = None,
        nationality: bool = False,
    ) -> Entity:
        """Remember that `actor` was mentioned at `position` (an article offset), with the
        role it was named with ("the senator" later refers back to "Sen. Ana Diaz")."""
        entity = self.entities.get(actor.name)
        if entity is None:
            entity = Entity(actor, kind or kind_of(actor, self.vocabulary))
            self.entities[actor.name] = entity
            if entity.kind == PERSON and " " in actor.name:
                parts = actor.name.split()
                self.by_surname.setdefault(parts[-1].lower(), entity)
                if parts[0].lower() in self.vocabulary.family_first or any(
                    # "Han Dong-hoon", "Yoon Suk-yeol", "Lin Jian": the family name comes first
                    _HYPHENATED_GIVEN.match(name.split()[-1])
                    for name in (actor.name, *actor.aliases)
                    if " " in name
                ):
                    self.by_surname.setdefault(parts[0].lower(), entity)
        elif actor.affiliation and not entity.actor.affiliation:
            entity.actor = actor  # what the registry or an apposition knows of them
        if kind == PERSON and entity.kind != PERSON:
            entity.kind = PERSON
        bisect.insort(entity.positions, position)
        if nationality:
            bisect.insort(entity.as_nationality, position)
        if entity.gender is None:
            entity.gender = gender or (
                self.gender_of(actor.name.split()[:1]) if entity.kind == PERSON else None
            )
        if head:
            entity.heads.add(head)
        forces = self.vocabulary.state_forces
        for words in (role, actor.role):
            employer = False  # past "for"/"of": "a spokesman for the ministry" is no ministry
            for word in _role_words(words) if words else ():
                if entity.kind == PERSON and word in _EMPLOYER_LINKS:
                    employer = True
                if entity.kind == PERSON and (employer or word in forces):
                    entity.modifiers.add(word)  # "army captain X": "the army" is not X
                    continue
                entity.heads.add(self.vocabulary.title_forms.get(word, word))
        return entity

    def holder(self, state: str, role: str, position: int, phrase: str = "") -> Entity | None:
        """The person named before `position` who holds `role` for `state` (its president,
        its prime minister), the one seen last; `phrase`, the role as written ("health
        minister"), also finds one whose title ends so ("Saudi Health Minister X")."""
        found: tuple[int, Entity] | None = None
        for entity in self.entities.values():
            actor = entity.actor
            if entity.kind != PERSON or actor.affiliation not in (state, None):
                continue  # (a person the registry does not know has no affiliation)
            title = (actor.role or "").lower()
            if " " in phrase:  # "health minister": that minister, not any
                if not title.endswith(phrase) and phrase not in entity.heads:
                    continue
            elif role not in entity.heads and title != role:
                continue
            seen = entity.seen_before(position)
            if seen is not None and (found is None or seen > found[0]):
                found = (seen, entity)
        if found:
            return found[1]
        later = self.office_holders.get((state, role))  # "Kazakhstan's president said" first
        return self.note(later, position, kind=PERSON) if later is not None else None

    def surname(self, word: str) -> Entity | None:
        """The person named earlier in full whose surname this is ("Okafor" → "Ada Okafor")."""
        return self.by_surname.get(word.lower())

    def opened(self, actor: Actor, position: int) -> None:
        """Remember a person who opens a sentence as its subject ("Prime Minister Narendra
        Modi visited the site."): "He said" next is most often them."""
        entity = self.entities.get(actor.name)
        if entity is not None and entity.kind == PERSON:
            self.subject = (entity, position)

    def learn_gender(self, actor: Actor, pronoun: str) -> None:
        """A person of unknown gender who says "she would …" about themself is a woman."""
        entity = self.entities.get(actor.name)
        if entity is not None and entity.kind == PERSON and entity.gender is None:
            entity.gender = "f" if pronoun in _FEMALE else "m"

    def spoke(self, actor: Actor, position: int, role: str | None = None) -> None:
        """Remember the last speaker: "he said" in the next sentences most often goes on
        with the one quoted — an unnamed one too ("a man … told state television …. 'People
        were running,' he said"), or the state whose spokeswoman spoke ("she said")."""
        self.speaker_gender = self.gender_of(role.split()[-1:]) if role else None
        entity = self.entities.get(actor.name)
        if _one_unnamed_person(actor.name) and self._person_word(actor.name.split()[-1]):
            gender = self.gender_of(actor.name.split()[-1:])
            if entity is None:
                entity = self.note(actor, position, kind=PERSON, gender=gender)
            entity.kind = PERSON
            entity.gender = entity.gender or gender
        self.speaker = (entity, position)

    def _person_word(self, word: str) -> bool:
        vocabulary = self.vocabulary
        return word in vocabulary.group_roles or word in vocabulary.person_roles

    def issued(self, actor: Actor, position: int) -> None:
        """Remember who issued a document ("The ministry issued a statement on Sunday")."""
        entity = self.entities.get(actor.name)
        if entity is not None:
            self.issuer = (entity, position)

    def document_author(self, position: int) -> Entity | None:
        """Who issued the document "the statement" at `position` names, if recently."""
        author, issued_at = self.issuer
        if author is None or not 0 <= position - issued_at <= 2 * _SPEAKER_SPAN:
            return None
        return author

    def speaking_body(self, position: int) -> Entity | None:
        """The state or organisation quoted just before, whose spokesperson or minister
        "the spokesperson" is."""
        last, spoken_at = self.speaker
        if last is None or last.kind != BODY or not 0 <= position - spoken_at <= _SPEAKER_SPAN:
            return None
        return last

    def pronoun(self, word: str, position: int) -> Entity | None:
        """The referent of a third-person pronoun at `position`, None when nothing fits: the
        speaker just quoted when they fit, else the nearest entity that fits."""
        word = word.lower()
        last, spoken_at = self.speaker
        recent = last is not None and 0 <= position - spoken_at <= _SPEAKER_SPAN
        if word in _MALE or word in _FEMALE:
            gender = "m" if word in _MALE else "f"
            subject, opened_at = self.subject
            if (
                subject is not None
                and subject is not last
                and opened_at > spoken_at
                and 0 <= position - opened_at <= _SPEAKER_SPAN
                and subject.gender in (None, gender)
            ):
                return subject  # the person the last sentence was about, not who spoke before
            if recent and last is not None and last.kind == BODY and self.speaker_gender == gender:
                return last  # "a military spokeswoman said …. '…,' she said": the state
            if (
                recent
                and last is not None
                and last.kind == PERSON
                and last.gender in (None, gender)
            ) and (
                last.gender == gender
                or self._person(gender, position) in (None, last)
                or not self._gendered_since(gender, spoken_at, position)
            ):
                return last  # '"…," said Irungu Houghton. He said …': the one just quoted
            return self._person(gender, position)
        if word in _PLURAL:
            if recent and last is not None and last.kind in (GROUP, BODY):
                return last
            nearest = self._nearest(position, {GROUP, BODY}, plural_people=True)
            plural = self._plural_named(position)
            if plural is not None and nearest is not None and plural is not nearest:
                gap = (nearest.seen_before(position) or 0) - (plural.seen_before(position) or 0)
                if gap <= _GENDER_OVER_DISTANCE:
                    return plural  # "The Houthis, backed by Iran, … They say": the Houthis
            return nearest
        if word in _NEUTER:
            if recent and last is not None and last.kind in (BODY, DOCUMENT):
                return last
            return self._nearest(position, {BODY, DOCUMENT})
        return None

    def definite(
        self, head: str, position: int, kinds: set[str], *, modifier: bool = False
    ) -> Entity | None:
        """The referent of "the <head>" ("the senator", "the campaign"): the nearest entity
        named with that head or holding that word in its name. A role never falls back to
        whoever was named last: "the commander" is not the spokesman quoted before. With
        `modifier`, the word modifies the phrase's head ("police" in "the police chief")."""
        recent = self._recent(position)
        for entity in recent:
            if head in entity.heads or (modifier and head in entity.modifiers):
                return entity  # named with that very role: whatever it is
            if entity.kind in kinds and head in _name_words(entity.name):
                return entity
        wanted = self.vocabulary.org_kinds.get(head)
        if wanted:  # "the group" after the Houthis: the nearest armed group or organisation
            for entity in recent:
                if entity.actor.kind.value in wanted or (
                    # a body named by rule ("Hawaiian Electric … The utility said")
                    "organisation" in wanted
                    and entity.actor.kind is ActorKind.UNKNOWN
                    and entity.kind == BODY
                ):
                    return entity
        return None

    def home_state(self, position: int, *, story: bool = False) -> Entity | None:
        """The state the article is about so far: named most often before `position` (the
        first named on a tie: a story introduces its state early, others in passing, as
        "South Korea's ambassador to Saudi Arabia") — whose ministry "the Culture Ministry" is.
        With `story`, before any state is named, the state the whole article names most."""
        best: tuple[int, int, Entity] | None = None
        for entity in self.entities.values():
            if entity.actor.kind not in (ActorKind.STATE, ActorKind.TERRITORY):
                continue
            count = bisect.bisect_left(entity.positions, position)
            count -= bisect.bisect_left(entity.as_nationality, position)
            if count <= 0:
                continue
            key = (count, -entity.positions[0], entity)
            if best is None or key[:2] > best[:2]:
                best = key
        if best:
            return best[2]
        leaders = self._leaders_state(position)
        return leaders if leaders is not None or not story else self._story_state()

    def _story_state(self) -> Entity | None:
        """The state the whole article names most, for sentences before any is named."""
        if self.story_state is None:
            return None
        from briefings.extract.actors import default_registry  # loaded by then: no cycle

        state = default_registry().get(self.story_state)
        return Entity(state, BODY) if state is not None else None

    def _leaders_state(self, position: int) -> Entity | None:
        """Before any state is named, the state whose leaders were ("Yoon accepted …, the
        presidential office said": South Korea's office)."""
        from briefings.extract.actors import default_registry  # loaded by then: no cycle

        registry = default_registry()
        counts: dict[str, int] = {}
        for entity in self.entities.values():
            affiliation = entity.actor.affiliation
            if entity.kind == PERSON and affiliation and entity.seen_before(position) is not None:
                counts[affiliation] = counts.get(affiliation, 0) + 1
        for name, _ in sorted(counts.items(), key=lambda pair: -pair[1]):
            state = registry.get(name)
            if state is not None and state.kind is ActorKind.STATE:
                return Entity(state, BODY)
        return None

    def _gendered_since(self, gender: str, since: int, position: int) -> bool:
        """Whether a person of `gender` was named between `since` and `position`: only
        then may "he" skip the speaker just quoted, whose gender no word marks."""
        for entity in self.entities.values():
            if entity.kind != PERSON or entity.gender != gender:
                continue
            last = entity.seen_before(position)
            if last is not None and last >= since:
                return True
        return False

    def _plural_named(self, position: int) -> Entity | None:
        """The nearest group or body named in the plural ("the Houthis", "the rebels")."""
        for entity in self._recent(position):
            if entity.kind == GROUP or (
                entity.kind == BODY
                and entity.actor.kind is not ActorKind.STATE
                and _plural_head(entity.name)
            ):
                return entity
        return None

    def recent_states(self, position: int, count: int = 2) -> list[Entity]:
        """The states named most recently before `position`, newest first: "the two
        countries" after "Armenia and Azerbaijan agreed"."""
        states = [e for e in self._recent(position) if e.actor.kind in (ActorKind.STATE,)]
        return states[:count]

    def _recent(self, position: int) -> list[Entity]:
        found: list[tuple[int, Entity]] = []
        for entity in self.entities.values():
            last = entity.seen_before(position)
            if last is not None and position - last <= _HORIZON:
                found.append((last, entity))
        found.sort(key=lambda pair: pair[0], reverse=True)
        return [entity for _, entity in found]

    def _person(self, gender: str, position: int) -> Entity | None:
        unknown: tuple[int, Entity] | None = None
        for entity in self._recent(position):
            if entity.kind != PERSON:
                continue
            last = entity.seen_before(position) or 0
            if entity.gender == gender:
                if unknown is None or unknown[0] - last <= _GENDER_OVER_DISTANCE:
                    return entity
                return unknown[1]
            if entity.gender is None and unknown is None:
                unknown = (last, entity)
        return unknown[1] if unknown else None

    def _nearest(
        self, position: int, kinds: set[str], *, plural_people: bool = False
    ) -> Entity | None:
        for entity in self._recent(position):
            if entity.kind in kinds:
                return entity
            if plural_people and entity.kind == GROUP:
                return entity
        return None


def _name_words(name: str) -> set[str]:
    """The words of a name, plurals also singular: "the union" is the "Confederation of
    Trade Unions"."""
    words = set(name.lower().split())
    return words | {w[:-1] for w in words if w.endswith("s") and len(w) > 3}


def _plural_head(name: str) -> bool:
    """ "the Houthis", "Rapid Support Forces": a name headed by a plural (the head is
    before any "of": not "Senate of the United States")."""
    words = name.split()
    for index, word in enumerate(words):
        if word.lower() in {"of", "for"} and index:
            words = words[:index]
            break
    head = words[-1] if words else ""
    return head.endswith("s") and not head.endswith("ss") and not head.isupper()


def _one_unnamed_person(name: str) -> bool:
    """ "man", "syrian survivor", "senior police officer": one person the text does not name
    (written in lower case, at most three words), not a group ("analysts") nor a body."""
    words = name.split()
    return name[:1].islower() and 0 < len(words) <= 3 and not words[-1].endswith("s")
