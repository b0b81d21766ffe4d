"""Organisations in no dictionary, recognised by how news writing introduces them.

- a name defined with its acronym: "the Transitional Committee for Y (TCY)", "the National
  Union of Haitian Police Officers, known as SYNAPOHA" (the article may then use the acronym
  alone, see `memory.py`);
- a proper name after a description: "the ombudsman's office (Defensoría del Pueblo)";
- a name beside a noun for a body: "the former rebel movement Renamo", "the small Podemos
  party", "a gang federation called G9 Family and Allies";
- a capitalised run ending in an organisation word: "the Save Our Homes Coalition", "the
  Haitian National Police", "the Constitutional Council" — but not a state's own ministry
  (that stands for the state) nor a newsroom ("Daily Planet News Service").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from briefings.extract.actors.runs import SUFFIX_ABBREVIATIONS, capital
from briefings.extract.actors.scan import Found, Scan
from briefings.extract.analysis import Token
from briefings.models import ActorKind

_STATES = (ActorKind.STATE, ActorKind.TERRITORY)
_NAME_CONNECTORS = frozenset({"of", "for", "on", "de", "del", "des", "du", "la", "&", "and"})


def _acronym_token(scan: Scan, at: int) -> str | None:
    """ "CNE", "RNDDH", "Acled", "M23": a token that reads as an acronym."""
    if at >= len(scan.tokens):
        return None
    text = scan.tokens[at].text
    if scan.tokens[at].kind != "word" or len(text) < 2:
        return None
    upper = sum(1 for ch in text if ch.isupper())
    return text if upper >= 2 or (text.isupper() and len(text) >= 2) else None


def _defined_acronym(scan: Scan, end: int) -> tuple[str, int] | None:
    """ "(ACR)" or ", known as ACR" right after a name ending at `end`: the acronym and the
    token after the definition."""
    keys = scan.keys
    if end + 2 < len(keys) and keys[end] == "(" and keys[end + 2] == ")":
        acronym = _acronym_token(scan, end + 1)
        return (acronym, end + 3) if acronym else None
    at = end + 1 if end < len(keys) and keys[end] in (",", "(") else end
    naming = scan.words.naming.match_at(keys, at)
    if naming >= 0:
        acronym = _acronym_token(scan, naming)
        if acronym and (naming + 1 >= len(keys) or not capital(scan.tokens[naming + 1])):
            return acronym, naming + 1
    return None


def _state_prefix(scan: Scan, start: int, end: int) -> tuple[int, str | None]:
    """Where an organisation's own words begin after a leading state or demonym ("Haitian
    National Police"), and that state; -1 when a person or a known body is inside it (the
    registry has already named what the run holds)."""
    affiliation: str | None = None
    at = start
    for mention in scan.known:
        if mention.end <= start or mention.start >= end:
            continue
        if mention.actor.kind in _STATES and mention.via != "organisation":
            if mention.start == at:
                affiliation = mention.actor.name
                at = mention.end
            continue
        if (
            affiliation is not None
            and mention.start == at
            and (scan.span_text(mention.start, mention.end) in scan.words.national_branches)
        ):
            continue  # "the Norwegian Red Cross": a national society, not the ICRC
        return -1, None
    return at, affiliation


_LONG_NAME = 4  # words of generic ones that together still name one body


def _suffix_stop(tokens: Sequence[Token], at: int) -> bool:
    """The full stop of "Corp." or "Ltd.", which belongs to the company's name."""
    return at > 0 and tokens[at].text == "." and tokens[at - 1].text in SUFFIX_ABBREVIATIONS


def organisation_run(scan: Scan, start: int, end: int) -> Found | None:
    """The run as an organisation ending in an organisation word, or None."""
    words = scan.words
    tokens = scan.tokens
    while start < end and (
        (tokens[start].text in words.not_names and not _opens_name(scan, start))
        or not capital(tokens[start])
    ):
        start += 1
    while end > start and not capital(tokens[end - 1]) and not _suffix_stop(tokens, end - 1):
        end -= 1
    if end - start < 2:
        return None
    heads = [at for at in range(start, end) if scan.org_word_at(at)]
    if not heads:
        return None
    after = heads[-1] + 1
    if after < end and scan.keys[after] not in _NAME_CONNECTORS and not _suffix_stop(tokens, after):
        return None  # "National Assembly Speaker Woo Won-shik": a person after the body
    own, affiliation = _state_prefix(scan, start, end)
    if own < 0 or own >= end or heads[-1] < own:
        return None
    texts = [t.text for t in tokens[start:end]]
    if any(t in words.outlet_words for t in texts):
        return None  # "the Daily Planet News Service": a newsroom
    last_head = tokens[heads[-1]].text
    if last_head in words.organ_heads and affiliation is None:
        return None  # "the Culture Ministry": the story's state's, named elsewhere
    distinctive = any(
        t[:1].isupper() and t not in words.org_words and t not in words.generic_org_words
        for t in (tok.text for tok in tokens[own:end])
    )
    long_name = end - own >= _LONG_NAME  # "the National Disaster Response Force"
    if (
        not (distinctive or long_name)
        and affiliation is None
        and last_head in words.org_never_alone
    ):
        return None  # "the Supreme Court", "the Foreign Ministry": named by its state elsewhere
    if own == start and end - start < 2:
        return None
    return Found(start, end, "organisation", affiliation=affiliation)


