"""A role that the next sentence names: "The mayor of Derna has said the toll could reach
20,000. Abdulmenam al-Ghaithi gave the estimate in an interview…" — the claim is the mayor's,
and the mayor is the person who opens the next sentence, not the city or state."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from briefings.extract.actors import ActorMention
from briefings.models import Actor, ActorKind, Claim

_DEFINITE = frozenset({"the"})


def unnamed_role_claims(
    claims: list[Claim], first: int, actors: Mapping[str, Actor], person_roles: Collection[str]
) -> list[int]:
    """Indices (from `first` on) of claims whose speaker is a definite role held by one
    person ("the mayor of …", "the country's interior minister") that resolved to a body or
    a place rather than to a named person."""
    found = []
    for index in range(first, len(claims)):
        claim = claims[index]
        words = (claim.speaker_text or "").lower().split()
        bare = len(words) == 1 and words[0] in person_roles  # "Governor says …" (a standfirst)
        if not words or not (words[0] in _DEFINITE or bare):
            continue
        role = (claim.speaker_role or "").lower().replace("-", " ").split()
        if not any(word in person_roles for word in role):
            continue
        actor = actors.get(claim.speaker)
        if actor is not None and actor.kind is ActorKind.PERSON:
            continue
        if actor is not None and actor.kind is ActorKind.UNKNOWN and not bare:
            continue
        found.append(index)
    return found


_MAX_TITLE_WORDS = 3  # "Governor", "Defence Minister", "Brig. Gen." before the name


def opening_person(
    mentions: list[ActorMention],
    known: Collection[str],
    is_body: Callable[[str], bool],
    text: str = "",
    roles: Collection[str] = (),
) -> Actor | None:
    """The person a sentence opens with, named for the first time in the article
    ("Abdulmenam al-Ghaithi gave the estimate …"), or after a title that is one of `roles`
    ("Governor Uba Sani said" after "the governor of Kaduna state has said"); `is_body`
    tells an unknown name that reads as an organisation ("National Police Service")."""
    if not mentions:
        return None
    before = text[: mentions[0].start].split()
    if len(before) > _MAX_TITLE_WORDS or not all(word[:1].isupper() for word in before):
        return None
    titles = {word.lower().rstrip(".") for word in before}
    if titles and not titles & set(roles):
        return None  # "President Joe Biden" after "the minister said": someone else
    actor = mentions[0].actor
    if actor.name in known:
        return None
    if actor.kind is ActorKind.PERSON:
        return actor
    if (
        actor.kind is ActorKind.UNKNOWN
        and " " in actor.name
        and actor.name[:1].isupper()
        and not is_body(actor.name)
    ):
        return actor
    return None
