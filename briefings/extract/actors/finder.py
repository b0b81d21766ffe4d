"""Actor mentions in one analysed sentence, in the order the evidence is weighed.

1. A credit line names nobody. 2. The gazetteer reads the registry's forms off the tokens;
outlets and places that hold an actor's name are matched too, so that they block it. 3.
Ambiguous forms pass their context rule; a capital inside a treaty's name or "ex-Soviet" is
dropped. 4. A state's institution widens its mention ("Armenia's Foreign Ministry"). 5. Each
capitalised run the registry did not explain is tried as an organisation, then as a name the
article introduced earlier, then as a person (`bodies`, `memory`, `people`); credits and
newsroom staff are never taken. 6. What was found is remembered for the next sentences.
"""

from __future__ import annotations

from collections.abc import Callable

from briefings.extract.actors.bodies import bodies_in_run, legislature
from briefings.extract.actors.compiled import Compiled, Words
from briefings.extract.actors.context import context_ok
from briefings.extract.actors.credits import credit_line, credited
from briefings.extract.actors.data import OUTLET, REGION, normalise
from briefings.extract.actors.institutions import organ_after, organ_before
from briefings.extract.actors.memory import HONORIFICS, ArticleMemory
from briefings.extract.actors.model import ActorMention, OutletMention, Via
from briefings.extract.actors.people import people_in_run
from briefings.extract.actors.phrases import token_keys
from briefings.extract.actors.runs import capital, runs_from_names
from briefings.extract.actors.scan import Found, Known, Scan
from briefings.extract.analysis import LOCATED_SUFFIXES, SentenceAnalysis, Span
from briefings.models import Actor, ActorKind

ActorAt = Callable[[int], Actor]

_PERIOD_PREFIXES = frozenset({"ex", "post", "pre", "non", "former"})
_STATES = (ActorKind.STATE, ActorKind.TERRITORY)


def _period_prefix(scan: Scan, char_start: int, token: int) -> bool:
    """ "ex-Soviet", "post-Soviet": a period, not the actor."""
    text = scan.tokens[token].text
    offset = char_start - scan.tokens[token].start
    if offset <= 0 or text[offset - 1] != "-":
        return False
    return text[: offset - 1].split("-")[-1].lower() in _PERIOD_PREFIXES


def _place_name_head(scan: Scan, end: int, hit_starts: set[int]) -> bool:
    """A demonym that opens a place's name: a capitalised word after it that is no actor's,
    then a word for a place or its officials, or "the province of" before ("Lao Cai
    province", "Thai Binh authorities"; not "the Italian Carlo Magno", "Russian Orthodox
    Church"). A demonym is one token, so it ends where the name starts."""
    tokens, words = scan.tokens, scan.words
    if end + 1 >= len(tokens) or end in hit_starts or tokens[end].kind != "word":
        return False
    if not tokens[end].is_title or tokens[end].is_upper or scan.org_word_at(end):
        return False
    if tokens[end].text in words.generic_org_words:
        return False  # "Haitian National Police"
    start = end - 1  # the demonym
    placed = (
        start >= 2 and scan.keys[start - 1] == "of" and scan.keys[start - 2] in words.place_heads
    )
    return placed or scan.keys[end + 1] in words.place_heads  # "the province of Lao Cai"


def _someone_else(compiled: Compiled, actor_at: ActorAt, number: int, scan: Scan, at: int) -> bool:
    """A person's one-word alias after a given name is someone else's surname: "Rami
    Khalil" is not "Mustafa Khalil" (a title before it is fine: "President Putin")."""
    if at == 0 or not scan.tokens[at - 1].is_title:
        return False
    if compiled.actors[number][1] != ActorKind.PERSON.value:
        return False
    previous = scan.tokens[at - 1].text
    if previous in scan.words.not_names or scan.words.roles.match_before(scan.keys, at) >= 0:
        return False
    return not any(m.end == at for m in scan.known)


