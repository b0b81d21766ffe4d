"""People in no dictionary, recognised by how news writing introduces them.

- a role right before the name: "Interior Minister Pascoal Ronda", "candidate Venancio
  Mondlane", "Police spokesman Orlando Mudumane", "Sen. Lindsey Graham";
- a role in apposition after it: "Korir Sing'oei, principal secretary at Kenya's foreign
  ministry, told …", "Tomas Lindqvist, 47, waited …";
- a role in apposition before it: "His vice-president, Dina Boluarte, was sworn in";
- a full name acting or speaking: "Ana Vidal of the Eastbrook Housing Authority said",
  '"…," said Amira Hassan', "according to Omar Haddad".
The role nouns come from the data files (the PETRARCH agents and a hand-written list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from briefings.extract.actors.credits import journalist_of
from briefings.extract.actors.runs import capital
from briefings.extract.actors.scan import Found, Scan, affiliation_of

_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "my"})
_QUOTE_VERBS = frozenset(
    {
        "said",
        "says",
        "added",
        "wrote",
        "asked",
        "told",
        "continued",
        "explained",
        "noted",
        "argued",
        "warned",
        "insisted",
    }
)
_LINKS = frozenset({"of", "for", "at", "with", "from", "in"})
_NOT_APPOSITION = frozenset(
    {
        "where",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "that",
        "while",
        "as",
        "after",
        "before",
        "because",
        "but",
        "and",
        "or",
        "said",
        "says",
        "according",
        "if",
        "although",
        "though",
        "since",
        "until",
    }
)
_HYPHENATED_GIVEN = re.compile(r"^[A-Z][a-z]{1,5}-[a-z]{2,6}$")  # "Geun-hye", "Doo-hwan"
_APPOSITION_END = frozenset({",", ";", ":", ".", "(", ")", "—", "–", "--"})
_MAX_APPOSITION = 16


def person_span(scan: Scan, start: int, end: int) -> tuple[int, int] | None:
    """The person's name inside a capitalised run, without openers; None if not name-shaped."""
    tokens = scan.tokens
    words = scan.words
    while start < end and tokens[start].text in words.not_names:
        start += 1
    while end > start and tokens[end - 1].text in words.not_names:
        end -= 1
    for at in range(start, end):  # "Ana Vidal of Eastbrook …": the person ends at "of"
        if tokens[at].norm in _LINKS and tokens[at].text.islower():
            end = at
            break
    if start >= end or end - start > 5:
        return None
    for at in range(start, end):
        token = tokens[at]
        if token.text in words.not_names or token.text in words.org_words:
            return None
        if words.place_name_parts.match_at(scan.keys, at) >= 0:
            return None  # "Rome Statute"
        if token.kind == "num" or (token.is_upper and len(token.text) > 2):
            return None
    if end - start == 1 and len(tokens[start].text) < 3:
        return None
    if words.roles.match_at(scan.keys, start) >= end:
        return None  # "Sgt.", "Minister": a title, no name
    return start, end


def _role_before(scan: Scan, start: int) -> int:
    """Start of the chain of role phrases right before `start` ("police spokesperson Sgt."),
    or -1. Newsroom roles do not count, unless the story is about the journalist ("the
    murder of journalist Ján Kuciak": `credits` tells the two apart)."""
    head = -1
    at = start
    while True:
        found = scan.words.roles.match_before(scan.keys, at)
        media = scan.words.media_roles.match_before(scan.keys, at)
        if media >= 0:
            if not journalist_of(scan.keys, media):
                return head
            found = media if found < 0 else found
        if found < 0:
            return head
        head = at = found


def _singular_title(role: str, plurals: frozenset[str]) -> str:
    """The title one person holds when a plural one names several ("Justices PS Narasimha
    and …" → "Justice"): the last word loses its plural "s" ("Sens." → "Sen.")."""
    if not any(role == plural or role.endswith(" " + plural) for plural in plurals):
        return role
    head, _, last = role.rpartition(" ")
    single = last[:-2] + "." if last.endswith("s.") else last[:-1]
    return f"{head} {single}" if head else single


