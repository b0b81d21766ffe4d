"""Who makes a claim: where the speaker phrase is for a cue, and which actor it names.

Where: before the cue ("the minister said"), across appositions ("Ana Ruiz, the army's
spokeswoman, said"), after it in an inverted quote frame ('"…," said Ana Ruiz'), after
"according to", before a possessive nominal cue ("the senator's claim that"), or, for ",
saying …" and "… and added", the subject of the clause.

Which actor: an actor mention inside the phrase (a person first: "Kremlin spokesman Dmitry
Peskov" is Peskov, speaking for Russia); a capitalised name the registry does not know (kept
as written, titles left out); a pronoun or "the minister" resolved through the discourse;
an unnamed group ("analysts") or a document ("a Bloomberg poll") kept as written.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from briefings.extract.actors import ActorMention
from briefings.extract.claims.discourse import (
    BODY,
    DOCUMENT,
    GROUP,
    PERSON,
    PRONOUNS,
    Discourse,
    Entity,
)
from briefings.extract.claims.model import Speaker
from briefings.extract.claims.phrases import (
    POSSESSIVES,
    determiners,
    is_dash,
    name_run,
    np_left,
    np_right,
)
from briefings.extract.claims.view import SentenceView
from briefings.extract.claims.vocabulary import AttributionVocabulary
from briefings.models import Actor, ActorKind

_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_RELATIVES = frozenset({"who", "which", "that"})
_NEGATIONS = frozenset({"not", "never", "n't", "no"})
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am"})
_PERSON_TITLE_HEADS = frozenset({"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt",
                                 "col", "sgt", "capt", "maj", "adm", "brig", "prof", "rev"})


@dataclass(frozen=True, slots=True)
class Phrase:
    """A speaker phrase: tokens first..last, and an apposition that describes it."""

    first: int
    last: int
    apposition: tuple[int, int] | None = None


# --- where the speaker phrase is ----------------------------------------------------------


def subject_before(
    view: SentenceView, cue_first: int, *, lenient: bool = False
) -> tuple[Phrase | None, str]:
    """The subject of the verb cue at `cue_first`, and how it was found: "subject",
    "apposition", "relative", "none" (nothing there), "skip" (negated, passive or an
    infinitive: no claim), "comma" (a comma or quote right before: maybe quote-final or
    inverted), "and" (a verb coordinated with an earlier one)."""
    vocabulary = view.vocabulary
    j = cue_first - 1
    skipped: list[str] = []
    while j >= 0:
        norm = view.norms[j]
        if view.timed[j] and view.word(j):
            j -= 1
            continue
        if view.word(j) and not view.title_case(j) and (
            norm in vocabulary.between or (norm.endswith("ly") and len(norm) > 4)
        ):
            if norm == "to" and view.norm(j - 1) not in vocabulary.before_to:
                return None, "skip"  # "voted to condemn": the verb is an infinitive
            skipped.append(norm)
            j -= 1
            continue
        if norm in _NEGATIONS and view.word(j):
            return None, "skip"
        if norm == "," and _parenthetical_adverb(view, j):
            j -= 2
            while j >= 0 and view.norms[j] != ",":
                j -= 1
            j -= 1
            continue
        if norm == ")" and not skipped:
            opening = next((k for k in range(j - 1, max(-1, j - 12), -1)
                            if view.norms[k] == "("), None)
            if opening is not None and opening > 0:
                j = opening - 1  # "Sen. Rand Paul (R-Ky.) said"
                continue
        break
    if any(n in _NEGATIONS for n in skipped):
        return None, "skip"
    if skipped and skipped[0] in _BE and view.norms[cue_first].endswith(("ed", "ld", "wn")):
        return None, "skip"  # "was asked", "were told": passive
    if j < 0:
        return None, "none"
    norm = view.norms[j]
    if view.tokens[j].kind == "quote" or norm in {",", ":"} or is_dash(view, j):
        if norm == ",":
            phrase = _apposition_subject(view, j)
            if phrase is not None:
                return phrase, "apposition"
        return None, "comma"
    if norm in {"and", "but", "or"}:
        return None, "and"
    if norm in _RELATIVES:
        antecedent = _antecedent(view, j)
        return (antecedent, "relative") if antecedent else (None, "none")
    if not (view.word(j) or view.punct(j, ".")):
        return None, "none"
    start = np_left(view, j)
    if start is None:
        return _relative_gap(view, j)
    phrase = Phrase(start, j)
    if _verb_phrase_after_comma(view, start):
        return None, "none"  # "X, surrounded by officers, read a declaration … saying"
    if not _plausible(view, phrase, lenient=lenient):
        return _relative_gap(view, j)
    return phrase, "subject"


def _verb_phrase_after_comma(view: SentenceView, start: int) -> bool:
    """A phrase opening with a lower-case word that is no determiner, right after a comma:
    the predicate of a subject set off before it, not a subject."""
    if not view.punct(start - 1, ","):
        return False
    norm = view.norms[start]
    if view.title_case(start) or not view.word(start) or view.tokens[start].kind == "num":
        return False
    vocabulary = view.vocabulary
    return not (
        norm in determiners()
        or norm in POSSESSIVES
        or norm in PRONOUNS
        or norm in vocabulary.roles
        or norm in vocabulary.documents
        or norm.rstrip("s") in vocabulary.roles
    )


def _parenthetical_adverb(view: SentenceView, comma: int) -> bool:
    """", however," / ", in turn," before the verb."""
    j = comma - 1
    words = 0
    while j >= 0 and view.word(j) and not view.title_case(j) and words < 3:
        j -= 1
        words += 1
    return 0 < words < 3 and view.punct(j, ",") and view.norm(comma - 1) in (
        view.vocabulary.between | view.vocabulary.openers
    )


def _apposition_subject(view: SentenceView, comma: int) -> Phrase | None:
    """ "NAME, <apposition>, said": the phrase before the apposition (two appositions
    allowed: "NAME, a former deputy, the party's leader, said")."""
    closing = comma
    for _ in range(2):
        opening = _opening_comma(view, closing)
        if opening is None:
            return None
        named = _name_after_description(view, opening, closing)
        if named is not None:
            return named
        if not _looks_apposition(view, opening + 1, closing - 1):
            return None
        end = opening - 1
        if end >= 0 and (view.word(end) or view.punct(end, ".")):
            start = np_left(view, end)
            if start is not None and _named(view, start, end):
                return Phrase(start, end, (opening + 1, closing - 1))
        if end >= 0 and view.punct(end, ","):
            closing = end
            continue
        return None
    return None


def _name_after_description(view: SentenceView, opening: int, closing: int) -> Phrase | None:
    """ "One pastor supporting the senator, Ana Diaz of Grace Church, said": the name set
    off after a description is the speaker; the description is their role."""
    first, last = opening + 1, closing - 1
    if last < first or not view.title_case(first) or view.sentence_initial(first):
        return None
    run_end = first
    while run_end + 1 <= last and (view.title_case(run_end + 1) or view.punct(run_end + 1, ".")):
        run_end += 1
    if run_end - first < 1 or run_end - first > 4:
        return None  # one capitalised word ("R-Texas") is no full name
    if run_end < last and view.norm(run_end + 1) not in {"of", "from", "at", "with"}:
        return None
    start = opening - 1
    while start > 0 and not (
        view.punct(start - 1, ",;:()") or view.quote_mark(start - 1) or is_dash(view, start - 1)
    ):
        start -= 1
    if opening - start < 2 or view.norms[start] not in determiners() | {"one", "another"}:
        return None  # a description opens with "a", "the", "one": "One pastor …"
    return Phrase(first, last, (start, opening - 1))


def _opening_comma(view: SentenceView, closing: int) -> int | None:
    j = closing - 1
    while j >= 0 and closing - j <= 30:
        if view.punct(j, ","):
            return j
        if view.quote_mark(j) or view.punct(j, ";:") or view.quoted[j]:
            return None
        j -= 1
    return None


def _looks_apposition(view: SentenceView, first: int, last: int) -> bool:
    """"the party's leader", "a former deputy of X", "who visited the area", "I-Vt.",
    "surrounded by officers": a description, not a clause of its own."""
    if last < first:
        return False
    norm = view.norms[first]
    if norm in {"and", "but", "or", "however", "though", "although", "meanwhile"}:
        return False
    if norm in _RELATIVES or norm in determiners() or norm in POSSESSIVES:
        return True
    if view.word(first) and not view.title_case(first):
        return True  # "surrounded by officers", "former deputy of …"
    # a capitalised description: "Republican of Ohio", "I-Vt.", "Kremlin spokesman"
    return last - first <= 6


def _named(view: SentenceView, first: int, last: int) -> bool:
    """A phrase that names someone: an actor mention, a capitalised word or a role noun."""
    vocabulary = view.vocabulary
    for j in range(first, last + 1):
        if j in view.mention_at or view.title_case(j) and not view.sentence_initial(j):
            return True
        if view.norms[j] in vocabulary.roles or view.norms[j] in PRONOUNS:
            return True
    return view.title_case(first)


def _antecedent(view: SentenceView, relative: int) -> Phrase | None:
    """ "X, who said" / "officials who said": the phrase before the relative pronoun."""
    j = relative - 1
    if view.punct(j, ","):
        j -= 1
    if j < 0 or not (view.word(j) or view.punct(j, ".")):
        return None
    start = np_left(view, j)
    if start is None:
        return None
    phrase = Phrase(start, j)
    return phrase if _plausible(view, phrase) else None


def _relative_gap(view: SentenceView, end: int) -> tuple[Phrase | None, str]:
    """ "officials who asked not to be named said": the phrase before "who"."""
    for j in range(end, max(-1, end - 10), -1):
        if view.punct(j, ",.;:") or view.quote_mark(j):
            break
        if view.norms[j] == "who":
            antecedent = _antecedent(view, j)
            if antecedent is not None:
                return antecedent, "relative"
            break
    return None, "none"


def _plausible(view: SentenceView, phrase: Phrase, *, lenient: bool = False) -> bool:
    """A phrase that can speak: a name, a pronoun, a role, a group or a document — not "the
    economy" or "the bill". `lenient` (the subject of a speech verb: "the airline said")
    accepts any short noun phrase opened by a determiner."""
    vocabulary = view.vocabulary
    if lenient and _lenient_phrase(view, phrase.first, phrase.last):
        return True
    for j in range(phrase.first, phrase.last + 1):
        if j in view.mention_at:
            return True
        if view.title_case(j) and not (
            view.sentence_initial(j) and view.norms[j] in vocabulary.openers
        ):
            return True
    head = _head(view, phrase.first, phrase.last)
    norm = view.norms[head]
    if norm in PRONOUNS:
        return phrase.first == phrase.last
    return (
        norm in vocabulary.roles
        or norm in vocabulary.documents
        or norm.rstrip("s") in vocabulary.roles
        or norm in vocabulary.titles
    )


def _lenient_phrase(view: SentenceView, first: int, last: int) -> bool:
    """A short noun phrase opened by a determiner, a possessive or a number ("the airline",
    "his lawyers", "two witnesses"), or a bare plural ("pollsters")."""
    if last - first > 6 or not view.word(last) or view.norms[last] in PRONOUNS:
        return False
    opener = view.norms[first]
    if opener in determiners() or opener in POSSESSIVES or view.tokens[first].kind == "num":
        return first < last
    return first == last and opener.endswith("s") and len(opener) > 3


def _head(view: SentenceView, first: int, last: int) -> int:
    """The head word: the last word before "of"/"for"/"at"/"from"/"in"."""
    vocabulary = view.vocabulary
    for j in range(first + 1, last + 1):
        if view.norms[j] in vocabulary.np_inner and view.norms[j] not in {"&", "and"}:
            return j - 1
    return last


def subject_after(view: SentenceView, cue_last: int) -> Phrase | None:
    """The speaker of an inverted frame ('"…," said Jane Doe, a spokeswoman.')."""
    first = cue_last + 1
    if first >= len(view) or not view.word(first) or view.norms[first] in {"that", "it"}:
        return None
    end = np_right(view, first)
    if end is None:
        return None
    phrase = Phrase(first, end, _apposition_after(view, end))
    return phrase if _plausible(view, phrase) else None


def _apposition_after(view: SentenceView, end: int) -> tuple[int, int] | None:
    """", a spokeswoman for the Red Crescent" after an inverted speaker."""
    if not view.punct(end + 1, ","):
        return None
    first = end + 2
    if first >= len(view) or not view.word(first):
        return None
    last = np_right(view, first)
    if last is None or not _looks_apposition(view, first, last):
        return None
    return first, last


def clause_subject(view: SentenceView, before: int) -> Phrase | None:
    """The subject of the sentence's main clause, for ", saying …" and "… and added".

    The first phrase after any opening adverbial ("On Tuesday, …", "In a statement, …")."""
    j = 0
    while j < before and (view.quote_mark(j) or view.punct(j, "—–-(")):
        j += 1
    if j < before and view.norm(j) in view.vocabulary.openers | view.vocabulary.np_stops:
        comma = next((k for k in range(j, min(before, j + 15)) if view.punct(k, ",")), None)
        if comma is None:
            return None
        j = comma + 1
    if j >= before or not view.word(j):
        return None
    end = np_right(view, j, before)
    if end is None:
        return None
    phrase = Phrase(j, end)
    return phrase if _plausible(view, phrase) else None


def after_source_phrase(view: SentenceView, first: int) -> Phrase | None:
    """The source after "according to", with its agent ("a letter signed by the army
    chief, Gen. Y", "a statement from the ministry")."""
    if first >= len(view):
        return None
    end = np_right(view, first)
    if end is None:
        return None
    by = end + 1
    if view.word(by) and view.norms[by].endswith("ed") and view.norm(by + 1) in {"by", "from"}:
        by += 1
    if view.norm(by) in {"by", "from"} and view.word(by + 1):
        agent_end = np_right(view, by + 1)
        if agent_end is not None:
            end = agent_end
    return Phrase(first, end, _apposition_after(view, end))


def possessor(view: SentenceView, noun: int) -> Phrase | None:
    """The owner of a nominal cue: "the senator's claim", "his call", "Smith's repeated
    calls"."""
    j = noun - 1
    adjectives = 0
    while j >= 0 and view.word(j) and not view.title_case(j) and adjectives < 2:
        if view.norms[j] in POSSESSIVES or view.norms[j] == "'s":
            break
        if view.norms[j] in view.vocabulary.np_stops or view.norms[j] in determiners():
            return None
        j -= 1
        adjectives += 1
    if j < 0:
        return None
    if view.norms[j] in POSSESSIVES:
        return Phrase(j, j)
    if view.norms[j] == "'s" and j > 0:
        start = np_left(view, j - 1)
        if start is None:
            return None
        phrase = Phrase(start, j - 1)
        return phrase if _plausible(view, phrase) else None
    return None


# --- which actor the phrase names ---------------------------------------------------------


class SpeakerResolver:
    """Turns a speaker phrase into a `Speaker`, reading mentions and the discourse."""

    def __init__(self, discourse: Discourse) -> None:
        self.discourse = discourse

    def resolve(
        self, view: SentenceView, phrase: Phrase, *, lenient: bool = False
    ) -> Speaker | None:
        """The speaker a phrase names; `lenient` keeps any noun phrase as an unnamed
        speaker ("the airline said") instead of dropping what no list knows."""
        first, last = phrase.first, phrase.last
        vocabulary = view.vocabulary
        while first <= last and (
            view.quote_mark(first) or view.norms[first] in {"and", "but", "so", "or"}
        ):
            first += 1
        if first > last:
            return None
        text = view.span_text(first, last)
        position = view.offset + view.tokens[first].start
        if view.norms[first] in _FIRST_PERSON or view.norms[first] == "you":
            return None  # the writer or the reader, not an attributed source
        if first == last and view.norms[first] in PRONOUNS:
            return self._pronoun(view, first, position, phrase)
        agent = _agent(view, first, last)
        if agent is not None:
            found = self.resolve(view, Phrase(agent, last, phrase.apposition))
            if found is not None:
                return dataclasses.replace(found, text=text)
        if phrase.apposition is not None and not _names_someone(view, first, last):
            person = self._apposition_person(view, phrase, first, last, text)
            if person is not None:
                return person
        mentions = _mentions(view, first, last)
        apposition = phrase.apposition
        role = self._role_text(view, first, last, apposition)
        if mentions:
            return self._from_mentions(view, mentions, first, last, text, role, apposition)
        run = name_run(view, first, last)
        head = _head(view, first, last)
        head_norm = view.norms[head]
        if run is not None and not self._common_capital(view, run, head):
            return self._named(view, run, first, last, text, role)
        if head_norm in vocabulary.documents:
            return self._document(view, first, last, head, text)
        found = self._description(view, first, last, head, text, role, position)
        if found is None and lenient and _lenient_phrase(view, first, last):
            name = _strip_determiner(view, first, last)
            actor = Actor(name=name[:1].lower() + name[1:], kind=ActorKind.UNKNOWN)
            return Speaker(actor=actor, text=text, role=None)
        return found

    def _apposition_person(
        self, view: SentenceView, phrase: Phrase, first: int, last: int, text: str
    ) -> Speaker | None:
        """"the army chief, Gen. Omar Diallo": the person named in the apposition, with the
        description as role and the body it names as what they speak for."""
        assert phrase.apposition is not None
        a, b = phrase.apposition
        people = [m for m in _mentions(view, a, b) if m.actor.kind is ActorKind.PERSON]
        role = _strip_determiner(view, first, last)
        bodies = [m for m in _mentions(view, first, last)
                  if m.actor.kind not in (ActorKind.PERSON, ActorKind.UNKNOWN)]
        body = _employer(view, bodies, view.tokens[last].end)
        if people:
            actor = people[-1].actor
        else:
            run = name_run(view, a, b)
            if run is None:
                return None
            start, end = run
            title_words = [view.tokens[j].text for j in range(a, start)]
            if end == start and not title_words:
                return None
            actor = Actor(name=view.span_text(start, end), kind=ActorKind.UNKNOWN, role=role)
        gender = self.discourse.gender_of(text.split() + view.span_text(a, b).split())
        self.discourse.note(actor, view.offset + view.tokens[a].start, kind=PERSON,
                            gender=gender)
        return Speaker(actor=actor, text=text, role=role,
                       speaks_for=self._speaks_for(actor, role, body))

    # --- pronouns and descriptions ----------------------------------------------------------

    def _pronoun(
        self, view: SentenceView, index: int, position: int, phrase: Phrase
    ) -> Speaker | None:
        norm = view.norms[index]
        if norm in POSSESSIVES and norm not in {"her", "his", "its", "their"}:
            return None
        entity = self.discourse.pronoun(norm, position)
        if entity is None:
            return None
        role = None
        if phrase.apposition is not None:
            role = _strip_determiner(view, *phrase.apposition)
        return self._from_entity(entity, view.tokens[index].text, role, explicit=False)

    def _from_entity(
        self, entity: Entity, text: str, role: str | None, *, explicit: bool
    ) -> Speaker:
        actor = entity.actor
        return Speaker(
            actor=actor,
            text=text,
            role=role or actor.role,
            speaks_for=self._speaks_for(actor, role),
            explicit=explicit,
        )

    def _description(
        self,
        view: SentenceView,
        first: int,
        last: int,
        head: int,
        text: str,
        role: str | None,
        position: int,
    ) -> Speaker | None:
        """"the minister", "officials", "a senior official in the ministry", "analysts"."""
        vocabulary = view.vocabulary
        norm = view.norms[head]
        singular_role = norm in vocabulary.state_roles or norm in vocabulary.org_roles
        definite = view.norms[first] in {"the", "this", "that"} and first < head
        if definite and singular_role and not norm.endswith("s"):
            kinds = {PERSON} if _person_role(norm, vocabulary) else {BODY}
            entity = self.discourse.definite(norm, position, kinds)
            if entity is not None:
                return self._from_entity(entity, text, role or norm, explicit=False)
        if not (
            norm in vocabulary.roles
            or norm.rstrip("s") in vocabulary.roles
            or norm in vocabulary.titles
        ):
            return None
        name = _strip_determiner(view, first, last)
        if norm in vocabulary.group_roles or norm.endswith("s"):
            name = name[:1].lower() + name[1:] if not view.title_case(first + 1) else name
        actor = Actor(name=name, kind=ActorKind.UNKNOWN, role=norm)
        return Speaker(actor=actor, text=text, role=norm)

    def _document(
        self, view: SentenceView, first: int, last: int, head: int, text: str
    ) -> Speaker | None:
        """"a Bloomberg poll", "the report": kept as written."""
        name = _strip_determiner(view, first, head)
        if view.norms[first] in {"the", "this", "that"} and first + 1 == head:
            entity = self.discourse.definite(view.norms[head], view.offset, {DOCUMENT})
            if entity is not None:
                return self._from_entity(entity, text, None, explicit=False)
        actor = Actor(name=name, kind=ActorKind.UNKNOWN, role="document")
        self.discourse.note(actor, view.offset + view.tokens[first].start, kind=DOCUMENT,
                            head=view.norms[head])
        return Speaker(actor=actor, text=text, role=None)

    # --- names --------------------------------------------------------------------------------

    def _common_capital(self, view: SentenceView, run: tuple[int, int], head: int) -> bool:
        """A capitalised word that is a common noun at the start of the sentence ("Officials
        said", "Analysts say") or an adjective before a role ("Republican officials")."""
        vocabulary = view.vocabulary
        start, end = run
        if end < head and view.norms[head] in vocabulary.roles:
            # "Republican officials", "Kremlin spokesman": a modifier, not the speaker
            return view.norms[head] in vocabulary.group_roles or end + 1 == head
        if start == end and view.sentence_initial(start):
            norm = view.norms[start]
            return (
                norm in vocabulary.roles
                or norm in vocabulary.documents
                or norm.rstrip("s") in vocabulary.roles
                or norm in vocabulary.openers
            )
        return False

    def _named(
        self,
        view: SentenceView,
        run: tuple[int, int],
        first: int,
        last: int,
        text: str,
        role: str | None,
    ) -> Speaker | None:
        start, end = run
        name = view.span_text(start, end)
        words = name.split()
        position = view.offset + view.tokens[start].start
        if len(words) == 1:
            entity = self.discourse.surname(words[0])
            if entity is not None:
                self.discourse.note(entity.actor, position)
                return self._from_entity(entity, text, role, explicit=True)
        title_words = [view.tokens[j].text for j in range(first, start)]
        gender = self.discourse.gender_of(title_words + words[:1])
        last_word = words[-1].lower()
        vocabulary = view.vocabulary
        is_org = last_word in vocabulary.org_name_endings or view.tokens[end].is_upper and len(words) == 1
        kind = BODY if is_org else PERSON
        if not is_org and gender is None and not title_words and len(words) == 1:
            kind = PERSON
        actor = Actor(
            name=name,
            kind=ActorKind.ORGANISATION if is_org else ActorKind.UNKNOWN,
            role=role,
        )
        known = self.discourse.entities.get(name)
        if known is not None:
            actor = known.actor
        self.discourse.note(actor, position, kind=kind, gender=gender)
        return Speaker(actor=actor, text=text, role=role or actor.role)

    def _from_mentions(
        self,
        view: SentenceView,
        mentions: list[ActorMention],
        first: int,
        last: int,
        text: str,
        role: str | None,
        apposition: tuple[int, int] | None,
    ) -> Speaker:
        people = [m for m in mentions if m.actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN)
                  and m.actor.name[:1].isupper()]
        bodies = [m for m in mentions if m not in people]
        head = _head(view, first, last)
        head_norm = view.norms[head]
        if people:
            chosen = people[-1]
            actor = chosen.actor
            for_body = _employer(view, bodies, chosen.start)
            if for_body is None and apposition is not None:
                for_body = next(
                    (
                        m.actor
                        for j, m in view.mention_at.items()
                        if apposition[0] <= j <= apposition[1]
                        and m.actor.kind not in (ActorKind.PERSON, ActorKind.UNKNOWN)
                    ),
                    None,
                )
            speaks_for = self._speaks_for(actor, role, for_body)
            self.discourse.note(actor, view.offset + chosen.start, kind=PERSON,
                                gender=self.discourse.gender_of(text.split()))
            return Speaker(actor=actor, text=text, role=role or actor.role, speaks_for=speaks_for)
        run = name_run(view, first, last)
        vocabulary = view.vocabulary
        chosen = bodies[0]
        if run is not None and _person_role(head_norm, vocabulary):
            # "Kremlin spokesman Ivan Ivanov": a person the registry does not know
            start, end = run
            mentioned = any(m.start <= view.tokens[start].start < m.end for m in bodies)
            if not mentioned and view.tokens[end].end <= view.tokens[last].end:
                name = view.span_text(start, end)
                actor = Actor(name=name, kind=ActorKind.UNKNOWN, role=role)
                self.discourse.note(actor, view.offset + view.tokens[start].start, kind=PERSON,
                                    gender=self.discourse.gender_of(text.split()))
                return Speaker(actor=actor, text=text, role=role,
                               speaks_for=chosen.actor.name)
        for mention in bodies:
            # the head of "the mayor of Springfield" is the mayor; "the ministry" of a state
            if view.tokens[head].start >= mention.start:
                chosen = mention
        self.discourse.note(chosen.actor, view.offset + chosen.start, head=head_norm)
        speaker_role = role if role else (head_norm if head_norm in vocabulary.roles else None)
        return Speaker(actor=chosen.actor, text=text, role=speaker_role)

    def _role_text(
        self, view: SentenceView, first: int, last: int, apposition: tuple[int, int] | None
    ) -> str | None:
        """The role a speaker was named with: "Kremlin spokesman" in "Kremlin spokesman
        Dmitry Peskov", "the army chief" in "Gen. Y, the army chief"."""
        vocabulary = view.vocabulary
        if apposition is not None:
            a, b = apposition
            if any(
                view.norms[j] in vocabulary.roles or view.norms[j] in vocabulary.titles
                for j in range(a, b + 1)
            ):
                return _strip_determiner(view, a, b)
        run = name_run(view, first, last)
        if run is None:
            return None
        start, _ = run
        if start <= first:
            return None
        words = [
            j
            for j in range(first, start)
            if view.word(j) and view.norms[j] not in determiners()
        ]
        if not words:
            return None
        if not any(
            view.norms[j] in vocabulary.roles or view.norms[j] in vocabulary.titles
            for j in words
        ):
            return None
        if all(view.norms[j] in _PERSON_TITLE_HEADS for j in words):
            return None  # "Mr.", "Sen.": a courtesy, not a role
        return view.span_text(words[0], start - 1).rstrip(" .") or None

    def _speaks_for(
        self, actor: Actor, role: str | None, body: Actor | None = None
    ) -> str | None:
        """The state or body an official speaks for: the one named with them ("Kremlin
        spokesman"), else the registry's affiliation of someone holding an office."""
        vocabulary = self.discourse.vocabulary
        target = body.name if body is not None else None
        if target is None and actor.affiliation:
            words = (role or actor.role or "").lower().replace("-", " ").split()
            if any(w in vocabulary.state_roles or w in vocabulary.titles for w in words):
                target = actor.affiliation
        if target == actor.name:
            return None
        return target