def _known(compiled: Compiled, actor_at: ActorAt, scan: Scan) -> list[OutletMention]:
    """Registry mentions into `scan.known`; returns the outlets named."""
    tokens, keys, words = scan.tokens, scan.keys, compiled.words
    outlets: list[OutletMention] = []
    raw: list[tuple[int, int, int, int, int]] = []
    hits = compiled.gazetteer.scan(tokens, keys, scan.text)
    hit_starts = {start for _, _, start, _, _ in hits}
    hit_ends = {char_end for _, char_end, _, _, _ in hits}
    for char_start, char_end, start, end, number in hits:
        surface = compiled.surfaces[number]
        if surface.actor == REGION:
            if surface.outlet:
                scan.regions.append((start, end, surface.outlet))  # "Guerrero": Mexico
            continue
        if char_start - 1 not in hit_ends and _inside_compound_name(scan, char_start, start):
            continue  # "Alghasi-Mehr" is a surname, not the Mehr news agency (but "Russia-
            # Ukraine war" names both)
        if (
            end - start == 1
            and tokens[start].norm[char_end - tokens[start].start :] in LOCATED_SUFFIXES
            and not (surface.via in ("name", "alias") and surface.actor >= 0)
        ):
            continue  # "Oslo-based": where a body sits, not Norway (but "Taiwan-based" names
            # Taiwan)
        if surface.actor < 0:
            if surface.form.startswith("The ") and end < len(tokens) and capital(tokens[end]):
                continue  # "The National Coordinator for …" is not the newspaper The National
            scan.blocked.append((start, end))
            if surface.actor == OUTLET and surface.outlet:
                scan.outlets.append((start, end))
                text = scan.text[char_start:char_end]
                outlets.append(OutletMention(char_start, char_end, text, surface.outlet))
            continue
        if surface.context and not context_ok(surface.context, tokens, keys, start, end, words):
            continue
        if surface.via == "metonym" and words.place_name_parts.match_at(keys, end) >= 0:
            continue  # "Rome Statute", "Minsk agreements", "Astana format"
        if surface.via == "metonym" and _given_name_of(scan, start, end, hit_starts):
            continue  # "Defence Secretary Aden Duale": a person, not Yemen
        if (
            surface.via == "alias"
            and end - start == 1
            and end < len(tokens)
            and (scan.org_word_at(end) or words.place_name_parts.match_at(keys, end) >= 0)
            and actor_at(surface.actor).kind is ActorKind.PERSON
        ):
            continue  # "Kenyatta National Hospital", "Obama Foundation": a name after theirs
        if surface.via == "demonym" and _period_prefix(scan, char_start, start):
            continue
        if surface.via == "demonym" and _place_name_head(scan, end, hit_starts):
            continue  # "Lao Cai", "Thai Binh": a place named with the word, not Laos
        if end - start == 1 and _someone_else(compiled, actor_at, surface.actor, scan, start):
            continue
        raw.append((char_start, char_end, start, end, number))
    previous_end = 0
    for position, (char_start, char_end, start, end, number) in enumerate(raw):
        surface = compiled.surfaces[number]
        actor = actor_at(surface.actor)
        via: Via = surface.via  # type: ignore[assignment]
        whole = char_start == tokens[start].start and char_end == tokens[end - 1].end
        if actor.kind in _STATES and whole:
            limit = raw[position + 1][2] if position + 1 < len(raw) else len(tokens)
            after = organ_after(tokens, keys, end, limit, words)
            if after >= 0:
                end, via = after, "organisation"
                if start > previous_end and keys[start - 1] == "the":
                    start -= 1
            else:
                before = organ_before(tokens, keys, start, previous_end, words)
                if before >= 0:
                    start, via = before, "organisation"
            char_start, char_end = tokens[start].start, tokens[end - 1].end
        scan.known.append(Known(start, end, actor, via, char_start, char_end))
        previous_end = end
    return outlets


def _inside_compound_name(scan: Scan, char_start: int, token: int) -> bool:
    """A match that starts after a hyphen inside a word whose part before it is
    capitalised: the second half of a compound surname ("Alghasi-Mehr")."""
    text = scan.tokens[token].text
    offset = char_start - scan.tokens[token].start
    if offset <= 1 or text[offset - 1] != "-":
        return False
    before = text[: offset - 1].split("-")[-1]
    return before[:1].isupper() and before[1:].islower() and len(before) > 2


def _given_name_of(scan: Scan, start: int, end: int, hit_starts: set[int]) -> bool:
    """A one-word place followed by a capitalised word the registry does not know, which
    is no role, body word or common opener: the place is someone's first name."""
    tokens, words = scan.tokens, scan.words
    if end - start != 1 or end >= len(tokens) or end in hit_starts:
        return False
    following = tokens[end]
    return (
        following.kind == "word"
        and following.text[:1].isupper()
        and following.text not in words.not_names
        and not scan.org_word_at(end)
        and words.roles.match_at(scan.keys, end) < 0
        and words.place_name_parts.match_at(scan.keys, end) < 0
    )