def _opens_name(scan: Scan, at: int) -> bool:
    """A capitalised common word inside a sentence that opens a body's name ("the ruling
    People Power Party"): kept, where a sentence's first word ("People said …") is not."""
    return (
        at > 0
        and scan.tokens[at - 1].kind == "word"
        and (scan.tokens[at].text in scan.words.name_openers)
    )


def bodies_in_run(scan: Scan, start: int, end: int) -> Iterator[Found]:
    """Organisations named by the capitalised run `start:end` (which may hold a state)."""
    keys = scan.keys
    words = scan.words
    while start < end and scan.tokens[start].text in words.not_names:
        if _opens_name(scan, start):
            break
        start += 1
    if start >= end:
        return
    defined = _defined_acronym(scan, end)
    covering = [m for m in scan.known if m.start <= start and end <= m.end]
    if covering:
        return
    if defined is not None and scan.name_like(start, end):
        own, affiliation = _state_prefix(scan, start, end)
        if own >= 0 and end - start >= 2:
            yield Found(start, end, "organisation", affiliation=affiliation, acronym=defined[0])
            return
    found = organisation_run(scan, start, end)
    if found is not None:
        yield found
        return
    if scan.taken(start, end):
        return
    # "the former rebel movement Renamo", "the seafarers' union Nautilus International"
    before = words.groups.match_before(keys, start)
    naming = words.naming.match_before(keys, start)
    if naming >= 0:
        before = words.groups.match_before(keys, naming)
    if before >= 0 and start - before <= 4 and not (tokens_upper_common(scan, start, end)):
        if naming >= 0:
            end = _and_more(scan, end)  # "called G9 Family and Allies"
        yield Found(start, end, "organisation")
        return
    # "the small Podemos party", "Shining Path rebels"
    if end < len(keys) and scan.tokens[end].text.islower():
        after = words.groups.match_at(keys, end)
        plain_opener = start == 0 and end - start == 1 and scan.tokens[start].text[1:].islower()
        if after >= 0 and not plain_opener and (start == 0 or not capital(scan.tokens[start - 1])):
            # not a sentence's plain first word: "Rights group says", "Emergency agency staff"
            yield Found(start, end, "organisation")
            return
    # "Plataforma Decide, a civil society network that monitors elections, said"
    if end + 1 < len(keys) and keys[end] == "," and keys[end + 1] in ("a", "an", "the"):
        for probe in range(end + 2, min(len(keys), end + 6)):
            found_at = words.groups.match_at(keys, probe)
            if found_at >= 0 and (
                found_at == len(keys)
                or not keys[found_at].isalpha()
                or keys[found_at] in ("that", "which", "of", "for", "in", "based", "representing")
            ):
                yield Found(start, end, "organisation")
                return
            if not scan.tokens[probe].text.islower():
                break
    # "the ombudsman's office (Defensoría del Pueblo)"
    parenthesised = start >= 2 and keys[start - 1] == "(" and end < len(keys) and keys[end] == ")"
    if parenthesised and end - start >= 2 and words.bodies.match_before(keys, start - 1) >= 0:
        yield Found(start, end, "organisation")


def _and_more(scan: Scan, end: int) -> int:
    """A name introduced by "called" may go on over "and": "G9 Family and Allies"."""
    tokens = scan.tokens
    if end + 1 < len(tokens) and scan.keys[end] in ("and", "&") and capital(tokens[end + 1]):
        stop = end + 1
        while stop < len(tokens) and capital(tokens[stop]) and not scan.taken(stop, stop + 1):
            stop += 1
        return stop
    return end


def legislature(
    scan: Scan, start: int, end: int, main_state: Callable[[], str | None]
) -> Found | None:
    """ "Congress voted …": a legislature named alone is the story's state's."""
    if scan.words.legislatures.match_at(scan.keys, start) != end:
        return None
    state = main_state()
    if state is None:
        return None
    if start > 0 and (capital(scan.tokens[start - 1]) or scan.keys[start - 1] in ("'s", "'")):
        return None
    if end < len(scan.tokens) and capital(scan.tokens[end]):
        return None
    return Found(start, end, "organisation", affiliation=state)


def tokens_upper_common(scan: Scan, start: int, end: int) -> bool:
    """A run of one word that is a sentence opener or weekday ("The", "Monday")."""
    return end - start == 1 and scan.tokens[start].text in scan.words.not_names
