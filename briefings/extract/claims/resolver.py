"""Which actor a speaker phrase names.

An actor mention inside the phrase (a person first: "Kremlin spokesman Dmitry Peskov" is
Peskov, speaking for Russia); a capitalised name the registry does not know (kept as
written, titles left out); a pronoun or "the minister" resolved through the discourse; an
unnamed group ("analysts") or a document ("a Bloomberg poll") kept as written; an
institution named without its state ("the Culture Ministry") speaking as the state in the
news.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

from briefings.extract.actors import ActorMention
from briefings.extract.analysis import LOCATED_SUFFIXES
from briefings.extract.claims.discourse import BODY, DOCUMENT, PERSON, PRONOUNS, Discourse, Entity
from briefings.extract.claims.model import Speaker
from briefings.extract.claims.phrases import POSSESSIVES, determiners, name_run, np_left
from briefings.extract.claims.speakers import (
    PERSON_TITLE_HEADS,
    RELATIVES,
    SPOKESPEOPLE,
    Phrase,
    first_person,
    head_of,
    lenient_phrase,
    mentions_in,
    names_someone,
)
from briefings.extract.claims.view import SentenceView
from briefings.extract.claims.vocabulary import AttributionVocabulary
from briefings.models import Actor, ActorKind


class SpeakerResolver:
    """Turns a speaker phrase into a `Speaker`, reading mentions and the discourse."""

    def __init__(self, discourse: Discourse) -> None:
        self.discourse = discourse
        self.headline = False  # headlines drop articles: "as governor warns" is "the governor"

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
        located = [j for j in range(first, last) if view.norms[j].endswith(LOCATED_SUFFIXES)]
        if located:
            first = located[-1] + 1  # "a Moscow-based lawyer" is a lawyer, not Moscow
        if first > last:
            return None
        text = view.span_text(first, last)
        position = view.offset + view.tokens[first].start
        if first_person(view, first):
            return None  # the writer or the reader, not an attributed source
        if first == last and view.norms[first] in PRONOUNS:
            return self._pronoun(view, first, position, phrase)
        owned = self._owners_body(view, first, last, text, position)
        if owned is not None:
            return owned  # "His party said": the party of the man named before
        named_outlet = _named_state_outlet(view, first, last)
        if named_outlet is not None:  # "Chinese state news agency Xinhua": Xinhua
            found = self.resolve(view, Phrase(named_outlet, last))
            return dataclasses.replace(found, text=text) if found is not None else None
        official = self._state_outlet_or_force(view, first, last, text, position)
        if official is not None:
            return official  # "State television said", "Police in Kurdistan province said"
        staff = self._state_staff(view, first, last, text, position)
        if staff is not None:
            return staff  # "a ministry official", "Coast Guard officials", "fire authorities"
        head_of_state = self._presidential_office(view, first, last, text, position)
        if head_of_state is not None:
            return head_of_state  # "State House said": the president
        owner = _account_owner(view, first, last)
        if owner is not None:  # "survivors' accounts", "the testimony of survivors"
            found = self.resolve(view, owner)
            if found is not None:
                return dataclasses.replace(found, text=text)
        agent = _agent(view, first, last)
        if agent is not None:
            found = self.resolve(view, Phrase(agent, last, phrase.apposition))
            if found is not None:
                return dataclasses.replace(found, text=text)
        if phrase.apposition is not None and not names_someone(view, first, last):
            person = self._apposition_person(view, phrase, first, last, text)
            if person is not None:
                return person
        mentions = mentions_in(view, first, last)
        apposition = phrase.apposition
        role = self._role_text(view, first, last, apposition)
        head = head_of(view, first, last)
        if (
            view.norms[head] in vocabulary.documents
            and "'s" not in view.norms[first:head]
            and not view.title_case(head)  # "the US Geological Survey" is a body's name
        ):
            return self._document(view, first, last, head, text)  # "a New Hampshire poll"
        if (
            mentions
            and all(m.actor.kind is ActorKind.UNKNOWN for m in mentions)
            and (
                vocabulary.names_state_force(view.norms[first : last + 1])
                or vocabulary.names_state_body(view.norms[first : last + 1])
            )
        ):  # "The National Police Service denied", "the National Statistical Office said":
            # no registry name, the state's own force or body — the state it opens with, if
            # any ("the Japan Meteorological Agency")
            opening = _state_opening(view, first, last)
            if opening is not None:
                return self._for_state(opening, view, first, last, text, position)
            institution = self._home_institution(view, first, last, text, position, named=True)
            if institution is not None:
                return institution
        own_body = _state_named_body(view, mentions, first, last)
        if own_body is not None:  # "the Pakistan Telecommunication Authority": Pakistan's
            return self._for_state(own_body, view, first, last, text, position)
        if mentions:
            return self._from_mentions(view, mentions, first, last, text, role, apposition)
        run = name_run(view, first, last)
        if run is not None and _regional(view, run, head):
            # "the Guerrero government", "Lao Cai authorities": the story's state's
            state = self.discourse.home_state(position, story=True)
            if state is not None:
                return self._for_state(state.actor, view, first, last, text, position)
        if run is not None and view.norms[head] in vocabulary.named_institution_heads:
            # "the Ministry of Agriculture and Rural Development": the home state's ministry
            institution = self._home_institution(
                view, first, last, text, position, named=True, story=True
            )
            if institution is not None:
                return institution
        if run is not None and run[0] > head:
            # "the regional health authority in Puno": the authority speaks, not Puno
            described = self._described(view, first, head, text, role, view.span_text(*run))
            if described is not None:
                return described
        if run is not None and not self._common_capital(view, run, head):
            return self._named(view, run, first, last, text, role)
        armed = self._home_military(view, first, last, text, position)
        if armed is not None:
            return armed  # "the military said" in a story about Israel: the IDF
        found = self._description(view, first, last, head, text, role, position)
        if found is None and lenient and lenient_phrase(view, first, last):
            name = strip_determiner(view, first, last)
            actor = Actor(name=name[:1].lower() + name[1:], kind=ActorKind.UNKNOWN)
            return Speaker(actor=actor, text=text, role=None)
        return found

    def as_written(self, view: SentenceView, phrase: Phrase) -> Speaker | None:
        """An unnamed source kept in its own words ("media trackers"), if it is a short
        phrase with a word in it and no first person."""
        first, last = phrase.first, phrase.last
        if last - first > 8 or first_person(view, first):
            return None
        if not any(view.word(j) and view.norms[j] not in PRONOUNS for j in range(first, last + 1)):
            return None
        name = strip_determiner(view, first, last)
        if not name[1:2].isupper():
            name = name[:1].lower() + name[1:]
        actor = Actor(name=name, kind=ActorKind.UNKNOWN)
        return Speaker(actor=actor, text=view.span_text(first, last), role=None)

    def _owners_body(
        self, view: SentenceView, first: int, last: int, text: str, position: int
    ) -> Speaker | None:
        """ "His party said", "her government announced": the body the person a possessive
        pronoun refers to belongs to (their affiliation), with the phrase as its role."""
        vocabulary = view.vocabulary
        if last != first + 1 or view.norms[first] not in {"his", "her", "their"}:
            return None
        head = view.norms[last]
        state_body = head in vocabulary.state_institutions
        if head not in vocabulary.org_roles and not state_body:
            return None
        owner = self.discourse.pronoun(view.norms[first], position)
        if owner is None or owner.kind != PERSON:
            return None
        if head in _OWN_BODIES:  # "his campaign said": his own
            return self._from_entity(owner, text, head, explicit=False)
        name = owner.actor.affiliation
        known = self.discourse.entities.get(name or "")
        if name is None or known is None:
            return None
        if state_body != (known.actor.kind is ActorKind.STATE):
            return None  # "his government" is a state, "his party" is not
        return Speaker(actor=known.actor, text=text, role=head, explicit=False)

    def _apposition_person(
        self, view: SentenceView, phrase: Phrase, first: int, last: int, text: str
    ) -> Speaker | None:
        """ "the army chief, Gen. Omar Diallo": the person named in the apposition, with the
        description as role and the body it names as what they speak for."""
        assert phrase.apposition is not None
        a, b = phrase.apposition
        if b - 3 >= a and view.punct(b, ")") and view.punct(b - 2, "("):
            b -= 3  # "Bernhard Schulte Shipmanagement (BSM)": the name, not its acronym
        if not view.title_case(a):
            return None  # "which has tracked the deaths since December": no name given
        people = [m for m in mentions_in(view, a, b) if m.actor.kind is ActorKind.PERSON]
        role = strip_determiner(view, first, last)
        bodies = [
            m
            for m in mentions_in(view, first, last)
            if m.actor.kind not in (ActorKind.PERSON, ActorKind.UNKNOWN)
        ]
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
            if any(view.words[j] and not view.titles[j] for j in range(a, start)):
                return None  # the name must open the apposition, after titles only
            actor = Actor(name=view.span_text(start, end), kind=ActorKind.UNKNOWN, role=role)
        gender = self.discourse.gender_of(text.split() + view.span_text(a, b).split())
        self.discourse.note(
            actor, view.offset + view.tokens[a].start, kind=PERSON, gender=gender, role=role
        )
        return Speaker(
            actor=actor, text=text, role=role, speaks_for=self._speaks_for(actor, role, body)
        )

    def conjoined(
        self, view: SentenceView, phrase: Phrase, speaker: Speaker
    ) -> tuple[Speaker, ...]:
        """The other speakers of a list of states or bodies ("Russia, China and Iran
        condemned", "Both Armenia and Azerbaijan said"): one claim each. People and
        descriptions are left as one speaker."""
        first = phrase.first
        while first > 1 and view.punct(first - 1, ",") and view.titles[first - 2]:
            start = np_left(view, first - 2)  # the list goes on before a comma
            if start is None or start == first - 1:
                break
            first = start
        last = phrase.last
        while last + 2 < view.n and (view.punct(last + 1, ",") or view.norms[last + 1] == "and"):
            # "Estonia, Latvia and Lithuania imposed …, accusing …": the list goes on after
            nxt = last + 2 if view.norms[last + 2] != "and" else last + 3
            mention = view.mention_at.get(nxt)
            if mention is None:
                break
            end = view.analysis.token_at(mention.end - 1)
            if end is None or end.i < nxt:
                break
            last = end.i
        if "and" not in view.norms[first : last + 1] and "&" not in view.norms[first : last + 1]:
            return ()
        mentions = mentions_in(view, first, last)
        if len(mentions) < 2 or any(
            m.actor.kind in (ActorKind.PERSON, ActorKind.UNKNOWN) for m in mentions
        ):
            return ()
        for one, two in itertools.pairwise(mentions):
            between = view.text[one.end : two.start].strip(" ,").lower()
            if between.endswith(" the") or between == "the":
                between = between[:-3].strip(" ,")  # "Germany, Austria and the UK"
            if between not in {"", "and", "&"}:
                return ()  # "the Centre for Public Integrity in Maputo": no list
        others = []
        seen = {speaker.actor.name}
        for mention in mentions:
            if mention.actor.name not in seen:
                seen.add(mention.actor.name)
                others.append(Speaker(actor=mention.actor, text=mention.text))
        return tuple(others)

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
            role = strip_determiner(view, *phrase.apposition)
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
        """ "the minister", "officials", "a senior official in the ministry", "analysts"."""
        vocabulary = view.vocabulary
        norm = view.norms[head]
        if _state_possessor(view, first, head):  # "the government's prison agency"
            institution = self._home_institution(view, first, last, text, position)
            if institution is not None:
                return institution
            state = self.discourse.home_state(position, story=True)
            if state is not None:  # "the military's media wing"
                return self._for_state(state.actor, view, first, last, text, position)
        singular_role = (
            norm in vocabulary.state_roles
            or norm in vocabulary.org_roles
            or norm in vocabulary.person_roles
        )
        definite = (view.norms[first] in {"the", "this", "that"} and first < head) or (
            self.headline
            and (first == head or not (view.norms[first] in determiners() or view.titles[first]))
        )  # a headline drops its articles: "rights group says" is the group named below
        if definite and singular_role and not norm.endswith("s"):
            kinds = {PERSON} if _person_role(norm, vocabulary) else {BODY}
            entity = self.discourse.definite(norm, position, kinds)
            if entity is None and kinds == {PERSON}:
                # "the police chief" after "Inspector-General of Police Japhet Koome"
                entity = next(
                    (
                        found
                        for j in range(head - 1, first, -1)
                        if view.word(j)
                        and (
                            found := self.discourse.definite(
                                view.norms[j], position, kinds, modifier=True
                            )
                        )
                        is not None
                        and found.kind == PERSON
                    ),
                    None,
                )
            if entity is None and kinds == {PERSON}:
                state = self.discourse.home_state(position, story=True)
                if state is not None:  # "The president says …" before the story names him
                    entity = self.discourse.holder(state.name, norm, position)
            if entity is None and kinds == {BODY} and norm in vocabulary.org_kinds:
                # "rights group says …" over a story about "Iran Human Rights"
                entity = next(
                    (
                        found
                        for j in range(head - 1, first - 1, -1)
                        if view.word(j)
                        and view.norms[j] not in determiners()
                        and (found := self.discourse.definite(view.norms[j], position, kinds))
                        is not None
                        and found.kind == BODY
                    ),
                    None,
                )
            if (
                entity is None
                and norm in vocabulary.state_roles
                and norm not in vocabulary.state_institutions  # "the ministry": the state's
            ):
                entity = self.discourse.speaking_body(position)  # "the spokesperson" of it
            if entity is not None:
                return self._from_entity(entity, text, role or norm, explicit=False)
        institution = self._home_institution(view, first, last, text, position)
        if institution is not None:
            return institution
        if (
            first + 1 == head and view.norms[first] in {"a", "an"} and norm in _SPOKESPERSON
        ):  # "The ministry denied it. '…,' a spokesperson said": the ministry's
            body = self.discourse.speaking_body(position)
            if body is not None:
                return self._from_entity(body, text, norm, explicit=False)
        bare = head == last and all(view.norms[j] in determiners() for j in range(first, head))
        if bare and norm in SPOKESPEOPLE:
            body = self.discourse.speaking_body(position)  # "Officials described …" after
            if body is not None:  # "the ministry announced …": that state's officials
                return self._from_entity(body, text, norm, explicit=False)
        if not (vocabulary.role_noun(norm) or norm in vocabulary.titles):
            return None
        one_of = view.norms[first] == "one" and view.norm(first + 1) == "of"
        if one_of or (view.norms[first] in vocabulary.quantities and view.norm(first + 1) == "of"):
            first += 2  # "Thousands of angry protesters" → "angry protesters"
        name = strip_determiner(view, first, last)
        if one_of and name.endswith("s") and not name.endswith("ss"):
            name = name[:-1]  # "one of the officers" → "officer"
        if (
            head < last
            and view.norms[head + 1] in vocabulary.prepositions
            and norm not in vocabulary.quantities
            and norm not in _INDEFINITES
        ):
            name = strip_determiner(view, first, head)  # "authorities in the east"
        opener = view.sentence_initial(first) and first < last  # "Rights group says"
        if norm in vocabulary.group_roles or norm.endswith("s") or opener:
            name = name[:1].lower() + name[1:] if not view.title_case(first + 1) else name
        actor = Actor(name=name, kind=ActorKind.UNKNOWN, role=norm)
        return Speaker(actor=actor, text=text, role=norm)

    def _state_outlet_or_force(
        self, view: SentenceView, first: int, last: int, text: str, position: int
    ) -> Speaker | None:
        """The state's own media ("state television", "the state broadcaster IRIB") or a
        force placed in one of its provinces ("Punjab police", "Police in Kurdistan
        province"): the state the article is about, named as written."""
        vocabulary = view.vocabulary
        kept = [k for k in range(first, last + 1) if view.norms[k] not in {"the", "'s", "-"}]
        norms = [view.norms[k] for k in kept]
        if not norms:
            return None
        states = {
            k
            for m in mentions_in(view, first, last)
            if m.actor.kind in (ActorKind.STATE, ActorKind.TERRITORY)
            for k in range(first, last + 1)
            if m.start <= view.tokens[k].start < m.end
        }
        # unnamed: a named outlet ("the Azerbaijan State News Agency") is its own source
        media = (
            _STATE_MEDIA_MARKS.intersection(norms)
            and _MEDIA.intersection(norms)
            and all(
                view.norms[k] in _STATE_MEDIA_WORDS or k in states
                for k in range(first, last + 1)
                if view.norms[k] not in {"the", "'s", "-"}
            )
        )
        force = False
        if not media:
            inside = norms.index("in") if "in" in norms else len(norms)
            head = norms[:inside]
            force = (
                bool(head)
                and (len(head) >= 2 or inside < len(norms))  # placed: "Punjab police", "… in X"
                and head[-1] in vocabulary.state_forces
                and len(head) <= 3
                and all(view.title_case(kept[k]) for k in range(len(head) - 1))
                and not any(
                    m.actor.kind is not ActorKind.UNKNOWN for m in mentions_in(view, first, last)
                )
            )
        if not (media or force):
            return None
        named = [
            m.actor
            for m in mentions_in(view, first, last)
            if m.actor.kind in (ActorKind.STATE, ActorKind.TERRITORY)
        ]
        opening = _state_opening(view, first, last)
        if named:  # "Tajik state media"
            state: Entity | None = Entity(named[0], BODY)
        elif opening is not None:  # "the Azerbaijan State News Agency"
            state = Entity(opening, BODY)
        else:
            state = self.discourse.home_state(position, story=True)
        if state is None:
            return None
        if force and state.actor.name.lower() in vocabulary.local_police_states:
            return None  # a city's or county's police, not the state's
        return self._for_state(state.actor, view, first, last, text, position)

    def _for_state(
        self,
        state: Actor,
        view: SentenceView,
        first: int,
        last: int,
        text: str,
        position: int,
        *,
        lower: bool = False,
    ) -> Speaker:
        """The state as the speaker, the body or role that spoke as written ("South Korea's
        police said …"), remembered for the sentences after."""
        role = strip_determiner(view, first, last)
        if lower:
            role = role.lower()
        self.discourse.note(state, position, head=view.norms[last])
        display = f"{state.name}'s {role}"
        return Speaker(actor=state, text=text, role=role, explicit=True, display=display)

    def _home_military(
        self, view: SentenceView, first: int, last: int, text: str, position: int
    ) -> Speaker | None:
        """ "The military said", "the army said": the story's state's armed forces, by the
        name the registry gives them when it has one (the Israel Defense Forces)."""
        words = view.norms[first : last + 1]
        if not view.vocabulary.names_state_force(words):
            return None
        state = self.discourse.home_state(position, story=True)
        if state is None:
            return None
        military = _state_military(state.actor, words)
        if military is None:
            return None
        self.discourse.note(military, position, head=view.norms[last])
        return Speaker(actor=military, text=text, role=None)

    def _presidential_office(
        self, view: SentenceView, first: int, last: int, text: str, position: int
    ) -> Speaker | None:
        """ "State House said" (the president's office in Malawi, Kenya, Uganda …): the
        story's state's president when the article names them, else the state."""
        words = [w for w in view.norms[first : last + 1] if w != "the"]
        if words != ["state", "house"] or not view.title_case(last):
            return None
        state = self.discourse.home_state(position, story=True)
        if state is None:
            return None
        president = self.discourse.holder(state.actor.name, "president", position)
        if president is not None:
            return self._from_entity(president, text, "State House", explicit=False)
        return self._for_state(state.actor, view, first, last, text, position)

    def _state_staff(
        self, view: SentenceView, first: int, last: int, text: str, position: int
    ) -> Speaker | None:
        """Officials or authorities of a state's own force or institution, named by it ("a
        senior ministry official", "Coast Guard officials", "the fire authorities", "a fire
        and rescue official"), or a public authority named in capitals with no state in it
        ("the Suez Canal Authority"): the home state, as its ministry or police would be.
        Bare "officials" and "local authorities" are not placed: kept as written."""
        vocabulary = view.vocabulary
        tail = view.norms[last]
        if tail in _STAFF_TAILS:
            words = [w for w in view.norms[first:last] if w not in _STAFF_FILLERS and w != "and"]
            units = vocabulary.state_forces | vocabulary.state_institutions | _SERVICE_WORDS
            if tail not in _SPOKESPEOPLE:
                units = units - _GROUP_STAFF  # "a military spokeswoman" speaks for the state
            allowed = units | vocabulary.state_force_modifiers | vocabulary.state_body_markers
            if not words or not all(w in allowed for w in words) or not units.intersection(words):
                return None
        elif _named_authority(view, first, last):
            if any(m.actor.kind is not ActorKind.UNKNOWN for m in mentions_in(view, first, last)):
                return None  # "the Palestinian Authority", "Qatar's civil aviation authority"
        else:
            return None
        state = self.discourse.home_state(position, story=True)
        if state is None:
            return None
        local = {"police", "fire", "rescue", "firefighting", "ambulance"}
        if local.intersection(view.norms[first:last]) and (
            state.actor.name.lower() in vocabulary.local_police_states
        ):
            return None  # a city's or county's services, not the state's
        return self._for_state(state.actor, view, first, last, text, position)

    def _home_institution(
        self,
        view: SentenceView,
        first: int,
        last: int,
        text: str,
        position: int,
        *,
        named: bool = False,
        story: bool = False,
    ) -> Speaker | None:
        """ "The Culture Ministry said", "the attorney general's office said": an institution
        named without its state speaks for the state the article is about, which is the
        speaker (as "Armenia's Foreign Ministry" is Armenia), the institution its role.
        `story`: the institution is the whole story's state's even before it is named."""
        vocabulary = view.vocabulary
        words = view.norms[first : last + 1]
        force = vocabulary.names_state_force(words)  # "Police said", "the national police"
        body = vocabulary.names_state_body(words) and "news" not in words  # not a news agency
        if body and view.title_case(last) and not named:
            # a name of its own ("the National Disaster Response Force") is the home state's
            # body unless it names its state ("the Azerbaijan State News Agency")
            body = not any(
                m.actor.kind in (ActorKind.STATE, ActorKind.TERRITORY)
                for m in mentions_in(view, first, last)
            )
        if not (
            force or body or any(w in vocabulary.state_institutions for w in words)
        ) or view.norms[last] in {"officials", "official"}:
            return None
        # before any state is named, a force or body ("Federal Police say …") is the whole
        # story's; "the junta" or "the embassy" may be anyone's
        state = self.discourse.home_state(position, story=force or body or story)
        if state is None:
            return None
        if (
            force
            and ("police" in words or "fire" in words)
            and state.actor.name.lower() in vocabulary.local_police_states
        ):
            return None  # a city's or county's police, not the state's
        initial = view.sentence_initial(first) and first == last
        lower = force and (initial or not view.title_case(last))
        # "Police said" at a sentence's start: "police", not a name
        return self._for_state(state.actor, view, first, last, text, position, lower=lower)

    def _document(
        self, view: SentenceView, first: int, last: int, head: int, text: str
    ) -> Speaker | None:
        """ "a Bloomberg poll", "the report": kept as written."""
        name = strip_determiner(view, first, head)
        if view.norms[first] in {"the", "this", "that"} and first + 1 == head:
            position = view.offset + view.tokens[first].start
            entity = self.discourse.definite(view.norms[head], position, {DOCUMENT})
            if entity is None:
                entity = self.discourse.document_author(position)  # "X issued a statement"
            if entity is None and view.norms[head] in {"statement", "communique", "release"}:
                entity = self.discourse.speaking_body(position)  # whose statement it was
            if entity is not None:
                return self._from_entity(entity, text, None, explicit=False)
        actor = Actor(name=name, kind=ActorKind.UNKNOWN, role="document")
        self.discourse.note(
            actor, view.offset + view.tokens[first].start, kind=DOCUMENT, head=view.norms[head]
        )
        return Speaker(actor=actor, text=text, role=None)

    # --- names --------------------------------------------------------------------------------

    def _common_capital(self, view: SentenceView, run: tuple[int, int], head: int) -> bool:
        """A capitalised word that is a common noun at the start of the sentence ("Officials
        said", "Analysts say") or an adjective before a role ("Republican officials")."""
        vocabulary = view.vocabulary
        start, end = run
        norm = view.norms[head]
        if end < head and (norm in vocabulary.roles or norm.rstrip("s") in vocabulary.roles):
            # "Republican officials", "Kremlin spokesman", "Shipping industry groups"
            return (
                norm in vocabulary.group_roles
                or norm.rstrip("s") in vocabulary.roles
                or end + 1 == head
            )
        if (
            start == end == head
            and start > 0
            and view.norms[start] in vocabulary.person_roles
            and view.norms[start] in vocabulary.state_roles
            and view.norms[start - 1] in {"the", "this", "that"}
        ):
            return True  # "the President said": a role, not a name
        if start == end and view.sentence_initial(start):
            norm = view.norms[start]
            return (
                norm in vocabulary.quantities
                or norm in vocabulary.roles
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
        if all(view.timed[j] for j in range(start, end + 1)):
            return None  # "Saturday's earthquakes": a day, not a name
        name = view.span_text(start, end)
        words = name.split()
        position = view.offset + view.tokens[start].start
        institution = self._home_institution(view, start, end, text, position)
        if institution is not None:
            return institution  # "the Health Ministry" of the state in the news
        if len(words) == 1:
            entity = self.discourse.surname(words[0])
            if entity is not None:
                self.discourse.note(entity.actor, position, role=role)
                return self._from_entity(entity, text, role, explicit=True)
        title_words = [view.tokens[j].text for j in range(first, start)]
        gender = self.discourse.gender_of(title_words + words[:1])
        last_word = words[-1].lower()
        vocabulary = view.vocabulary
        described = _role_head(view, (role or "").lower().split())
        is_org = (
            last_word in vocabulary.org_name_endings
            or (view.tokens[end].is_upper and len(words) == 1)
            or described in vocabulary.org_roles
            or described in vocabulary.documents
        )  # "Plataforma Decide, a civil society network, said": an organisation; not
        # "Tamer Ramadan, head of the Red Cross delegation"
        kind = BODY if is_org else PERSON
        actor = Actor(
            name=name,
            kind=ActorKind.ORGANISATION if is_org else ActorKind.UNKNOWN,
            role=role,
        )
        known = self.discourse.entities.get(name)
        if known is not None:
            actor = known.actor
        self.discourse.note(
            actor, position, kind=kind, gender=gender, role=" ".join([*title_words, role or ""])
        )
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
        people = [
            m
            for m in mentions
            if _person_like(view, m)
            or (" " not in m.actor.name and self.discourse.surname(m.actor.name) is not None)
        ]
        bodies = [m for m in mentions if m not in people]
        head = head_of(view, first, last)
        head_norm = view.norms[head]
        if (
            people
            and "'s" in view.norms[first:head]
            and head_norm in view.vocabulary.state_institutions
            and head_norm not in view.vocabulary.personal_institutions  # "Macron's office": his
        ):
            owner = people[-1].actor  # "Abiy's government": his state speaks
            state = self.discourse.entities.get(owner.affiliation or "")
            if state is not None:
                return Speaker(actor=state.actor, text=text, role=head_norm)
            if owner.affiliation:
                return Speaker(
                    actor=Actor(name=owner.affiliation, kind=ActorKind.STATE),
                    text=text,
                    role=head_norm,
                )
        if people:
            chosen = people[-1]
            actor = chosen.actor
            if " " not in actor.name:  # "Boluarte" after "President Dina Boluarte"
                known = self.discourse.surname(actor.name)
                actor = known.actor if known is not None else actor
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
            self.discourse.note(
                actor,
                view.offset + chosen.start,
                kind=PERSON,
                gender=self.discourse.gender_of(text.split()),
                role=view.span_text(first, last),
            )
            return Speaker(actor=actor, text=text, role=role or actor.role, speaks_for=speaks_for)
        run = name_run(view, first, last)
        vocabulary = view.vocabulary
        group = _demonym_group(view, bodies, first, last)
        if group is not None:
            return group  # "Russian military bloggers said": the bloggers, not Russia
        chosen = _head_body(view, bodies, last)
        described = self._described_body(view, bodies, first, head, text, role)
        if described is not None:
            return described
        if run is not None and _person_role(head_norm, vocabulary):
            # "Kremlin spokesman Ivan Ivanov": a person the registry does not know; not the
            # place in "the mayor of the flood-stricken city of Derna"
            start, end = run
            mentioned = any(m.start <= view.tokens[start].start < m.end for m in bodies)
            placed = start > 0 and view.norms[start - 1] in vocabulary.prepositions
            if not mentioned and not placed and view.tokens[end].end <= view.tokens[last].end:
                name = view.span_text(start, end)
                actor = Actor(name=name, kind=ActorKind.UNKNOWN, role=role)
                self.discourse.note(
                    actor,
                    view.offset + view.tokens[start].start,
                    kind=PERSON,
                    gender=self.discourse.gender_of(text.split()),
                    role=role,
                )
                return Speaker(actor=actor, text=text, role=role, speaks_for=chosen.actor.name)
        named_with = "'s" in view.norms[first:head] or _right_before(view, chosen, head)
        if named_with and _person_role(head_norm, vocabulary):
            owner_end = view.analysis.token_at(chosen.end - 1)
            written = (
                " ".join(view.norms[owner_end.i + 1 : head + 1]).removeprefix("'s ")
                if owner_end is not None
                else ""
            )
            holder = self.discourse.holder(chosen.actor.name, head_norm, view.offset, written)
            if holder is not None:  # "Kazakhstan's president" after "President Tokayev"
                return self._from_entity(holder, text, head_norm, explicit=False)
        self.discourse.note(chosen.actor, view.offset + chosen.start, head=head_norm)
        speaker_role = role if role else (head_norm if head_norm in vocabulary.roles else None)
        return Speaker(actor=chosen.actor, text=text, role=speaker_role)

    def _described_body(
        self,
        view: SentenceView,
        bodies: list[ActorMention],
        first: int,
        head: int,
        text: str,
        role: str | None,
    ) -> Speaker | None:
        """ "the regional health authority in Puno", "Peru's Catholic bishops": the speaker
        is what the head noun describes, not the place or state named with it (an official
        body of a place speaks for it)."""
        vocabulary = view.vocabulary
        norm = view.norms[head]
        head_start = view.tokens[head].start
        after = all(m.start > head_start for m in bodies)
        owned = all(m.end <= head_start for m in bodies) and "'s" in view.norms[first:head]
        if owned and (norm not in vocabulary.group_roles or norm in vocabulary.state_roles):
            return None  # "Russia's foreign ministry" speaks as Russia
        if not (after or owned):
            return None
        body = bodies[0].actor
        if after and (
            body.kind in (ActorKind.ORGANISATION, ActorKind.ARMED_GROUP)
            or (body.kind is ActorKind.UNKNOWN and vocabulary.org_name(body.name))
        ):
            token = view.analysis.token_at(bodies[0].start)
            before = token.i - 1 if token is not None else -1
            if before > 0 and view.norm(before) == "the":
                before -= 1
            if before >= 0 and view.norm(before) in {"from", "of", "at", "with"}:
                return None  # "observers from the Centre for Public Integrity": the Centre
        if (
            after
            and norm in vocabulary.state_roles
            and bodies[0].actor.kind
            in (
                ActorKind.STATE,
                ActorKind.TERRITORY,
                ActorKind.ORGANISATION,
                ActorKind.ARMED_GROUP,  # "a spokesman for the Taliban's health ministry"
            )
        ):
            if _plural_in_place(view, head, bodies[0]):
                # "Officials in eastern Libya say", "Mutinous soldiers in Gabon said": the
                # group speaks, for the place
                return self._described(view, first, head, text, role, bodies[0].actor.name)
            return None  # "a spokesperson for the Foreign Ministry", "officials of Armenia"
        return self._described(
            view, first, head, text, role, bodies[0].actor.name if after else None
        )

    def _described(
        self,
        view: SentenceView,
        first: int,
        head: int,
        text: str,
        role: str | None,
        place: str | None,
    ) -> Speaker | None:
        """A speaker described by a role or group noun, as written up to that noun; an
        official body named with a place (`place`) speaks for it."""
        vocabulary = view.vocabulary
        norm = view.norms[head]
        # a plural noun no list knows, placed before its place: "Vendors at Lilongwe's
        # market said" are vendors, not Malawi
        plural = (
            place is not None
            and head == first + (view.norms[first] in determiners())
            and _plain_plural(view, head)
        )
        if not (vocabulary.role_noun(norm) or plural):
            return None
        name = strip_determiner(view, first, head)
        if "'s" in view.norms[first:head]:
            name = view.span_text(view.norms.index("'s", first, head) + 1, head)
        if (
            view.sentence_initial(first)
            and (norm in vocabulary.group_roles or plural)
            and not any(view.titles[j] for j in range(first + 1, head + 1))
        ):
            name = name[:1].lower() + name[1:]  # "Analysts say" → "analysts"
        speaks_for = place if place and norm in vocabulary.state_roles else None
        actor = Actor(name=name, kind=ActorKind.UNKNOWN, role=norm)
        return Speaker(actor=actor, text=text, role=role or norm, speaks_for=speaks_for)

    def _role_text(
        self, view: SentenceView, first: int, last: int, apposition: tuple[int, int] | None
    ) -> str | None:
        """The role a speaker was named with: "Kremlin spokesman" in "Kremlin spokesman
        Dmitry Peskov", "the army chief" in "Gen. Y, the army chief"."""
        vocabulary = view.vocabulary
        if apposition is not None and view.norms[apposition[0]] not in RELATIVES:
            a, b = apposition
            if any(
                view.norms[j] in vocabulary.roles or view.norms[j] in vocabulary.titles
                for j in range(a, b + 1)
            ):
                return strip_determiner(view, a, b)
        run = name_run(view, first, last)
        if run is None:
            return None
        start, _ = run
        if start <= first:
            return None
        words = [
            j for j in range(first, start) if view.word(j) and view.norms[j] not in determiners()
        ]
        if not words:
            return None
        if not any(
            view.norms[j] in vocabulary.roles or view.norms[j] in vocabulary.titles for j in words
        ):
            return None
        if all(view.norms[j] in PERSON_TITLE_HEADS for j in words):
            return None  # "Mr.", "Sen.": a courtesy, not a role
        end = start - 1
        while end > words[0] and (
            not view.word(end)
            or view.norms[end] in vocabulary.np_inner
            or view.norms[end] in determiners()
        ):
            end -= 1  # "the mayor of" → "mayor", "spokesperson for the" → "spokesperson"
        return view.span_text(words[0], end).rstrip(" .") or None

    def _speaks_for(self, actor: Actor, role: str | None, body: Actor | None = None) -> str | None:
        """The state or body an official speaks for: the one named with them ("Kremlin
        spokesman"), else the registry's affiliation of someone holding an office."""
        vocabulary = self.discourse.vocabulary
        target = body.name if body is not None else None
        if target is None and actor.affiliation:
            words = (role or actor.role or "").lower().replace("-", " ").split()
            official = any(w in vocabulary.state_roles or w in vocabulary.titles for w in words)
            if official and not any(w in vocabulary.not_for_state for w in words):
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


def _plain_plural(view: SentenceView, index: int) -> bool:
    """A common plural noun ("vendors", "shopkeepers"): a lower-case word, or the
    sentence's first, ending in a plural "s"."""
    word = view.tokens[index].text
    norm = view.norms[index]
    lower = word[:1].islower() or view.sentence_initial(index)
    return lower and len(norm) > 4 and norm.endswith("s") and not norm.endswith(("ss", "us", "is"))


_NAME_JOINERS = frozenset({"'s", "and", "of", "the", "for", "&", "de", "on"})


def _demonym_group(
    view: SentenceView, bodies: list[ActorMention], first: int, head: int
) -> Speaker | None:
    """A group that a demonym only places ("Russian military bloggers", "Iranian analysts"):
    people outside the state's service speak for themselves, written as in the text."""
    vocabulary = view.vocabulary
    norm = view.norms[head]
    if norm not in vocabulary.group_roles or norm in vocabulary.state_roles:
        return None
    head_start = view.tokens[head].start
    if not bodies or any(m.actor.kind is not ActorKind.STATE or m.end > head_start for m in bodies):
        return None
    if "'s" in view.norms[first:head]:
        return None  # "Russia's analysts": owned by the state named
    name = strip_determiner(view, first, head).lower()
    return Speaker(actor=Actor(name=name, kind=ActorKind.UNKNOWN), text=name, role=None)


def _named_state_outlet(view: SentenceView, first: int, last: int) -> int | None:
    """Where the outlet's own name starts in "Chinese state news agency Xinhua" (a named
    outlet is its own source), None when the phrase names no outlet after a media word."""
    norms = view.norms
    media = next(
        (
            j
            for j in range(first, last)
            if norms[j] in view.vocabulary.media_heads and not view.title_case(j)
        ),
        None,
    )  # lower case: a description, not a word of the name ("the Azerbaijan State News Agency")
    if media is None or not _STATE_MEDIA_MARKS.intersection(norms[first:media]):
        return None
    run = name_run(view, media + 1, last)
    return run[0] if run is not None and run[1] == last else None


def _head_body(view: SentenceView, bodies: list[ActorMention], last: int) -> ActorMention:
    """The body the speaker phrase names: its first, unless the phrase ends with a name
    that the words before only describe ("The French mining company Eramet" is Eramet, "the
    UN children's agency UNICEF" is UNICEF; "the U.N. envoy for Sudan" is still the U.N.)."""
    first, tail = bodies[0], bodies[-1]
    if first is tail:
        return first
    token = view.analysis.token_at(tail.end - 1)
    start = view.analysis.token_at(tail.start)
    if token is None or start is None:
        return first
    first_end = view.analysis.token_at(first.end - 1)
    if first_end is not None and any(
        view.norms[j] in view.vocabulary.prepositions or view.norms[j] == "to"
        for j in range(first_end.i + 1, start.i)
    ):
        return first  # "Armenian fighters from the … region", "Iran's mission to the UN"
    owned = view.text[first.end : tail.start].strip() in {"'s", "’s"}
    bodies_own = (ActorKind.ORGANISATION, ActorKind.ARMED_GROUP)
    owners = (ActorKind.ORGANISATION, ActorKind.STATE, ActorKind.TERRITORY)
    if owned and token.i == last and first.actor.kind in owners and tail.actor.kind in bodies_own:
        # "the UN's World Food Programme", "Iran's Islamic Revolutionary Guard Corps": the
        # body the registry knows by name, not its parent or its state
        return tail
    first_token = view.analysis.token_at(first.start)
    hyphened = first_token is not None and "-" in first_token.text  # "Moscow-led", "Iran-backed"
    modifier = first.via == "demonym" or hyphened
    # "the Iran-backed Houthi movement": one common noun after the name still heads it
    if modifier and token.i == last - 1 and not view.title_case(last):
        return tail
    if token.i != last:
        return first
    if modifier:
        return tail
    if tail.actor.kind in (ActorKind.STATE, ActorKind.TERRITORY):
        return first
    before = view.analysis.token_at(first.end - 1)
    if before is None or view.norms[start.i - 1] in view.vocabulary.prepositions:
        return first
    described = range(before.i + 1, start.i)
    nouns = [j for j in described if view.word(j) and view.norms[j] not in _NAME_JOINERS]
    return tail if any(not view.title_case(j) for j in nouns) else first


_PLACE_PREPOSITIONS = frozenset({"in", "inside", "across", "throughout"})


def _plural_in_place(view: SentenceView, head: int, body: ActorMention) -> bool:
    """A plural group noun placed by "in" before the body ("officials in eastern Libya"),
    not a role of the body ("spokesman for", "officials of") nor its government ("officials
    in Baku": the capital stands for the state)."""
    if body.via == "metonym":
        return False
    word = view.norms[head]
    if not (word.endswith("s") or word in {"police", "military", "staff"}) or word.endswith("ss"):
        return False
    token = view.analysis.token_at(body.start)
    if token is None:
        return False
    return any(view.norms[j] in _PLACE_PREPOSITIONS for j in range(head + 1, token.i))


def _person_like(view: SentenceView, mention: ActorMention) -> bool:
    """A person, or a name the registry does not know that reads as one ("Ana Ruiz", "Gen.
    Diallo") — not "Puno" after "in"."""
    actor = mention.actor
    if actor.kind is ActorKind.PERSON:
        return True
    if actor.kind is not ActorKind.UNKNOWN or not actor.name[:1].isupper():
        return False
    if view.vocabulary.org_name(actor.name):
        return False  # "Kenya's National Police Service": a body, not a person
    token = view.analysis.token_at(mention.start)
    before = view.norm(token.i - 1) if token is not None else ""
    if before in view.vocabulary.prepositions:
        return False
    return " " in actor.name or actor.role is not None or before in view.vocabulary.titles


def _right_before(view: SentenceView, mention: ActorMention, head: int) -> bool:
    """The mention ends right before token `head`, or before the lower-case words of its
    role: "the Kazakh president", "Saudi health minister"."""
    token = view.analysis.token_at(mention.end - 1)
    if token is None or token.i >= head or head - token.i > 3:
        return False
    return all(
        view.word(j) and not view.titles[j] and view.norms[j] != "'s"
        for j in range(token.i + 1, head)
    )


def _account_owner(view: SentenceView, first: int, last: int) -> Phrase | None:
    """Whose account a phrase names: "survivors' accounts", "a survivor's account", "the
    testimony of survivors"."""
    accounts = view.vocabulary.account_nouns
    if view.norms[last] in accounts and last - 1 > first:
        mark = view.norms[last - 1]
        if mark in {"'s", "'", "’"}:
            return Phrase(first, last - 2)
    for j in range(first, last - 1):
        if view.norms[j] in accounts and view.norms[j + 1] == "of":
            return Phrase(j + 2, last)
    return None


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


# A person's own bodies: "his campaign said" is his word.
_OWN_BODIES = frozenset({"campaign", "office", "team"})

# Heads that need their phrase to say who they are ("someone in the audience", "most in
# both states"): kept whole.
_INDEFINITES = frozenset({"someone", "anyone", "everyone", "nobody", "others", "many", "most"})


def _role_head(view: SentenceView, words: list[str]) -> str:
    """The head noun of a role in apposition: the word before its first preposition or
    relative ("head" in "head of the Red Cross delegation", "network" in "a civil society
    network that monitors elections")."""
    head = ""
    for word in words:
        if word in view.vocabulary.prepositions or word in {"that", "which", "who", "whose"}:
            break
        head = word.strip(",.")
    return head


# the state's own media: a mark of the state and words for a medium; any capitalised name
# beside them is the outlet's ("the state broadcaster IRIB")
_STATE_MEDIA_MARKS = frozenset({"state", "state-run", "state-owned", "state-controlled"})
_MEDIA = frozenset({"television", "tv", "media", "broadcaster", "radio", "news", "channel"})
_STATE_MEDIA_WORDS = _STATE_MEDIA_MARKS | frozenset(
    {"television", "tv", "media", "broadcaster", "radio", "news", "agency", "outlets",
     "outlet", "channel", "press", "official", "national", "news agency"}
)  # fmt: skip
_SPOKESPERSON = frozenset({"spokesperson", "spokesman", "spokeswoman"})


def _regional(view: SentenceView, run: tuple[int, int], head: int) -> bool:
    """The name before an institution's word is a region of a state ("the Guerrero
    government"), as the actor finder found it (`layers["regions"]`)."""
    regions = view.analysis.layers.get("regions")
    if not regions or head <= run[1]:
        return False
    if view.norms[head] not in view.vocabulary.state_institutions | {"authorities", "officials"}:
        return False
    start, end = view.tokens[run[0]].start, view.tokens[run[1]].end
    return any(s == start and e == end for s, e, _ in regions)


def _named_authority(view: SentenceView, first: int, last: int) -> bool:
    """A public authority named in capitals: "the Suez Canal Authority", "the General
    Authority for Statistics" (its head before "for"/"of")."""
    if last <= first or not view.title_case(last):
        return False
    for j in range(first + 1, last + 1):
        if view.norms[j] == "authority" and view.title_case(j):
            return j == last or view.norms[j + 1] in {"for", "of"}
    return False


_ARMED_WORDS = ("military", "army")


def _state_military(state: Actor, words: Sequence[str]) -> Actor | None:
    """The registry's own name for a state's armed forces ("Israeli military" → the Israel
    Defense Forces), when the words name them ("the military", "the army") and it has one."""
    named = [word for word in _ARMED_WORDS if word in words]
    if not named or state.kind is not ActorKind.STATE:
        return None
    from briefings.extract.actors import default_registry  # loaded by then: no cycle

    registry = default_registry()
    for owner in (state.name, *state.aliases):
        found = registry.get(f"{owner} {named[0]}")
        if found is not None and found.affiliation == state.name and found is not state:
            return found
    return None


def _state_named_body(
    view: SentenceView, mentions: list[ActorMention], first: int, last: int
) -> Actor | None:
    """The state a public body's name belongs to, when it ends as a public body's does: the
    state it opens with ("the Pakistan Telecommunication Authority", "the Azerbaijan State
    News Agency") or the registry's affiliation ("the Federal Emergency Management Agency")."""
    if view.norms[first] == "the":
        first += 1
    if (
        len(mentions) > 1
        and mentions[0].actor.kind is ActorKind.STATE
        and all(m.actor.kind is ActorKind.UNKNOWN for m in mentions[1:])
    ):
        mentions = mentions[:1]  # "the US Geological Survey": the rest found as a name
    if len(mentions) != 1 or first >= last or mentions[0].start != view.tokens[first].start:
        return None
    if view.norms[last] not in view.vocabulary.state_body_heads:
        return None
    if not all(view.title_case(j) for j in range(first, last + 1)):
        return None
    actor = mentions[0].actor
    if actor.kind is ActorKind.STATE:
        return actor
    from briefings.extract.actors import default_registry  # loaded by then: no cycle

    registry = default_registry()
    if actor.kind is ActorKind.ORGANISATION and actor.affiliation:
        # a registry body of a state ("the Federal Emergency Management Agency")
        state = registry.get(actor.affiliation)
        return state if state is not None and state.kind is ActorKind.STATE else None
    if actor.kind is not ActorKind.UNKNOWN:
        return None
    return _state_opening(view, first, last)


def _state_opening(view: SentenceView, first: int, last: int) -> Actor | None:
    """The state whose name opens a capitalised name ("Sri Lanka Ports Authority",
    "Azerbaijan State News Agency")."""
    from briefings.extract.actors import default_registry  # loaded by then: no cycle

    if view.norms[first] == "the":
        first += 1
    registry = default_registry()
    for length in (3, 2, 1):
        if first + length <= last and all(view.title_case(j) for j in range(first, first + length)):
            state = registry.get(view.span_text(first, first + length - 1))
            if state is not None and state.kind is ActorKind.STATE:
                return state
    return None


def _state_possessor(view: SentenceView, first: int, head: int) -> bool:
    """ "the government's prison agency", "the ministry's spokesman", "the military's media
    wing": a body owned by a state institution or force, which speaks for the state."""
    norms = view.norms
    owners = view.vocabulary.state_institutions | view.vocabulary.state_forces | _STATE_WORDS
    return any(norms[j] == "'s" and norms[j - 1] in owners for j in range(first + 1, head))


_STATE_WORDS = frozenset({"country", "nation", "island", "kingdom", "republic"})


def _person_role(norm: str, vocabulary: AttributionVocabulary) -> bool:
    """A role held by one person ("spokesman", "minister"), not an institution."""
    return norm in vocabulary.person_roles


_COUNTS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def strip_determiner(view: SentenceView, first: int, last: int) -> str:
    """The phrase without its article ("the airline" → "airline"); "those close to him"
    keeps its "those", which is its head."""
    while first < last and (
        (view.norms[first] in determiners() and view.norms[first] != "those")
        or (view.norms[first] in _COUNTS and first + 1 <= last)  # "one blogger", "two chiefs"
    ):
        first += 1
    return view.span_text(first, last)


# what follows a state body's name when its staff speak, and the words that may stand before
_SPOKESPEOPLE = frozenset({"spokesperson", "spokesman", "spokeswoman"})
_STAFF_TAILS = frozenset({"official", "officials", "authorities"}) | _SPOKESPEOPLE
_STAFF_FILLERS = frozenset({"a", "an", "the", "senior", "top", "one", "two", "several"})
_SERVICE_WORDS = frozenset({"fire", "rescue", "firefighting", "ambulance"})
# staff written as a group all the same: "police officials", "military officials",
# "government officials" stay as written (as most annotators of the gold keep them)
_GROUP_STAFF = frozenset({"police", "military", "army", "government", "administration"})