def _free_parts(scan: Scan, start: int, end: int) -> list[tuple[int, int]]:
    """The stretches of a run that no mention or blocked span covers."""
    parts: list[tuple[int, int]] = []
    at = start
    while at < end:
        if scan.explained(at, at + 1):
            at += 1
            continue
        stop = at
        while stop < end and not scan.explained(stop, stop + 1):
            stop += 1
        parts.append((at, stop))
        at = stop
    return parts


class _Sentence:
    """The finder's state for one sentence."""

    def __init__(
        self,
        compiled: Compiled,
        scan: Scan,
        memory: ArticleMemory,
        names: list[Span],
        actor_at: ActorAt | None = None,
    ) -> None:
        self.compiled = compiled
        self.actor_at = actor_at
        self.words: Words = compiled.words
        self.names = names
        self.scan = scan
        self.memory = memory
        self.people: set[int] = set()  # ids of actors taken for people in this sentence

    def accept(self, found: Found) -> None:
        scan = self.scan
        tokens = scan.tokens
        if credited(tokens, scan.keys, found.start, found.end, scan.outlets, self.words):
            return
        if any(found.start < e and s < found.end for s, e in scan.outlets):
            return
        swallowed = [m for m in scan.known if found.start < m.end and m.start < found.end]
        if swallowed and (
            found.kind != "organisation"
            or any(m.start < found.start or m.end > found.end for m in swallowed)
        ):
            return
        for mention in swallowed:
            scan.known.remove(mention)
        scan.changed()
        scan.blocked = [
            (s, e) for s, e in scan.blocked if not (found.start <= s and e <= found.end)
        ]
        text = scan.span_text(found.start, found.end)
        actor = self.memory.recall(text) or Actor(
            name=text,
            kind=ActorKind.UNKNOWN,
            affiliation=found.affiliation,
            role=found.role if found.kind == "person" else None,
        )
        self._add(found.start, found.end, actor, "unknown", found.kind == "person")
        if found.acronym:
            self.memory.define(found.acronym, actor)

    def legislature(self, found: Found) -> None:
        """ "Congress" in a story about Peru: the Congress of Peru — unless a party of that
        state goes by the word ("Congress" in a story about India: Indian National Congress)."""
        text = self.scan.span_text(found.start, found.end)
        party = self._party_named(text, found.affiliation)
        if party is not None:
            self._add(found.start, found.end, party, "alias", False)
            return
        name = f"{text} of {found.affiliation}"
        actor = self.memory.recall(name) or Actor(
            name=name,
            kind=ActorKind.ORGANISATION,
            affiliation=found.affiliation,
            aliases=(text,),
        )
        self.memory.names.setdefault(name.lower(), actor)
        self._add(found.start, found.end, actor, "organisation", False)

    def _house(self, start: int, end: int) -> Found | None:
        """A legislature named alone, in the state the article mentions most; before it
        names any, "Congress" is still the party of the state its registry people belong
        to ("Congress general secretary Priyanka Gandhi Vadra" beside the Lok Sabha)."""
        house = legislature(self.scan, start, end, self.memory.main_state)
        if house is not None:
            return house
        house = legislature(self.scan, start, end, self.memory.home_state)
        text = self.scan.span_text(start, end)
        if house is None or self._party_named(text, house.affiliation) is None:
            return None
        return house

    def _party_named(self, word: str, state: str | None) -> Actor | None:
        """The party of `state` the article's "Congress" means (`house_named_parties`)."""
        if state is None or self.actor_at is None:
            return None
        for name in self.words.house_named_parties:
            number = self.compiled.index.get(normalise(name))
            if number is None or name.split()[-1] != word:
                continue
            actor = self.actor_at(number)
            if actor.affiliation == state:
                return actor
        return None

    def _add(self, start: int, end: int, actor: Actor, via: Via, person: bool) -> None:
        tokens = self.scan.tokens
        mention = Known(start, end, actor, via, tokens[start].start, tokens[end - 1].end)
        self.scan.known.append(mention)
        self.scan.changed()
        if person:
            self.people.add(id(actor))

    def recall(self, start: int, end: int) -> bool:
        """A name the article introduced before ("Mondlane", "Ms Boluarte", "CNE")."""
        scan = self.scan
        tokens = scan.tokens
        head = start
        while head < end - 1 and tokens[head].text.rstrip(".") in {
            h.rstrip(".") for h in HONORIFICS
        }:
            head += 1
        if head < end and tokens[head].text == ".":
            head += 1
        if head >= end:
            return False
        actor = self.memory.recall(scan.span_text(head, end))
        if actor is None:
            return False
        if credited(tokens, scan.keys, head, end, scan.outlets, self.words):
            return False
        via: Via = "unknown" if actor.kind is ActorKind.UNKNOWN else "alias"
        self._add(head, end, actor, via, actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN))
        return True

    def runs(self) -> None:
        scan = self.scan
        not_names = self.words.not_names
        for mention in scan.known:
            if mention.via != "unknown" and mention.actor.kind not in _STATES:
                self._note_leader_state(mention.actor.affiliation)
        for _, _, state in scan.regions:
            self.memory.leaders[state] += 1
        for start, end in runs_from_names(scan.tokens, self.names, scan.text, not_names):
            if end - start == 1 and scan.tokens[start].text in not_names:
                continue  # "The", "Monday"
            if scan.explained(start, end) and not self._state_led(start, end):
                continue  # the registry explained it
            if self._regional_office(start, end):
                continue  # "the Guerrero government": the state's, read by the claims
            if self._continues_a_body_name(start, end):
                continue  # "Ministry of Agriculture and *Rural Development*"
            if self._named_by_group_noun(start, end):
                continue
            if end - start == 1 and scan.tokens[start].is_upper and self.recall(start, end):
                continue  # "BSM" after "Bernhard Schulte Shipmanagement": its initials
            bodies = list(bodies_in_run(scan, start, end))
            for found in bodies:
                self.accept(found)
            if bodies:
                continue
            for part_start, part_end in _free_parts(scan, start, end):
                if self.recall(part_start, part_end):
                    continue
                house = self._house(part_start, part_end)
                if house is not None:
                    self.legislature(house)
                    continue
                for found in people_in_run(scan, part_start, part_end):
                    self.accept(found)

    def _regional_office(self, start: int, end: int) -> bool:
        """A region's name and a word for its government or officials ("the Guerrero
        government", "Lao Cai authorities"): its state's, as the GUIDELINES read regional
        governments; no actor of its own."""
        scan = self.scan
        for region_start, region_end, _ in scan.regions:
            if region_start == start and region_end < len(scan.keys):
                return scan.keys[region_end] in self.words.place_heads or scan.keys[region_end] in {
                    "government",
                    "governor's",
                    "state",
                }
        return False

    def _continues_a_body_name(self, start: int, end: int) -> bool:
        """A run after "and" or a comma that goes on the areas of a body named "Ministry of
        …" ("the Ministry of Agriculture and Rural Development", "the Ministry of Culture,
        Sports and Tourism"): part of that name, not an actor of its own."""
        keys, tokens = self.scan.keys, self.scan.tokens
        at = start - 1
        if at < 1 or keys[at] not in ("and", ","):
            return False
        if any(self.scan.org_word_at(j) for j in range(start, end)):
            return False  # "the Bank of England and Oxford University": a body of its own
        at -= 1
        while at >= 1 and (tokens[at].is_title or keys[at] in (",", "and")):
            at -= 1
        return at >= 1 and keys[at] == "of" and tokens[at - 1].text in self.words.org_words

    def _named_by_group_noun(self, start: int, end: int) -> bool:
        """ "the Oslo-based group Iran Human Rights": after a noun for a body, the whole run
        is its name, a state's name in it included."""
        scan = self.scan
        if start == 0 or end - start < 2 or scan.explained(start, end):
            return False
        located = scan.keys[start - 1].endswith(LOCATED_SUFFIXES)  # "Oslo-based Iran Human Rights"
        if self.words.groups.match_before(scan.keys, start) < 0 and not located:
            return False
        if not any(m.start == start and m.actor.kind in _STATES for m in scan.known):
            return False  # other names after a group noun are read by the body rules
        self.accept(Found(start, end, "organisation"))
        return any(m.start == start and m.end == end for m in scan.known)

    def _state_led(self, start: int, end: int) -> bool:
        """A run of several mentions led by a state's ("Norwegian" + "Red Cross"): it may
        name the state's own body."""
        for mention in self.scan.known:
            if mention.start == start:
                return mention.end < end and mention.actor.kind in _STATES
        return False

    def acronyms(self) -> None:
        """A known actor defined with its acronym ("… Organization (CSTO)"): the acronym is
        the actor's here and in the sentences after."""
        scan = self.scan
        if "(" not in scan.text:
            return
        keys = scan.keys
        for mention in list(scan.known):
            at = mention.end
            if at + 2 < len(keys) and keys[at] == "(" and keys[at + 2] == ")":
                token = scan.tokens[at + 1]
                if token.is_upper and not scan.taken(at + 1, at + 2):
                    self.memory.define(token.text, mention.actor)
                    self._add(at + 1, at + 2, mention.actor, "alias", False)

    def remember(self) -> None:
        """States for the tally; people for their surnames; names found by rule."""
        for mention in self.scan.known:
            actor = mention.actor
            kind = actor.kind
            if kind in _STATES:
                self.memory.states[actor.name] += 1
            elif kind is ActorKind.PERSON or mention.via == "unknown":
                text = self.scan.text[mention.char_start : mention.char_end]
                person = kind is ActorKind.PERSON or id(actor) in self.people
                generic = self.words.generic_org_words | self.words.not_names
                self.memory.remember(actor, text, person, generic)

    def _note_leader_state(self, affiliation: str | None) -> None:
        """A registry person's or body's state ("Narendra Modi", "Lok Sabha": India) tells
        whose house a bare "Congress" is before the article names the state itself."""
        if affiliation is None or self.actor_at is None:
            return
        number = self.compiled.index.get(normalise(affiliation))
        if number is not None and self.actor_at(number).kind in _STATES:
            self.memory.leaders[affiliation] += 1