def _name_after_a_long_title(scan: Scan, head: int, end: int) -> tuple[int, int] | None:
    """ "Commissioner for Disaster Management Affairs Charles Kalemba": after a title that
    goes on with what it is for, the person is the common given name and the words after it
    (two or three of them, none a body's word)."""
    from briefings.extract.claims.vocabulary import default_vocabulary  # no cycle at call

    given = default_vocabulary().given_names
    tokens = scan.tokens
    for at in range(head + 1, end - 1):
        if tokens[at].norm in given and 2 <= end - at <= 3:
            if scan.keys[head] not in {"for", "of"} and not any(
                scan.keys[j] in {"for", "of"} for j in range(head, at)
            ):
                return None
            span = person_span(scan, at, end)
            if span is not None and _opens_with_given_name(scan, *span):
                return span
    return None


def _initialled_surname(scan: Scan, first: int, last: int) -> bool:
    """ "Taleb A.", "Juraj C.": a given name and the initial of a surname, then its dot and
    no more name (not "Harry S. Truman", not "World War I.")."""
    tokens, keys = scan.tokens, scan.keys
    if last - first != 2 or last >= len(tokens) or keys[last] != ".":
        return False
    given, initial = tokens[first], tokens[last - 1]
    if len(initial.text) != 1 or not initial.text.isupper() or initial.text == "I":
        return False
    if (
        tokens[last].end != len(scan.text)
        and scan.text[tokens[last].end : tokens[last].end + 1] == "."
    ):
        return False
    return (
        len(given.text) >= 3
        and given.is_title
        and not given.is_upper
        and given.text not in scan.words.not_names
        and given.text not in scan.words.org_words
        and scan.words.roles.match_at(keys, first) < 0
    )


def _role_to_a_state(scan: Scan, comma: int) -> bool:
    """ "Iran's ambassador to Lebanon, Mojtaba Amani,": a role, then "to"/"for"/"in" and a
    known actor, right before the comma."""
    mention = scan.known_ending(comma)
    if mention is None or mention.start < 2 or scan.keys[mention.start - 1] not in _ROLE_LINKS:
        return False
    return scan.words.roles.match_before(scan.keys, mention.start - 1) >= 0


_ROLE_LINKS = frozenset({"to", "for", "in", "at"})


def _role_of_a_place(scan: Scan, comma: int) -> bool:
    """ "the mayor of the port city of Manta, Agustín Intriago,": a role, then what it is
    of (lower-case words, "of"/"the", one capitalised place), right before the comma."""
    keys, tokens = scan.keys, scan.tokens
    for at in range(comma - 2, max(-1, comma - 10), -1):
        if keys[at] in (",", ";", ":", "and") or tokens[at].kind != "word":
            return False
        end = scan.words.roles.match_at(keys, at)
        if end < 0 or end >= comma or keys[end] not in ("of", "in"):
            continue
        capitals = [j for j in range(end, comma) if tokens[j].is_title]
        return bool(capitals) and capitals == list(range(capitals[0], comma))
    return False


def _plural_title_before(scan: Scan, first: int) -> str | None:
    """The title held by a name coordinated with one after a plural title ("Justices PS
    Narasimha and JB Pardiwala": Pardiwala's is "Justice"), else None."""
    keys, tokens, words = scan.keys, scan.tokens, scan.words
    at = first - 1
    while at >= 1 and keys[at] in ("and", ","):
        at -= 1
        while at >= 0 and tokens[at].text[:1].isupper():
            role = words.titles.match_before(keys, at)
            if role >= 0:
                text = scan.span_text(role, at)
                if text in words.plural_titles:
                    return _singular_title(text, words.plural_titles)
            at -= 1
    return None


def _affiliation_before(scan: Scan, at: int) -> str | None:
    """The actor named right before a role ("Russian Foreign Ministry spokeswoman", "OAM
    president", "Kosovo police chief")."""
    mention = scan.known_ending(at)
    if mention is not None:
        return affiliation_of(mention.actor)
    for mention in scan.known:
        if mention.start < at < mention.end:  # "Kosovo police" + "police chief"
            return affiliation_of(mention.actor)
    return None


def _apposition_end(scan: Scan, start: int) -> int:
    """End of an apposition starting at token `start` (the next comma or clause mark)."""
    at = start
    limit = min(len(scan.tokens), start + _MAX_APPOSITION)
    while at < limit and scan.tokens[at].text not in _APPOSITION_END:
        at += 1
    return at


