"""What one article has established about its actors, for the sentences after.

An article introduces "Venancio Mondlane" once and then writes "Mondlane"; it defines "the
National Elections Commission (CNE)" and then writes "CNE"; it names "Plataforma Decide" as a
network once and later alone. The memory keeps those names, surnames and acronyms, and counts
the states mentioned, so that a bare "Congress" can be read as the story's state's own.
"""

from __future__ import annotations

import re
from collections import Counter

from briefings.extract.actors.phrases import fold_key
from briefings.models import Actor, ActorKind


def name_key(text: str) -> str:
    """A name's look-up key: lower case, single spaces, no accents, straight apostrophes."""
    key = " ".join(text.lower().replace("’", "'").split())
    return key if key.isascii() else fold_key(key)


_WORD = re.compile(r"[^\W\d_][\w'’-]*|[^\w\s]")
HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr."})
# what follows a surname used alone, and hardly ever a place: "Bolsonaro, who …",
# "Whelan said", "Moraes ordered"
_PERSON_NEXT = frozenset(
    {"said", "says", "told", "added", "wrote", "denied", "insisted", "argued", "warned",
     "ordered", "announced", "accused", "urged", "called", "vowed", "tweeted"}
)  # fmt: skip


def lone_capitalised(text: str) -> frozenset[str]:
    """Name keys of the capitalised words the text also uses alone the way a surname is used
    ("… Bolsonaro, who left …", "Whelan said", "Mr Ondo"): the surnames a writer repeats,
    which confirm a full name that nothing else marks as a person."""
    words = _WORD.findall(text)
    lone: set[str] = set()
    for at, word in enumerate(words[:-1]):
        if not word[:1].isupper() or len(word) < 3 or word.isupper():
            continue
        before = words[at - 1] if at else "."
        if before == "." and at >= 2 and words[at - 2] in HONORIFICS:
            before = words[at - 2]  # "Mr. Ondo"
        after = words[at + 1]
        if after[:1].isupper() or (before[:1].isupper() and before not in HONORIFICS):
            continue
        person = (
            after in _PERSON_NEXT
            or before in HONORIFICS
            or (after == "," and at + 2 < len(words) and words[at + 2] in ("who", "whose"))
        )
        if person:
            lone.add(name_key(word))
    return frozenset(lone)


def _family_first() -> frozenset[str]:
    from briefings.extract.claims.vocabulary import default_vocabulary  # no cycle at call

    return default_vocabulary().family_first


class ArticleMemory:
    """Names, surnames and acronyms an article has introduced so far, and the capitalised
    words the whole text uses alone (`lone`), which confirm a full name that nothing else
    marks as a person ("a camp of Jair Bolsonaro supporters" … "Bolsonaro denied")."""

    def __init__(self, lone: frozenset[str] = frozenset()) -> None:
        self.lone = lone
        self.names: dict[str, Actor] = {}
        self.surnames: dict[str, Actor | None] = {}  # None: two people share it
        # inner words of a name ("Bongo" in "Ali Bongo Ondimba"): a surname of their own
        self.inner: dict[str, Actor | None] = {}
        self.acronyms: dict[str, Actor] = {}
        self.states: Counter[str] = Counter()
        # states of the registry people and bodies named, and of the regions ("Guerrero")
        self.leaders: Counter[str] = Counter()

    def remember(
        self, actor: Actor, text: str, person: bool, generic: frozenset[str] = frozenset()
    ) -> None:
        """Note a mention: its full text; a person's surname; a body's initials and its
        distinctive first word ("BSM" and "Evergreen" after "Bernhard Schulte Shipmanagement"
        and "Evergreen Marine Corp."), unless the first word is `generic`; a state for the
        tally."""
        if actor.kind in (ActorKind.STATE, ActorKind.TERRITORY):
            self.states[actor.name] += 1
            return
        if " " not in text and text.isupper():
            self.acronyms.setdefault(text, actor)  # "WIZO" again, not "Wizo"
        else:
            self.names.setdefault(name_key(text), actor)
        self.names.setdefault(name_key(actor.name), actor)
        parts = actor.name.split()
        if len(parts) >= 2:
            initials = "".join(part[0] for part in parts if part[:1].isupper())
            # (a person only by three initials or more: a name may be a company's all the same)
            if len(initials) >= (3 if person else 2) and initials.isalpha():
                self.acronyms.setdefault(initials, actor)
            if not person and parts[0][:1].isupper() and parts[0] not in generic:
                self.names.setdefault(name_key(parts[0]), actor)
        if person and len(parts) >= 2:
            # every tail of the name: "Ossa" and "Ondo Ossa" for "Albert Ondo Ossa"; and a
            # family name written first ("Lin" of "Lin Jian")
            tails = [" ".join(parts[first:]) for first in range(1, len(parts))]
            if parts[0].lower() in _family_first() and len(parts) <= 3:
                tails.append(parts[0])
            for tail in tails:
                surname = name_key(tail)
                known = self.surnames.get(surname, actor)
                self.surnames[surname] = (
                    actor if known is None or known.name == actor.name else None
                )
            for part in parts[1:-1]:
                key = name_key(part)
                if part[:1].isupper() and key not in self.surnames:
                    known = self.inner.get(key, actor)
                    self.inner[key] = actor if known is None or known.name == actor.name else None

    def define(self, acronym: str, actor: Actor) -> None:
        self.acronyms.setdefault(acronym, actor)

    def recall(self, text: str) -> Actor | None:
        """The actor an earlier sentence introduced under this name, surname or acronym."""
        if text in self.acronyms:
            return self.acronyms[text]
        key = name_key(text)
        found = self.names.get(key)
        if found is not None:
            return found
        if key in self.surnames:
            return self.surnames[key]
        return self.inner.get(key)

    def person_named(self, word: str) -> Actor | None:
        """The one person this article named in full with `word` as a surname or inner part
        of the name ("Bongo" after "Ali Bongo Ondimba")."""
        key = name_key(word)
        found = self.surnames.get(key)
        return found if found is not None else self.inner.get(key)

    def home_state(self) -> str | None:
        """The state the article mentions most, else the state of most of the registry
        people and bodies it names (an Indian story may name Narendra Modi before India)."""
        state = self.main_state()
        if state is not None or self.states:
            return state
        ranked = self.leaders.most_common(2)
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0]

    def hinted_state(self, at_least: int) -> str | None:
        """The state most of the article's registry people, bodies and regions belong to,
        when it clearly leads with `at_least` hints (a Mexican story that only names
        Guerrero and Acapulco's officials)."""
        ranked = self.leaders.most_common(2)
        if not ranked or ranked[0][1] < at_least:
            return None
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]

    def main_state(self, at_least: int = 1) -> str | None:
        """The state the article mentions most, if one clearly leads with `at_least`
        mentions."""
        ranked = self.states.most_common(2)
        if not ranked or ranked[0][1] < at_least:
            return None
        if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
            return None
        return ranked[0][0]