def _prefer_home_party(
    compiled: Compiled, actor_at: ActorAt, scan: Scan, memory: ArticleMemory
) -> None:
    """A party name several states' parties share ("the main opposition Democratic Party"
    in a story about South Korea): the home state's party of that name ("Democratic Party
    of Korea") when the registry has one, not the one it knows first."""
    home: str | None = None
    for known in scan.known:
        actor = known.actor
        if actor.kind is not ActorKind.ORGANISATION or not actor.affiliation:
            continue
        if home is None:
            home = memory.home_state() or ""
        if not home or actor.affiliation == home:
            continue
        text = scan.text[known.char_start : known.char_end]
        for name in (f"{text} of {home}", f"{text} of {home.split()[-1]}"):
            number = compiled.index.get(normalise(name))
            if number is not None and actor_at(number).affiliation == home:
                known.actor = actor_at(number)
                break


def _prefer_named(scan: Scan, memory: ArticleMemory) -> None:
    """A one-word name the registry gives to someone ("Bongo": Omar Bongo) means the person
    this article already named in full with that word ("Ali Bongo Ondimba")."""
    for known in scan.known:
        if known.end - known.start != 1 or known.actor.kind is not ActorKind.PERSON:
            continue
        named = memory.person_named(scan.tokens[known.start].text)
        if named is not None and named.name != known.actor.name:
            known.actor = named