def _apposition_role(scan: Scan, start: int, end: int) -> bool:
    """Whether the apposition `start:end` describes a person: a role noun among its first
    words ("a political scientist at", "principal secretary at", "the envoy for Sudan")."""
    keys = scan.keys
    at = start
    if at < end and keys[at] in _NOT_APPOSITION:
        return False  # ", where a police sergeant was killed"
    if keys[at : at + 2] == ["one", "of"]:
        at += 2  # "one of the leaders of the Coalition for Change"
    if at < end and keys[at] in _DETERMINERS:
        at += 1
    for probe in range(at, min(end, at + 6)):
        if keys[probe] in _LINKS:
            return scan.words.roles.match_before(keys, probe) >= 0
        if scan.words.roles.match_at(keys, probe) >= 0 and not (
            scan.words.media_roles.match_at(keys, probe) >= 0
        ):
            return True
    return scan.words.roles.match_before(keys, end) >= 0


def _apposition_affiliation(scan: Scan, start: int, end: int) -> str | None:
    """The body an apposition ties the person to: "of the Red Crescent", "at Kenya's foreign
    ministry" (a named body over a state inside it)."""
    for at in range(start, end):
        if scan.keys[at] not in _LINKS:
            continue
        first = at + 1 + (1 if at + 1 < end and scan.keys[at + 1] == "the" else 0)
        while first + 1 < end and "-" in scan.keys[first] and not capital(scan.tokens[first]):
            first += 1  # "of the pro-Western Coalition for Change"
        inside = [m for m in scan.known if first <= m.start < end]
        run_end = first
        while run_end < end and (
            capital(scan.tokens[run_end])
            or (scan.keys[run_end] in ("of", "for", "and", "'s") and run_end + 1 < end)
        ):
            run_end += 1
        if inside and (
            (inside[0].start == first and inside[0].end >= run_end - 1)
            or (inside[0].via == "organisation")
        ):
            return affiliation_of(inside[0].actor)
        if run_end - first >= 1 and capital(scan.tokens[first]):
            while run_end > first and not capital(scan.tokens[run_end - 1]):
                run_end -= 1
            return scan.span_text(first, run_end)
        if inside:
            return affiliation_of(inside[0].actor)
    inside = [m for m in scan.known if start <= m.start and m.end <= end]
    return affiliation_of(inside[0].actor) if inside else None


def _verb_after(scan: Scan, end: int) -> bool:
    at = end
    keys = scan.keys
    while at < len(keys) and at < end + 4 and keys[at] in scan.words.aux:
        at += 1
    return at < len(keys) and keys[at] in scan.words.verbs


def _opens_with_given_name(scan: Scan, first: int, last: int) -> bool:
    """A run of two or three names opening with a common given name ("Patrick Boisvert"),
    none of them an organisation's word, and not a place's ("Victoria Falls")."""
    from briefings.extract.claims.vocabulary import default_vocabulary  # no cycle at call

    tokens = scan.tokens
    if tokens[first].norm not in default_vocabulary().given_names:
        return False
    words = scan.words
    if any(tokens[at].text in words.org_words for at in range(first, last)):
        return False
    if first > 0 and scan.keys[first - 1] in _PLACE_LINKS:
        return False  # "near Victoria Falls", "in San Jose"
    if scan.keys[last - 1] in _PLACE_HEADS:
        return False  # "visited Victoria Falls", "the George Washington Bridge"
    return all(tokens[at].text[1:].islower() or "-" in tokens[at].text for at in range(first, last))


_PLACE_LINKS = frozenset({"in", "near", "at", "from", "to", "into", "across", "outside"})
_PLACE_HEADS = frozenset(
    {"falls", "bridge", "river", "lake", "street", "square", "park", "airport", "station",
     "mountain", "mountains", "valley", "bay", "island", "islands", "beach", "port", "hills",
     "city", "county", "province", "district", "road", "avenue", "hospital", "school",
     "stadium", "tower", "palace", "hotel", "camp", "market", "centre", "center", "hall",
     "highway", "canal", "dam", "mall", "prison", "college", "university", "church",
     "mosque", "cathedral", "memorial", "museum", "library", "arena", "base", "fort", "town"}
)  # fmt: skip