def _employer(view: SentenceView, bodies: list[ActorMention], before: int) -> Actor | None:
    """The body a role belongs to: the one named before the role ("Kremlin spokesman", "the
    U.N. envoy for Sudan" → the U.N.), else after "of"/"for"/"at" ("a spokeswoman for the
    Red Crescent")."""
    ahead = [m for m in bodies if m.start < before]
    if not ahead:
        return None
    for mention in ahead:
        token = view.analysis.token_at(mention.start)
        if token is not None and view.norm(token.i - 1) not in {"for", "of", "at", "to", "from"}:
            return mention.actor
    return ahead[0].actor


def _agent(view: SentenceView, first: int, last: int) -> int | None:
    """Where the agent of a document starts ("a statement from the ministry", "a letter
    signed by X"), when the phrase is headed by a document."""
    vocabulary = view.vocabulary
    for j in range(first + 1, last):
        if view.norms[j] in {"by", "from"}:
            head = j - 1
            if view.norms[head].endswith("ed") and head > first:
                head -= 1
            if view.norms[head] in vocabulary.documents:
                return j + 1
            return None
    return None


def _names_someone(view: SentenceView, first: int, last: int) -> bool:
    """A person or a name in the phrase (not only a role: "the army chief")."""
    for mention in _mentions(view, first, last):
        if mention.actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN):
            return True
    run = name_run(view, first, last)
    if run is None:
        return False
    start, end = run
    mentioned = any(
        m.start <= view.tokens[start].start < m.end for m in _mentions(view, first, last)
    )
    return not mentioned and not (start == end and view.sentence_initial(start))


def _mentions(view: SentenceView, first: int, last: int) -> list[ActorMention]:
    start = view.tokens[first].start
    end = view.tokens[last].end
    return [m for m in view.mentions if start <= m.start and m.end <= end]


def _person_role(norm: str, vocabulary: AttributionVocabulary) -> bool:
    """A role held by one person ("spokesman", "minister"), not an institution."""
    return norm in vocabulary.person_roles


def _strip_determiner(view: SentenceView, first: int, last: int) -> str:
    while first < last and view.norms[first] in determiners():
        first += 1
    return view.span_text(first, last)