def find_mentions(
    compiled: Compiled,
    actor_at: ActorAt,
    analysis: SentenceAnalysis,
    memory: ArticleMemory | None = None,
) -> tuple[list[ActorMention], list[OutletMention]]:
    """Actor mentions (non-overlapping, by start) and outlets named in one sentence."""
    tokens = analysis.tokens
    if not tokens:
        return [], []
    keys = token_keys(tokens)
    words = compiled.words
    if credit_line(tokens, keys, words):
        return [], []
    memory = memory if memory is not None else ArticleMemory()
    scan = Scan(analysis.text, tokens, keys, words, lone=memory.lone)
    outlets = _known(compiled, actor_at, scan)
    _prefer_named(scan, memory)
    _prefer_home_party(compiled, actor_at, scan, memory)
    sentence = _Sentence(compiled, scan, memory, analysis.names, actor_at)
    sentence.acronyms()
    sentence.runs()
    sentence.remember()
    if scan.regions:  # for the claims: "the Guerrero government" is its state's
        analysis.layers["regions"] = [
            (tokens[s].start, tokens[e - 1].end, state) for s, e, state in scan.regions
        ]
    mentions = [
        ActorMention(
            m.char_start, m.char_end, analysis.text[m.char_start : m.char_end], m.actor, m.via
        )
        for m in sorted(scan.known, key=lambda m: m.char_start)
    ]
    return mentions, outlets