def _quoted_before(scan: Scan, start: int) -> bool:
    """'"…," said Name' / '…, said Name': the name follows an inverted reporting verb."""
    keys = scan.keys
    if start < 2 or keys[start - 1] not in _QUOTE_VERBS:
        return False
    return scan.tokens[start - 2].text in (",", '"', "”", "’", "'") or keys[start - 2] == "also"


def _according_before(scan: Scan, start: int) -> bool:
    keys = scan.keys
    at = start - 1 if start > 0 and keys[start - 1] == "the" else start
    return at >= 2 and keys[at - 2 : at] == ["according", "to"]


def people_in_run(scan: Scan, start: int, end: int) -> Iterator[Found]:
    """People named in the free capitalised run `start:end`."""
    keys = scan.keys
    words = scan.words
    if _initialled_surname(scan, start, end):
        yield Found(start, end + 1, "person")  # "Taleb A.", "Stefanos P.": a name the press
        return  # shortens to an initial (suspects, victims, witnesses)
    portfolio = _second_portfolio(scan, start, end)
    if portfolio is not None:
        role_from, start = portfolio
        span = person_span(scan, start, end)
        if span is not None:
            yield Found(span[0], span[1], "person", scan.span_text(role_from, start))
        return
    # a role inside the run: "Interior Minister Pascoal Ronda", "Councilwoman Ana Vidal"
    role_start = start
    head = start
    while head < end:
        found = words.roles.match_at(keys, head)
        if found < 0 or found >= end:
            break
        head = found
    if head == start or person_span(scan, head, end) is None:
        # a role further in: "Migrant Workers Secretary Hans Leo Cacdac", "Maui County Mayor
        # Richard Bissen"
        for probe in range(end - 2, start, -1):
            found = words.roles.match_at(keys, probe)
            fits = 0 <= found < end and scan.tokens[probe].is_title and end - found >= 2
            if fits and person_span(scan, found, end) is not None:
                head = found
                break
    role_before = _role_before(scan, start)
    span = person_span(scan, head, end)
    if span is None and head > start:
        span = _name_after_a_long_title(scan, head, end)
    if span is None:
        return
    first, last = span
    if head > role_start or role_before >= 0:
        role_from = role_before if role_before >= 0 else role_start
        role = _singular_title(scan.span_text(role_from, head), words.plural_titles)
        if words.media_roles.match_at(keys, role_from) < 0 or journalist_of(keys, role_from):
            yield Found(first, last, "person", role, _affiliation_before(scan, role_from))
        return
    count = last - first
    # an apposition after the name: ", the secretary of Armenia's Security Council,"
    if last < len(keys) and keys[last] == ",":
        close = _apposition_end(scan, last + 1)
        if (
            close == last + 2
            and scan.tokens[last + 1].kind == "num"
            and (close < len(keys) and keys[close] == ",")
        ):
            yield Found(first, last, "person")  # "Tomas Lindqvist, 47,"
            return
        titled = any(words.roles.match_at(keys, j) >= 0 for j in range(first, last))
        if keys[last + 1 : last + 3] == ["one", "of"] and titled:
            return  # "Boston Mayor Marty Walsh, one of …": the run is not one name
        if count >= 2 and close > last + 1 and _apposition_role(scan, last + 1, close):
            text = scan.span_text(last + 1, close)
            for article in ("the ", "a ", "an "):
                if text.startswith(article):
                    text = text[len(article) :]
            yield Found(first, last, "person", text, _apposition_affiliation(scan, last + 1, close))
            return
    # an apposition before it: "His vice-president, Dina Boluarte,"
    if (
        first >= 2
        and keys[first - 1] == ","
        and (
            words.roles.match_before(keys, first - 1) >= 0
            or _role_to_a_state(scan, first - 1)
            or (last < len(keys) and keys[last] == "," and _role_of_a_place(scan, first - 1))
        )
    ):
        if last + 1 < len(keys) and keys[last] == ".":
            return  # "his opponent, Vermont Sen. Bernie Sanders": a title cut at its dot
        yield Found(first, last, "person")
        return
    if (
        count >= 2
        and first >= 2
        and keys[first - 1] in ("'s", "'")
        and (scan.known_ending(first) is not None or scan.tokens[first - 2].is_title)
    ):
        yield Found(first, last, "person", affiliation=_affiliation_before(scan, first))
        return  # "Frelimo's Daniel Chapo"
    if count >= 2 and keys[last : last + 2] in ([",", "alias"], [",", "aka"], ["alias"]):
        yield Found(first, last, "person")  # "Adolfo Macías, alias "Fito","
        return
    plural = _plural_title_before(scan, first)
    if plural is not None:
        yield Found(first, last, "person", plural)  # "Justices PS Narasimha and *JB Pardiwala*"
        return
    if 2 <= count <= 3 and _HYPHENATED_GIVEN.match(scan.tokens[last - 1].text):
        yield Found(first, last, "person")  # "Park Geun-hye", "Woo Won-shik": a Korean name
        return
    if count < 2:
        if _coordinated_subject(scan, first, last):
            yield Found(first, last, "name")  # "including Maersk and Hapag-Lloyd said"
        return
    if count <= 3 and _opens_with_given_name(scan, first, last):
        yield Found(first, last, "person")  # "while Ariel Henry is abroad"
        return
    if _verb_after(scan, last) or _quoted_before(scan, first) or _according_before(scan, first):
        yield Found(first, last, "name")
        return
    if count <= 3 and _surname_repeated(scan, first, last):
        yield Found(first, last, "person")  # "a camp of Jair Bolsonaro supporters"
        return
    if last < len(keys) and keys[last] in ("of", "from") and _body_follows(scan, last + 1):
        yield Found(first, last, "person")  # "Ossufo Momade of the former rebel movement Renamo"
        return
    if first > 0 and keys[first - 1] == "," and last < len(keys) and keys[last] == ",":
        if _verb_after(scan, last + 1):
            yield Found(first, last, "name")  # "The head of the … Office (BKA), Holger Münch, told"
            return
        close = _apposition_end(scan, last + 1)
        if _verb_after(scan, close + 1) if close < len(keys) and keys[close] == "," else False:
            yield Found(first, last, "name")  # "The U.N. envoy for Sudan, Volker Perthes, said"


def _second_portfolio(scan: Scan, start: int, end: int) -> tuple[int, int] | None:
    """A run that opens with a minister's second portfolio ("Minister of Justice and *Public
    Security Flávio Dino*"): where the role starts and where the name does."""
    keys = scan.keys
    if start < 2 or keys[start - 1] != "and":
        return None
    role_from = scan.words.roles.match_before(keys, start - 1)
    area_end = scan.words.ministry_areas.match_at(keys, start)
    if role_from < 0 or not start < area_end < end:
        return None
    return role_from, area_end


def _surname_repeated(scan: Scan, first: int, last: int) -> bool:
    """The name's last word stands alone elsewhere in the article, as a surname does; its
    first word is a plain capitalised word, not an initial or a place's part."""
    head, tail = scan.tokens[first], scan.tokens[last - 1]
    if not scan.lone or len(head.text) < 3 or not head.text[1:].isalpha():
        return False
    if head.text in scan.words.not_names or tail.text in scan.words.not_names:
        return False
    return tail.is_word and tail.text[:1].isupper() and tail.norm in scan.lone


def _coordinated_subject(scan: Scan, start: int, end: int) -> bool:
    """A one-word name inside a sentence, alone or with another, before a reporting verb:
    "… including Maersk and Hapag-Lloyd said"."""
    keys = scan.keys
    if start == 0 or capital(scan.tokens[start - 1]) or keys[start - 1] in ("the", "'s", "'"):
        return False
    if scan.tokens[start].text in scan.words.not_names or len(scan.tokens[start].text) < 3:
        return False
    if _verb_after(scan, end):
        return keys[start - 1] in ("and", "including", ",")
    if end + 2 < len(keys) and keys[end] == "and" and capital(scan.tokens[end + 1]):
        return _verb_after(scan, end + 2)
    return False


def _body_follows(scan: Scan, at: int) -> bool:
    """A named body within a few words: "of the former rebel movement Renamo"."""
    for probe in range(at, min(len(scan.tokens), at + 6)):
        token = scan.tokens[probe]
        if capital(token):
            return (
                any(m.start == probe for m in scan.known)
                or any(
                    scan.org_word_at(p)
                    for p in range(probe, min(len(scan.tokens), probe + 5))
                    if capital(scan.tokens[p])
                )
                or scan.words.bodies.match_before(scan.keys, probe) >= 0
            )
        if token.kind != "word":
            return False
    return False
